// How a period is said in explanations. Periods are read by dsl/legal-text (readPeriod), the one
// reader that the checker, the compiler, the calendar and the browser editor share.
import { isHalfYear } from '../../dsl/legal-text/index.ts';
import type { Period, PeriodUnit } from '../../dsl/policy-model.ts';
import { msg, type Message } from '../../dsl/message.ts';

export type { Period, PeriodUnit };

const UNIT_WORD: Record<PeriodUnit, string> = { 日: 'day', 工作日: 'workingDay', 月: 'month', 年: 'year' };

/** "3 工作日 (3 working days)", as a message. */
export function describePeriod(p: Period): Message {
  if (isHalfYear(p)) return msg('time.halfYear');
  const written = p.unit === '月' ? `${p.amount} 个月` : `${p.amount} ${p.unit}`;
  return msg('time.period', { written, amount: p.amount, unit: msg(`time.unit.${UNIT_WORD[p.unit]}${p.amount === 1 ? '' : 's'}`) });
}
