// One policy compiled once into the columnar graph: for each variant of its plan (fast-eval.ts
// policyPlan, the same variants and reason bits as the row-by-row evaluator) the nodes of its
// refusing rules and of its amount in 分. The decisions are core.ts's: a rule applies unless its
// `when` is false, and refuses unless its test is true; the amount is lets → formula → cap (when
// lower) → the policy's rounding, then to 分 half-up as fast-eval's toFixed(2).
import { analyze } from '../../../dsl/expr/check.ts';
import type { Node } from '../../../dsl/expr/ir.ts';
import { isParsed, parseExpression } from '../../../dsl/expr/parse.ts';
import { fromValueType } from '../../../dsl/expr/types.ts';
import type { ScopeDecl, ValueType } from '../../../dsl/expr/api.ts';
import { parameterInfo } from '../../../dsl/parameters.ts';
import type { CompiledExpr } from '../../evaluate/compile.ts';
import type { PolicyPlan, Variant } from '../fast-eval.ts';
import { EXIT_MODES } from '../population/spec.ts';
import { ROUNDING_OF } from './exact.ts';
import { HOUSEHOLD, KernelUnsupported, type ChunkState, type KNode } from './graph.ts';
import type { KernelCompiler } from './compile.ts';
import type { CV } from './inputs.ts';

interface RuleKernel {
  bit: number;
  /** Null: the rule always applies. */
  when: KNode | null;
  /** Null: the rule has no test and cannot hold. */
  test: KNode | null;
}

interface VariantKernel {
  rules: RuleKernel[];
  /** Compensation in 分 (NaN: not computable); null when the variant has none. */
  cents: KNode | null;
}

export interface PolicyKernel {
  plan: PolicyPlan;
  variants: VariantKernel[];
  /** By exit.mode code (spec.ts EXIT_MODES): the variant and the reason bits the choice sets. */
  variantOfMode: Int32Array;
  maskOfMode: Int32Array;
  /** The rules of all variants, each once, with the variants it belongs to (see policyOutcomes). */
  rules: SharedRule[];
  /** Per household of a block: its variant (grown with the blocks). */
  scratch: Int32Array;
}

/** A rule as policyOutcomes runs it: once over the block, for the households whose variant has it. */
interface SharedRule extends RuleKernel {
  /** Null: every variant has it; else 1 for the variants that do. */
  inVariant: Uint8Array | null;
}

/** Per-household outcomes of one policy, as population/run.ts keeps them. */
export interface OutcomeArrays {
  eligible: Uint8Array;
  failedMask: Int32Array;
  /** 分 for eligible households; NaN when refused or not computable. */
  cents: Float64Array;
}

/** Checked IR is immutable: a sweep's points (the same texts in the same scopes) share it. */
const irCache = new Map<string, Node>();

function irOf(text: string, scope: ScopeDecl): Node {
  const key = `${text}\u0000${JSON.stringify(scope.names)}`;
  const known = irCache.get(key);
  if (known) return known;
  const p = parseExpression(text);
  if (!p.expr || !isParsed(p.expr)) throw new KernelUnsupported(`unparsable expression ${text}`);
  const a = analyze(p.expr.ast, scope);
  if (a.diagnostics.some((d) => d.severity === 'error')) throw new KernelUnsupported(`expression does not check: ${text}`);
  if (irCache.size > 4096) irCache.clear();
  irCache.set(key, a.ir);
  return a.ir;
}

