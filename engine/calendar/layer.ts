// Calendar layers: the State Council's national arrangement, a region's own holidays (from that
// region's official notice, or computed from its regulation and marked provisional), and local
// closures. A case's calendar is the stack for its place.
import { CalendarError } from './errors.ts';
import { msg, type Message } from '../../dsl/message.ts';
import { isLocalDate, yearOf, type LocalDate } from './date.ts';
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { provisionalArrangement, RULES_2024_FROM, statutoryDays } from './holiday-rules.ts';
import yearSchema from './year.schema.json' with { type: 'json' };

export type LayerLevel = 'national' | 'regional' | 'local';

/** One listed day: a rest day (isOffDay) or a make-up working day (调休上班). */
export interface LayerDay {
  date: LocalDate;
  name: string;
  isOffDay: boolean;
  /** A statutory holiday named by 《全国年节及纪念日放假办法》 art. 2 (national layer only). */
  statutory?: boolean;
}

/** The official notice a year's arrangement comes from. */
export interface Notice {
  /** e.g. 国务院办公厅关于2025年部分节假日安排的通知 */
  title: string;
  /** e.g. 国办发明电〔2024〕12号; null when it could not be verified. */
  number: string | null;
  /** The date of issue. */
  date?: LocalDate;
  url?: string;
}

export interface YearNotice extends Notice {
  year: number;
}

export interface CalendarLayer {
  id: string; // "national", "guangxi", "qinnan-2026-typhoon"
  name: string; // 全国, 广西壮族自治区
  level: LayerLevel;
  /** The official notice(s) or regulation the days come from: a layer without a source is not accepted. */
  source: string;
  /**
   * Years whose arrangement this layer holds in full. A day of any other year is unknown to it,
   * so a calendar stacking this layer cannot answer for that year. Omit for ad-hoc closures.
   */
  years?: number[];
  /** Years among `years` whose days are computed from rules, not read from an official notice. */
  provisionalYears?: number[];
  /** How the provisional years were computed; shown with every result that relies on them. */
  provisionalBasis?: string;
  /** The notice of each official year. */
  notices?: YearNotice[];
  days: LayerDay[];
}

/** One year file of the holiday-cn data set (github.com/NateScarlet/holiday-cn), plus its notices. */
export interface HolidayCnYear {
  year: number;
  papers: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
  /** The State Council notice(s) of the year: required for an imported year (engine/calendar/import.ts). */
  notices?: Notice[];
}

/** The last year a provisional national arrangement is computed for (see docs/periods.md). */
export const PROVISIONAL_LAST_YEAR = 2050;

export const PROVISIONAL_BASIS =
  "暂定：国务院尚未发布该年安排，按《全国年节及纪念日放假办法》第二条（2024年11月修订）及国务院办公厅自2025年起的放假调休原则（国办发明电〔2024〕12号）推算；调休上班日事先无法得知，暂定日历不含调休上班日 — provisional: the State Council has not published this year's arrangement; computed from art. 2 of the holiday regulation and the principles announced with the 2025 notice; make-up working days cannot be known in advance, so none are listed (docs/periods.md)";

const LEVELS: LayerLevel[] = ['national', 'regional', 'local'];

/** Refuses calendar data: the field's path and what is wrong with it (calendar.data.* in dsl/phrases/time.ts). */
export function badCalendarData(path: string, problem: Message): never {
  throw new CalendarError('BAD_LAYER', msg('calendar.badData', { path, problem }));
}

const bad = badCalendarData;

function yearList(raw: unknown, path: string): number[] {
  if (!Array.isArray(raw) || !raw.every((y) => Number.isInteger(y) && y >= 1900 && y <= 9999)) bad(path, msg('calendar.data.yearArray'));
  return [...new Set(raw as number[])].sort((a, b) => a - b);
}

