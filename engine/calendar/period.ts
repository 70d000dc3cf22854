// Period text as clerks write it: "3 工作日", "三个工作日", "七日", "15天", "6 个月", "1 年", "半年".
import type { Period, PeriodUnit } from '../../dsl/policy-model.ts';

export type { Period, PeriodUnit };

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A Chinese numeral below 10 000 (十五, 二十, 一百二十, 两百零五) or null. */
export function parseChineseNumber(text: string): number | null {
  if (!text || !/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 10_000;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0) return null; // two digits in a row: "二三" (but 零五 is fine)
      digit = DIGITS[ch]!;
      continue;
    }
    const unit = UNITS[ch]!;
    if (unit >= lastUnit) return null; // "十百"
    // A bare 十 at the start means 一十 (十五 = 15); elsewhere a unit needs its digit.
    if (digit === null && !(unit === 10 && total === 0)) return null;
    total += (digit ?? 1) * unit;
    digit = null;
    lastUnit = unit;
  }
  if (digit !== null) total += digit;
  return total;
}

const UNIT_WORDS: [RegExp, PeriodUnit][] = [
  [/^(?:个)?工作日$/, '工作日'],
  [/^(?:日|天|自然日|个自然日)$/, '日'],
  [/^(?:个)?月$/, '月'],
  [/^年$/, '年'],
];

const EXPECTED = '应为 expected e.g. "3 工作日", "三个工作日", "15 日", "7天", "6 个月", "1 年", "半年"';

/** Parses a period; the error is a message (Chinese, then English), never a throw. */
export function parsePeriod(text: string): Period | { error: string } {
  if (typeof text !== 'string') return { error: `期间应为文字 period must be text ${EXPECTED}` };
  const written = text.trim();
  const s = written
    .replace(/[\s\u3000]+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
  if (s === '半年' || s === '半个年') return { amount: 6, unit: '月', text: written };
  const m = /^(\d+|[零〇一二两三四五六七八九十百千]+)(.+)$/.exec(s);
  if (!m) return { error: `无法识别的期间 unrecognised period: ${JSON.stringify(written)}; ${EXPECTED}` };
  const amount = /^\d+$/.test(m[1]!) ? Number(m[1]) : parseChineseNumber(m[1]!);
  const unit = UNIT_WORDS.find(([re]) => re.test(m[2]!))?.[1];
  if (amount === null || !unit) return { error: `无法识别的期间 unrecognised period: ${JSON.stringify(written)}; ${EXPECTED}` };
  if (!Number.isSafeInteger(amount) || amount < 1) {
    return { error: `期间须为正整数 the amount must be a positive whole number: ${JSON.stringify(written)}` };
  }
  if (amount > 100_000) return { error: `期间过长 period too long: ${JSON.stringify(written)}` };
  return { amount, unit, text: written };
}

/** "3 工作日 (3 working days)" */
export function describePeriod(p: Period): string {
  if (p.unit === '月' && p.amount === 6 && /半年/.test(p.text)) return '半年 (half a year = 6 months)';
  const en = { 日: 'day', 工作日: 'working day', 月: 'month', 年: 'year' }[p.unit];
  const zh = p.unit === '月' ? `${p.amount} 个月` : `${p.amount} ${p.unit}`;
  return `${zh} (${p.amount} ${en}${p.amount === 1 ? '' : 's'})`;
}
