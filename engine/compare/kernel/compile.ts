// Checked expression IR (dsl/expr/ir.ts) → nodes of the columnar graph. The same IR the closure
// compiler (dsl/expr/compile.ts) turns into the row-by-row evaluator, with the same meaning: missing
// data propagates as NaN where the language's null does (且/或 three-valued, a filter drops
// elements whose condition is missing, sum of a list with a missing element is missing), numbers
// are exact — integer numerators over fixed denominators, sums over a common denominator,
// comparisons of rationals by cross-multiplication, rounding by integer quotient and remainder.
// What the graph cannot hold exactly (a division by a case value, nested lists, names and ID
// strings) is refused with KernelUnsupported and the policy is evaluated row by row instead.
// An operator applied row by row is a template: its value at a row as a JS expression of its
// operands' values there, which fuse.ts compiles together with the other templates of the level
// into one loop (fixed text and numbers only: no text of the policy). List reductions and the
// reading of a household value by each parcel are loops of their own. Constant operands are
// literals, constant subexpressions are folded, and a change of denominator or dictionary alone
// is an alias of the same buffer.
import type { Decimal } from 'decimal.js';
import { Fraction } from '../../../dsl/expr/decimal.ts';
import type { Node } from '../../../dsl/expr/ir.ts';
import type { Ty } from '../../../dsl/expr/types.ts';
import { dayNumber, isLocalDate } from '../../calendar/date.ts';
import { decimalRatio, gcd, lcm, MAX_EXACT, nonDecimalPart, quotientRatio, roundDiv, type Ratio, type Rounding } from './exact.ts';
import { dictId, HOUSEHOLD, KernelUnsupported, proven, type ChunkState, type Graph, type Kind, type KNode, type Level } from './graph.ts';
import { JS_CMP, num, type Emit } from './fuse.ts';
import { internDict, NULL, v, type CV, type Inputs } from './inputs.ts';

type Env = ReadonlyMap<string, CV>;

const CMP: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '==': (c) => c === 0,
  '!=': (c) => c !== 0,
};

/** x × y for bounds: 0 × ±Infinity is 0 (a zero factor bounds the product), not NaN. */
const mulB = (x: number, y: number): number => (x === 0 || y === 0 ? 0 : x * y);
const span = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

function kindOf(ty: Ty): Kind {
  switch (ty.k) {
    case 'num':
    case 'bool':
    case 'str':
    case 'date':
      return ty.k;
    default:
      throw new KernelUnsupported(`value of type ${ty.k}`);
  }
}

/** A compile-time constant (a literal, a parameter's value) as an exact ratio. */
function constantRatio(value: unknown): Ratio | null {
  if (value instanceof Fraction) return quotientRatio(value.n, value.d);
  if (value !== null && typeof value === 'object' && typeof (value as Decimal).isFinite === 'function')
    return decimalRatio(value as Decimal);
  return null;
}

export class KernelCompiler {
  constructor(
    private readonly g: Graph,
    private readonly inputs: Inputs,
  ) {}

  /** A constant value of a parameter or literal as a CV. */
  constant(value: unknown, ty: Ty): CV {
    if (value === null || value === undefined) return NULL;
    switch (ty.k) {
      case 'num': {
        const r = constantRatio(value);
        if (!r) throw new KernelUnsupported(`constant ${String(value)}`);
        return v(this.g.constant('num', r.n, HOUSEHOLD, r.d));
      }
      case 'bool':
        return v(this.g.constant('bool', value ? 1 : 0));
      case 'str':
        return v(this.g.constant('str', 0, HOUSEHOLD, 1, internDict([String(value)])));
      case 'date': {
        const text = String(value);
        return isLocalDate(text) ? v(this.g.constant('date', dayNumber(text))) : NULL;
      }
      default:
        throw new KernelUnsupported(`constant of type ${ty.k}`);
    }
  }

  /** An expression's IR in scope `env` (parameters and lets by name). */
  compile(ir: Node, env: Env): CV {
    return this.cv(ir, env, []);
  }

  /** A let's value: kept exact only while it terminates (the row-by-row value is a 40-digit decimal otherwise). */
  letValue(x: CV): CV {
    if (x.t === 'items') throw new KernelUnsupported('list value');
    if (x.t !== 'v' || x.node.kind !== 'num') return x;
    const q = nonDecimalPart(x.node.den);
    if (q === 1) return x;
    const a = x.node;
    return v(
      this.g.node(`term${q}(${a.id})`, () => ({
        kind: 'num',
        level: a.level,
        den: a.den,
        lo: a.lo,
        hi: a.hi,
        deps: [a],
        code: ([x], e) => {
          e.unsafe(`${x} === ${x} && ${x} % ${num(q)} !== 0`);
          return x!;
        },
      })),
    );
  }

  /** A result read after the graph runs (a rule's verdict, an amount): it and what it needs are computed. */
  root(n: KNode): KNode {
    return this.g.root(n);
  }

  /** A household-level value of `kind` (a rule's verdict, an amount). */
  household(x: CV, kind: Kind): KNode {
    const n = this.scalar(x, kind);
    if (n.level !== HOUSEHOLD)
      throw new KernelUnsupported(`a per-${n.level === 1 ? 'parcel' : 'member'} value where one per household is expected`);
    return n;
  }

