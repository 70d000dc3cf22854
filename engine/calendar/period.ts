// How a period is said in explanations. Periods are read by dsl/legal-text (readPeriod), the one
// reader that the checker, the compiler, the calendar and the browser editor share.
import { isHalfYear } from '../../dsl/legal-text/index.ts';
import type { Period, PeriodUnit } from '../../dsl/policy-model.ts';

export type { Period, PeriodUnit };

/** "3 工作日 (3 working days)" */
export function describePeriod(p: Period): string {
  if (isHalfYear(p)) return '半年 (half a year = 6 months)';
  const en = { 日: 'day', 工作日: 'working day', 月: 'month', 年: 'year' }[p.unit];
  const zh = p.unit === '月' ? `${p.amount} 个月` : `${p.amount} ${p.unit}`;
  return `${zh} (${p.amount} ${en}${p.amount === 1 ? '' : 's'})`;
}
