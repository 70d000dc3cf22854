// Checked IR → a tree of closures (no eval, no new Function). Numbers take one of two paths,
// chosen statically per subtree:
//   dec — division-free subtrees: plain Decimal operations (面积 × (流转费 + 地力补贴) × 补偿年限);
//   rat — subtrees containing a division or a non-terminating literal (2/3, 1 月): exact Fractions
//         whose comparisons cross-multiply, so 20 >= 2/3 × 30 holds.
// A Fraction becomes a Decimal only when rounded or returned. If a *name* turns out to hold a
// Fraction at run time (a parameter 三分之二 passed exactly), the fast tree signals NEED_EXACT
// and the evaluator reruns an all-exact tree, compiled on first need.
//
// Missing data is null and propagates (SQL-like): arithmetic and comparisons with null give null,
// 且/或 are three-valued (false 且 null = false, true 或 null = true), a filter drops elements whose
// predicate is null. The engine reports a null rule result as "data missing", never as a pass.
//
// Case fields are read through the prepared case, which converts each on first read (prepare.ts);
// a computation that depends on the case alone (sum(退出地块.面积)) keeps its value there too, so
// every rule and policy evaluated on the same case shares it (share.ts).

import type { Decimal } from 'decimal.js';
import type { Evaluator, PreparedCase, RuntimeValue } from './api.ts';
import { Dec, Fraction, ONE, rounder, toDec, ZERO } from './decimal.ts';
import type { Node, NodeOf } from './ir.ts';
import { exprMessage } from './messages.ts';
import { TextError } from '../messages.ts';
import type { Message } from '../message.ts';
import { ShareAnalysis, shareSlot } from './share.ts';
import { caseReader, isPreparedCase, prepareCase, type CaseView } from './prepare.ts';

/**
 * Thrown by an evaluator for what only evaluation can find (a division by a zero value): its code
 * of dsl/expr/messages.ts as data (`text`), `message` in both languages, and the span at fault.
 */
export class ExprEvalError extends TextError {
  override name = 'ExprEvalError';
  declare readonly text: Message;
  constructor(
    readonly code: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(exprMessage(code));
  }
}

interface Ctx {
  c: CaseView | null;
  names: Record<string, RuntimeValue>;
  /** Current elements of enclosing filters, by depth. */
  el: unknown[];
}

type DecFn = (ctx: Ctx) => Decimal | null;
type RatFn = (ctx: Ctx) => Fraction | null;
type ValFn = (ctx: Ctx) => unknown;
type NumC = { kind: 'dec'; f: DecFn } | { kind: 'rat'; f: RatFn };

const NO_NAMES: Record<string, RuntimeValue> = Object.freeze({});
const NEED_EXACT = Symbol('need exact evaluation');

/** Counts are small whole numbers: shared Decimals (immutable) instead of one per count. */
const SMALL: Decimal[] = Array.from({ length: 64 }, (_, i) => new Dec(i));
const smallInt = (i: number): Decimal => (i < 64 ? SMALL[i]! : new Dec(i));

/** Our Decimal from whatever a number slot holds; a Fraction forces the exact tree. */
function readDec(v: unknown): Decimal | null {
  if (v instanceof Dec) return v;
  if (v instanceof Fraction) throw NEED_EXACT;
  return toDec(v);
}

function readRat(v: unknown): Fraction | null {
  if (v instanceof Fraction) return v;
  const d = v instanceof Dec ? v : toDec(v);
  return d === null ? null : new Fraction(d, ONE);
}

const lift = (c: NumC): RatFn => {
  if (c.kind === 'rat') return c.f;
  const f = c.f;
  return (ctx) => {
    const v = f(ctx);
    return v === null ? null : new Fraction(v, ONE);
  };
};

// Exact fraction arithmetic; denominators stay positive. `=== ONE` skips work for whole values.
function fadd(a: Fraction, b: Fraction, sign: 1 | -1): Fraction {
  const bn = sign === 1 ? b.n : b.n.neg();
  if (a.d === b.d) return new Fraction(a.n.plus(bn), a.d); // whole values, or the same denominator
  if (a.d === ONE) return new Fraction(a.n.times(b.d).plus(bn), b.d);
  if (b.d === ONE) return new Fraction(a.n.plus(bn.times(a.d)), a.d);
  return new Fraction(a.n.times(b.d).plus(bn.times(a.d)), a.d.times(b.d));
}
function fmul(a: Fraction, b: Fraction): Fraction {
  return new Fraction(a.n.times(b.n), a.d === ONE ? b.d : b.d === ONE ? a.d : a.d.times(b.d));
}
function fcmp(a: Fraction, b: Fraction): number {
  if (a.d === ONE && b.d === ONE) return a.n.cmp(b.n);
  return a.n.times(b.d).cmp(b.n.times(a.d));
}

