// 人民币大写金额 per 中国人民银行《正确填写票据和结算凭证的基本规定》 (see
// docs/amounts-and-ids.md). Where the rules allow two spellings we write PBOC's
// first-listed ("canonical") one:
//  - a gap of zeros inside the integer part is one 零 (rule 四(一)(二)), read as spoken Chinese
//    reads it: the empty 万 position of 壹拾万柒仟 is not said, an empty 万 group is (壹亿零壹仟);
//  - when the 元 digit is 0 and 角 is not, we write 零 before 角 (四(三): 壹仟陆佰捌拾元零叁角贰分),
//    but we do not add the optional 零 at an empty 万 position before a non-zero 仟
//    (壹拾万柒仟元零伍角叁分, not 壹拾万零柒仟…);
//  - 角 = 0 and 分 ≠ 0: 元 is followed by 零 (四(四): 叁佰贰拾伍元零肆分);
//  - 整 only when there are neither 角 nor 分 (rule 二: "到角为止的，角后可以不写整");
//  - 10–19 in the leading position are 壹拾… (PBOC writes 壹拾万), and 零壹拾 after a gap.
// Amounts arrive already rounded by the policy: more than two decimal places is an error here,
// never a silent rounding. Pure module: no Node APIs.

import { Decimal } from 'decimal.js';
import { DocumentError } from './errors.ts';
import { msg, type Message } from '../../dsl/message.ts';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const POSITIONS = ['', '拾', '佰', '仟'] as const; // within a group of four digits
// 10^0, 10^4, 10^8, 10^12. Above 亿 the count of 亿 is itself read with 万 (壹万贰仟…亿), so the
// top group says 万 and borrows the 亿 only when the 亿 group below it is empty (壹万亿).
const GROUPS = ['', '万', '亿', '万'] as const;

/** Largest integer part we spell: 9999 万亿 … (16 digits). Beyond that no bill is written. */
const MAX_INTEGER_DIGITS = 16;

/** Parses a money amount (元) given as a decimal string or Decimal; rejects what a bill could not say. */
function parseAmount(amount: Decimal | string, what: Message = msg('doc.what.amount')): Decimal {
  let d: Decimal;
  if (amount instanceof Decimal) {
    d = amount;
  } else if (typeof amount === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(amount)) {
    d = new Decimal(amount.trim());
  } else {
    throw new DocumentError('AMOUNT_INVALID', msg('doc.notDecimal', { what, value: JSON.stringify(amount) }));
  }
  if (!d.isFinite()) {
    throw new DocumentError('AMOUNT_INVALID', msg('doc.notFinite', { what, value: d.toString() }));
  }
  if (d.isNegative() && !d.isZero()) {
    throw new DocumentError('AMOUNT_NEGATIVE', msg('doc.negative', { what, value: d.toString() }));
  }
  if (d.decimalPlaces() > 2) {
    throw new DocumentError('AMOUNT_PRECISION', msg('doc.notRounded', { what, value: d.toString() }));
  }
  if (d.trunc().toFixed(0).length > MAX_INTEGER_DIGITS) {
    throw new DocumentError('AMOUNT_TOO_LARGE', msg('doc.tooLarge', { what, value: d.toString() }));
  }
  return d.abs(); // -0 → 0
}

/**
 * Reads a non-negative integer (as a digit string) with 拾佰仟万亿 units, e.g. "30105000" →
 * 叁仟零壹拾万伍仟. "0" → "" (callers decide whether zero is said).
 */
export function integerInWords(digits: string): string {
  const s = digits.replace(/^0+/, '');
  if (s === '') return '';
  const groups: string[] = [];
  for (let end = s.length; end > 0; end -= 4) groups.unshift(s.slice(Math.max(0, end - 4), end));
  let out = '';
  let pendingZero = false; // a run of zeros since the last non-zero digit we wrote
  groups.forEach((group, gi) => {
    const groupIndex = groups.length - 1 - gi;
    const padded = group.padStart(4, '0');
    let groupHasDigit = false;
    for (let i = 0; i < 4; i++) {
      const d = Number(padded[i]);
      if (d === 0) {
        if (out !== '') pendingZero = true;
        continue;
      }
      if (pendingZero) out += '零';
      pendingZero = false;
      out += DIGITS[d] + POSITIONS[3 - i];
      groupHasDigit = true;
    }
    if (groupHasDigit) {
      // Trailing zeros of a non-empty group are not a gap (壹拾万柒仟, 四(三) without the optional
      // 零); a whole empty group or a group's leading zeros are (壹亿零壹仟, 壹拾万零伍佰).
      pendingZero = false;
      out += GROUPS[groupIndex];
      if (groupIndex === 3 && /^0+$/.test(groups[gi + 1])) out += '亿';
    }
  });
  return out;
}

