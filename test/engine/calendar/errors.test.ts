// The calendar's refusals carry their message as data (issue #13, dsl/phrases/time.ts calendar.*):
// a catalogue code with its arguments, Chinese as before, real English, and `message` the line in
// both languages the command line printed before.
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  buildCalendar,
  bundledCalendar,
  calendarFor,
  CalendarError,
  checkPeriod,
  computeDeadline,
} from '../../../engine/calendar/index.ts';
import { lunarToGregorian } from '../../../engine/calendar/lunar.ts';
import { readHolidayCnDir } from '../../../engine/calendar/load.ts';
import { render } from '../../../dsl/messages.ts';
import type { Message } from '../../../dsl/message.ts';
import { thrown } from '../../helpers/errors.ts';

const refusal = (f: () => unknown): CalendarError => thrown(CalendarError, f);

const said = (e: CalendarError) => ({
  code: e.code,
  text: e.text,
  zh: render(e.text!, 'zh'),
  en: render(e.text!, 'en'),
  message: e.message,
});
const cal = bundledCalendar();

describe('CalendarError says why as a message', () => {
  it('a start that is not a date', () => {
    expect(said(refusal(() => computeDeadline({ start: '2026-02-30', period: '15 日', calendar: cal })))).toEqual({
      code: 'BAD_DATE',
      text: { code: 'calendar.badDate', args: { what: { code: 'calendar.what.start' }, value: '"2026-02-30"' } },
      zh: '起算日不是有效日期："2026-02-30"（应为 YYYY-MM-DD）',
      en: 'start is not a valid date: "2026-02-30" (expected YYYY-MM-DD)',
      message: '起算日 start 不是有效日期 is not a valid date: "2026-02-30" (应为 expected YYYY-MM-DD)',
    });
  });

  it('an override without its cite, and one with an unknown rule', () => {
    const noCite = refusal(() =>
      computeDeadline({ start: '2026-01-15', period: '15 日', calendar: cal, override: { rule: '不顺延', cite: '' } }),
    );
    expect(said(noCite)).toEqual({
      code: 'BAD_OVERRIDE',
      text: { code: 'calendar.overrideNeedsCite' },
      zh: '另行计算须写明规则和依据（民法典第二百零四条）',
      en: 'an override needs a rule and a cite (民法典第二百零四条)',
      message: '另行计算须写明规则和依据 an override needs a rule and a cite (民法典第二百零四条)',
    });
    const unknown = refusal(() =>
      computeDeadline({ start: '2026-01-15', period: '15 日', calendar: cal, override: { rule: '随便算', cite: '第十条' } }),
    );
    expect(unknown.code).toBe('BAD_OVERRIDE');
    expect(unknown.text).toMatchObject({ code: 'calendar.unknownCountingRule', args: { rule: '"随便算"' } });
    const known = (unknown.text as Message).args!.known as string;
    expect(render(unknown.text!, 'zh')).toBe(`未知的期间计算规则："随便算"；可用：${known}`);
    expect(render(unknown.text!, 'en')).toBe(`unknown counting rule: "随便算"; known: ${known}`);
  });

  it('working days that are not whole, a calendar of two national layers, a lunar month that does not exist', () => {
    expect(said(refusal(() => addWorkingDays(cal, '2026-01-15', 1.5)))).toEqual({
      code: 'BAD_PERIOD',
      text: { code: 'calendar.workingDaysInteger', args: { n: 1.5 } },
      zh: '工作日数应为整数：1.5',
      en: 'working days must be an integer: 1.5',
      message: '工作日数应为整数 working days must be an integer: 1.5',
    });
    expect(said(refusal(() => buildCalendar([])))).toEqual({
      code: 'BAD_LAYER',
      text: { code: 'calendar.oneNational', args: { n: 0 } },
      zh: '日历须有且只有一个全国层（实为 0 个）',
      en: 'a calendar needs exactly one national layer (got 0)',
      message: '日历须有且只有一个全国层 a calendar needs exactly one national layer (got 0)',
    });
    expect(said(refusal(() => lunarToGregorian(2026, 13, 1)))).toEqual({
      code: 'BAD_DATE',
      text: { code: 'calendar.noLunarMonth', args: { year: 2026, month: 13 } },
      zh: '农历 2026 年无 13 月',
      en: 'no lunar month 13 in 2026',
      message: '农历 2026 年无 13 月 no lunar month 13 in 2026',
    });
  });

  it('an unknown calendar layer, an unknown qualifier, a lunar year out of range', () => {
    expect(said(refusal(() => calendarFor(['atlantis'])))).toMatchObject({
      code: 'UNKNOWN_LAYER',
      text: { code: 'calendar.unknownLayer', args: { ids: 'atlantis' } },
      zh: expect.stringMatching(/^未知的日历：atlantis；已知：national/),
      en: expect.stringMatching(/^unknown calendar: atlantis; known: national/),
      message: expect.stringMatching(/^未知的日历 unknown calendar: atlantis; 已知 known: national/),
    });
    const q = refusal(() =>
      checkPeriod({ start: '2026-01-15', period: '半年', calendar: cal, date: '2026-07-15', qualifier: '大约' as '以上' }),
    );
    expect(q.text).toMatchObject({ code: 'calendar.unknownQualifier', args: { qualifier: '"大约"' } });
    expect(render(q.text!, 'en')).toMatch(/^unknown qualifier: "大约"; known: /);
    expect(said(refusal(() => lunarToGregorian(1000, 1, 1)))).toMatchObject({
      code: 'NO_DATA',
      text: { code: 'calendar.lunarRange', args: { year: 1000 } },
      zh: expect.stringMatching(/^农历推算只支持 \d{4}–\d{4} 年：1000$/),
      en: expect.stringMatching(/^the lunar computation covers \d{4}–\d{4} only: 1000$/),
    });
  });

  it('a holiday-cn folder that is not there', () => {
    expect(said(refusal(() => readHolidayCnDir('/nonexistent/holiday-cn')))).toEqual({
      code: 'BAD_LAYER',
      text: { code: 'file.noDirectory', args: { dir: '/nonexistent/holiday-cn' } },
      zh: '目录不存在：/nonexistent/holiday-cn',
      en: 'no such directory: /nonexistent/holiday-cn',
      message: '目录不存在 no such directory: /nonexistent/holiday-cn',
    });
  });
});
