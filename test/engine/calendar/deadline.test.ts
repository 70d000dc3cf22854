import { describe, expect, it } from 'vitest';
import {
  CalendarError,
  bundledCalendar,
  calendarFor,
  checkPeriod,
  computeDeadline,
  confirmProvisional,
  deadlineStatus,
  layersWithImported,
  meetsQualifier,
  qualifierIncludesBound,
} from '../../../engine/calendar/index.ts';
import { thrown } from '../../helpers/errors.ts';
import { made2027 } from './fixtures.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const cal = bundledCalendar();
const end = (start: string, period: string, after = false) => computeDeadline({ start, period, calendar: cal, after }).end;

const noData = (f: () => unknown): CalendarError => thrown(CalendarError, f);

describe('edge cases with exact dates (民法典第二百零一条至第二百零三条)', () => {
  // [start, period, expected last day, why]
  const table: [string, string, string, string][] = [
    ['2025-03-10', '10 日', '2025-03-20', 'start day not counted: 03-11 … 03-20'],
    ['2025-08-31', '6 月', '2026-02-28', 'no 02-31: month end, a 调休 Saturday (working), no roll'],
    ['2024-08-31', '6 月', '2025-02-28', 'month end, common year'],
    ['2023-08-31', '半年', '2024-02-29', 'month end, leap year'],
    ['2023-08-31', '6 月', '2024-02-29', '半年 = 6 月'],
    ['2025-01-31', '1 月', '2025-02-28', 'month end after 春节'],
    ['2024-02-29', '1 年', '2025-02-28', 'year from a leap day'],
    ['2026-01-15', '半年', '2026-07-15', 'corresponding day, a working day'],
    ['2025-09-24', '7 日', '2025-10-09', 'last day 10-01 is 国庆: first day after the holiday'],
    ['2025-09-24', '七日', '2025-10-09', 'Chinese numeral'],
    ['2025-04-01', '6 月', '2025-10-09', 'a month period ending in 国庆'],
    ['2026-04-30', '5 日', '2026-05-06', 'last day in 劳动节'],
    ['2025-03-10', '5 日', '2025-03-17', 'last day on an ordinary Saturday → Monday'],
    ['2025-03-09', '6 日', '2025-03-17', 'last day on an ordinary Saturday (03-15) → Monday'],
    ['2025-10-01', '10 日', '2025-10-11', 'last day on a 调休 Saturday: a working day, no roll'],
    ['2022-12-25', '6 日', '2023-01-03', '2022-12-31 is 元旦 in 2023.json: both files are read'],
    ['2025-09-30', '3 工作日', '2025-10-11', '国庆 then a 调休 Saturday'],
    ['2025-09-30', '三个工作日', '2025-10-11', 'Chinese numeral working days'],
    ['2026-02-10', '5 工作日', '2026-02-24', 'a 调休 Saturday, then across 春节 2026'],
    ['2025-01-24', '5 工作日', '2025-02-07', '调休 Sunday 01-26, 春节 01-28 … 02-04'],
    ['2025-12-30', '3 工作日', '2026-01-05', 'across the year boundary and 元旦, 调休 Sunday 2026-01-04'],
    ['2025-09-30', '250 工作日', '2026-10-10', 'a long working-day period'],
    ['2026-02-13', '1 工作日', '2026-02-14', 'the next working day is a 调休 Saturday'],
  ];
  it.each(table)('%s + %s → %s (%s)', (start, period, expected) => {
    expect(end(start, period)).toBe(expected);
  });

  it('「…后」 is the day after the (rolled) last day', () => {
    expect(end('2026-01-15', '半年', true)).toBe('2026-07-16');
    expect(end('2025-09-24', '7 日', true)).toBe('2025-10-10');
    expect(end('2025-09-30', '3 工作日', true)).toBe('2025-10-12');
    const d = computeDeadline({ start: '2026-01-15', period: '半年', calendar: cal, after: true });
    expect(d.lastDay).toBe('2026-07-15');
    expect(d.explanation.map(renderBoth).join('\n')).toMatch(/「…后」.*次日/);
  });

  it('a 半年 notice reaching 2027 (no notice yet) is computed and flagged provisional, not refused', () => {
    const d = computeDeadline({ start: '2026-12-01', period: '半年', calendar: cal });
    expect(d).toMatchObject({ end: '2027-06-01', lastDay: '2027-06-01', provisional: true, provisionalYears: [2027] });
    expect(d.explanation.map(renderBoth).join('\n')).toContain('暂定 provisional');
    expect(d.explanation.map(renderBoth).join('\n')).toContain('不含调休上班日');
    expect(end('2026-12-20', '20 工作日')).toBe('2027-01-18'); // 9 in December, 元旦 2027 Fri–Sun (provisional), then 11
  });

  it('a result relying only on official years is not provisional', () => {
    expect(computeDeadline({ start: '2026-01-15', period: '半年', calendar: cal })).toMatchObject({
      provisional: false,
      provisionalYears: [],
    });
    // Not looked up at all: the override keeps the last day where it falls.
    const d = computeDeadline({ start: '2026-12-01', period: '6 月', calendar: cal, override: { rule: '不顺延', cite: '第十条' } });
    expect(d).toMatchObject({ end: '2027-06-01', provisional: false });
  });

  it('beyond the provisional horizon or before the data, a date is an error naming the year', () => {
    expect(noData(() => end('2050-12-01', '6 月')).year).toBe(2051);
    expect(noData(() => end('2050-12-20', '20 工作日')).year).toBe(2051);
    expect(noData(() => end('2019-12-20', '5 日')).year).toBe(2019);
  });

  it("late December of 2026 (after the last official day) is provisional: it may belong to 2027's 元旦", () => {
    expect(computeDeadline({ start: '2026-12-14', period: '10 日', calendar: cal })).toMatchObject({
      end: '2026-12-24',
      provisional: false,
    });
    // 12-27 is a Sunday: rolled to Monday 12-28, a day 2027's arrangement could still claim.
    expect(computeDeadline({ start: '2026-12-20', period: '7 日', calendar: cal })).toMatchObject({
      end: '2026-12-28',
      provisional: true,
      provisionalYears: [2027],
    });
  });

  it('a start before the data is fine when only later days are touched', () => {
    expect(end('2019-12-31', '1 工作日')).toBe('2020-01-02');
    expect(end('2019-12-25', '10 日')).toBe('2020-01-06'); // 01-04 Sat → Mon 01-06
  });

  it('bad input is a CalendarError, not a guess', () => {
    expect(noData(() => end('2025-02-29', '1 日')).code).toBe('BAD_DATE');
    expect(noData(() => end('2025-02-01', '3 周')).code).toBe('BAD_PERIOD');
    expect(
      noData(() => computeDeadline({ start: '2025-01-01', period: { amount: 0, unit: '日', text: '0 日' }, calendar: cal })).code,
    ).toBe('BAD_PERIOD');
  });
});

