// The editor's one link to the policy checker. The checker (dsl/index.ts: checkPolicyPartial) and
// the example runner (engine/evaluate) are pure TypeScript and run here in the browser, so the
// editor finds what the server's check finds — a failing example included — as the officer types.
// The server's own diagnostics of a text (a check, a refused publish) are merged in by
// mergeDiagnostics, so the list, the badge and the underlines never disagree with the server.
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Policy } from '../../../dsl/policy-model.ts';
import { lineIndex, positionAt, type LineIndex } from '../../../dsl/source.ts';
import type { ExampleResult } from '../../../engine/evaluate/index.ts';
import type { ServerDiagnostic } from '../api.ts';
import { msg, type Text } from '../../../dsl/message.ts';
import { loadExampleCase } from '../common/example-cases.ts';

export interface EditorDiagnostic {
  /** UTF-16 offsets into the text, [from, to). */
  from: number;
  to: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  /** What it says, as data: the list and the underlines show it in the UI's language. */
  message: Text;
  /** The article: the finding's own, or the one the entry it sits in cites. */
  cite?: string;
  line: number; // 1-based
  column: number; // 1-based, in code points (as the server counts)
  /** Found by the server only (not by the checker in the browser). */
  server?: boolean;
  /** Another file than the policy text (a form template): listed, not underlined. */
  elsewhere?: string;
}

export interface CheckOutcome {
  policy?: Policy;
  diagnostics: EditorDiagnostic[];
  /** The examples run on the text, when it has no error that stops them. */
  examples?: ExampleResult[] | { error: Text };
}

/** Runs every example; case files are the bundled examples/*.json, loaded first. */
export async function runPolicyExamples(policy: Policy): Promise<ExampleResult[] | { error: Text }> {
  const { compilePolicy, runExamples } = await import('../../../engine/evaluate/index.ts');
  const files = [...new Set(policy.examples.map((e) => e.caseFile).filter((f): f is string => !!f))];
  const loaded = new Map(await Promise.all(files.map(async (f) => [f, await loadExampleCase(f)] as const)));
  try {
    return runExamples(compilePolicy(policy), (path) => {
      const data = loaded.get(path);
      return data ? { data } : { error: msg('example.notBundled', { path }) };
    });
  } catch (e) {
    // A policy with errors may not compile; the diagnostics tab says why.
    const why = String((e as Error)?.message ?? e);
    return { error: { zh: why, en: why } };
  }
}

function normalSeverity(s: string | undefined): EditorDiagnostic['severity'] {
  return s === 'warning' || s === 'warn' ? 'warning' : s === 'info' || s === 'note' || s === 'advice' || s === 'hint' ? 'info' : 'error';
}

function clamp(n: number, text: string): number {
  return Math.max(0, Math.min(text.length, Number.isFinite(n) ? n : 0));
}

/** The offset of a 1-based line and code-point column (positionAt's inverse), clamped to the text. */
export function offsetAt(index: LineIndex, line: number, column: number): number {
  const l = Math.max(1, Math.min(line, index.starts.length));
  const start = index.starts[l - 1]!;
  const end = l < index.starts.length ? index.starts[l]! - 1 : index.text.length;
  let off = start;
  for (let c = 1; c < column && off < end; c++) off += index.text.codePointAt(off)! > 0xffff ? 2 : 1;
  return off;
}

/**
 * The article of the innermost entry around an offset that has a `cite:` (a rule, a step, a
 * parameter), for a finding that names none of its own.
 */
export function enclosingCite(root: YamlNode | null | undefined, offset: number): string | undefined {
  let found: string | undefined;
  const visit = (n: unknown) => {
    if (!n || typeof n !== 'object' || !('range' in n)) return;
    const range = (n as YamlNode).range;
    if (!range || offset < range[0] || offset > range[1]) return;
    if (isMap(n)) {
      const cite = n.items.find((p) => isScalar(p.key) && p.key.value === 'cite');
      if (cite && isScalar(cite.value) && typeof cite.value.value === 'string') found = cite.value.value;
      for (const p of n.items) visit(p.value);
    } else if (isSeq(n)) {
      for (const item of n.items) visit(item);
    }
  };
  visit(root);
  return found;
}