class Compiler {
  private maxDepth = 0;
  private readonly share = new ShareAnalysis();
  constructor(private readonly exact: boolean) {}

  /**
   * A case-only computation's closure, made to keep its value on the prepared case: computed once
   * per case, whichever evaluator gets there first (share.ts). Errors are not kept (recomputed,
   * thrown again).
   */
  private shared<F extends (ctx: Ctx) => unknown>(n: Node, f: F): F {
    const key = this.share.keyOf(n);
    if (key === undefined) return f;
    const slot = shareSlot(`${this.exact ? 'x' : 'f'} ${key}`);
    return ((ctx: Ctx) => {
      const c = ctx.c;
      if (c === null) return f(ctx);
      const kept = c.shared[slot];
      if (kept !== undefined) return kept;
      return (c.shared[slot] = f(ctx));
    }) as F;
  }

  depth(): number {
    return this.maxDepth;
  }

  /** Any node → a closure returning its runtime value (numbers as Decimal or Fraction). */
  val(n: Node): ValFn {
    if (n.ty.k === 'num') return this.num(n).f;
    return this.shared(n, this.anyVal(n));
  }

  private anyVal(n: Node): ValFn {
    switch (n.t) {
      case 'const': {
        const v = n.value;
        return () => v;
      }
      case 'name': {
        const name = n.name;
        return (ctx) => ctx.names[name] ?? null;
      }
      case 'case':
        return this.casePath(n.path);
      case 'derived':
        switch (n.key) {
          case 'exitParcels':
            return (ctx) => (ctx.c ? ctx.c.exitParcels : null);
          case 'transferParcels':
            return (ctx) => (ctx.c ? ctx.c.transferParcels : null);
          case 'coOwners':
            return (ctx) => (ctx.c ? ctx.c.coOwners : null);
          default:
            throw new Error(`internal: no derived collection ${n.key}`);
        }
      case 'elem': {
        const d = n.depth;
        return (ctx) => ctx.el[d] ?? null;
      }
      case 'field':
        return this.field(n);
      case 'filter':
        return this.filter(n);
      case 'list': {
        const items = n.items.map((i) => this.val(i));
        return (ctx) => items.map((f) => f(ctx));
      }
      case 'cmp':
        return this.cmp(n);
      case 'logic':
        return this.logic(n);
      case 'not': {
        const x = this.val(n.x);
        return (ctx) => {
          const v = x(ctx);
          return v === null ? null : !v;
        };
      }
      case 'if': {
        const c = this.val(n.c);
        const a = this.val(n.a);
        const b = this.val(n.b);
        return (ctx) => {
          const cv = c(ctx);
          return cv === null ? null : cv ? a(ctx) : b(ctx);
        };
      }
      case 'in':
        return this.inList(n);
      case 'agg':
        return this.agg(n) as ValFn;
      case 'exists': {
        const x = this.val(n.x);
        return (ctx) => {
          try {
            return x(ctx) != null;
          } catch (e) {
            if (e instanceof ExprEvalError) return false;
            throw e;
          }
        };
      }
      case 'default': {
        const x = this.val(n.x);
        const d = this.val(n.d);
        return (ctx) => x(ctx) ?? d(ctx);
      }
      default:
        throw new Error(`internal: no value compiler for ${n.t}`);
    }
  }

  /** A number-typed node on the dec or rat path. */
  num(n: Node): NumC {
    const c = this.anyNum(n);
    const f = this.shared(n, c.f as (ctx: Ctx) => unknown);
    return f === c.f ? c : ({ kind: c.kind, f } as NumC);
  }

