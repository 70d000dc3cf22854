// What deciding a case means, in one place for both evaluators: evaluate() (one case, with the
// trace, notes and 大写 words a clerk reads) and the population evaluator (engine/compare/
// fast-eval.ts: millions of cases, outcomes only). A rule whose `when` is false does not apply;
// anything but true from its test refuses (null = data missing, an evaluation error = cannot
// compute); warnings never refuse; compensation is lets → formula → cap → rounding.
// The optional hook sees every value as it is computed; evaluate() builds its trace from it, the
// population evaluator passes none.
import { Decimal } from 'decimal.js';
import type { PreparedCase, RuntimeValue } from '../../dsl/expr/api.ts';
import { ExprEvalError } from '../../dsl/expr/index.ts';
import type { Text } from '../../dsl/message.ts';
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import type { Compensation } from '../../dsl/policy-model.ts';
import type { CompiledCompensation, CompiledExpr, CompiledMode, CompiledProcedure, CompiledRule } from './compile.ts';

/** A value as it is computed: the step (rule id, `<rule>.when`, let name, 'compensation', 'cap'), the expression, the value, the error if any. */
export type StepHook = (step: string, e: CompiledExpr, value: RuntimeValue, error: Text | undefined) => void;

export const ROUNDING: Record<string, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

/** The last evaluation error seen by run() (as a message), or undefined: read right after the call. */
let lastError: Text | undefined;

/** Runs a compiled expression; an evaluation error counts as "cannot compute" (null). */
export function run(e: CompiledExpr, kase: PreparedCase, names: Record<string, RuntimeValue>): RuntimeValue {
  lastError = undefined;
  try {
    return e.fn(kase, names);
  } catch (err) {
    // An expression's own error carries its message as data (ExprEvalError); anything else is a
    // defect, said as it was thrown.
    if (err instanceof ExprEvalError) lastError = err.text;
    else {
      const said = (err as Error)?.message ?? String(err);
      lastError = { zh: said, en: said };
    }
    return null;
  }
}

/** run() and, when there is a hook, tell it. */
function step(
  name: string,
  e: CompiledExpr,
  kase: PreparedCase,
  names: Record<string, RuntimeValue>,
  hook: StepHook | undefined,
): RuntimeValue {
  const v = run(e, kase, names);
  if (hook) hook(name, e, v, lastError);
  return v;
}

/**
 * The mode whose rules and compensation apply: the one asked for (`forced`; unknown → undefined),
 * else the exit case's own exit.mode when the procedure offers it, else none (the procedure's own
 * rules and compensation only).
 */
export function pickMode(proc: CompiledProcedure, procedure: ProcedureKind, kase: CaseData, forced?: string): CompiledMode | undefined {
  const id = forced !== undefined ? forced : procedure === 'exit' ? kase.exit?.mode : undefined;
  if (id === undefined) return undefined;
  for (const m of proc.modes) if (m.mode.id === id) return m;
  return undefined;
}

/** The rules that decide eligibility under a mode: the procedure's, then the mode's. */
export function rulesOf(proc: CompiledProcedure, mode: CompiledMode | undefined): CompiledRule[] {
  return mode && mode.rules.length > 0 ? [...proc.rules, ...mode.rules] : proc.rules;
}

/** The compensation that applies under a mode: the mode's own, else the procedure's. */
export function compensationOf(proc: CompiledProcedure, mode: CompiledMode | undefined): CompiledCompensation | undefined {
  return mode?.compensation ?? proc.compensation;
}

export const SKIPPED = 0; // `when` is false: the rule does not apply
export const HOLDS = 1;
export const FAILS = 2; // its test gave anything but true
export const NO_TEST = 3; // the rule has no compiled test: it cannot hold
export type Verdict = typeof SKIPPED | typeof HOLDS | typeof FAILS | typeof NO_TEST;

/**
 * One rule on one case. An unknown condition (when = null, missing data) does not excuse the rule:
 * only `when` false does. The hook sees the condition as `<id>.when`, the test as `<id>`.
 */
export function decideRule(r: CompiledRule, kase: PreparedCase, names: Record<string, RuntimeValue>, hook?: StepHook): Verdict {
  if (r.when && (hook ? step(`${r.rule.id}.when`, r.when, kase, names, hook) : run(r.when, kase, names)) === false) return SKIPPED;
  if (!r.test) return NO_TEST;
  return step(r.rule.id, r.test, kase, names, hook) === true ? HOLDS : FAILS;
}

/** A decimal.js value of either clone, or an exact Fraction, as a Decimal; else null. */
export function asDecimal(v: unknown): Decimal | null {
  if (Decimal.isDecimal(v)) return v as Decimal;
  if (v && typeof v === 'object' && typeof (v as { toDecimal?: unknown }).toDecimal === 'function') {
    return (v as { toDecimal: () => Decimal }).toDecimal();
  }
  return null;
}

/**
 * The amount before rounding: each let in order (its value written into `names`, which the caller
 * owns), the formula, then the cap when it is lower. Null when the formula is missing or gives no
 * number; the hook has seen why (each let, 'compensation', 'cap').
 */
export function compensationAmount(
  c: CompiledCompensation,
  kase: PreparedCase,
  names: Record<string, RuntimeValue>,
  hook?: StepHook,
): Decimal | null {
  for (const l of c.lets) names[l.name] = step(l.name, l.expr, kase, names, hook);
  if (!c.formula) return null;
  let amount = asDecimal(step('compensation', c.formula, kase, names, hook));
  if (amount && c.cap) {
    const cap = asDecimal(step('cap', c.cap, kase, names, hook));
    if (cap && amount.gt(cap)) amount = cap;
  }
  return amount;
}

/** Decimal places and decimal.js mode of a compensation's rounding (to 0.01 元 half-up unless it says otherwise). */
export function roundingOf(round: Compensation['round']): { places: number; mode: Decimal.Rounding } {
  return { places: round.places >= 0 ? round.places : 2, mode: ROUNDING[round.mode] ?? Decimal.ROUND_HALF_UP };
}
