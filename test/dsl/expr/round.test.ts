// Rounding an exact quotient n/d: the compiled rounding (rounder, with its shortcut for steps of
// 10^-k) and roundExact both agree with integer arithmetic on BigInts, ties included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, roundExact, type RoundingMode } from '../../../dsl/expr/index.ts';
import { ONE, rounder } from '../../../dsl/expr/decimal.ts';

const MODES: RoundingMode[] = ['half-up', 'half-even', 'down', 'up'];

/** n and d as integers scaled by 10^s. */
function big(x: string, s: number): bigint {
  const neg = x.startsWith('-');
  const [i, f = ''] = (neg ? x.slice(1) : x).split('.');
  const v = BigInt(i! + f.padEnd(s, '0'));
  return neg ? -v : v;
}

/** n/d rounded to a multiple of step (all decimal strings), by BigInt division: the reference. */
function reference(n: string, d: string, step: string, mode: RoundingMode): string {
  const s = Math.max(...[n, d, step].map((x) => x.split('.')[1]?.length ?? 0));
  // value / step = N / (D × STEP) with everything scaled by 10^s: N·10^s / (D·STEP).
  let num = big(n, s) * 10n ** BigInt(s);
  let den = big(d, s) * big(step, s);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  let q = num / den; // toward zero
  const rem = num - q * den;
  if (rem !== 0n) {
    const away = num < 0n ? -1n : 1n;
    const twice = (rem < 0n ? -rem : rem) * 2n;
    const bump =
      mode === 'up' || (mode === 'half-up' && twice >= den) || (mode === 'half-even' && (twice > den || (twice === den && q % 2n !== 0n)));
    if (bump) q += away;
  }
  return new Dec(q.toString()).times(step).toString();
}

const decimalText = (maxScale: number) =>
  fc
    .tuple(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.integer({ min: 0, max: maxScale }))
    .map(([i, s]) => new Dec(i).div(new Dec(10).pow(s)).toFixed());

describe('rounding an exact quotient', () => {
  it('to 10^-k (the shortcut) and to other steps, in every mode, as integer division says', () => {
    fc.assert(
      fc.property(
        decimalText(3),
        decimalText(2).filter((d) => !new Dec(d).isZero()),
        fc.constantFrom('1', '0.1', '0.01', '0.001', '0.05', '10', '100'),
        fc.constantFrom(...MODES),
        (n, d, step, mode) => {
          const want = reference(n, d, step, mode);
          expect(rounder(new Dec(step), mode).frac(new Dec(n), new Dec(d)).toString(), `${n}/${d} to ${step} ${mode}`).toBe(want);
          expect(roundExact(new Dec(n), new Dec(d), new Dec(step), mode).toString()).toBe(want);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('ties are seen as ties: 1/8 to 0.01, −1/8, 5/40 and 365-day years', () => {
    const r = (n: string, d: string, step: string, mode: RoundingMode) =>
      rounder(new Dec(step), mode).frac(new Dec(n), new Dec(d)).toString();
    expect(r('1', '8', '0.01', 'half-up')).toBe('0.13');
    expect(r('1', '8', '0.01', 'half-even')).toBe('0.12');
    expect(r('-1', '8', '0.01', 'half-up')).toBe('-0.13');
    expect(r('-1', '8', '0.01', 'down')).toBe('-0.12');
    expect(r('-1', '8', '0.01', 'up')).toBe('-0.13');
    expect(r('5', '40', '0.01', 'half-even')).toBe('0.12');
    // 剩余年限 of the pilots: 730 days / 365 − 0.5 = 1.5 exactly; 731 / 365 − 0.5 just above.
    expect(r('547.5', '365', '0.01', 'down')).toBe('1.5');
    expect(r('548.5', '365', '0.01', 'down')).toBe('1.5');
    expect(r('1', '3', '0.01', 'up')).toBe('0.34');
    // A whole denominator (the Decimal path) rounds the same way.
    expect(rounder(new Dec('0.01'), 'half-up').frac(new Dec('0.125'), ONE).toString()).toBe('0.13');
  });
});