describe('explanations', () => {
  it('names the start, each rule with its article, each skipped day and why, and the result', () => {
    const x = computeDeadline({ start: '2025-09-24', period: '7 日', calendar: cal }).explanation.map(renderBoth);
    expect(x[0]).toBe('起算日 start: 2025-09-24 (周三 Wed)');
    expect(x.some((l) => l.includes('民法典第二百零一条') && l.includes('2025-09-25'))).toBe(true);
    expect(x.some((l) => l.includes('民法典第二百零三条') && l.includes('2025-10-01'))).toBe(true);
    expect(x).toContain(
      '跳过 skipped 2025-10-01 至 2025-10-08 (8 天 days): 国庆节、中秋节 — 法定节假日 statutory holiday 10-01、10-02、10-03、10-06；周末 weekend 10-04、10-05；调休 make-up rest day 10-07、10-08',
    );
    expect(x[x.length - 1]).toBe("结果 result: 2025-10-09 (周四 Thu) 为期间的最后一日 — the period's last day");
  });

  it('names the kind of each rest day: weekends and 调休 days are not called 法定节假日', () => {
    const x = computeDeadline({ start: '2026-09-30', period: '3 工作日', calendar: cal }).explanation.map(renderBoth);
    expect(x).toContain(
      '跳过 skipped 2026-10-01 至 2026-10-07 (7 天 days): 国庆节 — 法定节假日 statutory holiday 10-01、10-02、10-03；周末 weekend 10-04；调休 make-up rest day 10-05、10-06、10-07',
    );
    expect(x).toContain('第 3 个工作日 working day 3: 2026-10-10 (周六 Sat)，国庆节 (调休上班日 make-up working day)');
  });

  it('names the State Council notice of every year it relies on, with its number', () => {
    const x = computeDeadline({ start: '2025-12-30', period: '3 工作日', calendar: cal }).explanation.map(renderBoth);
    expect(x).toContain('依据 basis: 2025 年 全国安排 — 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）');
    expect(x).toContain('依据 basis: 2026 年 全国安排 — 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）');
  });

  it('cites 第二百零二条 for the corresponding day only; 半年 = 6 months is a stated reading', () => {
    const x = computeDeadline({ start: '2026-01-15', period: '半年', calendar: cal }).explanation.map(renderBoth);
    const half = x.find((l) => l.includes('「半年」'))!;
    expect(half).toContain('docs/periods.md');
    expect(half).not.toContain('第二百零二条');
    expect(x.some((l) => l.includes('对应日 2026-07-15') && l.includes('民法典第二百零二条'))).toBe(true);
  });

  it('a working-day period lists its working days, skipped days and the 调休 day', () => {
    const x = computeDeadline({ start: '2025-09-30', period: '3 工作日', calendar: cal }).explanation.map(renderBoth);
    expect(x.some((l) => l.includes('行政许可法第八十二条') && l.includes('行政复议法第八十八条'))).toBe(true);
    expect(x).toEqual(
      expect.arrayContaining([
        '跳过 skipped 2025-10-01 至 2025-10-08 (8 天 days): 国庆节、中秋节 — 法定节假日 statutory holiday 10-01、10-02、10-03、10-06；周末 weekend 10-04、10-05；调休 make-up rest day 10-07、10-08',
        '第 1 个工作日 working day 1: 2025-10-09 (周四 Thu)',
        '第 3 个工作日 working day 3: 2025-10-11 (周六 Sat)，国庆节、中秋节 (调休上班日 make-up working day)',
      ]),
    );
    // Skipped days come in date order, before the days counted after them.
    const skip = x.findIndex((l) => l.startsWith('跳过'));
    const first = x.findIndex((l) => l.startsWith('第 1 个工作日'));
    expect(skip).toBeLessThan(first);
  });

  it('a month-end result says so, citing 第二百零二条, and a 调休 Saturday is not moved', () => {
    const x = computeDeadline({ start: '2025-08-31', period: '6 月', calendar: cal }).explanation.map(renderBoth).join('\n');
    expect(x).toContain('到期月 2026-02 没有对应日 (31 日)，以月末日 2026-02-28 为期间的最后一日');
    expect(x).toContain('民法典第二百零二条');
    expect(x).toMatch(/2026-02-28 \(周六 Sat\) 为春节 \(调休上班日 make-up working day\)，是工作日，不顺延/);
  });

  it('an ordinary weekend is named as such', () => {
    const x = computeDeadline({ start: '2025-03-09', period: '6 日', calendar: cal }).explanation.map(renderBoth);
    expect(x).toContain('跳过 skipped 2025-03-15 至 2025-03-16 (2 天 days): 周末 weekend');
  });
});

