// Population-scale evaluation: the compiled policy's own closures (engine/evaluate/compile.ts), run
// against a case prepared once and shared by every policy, without the trace and the 大写 words a
// clerk needs. The decisions are engine/evaluate/core.ts's — the same code evaluate() runs: a
// rule's `when` false skips it, anything but true refuses, warnings never refuse, lets → formula →
// cap → rounding — and a test checks the two agree household by household. Amounts come back as
// integer 分 (exact: the policy rounds to 0.01 元 or coarser), so totals and quantiles need no
// decimal arithmetic.
// What depends on the case alone (家庭共有人同意, 退出地块, 退出面积: the six pilots share them) is
// computed once per household whichever policy asks first: the compiled closures keep such values
// on the prepared case (dsl/expr/share.ts).
import { checkExpression, parseExpression } from '../../dsl/expr/index.ts';
import type { PreparedCase, RuntimeValue, ValueType } from '../../dsl/expr/api.ts';
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import type { CompiledCompensation, CompiledExpr, CompiledMode, CompiledPolicy, CompiledRule } from '../evaluate/compile.ts';
import type { Decimal } from 'decimal.js';
import { compensationAmount, compensationOf, decideRule, FAILS, NO_TEST, roundingOf, rulesOf, run } from '../evaluate/core.ts';
import { noProcedureError, ruleFailedMessage, unknownModeError } from '../evaluate/evaluate.ts';
import { ComparePolicyError } from './overrides.ts';
import { msg, type Message, type Text } from '../../dsl/message.ts';

/** A refusal reason as counted in a population: a policy rule, or the compare layer's own. */
export interface ReasonDecl {
  rule: string;
  /** A rule's label as the policy writes it (content), or the compare layer's own words for its reason. */
  label: string | Text;
  cite: string;
  message: Message;
}

/** A household's refusal reasons are the bits of a 32-bit integer (FastOutcome.failedMask). */
const MAX_REASONS = 31;

/** Not a policy rule: the case asks for an exit mode the policy does not offer. */
export const MODE_NOT_OFFERED = 'mode-not-offered';

