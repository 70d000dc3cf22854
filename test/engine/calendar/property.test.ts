// The precomputed index against a plain day-by-day reference (reference.ts): every start date in
// the bundled years, N = 1…30 working days and 1…24 months; then random longer periods; then the
// same over the provisional years 2027–2050.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CalendarError, addWorkingDays, bundledCalendar, computeDeadline } from '../../../engine/calendar/index.ts';
import { allBundledDates, allProvisionalDates, refAddDays, refAddMonths, refAddWorkingDays, RefMissing } from './reference.ts';

const cal = bundledCalendar();
const dates = allBundledDates();
const provisionalDates = allProvisionalDates();

/** Both sides' outcome: a date, or the year named as missing. */
function outcome(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof CalendarError && e.code === 'NO_DATA') return `missing ${e.year}`;
    if (e instanceof RefMissing) return `missing ${e.year}`;
    throw e;
  }
}

describe('fast working-day addition equals the day-by-day reference', () => {
  it('for every start date 2020–2026 and N = 1…30', () => {
    let compared = 0;
    let missing = 0;
    for (const start of dates) {
      for (let n = 1; n <= 30; n++) {
        const fast = outcome(() => addWorkingDays(cal, start, n));
        const ref = outcome(() => refAddWorkingDays(start, n));
        if (fast !== ref) expect(`${start} + ${n}: ${fast}`).toBe(`${start} + ${n}: ${ref}`);
        compared++;
        if (fast.startsWith('missing')) missing++;
      }
    }
    expect(compared).toBe(dates.length * 30);
    expect(missing).toBe(0); // the end of 2026 runs into 2027, which is provisional
  });

  it('for random start dates 2027–2050 (provisional) and N up to 400, and the horizon is an error on both sides', () => {
    let missing = 0;
    fc.assert(
      fc.property(fc.constantFrom(...provisionalDates), fc.integer({ min: 1, max: 400 }), (start, n) => {
        const fast = outcome(() => addWorkingDays(cal, start, n));
        expect(fast).toBe(outcome(() => refAddWorkingDays(start, n)));
        if (fast.startsWith('missing')) missing++;
      }),
      { numRuns: 3000 },
    );
    expect(outcome(() => addWorkingDays(cal, '2050-12-20', 10))).toBe('missing 2051');
    expect(outcome(() => refAddWorkingDays('2050-12-20', 10))).toBe('missing 2051');
    expect(missing).toBeLessThan(300);
  });

  it('and computeDeadline agrees for "N 工作日"', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dates), fc.integer({ min: 1, max: 30 }), (start, n) => {
        expect(outcome(() => computeDeadline({ start, period: `${n} 工作日`, calendar: cal }).end)).toBe(
          outcome(() => refAddWorkingDays(start, n)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('for random N up to 400', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dates), fc.integer({ min: 1, max: 400 }), (start, n) => {
        expect(outcome(() => addWorkingDays(cal, start, n))).toBe(outcome(() => refAddWorkingDays(start, n)));
      }),
      { numRuns: 1000 },
    );
  });

  it('backwards: N back then N forward lands on the first working day on or after the start', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dates.slice(60, -40)), fc.integer({ min: 1, max: 30 }), (start, n) => {
        const back = addWorkingDays(cal, start, -n);
        expect(back < start).toBe(true);
        expect(addWorkingDays(cal, back, n)).toBe(refAddWorkingDays(refAddDays(start, -1), 1));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('month periods equal the reference (民法典第二百零一条至第二百零三条)', () => {
  it('for every start date 2020–2026 and 1…24 months', () => {
    for (const start of dates) {
      for (let m = 1; m <= 24; m++) {
        const fast = outcome(() => computeDeadline({ start, period: { amount: m, unit: '月', text: `${m} 月` }, calendar: cal }).end);
        const ref = outcome(() => refAddMonths(start, m));
        if (fast !== ref) expect(`${start} + ${m} 月: ${fast}`).toBe(`${start} + ${m} 月: ${ref}`);
      }
    }
  });

  it('for random start dates 2027–2050 and 1…24 months (provisional years)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...provisionalDates), fc.integer({ min: 1, max: 24 }), (start, m) => {
        const fast = outcome(() => computeDeadline({ start, period: { amount: m, unit: '月', text: `${m} 月` }, calendar: cal }).end);
        expect(fast).toBe(outcome(() => refAddMonths(start, m)));
      }),
      { numRuns: 3000 },
    );
  });

  it('years are twelve months', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dates), fc.integer({ min: 1, max: 2 }), (start, y) => {
        expect(outcome(() => computeDeadline({ start, period: `${y} 年`, calendar: cal }).end)).toBe(
          outcome(() => refAddMonths(start, 12 * y)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('day periods: the last day rolls to the next working day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dates), fc.integer({ min: 1, max: 400 }), (start, n) => {
        const ref = outcome(() => {
          let d = refAddDays(start, n);
          while (!refIsWorking(d)) d = refAddDays(d, 1);
          return d;
        });
        expect(outcome(() => computeDeadline({ start, period: `${n} 日`, calendar: cal }).end)).toBe(ref);
      }),
      { numRuns: 1000 },
    );
  });
});

function refIsWorking(d: string): boolean {
  // One working day after the day before d is d itself exactly when d is a working day.
  return refAddWorkingDays(refAddDays(d, -1), 1) === d;
}