  private anyNum(n: Node): NumC {
    switch (n.t) {
      case 'const': {
        const v = n.value;
        if (v instanceof Fraction) {
          if (!this.exact && v.d.eq(1)) return { kind: 'dec', f: () => v.n };
          return { kind: 'rat', f: () => v };
        }
        const d = v === null ? null : (v as Decimal);
        if (this.exact) {
          const q = d === null ? null : new Fraction(d, ONE);
          return { kind: 'rat', f: () => q };
        }
        return { kind: 'dec', f: () => d };
      }
      case 'arith':
        return this.arith(n);
      case 'neg':
        return this.signed(n.x, (d) => d.neg());
      case 'abs':
        return this.signed(n.x, (d) => d.abs());
      case 'datediff': {
        const l = this.val(n.l);
        const r = this.val(n.r);
        const f: DecFn = (ctx) => {
          const a = l(ctx);
          const b = r(ctx);
          if (typeof a !== 'string' || typeof b !== 'string') return null;
          return new Dec((Date.parse(a + 'T00:00:00Z') - Date.parse(b + 'T00:00:00Z')) / 86_400_000);
        };
        return this.exact ? { kind: 'rat', f: lift({ kind: 'dec', f }) } : { kind: 'dec', f };
      }
      case 'agg':
        return this.agg(n) as NumC;
      case 'minmax':
        return this.minmax(n);
      case 'round': {
        const x = this.num(n.x);
        const r = rounder(n.step, n.mode);
        let f: DecFn;
        if (x.kind === 'rat') {
          const g = x.f;
          const frac = r.frac;
          f = (ctx) => {
            const v = g(ctx);
            return v === null ? null : frac(v.n, v.d);
          };
        } else {
          const g = x.f;
          const dec = r.dec;
          f = (ctx) => {
            const v = g(ctx);
            return v === null ? null : dec(v);
          };
        }
        return this.exact ? { kind: 'rat', f: lift({ kind: 'dec', f }) } : { kind: 'dec', f };
      }
      case 'if': {
        const c = this.val(n.c);
        const a = this.num(n.a);
        const b = this.num(n.b);
        if (a.kind === 'dec' && b.kind === 'dec') {
          const [fa, fb] = [a.f, b.f];
          return {
            kind: 'dec',
            f: (ctx) => {
              const cv = c(ctx);
              return cv === null ? null : cv ? fa(ctx) : fb(ctx);
            },
          };
        }
        const [fa, fb] = [lift(a), lift(b)];
        return {
          kind: 'rat',
          f: (ctx) => {
            const cv = c(ctx);
            return cv === null ? null : cv ? fa(ctx) : fb(ctx);
          },
        };
      }
      case 'default': {
        const a = this.num(n.x);
        const b = this.num(n.d);
        if (a.kind === 'dec' && b.kind === 'dec') {
          const [fa, fb] = [a.f, b.f];
          return { kind: 'dec', f: (ctx) => fa(ctx) ?? fb(ctx) };
        }
        const [fa, fb] = [lift(a), lift(b)];
        return { kind: 'rat', f: (ctx) => fa(ctx) ?? fb(ctx) };
      }
      default: {
        // A stored number: a name, a case field, an element field.
        const get = this.storedValue(n);
        return this.exact ? { kind: 'rat', f: (ctx) => readRat(get(ctx)) } : { kind: 'dec', f: (ctx) => readDec(get(ctx)) };
      }
    }
  }

  /**
   * A sign operation (negation, absolute value) on a number, exact or decimal: a fraction's
   * denominator is positive, so the operation applies to its numerator alone.
   */
  private signed(x: Node, op: (d: Decimal) => Decimal): NumC {
    const a = this.num(x);
    if (a.kind === 'rat') {
      const f = a.f;
      return {
        kind: 'rat',
        f: (ctx) => {
          const v = f(ctx);
          return v === null ? null : new Fraction(op(v.n), v.d);
        },
      };
    }
    const f = a.f;
    return {
      kind: 'dec',
      f: (ctx) => {
        const v = f(ctx);
        return v === null ? null : op(v);
      },
    };
  }

  private storedValue(n: Node): ValFn {
    switch (n.t) {
      case 'name': {
        const name = n.name;
        return (ctx) => ctx.names[name];
      }
      case 'case':
        return this.casePath(n.path);
      case 'field':
        return this.field(n);
      default:
        throw new Error(`internal: ${n.t} is not a stored number`);
    }
  }