export function modeNotOffered(compiled: CompiledPolicy, procedure: ProcedureKind): ReasonDecl {
  const proc = compiled.policy.procedures[procedure];
  const modes = proc?.modes.map((m) => `${m.id}（${m.label}）`).join('、') ?? '';
  return {
    rule: MODE_NOT_OFFERED,
    label: msg('compare.modeNotOfferedLabel'),
    cite: proc?.cite ?? '',
    message: msg('compare.modeNotOffered', { modes }),
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

const NO_NAMES: Record<string, RuntimeValue> = Object.freeze({}) as Record<string, RuntimeValue>;

/** The rules and compensation that apply under one mode (or the procedure's own, mode null). */
export interface Variant {
  mode: string | null;
  /** Parameters read from the case that the rules need (computed before them). */
  early: { name: string; from: CompiledExpr }[];
  /** Refusing rules only: a warning never changes the outcome. */
  rules: { rule: CompiledRule; bit: number }[];
  /** The other case parameters: computed only when the amount is (协商价格 of a refused case is never parsed). */
  late: { name: string; from: CompiledExpr }[];
  comp?: { c: CompiledCompensation; places: number; mode: Decimal.Rounding };
}

/** The scope names an expression reads (parameters; lets are not visible to rules). */
function namesRead(e: CompiledExpr | undefined, scope: readonly string[]): string[] {
  if (!e) return [];
  // A sweep builds a plan per point for the same texts: each text is parsed once.
  const key = `${e.text}\u0000${scope.join('\u0000')}`;
  let names = namesCache.get(key);
  if (!names) {
    const parsed = parseExpression(e.text).expr;
    const unknown: ValueType = { kind: 'unknown' };
    // Unparsable here (never, for a compiled expression): assume it reads everything.
    names = parsed
      ? checkExpression(parsed, { names: Object.fromEntries(scope.map((n) => [n, unknown])), caseFields: true }).names
      : [...scope];
    if (namesCache.size > 4096) namesCache.clear();
    namesCache.set(key, names);
  }
  return names;
}

const namesCache = new Map<string, string[]>();

export interface FastOptions {
  /** Force this mode for every case (as evaluate's `mode`). */
  mode?: string;
  /** Compute the amount for refused cases too (default true; populations only need it for eligible ones). */
  compensateRefused?: boolean;
}

/**
 * How one procedure decides a case, shared by this evaluator and the columnar one (kernel/): the
 * variant of each mode, the bit of each refusal reason, the parameters each variant reads.
 */
export interface PolicyPlan {
  id: string;
  reasons: ReasonDecl[];
  compiled: CompiledPolicy;
  procedure: ProcedureKind;
  byMode: Map<string, Variant>;
  /** The procedure's own rules and compensation: a case whose mode the policy does not offer. */
  bare: Variant;
  forced?: Variant;
  /** Bit of MODE_NOT_OFFERED, or -1 when the procedure has no modes. */
  notOfferedBit: number;
  compensateRefused: boolean;
}

export function policyPlan(compiled: CompiledPolicy, procedure: ProcedureKind, options: FastOptions = {}): PolicyPlan {
  const proc = compiled.procedures[procedure];
  if (!proc) throw noProcedureError(compiled, procedure);
  const reasons: ReasonDecl[] = [];
  const bitOf = (r: CompiledRule): number => {
    // Rules sharing an id (a mode restating a procedure rule) count as one reason.
    const same = reasons.findIndex((x) => x.rule === r.rule.id);
    return same >= 0
      ? same
      : reasons.push({ rule: r.rule.id, label: r.rule.label, cite: r.rule.cite, message: ruleFailedMessage(r.rule.message) }) - 1;
  };
  const fromParams = compiled.parameters.filter((p) => p.value === undefined && p.from).map((p) => ({ name: p.name, from: p.from! }));
  const paramNames = compiled.parameters.map((p) => p.name);

  const variant = (m: CompiledMode | undefined): Variant => {
    const rules = rulesOf(proc, m).map((rule) => ({ rule, bit: bitOf(rule), refuses: rule.rule.severity !== 'warn' }));
    const refusing = rules.filter((r) => r.refuses).map(({ rule, bit }) => ({ rule, bit }));
    const ruleNames = new Set(refusing.flatMap(({ rule }) => [...namesRead(rule.when, paramNames), ...namesRead(rule.test, paramNames)]));
    const c = compensationOf(proc, m);
    return {
      mode: m?.mode.id ?? null,
      early: fromParams.filter((p) => ruleNames.has(p.name)),
      rules: refusing,
      late: fromParams.filter((p) => !ruleNames.has(p.name)),
      ...(c ? { comp: { c, ...roundingOf(c.compensation.round) } } : {}),
    };
  };
  const byMode = new Map<string, Variant>();
  for (const m of proc.modes) byMode.set(m.mode.id, variant(m));
  const bare = variant(undefined);
  let forced: Variant | undefined;
  if (options.mode !== undefined) {
    forced = byMode.get(options.mode);
    if (!forced) throw unknownModeError(proc, options.mode);
  }
  const notOfferedBit = proc.modes.length > 0 ? reasons.push(modeNotOffered(compiled, procedure)) - 1 : -1;
  if (reasons.length > MAX_REASONS) throw new ComparePolicyError(msg('compare.tooManyRules', { n: reasons.length, max: MAX_REASONS }));
  return {
    id: compiled.policy.meta.id,
    reasons,
    compiled,
    procedure,
    byMode,
    bare,
    ...(forced ? { forced } : {}),
    notOfferedBit,
    compensateRefused: options.compensateRefused !== false,
  };
}

/**
 * The variant a case falls under and the reason bits that choice already sets: as core.ts's
 * pickMode, the exit case's own mode when the policy offers it, else the procedure's own rules and
 * MODE_NOT_OFFERED.
 */
export function variantOf(plan: PolicyPlan, askedMode: string | undefined): { v: Variant; mask: number } {
  if (plan.forced) return { v: plan.forced, mask: 0 };
  const asked = plan.procedure === 'exit' ? askedMode : undefined;
  const v = asked !== undefined ? plan.byMode.get(asked) : undefined;
  if (v) return { v, mask: 0 };
  return { v: plan.bare, mask: plan.notOfferedBit >= 0 ? 1 << plan.notOfferedBit : 0 };
}

/**
 * Builds the fast evaluator of one procedure. Without a forced mode each case's own exit.mode
 * picks it, and a mode the policy does not offer is refused with MODE_NOT_OFFERED.
 */
export function fastPolicy(compiled: CompiledPolicy, procedure: ProcedureKind, options: FastOptions = {}): FastPolicy {
  const plan = policyPlan(compiled, procedure, options);
  // One names object per policy, reused: constants never change, case parameters are read afresh
  // for each case, and each let is assigned before anything reads it (rules cannot see lets).
  const names: Record<string, RuntimeValue> = {};
  for (const p of compiled.parameters) if (p.value !== undefined) names[p.name] = p.value;
  const compensateRefused = plan.compensateRefused;

  const evaluateCase = (kase: PreparedCase, raw: CaseData): FastOutcome => {
    const picked = variantOf(plan, raw.exit?.mode);
    const v = picked.v;
    let failedMask = picked.mask;
    for (let i = 0; i < v.early.length; i++) {
      const p = v.early[i]!;
      names[p.name] = run(p.from, kase, NO_NAMES);
    }
    const rules = v.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      const verdict = decideRule(r.rule, kase, names);
      if (verdict === FAILS || verdict === NO_TEST) failedMask |= 1 << r.bit;
    }
    const eligible = failedMask === 0;
    let cents: number | null = null;
    const comp = v.comp;
    if (comp && (eligible || compensateRefused)) {
      for (let i = 0; i < v.late.length; i++) {
        const p = v.late[i]!;
        names[p.name] = run(p.from, kase, NO_NAMES);
      }
      const amount = compensationAmount(comp.c, kase, names);
      if (amount) {
        // toFixed(2) is exact for an amount rounded to 分 or coarser; an integer string below 2^53 reads exactly.
        cents = Number(amount.toDecimalPlaces(comp.places, comp.mode).toFixed(2).replace('.', ''));
      }
    }
    return { eligible, failedMask, cents, mode: v.mode };
  };
  return { id: plan.id, reasons: plan.reasons, evaluate: evaluateCase };
}

/** 分 → "12345.67" (exact: integer arithmetic). */
export function centsToYuan(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  const yuan = Math.floor(a / 100);
  const fen = a - yuan * 100;
  return `${neg ? '-' : ''}${yuan}.${fen < 10 ? '0' : ''}${fen}`;
}
