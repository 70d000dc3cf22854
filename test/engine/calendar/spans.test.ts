// dsl/calendar-spans.ts — how long a period can take on the national calendar, for the checker in
// the browser — is what engine/calendar gives today (regenerate with tools/generate-calendar-spans.ts
// after a year is added), and each worst case it names happens when counted by computeDeadline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { CALENDAR_SPANS } from '../../../dsl/calendar-spans.ts';
import { addDays, bundledCalendar, computeDeadline, isWorkingDay } from '../../../engine/calendar/index.ts';
import { calendarSpans, calendarSpansText } from '../../../engine/calendar/spans.ts';

const FILE = join(import.meta.dirname, '..', '..', '..', 'dsl', 'calendar-spans.ts');
const cal = bundledCalendar(['national']);

describe('dsl/calendar-spans.ts', () => {
  it('is up to date with engine/calendar (npx tsx tools/generate-calendar-spans.ts)', async () => {
    const text = calendarSpansText(calendarSpans(cal), 'tools/generate-calendar-spans.ts');
    const formatted = await format(text, { ...(await resolveConfig(FILE)), filepath: FILE });
    expect(formatted).toBe(readFileSync(FILE, 'utf8'));
  });

  it('each working-day worst case is reached where it says, counted by computeDeadline', () => {
    for (const f of CALENDAR_SPANS.workingDays) {
      const d = computeDeadline({ start: f.from, period: `${f.n} 工作日`, calendar: cal });
      expect(d.end, `${f.n} 工作日 from ${f.from}`).toBe(addDays(f.from, f.max));
      expect(f.min).toBeGreaterThanOrEqual(f.n);
    }
    // 3 working days take at most 13 days: from 2020-01-21 over the 春节 the State Council extended to 2 February.
    expect(CALENDAR_SPANS.workingDays[2]).toEqual({ n: 3, min: 3, max: 13, from: '2020-01-21', crosses: '春节' });
  });

  it('the longest run of rest days is rest days only, between working days', () => {
    const { days, from } = CALENDAR_SPANS.longestRest;
    for (let i = 0; i < days; i++) expect(isWorkingDay(cal, addDays(from, i)), addDays(from, i)).toBe(false);
    expect([isWorkingDay(cal, addDays(from, -1)), isWorkingDay(cal, addDays(from, days))]).toEqual([true, true]);
  });

  it('months: half a year takes 181 to 184 days before a roll', () => {
    expect(CALENDAR_SPANS.months[5]).toMatchObject({ n: 6, min: 181, max: 184 });
  });
});
