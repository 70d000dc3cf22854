// Periods (期间) as policies and clerks write them: "3 工作日", "三个工作日", "七日", "15天",
// "6 个月", "两个月", "1 年", "半年". The units are those 《民法典》 arts. 200–204 count in (and
// working days, docs/periods.md §2); 半年 reads as 6 月, landflow's reading (docs/periods.md §1).
import type { Period, PeriodUnit } from '../policy-model.ts';
import { failure, isFailure, MAX_PERIOD_AMOUNT, type LegalTextFailure } from './errors.ts';
import { CHINESE_NUMERAL_CHARS, normaliseLegalText, readNumeral } from './numerals.ts';

export type { Period, PeriodUnit };

const UNIT_WORDS: Readonly<Record<string, PeriodUnit>> = {
  日: '日',
  天: '日',
  自然日: '日',
  个自然日: '日',
  工作日: '工作日',
  个工作日: '工作日',
  月: '月',
  个月: '月',
  年: '年',
};

/** Words of a step's wording (民法典第一千二百五十九条), not of the period's length. */
const QUALIFIER = /(以内|之内|内|届满|以上|以下|以后|之后|后|前|不满|超过|以外)$/;

const LEADING = new RegExp(`^(\\d+|[${CHINESE_NUMERAL_CHARS}]+)(.*)$`);

/** Reads a period; a problem comes back as data (errors.ts), never as a throw. */
export function readPeriod(text: string): Period | LegalTextFailure {
  if (typeof text !== 'string') return failure('NOT_TEXT', { reading: 'period', text: String(text) });
  const written = text.trim();
  const s = normaliseLegalText(written);
  const read = readLength(s, written);
  if (!isFailure(read) || (read.error.code !== 'PERIOD_UNIT' && read.error.code !== 'PERIOD_FORM')) return read;
  // 「15 日以内」: say that the qualifier is the trouble (or what else is), not the unit.
  const q = QUALIFIER.exec(s);
  if (!q || q.index === 0) return read;
  const bare = readLength(s.slice(0, q.index), written);
  if (!isFailure(bare)) return failure('PERIOD_QUALIFIER', { reading: 'period', text: written, word: q[1]! });
  return looksLikePeriod(bare) ? bare : read;
}

/**
 * Whether a refused text was meant as a period: it has a period's unit (or is 半个月) and fails on
 * its amount (十百日, 0 日, 3.5 日) or a qualifier — not a text of another kind (650 元, 三周).
 */
export function looksLikePeriod(f: LegalTextFailure): boolean {
  return f.error.args.reading === 'period' && !['NOT_TEXT', 'PERIOD_FORM', 'PERIOD_UNIT'].includes(f.error.code);
}

function readLength(s: string, written: string): Period | LegalTextFailure {
  const args = { reading: 'period' as const, text: written };
  if (s === '半年') return { amount: 6, unit: '月', text: written };
  if (s === '半个月' || s === '半月') return failure('PERIOD_HALF_MONTH', args);
  const m = LEADING.exec(s);
  if (!m) return failure('PERIOD_FORM', args);
  const [, numeral, rest] = m as unknown as [string, string, string];
  if (rest === '') return failure('PERIOD_FORM', args);
  const unit = UNIT_WORDS[rest];
  if (!unit) {
    // 3.5 日: a period's unit after a decimal amount.
    const decimal = /^[.,点]\d+(.*)$/.exec(rest);
    return failure(decimal && UNIT_WORDS[decimal[1]!] ? 'PERIOD_NOT_WHOLE' : 'PERIOD_UNIT', { ...args, word: rest });
  }
  const amount = readNumeral(numeral, 'period', written);
  if (typeof amount !== 'number') return amount;
  if (amount < 1) return failure('PERIOD_NOT_POSITIVE', args);
  if (amount > MAX_PERIOD_AMOUNT) return failure('PERIOD_TOO_LONG', args);
  return { amount, unit, text: written };
}

/** Written as 半年 (read as 6 月): explanations say that this is landflow's reading. */
export function isHalfYear(p: Period): boolean {
  return p.unit === '月' && p.amount === 6 && normaliseLegalText(p.text) === '半年';
}

/** Compares two periods when the answer does not depend on the start date; null when it does. */
export function comparePeriods(a: Period, b: Period): number | null {
  const months = (p: Period) => (p.unit === '年' ? p.amount * 12 : p.unit === '月' ? p.amount : null);
  const ma = months(a);
  const mb = months(b);
  if (ma !== null && mb !== null) return Math.sign(ma - mb);
  if (a.unit === b.unit) return Math.sign(a.amount - b.amount);
  return null;
}

export function samePeriod(a: Period, b: Period): boolean {
  return (
    comparePeriods(a, b) === 0 && (a.unit === b.unit || (a.unit !== '日' && a.unit !== '工作日' && b.unit !== '日' && b.unit !== '工作日'))
  );
}
