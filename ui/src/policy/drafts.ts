// Unsaved policy texts kept in the browser (localStorage), one per policy: written as the officer
// types, offered again when the policy is opened, dropped once published or discarded. A draft
// remembers the version it was edited from, so the officer is told when the policy has changed since.
export interface Draft {
  text: string;
  /** The hash of the saved text the draft was edited from. */
  base: string;
  /** When the draft was last written (ISO instant). */
  savedAt: string;
}

const key = (policy: string) => `landflow.policyDraft.${policy}`;

export function readDraft(policy: string): Draft | null {
  try {
    const d = JSON.parse(localStorage.getItem(key(policy)) ?? 'null') as Draft | null;
    return d && typeof d.text === 'string' && typeof d.base === 'string' ? d : null;
  } catch {
    return null;
  }
}

export function writeDraft(policy: string, text: string, base: string, now = new Date()): void {
  try {
    localStorage.setItem(key(policy), JSON.stringify({ text, base, savedAt: now.toISOString() } satisfies Draft));
  } catch {
    // Storage full or private mode: the unsaved-changes prompt still guards the text.
  }
}

export function dropDraft(policy: string): void {
  try {
    localStorage.removeItem(key(policy));
  } catch {
    // nothing kept, nothing to drop
  }
}