  /**
   * The amount in 分 as fast-eval computes it: the formula (not a number: not computable), the
   * cap when it is lower, the policy's rounding to `places`, then half-up to 分.
   */
  cents(formula: CV | null, cap: CV | null, places: number, mode: Rounding): KNode {
    const isNum = (x: CV | null): x is CV & { t: 'v' } => x !== null && x.t === 'v' && x.node.kind === 'num';
    if (!isNum(formula)) return this.g.constant('num', NaN);
    let amount = this.household(formula, 'num');
    if (isNum(cap)) {
      const [a, b] = this.unify(amount, this.household(cap, 'num'));
      // The cap applies when it is a number and lower; a missing amount stays missing.
      // (x + y − |x − y|) / 2 is min(x, y) without a jump, exact while |x| + |y| stays below 2^53.
      const exact = proven(a.lo, a.hi) && proven(b.lo, b.hi);
      amount = this.g.node(`cap(${a.id},${b.id})`, () => ({
        kind: 'num',
        level: HOUSEHOLD,
        den: a.den,
        lo: Math.min(a.lo, b.lo),
        hi: a.hi,
        deps: [a, b],
        // The lower of the two (a missing amount stays missing); a missing cap does not apply.
        code: ([x, y]) => `${y} === ${y} ? ${exact ? `(${x} + ${y} - Math.abs(${x} - ${y})) * 0.5` : `Math.min(${x}, ${y})`} : ${x}`,
      }));
    }
    let r = this.round(amount, { n: 1, d: 10 ** places }, mode);
    if (places > 2) r = this.round(r, { n: 1, d: 100 }, 'half-up');
    return this.mulConst(r, 100, 1);
  }

  // ——— scalars

  /** A CV as a scalar node of `kind` (missing → a NaN constant). */
  private scalar(x: CV, kind: Kind): KNode {
    if (x.t === 'null') return this.g.constant(kind, NaN);
    if (x.t !== 'v') throw new KernelUnsupported(`a ${x.t} where a ${kind} is expected`);
    if (x.node.kind !== kind) throw new KernelUnsupported(`a ${x.node.kind} where a ${kind} is expected`);
    return x.node;
  }

  /** The node at `level` (a household value read by every parcel or member of the household). */
  private at(n: KNode, level: Level): KNode {
    if (n.level === level) return n;
    if (n.level !== HOUSEHOLD) throw new KernelUnsupported('values of two different lists in one expression');
    if (n.constant !== undefined) return this.g.constant(n.kind, n.constant, level, n.den, n.dict);
    return this.g.node(`bc${level}(${n.id})`, () => ({
      kind: n.kind,
      level,
      den: n.den,
      lo: n.lo,
      hi: n.hi,
      dict: n.dict,
      deps: [n],
      run: (self, c) => {
        const owner = c.owner[level]!;
        const X = n.out;
        const out = self.out;
        for (let e = 0, m = c.rows[level]; e < m; e++) out[e] = X[owner[e]!]!;
      },
    }));
  }

  private align(a: KNode, b: KNode): [KNode, KNode, Level] {
    const level = a.level === HOUSEHOLD ? b.level : a.level;
    return [this.at(a, level), this.at(b, level), level];
  }

  /** Numerators of a and b over their common denominator: the factors and that denominator. */
  private common(a: KNode, b: KNode): { fa: number; fb: number; den: number } {
    const den = lcm(a.den, b.den);
    if (!Number.isFinite(den)) throw new KernelUnsupported('common denominator beyond the exact range');
    return { fa: den / a.den, fb: den / b.den, den };
  }

  /** A constant's numerator times f, exactly (or refused). */
  private folded(c: KNode, f: number): number {
    const x = c.constant! * f;
    if (Math.abs(x) > MAX_EXACT) throw new KernelUnsupported('constant beyond the exact range');
    return x;
  }

  /** x × n/d for a constant n/d (reduced against x's denominator); n/d = 1 only relabels. */
  private mulConst(x: KNode, n: number, d: number): KNode {
    if (n !== n) return this.g.constant('num', NaN, x.level);
    const g1 = gcd(n, x.den) || 1;
    const f = n / g1;
    const den = (x.den / g1) * d;
    if (den > MAX_EXACT) throw new KernelUnsupported('denominator beyond the exact range');
    if (x.constant !== undefined) return this.g.constant('num', x.constant !== x.constant ? NaN : this.folded(x, f), x.level, den);
    const [lo, hi] = span([mulB(x.lo, f), mulB(x.hi, f)]);
    if (f === 1) return this.g.alias(x, { den });
    const safe = proven(lo, hi);
    const level = x.level;
    return this.g.node(`*${f}/${den}(${x.id})`, () => ({
      kind: 'num',
      level,
      den,
      lo,
      hi,
      deps: [x],
      code: ([X], e) => {
        if (safe) return `${X} * ${num(f)}`;
        const r = e.let(`${X} * ${num(f)}`);
        e.check(r);
        return r;
      },
    }));
  }

  /** a's numerators over `den`, a multiple of a's denominator. */
  private over(a: KNode, den: number): KNode {
    return a.den === den ? a : this.mulConst(this.g.alias(a, { den: 1 }), den / a.den, den);
  }

  /** Strings in one dictionary (a constant's string added to the column's: the column's codes stay). */
  private sameDict(a: KNode, b: KNode): [KNode, KNode] {
    if (a.dict === b.dict) return [a, b];
    if (b.constant !== undefined && b.constant === b.constant) {
      const s = b.dict[b.constant]!;
      const k = a.dict.indexOf(s);
      if (k >= 0) return [a, this.g.constant('str', k, b.level, 1, a.dict)];
      const dict = internDict([...a.dict, s]);
      return [this.g.alias(a, { dict }), this.g.constant('str', dict.length - 1, b.level, 1, dict)];
    }
    if (a.constant !== undefined) {
      const [y, x] = this.sameDict(b, a);
      return [x, y];
    }
    // Two columns: both into one dictionary, a's strings first.
    const union = internDict([...a.dict, ...b.dict.filter((x) => !a.dict.includes(x))]);
    return [this.recode(a, union), this.recode(b, union)];
  }

