// Population-scale evaluation: the compiled policy's own closures (engine/evaluate/compile.ts), run
// against a case prepared once and shared by every policy, without the trace and the 大写 words a
// clerk needs. Same semantics as engine/evaluate's evaluate() — a rule's `when` false skips it,
// anything but true refuses, warnings never refuse, lets → formula → cap → rounding — and a test
// checks the two agree household by household. Amounts come back as integer 分 (exact: the policy
// rounds to 0.01 元 or coarser), so totals and quantiles need no decimal arithmetic.
// Expressions that read only the case (no parameter, no let) mean the same in every policy — the
// six pilots share 家庭共有人同意, 退出地块 and 退出面积 — so with a shared CaseMemo each distinct one
// runs once per household, however many policies use it.
import { Decimal } from 'decimal.js';
import { checkExpression, parseExpression } from '../../dsl/expr/index.ts';
import type { PreparedCase, RuntimeValue, ValueType } from '../../dsl/expr/api.ts';
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import type { CompiledCompensation, CompiledExpr, CompiledPolicy, CompiledRule } from '../evaluate/compile.ts';

/** A refusal reason as counted in a population: a policy rule, or the compare layer's own. */
export interface ReasonDecl {
  rule: string;
  label: string;
  cite: string;
  message: string;
}

/** Not a policy rule: the case asks for an exit mode the policy does not offer. */
export const MODE_NOT_OFFERED = 'mode-not-offered';

export function modeNotOffered(compiled: CompiledPolicy, procedure: ProcedureKind): ReasonDecl {
  const proc = compiled.policy.procedures[procedure];
  const modes = proc?.modes.map((m) => `${m.id}（${m.label}）`).join('、') ?? '';
  return {
    rule: MODE_NOT_OFFERED,
    label: '本政策没有所申请的退出模式',
    cite: proc?.cite ?? '',
    message: `所申请的退出模式不在本政策规定的模式之内（${modes}）the requested exit mode is not one this policy offers`,
  };
}

export interface FastOutcome {
  eligible: boolean;
  /** Bit i set: reason i of FastPolicy.reasons refused the case. */
  failedMask: number;
  /** Compensation in 分, or null when it cannot be computed (data missing, no formula). */
  cents: number | null;
  /** The mode evaluated (null: the procedure's own rules only). */
  mode: string | null;
}

export interface FastPolicy {
  id: string;
  reasons: ReasonDecl[];
  evaluate: (kase: PreparedCase, raw: CaseData) => FastOutcome;
}

/**
 * Values of case-only expressions for the household being evaluated. `next()` before each
 * household; values are kept by a slot per distinct expression text.
 */
export class CaseMemo {
  private readonly slots = new Map<string, number>();
  private values: RuntimeValue[] = [];
  private gens = new Int32Array(16);
  private gen = 1;

  slot(text: string): number {
    let i = this.slots.get(text);
    if (i === undefined) {
      i = this.slots.size;
      this.slots.set(text, i);
      if (i >= this.gens.length) {
        const g = new Int32Array(this.gens.length * 2);
        g.set(this.gens);
        this.gens = g;
      }
    }
    return i;
  }

  next(): void {
    this.gen++;
  }

  run(slot: number, e: CompiledExpr, kase: PreparedCase): RuntimeValue {
    if (this.gens[slot] === this.gen) return this.values[slot]!;
    const v = safe(e, kase, NO_NAMES);
    this.values[slot] = v;
    this.gens[slot] = this.gen;
    return v;
  }
}

const NO_NAMES: Record<string, RuntimeValue> = Object.freeze({}) as Record<string, RuntimeValue>;

/** A compiled expression with, when it reads the case only, its memo slot. */
type Runner = (kase: PreparedCase, names: Record<string, RuntimeValue>) => RuntimeValue;

/**
 * `guarded`: catch an evaluation error per expression (it counts as "cannot compute", as in
 * evaluate()). Unguarded runners call the closure directly; a household whose evaluation throws is
 * evaluated again with guarded ones, so the common case pays for no extra layer.
 */
