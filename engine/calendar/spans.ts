// How many calendar days a period can take on the national calendar: the facts the policy checker
// needs to tell whether a deadline can fall before the steps that precede it (dsl/check/timing.ts).
// The checker runs in the browser without the holiday data, so these facts are computed here, from
// the same calendar the runner counts on, and written into dsl/calendar-spans.ts by
// tools/generate-calendar-spans.ts; test/engine/calendar/spans.test.ts fails when that file is stale.
import type { CalendarSpans, SpanFact } from '../../dsl/calendar-spans.ts';
import { addMonthsCorresponding, addWorkingDays, CalendarError, daysBetween, isWorkingDay, type Calendar } from './index.ts';
import { addDays } from './date.ts';

/** Working-day periods up to this many days, month periods up to this many months. */
export const SPAN_LIMITS = { workingDays: 60, months: 36 } as const;

/** The rest days' names from `a` (exclusive) to `b` (inclusive), as the calendar lists them. */
function restNames(cal: Calendar, a: string, b: string): string[] {
  const names: string[] = [];
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) {
    const m = cal.marks.get(d);
    if (m?.isOffDay && !names.includes(m.name)) names.push(m.name);
  }
  return names;
}

/** The spans of the national calendar over every year it knows (official and provisional). */
export function calendarSpans(cal: Calendar): CalendarSpans {
  const first = cal.years[0]!;
  const last = cal.years[cal.years.length - 1]!;
  const begin = `${first}-01-01`;
  const end = `${last}-12-31`;

  const fact = (n: number, span: (start: string) => string | null): SpanFact => {
    let min = Infinity;
    let max = -Infinity;
    let worst = begin;
    for (let s = begin; s <= end; s = addDays(s, 1)) {
      const e = span(s);
      if (e === null) break;
      const d = daysBetween(s, e);
      if (d < min) min = d;
      if (d > max) {
        max = d;
        worst = s;
      }
    }
    const e = span(worst)!;
    return { n, min, max, from: worst, crosses: restNames(cal, worst, e).join('、') };
  };
  const inYears = (f: () => string): string | null => {
    try {
      return f();
    } catch (e) {
      if (e instanceof CalendarError) return null;
      throw e;
    }
  };

  // The longest run of rest days: how far 民法典第二百零三条 can move a last day.
  let run = 0;
  let longest = { days: 0, from: begin };
  for (let d = begin; d <= end; d = addDays(d, 1)) {
    const working = inYears(() => (isWorkingDay(cal, d) ? 'yes' : ''));
    if (working === null) break;
    if (working) {
      run = 0;
      continue;
    }
    run++;
    if (run > longest.days) longest = { days: run, from: addDays(d, 1 - run) };
  }
  const workingDays: SpanFact[] = [];
  for (let n = 1; n <= SPAN_LIMITS.workingDays; n++) workingDays.push(fact(n, (s) => inYears(() => addWorkingDays(cal, s, n))));
  const months: SpanFact[] = [];
  for (let n = 1; n <= SPAN_LIMITS.months; n++) {
    const f = fact(n, (s) => (s <= addDays(end, -31 * n) ? addMonthsCorresponding(s, n).date : null));
    months.push({ n, min: f.min, max: f.max, from: f.from, crosses: '' });
  }
  return {
    calendar: cal.id,
    years: [first, last],
    longestRest: {
      days: longest.days,
      from: longest.from,
      crosses: restNames(cal, addDays(longest.from, -1), addDays(longest.from, longest.days - 1)).join('、'),
    },
    workingDays,
    months,
  };
}

/** dsl/calendar-spans.ts as it should read for these spans. */
export function calendarSpansText(spans: CalendarSpans, source: string): string {
  const row = (f: SpanFact) => `    { n: ${f.n}, min: ${f.min}, max: ${f.max}, from: '${f.from}', crosses: '${f.crosses}' },`;
  return [
    `// How many calendar days a period can take on the ${spans.calendar} calendar of ${spans.years[0]}–${spans.years[1]}`,
    '// (official years and the provisional ones engine/calendar computes): the least and the most',
    "// days from a period's start day (not counted, 民法典第二百零一条) to its last day, with the first",
    '// start where the most is reached and the rest days it crosses. The policy checker reads these in',
    '// the browser, which has no holiday data (dsl/check/timing.ts). Generated from engine/calendar by',
    `// ${source}; test/engine/calendar/spans.test.ts fails when it is stale. Do not edit.`,
    '',
    'export interface SpanFact {',
    '  n: number;',
    '  min: number;',
    '  max: number;',
    '  from: string;',
    '  crosses: string;',
    '}',
    '',
    'export interface CalendarSpans {',
    '  calendar: string;',
    '  years: [number, number];',
    '  /** The longest run of rest days: the most 民法典第二百零三条 can move a last day on. */',
    '  longestRest: { days: number; from: string; crosses: string };',
    '  /** n 工作日, n = 1, 2, …: the span to the n-th working day. */',
    '  workingDays: SpanFact[];',
    '  /** n 月, n = 1, 2, …: the span to the corresponding day (民法典第二百零二条), before any roll past rest days. */',
    '  months: SpanFact[];',
    '}',
    '',
    'export const CALENDAR_SPANS: CalendarSpans = {',
    `  calendar: '${spans.calendar}',`,
    `  years: [${spans.years[0]}, ${spans.years[1]}],`,
    `  longestRest: { days: ${spans.longestRest.days}, from: '${spans.longestRest.from}', crosses: '${spans.longestRest.crosses}' },`,
    '  workingDays: [',
    ...spans.workingDays.map(row),
    '  ],',
    '  months: [',
    ...spans.months.map(row),
    '  ],',
    '};',
    '',
  ].join('\n');
}
