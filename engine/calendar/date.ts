// Calendar dates as 'YYYY-MM-DD' strings, with O(1) conversion to a day number so that the
// working-day index can be a plain array. No Date objects: a legal date has no time zone.
import { CalendarError } from './errors.ts';
import { daysInMonth, isLeapYear, isRealDate, parseLocalDate } from '../../dsl/calendar-date.ts';
import { msg, type Message } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';

export { daysInMonth, isLeapYear, parseLocalDate };

/** A calendar date, 'YYYY-MM-DD' (proleptic Gregorian, 民法典第二百条: 按照公历计算). */
export type LocalDate = string;

export function isLocalDate(text: unknown): text is LocalDate {
  return isRealDate(text);
}

/** Throws CalendarError('BAD_DATE') unless `text` is a real 'YYYY-MM-DD' date. */
export function requireLocalDate(text: unknown, what: Message = msg('calendar.what.date')): LocalDate {
  if (typeof text !== 'string' || !parseLocalDate(text)) {
    throw new CalendarError('BAD_DATE', msg('calendar.badDate', { what, value: JSON.stringify(text) }));
  }
  return text;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer arithmetic, any year.
export function toDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): { y: number; m: number; d: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

export function formatDate(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Day number of a date already known to be valid (no re-validation on hot paths). */
export function dayNumber(date: LocalDate): number {
  const p = parseLocalDate(date);
  if (!p) requireLocalDate(date);
  return toDayNumber(p!.y, p!.m, p!.d);
}

export function dateOf(n: number): LocalDate {
  const { y, m, d } = fromDayNumber(n);
  return formatDate(y, m, d);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return dateOf(dayNumber(date) + n);
}

/** Negative, zero or positive like a comparator; 'YYYY-MM-DD' strings sort as dates. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from a to b (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function weekday(date: LocalDate): number {
  return weekdayOfDayNumber(dayNumber(date));
}

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** The weekday as a message (dsl/phrases/time.ts `day.weekday.*`). */
export function weekdayText(date: LocalDate): Message {
  return msg(`day.weekday.${weekday(date)}`);
}

/** "周三 Wed", as the command line prints it. */
export function weekdayLabel(date: LocalDate): string {
  return renderBoth(weekdayText(date));
}

/** "2025-10-01 (周三 Wed)" as a message: the date and its weekday. */
export function dateText(date: LocalDate): Message {
  return msg('time.dateWeekday', { date, weekday: weekdayText(date) });
}

export function weekdayZh(date: LocalDate): string {
  return WEEKDAY_ZH[weekday(date)]!;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/**
 * The corresponding day `months` months later (民法典第二百零二条): the same day of the month, or
 * the month's last day when the final month has no such day. Also says which case applied.
 */
export function addMonthsCorresponding(date: LocalDate, months: number): { date: LocalDate; monthEnd: boolean } {
  const p = parseLocalDate(date);
  if (!p) requireLocalDate(date);
  const total = p!.y * 12 + (p!.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const last = daysInMonth(y, m);
  return p!.d > last ? { date: formatDate(y, m, last), monthEnd: true } : { date: formatDate(y, m, p!.d), monthEnd: false };
}
