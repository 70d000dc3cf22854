// Calendar layers: the State Council's national arrangement, a region's own holidays (only from
// that region's official notice), and local closures. A case's calendar is the stack for its place.
import { CalendarError } from './errors.ts';
import { isLocalDate, yearOf, type LocalDate } from './date.ts';

export type LayerLevel = 'national' | 'regional' | 'local';

/** One listed day: a rest day (isOffDay) or a make-up working day (调休上班). */
export interface LayerDay {
  date: LocalDate;
  name: string;
  isOffDay: boolean;
}

export interface CalendarLayer {
  id: string; // "national", "guangxi", "qinnan-2026-typhoon"
  name: string; // 全国, 广西壮族自治区
  level: LayerLevel;
  /** The official notice(s) the days come from: a layer without a source is not accepted. */
  source: string;
  /**
   * Years whose arrangement this layer holds in full. A day of any other year is unknown to it,
   * so a calendar stacking this layer cannot answer for that year. Omit for ad-hoc closures.
   */
  years?: number[];
  days: LayerDay[];
}

/** One year file of the holiday-cn data set (github.com/NateScarlet/holiday-cn). */
export interface HolidayCnYear {
  year: number;
  papers: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
}

const LEVELS: LayerLevel[] = ['national', 'regional', 'local'];

function bad(path: string, msg: string): never {
  throw new CalendarError('BAD_LAYER', `日历数据错误 bad calendar data at ${path}: ${msg}`);
}

/** Checks a layer's shape field by field; the error names the field path. */
export function validateLayer(raw: unknown, where = 'layer'): CalendarLayer {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) bad(where, '应为对象 expected an object');
  const l = raw as Record<string, unknown>;
  for (const k of ['id', 'name', 'source'] as const) {
    if (typeof l[k] !== 'string' || !(l[k] as string).trim()) bad(`${where}.${k}`, '应为非空字符串 expected a non-empty string');
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(l.id as string)) bad(`${where}.id`, `只能含字母数字和 ._- letters, digits and ._- only: ${JSON.stringify(l.id)}`);
  if (!LEVELS.includes(l.level as LayerLevel)) bad(`${where}.level`, `应为 expected one of ${LEVELS.join(' | ')}`);
  if (l.years !== undefined) {
    if (!Array.isArray(l.years) || !l.years.every((y) => Number.isInteger(y) && y >= 1900 && y <= 9999)) {
      bad(`${where}.years`, '应为年份数组 expected an array of years');
    }
  }
  if (!Array.isArray(l.days)) bad(`${where}.days`, '应为数组 expected an array');
  const seen = new Map<string, LayerDay>();
  const days: LayerDay[] = [];
  (l.days as unknown[]).forEach((d, i) => {
    const p = `${where}.days[${i}]`;
    if (!d || typeof d !== 'object') bad(p, '应为对象 expected an object');
    const day = d as Record<string, unknown>;
    if (!isLocalDate(day.date)) bad(`${p}.date`, `不是有效日期 not a valid date: ${JSON.stringify(day.date)}`);
    if (typeof day.name !== 'string' || !day.name.trim()) bad(`${p}.name`, '应为非空字符串 expected a non-empty string');
    if (typeof day.isOffDay !== 'boolean') bad(`${p}.isOffDay`, '应为 true/false expected a boolean');
    const prev = seen.get(day.date as string);
    if (prev && prev.isOffDay !== day.isOffDay) bad(`${p}.date`, `${day.date} 重复且矛盾 listed twice with different status`);
    const entry = { date: day.date as string, name: day.name as string, isOffDay: day.isOffDay as boolean };
    if (!prev) days.push(entry);
    seen.set(entry.date, entry);
  });
  return {
    id: l.id as string,
    name: l.name as string,
    level: l.level as LayerLevel,
    source: l.source as string,
    ...(l.years ? { years: [...(l.years as number[])].sort((a, b) => a - b) } : {}),
    days: days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}

/** Checks one holiday-cn year file; dates may reach back into late December of the year before. */
export function validateHolidayCnYear(raw: unknown, where: string): HolidayCnYear {
  if (!raw || typeof raw !== 'object') bad(where, '应为对象 expected an object');
  const j = raw as Record<string, unknown>;
  if (!Number.isInteger(j.year)) bad(`${where}.year`, '应为整数年份 expected an integer year');
  const year = j.year as number;
  if (!Array.isArray(j.papers) || !j.papers.every((p) => typeof p === 'string')) bad(`${where}.papers`, '应为字符串数组 expected an array of strings');
  if (!Array.isArray(j.days)) bad(`${where}.days`, '应为数组 expected an array');
  (j.days as unknown[]).forEach((d, i) => {
    const p = `${where}.days[${i}]`;
    const day = (d ?? {}) as Record<string, unknown>;
    if (!isLocalDate(day.date)) bad(`${p}.date`, `不是有效日期 not a valid date: ${JSON.stringify(day.date)}`);
    const y = yearOf(day.date as string);
    // The arrangement for a year may start in the last days of the year before (2022-12-31 is in 2023.json).
    if (!(y === year || (y === year - 1 && (day.date as string) >= `${year - 1}-12-20`))) {
      bad(`${p}.date`, `${day.date} 不属于 ${year} 年安排 does not belong to the ${year} arrangement`);
    }
    if (typeof day.name !== 'string' || !day.name) bad(`${p}.name`, '应为非空字符串 expected a non-empty string');
    if (typeof day.isOffDay !== 'boolean') bad(`${p}.isOffDay`, '应为 true/false expected a boolean');
  });
  return { year, papers: j.papers as string[], days: j.days as HolidayCnYear['days'] };
}

/** The national layer from holiday-cn year files (any order). */
export function nationalLayerFromHolidayCn(files: readonly unknown[]): CalendarLayer {
  const years = files.map((f, i) => validateHolidayCnYear(f, `holiday-cn[${i}]`)).sort((a, b) => a.year - b.year);
  const seenYears = new Set<number>();
  for (const y of years) {
    if (seenYears.has(y.year)) bad('holiday-cn', `${y.year} 年重复 year given twice`);
    seenYears.add(y.year);
  }
  const papers = years.flatMap((y) => y.papers.map((p) => `${y.year}: ${p}`));
  return validateLayer(
    {
      id: 'national',
      name: '全国',
      level: 'national',
      source: `国务院办公厅关于部分节假日安排的通知 State Council holiday arrangements (holiday-cn data set) — ${papers.join('; ')}`,
      years: years.map((y) => y.year),
      days: years.flatMap((y) => y.days),
    },
    'national',
  );
}
