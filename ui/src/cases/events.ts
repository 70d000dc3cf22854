// What a case's events mean to a person: a readable name for each event type (never the internal
// type), when and how each co-owner's consent came into the record, and the refusals a clerk met
// on a case in this browser session. Pure, apart from the session store at the end.
import type { CaseData } from '../../../dsl/case-model.ts';
import { STEP_KIND_DECLS, STEP_KINDS, type StepEvent } from '../../../dsl/steps/index.ts';
import { CORE_EVENT_TYPES, type CoreEventType } from '../../../engine/run/events.ts';
import type { CaseEvent } from '../api.ts';
import { t, type Key } from '../i18n.ts';
import type { Said } from '../common/content.ts';

/**
 * The event types engine/run writes: the core ones (engine/run/events.ts) and each step kind's
 * (dsl/steps/); test/ui/events.test.ts holds them to the runner's reducers.
 */
export const EVENT_TYPES: readonly EventType[] = [
  ...CORE_EVENT_TYPES,
  ...STEP_KINDS.flatMap((k) => Object.keys(STEP_KIND_DECLS[k].events) as StepEvent[]),
];

export type EventType = CoreEventType | StepEvent;

const isEventType = (type: string): type is EventType => (EVENT_TYPES as readonly string[]).includes(type);

/** The event's name in the UI's language; an event type this UI does not know is "other record". */
export function eventLabel(type: string): string {
  return isEventType(type) ? t(`event.${type}` as Key) : t('event.other');
}

/** How a co-owner's consent is in the record. */
export interface ConsentEntry {
  consents: boolean;
  /** The day it was recorded: the case's opening day, or the day of the command that brought it. */
  date: string;
  /** The clerk's note on that command (how it was given: 书面签字, 按手印 …). */
  note?: string;
  /** The event it came with (its seq in the trail). */
  seq: number;
  /** Given with the application the case was opened from. */
  atOpening: boolean;
}

const membersOf = (c: unknown): { name: string; consents?: boolean }[] =>
  ((c as CaseData | undefined)?.household?.members ?? []) as { name: string; consents?: boolean }[];

/** For every member named in the trail, the last word on their consent. */
export function consentHistory(events: CaseEvent[]): Map<string, ConsentEntry> {
  const out = new Map<string, ConsentEntry>();
  let known = new Map<string, boolean | undefined>();
  for (const e of events) {
    const p = (e.payload ?? {}) as Record<string, unknown>;
    if (e.type === 'CaseOpened') {
      known = new Map(membersOf(p.case).map((m) => [m.name, m.consents]));
      for (const [name, yes] of known)
        if (yes === true) out.set(name, { consents: true, date: String(p.on ?? ''), seq: e.seq, atOpening: true });
    } else if ((e.type === 'ApplicationSubmitted' || e.type === 'WrittenNoticeReceived') && p.case) {
      for (const m of membersOf(p.case)) {
        if (m.consents !== known.get(m.name) && m.consents !== undefined) {
          out.set(m.name, {
            consents: m.consents,
            date: String(p.date ?? ''),
            seq: e.seq,
            atOpening: false,
            ...(p.note ? { note: String(p.note) } : {}),
          });
        }
      }
      known = new Map(membersOf(p.case).map((m) => [m.name, m.consents]));
    } else if (e.type === 'ConsentRecorded' && typeof p.name === 'string') {
      known.set(p.name, p.consents === true);
      out.set(p.name, {
        consents: p.consents === true,
        date: String(p.date ?? ''),
        seq: e.seq,
        atOpening: false,
        ...(p.note ? { note: String(p.note) } : {}),
      });
    }
  }
  return out;
}

/** A consent the clerk has taken down, to go to the server with the next command that carries consents. */
export interface PendingConsent {
  name: string;
  consents: boolean;
  date: string;
  /** How it was given (书面签字, 按手印 …), as the clerk chose it. */
  how: string;
}

/** The note that records pending consents on the command they travel with (kept in the event). */
export function consentNote(pending: PendingConsent[]): string {
  return `家庭共有人意见：${pending.map((p) => `${p.name} ${p.consents ? '同意' : '不同意'}（${p.how}，${p.date}）`).join('；')}`;
}

/** A refusal the clerk met on this case: which action, what the server said, when. */
export interface MetRefusal {
  command: string;
  /** What the server said, as data when it sent it so (shown in the UI's language). */
  message: Said;
  cite?: string;
  code: string;
  at: string;
}

const refusalKey = (caseId: string) => `landflow.refusals.${caseId}`;
const pendingKey = (caseId: string) => `landflow.pendingConsents.${caseId}`;

function readList<T>(key: string): T[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

function writeList<T>(key: string, list: T[]): void {
  try {
    if (list.length) sessionStorage.setItem(key, JSON.stringify(list));
    else sessionStorage.removeItem(key);
  } catch {
    // the list lasts for this page only
  }
}

/** Refusals and pending consents last for the browser session (a reload keeps them, a new session starts empty). */
export const sessionRecord = {
  refusals: (caseId: string) => readList<MetRefusal>(refusalKey(caseId)),
  addRefusal: (caseId: string, r: MetRefusal) => writeList(refusalKey(caseId), [...readList<MetRefusal>(refusalKey(caseId)), r].slice(-50)),
  pending: (caseId: string) => readList<PendingConsent>(pendingKey(caseId)),
  setPending: (caseId: string, list: PendingConsent[]) => writeList(pendingKey(caseId), list),
};
