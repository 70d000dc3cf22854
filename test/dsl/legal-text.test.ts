// The one reader of legal text (dsl/legal-text): exact values at the edges, every problem as a
// code with its arguments, and fast-check properties over random compositions of numerals, units
// and qualifiers — including that every caller that reads a period (the expression language's
// quantities, the calendar) gets the reader's answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isFailure,
  LEGAL_TEXT_MESSAGES,
  legalTextMessage,
  readChineseNumber,
  readFraction,
  readNumeral,
  readPeriod,
  readThreshold,
  type LegalTextCode,
  type LegalTextFailure,
} from '../../dsl/legal-text/index.ts';
import { parseQuantity } from '../../dsl/expr/index.ts';
import { bundledLayers } from '../../engine/calendar/bundled.ts';
import { CalendarError, calendarFor, computeDeadline } from '../../engine/calendar/index.ts';
import { renderBoth } from '../../dsl/messages.ts';

const code = (r: unknown): LegalTextCode | undefined =>
  r && typeof r === 'object' && 'error' in r ? (r as LegalTextFailure).error.code : undefined;

// An independent writer of the standard form, to test the reader against.
const DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function writeChinese(n: number): string {
  if (n < 10) return DIGIT[n]!;
  if (n < 20) return `十${n % 10 ? DIGIT[n % 10] : ''}`;
  let out = '';
  let rest = n;
  let started = false;
  let gap = false;
  for (const [value, unit] of [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ] as const) {
    const d = Math.floor(rest / value);
    rest %= value;
    if (d) {
      out += `${gap ? '零' : ''}${DIGIT[d]}${unit}`;
      started = true;
      gap = false;
    } else if (started) gap = true;
  }
  if (rest) out += `${gap ? '零' : ''}${DIGIT[rest]}`;
  return out;
}
/** The accepted spellings of the same number: 两 alone or for 二 before 百/千 (九千两百), 〇 for 零, 一十 for a leading 十. */
function canonical(written: string): string {
  return written
    .replace(/两(?=[百千])/g, '二')
    .replace(/^两$/, '二')
    .replace(/〇/g, '零')
    .replace(/^一十/, '十');
}

describe('readChineseNumber', () => {
  it.each([
    ['十', 10],
    ['十一', 11],
    ['十五', 15],
    ['二十', 20],
    ['二十五', 25],
    ['一百', 100],
    ['一百零五', 105],
    ['一百〇五', 105],
    ['一百一十', 110],
    ['一百二十', 120],
    ['两百零五', 205],
    ['九千两百', 9200],
    ['一千零五', 1005],
    ['一千零五十', 1050],
    ['三千零一', 3001],
    ['九千九百九十九', 9999],
    ['两', 2],
    ['零', 0],
  ] as [string, number][])('%s = %i', (text, n) => expect(readChineseNumber(text)).toBe(n));

  it.each([
    ['十百', 'NUMERAL_ORDER'],
    ['百十', 'NUMERAL_UNIT_ALONE'],
    ['百', 'NUMERAL_UNIT_ALONE'],
    ['一百十', 'NUMERAL_UNIT_ALONE'],
    ['二三', 'NUMERAL_ADJACENT'],
    ['一百五', 'NUMERAL_AMBIGUOUS'],
    ['一千五', 'NUMERAL_AMBIGUOUS'],
    ['一千五十', 'NUMERAL_MISSING_ZERO'],
    ['零五', 'NUMERAL_ZERO'],
    ['一百零', 'NUMERAL_ZERO'],
    ['一千零零五', 'NUMERAL_ZERO'],
    ['二十零五', 'NUMERAL_ZERO'],
    ['五零', 'NUMERAL_ZERO'],
    ['两十', 'NUMERAL_LIANG'],
    ['十两', 'NUMERAL_LIANG'],
    ['', 'NUMERAL_CHARS'],
    ['abc', 'NUMERAL_CHARS'],
    ['一万', 'NUMERAL_CHARS'],
  ])('%j is refused: %s', (text, expected) => {
    const r = readChineseNumber(text);
    expect(code(r)).toBe(expected);
    expect((r as LegalTextFailure).error.args).toEqual({ reading: 'number', text, numeral: text });
  });

  it('reads every number below 10 000 in its standard form and its accepted variants', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (n) => {
        const w = writeChinese(n);
        expect(readChineseNumber(w)).toBe(n);
        expect(readChineseNumber(w.replace(/零/g, '〇'))).toBe(n);
        if (/^二[百千]/.test(w)) expect(readChineseNumber(w.replace(/^二/, '两'))).toBe(n);
        if (/^十/.test(w)) expect(readChineseNumber(`一${w}`)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts a random string of numeral characters only when it is the standard writing of its value', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'零〇一二两三四五六七八九十百千'), { minLength: 1, maxLength: 8 }), (chars) => {
        const text = chars.join('');
        const r = readChineseNumber(text);
        if (typeof r === 'number') expect(canonical(text)).toBe(writeChinese(r));
        else expect(r.error.code).toMatch(/^NUMERAL_/);
      }),
      { numRuns: 5000 },
    );
  });

  it('Arabic digits read as they are, a number too large to be exact is refused', () => {
    expect(readNumeral('15')).toBe(15);
    expect(readNumeral('9007199254740993')).toHaveProperty('error.code', 'NUMERAL_CHARS');
  });
});

