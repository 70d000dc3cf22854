import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import {
  amountInWords,
  amountInWordsWithPrefix,
  areaInWords,
  countInWords,
  integerInWords,
} from '../../../engine/documents/amount-words.ts';
import { DocumentError } from '../../../engine/documents/errors.ts';

describe('amountInWords: PBOC canonical 大写', () => {
  const cases: [string, string][] = [
    // domain.md §7 and the brief
    ['53333.25', '伍万叁仟叁佰叁拾叁元贰角伍分'],
    ['1000.00', '壹仟元整'],
    ['10005.00', '壹万零伍元整'],
    ['100000.50', '壹拾万元零伍角'],
    ['0.05', '伍分'],
    ['1000000000.00', '壹拾亿元整'],
    // PBOC's own examples (idcard-and-amounts.md §B, canonical column)
    ['1409.50', '壹仟肆佰零玖元伍角'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['1680.32', '壹仟陆佰捌拾元零叁角贰分'],
    ['107000.53', '壹拾万柒仟元零伍角叁分'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    // derived rows
    ['532.00', '伍佰叁拾贰元整'],
    ['100500.30', '壹拾万零伍佰元零叁角'],
    ['100010001.10', '壹亿零壹万零壹元壹角'],
    ['30105000.00', '叁仟零壹拾万伍仟元整'],
    ['0', '零元整'],
    // edges
    ['0.00', '零元整'],
    ['0.5', '伍角'],
    ['0.55', '伍角伍分'],
    ['10', '壹拾元整'],
    ['15.5', '壹拾伍元伍角'],
    ['20.07', '贰拾元零柒分'],
    ['100010000', '壹亿零壹万元整'],
    ['100001000', '壹亿零壹仟元整'],
    ['1000000001', '壹拾亿零壹元整'],
    ['24150.00', '贰万肆仟壹佰伍拾元整'],
    ['1234567890123.45', '壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分'],
  ];
  for (const [amount, words] of cases) {
    it(`${amount} → ${words}`, () => {
      expect(amountInWords(amount)).toBe(words);
    });
  }

  it('accepts Decimal', () => {
    expect(amountInWords(new Decimal('53333.25'))).toBe('伍万叁仟叁佰叁拾叁元贰角伍分');
    expect(amountInWords(new Decimal(2.35).times(22695))).toBe('伍万叁仟叁佰叁拾叁元贰角伍分');
  });

  it('prefix 人民币 without a gap', () => {
    expect(amountInWordsWithPrefix('1409.50')).toBe('人民币壹仟肆佰零玖元伍角');
    expect(amountInWordsWithPrefix('0')).toBe('人民币零元整');
  });

  it('refuses negative amounts', () => {
    expect(() => amountInWords('-1.00')).toThrowError(DocumentError);
    expect(() => amountInWords('-1.00')).toThrowError(/不能为负.*negative/);
    expect(() => amountInWords(new Decimal(-0.01))).toThrowError(/negative/);
  });

  it('refuses more than two decimal places instead of rounding', () => {
    expect(() => amountInWords('1.005')).toThrowError(/两位小数.*2 decimal places/);
    try {
      amountInWords('53333.255');
    } catch (e) {
      expect((e as DocumentError).code).toBe('AMOUNT_PRECISION');
    }
  });

  it('refuses text that is not a number', () => {
    expect(() => amountInWords('53,333.25')).toThrowError(/不是十进制数/);
    expect(() => amountInWords('')).toThrowError(DocumentError);
    expect(() => amountInWords('abc')).toThrowError(DocumentError);
    expect(() => amountInWords(new Decimal(NaN))).toThrowError(/finite/);
    expect(() => amountInWords('12345678901234567')).toThrowError(/too large/);
  });
});

describe('integerInWords', () => {
  it('reads groups and gaps', () => {
    expect(integerInWords('0')).toBe('');
    expect(integerInWords('10')).toBe('壹拾');
    expect(integerInWords('1010')).toBe('壹仟零壹拾');
    expect(integerInWords('100000000')).toBe('壹亿');
  });
});

describe('areaInWords', () => {
  const cases: [string, string][] = [
    ['2.35', '贰点叁伍'],
    ['1.20', '壹点贰'],
    ['12.50', '壹拾贰点伍'],
    ['0.8', '零点捌'],
    ['100.05', '壹佰点零伍'],
    ['10', '壹拾'],
    ['0', '零'],
    ['0.00', '零'],
    ['1015.2', '壹仟零壹拾伍点贰'],
  ];
  for (const [area, words] of cases) {
    it(`${area} → ${words}`, () => expect(areaInWords(area)).toBe(words));
  }
  it('refuses negative and non-numeric areas', () => {
    expect(() => areaInWords('-1')).toThrowError(/area/);
    expect(() => areaInWords('二点三')).toThrowError(/area/);
  });
});

describe('countInWords', () => {
  it('writes counts in 小写 numerals', () => {
    expect(countInWords(1)).toBe('一');
    expect(countInWords(3)).toBe('三');
    expect(countInWords(10)).toBe('十');
    expect(countInWords(12)).toBe('十二');
    expect(countInWords(20)).toBe('二十');
    expect(countInWords(105)).toBe('一百零五');
    expect(countInWords(0)).toBe('零');
    expect(() => countInWords(1.5)).toThrowError(DocumentError);
  });
});

describe('integerInWords above 亿', () => {
  it('reads the count of 亿 with 万', () => {
    expect(integerInWords('1000000000000')).toBe('壹万亿');
    expect(integerInWords('1000100000000')).toBe('壹万零壹亿');
    expect(integerInWords('1000000010000')).toBe('壹万亿零壹万');
    expect(integerInWords('9999999999999999')).toBe('玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖');
  });
});
