// Diagnostics are plain data with offsets, as in the TypeScript compiler: phases collect them and
// go on; line and column are computed only when printing. What a diagnostic says is a message
// (dsl/message.ts): its code and arguments, rendered at the edge — both languages on the command
// line, one in the UI.
import { getMessage, renderBoth, type Severity } from './messages.ts';
import { msg, type Arg, type Message, type Text } from './message.ts';
import { lineIndex, positionAt, type LineIndex } from './source.ts';
import type { Span } from './policy-model.ts';

export type { Severity };

/** A second place a finding names: the parameter whose unit clashes, the first of two duplicates. */
export interface Related {
  start: number;
  end: number;
  message: Text;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  file: string;
  /** UTF-16 offsets into the file's text, [start, end). */
  start: number;
  end: number;
  /** The finding: `code`'s catalogue entry with its arguments. */
  message: Message;
  /** The article this finding rests on (a law article or the policy's own cite), if any. */
  cite?: string;
  related?: Related[];
}

/** Builds a diagnostic from the catalogue: severity and wording come from dsl/messages.ts. */
export function diag(
  file: string,
  code: string,
  span: Span | undefined,
  args: Record<string, Arg> = {},
  extra: { cite?: string; severity?: Severity; related?: Related[] } = {},
): Diagnostic {
  const m = getMessage(code);
  const d: Diagnostic = {
    code,
    severity: extra.severity ?? m?.severity ?? 'error',
    file,
    start: span?.start ?? 0,
    end: span?.end ?? span?.start ?? 0,
    message: msg(code, args),
  };
  const cite = extra.cite ?? m?.cite;
  if (cite) d.cite = cite;
  if (extra.related?.length) d.related = extra.related;
  return d;
}

/** A related place as printed: its line and column, its message in both languages and as data. */
export interface PrintedRelated {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Both languages, as the command line prints it. */
  message: string;
  text: Text;
}

export interface PrintedDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  /** Both languages, as the command line prints it. */
  message: string;
  /** The message as data, for a reader that shows one language (the UI). */
  text: Text;
  cite: string | null;
  related?: PrintedRelated[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code),
  );
}

function place(index: LineIndex, span: { start: number; end: number }) {
  const s = positionAt(index, span.start);
  const e = positionAt(index, Math.max(span.start, span.end));
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

export function toPrinted(d: Diagnostic, index: LineIndex): PrintedDiagnostic {
  const p: PrintedDiagnostic = {
    file: d.file,
    ...place(index, d),
    severity: d.severity,
    code: d.code,
    message: renderBoth(d.message),
    text: d.message,
    cite: d.cite ?? null,
  };
  if (d.related?.length) p.related = d.related.map((r) => ({ ...place(index, r), message: renderBoth(r.message), text: r.message }));
  return p;
}

/** `file:line:column: severity code message` */
export function formatText(p: PrintedDiagnostic): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}`;
}

/** Prints a file's diagnostics in source order. */
export function printDiagnostics(ds: Diagnostic[], text: string): PrintedDiagnostic[] {
  const index = lineIndex(text);
  return sortDiagnostics(ds).map((d) => toPrinted(d, index));
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}
