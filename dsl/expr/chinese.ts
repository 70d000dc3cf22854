// Chinese numerals as they appear in policy texts: 三, 十五, 二十, 一百零五, and fractions 三分之二,
// 百分之五十. Only what legal drafting uses: integers below 10 000.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十五 → 15, 一百零五 → 105, 百 → 100; undefined when malformed. */
export function parseChineseInteger(text: string): number | undefined {
  if (text === '') return undefined;
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== undefined && DIGITS[ch] !== 0 && digit !== 0) return undefined; // 三五
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      const unit = UNITS[ch]!;
      if (unit >= lastUnit) return undefined; // 十百
      total += (digit === undefined || (digit === 0 && total === 0) ? 1 : digit) * unit;
      if (digit === 0) return undefined; // 零十
      digit = undefined;
      lastUnit = unit;
    } else return undefined;
  }
  return total + (digit ?? 0);
}

/** 三分之二 → {num: 2, den: 3}; 百分之五十 → {num: 50, den: 100}. */
export function parseChineseFraction(text: string): { num: number; den: number } | undefined {
  const at = text.indexOf('分之');
  if (at <= 0) return undefined;
  const den = parseChineseInteger(text.slice(0, at));
  const num = parseChineseInteger(text.slice(at + 2));
  if (den === undefined || num === undefined || den === 0) return undefined;
  return { num, den };
}
