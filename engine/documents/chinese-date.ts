// Calendar dates as printed on forms and bills. Dates are "YYYY-MM-DD" strings (calendar dates,
// no time zone); nothing here reads the clock. Pure module.

import { DocumentError } from './errors.ts';
import { parseLocalDate } from '../../dsl/calendar-date.ts';
import { msg } from '../../dsl/message.ts';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Parses and checks a calendar date "YYYY-MM-DD" (a real date: 2026-02-30 is refused). */
export function parseDate(iso: string, where?: string): DateParts {
  const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) {
    throw new DocumentError('DATE_INVALID', msg('doc.dateForm', { value: JSON.stringify(iso) }), where);
  }
  const parts = parseLocalDate(iso);
  if (!parts) throw new DocumentError('DATE_INVALID', msg('doc.noSuchDate', { value: iso }), where);
  return { year: parts.y, month: parts.m, day: parts.d };
}

/** 2026-01-15 → 2026年1月15日 (the ordinary written form used in running text and signatures). */
export function formatChineseDate(iso: string): string {
  const { year, month, day } = parseDate(iso);
  return `${year}年${month}月${day}日`;
}

/** 1–39 with 拾 and the leading 壹 that bills require (壹拾伍, not 拾伍). */
function tensInWords(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens > 0 ? DIGITS[tens] + '拾' : '') + (ones > 0 ? DIGITS[ones] : '');
}

/**
 * The 大写 date of bills (票据出票日期, 中国人民银行《正确填写票据和结算凭证的基本规定》 六): the year digit by digit;
 * months 壹, 贰 and 壹拾 and days 壹–玖, 壹拾, 贰拾, 叁拾 take a leading 零 (so they cannot be
 * extended); days 拾壹–拾玖 are written 壹拾壹–壹拾玖.
 * 2026-01-15 → 贰零贰陆年零壹月壹拾伍日; 10-20 → 零壹拾月零贰拾日; 02-12 → 零贰月壹拾贰日.
 */
export function formatDateInWords(iso: string): string {
  const { year, month, day } = parseDate(iso);
  const y = [...String(year)].map((c) => DIGITS[Number(c)]).join('');
  const monthWords = tensInWords(month);
  const m = month === 1 || month === 2 || month === 10 ? '零' + monthWords : monthWords;
  const dayWords = tensInWords(day);
  const d = day <= 9 || day % 10 === 0 ? '零' + dayWords : dayWords;
  return `${y}年${m}月${d}日`;
}
