// The editor's one link to the policy checker. The checker (dsl/index.ts: checkPolicy) is pure
// TypeScript and runs here in the browser, so diagnostics appear as the officer types, with no
// round trip. It is found through import.meta.glob so that the UI still builds — with a YAML-only
// syntax check — on a tree where the checker has not landed yet.
import { parseDocument } from 'yaml';
import type { Policy } from '../../../dsl/policy-model.ts';

export interface EditorDiagnostic {
  /** UTF-16 offsets into the text, [from, to). */
  from: number;
  to: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  cite?: string;
  line: number; // 1-based
  column: number; // 1-based
}

export interface CheckOutcome {
  policy?: Policy;
  diagnostics: EditorDiagnostic[];
  /** Which checker produced the diagnostics. */
  checker: 'dsl' | 'yaml';
}

interface DslDiagnostic {
  start?: number;
  end?: number;
  span?: { start: number; end: number };
  severity?: string;
  code?: string;
  message?: string;
  cite?: string;
}
type CheckPolicy = (text: string, file: string, opts?: unknown) => { policy?: Policy; diagnostics: DslDiagnostic[] } | Promise<{ policy?: Policy; diagnostics: DslDiagnostic[] }>;

const dslModules = import.meta.glob<{ checkPolicy?: CheckPolicy; checkPolicyPartial?: CheckPolicy }>('../../../dsl/index.ts');
let checker: Promise<CheckPolicy | null> | null = null;

function loadChecker(): Promise<CheckPolicy | null> {
  checker ??= (async () => {
    const load = Object.values(dslModules)[0];
    if (!load) return null;
    try {
      const mod = await load();
      // The partial check returns the policy even with errors, so the side panel follows the text.
      return mod.checkPolicyPartial ?? mod.checkPolicy ?? null;
    } catch (e) {
      console.warn('policy checker failed to load; using the YAML syntax check', e);
      return null;
    }
  })();
  return checker;
}

/** Line starts of a text, for offset → line:column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function lineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

function normalSeverity(s: string | undefined): EditorDiagnostic['severity'] {
  return s === 'warning' || s === 'warn' ? 'warning' : s === 'info' || s === 'note' || s === 'advice' || s === 'hint' ? 'info' : 'error';
}

function clamp(n: number, text: string): number {
  return Math.max(0, Math.min(text.length, Number.isFinite(n) ? n : 0));
}

function yamlOnly(text: string): EditorDiagnostic[] {
  const doc = parseDocument(text, { prettyErrors: false });
  return [...doc.errors.map((e) => ({ e, severity: 'error' as const })), ...doc.warnings.map((e) => ({ e, severity: 'warning' as const }))].map(({ e, severity }) => ({
    from: e.pos[0],
    to: Math.max(e.pos[1], e.pos[0]),
    severity,
    code: `YAML_${e.code}`,
    message: `YAML 语法错误 YAML syntax error: ${e.message.split('\n')[0]}`,
    line: 0,
    column: 0,
  }));
}

export async function checkSource(text: string, file: string): Promise<CheckOutcome> {
  const check = await loadChecker();
  let outcome: CheckOutcome;
  if (check) {
    try {
      const r = await check(text, file, {});
      outcome = {
        policy: r.policy,
        checker: 'dsl',
        diagnostics: r.diagnostics.map((d) => {
          const from = clamp(d.start ?? d.span?.start ?? 0, text);
          const to = Math.max(from, clamp(d.end ?? d.span?.end ?? from, text));
          return { from, to, severity: normalSeverity(d.severity), code: d.code ?? '', message: d.message ?? '', cite: d.cite, line: 0, column: 0 };
        }),
      };
    } catch (e) {
      // A checker crash must not take the editor down; show it as a diagnostic at the top.
      outcome = {
        checker: 'dsl',
        diagnostics: [{ from: 0, to: 0, severity: 'error', code: 'CHECKER', message: `检查器出错 checker failed: ${String((e as Error)?.message ?? e)}`, line: 0, column: 0 }],
      };
    }
  } else {
    outcome = { checker: 'yaml', diagnostics: yamlOnly(text) };
  }
  const starts = lineStarts(text);
  for (const d of outcome.diagnostics) Object.assign(d, lineColumn(starts, d.from));
  outcome.diagnostics.sort((a, b) => a.from - b.from);
  return outcome;
}