function validateNotice(raw: unknown, path: string): Notice {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) bad(path, msg('calendar.data.object'));
  const n = raw as Record<string, unknown>;
  if (typeof n.title !== 'string' || !n.title.trim()) bad(`${path}.title`, msg('calendar.data.noticeTitle'));
  if (!(n.number === null || (typeof n.number === 'string' && n.number.trim()))) bad(`${path}.number`, msg('calendar.data.noticeNumber'));
  if (n.date !== undefined && !isLocalDate(n.date)) bad(`${path}.date`, msg('calendar.badDate', { value: JSON.stringify(n.date) }));
  if (n.url !== undefined && (typeof n.url !== 'string' || !/^https?:\/\//.test(n.url))) bad(`${path}.url`, msg('calendar.data.url'));
  return {
    title: n.title as string,
    number: n.number as string | null,
    ...(n.date !== undefined ? { date: n.date as string } : {}),
    ...(n.url !== undefined ? { url: n.url as string } : {}),
  };
}

/** Checks a layer's shape field by field; the error names the field path. */
export function validateLayer(raw: unknown, where = 'layer'): CalendarLayer {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) bad(where, msg('calendar.data.object'));
  const l = raw as Record<string, unknown>;
  for (const k of ['id', 'name', 'source'] as const) {
    if (typeof l[k] !== 'string' || !(l[k] as string).trim()) bad(`${where}.${k}`, msg('text.nonEmpty'));
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(l.id as string)) bad(`${where}.id`, msg('calendar.data.idChars', { value: JSON.stringify(l.id) }));
  if (!LEVELS.includes(l.level as LayerLevel)) bad(`${where}.level`, msg('calendar.data.oneOf', { allowed: LEVELS.join(' | ') }));
  const years = l.years === undefined ? undefined : yearList(l.years, `${where}.years`);
  const provisionalYears = l.provisionalYears === undefined ? undefined : yearList(l.provisionalYears, `${where}.provisionalYears`);
  if (provisionalYears?.length) {
    if (!years || provisionalYears.some((y) => !years.includes(y)))
      bad(`${where}.provisionalYears`, msg('calendar.data.provisionalSubset'));
    if (typeof l.provisionalBasis !== 'string' || !l.provisionalBasis.trim()) {
      bad(`${where}.provisionalBasis`, msg('calendar.data.provisionalBasis'));
    }
  }
  let notices: YearNotice[] | undefined;
  if (l.notices !== undefined) {
    if (!Array.isArray(l.notices)) bad(`${where}.notices`, msg('calendar.data.array'));
    notices = (l.notices as unknown[]).map((n, i) => {
      const year = (n as { year?: unknown } | null)?.year;
      if (!Number.isInteger(year)) bad(`${where}.notices[${i}].year`, msg('calendar.data.integerYear'));
      return { year: year as number, ...validateNotice(n, `${where}.notices[${i}]`) };
    });
  }
  if (!Array.isArray(l.days)) bad(`${where}.days`, msg('calendar.data.array'));
  const seen = new Map<string, LayerDay>();
  const days: LayerDay[] = [];
  (l.days as unknown[]).forEach((d, i) => {
    const p = `${where}.days[${i}]`;
    if (!d || typeof d !== 'object') bad(p, msg('calendar.data.object'));
    const day = d as Record<string, unknown>;
    if (!isLocalDate(day.date)) bad(`${p}.date`, msg('calendar.badDate', { value: JSON.stringify(day.date) }));
    if (typeof day.name !== 'string' || !day.name.trim()) bad(`${p}.name`, msg('text.nonEmpty'));
    if (typeof day.isOffDay !== 'boolean') bad(`${p}.isOffDay`, msg('calendar.data.boolean'));
    if (day.statutory !== undefined && typeof day.statutory !== 'boolean') bad(`${p}.statutory`, msg('calendar.data.boolean'));
    const prev = seen.get(day.date as string);
    if (prev && prev.isOffDay !== day.isOffDay) bad(`${p}.date`, msg('calendar.data.contradictoryDay', { date: day.date as string }));
    const entry: LayerDay = {
      date: day.date as string,
      name: day.name as string,
      isOffDay: day.isOffDay as boolean,
      ...(day.statutory === true ? { statutory: true } : {}),
    };
    if (!prev) days.push(entry);
    seen.set(entry.date, entry);
  });
  return {
    id: l.id as string,
    name: l.name as string,
    level: l.level as LayerLevel,
    source: l.source as string,
    ...(years ? { years } : {}),
    ...(provisionalYears?.length ? { provisionalYears, provisionalBasis: l.provisionalBasis as string } : {}),
    ...(notices ? { notices } : {}),
    days: days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}

type AjvClass = new (opts: Record<string, unknown>) => { compile: (s: unknown) => ValidateFunction };
const Ajv2020 = ((Ajv2020Import as unknown as { default?: AjvClass }).default ?? Ajv2020Import) as unknown as AjvClass;
let yearValidator: ValidateFunction | undefined;

/** "/days/3/date" → ".days[3].date" */
function jsonPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');
}

/**
 * Checks one year file against year.schema.json (ajv), then what a schema cannot say: every date
 * real and in the year's arrangement (which may reach back into late December of the year before,
 * 2022-12-31 is in 2023.json), no date twice.
 */
