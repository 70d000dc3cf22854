// Personal data in case JSON, masked for those who may not read it in full (researchers, officers)
// and in exports (domain.md §7). Masking works on any JSON shape — case data, snapshots, event
// payloads, documents' models — so a new field carrying an ID number is still caught.
//
// Free text is searched on its normal form, the way a person reads it, not on its bytes: full-width
// digits (４５０７…) and other NFKC forms count as digits, spaces and dashes between digits are
// ignored (4507 0219 6803 1512 35, 450702-19680315-1235), and both 18-character IDs (17 digits and
// a check digit or X) and the older 15-digit ones are found. The masked text keeps its layout.
import { maskIdNumber } from '../documents/idcard.ts';

/** Keys whose string value is an identity number, in the case model's English and the policy labels' Chinese. */
export const ID_NUMBER_KEYS: ReadonlySet<string> = new Set(['idNumber', '身份证号', '身份证号码', '公民身份号码']);

// What may stand between the digits of one number as it is typed: whitespace (U+3000 becomes a
// space under NFKC), hyphens and dashes, the minus sign, and invisible joiners and marks.
const SEPARATOR = /^[\s\u00ad\u2010-\u2015\u2212\u2043\ufe58\ufe63\u200b-\u200d\u2060\ufeff-]+$/u;
// An ID glued to letters is still an ID ("ID450702…"), unless the run of letters and digits is as
// long as a hash or a ULID: then it is an identifier that happens to hold 18 digits.
const MAX_TOKEN = 24;

type Kind = 'digit' | 'x' | 'sep' | 'alnum' | 'other';
interface Unit {
  kind: Kind;
  /** The code point's normal form: its digits for 'digit' (one code point may give two, ⑩ → 10). */
  norm: string;
  start: number;
  end: number;
  /** After masking: the characters to print instead of the original. */
  out?: string[];
}

function units(text: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  for (const ch of text) {
    const norm = ch.normalize('NFKC');
    const kind: Kind = /^[0-9]+$/.test(norm)
      ? 'digit'
      : norm === 'X' || norm === 'x'
        ? 'x'
        : norm === '' || SEPARATOR.test(norm)
          ? 'sep'
          : /^[A-Za-z]+$/.test(norm)
            ? 'alnum'
            : 'other';
    out.push({ kind, norm, start: i, end: i + ch.length });
    i += ch.length;
  }
  return out;
}

/** A run of digits, with the X right after it if any: [from, to) in units. */
interface Group {
  from: number;
  to: number;
  digits: number;
  x: boolean;
}

const glued = (u: Unit | undefined) => u !== undefined && (u.kind === 'alnum' || u.kind === 'x' || u.kind === 'digit');

/** The length of the run of letters and digits (no separators) around the group at units [from, to). */
function tokenLength(us: Unit[], from: number, to: number): number {
  let a = from;
  let b = to;
  while (a > 0 && glued(us[a - 1])) a--;
  while (b < us.length && glued(us[b])) b++;
  return us.slice(a, b).reduce((n, u) => n + u.norm.length, 0);
}

/** 15 or 18 digits, or 17 and the check character X; a stray X after 15 or 18 digits hides nothing. */
function isIdShape(digits: number, x: boolean): boolean {
  return digits === 15 || digits === 18 || (x && digits === 17);
}

/** Masks every ID number embedded in a text, in whatever width and with whatever separators it was typed. */
export function maskIdNumbersInText(text: string): string {
  // Fast path: no character that is or normalises to a digit.
  if (!/\p{N}/u.test(text)) return text;
  const us = units(text);
  let touched = false;
  for (let i = 0; i < us.length;) {
    if (us[i]!.kind !== 'digit') {
      i++;
      continue;
    }
    // A run: groups of digits joined by separators only.
    const groups: Group[] = [];
    let j = i;
    for (;;) {
      const from = j;
      let digits = 0;
      while (j < us.length && us[j]!.kind === 'digit') digits += us[j++]!.norm.length;
      let k = j;
      while (k < us.length && us[k]!.kind === 'sep') k++;
      // The check character X ends the number, typed right after the digits or apart ("… 123 X").
      if (k < us.length && us[k]!.kind === 'x') {
        groups.push({ from, to: k + 1, digits, x: true });
        break;
      }
      groups.push({ from, to: j, digits, x: false });
      if (k === j || k >= us.length || us[k]!.kind !== 'digit') break;
      j = k;
    }
    for (let a = 0; a < groups.length; a++) {
      let digits = 0;
      for (let b = a; b < groups.length; b++) {
        const g = groups[b]!;
        digits += g.digits;
        if (digits > 18) break;
        if (!isIdShape(digits, g.x)) continue;
        const from = groups[a]!.from;
        const to = g.to;
        // Glued to letters: only if that run of letters and digits is short. Letters before are a
        // label ("ID450702…"); a letter right after 15 digits in one block makes a code (land
        // certificate numbers end in one: 450702202300123J).
        const left = a === 0 && glued(us[from - 1]);
        const right = b === groups.length - 1 && glued(us[to]);
        if (right && a === b && digits + (g.x ? 1 : 0) < 18) continue;
        if (left && tokenLength(us, from, groups[a]!.to) > MAX_TOKEN) continue;
        if (right && tokenLength(us, g.from, to) > MAX_TOKEN) continue;
        maskWindow(us, groups.slice(a, b + 1));
        touched = true;
      }
    }
    i = groups[groups.length - 1]!.to;
  }
  if (!touched) return text;
  let out = '';
  for (const u of us) out += u.out ? u.out.join('') : text.slice(u.start, u.end);
  return out;
}

function maskWindow(us: Unit[], groups: Group[]): void {
  const cells: { unit: Unit; index: number }[] = [];
  let id = '';
  for (const g of groups) {
    for (let k = g.from; k < g.to; k++) {
      const u = us[k]!;
      const chars = u.kind === 'x' ? ['X'] : [...u.norm];
      u.out ??= chars;
      chars.forEach((c, index) => {
        cells.push({ unit: u, index });
        id += c;
      });
    }
  }
  const masked = maskIdNumber(id);
  // Where two windows overlap, a character hidden by either stays hidden.
  cells.forEach(({ unit, index }, n) => {
    if (masked[n] === '*') unit.out![index] = '*';
  });
}

/**
 * A copy of `value` with identity numbers masked: values under ID_NUMBER_KEYS in full, any ID
 * number found inside other strings or object keys, and whole numbers of 15 or 18 digits. The
 * input is not modified.
 */
export function maskPersonalData<T>(value: T): T {
  return walk(value, false, 0) as T;
}

const MAX_DEPTH = 200;

function walk(v: unknown, isId: boolean, depth: number): unknown {
  if (typeof v === 'string') return isId ? maskIdNumber(v) : maskIdNumbersInText(v);
  if (typeof v === 'number') {
    if (isId) return maskIdNumber(String(v));
    // An ID typed into a number field: JSON keeps 15 digits exactly and 18 nearly.
    return Number.isInteger(v) && /^-?(\d{15}|\d{18})$/.test(String(v)) ? maskIdNumbersInText(String(v)) : v;
  }
  if (v === null || typeof v !== 'object') return v;
  // Deeper than any case is nested: drop it rather than risk echoing what could not be checked.
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(v)) return v.map((x) => walk(x, isId, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    out[maskIdNumbersInText(k)] = walk(x, isId || ID_NUMBER_KEYS.has(k), depth + 1);
  return out;
}