describe('readFraction', () => {
  it.each([
    ['三分之二', 2, 3],
    ['百分之五十', 50, 100],
    ['千分之三', 3, 1000],
    ['十分之一', 1, 10],
    ['3分之2', 2, 3],
    ['三分之零', 0, 3],
  ] as [string, number, number][])('%s = %i/%i', (text, num, den) => expect(readFraction(text)).toEqual({ num, den }));
  it.each([
    ['零分之一', 'FRACTION_ZERO_DENOMINATOR'],
    ['三五分之二', 'NUMERAL_ADJACENT'],
    ['十百分之一', 'NUMERAL_ORDER'],
    ['分之一', 'FRACTION_FORM'],
    ['三分之二分之一', 'FRACTION_FORM'],
  ])('%j is refused: %s', (text, expected) => expect(code(readFraction(text))).toBe(expected));
});

describe('readPeriod', () => {
  it.each([
    ['3 工作日', 3, '工作日'],
    ['三个工作日', 3, '工作日'],
    ['3个工作日', 3, '工作日'],
    ['七日', 7, '日'],
    ['十日', 10, '日'],
    ['十一日', 11, '日'],
    ['十五日', 15, '日'],
    ['二十日', 20, '日'],
    ['15天', 15, '日'],
    ['10 日', 10, '日'],
    ['30 自然日', 30, '日'],
    ['6 月', 6, '月'],
    ['6个月', 6, '月'],
    ['两个月', 2, '月'],
    ['1 年', 1, '年'],
    ['三十年', 30, '年'],
    ['半年', 6, '月'],
    ['二十工作日', 20, '工作日'],
    ['一百零五日', 105, '日'],
    ['一百一十日', 110, '日'],
    ['１５日', 15, '日'],
    ['  3　工作日 ', 3, '工作日'],
    ['100000 日', 100000, '日'],
  ] as [string, number, string][])('%j → %i %s', (text, amount, unit) => {
    expect(readPeriod(text)).toEqual({ amount, unit, text: text.trim() });
  });

  it.each([
    ['', 'PERIOD_FORM'],
    ['日', 'PERIOD_FORM'],
    ['3', 'PERIOD_FORM'],
    ['x 日', 'PERIOD_FORM'],
    ['-3 日', 'PERIOD_FORM'],
    ['三周', 'PERIOD_UNIT'],
    ['3 小时', 'PERIOD_UNIT'],
    ['半个年', 'PERIOD_FORM'],
    ['0 日', 'PERIOD_NOT_POSITIVE'],
    ['零日', 'PERIOD_NOT_POSITIVE'],
    ['100001 日', 'PERIOD_TOO_LONG'],
    ['3.5 日', 'PERIOD_NOT_WHOLE'],
    ['半个月', 'PERIOD_HALF_MONTH'],
    ['15 日以内', 'PERIOD_QUALIFIER'],
    ['3 工作日内', 'PERIOD_QUALIFIER'],
    ['半年后', 'PERIOD_QUALIFIER'],
    ['十百日', 'NUMERAL_ORDER'],
    ['二三日', 'NUMERAL_ADJACENT'],
    ['一百五日', 'NUMERAL_AMBIGUOUS'],
    ['两十日', 'NUMERAL_LIANG'],
  ])('%j is refused: %s', (text, expected) => {
    const r = readPeriod(text);
    expect(code(r)).toBe(expected);
    expect((r as LegalTextFailure).error.args).toMatchObject({ reading: 'period', text: text.trim() });
  });

  it('a refused period says so in both languages, with the text as written', () => {
    expect(renderBoth(legalTextMessage((readPeriod('-1 日') as LegalTextFailure).error))).toMatch(
      /^无法识别的期间 unrecognised period: "-1 日"; 应为 expected e\.g\. /,
    );
    const m = renderBoth(legalTextMessage((readPeriod('十百日') as LegalTextFailure).error));
    expect(m).toMatch(/^期间「十百日」：数字「十百」中十、百、千须由大到小 /);
    expect(m).toContain('in the period "十百日"');
    expect(renderBoth(legalTextMessage((readPeriod('15 日以内') as LegalTextFailure).error))).toContain('第一千二百五十九条');
  });

  it('a value that is not text is refused, not thrown on', () => {
    expect(code(readPeriod(3 as unknown as string))).toBe('NOT_TEXT');
  });
});

