import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonthsCorresponding, compareDates, daysBetween, isLocalDate, weekdayLabel } from '../../../engine/calendar/index.ts';
import { dateOf, dayNumber } from '../../../engine/calendar/date.ts';

describe('dates', () => {
  it('validates real dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2025-1-01')).toBe(false);
  });
  it('adds days and compares', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2025-09-24', '2025-10-09')).toBe(15);
    expect(compareDates('2025-01-02', '2025-01-10')).toBeLessThan(0);
    expect(weekdayLabel('2025-10-11')).toBe('周六 Sat');
  });
  it('corresponding day or month end (民法典第二百零二条)', () => {
    expect(addMonthsCorresponding('2025-08-31', 6)).toEqual({ date: '2026-02-28', monthEnd: true });
    expect(addMonthsCorresponding('2023-08-31', 6)).toEqual({ date: '2024-02-29', monthEnd: true });
    expect(addMonthsCorresponding('2026-01-15', 6)).toEqual({ date: '2026-07-15', monthEnd: false });
    expect(addMonthsCorresponding('2025-01-31', 13)).toEqual({ date: '2026-02-28', monthEnd: true });
    expect(addMonthsCorresponding('2025-03-31', -1)).toEqual({ date: '2025-02-28', monthEnd: true });
  });
  it('day numbers round-trip and agree with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const d = dateOf(n);
        expect(dayNumber(d)).toBe(n);
        expect(d).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });
});