  /** a and b at one level, numbers over one denominator, strings in one dictionary. */
  private unify(a: KNode, b: KNode): [KNode, KNode] {
    [a, b] = this.align(a, b);
    if (a.kind === 'num') {
      const { den } = this.common(a, b);
      return [this.over(a, den), this.over(b, den)];
    }
    if (a.kind === 'str') return this.sameDict(a, b);
    return [a, b];
  }

  private recode(a: KNode, dict: readonly string[]): KNode {
    if (a.dict === dict) return a;
    const table = a.dict.map((s) => dict.indexOf(s));
    if (a.constant !== undefined) return this.g.constant('str', a.constant === a.constant ? table[a.constant]! : NaN, a.level, 1, dict);
    const level = a.level;
    return this.g.node(`re${dictId(dict)}(${a.id})`, () => ({
      kind: 'str',
      level,
      dict,
      lo: 0,
      hi: dict.length - 1,
      deps: [a],
      code: ([x], e) => `${x} === ${x} ? ${e.table(Float64Array.from(table))}[${x}] : NaN`,
    }));
  }

  private add(a: KNode, b: KNode, sign: 1 | -1): KNode {
    [a, b] = this.align(a, b);
    const { fa, fb, den } = this.common(a, b);
    const level = a.level;
    if (a.constant !== undefined && b.constant !== undefined) {
      if (a.constant !== a.constant || b.constant !== b.constant) return this.g.constant('num', NaN, level);
      const x = this.folded(a, fa) + sign * this.folded(b, fb);
      if (Math.abs(x) > MAX_EXACT) throw new KernelUnsupported('constant beyond the exact range');
      return this.g.constant('num', x, level, den);
    }
    const [alo, ahi] = span([mulB(a.lo, fa), mulB(a.hi, fa)]);
    const [blo, bhi] = span([mulB(b.lo, fb), mulB(b.hi, fb)]);
    const lo = sign === 1 ? alo + blo : alo - bhi;
    const hi = sign === 1 ? ahi + bhi : ahi - blo;
    const safe = proven(alo, ahi) && proven(blo, bhi) && proven(lo, hi);
    const key = `${sign === 1 ? '+' : '-'}(${a.id},${b.id})`;
    const op = sign === 1 ? '+' : '-';
    // A constant operand is its literal (deps' values): the JIT folds its product.
    return this.g.node(key, () => ({
      kind: 'num',
      level,
      den,
      lo,
      hi,
      deps: [a, b],
      code: ([A, B], e) => {
        if (safe) return `${A} * ${num(fa)} ${op} ${B} * ${num(fb)}`;
        const x = e.let(`${A} * ${num(fa)}`);
        const y = e.let(`${B} * ${num(fb)}`);
        const r = e.let(`${x} ${op} ${y}`);
        e.check(x);
        e.check(y);
        e.check(r);
        return r;
      },
    }));
  }

  private mul(a: KNode, b: KNode): KNode {
    if (b.constant !== undefined) return this.mulConst(a, b.constant, b.den);
    if (a.constant !== undefined) return this.mulConst(b, a.constant, a.den);
    [a, b] = this.align(a, b);
    const den = a.den * b.den;
    if (den > MAX_EXACT) throw new KernelUnsupported('denominator beyond the exact range');
    const [lo, hi] = span([mulB(a.lo, b.lo), mulB(a.lo, b.hi), mulB(a.hi, b.lo), mulB(a.hi, b.hi)]);
    const safe = proven(lo, hi);
    const level = a.level;
    return this.g.node(`*(${a.id},${b.id})`, () => ({
      kind: 'num',
      level,
      den,
      lo,
      hi,
      deps: [a, b],
      code: ([A, B], e) => {
        if (safe) return `${A} * ${B}`;
        const r = e.let(`${A} * ${B}`);
        e.check(r);
        return r;
      },
    }));
  }

  private div(a: KNode, b: KNode): KNode {
    if (b.constant === undefined) throw new KernelUnsupported('division by a value that varies by household');
    if (b.constant !== b.constant) return this.g.constant('num', NaN, a.level);
    // A division by zero is an evaluation error for the whole expression: left to the row-by-row evaluator.
    if (b.constant === 0) throw new KernelUnsupported('division by zero');
    const sign = b.constant < 0 ? -1 : 1;
    return this.mulConst(a, sign * b.den, Math.abs(b.constant));
  }

  private neg(a: KNode): KNode {
    return this.mulConst(a, -1, 1);
  }

  private abs(a: KNode): KNode {
    if (a.constant !== undefined) return this.g.constant('num', Math.abs(a.constant), a.level, a.den);
    const level = a.level;
    return this.g.node(`abs(${a.id})`, () => ({
      kind: 'num',
      level,
      den: a.den,
      lo: a.lo >= 0 ? a.lo : 0,
      hi: Math.max(Math.abs(a.lo), Math.abs(a.hi)),
      deps: [a],
      code: ([A]) => `Math.abs(${A})`,
    }));
  }

