// Whether a step's or a vote rule's `when:` holds for a case: the one answer the clerk's runner
// (engine/cases/policies.ts binds it into each pinned policy) and the researcher's timeline
// (engine/compare/case.ts) both use. A condition holds unless it evaluates to false: data the
// case does not have never excuses a step.
import type { CaseData } from '../../dsl/case-model.ts';
import { checkExpression, compileExpression, parseExpression, prepareCase } from '../../dsl/expr/index.ts';
import type { Evaluator, RuntimeValue, ValueType } from '../../dsl/expr/api.ts';
import { parameterInfo } from '../../dsl/parameters.ts';
import type { CompiledPolicy } from './compile.ts';

export type Holds = (expr: string, kase: CaseData) => boolean;

/** The `when:` test of a checked policy; each condition is compiled once, on first use. */
export function conditionsOf(compiled: CompiledPolicy): Holds {
  const { policy } = compiled;
  const whens = new Map<string, Evaluator>();
  const types: Record<string, ValueType> = {};
  for (const p of policy.parameters) {
    const info = parameterInfo(p, p.unit || undefined);
    if (info.kind !== 'error') types[p.name] = info.type;
  }
  // A checked policy's `when:` always compiles (the checker reports one that does not): failing to
  // compile here is a bug, never a reason to let the step or vote rule apply.
  const compileWhen = (expr: string): Evaluator => {
    const parsed = parseExpression(expr);
    const scope = { names: types, caseFields: true };
    if (!parsed.expr || checkExpression(parsed.expr, scope).diagnostics.some((d) => d.severity === 'error')) {
      throw new Error(`internal: a when: of policy ${policy.meta.id} does not compile: ${expr}`);
    }
    return compileExpression(parsed.expr, scope);
  };
  return (expr, kase) => {
    let fn = whens.get(expr);
    if (fn === undefined) {
      fn = compileWhen(expr);
      whens.set(expr, fn);
    }
    const prepared = prepareCase(kase);
    const names: Record<string, RuntimeValue> = {};
    for (const p of compiled.parameters) {
      try {
        if (p.value !== undefined) names[p.name] = p.value;
        else if (p.from) names[p.name] = p.from.fn(prepared, {});
      } catch {
        names[p.name] = null;
      }
    }
    try {
      return fn(prepared, names) !== false;
    } catch {
      return true;
    }
  };
}