  private casePath(path: string[]): ValFn {
    // Resolved, converted and kept by the prepared case on first read (prepare.ts).
    const read = caseReader(path);
    return (ctx) => (ctx.c ? read(ctx.c) : null);
  }

  private field(n: NodeOf<'field'>): ValFn {
    const obj = this.val(n.obj);
    const key = n.key;
    const project = (v: unknown, levels: number): unknown => {
      if (v == null) return null;
      if (levels === 0) return (v as Record<string, unknown>)[key] ?? null;
      return (v as unknown[]).map((x) => project(x, levels - 1));
    };
    const through = n.through;
    if (through === 0) {
      return (ctx) => {
        const v = obj(ctx) as Record<string, unknown> | null;
        return v == null ? null : (v[key] ?? null);
      };
    }
    return (ctx) => project(obj(ctx), through);
  }

  private filter(n: NodeOf<'filter'>): ValFn {
    const list = this.val(n.list);
    const pred = this.val(n.pred);
    const depth = n.depth;
    this.maxDepth = Math.max(this.maxDepth, depth + 1);
    return (ctx) => {
      const xs = list(ctx) as unknown[] | null;
      if (xs === null) return null;
      const out: unknown[] = [];
      const saved = ctx.el[depth];
      for (let i = 0; i < xs.length; i++) {
        ctx.el[depth] = xs[i];
        if (pred(ctx) === true) out.push(xs[i]);
      }
      ctx.el[depth] = saved;
      return out;
    };
  }

  /**
   * The elements of a list node. A one-level projection of a record list (退出地块.面积) is fused
   * into the loop that consumes it: no intermediate array per case.
   */
  private elements(n: Node): { src: ValFn; key?: string } {
    if (n.t === 'field' && n.through === 1) return { src: this.val(n.obj), key: n.key };
    return { src: this.val(n) };
  }

  private agg(n: NodeOf<'agg'>): NumC | ValFn {
    const { src, key } = this.elements(n.list);
    const item = key === undefined ? (x: unknown) => x : (x: unknown) => (x == null ? null : ((x as Record<string, unknown>)[key] ?? null));
    switch (n.fn) {
      case 'count':
        return this.numResult((ctx) => {
          const xs = src(ctx) as unknown[] | null;
          return xs === null ? null : smallInt(xs.length);
        });
      case 'sum':
        if (this.exact) {
          return {
            kind: 'rat',
            f: (ctx) => {
              const xs = src(ctx) as unknown[] | null;
              if (xs === null) return null;
              let acc = new Fraction(ZERO, ONE);
              for (let i = 0; i < xs.length; i++) {
                const v = readRat(item(xs[i]));
                if (v === null) return null;
                acc = fadd(acc, v, 1);
              }
              return acc;
            },
          };
        }
        if (key !== undefined) {
          return {
            kind: 'dec',
            f: (ctx) => {
              const xs = src(ctx) as Record<string, unknown>[] | null;
              if (xs === null) return null;
              let acc = ZERO;
              for (let i = 0; i < xs.length; i++) {
                const x = xs[i];
                const v = x == null ? null : readDec(x[key]);
                if (v === null) return null;
                acc = acc.plus(v);
              }
              return acc;
            },
          };
        }
        return {
          kind: 'dec',
          f: (ctx) => {
            const xs = src(ctx) as unknown[] | null;
            if (xs === null) return null;
            let acc = ZERO;
            for (let i = 0; i < xs.length; i++) {
              const v = readDec(xs[i]);
              if (v === null) return null;
              acc = acc.plus(v);
            }
            return acc;
          },
        };
      case 'all':
      case 'any': {
        const decisive = n.fn === 'any'; // the value that settles the answer
        return (ctx) => {
          const xs = src(ctx) as unknown[] | null;
          if (xs === null) return null;
          let sawNull = false;
          for (let i = 0; i < xs.length; i++) {
            const v = item(xs[i]);
            if (v === decisive) return decisive;
            if (v == null) sawNull = true;
          }
          return sawNull ? null : !decisive;
        };
      }
    }
  }

  private numResult(f: DecFn): NumC {
    return this.exact ? { kind: 'rat', f: lift({ kind: 'dec', f }) } : { kind: 'dec', f };
  }