  /** round(x, step, mode): the integer quotient of x / step, rounded by its remainder, times step. */
  private round(x: KNode, step: Ratio, mode: Rounding): KNode {
    const sd = step.d;
    const sn = step.n;
    // x already lies on the grid (a multiple of 1/sd): only its denominator changes.
    if (sn === 1 && sd % x.den === 0) return this.mulConst(this.g.alias(x, { den: 1 }), sd / x.den, sd);
    // x / step = (X × sd) / (den × sn): an integer quotient q, then the value q × sn / sd.
    const D = x.den * sn;
    if (D > MAX_EXACT) throw new KernelUnsupported('rounding step beyond the exact range');
    if (x.constant !== undefined) {
      if (x.constant !== x.constant) return this.g.constant('num', NaN, x.level, sd);
      return this.g.constant('num', roundDiv(this.folded(x, sd), D, mode) * sn, x.level, sd);
    }
    const [nlo, nhi] = span([mulB(x.lo, sd), mulB(x.hi, sd)]);
    const [lo, hi] = span([mulB(Math.floor(nlo / D) - 1, sn), mulB(Math.ceil(nhi / D) + 1, sn)]);
    const safe = proven(nlo, nhi) && proven(lo, hi);
    const level = x.level;
    return this.g.node(`round${sn}/${sd}${mode}(${x.id})`, () => ({
      kind: 'num',
      level,
      den: sd,
      lo,
      hi,
      deps: [x],
      code: ([X], e) => {
        if (safe) return ROUND[mode](X!, sd, D, sn, e);
        const n = e.let(`${X} * ${num(sd)}`);
        e.check(n);
        const r = e.let(`${e.table((y) => roundDiv(y, D, mode))}(${n}) * ${num(sn)}`);
        e.check(r);
        return r;
      },
    }));
  }

  /**
   * A comparison of numbers (over a common denominator, both scaled: cross-multiplication) or of
   * codes (dates, yes/no, strings in one dictionary): 1, 0, or NaN when either side is missing.
   */
  private compare(op: string, a: KNode, b: KNode, fa: number, fb: number): KNode {
    const level = a.level;
    if (a.constant !== undefined && b.constant !== undefined) {
      const x = this.folded(a, fa);
      const y = this.folded(b, fb);
      return this.g.constant('bool', x !== x || y !== y ? NaN : CMP[op]!(x - y) ? 1 : 0, level);
    }
    if (a.constant !== undefined) return this.compare(FLIP[op]!, b, a, fb, fa);
    const [alo, ahi] = span([mulB(a.lo, fa), mulB(a.hi, fa)]);
    const [blo, bhi] = span([mulB(b.lo, fb), mulB(b.hi, fb)]);
    const key = `${op}(${a.id}*${fa},${b.id}*${fb})`;
    const spec = { kind: 'bool' as const, level, lo: 0, hi: 1, deps: [a, b] };
    const js = JS_CMP[op]!;
    if (!proven(alo, ahi) || !proven(blo, bhi)) {
      return this.g.node(key, () => ({
        ...spec,
        code: ([A, B], e) => {
          const x = e.let(`${A} * ${num(fa)}`);
          const y = e.let(`${B} * ${num(fb)}`);
          e.check(x);
          e.check(y);
          return `${x} !== ${x} || ${y} !== ${y} ? NaN : +(${x} - ${y} ${js} 0)`;
        },
      }));
    }
    if (b.constant !== undefined) {
      const y = b.constant * fb;
      if (y !== y) return this.g.constant('bool', NaN, level);
      // x − x: missing where x is.
      return this.g.node(key, () => ({ ...spec, code: ([A]) => `+(${A} * ${num(fa)} ${js} ${num(y)}) + (${A} - ${A})` }));
    }
    return this.g.node(key, () => ({
      ...spec,
      code: ([A, B], e) => {
        const x = e.let(`${A} * ${num(fa)}`);
        const y = e.let(`${B} * ${num(fb)}`);
        return `+(${x} ${js} ${y}) + (${x} - ${y}) * 0`;
      },
    }));
  }

  private cmpNum(op: string, a: KNode, b: KNode): KNode {
    [a, b] = this.align(a, b);
    const { fa, fb } = this.common(a, b);
    return this.compare(op, a, b, fa, fb);
  }

  private cmpCodes(op: string, a: KNode, b: KNode): KNode {
    [a, b] = this.align(a, b);
    if (a.kind === 'str') [a, b] = this.sameDict(a, b);
    return this.compare(op, a, b, 1, 1);
  }

  private logic(op: 'and' | 'or', a: KNode, b: KNode): KNode {
    [a, b] = this.align(a, b);
    if (a.constant !== undefined) [a, b] = [b, a];
    const level = a.level;
    const decisive = op === 'and' ? 0 : 1;
    if (b.constant !== undefined) {
      const k = b.constant;
      // false 且 x = false; true 且 x = x; missing 且 x = false when x is false, else missing (或 alike).
      if (k === decisive) return this.g.constant('bool', decisive, level);
      if (k === 1 - decisive) return a;
      if (a.constant !== undefined) return this.g.constant('bool', a.constant === decisive ? decisive : NaN, level);
      return this.g.node(`${op}?(${a.id})`, () => ({
        kind: 'bool',
        level,
        lo: 0,
        hi: 1,
        deps: [a],
        code: ([A]) => `${A} === ${decisive} ? ${decisive} : NaN`, // rare: a missing constant
      }));
    }
    // Both known (the rare missing operand takes the three-valued path): x × y is 且, x + y − x × y 或.
    return this.g.node(`${op}(${a.id},${b.id})`, () => ({
      kind: 'bool',
      level,
      lo: 0,
      hi: 1,
      deps: [a, b],
      code: ([x, y]) =>
        op === 'and'
          ? `${x} === ${x} && ${y} === ${y} ? ${x} * ${y} : ${x} === 0 || ${y} === 0 ? 0 : NaN`
          : `${x} === ${x} && ${y} === ${y} ? ${x} + ${y} - ${x} * ${y} : ${x} === 1 || ${y} === 1 ? 1 : NaN`,
    }));
  }

