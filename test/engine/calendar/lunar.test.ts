// The computed lunar calendar and the holiday rules against the official arrangements of
// 2020–2026, and the computed festival dates of the provisional years pinned.
import { describe, expect, it } from 'vitest';
import { holidayCnYears } from '../../../engine/calendar/data/index.ts';
import { festivals, lunarMonthsAround } from '../../../engine/calendar/lunar.ts';
import { provisionalArrangement, statutoryDays } from '../../../engine/calendar/holiday-rules.ts';
import { dateOf } from '../../../engine/calendar/date.ts';

type YearFile = { year: number; days: { date: string; name: string; isOffDay: boolean }[] };
const official = holidayCnYears as YearFile[];
const offDays = (f: YearFile) => new Map(f.days.filter((d) => d.isOffDay).map((d) => [d.date, d.name]));

describe('the lunar computation against every bundled official year', () => {
  it.each(official.map((f) => [f.year, f] as const))('%i: 春节, 清明, 端午 and 中秋 fall on rest days named for them', (year, f) => {
    const off = offDays(f);
    const x = festivals(year);
    expect(off.get(x.chunjie)).toBe('春节');
    expect(off.get(x.qingming)).toBe('清明节');
    expect(off.get(x.duanwu)).toBe('端午节');
    expect(off.get(x.zhongqiu)).toContain('中秋节');
  });

  it.each(official.map((f) => [f.year, f] as const))('%i: every statutory holiday is a rest day of its holiday', (year, f) => {
    const off = offDays(f);
    for (const s of statutoryDays(year)!) expect(off.get(s.date) ?? `${s.date} is a working day`, s.date).toContain(s.name);
  });
});

describe('festival dates of the provisional years (computed; 2027–2049 agree with an independent lunar table)', () => {
  // year: 除夕, 春节, 清明, 三月三, 端午, 中秋
  const table: Record<number, string[]> = {
    2027: ['02-05', '02-06', '04-05', '04-09', '06-09', '09-15'],
    2028: ['01-25', '01-26', '04-04', '03-28', '05-28', '10-03'],
    2029: ['02-12', '02-13', '04-04', '04-16', '06-16', '09-22'],
    2030: ['02-02', '02-03', '04-05', '04-05', '06-05', '09-12'],
    2031: ['01-22', '01-23', '04-05', '03-25', '06-24', '10-01'],
    2032: ['02-10', '02-11', '04-04', '04-12', '06-12', '09-19'],
    2033: ['01-30', '01-31', '04-04', '04-02', '06-01', '09-08'],
    2034: ['02-18', '02-19', '04-05', '04-21', '06-20', '09-27'],
    2035: ['02-07', '02-08', '04-05', '04-10', '06-10', '09-16'],
    2036: ['01-27', '01-28', '04-04', '03-30', '05-30', '10-04'],
    2037: ['02-14', '02-15', '04-04', '04-18', '06-18', '09-24'],
    2038: ['02-03', '02-04', '04-05', '04-07', '06-07', '09-13'],
    2039: ['01-23', '01-24', '04-05', '03-27', '05-27', '10-02'],
    2040: ['02-11', '02-12', '04-04', '04-13', '06-14', '09-20'],
    2041: ['01-31', '02-01', '04-04', '04-03', '06-03', '09-10'],
    2042: ['01-21', '01-22', '04-04', '04-22', '06-22', '09-28'],
    2043: ['02-09', '02-10', '04-05', '04-12', '06-11', '09-17'],
    2044: ['01-29', '01-30', '04-04', '03-31', '05-31', '10-05'],
    2045: ['02-16', '02-17', '04-04', '04-19', '06-19', '09-25'],
    2046: ['02-05', '02-06', '04-04', '04-08', '06-08', '09-15'],
    2047: ['01-25', '01-26', '04-05', '03-28', '05-29', '10-04'],
    2048: ['02-13', '02-14', '04-04', '04-15', '06-15', '09-22'],
    2049: ['02-01', '02-02', '04-04', '04-04', '06-04', '09-11'],
    2050: ['01-22', '01-23', '04-04', '03-25', '06-23', '09-30'],
  };
  it.each(Object.entries(table))('%s', (y, [chuxi, chunjie, qingming, sanyuesan, duanwu, zhongqiu]) => {
    expect(festivals(Number(y))).toEqual({
      chuxi: `${y}-${chuxi}`,
      chunjie: `${y}-${chunjie}`,
      qingming: `${y}-${qingming}`,
      sanyuesan: `${y}-${sanyuesan}`,
      duanwu: `${y}-${duanwu}`,
      zhongqiu: `${y}-${zhongqiu}`,
    });
  });

  it('the closest calls are on the right day: 2027 春节 (new moon 23:57 Beijing time), 2030 春节 (00:08)', () => {
    expect(festivals(2027).chunjie).toBe('2027-02-06');
    expect(festivals(2030).chunjie).toBe('2030-02-03');
  });

  it('2033 has its leap month after the 11th month (GB/T 33661-2017), so 中秋 is 2033-09-08, not 10-07', () => {
    const around2034 = lunarMonthsAround(2034);
    const leap = around2034.find((m) => m.leap)!;
    expect({ month: leap.month, start: dateOf(leap.start) }).toEqual({ month: 11, start: '2033-12-22' });
    expect(lunarMonthsAround(2033).some((m) => m.leap)).toBe(false);
    expect(festivals(2033).zhongqiu).toBe('2033-09-08');
  });

  it('a leap 4th month (2020) puts 端午 late: 2020-06-25', () => {
    expect(lunarMonthsAround(2020).find((m) => m.leap)?.month).toBe(4);
    expect(festivals(2020).duanwu).toBe('2020-06-25');
  });
});

describe('the provisional rules (2025 principles) against the official arrangements they were drawn from', () => {
  const officialOff = (y: number) => [...offDays(official.find((f) => f.year === y)!).keys()].sort();
  const provisionalOff = (y: number) => provisionalArrangement(y).map((d) => d.date);

  it('reproduce the rest days of 2025 exactly', () => {
    expect(provisionalOff(2025)).toEqual(officialOff(2025));
  });

  it("reproduce 2026 but for 2026-02-15 (腊月廿八), the notice's exception to 「自农历除夕起」", () => {
    expect(officialOff(2026).filter((d) => !provisionalOff(2026).includes(d))).toEqual(['2026-02-15']);
    expect(provisionalOff(2026).filter((d) => !officialOff(2026).includes(d))).toEqual([]);
  });

  it('list no make-up working day, and mark the statutory holidays', () => {
    const y2027 = provisionalArrangement(2027);
    expect(y2027.every((d) => d.isOffDay)).toBe(true);
    expect(y2027.filter((d) => d.statutory).map((d) => d.date)).toEqual(statutoryDays(2027)!.map((d) => d.date));
    // 中秋 2028 is on 10-03: merged with 国庆 into 10-01 … 10-08.
    expect(
      provisionalArrangement(2028)
        .filter((d) => d.name === '国庆节、中秋节')
        .map((d) => d.date.slice(5)),
    ).toEqual(['10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07', '10-08']);
  });
});