  private minmax(n: NodeOf<'minmax'>): NumC {
    const sign = n.fn === 'min' ? -1 : 1; // keep b when cmp(b, best) has this sign
    if (n.overList) {
      const src = this.val(n.args[0]!);
      if (this.exact) {
        return {
          kind: 'rat',
          f: (ctx) => {
            const xs = src(ctx) as unknown[] | null;
            if (xs === null || xs.length === 0) return null;
            let best: Fraction | null = null;
            for (const x of xs) {
              const v = readRat(x);
              if (v === null) return null;
              if (best === null || fcmp(v, best) === sign) best = v;
            }
            return best;
          },
        };
      }
      return {
        kind: 'dec',
        f: (ctx) => {
          const xs = src(ctx) as unknown[] | null;
          if (xs === null || xs.length === 0) return null;
          let best: Decimal | null = null;
          for (const x of xs) {
            const v = readDec(x);
            if (v === null) return null;
            if (best === null || v.cmp(best) === sign) best = v;
          }
          return best;
        },
      };
    }
    const args = n.args.map((a) => this.num(a));
    if (args.every((a) => a.kind === 'dec')) {
      const fs = args.map((a) => a.f as DecFn);
      return {
        kind: 'dec',
        f: (ctx) => {
          let best: Decimal | null = null;
          for (const f of fs) {
            const v = f(ctx);
            if (v === null) return null;
            if (best === null || v.cmp(best) === sign) best = v;
          }
          return best;
        },
      };
    }
    const fs = args.map(lift);
    return {
      kind: 'rat',
      f: (ctx) => {
        let best: Fraction | null = null;
        for (const f of fs) {
          const v = f(ctx);
          if (v === null) return null;
          if (best === null || fcmp(v, best) === sign) best = v;
        }
        return best;
      },
    };
  }

  private arith(n: NodeOf<'arith'>): NumC {
    const l = this.num(n.l);
    const r = this.num(n.r);
    if (l.kind === 'dec' && r.kind === 'dec' && n.op !== '/') {
      const a = l.f;
      const b = r.f;
      switch (n.op) {
        case '+':
          return {
            kind: 'dec',
            f: (ctx) => {
              const x = a(ctx);
              if (x === null) return null;
              const y = b(ctx);
              return y === null ? null : x.plus(y);
            },
          };
        case '-':
          return {
            kind: 'dec',
            f: (ctx) => {
              const x = a(ctx);
              if (x === null) return null;
              const y = b(ctx);
              return y === null ? null : x.minus(y);
            },
          };
        case '*':
          return {
            kind: 'dec',
            f: (ctx) => {
              const x = a(ctx);
              if (x === null) return null;
              const y = b(ctx);
              return y === null ? null : x.times(y);
            },
          };
      }
    }
    const a = lift(l);
    const b = lift(r);
    const { start, end } = n.r;
    switch (n.op) {
      case '+':
      case '-': {
        const sign = n.op === '+' ? 1 : -1;
        return {
          kind: 'rat',
          f: (ctx) => {
            const x = a(ctx);
            if (x === null) return null;
            const y = b(ctx);
            return y === null ? null : fadd(x, y, sign);
          },
        };
      }
      case '*':
        return {
          kind: 'rat',
          f: (ctx) => {
            const x = a(ctx);
            if (x === null) return null;
            const y = b(ctx);
            return y === null ? null : fmul(x, y);
          },
        };
      case '/':
        return {
          kind: 'rat',
          f: (ctx) => {
            const x = a(ctx);
            if (x === null) return null;
            const y = b(ctx);
            if (y === null) return null;
            if (y.n.isZero()) throw new ExprEvalError('E401', start, end);
            const nn = y.d === ONE ? x.n : x.n.times(y.d);
            const dd = x.d === ONE ? y.n : y.n.times(x.d);
            return dd.isNeg() ? new Fraction(nn.neg(), dd.neg()) : new Fraction(nn, dd);
          },
        };
    }
  }