  private not(a: KNode): KNode {
    if (a.constant !== undefined) return this.g.constant('bool', a.constant === a.constant ? 1 - a.constant : NaN, a.level);
    const level = a.level;
    return this.g.node(`not(${a.id})`, () => ({
      kind: 'bool',
      level,
      lo: 0,
      hi: 1,
      deps: [a],
      code: ([A]) => `1 - ${A}`,
    }));
  }

  private select(c: KNode, a: KNode, b: KNode): KNode {
    if (c.constant !== undefined) return c.constant === 1 ? a : c.constant === 0 ? b : this.g.constant(a.kind, NaN, c.level, a.den, a.dict);
    const level = c.level;
    return this.g.node(`if(${c.id},${a.id},${b.id})`, () => ({
      kind: a.kind,
      level,
      den: a.den,
      lo: Math.min(a.lo, b.lo),
      hi: Math.max(a.hi, b.hi),
      dict: a.dict,
      deps: [c, a, b],
      // All three known: x is 1 or 0 and x × p + (1 − x) × q is exactly p or q.
      code: ([x, p, q]) =>
        `${x} === ${x} && ${p} === ${p} && ${q} === ${q} ? ${x} * ${p} + (1 - ${x}) * ${q} : ${x} === 1 ? ${p} : ${x} === 0 ? ${q} : NaN`,
    }));
  }

  private fallbackTo(a: KNode, b: KNode): KNode {
    if (a.constant !== undefined) return a.constant === a.constant ? a : b;
    const level = a.level;
    return this.g.node(`def(${a.id},${b.id})`, () => ({
      kind: a.kind,
      level,
      den: a.den,
      lo: Math.min(a.lo, b.lo),
      hi: Math.max(a.hi, b.hi),
      dict: a.dict,
      deps: [a, b],
      code: ([x, y]) => `${x} === ${x} ? ${x} : ${y}`,
    }));
  }

  private exists(a: KNode): KNode {
    if (a.constant !== undefined) return this.g.constant('bool', a.constant === a.constant ? 1 : 0, a.level);
    const level = a.level;
    return this.g.node(`ex(${a.id})`, () => ({
      kind: 'bool',
      level,
      lo: 0,
      hi: 1,
      deps: [a],
      code: ([x]) => `+(${x} === ${x})`,
    }));
  }

  private minmax2(fn: 'min' | 'max', a: KNode, b: KNode): KNode {
    [a, b] = this.unify(a, b);
    const level = a.level;
    if (a.constant !== undefined && b.constant !== undefined) {
      return this.g.constant(
        'num',
        a.constant !== a.constant || b.constant !== b.constant
          ? NaN
          : fn === 'min'
            ? Math.min(a.constant, b.constant)
            : Math.max(a.constant, b.constant),
        level,
        a.den,
      );
    }
    const pick = fn === 'min' ? Math.min : Math.max;
    // (x + y ∓ |x − y|) / 2 without a jump while the bounds keep the sum below 2^53; NaN propagates,
    // as Math.min/max's does: min with a missing value is missing, as in the language.
    const exact = proven(a.lo, a.hi) && proven(b.lo, b.hi);
    const sign = fn === 'min' ? -1 : 1;
    return this.g.node(`${fn}(${a.id},${b.id})`, () => ({
      kind: 'num',
      level,
      den: a.den,
      lo: pick(a.lo, b.lo),
      hi: pick(a.hi, b.hi),
      deps: [a, b],
      code: ([x, y]) => (exact ? `(${x} + ${y} + ${num(sign)} * Math.abs(${x} - ${y})) * 0.5` : `Math.${fn}(${x}, ${y})`),
    }));
  }

  private datediff(a: KNode, b: KNode): KNode {
    return this.add(this.asNumber(a), this.asNumber(b), -1);
  }

  /** Day numbers (or codes) read as plain numbers. */
  private asNumber(a: KNode): KNode {
    if (a.kind === 'num') return a;
    if (a.constant !== undefined) return this.g.constant('num', a.constant, a.level);
    const target = a.alias ?? a;
    return this.g.node(`num(${target.id})`, () => ({ kind: 'num', level: a.level, lo: a.lo, hi: a.hi, deps: [target], alias: target }));
  }

  // ——— the IR