describe('民法典第二百零四条 overrides', () => {
  it('start day counted', () => {
    const o = { rule: '开始当日计入', cite: '第十条' };
    expect(computeDeadline({ start: '2025-03-10', period: '10 日', calendar: cal, override: o }).end).toBe('2025-03-19');
    expect(computeDeadline({ start: '2025-01-15', period: '1 月', calendar: cal, override: o }).end).toBe('2025-02-14');
    expect(computeDeadline({ start: '2025-03-01', period: '1 月', calendar: cal, override: o }).end).toBe('2025-03-31');
    // 2025-09-30 is a working day and counts as day 1.
    expect(computeDeadline({ start: '2025-09-30', period: '3 工作日', calendar: cal, override: o }).end).toBe('2025-10-10');
  });

  it('no roll forward', () => {
    const d = computeDeadline({
      start: '2025-09-24',
      period: '7 日',
      calendar: cal,
      override: { rule: 'noRollForward', cite: '合同第五条' },
    });
    expect(d.end).toBe('2025-10-01');
  });

  it('both at once, and the override shows in the explanation with its cite and article', () => {
    const d = computeDeadline({
      start: '2025-09-25',
      period: '7 日',
      calendar: cal,
      override: { rule: 'startDayCounted+不顺延', cite: '第十条' },
    });
    expect(d.end).toBe('2025-10-01');
    const x = d.explanation.map(renderBoth).join('\n');
    expect(x).toContain('民法典第二百零四条');
    expect(x).toContain('第十条');
    expect(x).toContain('另行计算 counting override');
  });

  it('an override not understood is an error, never ignored', () => {
    expect(
      noData(() => computeDeadline({ start: '2025-09-25', period: '7 日', calendar: cal, override: { rule: '按农历计算', cite: 'x' } }))
        .code,
    ).toBe('BAD_OVERRIDE');
    expect(
      noData(() => computeDeadline({ start: '2025-09-25', period: '7 日', calendar: cal, override: { rule: '不顺延', cite: '' } })).code,
    ).toBe('BAD_OVERRIDE');
  });
});

