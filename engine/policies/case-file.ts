// Case JSON from a file: the one reader every command uses (eval, render, compare, case open,
// --payload-file) and the checker's example cases. A regular file of at most MAX_CASE_BYTES
// (files.ts), and a syntax error told by line and column (dsl/json-text.ts) — never by quoting
// the text: a case file holds ID numbers and names, and messages end up in logs.
import { parseJsonText } from '../../dsl/json-text.ts';
import { msg, type Text } from '../../dsl/message.ts';
import { readRegularFile, type ReadResult } from './files.ts';

/** The largest case file read: a household with its parcels is a few KiB. */
export const MAX_CASE_BYTES = 1024 * 1024;

/** Why a read failed, never carrying the file's content. */
export function readProblem(r: Exclude<ReadResult, { ok: true }>): Text {
  return r.missing ? msg('file.missing') : { zh: r.rule, en: r.ruleEn };
}

/** JSON text as data, or where it stops being JSON (line and column; the text is not quoted). */
export function parseJsonData(text: string): { data: unknown } | { error: Text } {
  const r = parseJsonText(text);
  if (r.ok) return { data: r.value };
  const { line, column } = r.position;
  return { error: msg('file.notJson', { line, column }) };
}

/** A file read by files.ts, as case data or the reason it is none. */
export function caseFromRead(r: ReadResult): { data: unknown } | { error: Text } {
  return r.ok ? parseJsonData(r.text) : { error: readProblem(r) };
}

/** Reads a case JSON file a user named on the command line (a regular file, size-capped). */
export function readCaseFile(path: string): { data: unknown } | { error: Text } {
  return caseFromRead(readRegularFile(path, MAX_CASE_BYTES));
}