  private cv(n: Node, env: Env, elems: CV[]): CV {
    const s = (x: Node, kind: Kind) => this.scalar(this.cv(x, env, elems), kind);
    switch (n.t) {
      case 'const':
        return this.constant(n.value, n.ty);
      case 'name':
        return env.get(n.name) ?? NULL;
      case 'case':
        return this.inputs.casePath(n.path);
      case 'derived':
        return this.inputs.derived(n.key);
      case 'elem': {
        const e = elems[n.depth];
        if (!e) throw new KernelUnsupported('element outside its filter');
        return e;
      }
      case 'field':
        return this.field(this.cv(n.obj, env, elems), n.key, n.through);
      case 'filter':
        return this.filter(n, env, elems);
      case 'arith': {
        const a = this.cv(n.l, env, elems);
        const b = this.cv(n.r, env, elems);
        if (a.t === 'null' || b.t === 'null') return NULL;
        const x = this.scalar(a, 'num');
        const y = this.scalar(b, 'num');
        switch (n.op) {
          case '+':
            return v(this.add(x, y, 1));
          case '-':
            return v(this.add(x, y, -1));
          case '*':
            return v(this.mul(x, y));
          case '/':
            return v(this.div(x, y));
        }
        break;
      }
      case 'neg':
        return v(this.neg(s(n.x, 'num')));
      case 'abs':
        return v(this.abs(s(n.x, 'num')));
      case 'datediff':
        return v(this.datediff(s(n.l, 'date'), s(n.r, 'date')));
      case 'cmp': {
        if (n.mode === 'num') return v(this.cmpNum(n.op, s(n.l, 'num'), s(n.r, 'num')));
        const kind = kindOf(n.l.ty.k === 'unknown' ? n.r.ty : n.l.ty);
        if (kind === 'str' && n.op !== '==' && n.op !== '!=') throw new KernelUnsupported('ordering of strings');
        return v(this.cmpCodes(n.op, s(n.l, kind), s(n.r, kind)));
      }
      case 'logic':
        return v(this.logic(n.op, s(n.l, 'bool'), s(n.r, 'bool')));
      case 'not':
        return v(this.not(s(n.x, 'bool')));
      case 'if': {
        const kind = kindOf(n.ty);
        const c0 = s(n.c, 'bool');
        const [a0, b0] = this.unify(s(n.a, kind), s(n.b, kind));
        const level = c0.level !== HOUSEHOLD ? c0.level : a0.level;
        return v(this.select(this.at(c0, level), this.at(a0, level), this.at(b0, level)));
      }
      case 'default': {
        const x = this.cv(n.x, env, elems);
        const d = this.cv(n.d, env, elems);
        if (x.t === 'null') return d;
        if (x.t !== 'v') return x;
        const [a, b] = this.unify(x.node, this.scalar(d, x.node.kind));
        return v(this.fallbackTo(a, b));
      }
      case 'exists': {
        const x = this.cv(n.x, env, elems);
        if (x.t === 'null') return v(this.g.constant('bool', 0));
        if (x.t !== 'v') return v(this.g.constant('bool', 1));
        return v(this.exists(x.node));
      }
      case 'list':
        return { t: 'items', items: n.items.map((i) => this.cv(i, env, elems)) };
      case 'in':
        return this.inList(n, env, elems);
      case 'agg':
        return this.agg(n.fn, this.cv(n.list, env, elems));
      case 'minmax':
        return this.minmax(n, env, elems);
      case 'round': {
        const step = decimalRatio(n.step);
        if (!step || step.n <= 0) throw new KernelUnsupported('rounding step');
        return v(this.round(s(n.x, 'num'), step, n.mode));
      }
    }
    throw new KernelUnsupported(`expression node ${(n as Node).t}`);
  }

  private field(obj: CV, key: string, through: number): CV {
    if (obj.t === 'null') return NULL;
    if (through === 0) {
      if (obj.t !== 'rec') throw new KernelUnsupported(`field ${key} of a ${obj.t}`);
      return obj.field(key);
    }
    if (through !== 1 || obj.t !== 'list' || obj.item.t !== 'rec') throw new KernelUnsupported(`field ${key} through ${through} lists`);
    return { ...obj, item: obj.item.field(key) };
  }

  private filter(n: Extract<Node, { t: 'filter' }>, env: Env, elems: CV[]): CV {
    const list = this.cv(n.list, env, elems);
    if (list.t === 'null') return NULL;
    if (list.t !== 'list') throw new KernelUnsupported(`filter of a ${list.t}`);
    const inner = [...elems];
    inner[n.depth] = list.item;
    const p = this.at(this.scalar(this.cv(n.pred, env, inner), 'bool'), list.level);
    const s = list.sel;
    const level = list.level;
    const sel = this.g.node(`sel(${s?.id ?? '-'},${p.id})`, () => ({
      kind: 'bool',
      level,
      lo: 0,
      hi: 1,
      deps: s ? [s, p] : [p],
      code: (x) => (s ? `+(${x[0]} === 1) * +(${x[1]} === 1)` : `+(${x[0]} === 1)`),
    }));
    return { ...list, sel };
  }

  /** Elements of a list as (its level, selection, item node of `kind`). */
  private items(list: CV, kind: Kind | null): { level: Level; sel: KNode | null; item: KNode | null; max: number } {
    if (list.t !== 'list') throw new KernelUnsupported(`aggregate over a ${list.t}`);
    const item = kind === null ? null : this.at(this.scalar(list.item, kind), list.level);
    return { level: list.level, sel: list.sel, item, max: list.max };
  }

  /** Per household, over its selected rows at `level`: the count, the sum, all/any, min/max. */
  private reduce(
    fn: 'count' | 'sum' | 'all' | 'any' | 'min' | 'max',
    level: Level,
    sel: KNode | null,
    item: KNode | null,
    spec: { den?: number; lo: number; hi: number; kind: Kind },
    checked = false,
  ): KNode {
    const deps = [sel, item].filter((x): x is KNode => x !== null);
    const key = `${fn}${level}(${sel?.id ?? '-'},${item?.id ?? '-'})`;
    // A sum and a count of a selection are totals of a template over the rows, computed in the
    // rows' own loop (fuse.ts); a sum not proven exact is checked once it is whole.
    if (fn === 'sum' || (fn === 'count' && sel)) {
      const term = fn === 'count' ? ([s]: string[]) => s! : SUM_OF(sel !== null);
      const total = this.g.node(key, () => ({ ...spec, level: HOUSEHOLD, over: level, deps, code: term }));
      if (!checked) return total;
      return this.g.node(`chk(${total.id})`, () => ({
        ...spec,
        level: HOUSEHOLD,
        deps: [total],
        code: ([x], e) => {
          e.check(x!);
          return x!;
        },
      }));
    }
    return this.g.node(key, () => ({
      ...spec,
      level: HOUSEHOLD,
      deps,
      run: REDUCE[fn](level, sel, item),
    }));
  }