export function compilePolicyKernel(plan: PolicyPlan, k: KernelCompiler): PolicyKernel {
  const { compiled } = plan;
  // The scope compilePolicy checked the expressions in (engine/evaluate/compile.ts).
  const types: Record<string, ValueType> = {};
  const env = new Map<string, CV>();
  for (const p of compiled.policy.parameters) {
    const info = parameterInfo(p, p.unit || undefined);
    if (info.kind === 'error') throw new KernelUnsupported(`parameter ${p.name}`);
    types[p.name] = info.type;
  }
  for (const p of compiled.parameters) {
    const ty = fromValueType(types[p.name] ?? { kind: 'unknown' });
    if (p.value !== undefined) env.set(p.name, k.constant(p.value, ty));
    else if (p.from) env.set(p.name, k.compile(irOf(p.from.text, { names: {}, caseFields: true }), env));
  }
  const base: ScopeDecl = { names: types, caseFields: true };
  const bool = (e: CompiledExpr | undefined): KNode | null => {
    if (!e) return null;
    return k.root(k.household(k.compile(irOf(e.text, base), env), 'bool'));
  };

  const variant = (v: Variant): VariantKernel => {
    const rules = v.rules.map((r) => ({ bit: r.bit, when: bool(r.rule.when), test: bool(r.rule.test) }));
    if (!v.comp) return { rules, cents: null };
    const c = v.comp.c;
    const names: Record<string, ValueType> = { ...types };
    const local = new Map(env);
    for (const l of c.lets) {
      local.set(l.name, k.letValue(k.compile(irOf(l.expr.text, { names: { ...names }, caseFields: true }), local)));
      names[l.name] = l.expr.type;
    }
    const scope: ScopeDecl = { names, caseFields: true };
    const num = (e: CompiledExpr | undefined): CV | null => (e ? k.compile(irOf(e.text, scope), local) : null);
    const mode = ROUNDING_OF[v.comp.mode];
    if (!mode) throw new KernelUnsupported(`rounding mode ${v.comp.mode}`);
    return { rules, cents: k.root(k.cents(num(c.formula), num(c.cap), v.comp.places, mode)) };
  };

  const variants: VariantKernel[] = [];
  const index = new Map<Variant, number>();
  const indexOf = (v: Variant) => {
    let i = index.get(v);
    if (i === undefined) {
      i = variants.push(variant(v)) - 1;
      index.set(v, i);
    }
    return i;
  };
  const variantOfMode = new Int32Array(EXIT_MODES.length);
  const maskOfMode = new Int32Array(EXIT_MODES.length);
  // Variants whose rules and amount are the same nodes (the graph shares them) are one variant.
  const distinct: VariantKernel[] = [];
  const bySignature = new Map<string, number>();
  const signature = (v: VariantKernel) =>
    JSON.stringify([v.rules.map((r) => [r.bit, r.when?.id ?? -1, r.test?.id ?? -1]), v.cents?.id ?? -1]);
  EXIT_MODES.forEach((mode, code) => {
    const asked = plan.forced ?? plan.byMode.get(mode);
    const v = variants[indexOf(asked ?? plan.bare)]!;
    const key = signature(v);
    let d = bySignature.get(key);
    if (d === undefined) bySignature.set(key, (d = distinct.push(v) - 1));
    variantOfMode[code] = d;
    maskOfMode[code] = asked || plan.notOfferedBit < 0 ? 0 : 1 << plan.notOfferedBit;
  });
  const rules = new Map<string, SharedRule>();
  distinct.forEach((v, d) => {
    for (const r of v.rules) {
      const key = `${r.bit}/${r.when?.id ?? -1}/${r.test?.id ?? -1}`;
      let shared = rules.get(key);
      if (!shared) rules.set(key, (shared = { ...r, inVariant: new Uint8Array(distinct.length) }));
      shared.inVariant![d] = 1;
    }
  });
  for (const r of rules.values()) if (r.inVariant!.every((x) => x === 1)) r.inVariant = null;
  return { plan, variants: distinct, variantOfMode, maskOfMode, rules: [...rules.values()], scratch: new Int32Array(0) };
}

/**
 * Outcomes of rows [0, m) of the chunk into `out` at `offset` (unsafe rows are overwritten later),
 * a rule at a time: each rule's loop sets its reason bit for the households whose variant has the
 * rule, where it applies (its `when` is not false) and does not hold (its test is not true).
 */
export function policyOutcomes(p: PolicyKernel, c: ChunkState, mode: Uint8Array, out: OutcomeArrays, offset: number): void {
  const m = c.rows[HOUSEHOLD];
  const { variants, variantOfMode, maskOfMode } = p;
  const F = out.failedMask.subarray(offset, offset + m);
  if (p.scratch.length < m) p.scratch = new Int32Array(m);
  const vi = p.scratch;
  for (let h = 0; h < m; h++) {
    const code = mode[h]!;
    vi[h] = variantOfMode[code]!;
    F[h] = maskOfMode[code]!;
  }
  for (const r of p.rules) {
    const b = r.bit;
    const W = r.when?.out;
    const T = r.test?.out;
    const inV = r.inVariant;
    // +(…) << b rather than `? :`: integer flags, not jumps (compile.ts says why).
    if (inV === null) {
      if (T === undefined) {
        if (W === undefined) for (let h = 0; h < m; h++) F[h] |= 1 << b;
        else for (let h = 0; h < m; h++) F[h] |= +(W[h] !== 0) << b;
      } else if (W === undefined) for (let h = 0; h < m; h++) F[h] |= +(T[h] !== 1) << b;
      else for (let h = 0; h < m; h++) F[h] |= (+(W[h] !== 0) & +(T[h] !== 1)) << b;
    } else for (let h = 0; h < m; h++) F[h] |= (inV[vi[h]!]! & +(W === undefined || W[h] !== 0) & +(T === undefined || T[h] !== 1)) << b;
  }
  const E = out.eligible.subarray(offset, offset + m);
  const A = out.cents.subarray(offset, offset + m);
  if (none.length < m) none = new Float64Array(m).fill(NaN);
  // 0 / 1 is 0 and 0 / 0 is NaN: the amount where eligible, missing where not, without a jump.
  if (variants.length === 1) {
    const C = variants[0]!.cents?.out ?? none;
    for (let h = 0; h < m; h++) {
      const ok = +(F[h] === 0);
      E[h] = ok;
      A[h] = C[h]! + 0 / ok;
    }
    return;
  }
  const C = variants.map((v) => v.cents?.out ?? none);
  for (let h = 0; h < m; h++) {
    const ok = +(F[h] === 0);
    E[h] = ok;
    A[h] = C[vi[h]!]![h]! + 0 / ok;
  }
}

/** The amount of a variant without one: missing. */
let none = new Float64Array(0);
