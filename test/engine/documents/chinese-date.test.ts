import { describe, expect, it } from 'vitest';
import { formatChineseDate, formatDateInWords, parseDate } from '../../../engine/documents/chinese-date.ts';
import { formatContractNumber } from '../../../engine/documents/contract-number.ts';

describe('formatChineseDate', () => {
  it('writes 年月日 without leading zeros', () => {
    expect(formatChineseDate('2026-01-15')).toBe('2026年1月15日');
    expect(formatChineseDate('2027-12-31')).toBe('2027年12月31日');
  });
  it('refuses impossible or malformed dates', () => {
    expect(() => formatChineseDate('2026-02-29')).toThrowError(/no such date/);
    expect(() => formatChineseDate('2026/01/15')).toThrowError(/YYYY-MM-DD/);
    expect(parseDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });
});

describe('formatDateInWords (票据大写日期)', () => {
  const cases: [string, string][] = [
    ['2026-01-15', '贰零贰陆年零壹月壹拾伍日'], // PBOC: 1月15日 → 零壹月壹拾伍日
    ['2025-10-20', '贰零贰伍年零壹拾月零贰拾日'], // 10月20日 → 零壹拾月零贰拾日
    ['2026-02-12', '贰零贰陆年零贰月壹拾贰日'], // 2月12日 → 零贰月壹拾贰日
    ['2026-03-01', '贰零贰陆年叁月零壹日'],
    ['2026-11-30', '贰零贰陆年壹拾壹月零叁拾日'],
    ['2026-12-31', '贰零贰陆年壹拾贰月叁拾壹日'],
    ['2026-09-10', '贰零贰陆年玖月零壹拾日'],
    ['2026-09-19', '贰零贰陆年玖月壹拾玖日'],
    ['2026-09-21', '贰零贰陆年玖月贰拾壹日'],
    ['2000-05-09', '贰零零零年伍月零玖日'],
  ];
  for (const [iso, words] of cases) it(`${iso} → ${words}`, () => expect(formatDateInWords(iso)).toBe(words));
});

describe('formatContractNumber', () => {
  it('formats as the forms print', () => {
    expect(formatContractNumber({ kind: '转让', year: 2026, seq: 1 })).toBe('转让（2026）第 001 号');
    expect(formatContractNumber({ kind: '退出', year: 2026, seq: 42 })).toBe('退出（2026）第 042 号');
    expect(formatContractNumber({ kind: '退出', year: 2026, seq: 1234 })).toBe('退出（2026）第 1234 号');
  });
  it('refuses bad parts', () => {
    expect(() => formatContractNumber({ kind: '出租' as never, year: 2026, seq: 1 })).toThrowError(/转让 or 退出/);
    expect(() => formatContractNumber({ kind: '转让', year: 26, seq: 1 })).toThrowError(/year/);
    expect(() => formatContractNumber({ kind: '转让', year: 2026, seq: 0 })).toThrowError(/sequence/);
  });
});