describe('readThreshold', () => {
  it.each([
    ['过半数', 1, 2, false],
    ['超过半数', 1, 2, false],
    ['过半', 1, 2, false],
    ['半数以上', 1, 2, true],
    ['一半以上', 1, 2, true],
    ['二分之一以上', 1, 2, true],
    ['三分之二以上', 2, 3, true],
    ['三分之二及以上', 2, 3, true],
    ['超过三分之二', 2, 3, false],
    ['多于三分之二', 2, 3, false],
    ['四分之三以上', 3, 4, true],
    ['五分之四以上', 4, 5, true],
    ['2/3以上', 2, 3, true],
    ['2／3 以上', 2, 3, true],
    ['超过2/3', 2, 3, false],
    ['2/4以上', 1, 2, true],
    ['百分之五十以上', 1, 2, true],
    ['超过百分之五十', 1, 2, false],
    ['50%以上', 1, 2, true],
    ['50％以上', 1, 2, true],
    ['超过50%', 1, 2, false],
    ['66.7%以上', 667, 1000, true],
    ['全体一致', 1, 1, true],
    ['全票', 1, 1, true],
  ] as [string, number, number, boolean][])('%s → %i/%i inclusive=%s', (text, num, den, inclusive) => {
    expect(readThreshold(text)).toEqual({ num, den, inclusive, text });
  });

  it.each([
    ['', 'THRESHOLD_FORM'],
    ['很多', 'THRESHOLD_FORM'],
    ['全体', 'THRESHOLD_FORM'],
    ['半数以上（不含本数）', 'THRESHOLD_FORM'],
    ['三分之二', 'THRESHOLD_NO_BOUND'],
    ['2/3', 'THRESHOLD_NO_BOUND'],
    ['半数', 'THRESHOLD_NO_BOUND'],
    ['50%', 'THRESHOLD_NO_BOUND'],
    ['超过50%以上', 'THRESHOLD_CONTRADICTS'],
    ['过半数以上', 'THRESHOLD_CONTRADICTS'],
    ['三分之二以下', 'THRESHOLD_UPPER_BOUND'],
    ['不满半数', 'THRESHOLD_UPPER_BOUND'],
    ['不超过三分之二', 'THRESHOLD_UPPER_BOUND'],
    ['三分之四以上', 'THRESHOLD_RANGE'],
    ['0%以上', 'THRESHOLD_RANGE'],
    ['三分之零以上', 'THRESHOLD_RANGE'],
    ['零分之一以上', 'FRACTION_ZERO_DENOMINATOR'],
    ['十百分之一以上', 'NUMERAL_ORDER'],
  ])('%j is refused: %s', (text, expected) => {
    const r = readThreshold(text);
    expect(code(r)).toBe(expected);
    expect((r as LegalTextFailure).error.args).toMatchObject({ reading: 'threshold', text });
  });
});

describe('the message catalogue', () => {
  it('words every code in Chinese and in English', () => {
    for (const [c, m] of Object.entries(LEGAL_TEXT_MESSAGES)) {
      expect(m.zh, c).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en, c).toMatch(/[a-z]/);
    }
  });
});

// ——— Random compositions: numerals, units and qualifiers.

const numeralChars = fc.array(fc.constantFrom(...'零〇一二两三四五六七八九十百千'), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const numeral = fc.oneof(
  numeralChars,
  fc.integer({ min: 0, max: 9999 }).map(writeChinese),
  fc.integer({ min: 0, max: 200_000 }).map(String),
  fc.constantFrom('两', '半', '3.5', '-3', '１５', ''),
);
const unit = fc.constantFrom('日', '天', '工作日', '个工作日', '月', '个月', '年', '自然日', '个自然日', '周', '小时', '个', '');
const periodQualifier = fc.constantFrom('', '', '', '内', '以内', '届满', '后', '以上', '之内');
const space = fc.constantFrom('', '', ' ', '\u3000');
const periodText = fc.oneof(
  fc.tuple(space, numeral, space, unit, periodQualifier, space).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('半年', '半个月', '半月'), periodQualifier).map((p) => p.join('')),
);

