import { describe, expect, it } from 'vitest';
import { parseChineseNumber, parsePeriod } from '../../../engine/calendar/index.ts';

describe('parsePeriod', () => {
  const ok: [string, number, string][] = [
    ['3 工作日', 3, '工作日'],
    ['三个工作日', 3, '工作日'],
    ['3个工作日', 3, '工作日'],
    ['七日', 7, '日'],
    ['十五日', 15, '日'],
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
    ['１５日', 15, '日'],
    ['  3　工作日 ', 3, '工作日'],
  ];
  it.each(ok)('%s → %i %s', (text, amount, unit) => {
    expect(parsePeriod(text)).toEqual({ amount, unit, text: text.trim() });
  });

  it.each(['', '三周', '0 日', 'x 日', '3', '日', '半个月', '-3 日', '3.5 日', '十百日', '二三日'])('rejects %j with a message', (text) => {
    const r = parsePeriod(text);
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toMatch(/期间/);
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十五', 25],
    ['一百', 100],
    ['一百二十', 120],
    ['两百零五', 205],
    ['三千零一', 3001],
  ] as [string, number][])('%s = %i', (t, n) => expect(parseChineseNumber(t)).toBe(n));
  it.each(['', '百十', '二三', 'abc'])('%j is not a number', (t) => expect(parseChineseNumber(t)).toBeNull());
});