export function validateHolidayCnYear(raw: unknown, where: string): HolidayCnYear {
  yearValidator ??= new Ajv2020({ allErrors: false, strict: false, allowUnionTypes: true }).compile(yearSchema);
  if (!yearValidator(raw)) {
    const e = yearValidator.errors![0]!;
    const at = `${where}${jsonPath(e.instancePath)}`;
    const extra = e.keyword === 'additionalProperties' ? `: ${(e.params as { additionalProperty: string }).additionalProperty}` : '';
    const missing = e.keyword === 'required' ? `: ${(e.params as { missingProperty: string }).missingProperty}` : '';
    bad(at, msg('calendar.data.yearFormat', { detail: `${e.message}${extra}${missing}` }));
  }
  const j = raw as HolidayCnYear;
  const year = j.year;
  const dates = new Set<string>();
  j.days.forEach((day, i) => {
    const p = `${where}.days[${i}]`;
    if (!isLocalDate(day.date)) bad(`${p}.date`, msg('calendar.badDate', { value: JSON.stringify(day.date) }));
    const y = yearOf(day.date);
    if (!(y === year || (y === year - 1 && day.date >= `${year - 1}-12-20`))) {
      bad(`${p}.date`, msg('calendar.data.outsideYear', { date: day.date, year }));
    }
    if (dates.has(day.date)) bad(`${p}.date`, msg('calendar.data.dayTwice', { date: day.date }));
    dates.add(day.date);
  });
  const notices = j.notices?.map((n, i) => validateNotice(n, `${where}.notices[${i}]`));
  return {
    year,
    papers: j.papers,
    days: j.days.map((d) => ({ name: d.name, date: d.date, isOffDay: d.isOffDay })),
    ...(notices ? { notices } : {}),
  };
}

export interface NationalLayerOptions {
  /** The notices of years whose file names none (the bundled data/notices.json). */
  notices?: Readonly<Record<string, readonly Notice[]>>;
  /**
   * Compute a provisional arrangement (holiday-rules.ts) for every year from 2025 up to this one
   * that has no file, after or between the official years. Without it such years are unknown.
   */
  provisionalThrough?: number;
}

/**
 * A notice as a basis line names it: its title and document number as published (content, the same
 * in either language, and as short in a stored timer as before), or a message that the number is
 * not verified.
 */
export function describeNotice(n: Notice): string | Message {
  return n.number ? `${n.title}（${n.number}）` : msg('time.noticeUnverified', { title: n.title });
}

/** The national layer from holiday-cn year files (any order), with provisional years if asked. */
export function nationalLayerFromHolidayCn(files: readonly unknown[], opts: NationalLayerOptions = {}): CalendarLayer {
  const years = files.map((f, i) => validateHolidayCnYear(f, `holiday-cn[${i}]`)).sort((a, b) => a.year - b.year);
  const seenYears = new Set<number>();
  for (const y of years) {
    if (seenYears.has(y.year)) bad('holiday-cn', msg('calendar.data.yearTwice', { year: y.year }));
    seenYears.add(y.year);
  }
  const notices: YearNotice[] = years.flatMap((y) =>
    (y.notices ?? opts.notices?.[String(y.year)] ?? []).map((n) => ({ year: y.year, ...n })),
  );
  const days: LayerDay[] = years.flatMap((y) => {
    const statutory = new Set((statutoryDays(y.year) ?? []).map((d) => d.date));
    return y.days.map((d) => ({ ...d, ...(d.isOffDay && statutory.has(d.date) ? { statutory: true } : {}) }));
  });
  const provisional: number[] = [];
  if (opts.provisionalThrough !== undefined && years.length) {
    for (let y = Math.max(RULES_2024_FROM, years[0]!.year); y <= opts.provisionalThrough; y++) {
      if (!seenYears.has(y)) provisional.push(y);
    }
  }
  for (const y of provisional) days.push(...provisionalArrangement(y));
  const named = years.map((y) => {
    const ns = notices.filter((n) => n.year === y.year);
    return `${y.year}: ${ns.length ? ns.map(describeNotice).join('、') : y.papers.join(', ') || '未写明通知 no notice named'}`;
  });
  const range = provisional.length ? `; ${provisional[0]}–${provisional.at(-1)}: 暂定 provisional` : '';
  return validateLayer(
    {
      id: 'national',
      name: '全国',
      level: 'national',
      source: `国务院办公厅关于部分节假日安排的通知 State Council holiday arrangements (holiday-cn data set) — ${named.join('; ')}${range}`,
      years: [...years.map((y) => y.year), ...provisional],
      ...(provisional.length ? { provisionalYears: provisional, provisionalBasis: PROVISIONAL_BASIS } : {}),
      notices,
      days,
    },
    'national',
  );
}
