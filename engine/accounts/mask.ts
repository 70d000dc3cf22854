// Personal data in case JSON, masked for those who may not read it in full (researchers, officers)
// and in exports (domain.md §7). Masking works on any JSON shape — case data, snapshots, event
// payloads, documents' models — so a new field carrying an ID number is still caught.
import { maskIdNumber } from '../documents/idcard.ts';

/** Keys whose string value is an identity number, in the case model's English and the policy labels' Chinese. */
export const ID_NUMBER_KEYS: ReadonlySet<string> = new Set(['idNumber', '身份证号', '身份证号码', '公民身份号码']);

// An 18-character ID inside free text: not part of a longer run of letters or digits (hashes, ids).
const EMBEDDED_ID = /(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g;

/** Masks every ID number embedded in a text. */
export function maskIdNumbersInText(text: string): string {
  return text.replace(EMBEDDED_ID, (m) => maskIdNumber(m));
}

/**
 * A copy of `value` with identity numbers masked: values under ID_NUMBER_KEYS in full, and any
 * 18-character ID number found inside other strings. The input is not modified.
 */
export function maskPersonalData<T>(value: T): T {
  return walk(value, false, 0) as T;
}

const MAX_DEPTH = 200;

function walk(v: unknown, isId: boolean, depth: number): unknown {
  if (typeof v === 'string') return isId ? maskIdNumber(v) : maskIdNumbersInText(v);
  if (v === null || typeof v !== 'object') return isId && typeof v === 'number' ? maskIdNumber(String(v)) : v;
  // Deeper than any case is nested: drop it rather than risk echoing what could not be checked.
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(v)) return v.map((x) => walk(x, isId, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = walk(x, isId || ID_NUMBER_KEYS.has(k), depth + 1);
  return out;
}