  private agg(fn: 'sum' | 'count' | 'all' | 'any', list: CV): CV {
    if (list.t === 'null') return NULL;
    switch (fn) {
      case 'count': {
        const { level, sel, max } = this.items(list, null);
        return v(this.reduce('count', level, sel, null, { kind: 'num', lo: 0, hi: max }));
      }
      case 'sum': {
        const { level, sel, item, max } = this.items(list, 'num');
        const x = item!;
        const lo = max * Math.min(0, x.lo);
        const hi = max * Math.max(0, x.hi);
        return v(this.reduce('sum', level, sel, x, { kind: 'num', den: x.den, lo, hi }, !proven(lo, hi)));
      }
      case 'all':
      case 'any': {
        const { level, sel, item } = this.items(list, 'bool');
        const known = this.inputs.reduced(fn, level, sel, item);
        if (known) return v(known);
        return v(this.reduce(fn, level, sel, item, { kind: 'bool', lo: 0, hi: 1 }));
      }
    }
  }

  private minmax(n: Extract<Node, { t: 'minmax' }>, env: Env, elems: CV[]): CV {
    if (n.overList) {
      const list = this.cv(n.args[0]!, env, elems);
      if (list.t === 'null') return NULL;
      if (list.t === 'items') return this.minmaxOf(n.fn, list.items);
      const { level, sel, item } = this.items(list, 'num');
      const x = item!;
      // Empty, or any element missing: missing (Math.min/max propagate NaN).
      return v(this.reduce(n.fn, level, sel, x, { kind: 'num', den: x.den, lo: x.lo, hi: x.hi }));
    }
    return this.minmaxOf(
      n.fn,
      n.args.map((a) => this.cv(a, env, elems)),
    );
  }

  private minmaxOf(fn: 'min' | 'max', args: CV[]): CV {
    if (args.some((a) => a.t === 'null')) return NULL;
    let acc = this.scalar(args[0]!, 'num');
    for (const arg of args.slice(1)) acc = this.minmax2(fn, acc, this.scalar(arg, 'num'));
    return v(acc);
  }

  private inList(n: Extract<Node, { t: 'in' }>, env: Env, elems: CV[]): CV {
    const xs = this.cv(n.x, env, elems);
    const list = this.cv(n.list, env, elems);
    if (xs.t === 'null' || list.t === 'null') return v(this.g.constant('bool', NaN));
    if (list.t !== 'items') throw new KernelUnsupported('membership in a list of case values');
    const kind = kindOf(n.x.ty);
    const x = this.scalar(xs, kind);
    // The codes (or numerators over x's denominator) the items stand for; missing items match nothing.
    const codes: number[] = [];
    for (const it of list.items) {
      if (it.t !== 'v' || it.node.constant === undefined) throw new KernelUnsupported('membership in a list of case values');
      const c = it.node;
      const value = c.constant!;
      if (value !== value) continue;
      if (kind === 'num') {
        const num = value * x.den;
        if (Math.abs(num) > MAX_EXACT) throw new KernelUnsupported('list item beyond the exact range');
        if (num % c.den === 0) codes.push(num / c.den);
      } else if (kind === 'str') {
        const k = x.dict.indexOf(c.dict[value]!);
        if (k >= 0) codes.push(k);
      } else codes.push(value);
    }
    if (x.constant !== undefined)
      return v(this.g.constant('bool', x.constant !== x.constant ? NaN : codes.includes(x.constant) ? 1 : 0, x.level));
    const level = x.level;
    return v(
      this.g.node(`in[${codes.join(',')}](${x.id})`, () => ({
        kind: 'bool',
        level,
        lo: 0,
        hi: 1,
        deps: [x],
        // One flag per code, or-ed; missing where x is.
        code: ([p]) => `(${codes.map((k) => `+(${p} === ${num(k)})`).join(' | ') || '0'}) + (${p} - ${p})`,
      })),
    );
  }
}

type Loop = (self: KNode, c: ChunkState) => void;

// The templates and loops are written so that V8 compiles them without data-dependent branches (a
// mispredicted branch per row costs more than the arithmetic): a comparison becomes 1 or 0 by
// +(x < y), which compiles to a flag, not a jump, while `c ? 1 : 0` and Math.min/max compile to
// jumps; missing data is carried by arithmetic — x − x is 0 for a number and NaN for a missing
// one, so adding it to a result makes the result missing exactly when x is. Branches remain only
// where they are predictable (missing data is rare). Closure variables are copied into locals
// before a loop.

/**
 * round(X × f / D) × sn for numerators proven exact, a template per mode: roundDiv (exact.ts) with
 * the quotient's correction and the mode's step written without data-dependent branches. The
 * float quotient is within one of the true one; the remainder, exact, corrects it.
 */
const ROUND: Record<Rounding, (X: string, f: number, D: number, sn: number, e: Emit) => string> = {
  'half-up': (X, f, D, sn, e) => {
    const { n, q, r } = quotient(X, f, D, e, true);
    e.stmt(`${q} += +(2 * ${r} >= ${num(D)});`);
    return signed(n, q, sn, e);
  },
  'half-even': (X, f, D, sn, e) => {
    const { n, q, r } = quotient(X, f, D, e, true);
    e.stmt(`${q} += +(2 * ${r} > ${num(D)}) | (+(2 * ${r} === ${num(D)}) & +(${q} % 2 === 1));`);
    return signed(n, q, sn, e);
  },
  down: (X, f, D, sn, e) => {
    const { n, q } = quotient(X, f, D, e, false);
    return signed(n, q, sn, e);
  },
  up: (X, f, D, sn, e) => {
    const { n, q, r } = quotient(X, f, D, e, true);
    e.stmt(`${q} += +(${r} > 0);`);
    return signed(n, q, sn, e);
  },
};