function runner(e: CompiledExpr, scopeNames: readonly string[], memo: CaseMemo | undefined, guarded: boolean): Runner {
  if (memo) {
    const parsed = parseExpression(e.text).expr;
    const unknown: ValueType = { kind: 'unknown' };
    const readsNames = !parsed || checkExpression(parsed, { names: Object.fromEntries(scopeNames.map((n) => [n, unknown])), caseFields: true }).names.length > 0;
    if (!readsNames) {
      const slot = memo.slot(e.text);
      return (kase) => memo.run(slot, e, kase);
    }
  }
  return guarded ? (kase, names) => safe(e, kase, names) : e.fn;
}

const ROUNDING: Record<string, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

interface Variant {
  mode: string | null;
  rules: { when?: Runner; test?: Runner; bit: number; refuses: boolean }[];
  comp?: { lets: { name: string; run: Runner }[]; formula?: Runner; cap?: Runner; places: number; rounding: Decimal.Rounding };
}

function safe(e: CompiledExpr, kase: PreparedCase, names: Record<string, RuntimeValue>): RuntimeValue {
  try {
    return e.fn(kase, names);
  } catch {
    return null; // as evaluate(): an evaluation error counts as "cannot compute"
  }
}

/** A decimal.js value of either clone, or an exact Fraction, as a Decimal; else null. */
function asDecimal(v: unknown): Decimal | null {
  if (Decimal.isDecimal(v)) return v as Decimal;
  if (v && typeof v === 'object' && typeof (v as { toDecimal?: unknown }).toDecimal === 'function') {
    return (v as { toDecimal: () => Decimal }).toDecimal();
  }
  return null;
}

export interface FastOptions {
  /** Force this mode for every case (as evaluate's `mode`). */
  mode?: string;
  /** Share case-only expression values with the other policies evaluated on the same household. */
  memo?: CaseMemo;
  /** Compute the amount for refused cases too (default true; populations only need it for eligible ones). */
  compensateRefused?: boolean;
}

/**
 * Builds the fast evaluator of one procedure. Without a forced mode each case's own exit.mode
 * picks it, and a mode the policy does not offer is refused with MODE_NOT_OFFERED.
 */