/**
 * 大写 of a money amount in 元, without the "人民币" prefix:
 * 53333.25 → 伍万叁仟叁佰叁拾叁元贰角伍分; 1000.00 → 壹仟元整; 0 → 零元整; 0.05 → 伍分.
 * Throws DocumentError for negative amounts and for more than two decimal places.
 */
export function amountInWords(amount: Decimal | string): string {
  const d = parseAmount(amount);
  const [intPart, fracPart = ''] = d.toFixed(2).split('.');
  const jiao = Number(fracPart[0] ?? '0');
  const fen = Number(fracPart[1] ?? '0');
  const integer = integerInWords(intPart);

  if (integer === '' && jiao === 0 && fen === 0) return '零元整';

  let out = '';
  if (integer !== '') out += integer + '元';
  if (jiao === 0 && fen === 0) return out + '整';

  const yuanDigitIsZero = intPart.endsWith('0');
  if (jiao !== 0) {
    // 四(三): 元位是0而角位不是0 — canonical form writes one 零 before 角.
    if (integer !== '' && yuanDigitIsZero) out += '零';
    out += DIGITS[jiao] + '角';
  } else if (integer !== '') {
    // 四(四): 角位是0而分位不是0 — 元 is followed by 零.
    out += '零';
  }
  if (fen !== 0) out += DIGITS[fen] + '分';
  return out;
}

/** 大写 with the "人民币" prefix written right before it, no gap (rule 三). */
export function amountInWordsWithPrefix(amount: Decimal | string): string {
  return '人民币' + amountInWords(amount);
}

/**
 * 大写 of an area in 亩 for the forms' 合计（大写）____亩 rows. The integer part is read with units
 * like money (壹拾贰), the fraction digit by digit after 点, trailing zeros dropped, because the
 * form prints 亩 after the blank: "2.35" → 贰点叁伍, "12.50" → 壹拾贰点伍, "0.8" → 零点捌,
 * "100.05" → 壹佰点零伍, "10" → 壹拾, "0" → 零.
 * (The older reading in 亩·分·厘, 贰亩叁分伍厘, would clash with the printed 亩, so we do not use it.)
 */
export function areaInWords(area: Decimal | string): string {
  let d: Decimal;
  if (area instanceof Decimal) d = area;
  else if (typeof area === 'string' && /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(area)) d = new Decimal(area.trim());
  else throw new DocumentError('AREA_INVALID', msg('doc.notDecimal', { what: msg('doc.what.area'), value: JSON.stringify(area) }));
  if (!d.isFinite() || (d.isNegative() && !d.isZero())) {
    throw new DocumentError('AREA_INVALID', msg('doc.negative', { what: msg('doc.what.area'), value: d.toString() }));
  }
  const [intPart, fracPart = ''] = d.abs().toFixed().split('.');
  if (intPart.length > MAX_INTEGER_DIGITS) {
    throw new DocumentError('AREA_INVALID', msg('doc.tooLarge', { what: msg('doc.what.area'), value: d.toString() }));
  }
  const integer = integerInWords(intPart) || '零';
  const frac = fracPart.replace(/0+$/, '');
  if (frac === '') return integer;
  return integer + '点' + [...frac].map((c) => DIGITS[Number(c)]).join('');
}

const SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * 小写 Chinese numerals for counts printed in running text ("本合同一式四份", "共两块地" is
 * written 二 here): 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. Integers 0–9999.
 */
export function countInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    throw new DocumentError('NUMBER_INVALID', msg('doc.count', { value: String(n) }));
  }
  if (n === 0) return '零';
  const units = ['', '十', '百', '千'];
  const s = String(n).padStart(4, '0');
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(s[i]);
    if (d === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += SMALL[d] + units[3 - i];
  }
  // 10–19 are said 十, 十一 … (not 一十) when they lead.
  return out.startsWith('一十') ? out.slice(1) : out;
}