/**
 * n = X × f, a = |n|, q = ⌊a / D⌋ corrected by the remainder r = a − q × D into [0, D) (r again
 * after the correction when the mode reads it).
 */
function quotient(X: string, f: number, D: number, e: Emit, remainder: boolean): { n: string; q: string; r: string } {
  const d = num(D);
  const n = e.let(`${X} * ${num(f)}`);
  const a = e.let(`Math.abs(${n})`);
  const q = e.variable(`Math.floor(${a} / ${d})`);
  const r = e.variable(`${a} - ${q} * ${d}`);
  e.stmt(`if (${r} < 0 || ${r} >= ${d}) { ${q} += ${r} < 0 ? -1 : 1;${remainder ? ` ${r} = ${a} - ${q} * ${d};` : ''} }`);
  return { n, q, r };
}
/** The quotient with n's sign, times the step's numerator. */
function signed(n: string, q: string, sn: number, e: Emit): string {
  e.stmt(`if (${n} < 0) ${q} = -${q};`);
  return `${q} * ${num(sn)}`;
}

/** The operator that compares the swapped operands the same way (c OP x ⇔ x FLIP c). */
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

/**
 * A row's term of a sum: the element, or 0 where it is not selected; s × x is the element or 0
 * when x is a number, and a missing element counts only where selected.
 */
const SUM_OF =
  (selected: boolean) =>
  (x: string[]): string =>
    selected ? `${x[1]} - ${x[1]} === 0 ? ${x[0]} * ${x[1]} : ${x[0]} === 1 ? NaN : 0` : x[0]!;

/**
 * Per-household reductions over the rows of a list, in one pass over the rows (each row adds to
 * its household's accumulator, owner[e]) rather than a loop per household. A selection is 1 or 0
 * (filters never leave it missing). all/any fold with min/max — (a + b ∓ |a − b|) / 2, exact on
 * 0, ½ and 1 — a missing element standing in as ½ until the end: false decides all and true decides any even after a missing element, as the
 * language's 且/或 do, and a household left at ½ is missing.
 */
const REDUCE: Record<'count' | 'all' | 'any' | 'min' | 'max', (level: Level, sel: KNode | null, item: KNode | null) => Loop> = {
  // The rows of every household (a count of a selection is a total: reduce above).
  count: (level) => (self, c) => {
    const out = self.out,
      m = c.rows[HOUSEHOLD];
    const start = c.start[level]!;
    for (let h = 0; h < m; h++) out[h] = start[h + 1]! - start[h]!;
  },
  all: (level, sel, item) => (self, c) => {
    const X = item!.out,
      S = sel?.out,
      owner = c.owner[level]!,
      out = self.out,
      n = c.rows[level],
      m = c.rows[HOUSEHOLD];
    out.fill(1, 0, m);
    for (let e = 0; e < n; e++) {
      const x = X[e]!;
      const y = x === x ? x : 0.5;
      const h = owner[e]!;
      const z = S === undefined ? y : S[e]! * y + (1 - S[e]!);
      const o = out[h]!;
      out[h] = (o + z - Math.abs(o - z)) * 0.5;
    }
    for (let h = 0; h < m; h++) if (out[h] === 0.5) out[h] = NaN;
  },
  any: (level, sel, item) => (self, c) => {
    const X = item!.out,
      S = sel?.out,
      owner = c.owner[level]!,
      out = self.out,
      n = c.rows[level],
      m = c.rows[HOUSEHOLD];
    out.fill(0, 0, m);
    for (let e = 0; e < n; e++) {
      const x = X[e]!;
      const y = x === x ? x : 0.5;
      const h = owner[e]!;
      const z = S === undefined ? y : S[e]! * y;
      const o = out[h]!;
      out[h] = (o + z + Math.abs(o - z)) * 0.5;
    }
    for (let h = 0; h < m; h++) if (out[h] === 0.5) out[h] = NaN;
  },
  // Empty, or any selected element missing: missing (Math.min/max propagate NaN).
  min: (level, sel, item) => (self, c) => {
    const start = c.start[level]!,
      S = sel?.out,
      X = item!.out,
      out = self.out;
    for (let h = 0, m = c.rows[HOUSEHOLD]; h < m; h++) {
      let r = Infinity;
      let k = 0;
      for (let e = start[h]!, e1 = start[h + 1]!; e < e1; e++)
        if (S === undefined || S[e] === 1) {
          r = Math.min(r, X[e]!);
          k++;
        }
      out[h] = k === 0 ? NaN : r;
    }
  },
  max: (level, sel, item) => (self, c) => {
    const start = c.start[level]!,
      S = sel?.out,
      X = item!.out,
      out = self.out;
    for (let h = 0, m = c.rows[HOUSEHOLD]; h < m; h++) {
      let r = -Infinity;
      let k = 0;
      for (let e = start[h]!, e1 = start[h + 1]!; e < e1; e++)
        if (S === undefined || S[e] === 1) {
          r = Math.max(r, X[e]!);
          k++;
        }
      out[h] = k === 0 ? NaN : r;
    }
  },
};
