import { describe, expect, it } from 'vitest';
import {
  CalendarError,
  addWorkingDays,
  buildCalendar,
  bundledCalendar,
  bundledLayers,
  calendarFor,
  computeDeadline,
  dayInfo,
  isKnownDay,
  isProvisionalDay,
  isWorkingDay,
  listedDays,
  nationalLayerFromHolidayCn,
  nextWorkingDayOnOrAfter,
  validateLayer,
  workingDaysBetween,
  type CalendarLayer,
} from '../../../engine/calendar/index.ts';
import { thrown } from '../../helpers/errors.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';

const cal = bundledCalendar();

const err = (f: () => unknown): CalendarError => thrown(CalendarError, f);

describe('national calendar', () => {
  it('knows weekdays, weekends, holidays and 调休 days', () => {
    expect(isWorkingDay(cal, '2025-03-12')).toBe(true); // Wednesday
    expect(isWorkingDay(cal, '2025-03-15')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2025-10-01')).toBe(false); // 国庆节
    expect(isWorkingDay(cal, '2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay(cal, '2026-01-04')).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay(cal, '2022-12-31')).toBe(false); // in 2023.json
  });

  it('names the kind of day: statutory holiday, weekend, 调休 rest day, 调休 working day', () => {
    expect(dayInfo(cal, '2026-10-01').kind).toBe('statutory');
    expect(renderBoth(dayInfo(cal, '2026-10-01').reason)).toBe('国庆节 (法定节假日 statutory holiday)');
    expect(dayInfo(cal, '2026-10-03').kind).toBe('statutory'); // a Saturday, but 10-03 is statutory
    expect(dayInfo(cal, '2026-10-04').kind).toBe('weekend');
    expect(renderBoth(dayInfo(cal, '2026-10-04').reason)).toBe('国庆节 (周末 weekend)');
    expect(dayInfo(cal, '2026-10-07').kind).toBe('makeupRest');
    expect(renderBoth(dayInfo(cal, '2026-10-07').reason)).toBe('国庆节 (调休 make-up rest day)');
    expect(dayInfo(cal, '2026-02-28').kind).toBe('makeupWork');
    expect(renderBoth(dayInfo(cal, '2026-02-28').reason)).toBe('春节 (调休上班日 make-up working day)');
    expect(dayInfo(cal, '2025-01-28').kind).toBe('statutory'); // 除夕 is statutory from 2025
    expect(dayInfo(cal, '2024-02-09')).toMatchObject({ working: true, kind: 'workday' }); // 除夕 2024: the 2013 rules start on 初一
    expect(dayInfo(cal, '2024-02-10').kind).toBe('statutory'); // 初一, a Saturday
    expect(dayInfo(cal, '2025-03-15').kind).toBe('weekend');
    expect(renderBoth(dayInfo(cal, '2025-03-15').reason)).toBe('周末 weekend');
    expect(dayInfo(cal, '2025-03-12')).toMatchObject({ working: true, weekday: '周三', kind: 'workday' });
    expect(renderBoth(dayInfo(cal, '2025-03-12').reason)).toBe('工作日 working day');
    // One language at a time, for the UI.
    const reason = dayInfo(cal, '2026-10-01').reason;
    expect([render(reason, 'zh'), render(reason, 'en')]).toEqual(['国庆节（法定节假日）', '国庆节 (statutory holiday)']);
  });

  it('covers 2020–2026 from the notices and 2027–2050 provisionally, nothing outside', () => {
    expect(cal.years).toEqual(Array.from({ length: 31 }, (_, i) => 2020 + i));
    expect(cal.provisionalYears).toEqual(Array.from({ length: 24 }, (_, i) => 2027 + i));
    expect(err(() => isWorkingDay(cal, '2019-12-31')).year).toBe(2019);
    expect(isWorkingDay(cal, '2027-01-04')).toBe(true);
    expect(isProvisionalDay(cal, '2027-01-04')).toBe(true);
    expect(isProvisionalDay(cal, '2026-12-24')).toBe(false);
    expect(isProvisionalDay(cal, '2026-12-25')).toBe(true); // may belong to 2027's 元旦
    expect(renderBoth(dayInfo(cal, '2027-01-01').reason)).toBe('元旦 (法定节假日 statutory holiday，暂定 provisional)');
    expect(isKnownDay(cal, '2050-12-24')).toBe(true);
    expect(isKnownDay(cal, '2050-12-25')).toBe(false);
    const e = err(() => isWorkingDay(cal, '2050-12-31'));
    expect(e.code).toBe('NO_DATA');
    expect(e.year).toBe(2051);
  });

  it('adds and subtracts working days', () => {
    expect(addWorkingDays(cal, '2025-09-30', 3)).toBe('2025-10-11');
    expect(addWorkingDays(cal, '2025-09-30', 0)).toBe('2025-09-30');
    expect(addWorkingDays(cal, '2025-10-09', -1)).toBe('2025-09-30');
    expect(addWorkingDays(cal, '2025-10-09', -3)).toBe('2025-09-28'); // Sunday, 调休上班
    expect(addWorkingDays(cal, '2025-10-09', -4)).toBe('2025-09-26');
    expect(err(() => addWorkingDays(cal, '2020-01-03', -2)).year).toBe(2019);
    expect(addWorkingDays(cal, '2026-12-20', 10)).toBe('2027-01-04'); // over the provisional 元旦 2027 (Fri–Sun)
    expect(addWorkingDays(cal, '2027-03-01', 1)).toBe('2027-03-02');
    expect(err(() => addWorkingDays(cal, '2050-12-20', 10)).year).toBe(2051);
  });

  it('counts working days between dates and finds the next working day', () => {
    expect(workingDaysBetween(cal, '2025-09-30', '2025-10-11')).toBe(3);
    expect(workingDaysBetween(cal, '2025-10-11', '2025-09-30')).toBe(-3);
    expect(nextWorkingDayOnOrAfter(cal, '2025-10-01')).toBe('2025-10-09');
    expect(nextWorkingDayOnOrAfter(cal, '2025-10-11')).toBe('2025-10-11');
  });

  it("lists a year by date, including a day from the next year's file", () => {
    const y2022 = listedDays(cal, 2022);
    expect(y2022.at(-1)).toMatchObject({ date: '2022-12-31', name: '元旦', isOffDay: true });
    expect(listedDays(cal, 2023)[0]!.date).toBe('2023-01-01');
  });
});

describe('layers: national → regional → local', () => {
  // A made-up regional layer for the test only: no official 三月三 dates are invented in the product.
  const region: CalendarLayer = {
    id: 'test-region',
    name: '测试自治区',
    level: 'regional',
    source: '测试用通知 a notice made up for this test',
    years: [2025],
    days: [{ date: '2025-03-31', name: '测试节', isOffDay: true }],
  };
  const closure: CalendarLayer = {
    id: 'test-town',
    name: '测试镇',
    level: 'local',
    source: '镇政府停止办公通知 (test)',
    days: [{ date: '2025-10-11', name: '台风停止办公', isOffDay: true }],
  };
  const known = { ...bundledLayers, 'test-region': region, 'test-town': closure };

  it('stacks, with the national layer added first', () => {
    const c = calendarFor(['test-region'], known);
    expect(c.id).toBe('national+test-region');
    expect(calendarFor(['test-town', 'test-region', 'national'], known).id).toBe('national+test-region+test-town');
  });

  it('a regional holiday is a rest day and named with its region', () => {
    const c = calendarFor(['national', 'test-region'], known);
    expect(isWorkingDay(cal, '2025-03-31')).toBe(true);
    expect(isWorkingDay(c, '2025-03-31')).toBe(false);
    expect(renderBoth(dayInfo(c, '2025-03-31').reason)).toBe('测试自治区 测试节 (地方节假日 regional holiday)');
    expect(computeDeadline({ start: '2025-03-24', period: '7 日', calendar: cal }).end).toBe('2025-03-31');
    expect(computeDeadline({ start: '2025-03-24', period: '7 日', calendar: c }).end).toBe('2025-04-01');
    expect(addWorkingDays(c, '2025-03-28', 1)).toBe('2025-04-01');
  });

  it('a local closure overrides a national make-up working day', () => {
    const c = calendarFor(['national', 'test-town'], known);
    expect(computeDeadline({ start: '2025-09-30', period: '3 工作日', calendar: c }).end).toBe('2025-10-13');
    expect(renderBoth(dayInfo(c, '2025-10-11').reason)).toBe('测试镇 台风停止办公 (停止办公 local closure)');
  });

  it("a regional layer without a year's notice makes that year unknown", () => {
    const c = calendarFor(['test-region'], known);
    expect(c.years).toEqual([2025]);
    expect(err(() => isWorkingDay(c, '2026-03-02')).year).toBe(2026);
  });

  it('an unknown id is an error listing the known ids, never the national calendar instead', () => {
    const e = err(() => calendarFor(['hainan']));
    expect(e.code).toBe('UNKNOWN_LAYER');
    expect(e.message).toContain('hainan');
    expect(e.message).toContain('national, guangxi');
  });

  it('layer data is checked field by field', () => {
    expect(err(() => validateLayer({ ...region, source: '' })).message).toContain('layer.source');
    expect(err(() => validateLayer({ ...region, days: [{ date: '2025-02-30', name: 'x', isOffDay: true }] })).message).toContain(
      'layer.days[0].date',
    );
    expect(err(() => validateLayer({ ...region, level: 'county' })).message).toContain('layer.level');
    expect(
      err(() =>
        validateLayer({
          ...region,
          days: [
            { date: '2025-03-31', name: 'a', isOffDay: true },
            { date: '2025-03-31', name: 'b', isOffDay: false },
          ],
        }),
      ).message,
    ).toContain('2025-03-31');
    expect(err(() => buildCalendar([region])).code).toBe('BAD_LAYER'); // no national layer
  });
});

describe('national layer from holiday-cn files', () => {
  const y2030 = { year: 2030, papers: ['p2030'], days: [{ name: '元旦', date: '2030-01-01', isOffDay: true }] };
  const y2031 = {
    year: 2031,
    papers: ['p2031'],
    days: [
      { name: '元旦', date: '2030-12-29', isOffDay: false },
      { name: '元旦', date: '2030-12-30', isOffDay: true },
      { name: '元旦', date: '2030-12-31', isOffDay: true },
      { name: '元旦', date: '2031-01-01', isOffDay: true },
    ],
  };

  it("reads late December from the next year's file", () => {
    const c = buildCalendar([nationalLayerFromHolidayCn([y2031, y2030])]);
    expect(isWorkingDay(c, '2030-12-29')).toBe(true); // Sunday made a working day
    expect(isWorkingDay(c, '2030-12-30')).toBe(false); // Monday, 元旦
    expect(addWorkingDays(c, '2030-12-27', 2)).toBe('2031-01-02');
  });

  it('without the next year, late December is unknown', () => {
    const c = buildCalendar([nationalLayerFromHolidayCn([y2030])]);
    expect(isWorkingDay(c, '2030-12-24')).toBe(true);
    expect(err(() => isWorkingDay(c, '2030-12-30')).year).toBe(2031);
  });

  it("rejects a date outside the file's year", () => {
    expect(
      err(() => nationalLayerFromHolidayCn([{ ...y2030, days: [{ name: 'x', date: '2029-06-01', isOffDay: true }] }])).message,
    ).toContain('holiday-cn[0].days[0].date');
  });
});
