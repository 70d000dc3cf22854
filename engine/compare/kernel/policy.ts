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
import { BlockProgram, num, type Emit, type Sink } from './fuse.ts';
import { KernelUnsupported, type ChunkState, type Graph, type KNode } from './graph.ts';
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
 * The decisions of the run's kernels, made in the households' loop (fuse.ts) once the rules'
 * verdicts and the amounts are there. A rule refuses where it applies (its `when` is not false)
 * and does not hold (its test is not true); a policy's mask is the bits of its rules that refuse
 * under the variant the household's exit mode picks, and the mode's own (not offered); eligible
 * where the mask is 0, the amount where eligible. A rule the graph shares between policies (or
 * sweep points) is one verdict for all of them. Bits by mode are a literal where every mode has
 * the same and a small table otherwise, so there is no jump on the mode.
 */
export interface Decisions {
  program: BlockProgram;
  /** The kernels, by their positions in the outcomes. */
  members: { at: number; kernel: PolicyKernel }[];
  /** The program's arguments: the mode column, then each member's mask, eligibility and amount. */
  args: unknown[];
}

/** The graph's nodes and the decisions of the kernels (null: a policy evaluated row by row, left alone), by position. */
export function decisionsOf(graph: Graph, kernels: (PolicyKernel | null)[]): Decisions {
  const members = kernels.flatMap((kernel, at) => (kernel ? [{ at, kernel }] : []));
  const sinks = members.map(({ kernel }, j): Sink => {
    const reads = new Set<KNode>();
    for (const v of kernel.variants) {
      for (const r of v.rules) for (const n of [r.when, r.test]) if (n) reads.add(n);
      if (v.cents) reads.add(v.cents);
    }
    return { reads: [...reads], code: (value, e) => decisionCode(kernel, j, value, e) };
  });
  return { program: new BlockProgram(graph, sinks), members, args: [] };
}

/**
 * Evaluates a block: every node the kernels need and their outcomes into `outs` (by the kernels'
 * positions) at `offset`. Unsafe rows (state.unsafe) are overwritten by the caller.
 */
export function evaluateBlock(d: Decisions, c: ChunkState, mode: Float64Array, outs: OutcomeArrays[], offset: number): void {
  const X = d.args;
  X[0] = mode;
  for (let j = 0; j < d.members.length; j++) {
    const o = outs[d.members[j]!.at]!;
    X[1 + 3 * j] = o.failedMask;
    X[2 + 3 * j] = o.eligible;
    X[3 + 3 * j] = o.cents;
  }
  d.program.run(c, X, offset);
}

/** By eligibility (0 or 1): what an amount gets added, missing where refused. */
const REFUSED_OR_ZERO = Float64Array.of(NaN, 0);

/**
 * The statements of member j's decisions at a household (a Sink's code); the household's mode and
 * each rule's refusal are locals of the loop that the members in it share.
 */
function decisionCode(kernel: PolicyKernel, j: number, value: (n: KNode) => string, e: Emit): void {
  const h = `${e.offset} + ${e.row}`;
  const mode = e.memo('mode', () => e.let(`${e.arg(0)}[${e.row}]`));
  // A value by the household's mode: a literal when every mode has the same.
  const byMode = (t: Int32Array | Float64Array): string => (t.every((x) => x === t[0]) ? num(t[0]!) : `${e.table(t)}[${mode}]`);
  /** 1 where the rule refuses, else 0 (a rule without a test cannot hold). */
  const refuses = (r: RuleKernel): string =>
    e.memo(`rule ${r.when?.id ?? -1}/${r.test?.id ?? -1}`, () => {
      const fails = r.test ? `+(${value(r.test)} !== 1)` : '1';
      return e.let(r.when ? `+(${value(r.when)} !== 0) & ${fails}` : fails);
    });
  const Z = e.memo('refused or zero', () => e.table(REFUSED_OR_ZERO));
  // Each rule's bits by mode: set where the mode's variant has the rule.
  const bits = new Map<string, Int32Array>();
  EXIT_MODES.forEach((_, code) => {
    for (const r of kernel.variants[kernel.variantOfMode[code]!]!.rules) {
      const f = refuses(r);
      let by = bits.get(f);
      if (!by) bits.set(f, (by = new Int32Array(EXIT_MODES.length)));
      by[code]! |= 1 << r.bit;
    }
  });
  const terms = [byMode(kernel.maskOfMode)];
  for (const [f, by] of bits) if (by.some((x) => x !== 0)) terms.push(`${f} * ${byMode(by)}`);
  const mask = e.let(terms.join(' | '));
  const eligible = e.let(`+(${mask} === 0)`);
  const amounts = [...new Set(kernel.variants.map((v) => (v.cents ? value(v.cents) : num(NaN))))];
  let amount = amounts[0]!;
  if (amounts.length > 1) {
    // The mode's variant's amount through a scratch row: a load, not a jump.
    const S = e.table(new Float64Array(kernel.variants.length));
    kernel.variants.forEach((v, k) => e.stmt(`${S}[${k}] = ${v.cents ? value(v.cents) : num(NaN)};`));
    amount = `${S}[${byMode(Int32Array.from(kernel.variantOfMode))}]`;
  }
  e.stmt(`${e.arg(1 + 3 * j)}[${h}] = ${mask};`);
  e.stmt(`${e.arg(2 + 3 * j)}[${h}] = ${eligible};`);
  e.stmt(`${e.arg(3 + 3 * j)}[${h}] = ${amount} + ${Z}[${eligible}];`);
}
