// Exact integer rounding of the columnar evaluator (kernel/exact.ts) against decimal.js: every
// mode, ties, signs, quotients near a whole number, values near 2^53.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalRatio,
  lcm,
  MAX_EXACT,
  nonDecimalPart,
  quotientRatio,
  roundDiv,
  type Rounding,
} from '../../../engine/compare/kernel/exact.ts';

const MODES: [Rounding, Decimal.Rounding][] = [
  ['half-up', Decimal.ROUND_HALF_UP],
  ['half-even', Decimal.ROUND_HALF_EVEN],
  ['down', Decimal.ROUND_DOWN],
  ['up', Decimal.ROUND_UP],
];
const D = Decimal.clone({ precision: 60 });
const reference = (n: number, d: number, mode: Decimal.Rounding) => new D(n).div(d).toDecimalPlaces(0, mode).toNumber();

describe('roundDiv', () => {
  it('rounds ties and signs as decimal.js does', () => {
    const cases: [number, number][] = [
      [5, 2],
      [-5, 2],
      [7, 2],
      [-7, 2],
      [1, 3],
      [-1, 3],
      [2, 3],
      [-2, 3],
      [0, 7],
      [15, 10],
      [25, 10],
      [-25, 10],
      [1, 1],
      [-9, 1],
    ];
    for (const [mode, dm] of MODES) for (const [n, d] of cases) expect(roundDiv(n, d, mode), `${n}/${d} ${mode}`).toBe(reference(n, d, dm));
    expect(roundDiv(NaN, 3, 'half-up')).toBeNaN();
  });

  it('is exact for any safe numerator and divisor, including quotients within an ulp of a whole number (property)', () => {
    const safe = fc.integer({ min: -MAX_EXACT, max: MAX_EXACT });
    const divisor = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: MAX_EXACT }));
    fc.assert(
      fc.property(safe, divisor, fc.constantFrom(...MODES), (n, d, [mode, dm]) => {
        expect(roundDiv(n, d, mode)).toBe(reference(n, d, dm));
      }),
      { numRuns: 3000 },
    );
    // n = q × d ± 1 with a large q: the float quotient rounds to the whole number, the remainder does not.
    for (const [mode, dm] of MODES) {
      for (const d of [3, 7, 365, 9_999_991]) {
        const q = Math.floor(MAX_EXACT / d) - 1;
        for (const n of [q * d - 1, q * d, q * d + 1, -(q * d) - 1])
          expect(roundDiv(n, d, mode), `${n}/${d} ${mode}`).toBe(reference(n, d, dm));
      }
    }
  });
});

describe('exact ratios', () => {
  it('read decimals and fractions exactly, refusing what does not fit in 2^53', () => {
    expect(decimalRatio(new Decimal('106.5'))).toEqual({ n: 213, d: 2 });
    expect(decimalRatio(new Decimal('0.0100'))).toEqual({ n: 1, d: 100 });
    expect(decimalRatio(new Decimal('-3'))).toEqual({ n: -3, d: 1 });
    expect(decimalRatio(new Decimal('1e30'))).toBeNull();
    expect(quotientRatio(new Decimal(2), new Decimal(3))).toEqual({ n: 2, d: 3 });
    expect(quotientRatio(new Decimal('1.5'), new Decimal('0.25'))).toEqual({ n: 6, d: 1 });
    expect(quotientRatio(new Decimal(1), new Decimal(0))).toBeNull();
  });

  it('know which denominators terminate and when a common one is out of range', () => {
    expect([1, 2, 100, 250, 3, 365, 730].map(nonDecimalPart)).toEqual([1, 1, 1, 1, 3, 73, 73]);
    expect(lcm(100, 365)).toBe(7300);
    expect(lcm(MAX_EXACT, MAX_EXACT - 1)).toBe(Infinity);
  });
});
