// Checked expression IR (dsl/expr/ir.ts) → nodes of the columnar graph. The same IR the closure
// compiler (dsl/expr/compile.ts) turns into the row-by-row evaluator, with the same meaning: missing
// data propagates as NaN where the language's null does (且/或 three-valued, a filter drops
// elements whose condition is missing, sum of a list with a missing element is missing), numbers
// are exact — integer numerators over fixed denominators, sums over a common denominator,
// comparisons of rationals by cross-multiplication, rounding by integer quotient and remainder.
// What the graph cannot hold exactly (a division by a case value, nested lists, names and ID
// strings) is refused with KernelUnsupported and the policy is evaluated row by row instead.
import type { Decimal } from 'decimal.js';
import { Fraction } from '../../../dsl/expr/decimal.ts';
import type { Node } from '../../../dsl/expr/ir.ts';
import type { Ty } from '../../../dsl/expr/types.ts';
import { dateToDay } from '../population/distributions.ts';
import { decimalRatio, gcd, lcm, MAX_EXACT, nonDecimalPart, quotientRatio, roundDiv, type Ratio, type Rounding } from './exact.ts';
import { checkExact, dictId, HOUSEHOLD, KernelUnsupported, markUnsafe, proven, type ChunkState, type Graph, type Kind, type KNode, type Level } from './graph.ts';
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
export function constantRatio(value: unknown): Ratio | null {
  if (value instanceof Fraction) return quotientRatio(value.n, value.d);
  if (value !== null && typeof value === 'object' && typeof (value as Decimal).isFinite === 'function') return decimalRatio(value as Decimal);
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
        const d = dateToDay(String(value));
        return d === null ? NULL : v(this.g.constant('date', d));
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
        run: (self, c) => {
          const A = a.out;
          const out = self.out;
          for (let i = 0; i < c.rows[a.level]; i++) {
            const x = A[i]!;
            if (x === x && x % q !== 0) markUnsafe(c, a.level, i);
            out[i] = x;
          }
        },
      })),
    );
  }

  /** A household-level value of `kind` (a rule's verdict, an amount). */
  household(x: CV, kind: Kind): KNode {
    const n = this.scalar(x, kind);
    if (n.level !== HOUSEHOLD) throw new KernelUnsupported(`a per-${n.level === 1 ? 'parcel' : 'member'} value where one per household is expected`);
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
      amount = this.map2(`cap(${a.id},${b.id})`, a, b, 'num', { den: a.den, lo: Math.min(a.lo, b.lo), hi: a.hi }, (x, y) => (x !== x ? NaN : y === y && x > y ? y : x));
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
      run: (self, c) => {
        const owner = c.owner[level]!;
        const X = n.out;
        const out = self.out;
        for (let e = 0; e < c.rows[level]; e++) out[e] = X[owner[e]!]!;
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

  /** Scaled by f (exact while proven, else checked). */
  private scale(a: KNode, f: number): KNode {
    if (f === 1) return a;
    if (a.constant !== undefined) {
      const x = a.constant * f;
      if (Math.abs(x) > MAX_EXACT) throw new KernelUnsupported('constant beyond the exact range');
      return this.g.constant(a.kind, x, a.level, a.den * f);
    }
    const [lo, hi] = span([mulB(a.lo, f), mulB(a.hi, f)]);
    const safe = proven(lo, hi);
    return this.g.node(`x${f}(${a.id})`, () => ({
      kind: a.kind,
      level: a.level,
      den: a.den * f,
      lo,
      hi,
      run: (self, c) => {
        const A = a.out;
        const out = self.out;
        const m = c.rows[a.level];
        if (safe) for (let i = 0; i < m; i++) out[i] = A[i]! * f;
        else
          for (let i = 0; i < m; i++) {
            const x = A[i]! * f;
            checkExact(c, a.level, i, x);
            out[i] = x;
          }
      },
    }));
  }

  /** a and b at one level and over one denominator (numbers), or with one dictionary (strings). */
  private unify(a: KNode, b: KNode): [KNode, KNode] {
    [a, b] = this.align(a, b);
    if (a.kind === 'num') {
      const { fa, fb } = this.common(a, b);
      return [this.scale(a, fa), this.scale(b, fb)];
    }
    if (a.kind === 'str' && a.dict !== b.dict) {
      // Rewrite both into one dictionary: a's strings, then b's that a lacks.
      const union = internDict([...a.dict, ...b.dict.filter((s) => !a.dict.includes(s))]);
      return [this.recode(a, union), this.recode(b, union)];
    }
    return [a, b];
  }

  private recode(a: KNode, dict: readonly string[]): KNode {
    if (a.dict === dict) return a;
    const table = a.dict.map((s) => dict.indexOf(s));
    if (a.constant !== undefined) return this.g.constant('str', a.constant === a.constant ? table[a.constant]! : NaN, a.level, 1, dict);
    return this.g.node(`re${dictId(dict)}(${a.id})`, () => ({
      kind: 'str',
      level: a.level,
      dict,
      lo: 0,
      hi: dict.length - 1,
      run: (self, c) => {
        const A = a.out;
        const out = self.out;
        for (let i = 0; i < c.rows[a.level]; i++) {
          const x = A[i]!;
          out[i] = x === x ? table[x]! : NaN;
        }
      },
    }));
  }

  private map2(key: string, a: KNode, b: KNode, kind: Kind, spec: { den?: number; lo?: number; hi?: number; dict?: readonly string[] }, f: (x: number, y: number) => number): KNode {
    const level = a.level;
    return this.g.node(key, () => ({
      kind,
      level,
      ...spec,
      run: (self, c) => {
        const A = a.out;
        const B = b.out;
        const out = self.out;
        for (let i = 0; i < c.rows[level]; i++) out[i] = f(A[i]!, B[i]!);
      },
    }));
  }

  private map1(key: string, a: KNode, kind: Kind, spec: { den?: number; lo?: number; hi?: number; dict?: readonly string[] }, f: (x: number) => number): KNode {
    const level = a.level;
    return this.g.node(key, () => ({
      kind,
      level,
      ...spec,
      run: (self, c) => {
        const A = a.out;
        const out = self.out;
        for (let i = 0; i < c.rows[level]; i++) out[i] = f(A[i]!);
      },
    }));
  }

  private add(a: KNode, b: KNode, sign: 1 | -1): KNode {
    [a, b] = this.unify(a, b);
    const lo = sign === 1 ? a.lo + b.lo : a.lo - b.hi;
    const hi = sign === 1 ? a.hi + b.hi : a.hi - b.lo;
    const safe = proven(lo, hi);
    const level = a.level;
    return this.g.node(`${sign === 1 ? '+' : '-'}(${a.id},${b.id})`, () => ({
      kind: 'num',
      level,
      den: a.den,
      lo,
      hi,
      run: (self, c) => {
        const A = a.out;
        const B = b.out;
        const out = self.out;
        const m = c.rows[level];
        if (safe) {
          if (sign === 1) for (let i = 0; i < m; i++) out[i] = A[i]! + B[i]!;
          else for (let i = 0; i < m; i++) out[i] = A[i]! - B[i]!;
        } else
          for (let i = 0; i < m; i++) {
            const x = sign === 1 ? A[i]! + B[i]! : A[i]! - B[i]!;
            checkExact(c, level, i, x);
            out[i] = x;
          }
      },
    }));
  }

  /** x × n/d for a constant n/d (reduced against x's denominator). */
  private mulConst(x: KNode, n: number, d: number): KNode {
    if (n !== n) return this.g.constant('num', NaN, x.level);
    const g1 = gcd(n, x.den) || 1;
    const f = n / g1;
    const den = (x.den / g1) * d;
    if (den > MAX_EXACT) throw new KernelUnsupported('denominator beyond the exact range');
    if (x.constant !== undefined) {
      const r = x.constant * f;
      if (Math.abs(r) > MAX_EXACT) throw new KernelUnsupported('constant beyond the exact range');
      return this.g.constant('num', r, x.level, den);
    }
    const [lo, hi] = span([mulB(x.lo, f), mulB(x.hi, f)]);
    const safe = proven(lo, hi);
    const level = x.level;
    return this.g.node(`*${n}/${d}(${x.id})`, () => ({
      kind: 'num',
      level,
      den,
      lo,
      hi,
      run: (self, c) => {
        const X = x.out;
        const out = self.out;
        const m = c.rows[level];
        if (safe) for (let i = 0; i < m; i++) out[i] = X[i]! * f;
        else
          for (let i = 0; i < m; i++) {
            const r = X[i]! * f;
            checkExact(c, level, i, r);
            out[i] = r;
          }
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
      run: (self, c) => {
        const A = a.out;
        const B = b.out;
        const out = self.out;
        const m = c.rows[level];
        if (safe) for (let i = 0; i < m; i++) out[i] = A[i]! * B[i]!;
        else
          for (let i = 0; i < m; i++) {
            const r = A[i]! * B[i]!;
            checkExact(c, level, i, r);
            out[i] = r;
          }
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
    const m = Math.max(Math.abs(a.lo), Math.abs(a.hi));
    return this.map1(`abs(${a.id})`, a, 'num', { den: a.den, lo: a.lo >= 0 ? a.lo : 0, hi: m }, Math.abs);
  }

  /** round(x, step, mode): the integer quotient of x / step, rounded by its remainder, times step. */
  private round(x: KNode, step: Ratio, mode: Rounding): KNode {
    // x / step = (X × sd) / (den × sn): an integer quotient q, then the value q × sn / sd.
    const D = x.den * step.n;
    if (D > MAX_EXACT) throw new KernelUnsupported('rounding step beyond the exact range');
    const sd = step.d;
    const sn = step.n;
    const [nlo, nhi] = span([mulB(x.lo, sd), mulB(x.hi, sd)]);
    const [qlo, qhi] = [Math.floor(nlo / D) - 1, Math.ceil(nhi / D) + 1];
    const [lo, hi] = span([mulB(qlo, sn), mulB(qhi, sn)]);
    const safe = proven(nlo, nhi) && proven(lo, hi);
    const level = x.level;
    return this.g.node(`round${sn}/${sd}${mode}(${x.id})`, () => ({
      kind: 'num',
      level,
      den: sd,
      lo,
      hi,
      run: (self, c) => {
        const X = x.out;
        const out = self.out;
        for (let i = 0; i < c.rows[level]; i++) {
          const n = X[i]! * sd;
          if (!safe) checkExact(c, level, i, n);
          const r = roundDiv(n, D, mode) * sn;
          if (!safe) checkExact(c, level, i, r);
          out[i] = r;
        }
      },
    }));
  }

  private cmpNum(op: string, a: KNode, b: KNode): KNode {
    [a, b] = this.unify(a, b);
    const t = CMP[op]!;
    return this.map2(`${op}(${a.id},${b.id})`, a, b, 'bool', { lo: 0, hi: 1 }, (x, y) => (x !== x || y !== y ? NaN : t(x - y) ? 1 : 0));
  }

  private cmpCodes(op: string, a: KNode, b: KNode): KNode {
    [a, b] = this.unify(a, b);
    const t = CMP[op]!;
    return this.map2(`${op}c(${a.id},${b.id})`, a, b, 'bool', { lo: 0, hi: 1 }, (x, y) => (x !== x || y !== y ? NaN : t(x === y ? 0 : x < y ? -1 : 1) ? 1 : 0));
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
      case 'datediff': {
        const [a, b] = this.align(s(n.l, 'date'), s(n.r, 'date'));
        return v(this.map2(`dd(${a.id},${b.id})`, a, b, 'num', { lo: a.lo - b.hi, hi: a.hi - b.lo }, (x, y) => x - y));
      }
      case 'cmp': {
        if (n.mode === 'num') return v(this.cmpNum(n.op, s(n.l, 'num'), s(n.r, 'num')));
        const kind = kindOf(n.l.ty.k === 'unknown' ? n.r.ty : n.l.ty);
        if (kind === 'str' && n.op !== '==' && n.op !== '!=') throw new KernelUnsupported('ordering of strings');
        return v(this.cmpCodes(n.op, s(n.l, kind), s(n.r, kind)));
      }
      case 'logic': {
        const [a, b] = this.align(s(n.l, 'bool'), s(n.r, 'bool'));
        if (n.op === 'and') return v(this.map2(`and(${a.id},${b.id})`, a, b, 'bool', { lo: 0, hi: 1 }, (x, y) => (x === 0 || y === 0 ? 0 : x !== x || y !== y ? NaN : 1)));
        return v(this.map2(`or(${a.id},${b.id})`, a, b, 'bool', { lo: 0, hi: 1 }, (x, y) => (x === 1 || y === 1 ? 1 : x !== x || y !== y ? NaN : 0)));
      }
      case 'not': {
        const a = s(n.x, 'bool');
        return v(this.map1(`not(${a.id})`, a, 'bool', { lo: 0, hi: 1 }, (x) => (x === x ? 1 - x : NaN)));
      }
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
        const kind = x.node.kind;
        const [a, b] = this.unify(x.node, this.scalar(d, kind));
        return v(this.map2(`def(${a.id},${b.id})`, a, b, kind, { den: a.den, lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi), dict: a.dict }, (p, q) => (p === p ? p : q)));
      }
      case 'exists': {
        const x = this.cv(n.x, env, elems);
        if (x.t === 'null') return v(this.g.constant('bool', 0));
        if (x.t !== 'v') return v(this.g.constant('bool', 1));
        const a = x.node;
        return v(this.map1(`ex(${a.id})`, a, 'bool', { lo: 0, hi: 1 }, (p) => (p === p ? 1 : 0)));
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

  private select(c: KNode, a: KNode, b: KNode): KNode {
    const level = c.level;
    return this.g.node(`if(${c.id},${a.id},${b.id})`, () => ({
      kind: a.kind,
      level,
      den: a.den,
      lo: Math.min(a.lo, b.lo),
      hi: Math.max(a.hi, b.hi),
      dict: a.dict,
      run: (self, ch) => {
        const C = c.out;
        const A = a.out;
        const B = b.out;
        const out = self.out;
        for (let i = 0; i < ch.rows[level]; i++) {
          const x = C[i]!;
          out[i] = x === 1 ? A[i]! : x === 0 ? B[i]! : NaN;
        }
      },
    }));
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
      run: (self, c) => {
        const P = p.out;
        const S = s?.out;
        const out = self.out;
        for (let e = 0; e < c.rows[level]; e++) out[e] = (S === undefined || S[e] === 1) && P[e] === 1 ? 1 : 0;
      },
    }));
    return { ...list, sel };
  }

  /** Elements of a list as (its level, selection, item node of `kind`). */
  private items(list: CV, kind: Kind | null): { level: Level; sel: KNode | null; item: KNode | null; max: number } {
    if (list.t !== 'list') throw new KernelUnsupported(`aggregate over a ${list.t}`);
    const item = kind === null ? null : this.at(this.scalar(list.item, kind), list.level);
    return { level: list.level, sel: list.sel, item, max: list.max };
  }

  /** One value per household from its rows at `level`: f(acc, x) from `init`, `fin` at the end. */
  private reduce(key: string, level: Level, sel: KNode | null, item: KNode | null, spec: { den?: number; lo: number; hi: number; kind: Kind }, step: (acc: number, x: number) => number, init: number, fin: (acc: number, count: number) => number, checked: boolean): KNode {
    return this.g.node(key, () => ({
      ...spec,
      level: HOUSEHOLD,
      run: (self, c: ChunkState) => {
        const start = c.start[level]!;
        const S = sel?.out;
        const X = item?.out;
        const out = self.out;
        for (let h = 0; h < c.rows[HOUSEHOLD]; h++) {
          let acc = init;
          let count = 0;
          for (let e = start[h]!; e < start[h + 1]!; e++) {
            if (S !== undefined && S[e] !== 1) continue;
            count++;
            if (X !== undefined) {
              acc = step(acc, X[e]!);
              if (checked) checkExact(c, HOUSEHOLD, h, acc);
            }
          }
          out[h] = fin(acc, count);
        }
      },
    }));
  }

  private agg(fn: 'sum' | 'count' | 'all' | 'any', list: CV): CV {
    if (list.t === 'null') return NULL;
    switch (fn) {
      case 'count': {
        const { level, sel, max } = this.items(list, null);
        return v(this.reduce(`count(${level},${sel?.id ?? '-'})`, level, sel, null, { kind: 'num', lo: 0, hi: max }, (a) => a, 0, (_, k) => k, false));
      }
      case 'sum': {
        const { level, sel, item, max } = this.items(list, 'num');
        const x = item!;
        const lo = max * Math.min(0, x.lo);
        const hi = max * Math.max(0, x.hi);
        return v(this.reduce(`sum(${level},${sel?.id ?? '-'},${x.id})`, level, sel, x, { kind: 'num', den: x.den, lo, hi }, (a, y) => a + y, 0, (a) => a, !proven(lo, hi)));
      }
      case 'all':
      case 'any': {
        const { level, sel, item } = this.items(list, 'bool');
        const decisive = fn === 'any' ? 1 : 0;
        // acc: 0 nothing decisive, 1 a missing element seen, 2 decided.
        return v(
          this.reduce(
            `${fn}(${level},${sel?.id ?? '-'},${item!.id})`,
            level,
            sel,
            item,
            { kind: 'bool', lo: 0, hi: 1 },
            (a, y) => (a === 2 || y === decisive ? 2 : y !== y ? 1 : a),
            0,
            (a) => (a === 2 ? decisive : a === 1 ? NaN : 1 - decisive),
            false,
          ),
        );
      }
    }
  }

  private minmax(n: Extract<Node, { t: 'minmax' }>, env: Env, elems: CV[]): CV {
    const pick = n.fn === 'min' ? Math.min : Math.max;
    if (n.overList) {
      const list = this.cv(n.args[0]!, env, elems);
      if (list.t === 'null') return NULL;
      if (list.t === 'items') return this.minmaxOf(n.fn, list.items);
      const { level, sel, item } = this.items(list, 'num');
      const x = item!;
      // Empty, or any element missing: missing (Math.min/max propagate NaN).
      return v(this.reduce(`${n.fn}L(${level},${sel?.id ?? '-'},${x.id})`, level, sel, x, { kind: 'num', den: x.den, lo: x.lo, hi: x.hi }, (a, y) => pick(a, y), n.fn === 'min' ? Infinity : -Infinity, (a, k) => (k === 0 ? NaN : a), false));
    }
    return this.minmaxOf(n.fn, n.args.map((a) => this.cv(a, env, elems)));
  }

  private minmaxOf(fn: 'min' | 'max', args: CV[]): CV {
    if (args.some((a) => a.t === 'null')) return NULL;
    let acc = this.scalar(args[0]!, 'num');
    for (const arg of args.slice(1)) {
      const [a, b] = this.unify(acc, this.scalar(arg, 'num'));
      const pick = fn === 'min' ? Math.min : Math.max;
      acc = this.map2(`${fn}(${a.id},${b.id})`, a, b, 'num', { den: a.den, lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) }, (x, y) => pick(x, y));
    }
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
    return v(this.map1(`in[${codes.join(',')}](${x.id})`, x, 'bool', { lo: 0, hi: 1 }, (p) => (p !== p ? NaN : codes.includes(p) ? 1 : 0)));
  }
}

