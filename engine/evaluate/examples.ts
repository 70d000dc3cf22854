// Runs a policy's examples: each example's case (file + `set:` overrides) through evaluate(),
// compared with what the example expects. Pure: the caller supplies readCase. Used by
// `landflow test` (each example ✓/✗) and `landflow check` (X9xx diagnostics).
import { Decimal } from 'decimal.js';
import type { CaseData } from '../../dsl/case-model.ts';
import { validateCase } from '../../dsl/case-validate.ts';
import { diag, type Diagnostic } from '../../dsl/diagnostics.ts';
import { exampleCase } from '../../dsl/examples.ts';
import type { Example } from '../../dsl/policy-model.ts';
import { msg, type Text } from '../../dsl/message.ts';
import { ExprEvalError } from '../../dsl/expr/compile.ts';
import type { CompiledPolicy } from './compile.ts';
import { evaluate, type Evaluation } from './evaluate.ts';

export interface Mismatch {
  path: string; // "eligible", "failed", "compensation", "vote.passed", "vote.decidedBy"
  expected: string;
  actual: string;
}

export interface ExampleResult {
  example: Example;
  ok: boolean;
  mismatches: Mismatch[];
  /** The example could not be run (unreadable or invalid case, evaluation refused). */
  error?: Text;
  evaluation?: Evaluation;
}

export type ReadCase = (path: string) => { data: unknown } | { error: Text };

export function runExample(
  compiled: CompiledPolicy,
  ex: Example,
  readCase: ReadCase,
  cache = new Map<string, { data: unknown } | { error: Text }>(),
): ExampleResult {
  let base: unknown;
  if (ex.caseFile !== undefined) {
    let read = cache.get(ex.caseFile);
    if (!read) cache.set(ex.caseFile, (read = readCase(ex.caseFile)));
    if ('error' in read)
      return { example: ex, ok: false, mismatches: [], error: msg('example.cannotRead', { file: ex.caseFile, problem: read.error }) };
    base = read.data;
  }
  const built = exampleCase(ex, base);
  if ('error' in built)
    return { example: ex, ok: false, mismatches: [], error: msg('example.atPath', { path: built.path, problem: built.error }) };
  const invalid = validateCase(built.data);
  if (invalid.length) {
    return {
      example: ex,
      ok: false,
      mismatches: [],
      error: msg('case.invalid', { pointer: invalid[0]!.pointer || '/', problem: invalid[0]!.text }),
    };
  }
  let ev: Evaluation;
  try {
    ev = evaluate(compiled, {
      procedure: ex.procedure,
      ...(ex.mode !== undefined ? { mode: ex.mode } : {}),
      kase: built.data as CaseData,
      ...(ex.at ? { at: ex.at } : {}),
    });
  } catch (e) {
    const error = e instanceof ExprEvalError ? e.text : { zh: String((e as Error)?.message ?? e), en: String((e as Error)?.message ?? e) };
    return { example: ex, ok: false, mismatches: [], error };
  }
  const mismatches = compare(ex, ev);
  return { example: ex, ok: mismatches.length === 0, mismatches, evaluation: ev };
}

export function runExamples(compiled: CompiledPolicy, readCase: ReadCase): ExampleResult[] {
  const cache = new Map<string, { data: unknown } | { error: Text }>();
  return compiled.policy.examples.map((ex) => runExample(compiled, ex, readCase, cache));
}

function compare(ex: Example, ev: Evaluation): Mismatch[] {
  const out: Mismatch[] = [];
  const e = ex.expect;
  if (e.eligible !== undefined && e.eligible !== ev.eligible)
    out.push({ path: 'eligible', expected: String(e.eligible), actual: String(ev.eligible) });
  if (e.failed !== undefined) {
    const actual = ev.failed.map((f) => f.rule);
    const same = actual.length === new Set(e.failed).size && e.failed.every((id) => actual.includes(id));
    if (!same) out.push({ path: 'failed', expected: `[${e.failed.join(', ')}]`, actual: `[${actual.join(', ')}]` });
  }
  if (e.compensation !== undefined) {
    const actual = ev.compensation?.amount;
    let equal = false;
    try {
      equal = actual !== undefined && new Decimal(e.compensation).eq(actual);
    } catch {
      equal = false;
    }
    if (!equal) out.push({ path: 'compensation', expected: e.compensation, actual: actual ?? '无 none' });
  }
  if (e.vote) {
    if (!ev.vote) out.push({ path: 'vote', expected: `passed: ${e.vote.passed}`, actual: '无表决 no vote' });
    else {
      if (ev.vote.passed !== e.vote.passed)
        out.push({ path: 'vote.passed', expected: String(e.vote.passed), actual: String(ev.vote.passed) });
      if (e.vote.decidedBy !== undefined && ev.vote.decidedBy !== e.vote.decidedBy) {
        out.push({ path: 'vote.decidedBy', expected: e.vote.decidedBy, actual: ev.vote.decidedBy });
      }
    }
  }
  return out;
}

/** Example outcomes as diagnostics (X901 wrong expectation, X908 cannot run), at the expected value. */
export function exampleDiagnostics(results: ExampleResult[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of results) {
    const ex = r.example;
    if (r.error) {
      out.push(diag(file, 'X908', ex.span, { name: ex.name, detail: r.error }));
      continue;
    }
    for (const m of r.mismatches) {
      const key = m.path.split('.')[0]!;
      out.push(diag(file, 'X901', ex.expectSpans[key] ?? ex.span, { name: ex.name, path: m.path, expected: m.expected, actual: m.actual }));
    }
  }
  return out;
}
