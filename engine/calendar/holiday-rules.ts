// The national holiday rules known before the State Council's yearly notice: which days are
// statutory holidays (《全国年节及纪念日放假办法》 art. 2), and — for a year whose notice is not out
// yet — a provisional arrangement by the principles the State Council announced with the 2025
// notice. The make-up working days (调休上班) of a year cannot be known before its notice, so a
// provisional year has none. docs/periods.md states these rules with their sources.
import { addDays, dayNumber, weekday, type LocalDate } from './date.ts';
import { festivals } from './lunar.ts';
import type { LayerDay } from './layer.ts';

/** The first year under the 2024 revision (春节 from 除夕, 劳动节 two days). */
export const RULES_2024_FROM = 2025;
/** The first year under the 2013 revision (春节 初一 to 初三); earlier years are not modelled. */
export const RULES_2013_FROM = 2014;

export interface NamedDay {
  date: LocalDate;
  name: string;
}

/**
 * The statutory holidays of `year` (全体公民放假的节日, art. 2 of the revision in force), or null
 * for a year before 2014. Names are those of the holiday-cn files (元旦, 春节, 清明节, …).
 */
export function statutoryDays(year: number): NamedDay[] | null {
  if (year < RULES_2013_FROM) return null;
  const f = festivals(year);
  const since2025 = year >= RULES_2024_FROM;
  const out: NamedDay[] = [{ date: `${year}-01-01`, name: '元旦' }];
  const chunjie = since2025
    ? [f.chuxi, f.chunjie, addDays(f.chunjie, 1), addDays(f.chunjie, 2)]
    : [f.chunjie, addDays(f.chunjie, 1), addDays(f.chunjie, 2)];
  for (const d of chunjie) out.push({ date: d, name: '春节' });
  out.push({ date: f.qingming, name: '清明节' });
  out.push({ date: `${year}-05-01`, name: '劳动节' });
  if (since2025) out.push({ date: `${year}-05-02`, name: '劳动节' });
  out.push({ date: f.duanwu, name: '端午节' });
  out.push({ date: f.zhongqiu, name: '中秋节' });
  for (const d of ['10-01', '10-02', '10-03']) out.push({ date: `${year}-${d}`, name: '国庆节' });
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * 元旦、清明节、端午节、中秋节「分别放假调休或连休3天（如逢周三则只在当日放假）」: the three days
 * joining the holiday to the nearest weekend, or the day alone on a Wednesday.
 */
function threeDayBlock(date: LocalDate): LocalDate[] {
  // Offsets of the first day by weekday (0 = Sunday): Sun → Sat–Mon, Mon → Sat–Mon, Tue → Sun–Tue,
  // Thu → Thu–Sat, Fri → Fri–Sun, Sat → Sat–Mon.
  const FIRST: Record<number, number> = { 0: -1, 1: -2, 2: -2, 4: 0, 5: 0, 6: 0 };
  const w = weekday(date);
  if (w === 3) return [date];
  const first = addDays(date, FIRST[w]!);
  return [0, 1, 2].map((i) => addDays(first, i));
}

function run(first: LocalDate, days: number): LocalDate[] {
  return Array.from({ length: days }, (_, i) => addDays(first, i));
}

/** 劳动节「放假调休5天」: 5 月 1 日起, or from the weekend before when 5 月 1 日 is a Sunday or Monday. */
function mayDayBlock(year: number): LocalDate[] {
  const may1 = `${year}-05-01`;
  const w = weekday(may1);
  return run(w === 0 ? addDays(may1, -1) : w === 1 ? addDays(may1, -2) : may1, 5);
}

/**
 * A provisional arrangement for `year` (from 2025 on): every rest day the State Council's
 * principles of 2024-11-12 imply, each marked `statutory` where art. 2 names it. No make-up working
 * day is listed: where the notice will put them is not known in advance.
 */
export function provisionalArrangement(year: number): LayerDay[] {
  if (year < RULES_2024_FROM) throw new RangeError(`provisional arrangements follow the 2025 principles: ${year}`);
  const f = festivals(year);
  const statutory = new Set(statutoryDays(year)!.map((d) => d.date));
  const blocks: [string, LocalDate[]][] = [
    ['元旦', threeDayBlock(`${year}-01-01`)],
    // 「春节自农历除夕起放假调休8天」
    ['春节', run(f.chuxi, 8)],
    ['清明节', threeDayBlock(f.qingming)],
    ['劳动节', mayDayBlock(year)],
    ['端午节', threeDayBlock(f.duanwu)],
  ];
  // 「国庆节自10月1日起放假调休7天 … 国庆节放假如逢中秋节则合并放假8天」
  const zq = f.zhongqiu;
  if (zq >= `${year}-10-01` && zq <= `${year}-10-08`) {
    blocks.push(['国庆节、中秋节', run(`${year}-10-01`, 8)]);
  } else if (zq >= `${year}-09-29` && zq <= `${year}-09-30`) {
    blocks.push(['中秋节、国庆节', run(zq, 8)]);
  } else {
    blocks.push(['中秋节', threeDayBlock(zq)]);
    blocks.push(['国庆节', run(`${year}-10-01`, 7)]);
  }
  const days = new Map<LocalDate, LayerDay>();
  for (const [name, dates] of blocks) {
    for (const date of dates) {
      if (!days.has(date)) days.set(date, { date, name, isOffDay: true, ...(statutory.has(date) ? { statutory: true } : {}) });
    }
  }
  return [...days.values()].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
}
