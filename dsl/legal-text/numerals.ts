// Numbers as legal texts write them: Arabic digits (also full-width), or Chinese numerals below
// 10 000 in the standard written form — 十 = 10, 十五 = 15, 二十 = 20, 一百零五 = 105, 一百一十 = 110,
// 一千零五十 = 1050, 两百 = 200. The grammar is strict on purpose: a numeral that speech reads one
// way and the digits another (一百五: 150 or 105?) or that no one writes (十百) is an error, never a
// guess, because a period or a threshold read wrongly is a wrong legal deadline or vote.
import { failure, type LegalTextFailure, type Reading } from './errors.ts';

const DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ZEROS = new Set(['零', '〇']);
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** The characters a Chinese numeral is made of (for the readers' patterns). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/** Removes every space (also the ideographic one) and makes full-width digits and signs ASCII. */
export function normaliseLegalText(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/％/g, '%')
    .replace(/／/g, '/')
    .replace(/．/g, '.');
}

/**
 * A Chinese numeral below 10 000. `text` is what the caller was reading (a period, a threshold)
 * and `reading` says which, so that an error can say where the numeral stood.
 */
export function readChineseNumber(numeral: string, reading: Reading = 'number', text = numeral): number | LegalTextFailure {
  const fail = (code: Parameters<typeof failure>[0]) => failure(code, { reading, text, numeral });
  if (numeral === '' || [...numeral].some((ch) => !(ch in DIGITS) && !ZEROS.has(ch) && !(ch in UNITS))) return fail('NUMERAL_CHARS');
  if (ZEROS.has(numeral)) return 0;
  let total = 0;
  let lastUnit = Infinity; // the unit of the last group written
  let digit: string | null = null; // a digit waiting for its unit (or ending the numeral)
  let zero = false; // a 零 seen since the last group
  let digitAfterZero = false;
  for (const ch of numeral) {
    if (ch in DIGITS) {
      if (digit !== null) return fail('NUMERAL_ADJACENT');
      digit = ch;
      digitAfterZero = zero;
      zero = false;
    } else if (ZEROS.has(ch)) {
      // 零 stands between a group and a lower one: never first, never twice, never after a digit.
      if (lastUnit === Infinity || zero || digit !== null) return fail('NUMERAL_ZERO');
      zero = true;
    } else {
      const unit = UNITS[ch]!;
      if (unit >= lastUnit) return fail('NUMERAL_ORDER');
      if (digit === null && !(unit === 10 && lastUnit === Infinity && !zero)) return fail(zero ? 'NUMERAL_ZERO' : 'NUMERAL_UNIT_ALONE');
      if (digit === '两' && unit === 10) return fail('NUMERAL_LIANG');
      if (lastUnit !== Infinity) {
        // The next lower place follows directly; a place skipped is marked by one 零.
        const next = unit === lastUnit / 10;
        if (next && digitAfterZero) return fail('NUMERAL_ZERO');
        if (!next && !digitAfterZero) return fail('NUMERAL_MISSING_ZERO');
      }
      total += (digit === null ? 1 : DIGITS[digit]!) * unit;
      lastUnit = unit;
      digit = null;
      digitAfterZero = false;
    }
  }
  if (zero) return fail('NUMERAL_ZERO');
  if (digit === null) return total;
  if (lastUnit === Infinity) return DIGITS[digit]!;
  if (digit === '两') return fail('NUMERAL_LIANG');
  if (lastUnit === 10) return digitAfterZero ? fail('NUMERAL_ZERO') : total + DIGITS[digit]!;
  // A units digit after 百 or 千 without 零: 一百五 is 150 in speech but 105 by its digits.
  return digitAfterZero ? total + DIGITS[digit]! : fail('NUMERAL_AMBIGUOUS');
}

/** Arabic digits (a safe integer) or a Chinese numeral; the text is already normalised. */
export function readNumeral(numeral: string, reading: Reading = 'number', text = numeral): number | LegalTextFailure {
  if (/^\d+$/.test(numeral)) {
    const n = Number(numeral);
    return Number.isSafeInteger(n) ? n : failure('NUMERAL_CHARS', { reading, text, numeral });
  }
  return readChineseNumber(numeral, reading, text);
}

/**
 * N分之M: 三分之二 = 2/3, 百分之五十 = 50/100, 千分之三 = 3/1000 (百 and 千 stand alone as a
 * denominator), 3分之2. Not reduced; the numerator may be 0, the denominator may not.
 */
export function readFraction(
  fraction: string,
  reading: Reading = 'fraction',
  text = fraction,
): { num: number; den: number } | LegalTextFailure {
  const at = fraction.indexOf('分之');
  if (at <= 0 || fraction.indexOf('分之', at + 2) !== -1) return failure('FRACTION_FORM', { reading, text });
  const denText = fraction.slice(0, at);
  const den = denText === '百' ? 100 : denText === '千' ? 1000 : readNumeral(denText, reading, text);
  if (typeof den !== 'number') return den;
  const num = readNumeral(fraction.slice(at + 2), reading, text);
  if (typeof num !== 'number') return num;
  if (den === 0) return failure('FRACTION_ZERO_DENOMINATOR', { reading, text });
  return { num, den };
}
