// Exact integer arithmetic in float64, for the columnar evaluator. Every number a kernel holds is
// an integer numerator over a denominator fixed when the kernel is compiled (10^places, 365, 3 …).
// A double holds every integer of magnitude ≤ 2^53 − 1 exactly, and IEEE arithmetic on such
// integers is exact while the exact result stays within that range; because rounding is
// monotonic, a result whose magnitude exceeds 2^53 − 1 is never rounded back into it. So a kernel
// either proves from the declared bounds of its inputs that no intermediate leaves the range
// (PROVEN) or checks each one as it is computed, sending the household to the row-by-row decimal
// evaluator when one does (docs/populations.md).
import { Decimal } from 'decimal.js';

export const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/** Static bounds are computed in floating point too: half the range leaves room for their own rounding. */
export const PROVEN = 2 ** 52;

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** lcm of two positive integers, or Infinity beyond the exact range. */
export function lcm(a: number, b: number): number {
  const l = (a / gcd(a, b)) * b;
  return l <= MAX_EXACT ? l : Infinity;
}

/** An exact rational with safe-integer parts (d > 0, reduced), or null when a part does not fit. */
export interface Ratio {
  n: number;
  d: number;
}

function fromBig(n: bigint, d: bigint): Ratio | null {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  let a = n < 0n ? -n : n;
  let b = d;
  while (b) [a, b] = [b, a % b];
  const g = a === 0n ? 1n : a;
  const nn = n / g;
  const dd = d / g;
  const lim = BigInt(MAX_EXACT);
  if (nn > lim || -nn > lim || dd > lim) return null;
  return { n: Number(nn), d: Number(dd) };
}

/** A decimal.js value as an exact ratio (its digits are finite). */
export function decimalRatio(v: Decimal): Ratio | null {
  if (!v.isFinite()) return null;
  const dp = v.decimalPlaces();
  if (dp > 30) return null;
  const n = BigInt(v.times(new Decimal(10).pow(dp)).toFixed(0));
  return fromBig(n, 10n ** BigInt(dp));
}

/** n / d of two decimals (a Fraction of the expression language). */
export function quotientRatio(n: Decimal, d: Decimal): Ratio | null {
  const a = decimalRatio(n);
  const b = decimalRatio(d);
  if (!a || !b || b.n === 0) return null;
  return fromBig(BigInt(a.n) * BigInt(b.d), BigInt(a.d) * BigInt(b.n));
}

/** Whether a denominator's decimal expansion terminates for every numerator (only 2s and 5s). */
export function nonDecimalPart(d: number): number {
  while (d % 2 === 0) d /= 2;
  while (d % 5 === 0) d /= 5;
  return d;
}

export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

/**
 * n / d rounded to an integer (d > 0; n, d exact integers ≤ 2^53 − 1): "down" toward zero, "up"
 * away from zero, "half-up" ties away from zero, "half-even" ties to the even neighbour — as
 * decimal.js's ROUND_DOWN, ROUND_UP, ROUND_HALF_UP, ROUND_HALF_EVEN. NaN stays NaN (missing).
 */
export function roundDiv(n: number, d: number, mode: Rounding): number {
  if (d === 1 || n !== n) return n;
  // The float quotient may be off by one near an integer: the remainder corrects it exactly
  // (q × d is within d of n, so it is exact too).
  let q = Math.trunc(n / d);
  let r = n - q * d;
  if (n >= 0) {
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
  } else if (r > 0) {
    q += 1;
    r -= d;
  } else if (r <= -d) {
    q -= 1;
    r += d;
  }
  if (r === 0) return q;
  const away = n < 0 ? -1 : 1;
  const twice = 2 * Math.abs(r); // < 2d ≤ 2^54: even, so exact
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return q + away;
    case 'half-up':
      return twice >= d ? q + away : q;
    case 'half-even':
      return twice > d || (twice === d && q % 2 !== 0) ? q + away : q;
  }
}

export const ROUNDING_OF: Record<number, Rounding> = {
  [Decimal.ROUND_HALF_UP]: 'half-up',
  [Decimal.ROUND_HALF_EVEN]: 'half-even',
  [Decimal.ROUND_DOWN]: 'down',
  [Decimal.ROUND_UP]: 'up',
};
