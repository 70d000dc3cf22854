// Exact numbers for the expression language. A private Decimal constructor (40 significant digits,
// never the shared global configuration) carries every number; a Fraction is an exact quotient
// used where a division could not be represented as a finite decimal (2/3, 1 月 = 1/12 年), so
// that comparisons like 赞成 >= 2/3 * 应到 cross-multiply instead of comparing 0.666…7 × 30 with 20.

import { Decimal } from 'decimal.js';
import { reduce, type Ratio } from '../units.ts';

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 60 });
export type Dec = Decimal;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/** An exact quotient n / d with d > 0. Only this module and compile.ts create them. */
export class Fraction {
  constructor(
    readonly n: Decimal,
    readonly d: Decimal,
  ) {}
  /** The nearest 40-digit Decimal (exact when the quotient terminates). */
  toDecimal(): Decimal {
    return this.n.div(this.d);
  }
  toString(): string {
    return `${this.n.toString()}/${this.d.toString()}`;
  }
}

/** Converts anything number-like a caller may hand us into our Decimal, or null. */
export function toDec(v: unknown): Decimal | null {
  if (v instanceof Dec) return v;
  if (v == null) return null;
  if (v instanceof Fraction) return v.toDecimal();
  if (typeof v === 'number' || typeof v === 'string' || Decimal.isDecimal(v)) {
    try {
      return new Dec(v as Decimal.Value);
    } catch {
      return null;
    }
  }
  return null;
}

/** Whether n/d (reduced) is a finite decimal: d has no prime factor other than 2 and 5. */
export function terminates(q: Ratio): boolean {
  let d = q.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/** A compile-time rational as the runtime value: a Decimal when finite, else a Fraction. */
export function ratioValue(q: Ratio): Decimal | Fraction {
  if (terminates(q)) return new Dec(q.n.toString()).div(q.d.toString());
  return new Fraction(new Dec(q.n.toString()), new Dec(q.d.toString()));
}

/** Parses a plain decimal literal ("106.5") into an exact reduced ratio (213/2). */
export function decimalTextToRatio(text: string): Ratio {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const frac = m[2] ?? '';
  return reduce(BigInt(m[1]! + frac), 10n ** BigInt(frac.length));
}

export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up';

/** Rounding modes as authors may write them, mapped to the four the policy model knows. */
export const ROUNDING_MODES: Record<string, RoundingMode> = {
  'half-up': 'half-up',
  四舍五入: 'half-up',
  'half-even': 'half-even',
  银行家舍入: 'half-even',
  四舍六入五成双: 'half-even',
  down: 'down',
  舍去: 'down',
  截尾: 'down',
  up: 'up',
  进一: 'up',
};

const DECIMAL_MODE: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

/** Digits after the point when step is 10^-k (0.01 → 2, 1 → 0, 100 → -2), else undefined. */
export function powerOfTenPlaces(step: Decimal): number | undefined {
  if (step.lte(0)) return undefined;
  const s = step.toFixed();
  if (/^0\.0*1$/.test(s)) return s.length - 2;
  if (/^10*$/.test(s)) return -(s.length - 1);
  return undefined;
}

/**
 * Rounds n/d to a multiple of `step` exactly: the quotient and remainder are taken on integers,
 * so a tie is recognised as a tie however the value was reached (1/3 × 1.5 rounds like 0.5).
 * "down" is toward zero, "up" away from zero, "half-up" ties away from zero.
 */
export function roundExact(n: Decimal, d: Decimal, step: Decimal, mode: RoundingMode): Decimal {
  const places = powerOfTenPlaces(step);
  if (d.eq(1) && places !== undefined && places >= 0) return n.toDecimalPlaces(places, DECIMAL_MODE[mode]);
  return roundFraction(n, d, step, mode);
}

/**
 * A rounding compiled once for a step and mode: to 10^-k places by decimal.js directly (exact on
 * a Decimal), otherwise through the integer quotient of roundFraction.
 */
export function rounder(step: Decimal, mode: RoundingMode): { dec: (x: Decimal) => Decimal; frac: (n: Decimal, d: Decimal) => Decimal } {
  const places = powerOfTenPlaces(step);
  const rm = DECIMAL_MODE[mode];
  if (places !== undefined && places >= 0) {
    // To 10^-k: the quotient of n × 10^k by d, truncated, is the answer's digits; the remainder
    // decides the last one (the same integer test as roundFraction, without scaling both to integers).
    const scale = new Dec(10).pow(places);
    const frac = (n: Decimal, d: Decimal): Decimal => {
      if (d === ONE) return n.toDecimalPlaces(places, rm);
      if (!d.isPos()) return roundFraction(n, d, step, mode);
      const num = n.times(scale);
      let q = num.divToInt(d); // toward zero
      if (mode === 'down') return q.times(step);
      const rem = num.minus(q.times(d)); // same sign as num
      if (!rem.isZero()) {
        let bump = mode === 'up';
        if (mode !== 'up') {
          const twice = rem.abs().times(2).cmp(d);
          bump = mode === 'half-up' ? twice >= 0 : twice > 0 || (twice === 0 && !q.mod(2).isZero());
        }
        if (bump) q = q.plus(num.isNeg() ? -1 : 1);
      }
      return q.times(step);
    };
    return { dec: (x) => x.toDecimalPlaces(places, rm), frac };
  }
  const frac = (n: Decimal, d: Decimal): Decimal => roundFraction(n, d, step, mode);
  return { dec: (x) => roundFraction(x, ONE, step, mode), frac };
}

function roundFraction(n: Decimal, d: Decimal, step: Decimal, mode: RoundingMode): Decimal {
  // value / step = n / (d × step); scale both to integers so divToInt and the remainder are exact.
  let num = n;
  let den = d.times(step);
  const scale = Math.max(num.decimalPlaces(), den.decimalPlaces());
  if (scale > 0) {
    const f = new Dec(10).pow(scale);
    num = num.times(f);
    den = den.times(f);
  }
  if (den.isNeg()) {
    num = num.neg();
    den = den.neg();
  }
  let q = num.divToInt(den); // truncated toward zero
  const rem = num.minus(q.times(den)); // same sign as num
  if (!rem.isZero()) {
    const away = num.isNeg() ? -1 : 1;
    const twice = rem.abs().times(2).cmp(den);
    let bump = false;
    if (mode === 'up') bump = true;
    else if (mode === 'half-up') bump = twice >= 0;
    else if (mode === 'half-even') bump = twice > 0 || (twice === 0 && !q.mod(2).isZero());
    if (bump) q = q.plus(away);
  }
  return q.times(step);
}
