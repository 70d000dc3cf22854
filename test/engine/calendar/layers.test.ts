// Regional layers from data files: the bundled 广西「三月三」 layer (computed, marked provisional,
// its regulation named) and stacking on the national calendar.
import { describe, expect, it } from 'vitest';
import guangxiFile from '../../../engine/calendar/layers/guangxi.json' with { type: 'json' };
import { addDays } from '../../../engine/calendar/date.ts';
import { festivals } from '../../../engine/calendar/lunar.ts';
import { bundledCalendar, calendarFor, computeDeadline, dayInfo, isWorkingDay, regionalLayers } from '../../../engine/calendar/index.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const national = bundledCalendar();
const guangxi = calendarFor(['guangxi']);

describe('the guangxi layer (壮族三月三)', () => {
  it('names its regulation and says its days are assumed, for every year it holds', () => {
    const layer = regionalLayers.find((l) => l.id === 'guangxi')!;
    expect(layer.source).toContain('广西壮族自治区人民政府令第98号');
    expect(layer.provisionalYears).toEqual(layer.years);
    expect(layer.provisionalBasis).toContain('假定 assumed');
  });

  it('holds 农历三月初三 and 初四 of every year, as the lunar computation gives them', () => {
    const expected = guangxiFile.years.flatMap((y) => {
      const d = festivals(y).sanyuesan;
      return [d, addDays(d, 1)];
    });
    expect(guangxiFile.days.map((d) => d.date)).toEqual(expected);
    expect(guangxiFile.days.slice(8, 10).map((d) => d.date)).toEqual(['2024-04-11', '2024-04-12']); // the 2024 notice's days too
  });

  it('stacks on the national calendar: a 三月三 weekday is a rest day only in guangxi, and any result there is provisional', () => {
    expect(guangxi.id).toBe('national+guangxi');
    expect(isWorkingDay(national, '2024-04-11')).toBe(true);
    expect(isWorkingDay(guangxi, '2024-04-11')).toBe(false);
    expect(renderBoth(dayInfo(guangxi, '2024-04-11').reason)).toBe(
      '广西壮族自治区 壮族三月三 (地方节假日 regional holiday，暂定 provisional)',
    );
    const d = computeDeadline({ start: '2024-04-08', period: '3 工作日', calendar: guangxi });
    expect(d).toMatchObject({ end: '2024-04-15', provisional: true, provisionalYears: [2024] });
    expect(computeDeadline({ start: '2024-04-08', period: '3 工作日', calendar: national })).toMatchObject({
      end: '2024-04-11',
      provisional: false,
    });
    expect(d.explanation.map(renderBoth)).toEqual(
      expect.arrayContaining([
        '跳过 skipped 2024-04-11 至 2024-04-12 (2 天 days): 广西壮族自治区 壮族三月三 — 地方节假日 regional holiday（暂定 provisional）',
        '跳过 skipped 2024-04-13 至 2024-04-14 (2 天 days): 周末 weekend（暂定 provisional）',
      ]),
    );
    expect(d.explanation.map(renderBoth).join('\n')).toContain('依据 basis: 2024 年 广西壮族自治区安排 — 假定 assumed');
  });
});