export function fastPolicy(compiled: CompiledPolicy, procedure: ProcedureKind, options: FastOptions = {}): FastPolicy {
  const proc = compiled.procedures[procedure];
  if (!proc) throw new Error(`政策 ${compiled.policy.meta.id} 没有 ${procedure} 程序 the policy has no ${procedure} procedure`);
  const { memo } = options;
  const compensateRefused = options.compensateRefused !== false;
  const paramNames = compiled.parameters.map((p) => p.name);
  const reasons: ReasonDecl[] = [];
  const bitOf = (r: CompiledRule): number => {
    // Rules sharing an id (a mode restating a procedure rule) count as one reason.
    const same = reasons.findIndex((x) => x.rule === r.rule.id);
    return same >= 0 ? same : reasons.push({ rule: r.rule.id, label: r.rule.label, cite: r.rule.cite, message: r.rule.message }) - 1;
  };
  const build = (guarded: boolean) => {
    const compensation = (c: CompiledCompensation | undefined): Variant['comp'] => {
      if (!c) return undefined;
      const scope = [...paramNames];
      const lets: { name: string; run: Runner }[] = [];
      for (const l of c.lets) {
        lets.push({ name: l.name, run: runner(l.expr, scope, memo, guarded) });
        scope.push(l.name);
      }
      const round = c.compensation.round;
      return {
        lets,
        ...(c.formula ? { formula: runner(c.formula, scope, memo, guarded) } : {}),
        ...(c.cap ? { cap: runner(c.cap, scope, memo, guarded) } : {}),
        places: round.places >= 0 ? round.places : 2,
        rounding: ROUNDING[round.mode] ?? Decimal.ROUND_HALF_UP,
      };
    };
    const variant = (m: (typeof proc.modes)[number] | undefined): Variant => {
      const comp = compensation(m?.compensation ?? proc.compensation);
      return {
        mode: m?.mode.id ?? null,
        rules: [...proc.rules, ...(m?.rules ?? [])].map((r) => ({
          ...(r.when ? { when: runner(r.when, paramNames, memo, guarded) } : {}),
          ...(r.test ? { test: runner(r.test, paramNames, memo, guarded) } : {}),
          bit: bitOf(r),
          refuses: r.rule.severity !== 'warn',
        })),
        ...(comp ? { comp } : {}),
      };
    };
    const byMode = new Map<string, Variant>();
    for (const m of proc.modes) byMode.set(m.mode.id, variant(m));
    let forced: Variant | undefined;
    if (options.mode !== undefined) {
      forced = byMode.get(options.mode);
      if (!forced) throw new Error(`未知的退出方式 unknown mode: ${options.mode}`);
    }
    return { byMode, bare: variant(undefined), forced };
  };
  const quick = build(false);
  const careful = build(true);
  const offersModes = proc.modes.length > 0;
  const notOfferedBit = offersModes ? reasons.push(modeNotOffered(compiled, procedure)) - 1 : -1;
  if (reasons.length > 31) throw new Error(`规则过多 too many rules to count (${reasons.length} > 31)`);

  const constants: Record<string, RuntimeValue> = {};
  const fromParams: { name: string; run: Runner }[] = [];
  for (const p of compiled.parameters) {
    if (p.value !== undefined) constants[p.name] = p.value;
    else if (p.from) fromParams.push({ name: p.name, run: runner(p.from, [], memo, true) });
  }

  const names: Record<string, RuntimeValue> = { ...constants };
  const evaluateWith = (set: typeof quick, kase: PreparedCase, raw: CaseData): FastOutcome => {
    const { byMode, bare, forced } = set;
    let v = forced;
    let failedMask = 0;
    if (!v) {
      const asked = procedure === 'exit' ? raw.exit?.mode : undefined;
      v = asked !== undefined ? byMode.get(asked) : undefined;
      if (!v) {
        v = bare;
        if (offersModes) failedMask |= 1 << notOfferedBit;
      }
    }
    // One names object per policy, reused: constants never change, case parameters are read afresh
    // here, and each let is assigned before anything reads it (rules cannot see lets).
    for (const p of fromParams) names[p.name] = p.run(kase, NO_NAMES);
    for (const r of v.rules) {
      if (r.when && r.when(kase, names) === false) continue;
      if (r.test && r.test(kase, names) === true) continue;
      if (r.refuses) failedMask |= 1 << r.bit;
    }
    const eligible = failedMask === 0;
    let cents: number | null = null;
    const c = v.comp;
    if (c?.formula && (eligible || compensateRefused)) {
      for (const l of c.lets) names[l.name] = l.run(kase, names);
      let amount = asDecimal(c.formula(kase, names));
      if (amount && c.cap) {
        const cap = asDecimal(c.cap(kase, names));
        if (cap && amount.gt(cap)) amount = cap;
      }
      if (amount) {
        // toFixed(2) is exact for an amount rounded to 分 or coarser; an integer string below 2^53 reads exactly.
        cents = Number(amount.toDecimalPlaces(c.places, c.rounding).toFixed(2).replace('.', ''));
      }
    }
    return { eligible, failedMask, cents, mode: v.mode };
  };
  const evaluateCase = (kase: PreparedCase, raw: CaseData): FastOutcome => {
    try {
      return evaluateWith(quick, kase, raw);
    } catch {
      return evaluateWith(careful, kase, raw);
    }
  };
  return { id: compiled.policy.meta.id, reasons, evaluate: evaluateCase };
}

/** 分 → "12345.67" (exact: integer arithmetic). */
export function centsToYuan(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  const yuan = Math.floor(a / 100);
  const fen = a - yuan * 100;
  return `${neg ? '-' : ''}${yuan}.${fen < 10 ? '0' : ''}${fen}`;
}
