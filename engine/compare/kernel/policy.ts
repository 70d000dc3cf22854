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
  EXIT_MODES.forEach((mode, code) => {
    const asked = plan.forced ?? plan.byMode.get(mode);
    variantOfMode[code] = indexOf(asked ?? plan.bare);
    maskOfMode[code] = asked || plan.notOfferedBit < 0 ? 0 : 1 << plan.notOfferedBit;
  });
  return { plan, variants, variantOfMode, maskOfMode };
}

/** Outcomes of rows [0, m) of the chunk into `out` at `offset` (unsafe rows are overwritten later). */
export function policyOutcomes(p: PolicyKernel, c: ChunkState, mode: Uint8Array, out: OutcomeArrays, offset: number): void {
  const m = c.rows[HOUSEHOLD];
  const { variants, variantOfMode, maskOfMode } = p;
  // The rules' arrays of this block (buffers grow between blocks: read them now), flat per variant.
  const when: (Float64Array | null)[][] = [];
  const test: (Float64Array | null)[][] = [];
  const bits: number[][] = [];
  const cents: (Float64Array | null)[] = [];
  for (const v of variants) {
    when.push(v.rules.map((r) => r.when?.out ?? null));
    test.push(v.rules.map((r) => r.test?.out ?? null));
    bits.push(v.rules.map((r) => 1 << r.bit));
    cents.push(v.cents?.out ?? null);
  }
  const F = out.failedMask;
  const E = out.eligible;
  const A = out.cents;
  for (let h = 0; h < m; h++) {
    const code = mode[h]!;
    const vi = variantOfMode[code]!;
    const W = when[vi]!;
    const T = test[vi]!;
    const B = bits[vi]!;
    let mask = maskOfMode[code]!;
    for (let r = 0; r < B.length; r++) {
      const w = W[r];
      if (w !== null && w![h] === 0) continue;
      const t = T[r];
      if (t === null || t![h] !== 1) mask |= B[r]!;
    }
    F[offset + h] = mask;
    E[offset + h] = mask === 0 ? 1 : 0;
    const C = cents[vi]!;
    A[offset + h] = mask === 0 && C !== null ? C[h]! : NaN;
  }
}