describe('民法典第一千二百五十九条: 以上/以内/届满 include, 不满/超过 exclude', () => {
  it('numbers', () => {
    expect(qualifierIncludesBound('以上')).toBe(true);
    expect(qualifierIncludesBound('超过')).toBe(false);
    expect(meetsQualifier(50, 50, '超过')).toBe(false);
    expect(meetsQualifier(50, 50, '以下')).toBe(true);
    expect(meetsQualifier(49, 50, '不满')).toBe(true);
    expect(meetsQualifier(50, 50, '不满')).toBe(false);
    expect(meetsQualifier(50, 50, '届满')).toBe(true);
  });

  it('提前半年以上: exactly six months suffices', () => {
    const base = { start: '2026-01-15', period: '半年', calendar: cal };
    expect(checkPeriod({ ...base, date: '2026-07-15', qualifier: '以上' }).holds).toBe(true);
    expect(checkPeriod({ ...base, date: '2026-07-14', qualifier: '以上' }).holds).toBe(false);
    expect(checkPeriod({ ...base, date: '2026-07-15', qualifier: '超过' }).holds).toBe(false);
    expect(checkPeriod({ ...base, date: '2026-07-16', qualifier: '超过' }).holds).toBe(true);
    expect(checkPeriod({ ...base, date: '2026-07-15', qualifier: '不满' }).holds).toBe(false);
    const r = checkPeriod({ ...base, date: '2026-07-15', qualifier: '以上' });
    expect(r.explanation.map(renderBoth).join('\n')).toContain('民法典第一千二百五十九条');
  });

  it('七日内 (以内) includes the rolled last day', () => {
    const base = { start: '2025-09-24', period: '7 日', calendar: cal };
    expect(checkPeriod({ ...base, date: '2025-10-09', qualifier: '以内' }).holds).toBe(true);
    expect(checkPeriod({ ...base, date: '2025-10-10', qualifier: '以内' }).holds).toBe(false);
  });
});

describe('deadlineStatus: today is an input', () => {
  it('running, last day, passed', () => {
    expect(deadlineStatus({ today: '2025-10-01', end: '2025-10-09', calendar: cal })).toEqual({
      state: 'running',
      daysLeft: 8,
      workingDaysLeft: 1,
    });
    expect(deadlineStatus({ today: '2025-10-09', end: '2025-10-09', calendar: cal })).toEqual({
      state: 'lastDay',
      daysLeft: 0,
      workingDaysLeft: 0,
    });
    expect(deadlineStatus({ today: '2025-10-13', end: '2025-10-09', calendar: cal })).toEqual({
      state: 'passed',
      daysLeft: -4,
      workingDaysLeft: -3,
    });
  });
  it('counts provisional working days as such', () => {
    // 2026-12-02 … 12-31: 22 weekdays; 2027-01-01 … 03 元旦 (provisional); 01-04 … 08: 5.
    expect(deadlineStatus({ today: '2026-12-01', end: '2027-01-10', calendar: cal })).toEqual({
      state: 'running',
      daysLeft: 40,
      workingDaysLeft: 27,
      provisional: true,
    });
  });
  it('leaves out what the calendar cannot tell', () => {
    expect(deadlineStatus({ today: '2050-12-01', end: '2051-01-10', calendar: cal })).toEqual({ state: 'running', daysLeft: 40 });
  });
});

describe('confirmProvisional: a provisional result against the official arrangement once it is added', () => {
  const withOfficial = calendarFor(['national'], layersWithImported([made2027]));

  it('confirmed when the date stands', () => {
    const before = computeDeadline({ start: '2026-12-01', period: '半年', calendar: cal });
    const r = confirmProvisional(before, withOfficial);
    expect(r.status).toBe('confirmed');
    expect(r.before).toEqual({ end: '2027-06-01', lastDay: '2027-06-01' });
    expect(r.after).toMatchObject({ end: '2027-06-01', provisional: false });
    expect(r.after.explanation.map(renderBoth)).toContain(
      '依据 basis: 2027 年 全国安排 — 国务院办公厅关于2027年部分节假日安排的通知（测试用虚构 made up for tests）（文号未核实 number not verified）',
    );
  });

  it('changed when a make-up working day the provisional calendar could not know moves it', () => {
    // Provisional: 春节 02-05 … 02-12 then 02-15, 02-16, 02-17. Official: Saturday 02-13 is worked.
    const before = computeDeadline({ start: '2027-02-10', period: '3 工作日', calendar: cal });
    expect(before).toMatchObject({ end: '2027-02-17', provisional: true });
    const r = confirmProvisional(before, withOfficial);
    expect(r).toMatchObject({ status: 'changed', before: { end: '2027-02-17' }, after: { end: '2027-02-16', provisional: false } });
  });

  it('still provisional on a calendar that has no notice for the year either', () => {
    const before = computeDeadline({ start: '2026-12-01', period: '半年', calendar: cal });
    expect(confirmProvisional(before, cal).status).toBe('provisional');
  });
});