const share = fc.oneof(
  fc.constantFrom('半数', '半', '一半', '全体', '很多'),
  fc.tuple(numeral, numeral).map(([d, n]) => `${d}分之${n}`),
  fc.tuple(fc.constantFrom('百', '千'), numeral).map(([d, n]) => `${d}分之${n}`),
  fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })).map(([n, d]) => `${n}/${d}`),
  fc.tuple(fc.integer({ min: 0, max: 120 }), fc.constantFrom('', '.5', '.25')).map(([p, f]) => `${p}${f}%`),
);
const prefix = fc.constantFrom('', '', '超过', '过', '多于', '不满', '不超过', '少于');
const suffix = fc.constantFrom('', '', '以上', '及以上', '以下', '以内', '以外');
const thresholdText = fc.oneof(
  fc.tuple(prefix, share, suffix).map((p) => p.join('')),
  fc.constantFrom('全体一致', '一致同意', '全票', '过半数', '半数以上'),
);

const calendar = calendarFor(['national'], bundledLayers);

describe('every caller reads a period as readPeriod does', () => {
  it('readPeriod never throws, and what it accepts is a whole positive amount of a known unit', () => {
    fc.assert(
      fc.property(periodText, (text) => {
        const r = readPeriod(text);
        if (isFailure(r)) {
          expect(LEGAL_TEXT_MESSAGES[r.error.code]).toBeDefined();
          expect(r.error.args.text).toBe(text.trim());
          return;
        }
        expect(['日', '工作日', '月', '年']).toContain(r.unit);
        expect(Number.isSafeInteger(r.amount) && r.amount >= 1 && r.amount <= 100_000).toBe(true);
        expect(r.text).toBe(text.trim());
      }),
      { numRuns: 3000 },
    );
  });

  it("the expression language: a quantity carries exactly readPeriod's period, and its value agrees", () => {
    const perYear: Record<string, number> = { 年: 1, 月: 12 };
    fc.assert(
      fc.property(periodText, (text) => {
        const r = readPeriod(text);
        const q = parseQuantity(text);
        if (isFailure(r)) {
          if (!('error' in q)) expect(q.period).toBeUndefined();
          return;
        }
        expect('error' in q).toBe(false);
        if ('error' in q) return;
        expect(q.period).toEqual(r);
        // The number the expression computes with is the same length: 半年 = 6 月 = 0.5 年.
        const scale = perYear[r.unit];
        if (scale) expect(q.value.toNumber()).toBeCloseTo(r.amount / scale, 12);
        else expect(q.value.toNumber()).toBe(r.amount);
      }),
      { numRuns: 3000 },
    );
  });

  it('the calendar: a period text counts iff readPeriod reads it, and is refused with its message', () => {
    fc.assert(
      fc.property(periodText, (text) => {
        const r = readPeriod(text);
        let thrown: unknown;
        let end: string | undefined;
        try {
          end = computeDeadline({ start: '2025-03-10', period: text, calendar }).end;
        } catch (e) {
          thrown = e;
        }
        if (isFailure(r)) {
          expect(thrown).toBeInstanceOf(CalendarError);
          expect((thrown as CalendarError).code).toBe('BAD_PERIOD');
          expect((thrown as CalendarError).message).toBe(renderBoth(legalTextMessage(r.error)));
        } else if (thrown === undefined) {
          expect(end).toBe(computeDeadline({ start: '2025-03-10', period: r, calendar }).end);
        } else {
          // A period that reads may still end beyond the calendar's years: refused for the date, not the period.
          expect(thrown).toBeInstanceOf(CalendarError);
          expect(['NO_DATA', 'BAD_DATE']).toContain((thrown as CalendarError).code);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('readThreshold on random compositions', () => {
  it('never throws; 以上 includes and 超过 excludes the bound (民法典第一千二百五十九条); the share is reduced and within (0, 1]', () => {
    fc.assert(
      fc.property(thresholdText, (text) => {
        const r = readThreshold(text);
        if (isFailure(r)) {
          expect(LEGAL_TEXT_MESSAGES[r.error.code]).toBeDefined();
          return;
        }
        expect(r.num > 0 && r.num <= r.den).toBe(true);
        const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
        expect(gcd(r.num, r.den)).toBe(1);
        if (/以上$/.test(text)) expect(r.inclusive).toBe(true);
        if (/^(超过|过|多于)/.test(text)) expect(r.inclusive).toBe(false);
        if (/^(不满|不超过|少于)|(以下|以内|以外)$/.test(text)) throw new Error(`an upper bound was accepted: ${text}`);
      }),
      { numRuns: 5000 },
    );
  });
});
