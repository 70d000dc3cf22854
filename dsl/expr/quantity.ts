// Literal quantities as policy files write parameter values: "30 年", "650 元/亩/年", "1.4 万元",
// "50%", "三分之二", "2/3", "半年", "3 工作日", "三个工作日", "十五日". The value is in canonical
// units (1.4 万元 → 14000 元; 6 月 → 0.5 年); the type is a number with its canonical unit, so a
// parameter 补偿年限 = 30 年 multiplies into 元. A text that reads as a legal period is read by
// dsl/legal-text (the one reader of periods) and also carries `period`, for the calendar, which
// counts 6 月 by months (民法典 第二百零二条), never as 0.5 年.

import type { Decimal } from 'decimal.js';
import type { Period } from '../policy-model.ts';
import { msg, type Message } from '../message.ts';
import { parseUnit, ratioMul, reduce, type Ratio } from '../units.ts';
import type { ValueType } from './api.ts';
import { isFailure, readChineseNumber, readFraction, readPeriod } from '../legal-text/index.ts';
import { decimalTextToRatio, Fraction, ratioValue } from './decimal.ts';

export interface QuantityValue {
  type: ValueType;
  /** Canonical value; for a non-terminating quantity (三分之二) the nearest 40-digit Decimal. */
  value: Decimal;
  /** Present when the value does not terminate: pass it as the runtime value to keep 2/3 exact. */
  exact?: Fraction;
  /** The amount and unit as written ("1.4", "万元/亩"); a period's in its unit (半年: "6", "月"). */
  written: { amount: string; unit: string };
  /** When the text reads as a legal period (readPeriod): that period (半年 → 6 月). */
  period?: Period;
}

const CN_NUMERAL = /^([零〇一二两三四五六七八九十百千]+)\s*(.*)$/;

export function parseQuantity(text: string): QuantityValue | { error: Message } {
  if (typeof text !== 'string') return { error: msg('quantity.unreadable', { text: String(text) }) };
  const trimmed = text.trim();
  // A sign applies to the whole quantity: "-10%" (a county adjustment), "−0.5 万元".
  const negative = /^[-−－]/.test(trimmed);
  const q = parseUnsigned(negative ? trimmed.slice(1).trim() : trimmed, text);
  if ('error' in q || !negative) return q;
  const exact = q.exact && new Fraction(q.exact.n.neg(), q.exact.d);
  // A negative length is a quantity but no legal period (readPeriod refuses "-3 日").
  const { period: _period, ...unsigned } = q;
  return {
    ...unsigned,
    value: q.value.neg(),
    ...(exact ? { exact } : {}),
    written: { ...q.written, amount: `-${q.written.amount}` },
  };
}

function parseUnsigned(src: string, text: string): QuantityValue | { error: Message } {
  const bad = { error: msg('quantity.unreadable', { text }) };
  if (src === '') return bad;
  const period = readPeriod(src);
  if (!isFailure(period)) return build(src, { n: BigInt(period.amount), d: 1n }, String(period.amount), period.unit, period);
  let m = /^(\d+(?:\.\d+)?)\s*[%％]$/.exec(src);
  if (m) return build(src, ratioMul(decimalTextToRatio(m[1]!), { n: 1n, d: 100n }), m[1]!, '%');
  m = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(src);
  if (m) {
    const a = decimalTextToRatio(m[1]!);
    const b = decimalTextToRatio(m[2]!);
    if (b.n === 0n) return { error: msg('quantity.divisionByZero', { text }) };
    return build(src, reduce(a.n * b.d, a.d * b.n), src, '');
  }
  if (src.includes('分之')) {
    const f = readFraction(src);
    return isFailure(f) ? bad : build(src, reduce(BigInt(f.num), BigInt(f.den)), src, '');
  }
  m = /^(\d+(?:\.\d+)?)\s*(.*)$/.exec(src);
  if (m) return build(src, decimalTextToRatio(m[1]!), m[1]!, m[2]!);
  m = CN_NUMERAL.exec(src);
  if (m) {
    const n = readChineseNumber(m[1]!);
    if (typeof n !== 'number') return bad;
    let unit = m[2]!;
    if (unit.startsWith('个') && !unit.startsWith('个月')) unit = unit.slice(1);
    return build(src, { n: BigInt(n), d: 1n }, String(n), unit);
  }
  return bad;
}

function build(text: string, amount: Ratio, amountText: string, unitText: string, period?: Period): QuantityValue | { error: Message } {
  const parsed = parseUnit(unitText === '%' ? '' : unitText);
  if ('error' in parsed) return { error: msg('quantity.badUnit', { problem: parsed.error, text }) };
  const canonical = ratioMul(amount, parsed.unit.scale);
  const v = ratioValue(canonical);
  const out: QuantityValue = {
    type: { kind: 'number', unit: parsed.unit.canonical },
    value: v instanceof Fraction ? v.toDecimal() : v,
    written: { amount: amountText, unit: unitText.replace(/\s+/g, '') },
  };
  if (v instanceof Fraction) out.exact = v;
  if (period) out.period = period;
  return out;
}
