// Default readers for the two kinds of legal text a policy file states in words: periods
// ("3 工作日", "半年") and voting thresholds ("三分之二以上", "过半数"). The engine injects its own
// (engine/calendar parsePeriod, engine/rules parseThreshold) through CheckOptions; these keep
// dsl usable on its own (the browser editor) and follow the same rules.
import type { Period, PeriodUnit, Threshold } from './policy-model.ts';

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九千九百九十九, or Arabic digits. */
export function readNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
    total += (digit ?? 1) * unit;
    digit = null;
  }
  return total + (digit ?? 0);
}

const UNITS: [RegExp, PeriodUnit][] = [
  [/^(?:个)?工作日$/, '工作日'],
  [/^(?:日|天|自然日|个自然日)$/, '日'],
  [/^(?:个)?月$/, '月'],
  [/^年$/, '年'],
];

export function parsePeriodText(text: string): Period | { error: string } {
  const written = String(text).trim();
  const s = written.replace(/[\s\u3000]+/g, '');
  if (s === '半年') return { amount: 6, unit: '月', text: written };
  const m = /^(\d+|[零〇一二两三四五六七八九十百千]+)(.+)$/.exec(s);
  const amount = m ? readNumber(m[1]!) : null;
  const unit = m ? UNITS.find(([re]) => re.test(m[2]!))?.[1] : undefined;
  if (amount === null || !unit || amount < 1) return { error: `无法识别的期间 unrecognised period: ${JSON.stringify(written)}` };
  return { amount, unit, text: written };
}

/** 三分之二以上 {2,3,inclusive}; 过半数 {1,2,exclusive}; 全体/一致 {1,1,inclusive}. */
export function parseThresholdText(text: string): Threshold | { error: string } {
  const t = String(text).trim();
  const s = t.replace(/\s+/g, '');
  if (/^(?:过半数|超过半数|半数以上（不含本数）)$/.test(s)) return { num: 1, den: 2, inclusive: false, text: t };
  if (/^(?:全体|全体一致|一致|一致同意|全部)$/.test(s)) return { num: 1, den: 1, inclusive: true, text: t };
  let m = /^(\d+|[零〇一二两三四五六七八九十百千]+)分之(\d+|[零〇一二两三四五六七八九十百千]+)(以上|超过)?$/.exec(s);
  if (m) {
    const den = readNumber(m[1]!);
    const num = readNumber(m[2]!);
    if (den && num !== null && num > 0 && num <= den) return { num, den, inclusive: m[3] !== '超过', text: t };
  }
  m = /^(?:超过)?(\d+)\/(\d+)(以上)?$/.exec(s);
  if (m) {
    const num = Number(m[1]);
    const den = Number(m[2]);
    if (den > 0 && num > 0 && num <= den) return { num, den, inclusive: !s.startsWith('超过'), text: t };
  }
  m = /^超过(\d+|[零〇一二两三四五六七八九十百千]+)分之(\d+|[零〇一二两三四五六七八九十百千]+)$/.exec(s);
  if (m) {
    const den = readNumber(m[1]!);
    const num = readNumber(m[2]!);
    if (den && num !== null && num > 0 && num <= den) return { num, den, inclusive: false, text: t };
  }
  return { error: `无法识别的表决比例 unrecognised threshold: ${JSON.stringify(t)}（应如 e.g. 三分之二以上、过半数）` };
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
  return comparePeriods(a, b) === 0 && (a.unit === b.unit || (a.unit !== '日' && a.unit !== '工作日' && b.unit !== '日' && b.unit !== '工作日'));
}
