// Names people type — a town, a village, a user's name or region — and short free text: one
// normal form (NFKC, trimmed), so that the same place typed with full-width letters or a stray
// space is the same string, and one set of refusals for characters that hide or reorder text on a
// screen (NUL and other controls, bidi overrides and isolates, zero-width marks). Pure: the
// browser's forms check with the same rules as the server, and say why as a message
// (dsl/phrases/case.ts text.*).

import { msg, type Message } from './message.ts';

/** The longest name (user, town, village, group, region), in characters after normalising. */
export const MAX_NAME_LENGTH = 64;
/** The longest short free-text field (a note, a reason), in characters after normalising. */
export const MAX_TEXT_LENGTH = 200;

// C0 and C1 controls and DEL; the Arabic letter mark, zero-width space/joiners, LRM/RLM; line and
// paragraph separators; bidi embeddings, overrides and isolates; word joiner and invisible
// operators; the BOM; interlinear annotation marks.
const HIDDEN =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb';
const IN_NAME = new RegExp(`[\\t\\n\\r${HIDDEN}]`, 'u');
const IN_TEXT = new RegExp(`[${HIDDEN}]`, 'u');
// With the u flag a surrogate range matches only halves that are not part of a pair.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

export type TextCheck = { ok: true; value: string } | { ok: false; message: Message };

export interface TextRules {
  /** At most this many characters (default MAX_NAME_LENGTH). */
  max?: number;
  /** Tabs and line breaks allowed (free text); names are one line. */
  multiline?: boolean;
  /** The empty string allowed (default: refused). */
  allowEmpty?: boolean;
}

/**
 * The normal form of a typed name or short text, or why it is refused: not a string, empty, too
 * long, or holding a control, bidi or zero-width character (named by its code point).
 */
export function checkText(v: unknown, rules: TextRules = {}): TextCheck {
  const max = rules.max ?? MAX_NAME_LENGTH;
  if (typeof v !== 'string') return { ok: false, message: msg('text.notText', { got: v === null ? 'null' : typeof v }) };
  if (LONE_SURROGATE.test(v)) return { ok: false, message: msg('text.loneSurrogate') };
  const value = v.normalize('NFKC').trim();
  const bad = (rules.multiline ? IN_TEXT : IN_NAME).exec(value);
  if (bad) {
    const cp = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return { ok: false, message: msg('text.hidden', { cp }) };
  }
  if (value === '' && !rules.allowEmpty) return { ok: false, message: msg('S006') };
  const n = [...value].length;
  if (n > max) return { ok: false, message: msg('text.tooLong', { max, n }) };
  return { ok: true, value };
}
