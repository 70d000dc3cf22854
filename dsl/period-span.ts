// How many calendar days a legal period can take, from its start day (not counted, 民法典第二百零一条)
// to its last day: the least, whatever the calendar, and the most the national calendar makes of
// it (dsl/calendar-spans.ts, generated from engine/calendar). A last day in 日, 月 or 年 that is a
// rest day moves on to the next working day (民法典第二百零三条), at most by the longest run of rest
// days; a working-day period ends on a working day. Beyond the generated table no span is given.
import { CALENDAR_SPANS, type SpanFact } from './calendar-spans.ts';
import type { Period } from './policy-model.ts';

export interface PeriodSpan {
  min: number;
  max: number;
  /**
   * Where `max` is reached: a period starting on `from` across the rest days `crosses` (by
   * 'start'), or a last day falling on the rest days that begin on `from` (by 'rest').
   */
  worst: { from: string; crosses: string; by: 'start' | 'rest' };
}

const rest = CALENDAR_SPANS.longestRest;

export function periodSpan(p: Period): PeriodSpan | undefined {
  const row = (list: SpanFact[], n: number) => list[n - 1];
  switch (p.unit) {
    case '日':
      return { min: p.amount, max: p.amount + rest.days, worst: { from: rest.from, crosses: rest.crosses, by: 'rest' } };
    case '工作日': {
      const f = row(CALENDAR_SPANS.workingDays, p.amount);
      return f ? { min: f.min, max: f.max, worst: { from: f.from, crosses: f.crosses, by: 'start' } } : undefined;
    }
    case '月':
    case '年': {
      const f = row(CALENDAR_SPANS.months, p.unit === '年' ? p.amount * 12 : p.amount);
      return f ? { min: f.min, max: f.max + rest.days, worst: { from: rest.from, crosses: rest.crosses, by: 'rest' } } : undefined;
    }
    default:
      p.unit satisfies never;
      return undefined;
  }
}
