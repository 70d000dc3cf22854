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
  /** Distinct variants: those whose rules and amount are the same nodes are one. */
  variants: VariantKernel[];
  /** By exit.mode code (spec.ts EXIT_MODES): the variant and the reason bits the choice sets. */
  variantOfMode: Int32Array;
  maskOfMode: Int32Array;
}

/** A rule as policyOutcomes runs it: once over the block, for the households whose variant has it. */

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
  return { plan, variants: distinct, variantOfMode, maskOfMode };
}

/**
 * The decisions of several policies at once. Each policy's reason bits get a place (an offset) in
 * a float64 that holds integers exactly up to 2^53, several policies to a number (a group, 52 bits
 * at most); each distinct rule — the (when, test) nodes, which the graph shares between policies
 * and sweep points — is then one pass over the households for all the policies of a group that
 * have it, adding its bits (a power of two per policy, by the household's exit mode: the variant
 * the mode chooses may or may not have the rule). Bits are distinct, so adding is or-ing.
 */
export interface Decisions {
  groups: DecisionGroup[];
}

interface DecisionGroup {
  /** Position of each policy in the outcomes, its kernel and its bits' offset. */
  members: { at: number; kernel: PolicyKernel; offset: number; width: number }[];
  /** By mode code: the reason bits the mode sets (not offered), for every member. */
  base: Float64Array;
  /** By rule: its nodes and, by mode code, the bits it sets when it refuses. */
  rules: { when: KNode | null; test: KNode | null; bits: Float64Array }[];
  /** The packed masks of a block (grown with the blocks). */
  acc: Float64Array;
}

/** Bits a policy's masks take: its rules' and the not-offered bit. */
function widthOf(k: PolicyKernel): number {
  let top = k.plan.notOfferedBit;
  for (const v of k.variants) for (const r of v.rules) top = Math.max(top, r.bit);
  return top + 1;
}

const PACK = 52;

/** The decision pass of the kernels (null: a policy evaluated row by row, left alone), by position. */
export function decisionsOf(kernels: (PolicyKernel | null)[]): Decisions {
  const groups: DecisionGroup[] = [];
  let group: DecisionGroup | null = null;
  let used = 0;
  const rulesOf = new Map<DecisionGroup, Map<string, DecisionGroup['rules'][number]>>();
  kernels.forEach((kernel, at) => {
    if (!kernel) return;
    const width = widthOf(kernel);
    if (width > 31) throw new KernelUnsupported(`${width} reasons: more than a mask holds`);
    if (!group || used + width > PACK) {
      group = { members: [], base: new Float64Array(EXIT_MODES.length), rules: [], acc: new Float64Array(0) };
      groups.push(group);
      rulesOf.set(group, new Map());
      used = 0;
    }
    const offset = used;
    used += width;
    group.members.push({ at, kernel, offset, width });
    const g = group;
    const known = rulesOf.get(g)!;
    EXIT_MODES.forEach((_, code) => {
      g.base[code]! += kernel.maskOfMode[code]! * 2 ** offset;
      for (const r of kernel.variants[kernel.variantOfMode[code]!]!.rules) {
        const key = `${r.when?.id ?? -1}/${r.test?.id ?? -1}`;
        let rule = known.get(key);
        if (!rule) {
          rule = { when: r.when, test: r.test, bits: new Float64Array(EXIT_MODES.length) };
          known.set(key, rule);
          g.rules.push(rule);
        }
        rule.bits[code]! += 2 ** (offset + r.bit);
      }
    });
  });
  return { groups };
}

/** Stand-in for a test that never holds and an amount that is missing. */
let never = new Float64Array(0);

/**
 * Outcomes of rows [0, m) of the chunk into `outs` (by the kernels' positions) at `offset` (unsafe
 * rows are overwritten later). A rule's bits are added for a household where the rule applies
 * (its `when` is not false) and does not hold (its test is not true); +(…) makes each an integer
 * flag, not a jump (compile.ts says why).
 */
export function decide(d: Decisions, c: ChunkState, mode: Float64Array, outs: OutcomeArrays[], offset: number): void {
  const m = c.rows[HOUSEHOLD];
  if (never.length < m) never = new Float64Array(m).fill(NaN);
  for (const g of d.groups) {
    if (g.acc.length < m) g.acc = new Float64Array(m);
    const acc = g.acc;
    const base = g.base;
    for (let h = 0; h < m; h++) acc[h] = base[mode[h]!]!;
    for (const r of g.rules) {
      const T = r.test?.out ?? never;
      const bits = r.bits;
      // The same bits whatever the mode (the rule is in every variant): no lookup per household;
      // no `when`: no array of trues to read.
      const b = bits[0]!;
      const same = bits.every((x) => x === b);
      if (r.when === null) {
        if (same) for (let h = 0; h < m; h++) acc[h] += +(T[h] !== 1) * b;
        else for (let h = 0; h < m; h++) acc[h] += +(T[h] !== 1) * bits[mode[h]!]!;
      } else {
        const W = r.when.out;
        if (same) for (let h = 0; h < m; h++) acc[h] += (+(W[h] !== 0) & +(T[h] !== 1)) * b;
        else for (let h = 0; h < m; h++) acc[h] += (+(W[h] !== 0) & +(T[h] !== 1)) * bits[mode[h]!]!;
      }
    }
    for (const { at, kernel, offset: o, width } of g.members) {
      const out = outs[at]!;
      const F = out.failedMask.subarray(offset, offset + m);
      const E = out.eligible.subarray(offset, offset + m);
      const A = out.cents.subarray(offset, offset + m);
      // acc / 2^o, whole, less its multiple of 2^width: the member's bits (exact: powers of two).
      const scale = 2 ** -o;
      const span = 2 ** width;
      const unspan = 2 ** -width;
      const { variants, variantOfMode } = kernel;
      // 0 / 1 is 0 and 0 / 0 is NaN: the amount where eligible, missing where not, without a jump.
      const C = variants.map((v) => v.cents?.out ?? never);
      const C0 = C[0]!;
      for (let h = 0; h < m; h++) {
        const t = Math.floor(acc[h]! * scale);
        const mask = t - Math.floor(t * unspan) * span;
        F[h] = mask;
        E[h] = +(mask === 0);
      }
      if (C.length === 1) for (let h = 0; h < m; h++) A[h] = C0[h]! + 0 / E[h]!;
      else for (let h = 0; h < m; h++) A[h] = C[variantOfMode[mode[h]!]!]![h]! + 0 / E[h]!;
    }
  }
}
