// Diagnostics are plain data with offsets, as in the TypeScript compiler: phases collect them and
// go on; line and column are computed only when printing.
import { messageFor, type Severity } from './messages.ts';
import { lineIndex, positionAt, type LineIndex } from './source.ts';
import type { Span } from './policy-model.ts';

export type { Severity };

export interface Diagnostic {
  code: string;
  severity: Severity;
  file: string;
  /** UTF-16 offsets into the file's text, [start, end). */
  start: number;
  end: number;
  /** Chinese first, then English. */
  message: string;
  /** The article this finding rests on (a law article or the policy's own cite), if any. */
  cite?: string;
  related?: { start: number; end: number; message: string }[];
}

/** Builds a diagnostic from the catalogue: severity and wording come from dsl/messages.ts. */
export function diag(
  file: string,
  code: string,
  span: Span | undefined,
  args: Record<string, string | number> = {},
  extra: { cite?: string; severity?: Severity; related?: Diagnostic['related'] } = {},
): Diagnostic {
  const m = messageFor(code, args);
  const d: Diagnostic = {
    code,
    severity: extra.severity ?? m.severity,
    file,
    start: span?.start ?? 0,
    end: span?.end ?? span?.start ?? 0,
    message: m.text,
  };
  const cite = extra.cite ?? m.cite;
  if (cite) d.cite = cite;
  if (extra.related) d.related = extra.related;
  return d;
}

export interface PrintedDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  cite: string | null;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code),
  );
}

export function toPrinted(d: Diagnostic, index: LineIndex): PrintedDiagnostic {
  const s = positionAt(index, d.start);
  const e = positionAt(index, Math.max(d.start, d.end));
  return {
    file: d.file,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    severity: d.severity,
    code: d.code,
    message: d.message,
    cite: d.cite ?? null,
  };
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