  private cmp(n: NodeOf<'cmp'>): ValFn {
    const test = CMP[n.op];
    if (n.mode === 'num') {
      const l = this.num(n.l);
      const r = this.num(n.r);
      if (l.kind === 'dec' && r.kind === 'dec') {
        const [a, b] = [l.f, r.f];
        return (ctx) => {
          const x = a(ctx);
          if (x === null) return null;
          const y = b(ctx);
          return y === null ? null : test(x.cmp(y));
        };
      }
      const [a, b] = [lift(l), lift(r)];
      return (ctx) => {
        const x = a(ctx);
        if (x === null) return null;
        const y = b(ctx);
        return y === null ? null : test(fcmp(x, y));
      };
    }
    const a = this.val(n.l);
    const b = this.val(n.r);
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      if (x == null || y == null) return null;
      return test(x === y ? 0 : (x as string) < (y as string) ? -1 : 1);
    };
  }

  private logic(n: NodeOf<'logic'>): ValFn {
    const a = this.val(n.l);
    const b = this.val(n.r);
    if (n.op === 'and') {
      return (ctx) => {
        const x = a(ctx);
        if (x === false) return false;
        const y = b(ctx);
        if (y === false) return false;
        return x === null || y === null ? null : true;
      };
    }
    return (ctx) => {
      const x = a(ctx);
      if (x === true) return true;
      const y = b(ctx);
      if (y === true) return true;
      return x === null || y === null ? null : false;
    };
  }

  private inList(n: NodeOf<'in'>): ValFn {
    const list = this.val(n.list);
    if (n.mode === 'num') {
      const fx = lift(this.num(n.x));
      return (ctx) => {
        const v = fx(ctx);
        const xs = list(ctx) as unknown[] | null;
        if (v === null || xs === null) return null;
        return xs.some((e) => {
          const w = readRat(e);
          return w !== null && fcmp(v, w) === 0;
        });
      };
    }
    const x = this.val(n.x);
    return (ctx) => {
      const v = x(ctx);
      const xs = list(ctx) as unknown[] | null;
      if (v == null || xs === null) return null;
      return xs.includes(v);
    };
  }
}

const CMP: Record<'<' | '<=' | '>' | '>=' | '==' | '!=', (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '==': (c) => c === 0,
  '!=': (c) => c !== 0,
};

export interface CompileOptions {
  /** Return non-terminating numeric results as exact Fractions instead of 40-digit Decimals. */
  exact?: boolean;
}

function finish(v: unknown, exact: boolean): RuntimeValue {
  if (v instanceof Fraction) return exact ? (v as unknown as RuntimeValue) : v.toDecimal();
  if (Array.isArray(v) && v.some((x) => x instanceof Fraction || Array.isArray(x))) return v.map((x) => finish(x, exact));
  return v as RuntimeValue;
}

interface Tree {
  root: ValFn;
  depth: number;
  /** Whether the root may hold a Fraction (alone or in a list) that finish() must turn into a Decimal. */
  finish: boolean;
}

function build(ir: Node, exact: boolean): Tree {
  const c = new Compiler(exact);
  if (ir.ty.k === 'num') {
    const n = c.num(ir);
    return { root: n.f, depth: c.depth(), finish: n.kind === 'rat' };
  }
  const root = c.val(ir);
  const k = ir.ty.k;
  return { root, depth: c.depth(), finish: k !== 'bool' && k !== 'str' && k !== 'date' };
}

/** Compiles checked IR. The evaluator may throw ExprEvalError (E401); nothing else is expected. */
export function compileIr(ir: Node, options: CompileOptions = {}): Evaluator {
  const returnExact = options.exact === true;
  const fast = build(ir, false);
  let exactTree: Tree | undefined;
  // One context per evaluator, reused: evaluation never re-enters the same evaluator.
  const ctx: Ctx = { c: null, names: NO_NAMES, el: new Array(fast.depth).fill(null) };
  const root = fast.root;
  const needsFinish = fast.finish;
  return (kase: PreparedCase, names: Record<string, RuntimeValue>): RuntimeValue => {
    ctx.c = kase == null ? null : isPreparedCase(kase) ? kase : (prepareCase(kase.raw) as unknown as CaseView);
    ctx.names = names ?? NO_NAMES;
    try {
      const v = root(ctx);
      return needsFinish ? finish(v, returnExact) : (v as RuntimeValue);
    } catch (e) {
      if (e !== NEED_EXACT) throw e;
      exactTree ??= build(ir, true);
      ctx.el = new Array(exactTree.depth).fill(null);
      return finish(exactTree.root(ctx), returnExact);
    } finally {
      // Do not keep the case alive between evaluations.
      ctx.c = null;
      ctx.names = NO_NAMES;
    }
  };
}