function withCites(text: string, list: EditorDiagnostic[]): EditorDiagnostic[] {
  if (list.every((d) => d.cite || d.elsewhere)) return list;
  const root = parseDocument(text, { keepSourceTokens: false }).contents as YamlNode | null;
  return list.map((d) => (d.cite || d.elsewhere ? d : { ...d, cite: enclosingCite(root, d.from) }));
}

export async function checkSource(text: string, file: string): Promise<CheckOutcome> {
  const { checkPolicyPartial, hasErrors } = await import('../../../dsl/index.ts');
  const index = lineIndex(text);
  const at = (from: number) => positionAt(index, from);
  let outcome: CheckOutcome;
  try {
    const r = checkPolicyPartial(text, file, {});
    const diagnostics = [...r.diagnostics];
    let examples: CheckOutcome['examples'];
    // The server runs the examples of a policy without errors, and refuses to publish when one fails.
    if (r.policy && !hasErrors(r.diagnostics)) {
      examples = await runPolicyExamples(r.policy);
      if (Array.isArray(examples)) {
        const { exampleDiagnostics } = await import('../../../engine/evaluate/examples.ts');
        diagnostics.push(...exampleDiagnostics(examples, file));
      }
    }
    outcome = {
      policy: r.policy,
      examples,
      diagnostics: diagnostics.map((d) => {
        const from = clamp(d.start, text);
        const to = Math.max(from, clamp(d.end, text));
        return { from, to, severity: normalSeverity(d.severity), code: d.code, message: d.message, cite: d.cite, ...at(from) };
      }),
    };
  } catch (e) {
    // A checker crash must not take the editor down; show it as a diagnostic at the top.
    outcome = {
      diagnostics: [
        {
          from: 0,
          to: 0,
          severity: 'error',
          code: 'CHECKER',
          message: { zh: `检查器出错：${String((e as Error)?.message ?? e)}`, en: `checker failed: ${String((e as Error)?.message ?? e)}` },
          line: 1,
          column: 1,
        },
      ],
    };
  }
  outcome.diagnostics = withCites(text, outcome.diagnostics).sort((a, b) => a.from - b.from);
  return outcome;
}

/** A diagnostic from the server, placed in the text it was found in. */
export function fromServer(d: ServerDiagnostic, text: string, index = lineIndex(text)): EditorDiagnostic {
  const elsewhere = d.file && !/\.ya?ml$/i.test(d.file) ? d.file : undefined;
  const from = elsewhere ? 0 : offsetAt(index, d.line, d.column);
  const to = elsewhere ? 0 : Math.max(from, offsetAt(index, d.endLine ?? d.line, d.endColumn ?? d.column));
  return {
    from,
    to,
    severity: normalSeverity(d.severity),
    code: d.code,
    message: d.text,
    ...(d.cite ? { cite: d.cite } : {}),
    line: d.line,
    column: d.column,
    server: true,
    ...(elsewhere ? { elsewhere } : {}),
  };
}

/**
 * The browser's findings and the server's for the same text, each once: a server finding the
 * browser also made (same code at the same place) is not repeated.
 */
export function mergeDiagnostics(text: string, local: EditorDiagnostic[], server: ServerDiagnostic[]): EditorDiagnostic[] {
  if (server.length === 0) return local;
  const index = lineIndex(text);
  const seen = new Set(local.map((d) => `${d.code}@${d.line}:${d.column}`));
  const extra = server.map((d) => fromServer(d, text, index)).filter((d) => d.elsewhere || !seen.has(`${d.code}@${d.line}:${d.column}`));
  return withCites(text, [...local, ...extra]).sort((a, b) => a.from - b.from);
}
