// The working-day calendar: layers stacked into a precomputed index, so that "N working days
// after d" is two array reads whatever N is. Pure: every function takes the Calendar it uses.
import { CalendarError } from './errors.ts';
import { dateOf, dayNumber, fromDayNumber, toDayNumber, weekdayOfDayNumber, weekdayZh, type LocalDate } from './date.ts';
import type { CalendarLayer, LayerDay, LayerLevel, YearNotice } from './layer.ts';
import { msg, type Message } from '../../dsl/message.ts';

/**
 * The State Council publishes the next year's arrangement around November; until then the last
 * days of December are open (2018-12-29/30/31 and 2022-12-31 belonged to the next year's
 * 元旦 arrangement). A day from this date on also needs the next year's arrangement: it is
 * unknown without one, and provisional when that year is.
 */
export const YEAR_END_SPILL_FROM = '12-25';

export interface LayerInfo {
  id: string;
  name: string;
  level: LayerLevel;
  source: string;
  provisionalYears?: readonly number[];
  provisionalBasis?: string;
  notices?: readonly YearNotice[];
}

/** A listed day as it stands after stacking, with the layer that decided it. */
export interface DayMark extends LayerDay {
  layer: LayerInfo;
}

export interface Calendar {
  /** The layer ids joined by '+', e.g. "national+guangxi". */
  readonly id: string;
  readonly layers: readonly LayerInfo[];
  /** Years every year-bound layer holds (official or provisional). */
  readonly years: readonly number[];
  /** Years some stacked layer only holds provisionally (computed, not from an official notice). */
  readonly provisionalYears: readonly number[];
  /** Day number of index 0 (1 January of the first year). */
  readonly first: number;
  /** 1 where the day is a working day. */
  readonly work: Uint8Array;
  /** rank[i] = number of working days at indices 0..i. */
  readonly rank: Int32Array;
  /** Indices of the working days, ascending. */
  readonly workIdx: Int32Array;
  /** nextGap[i] = the smallest index ≥ i whose day is not known (length + 1 entries). */
  readonly nextGap: Int32Array;
  /** nextProvisional[i] = the smallest index ≥ i whose day is only provisionally known (length + 1 entries). */
  readonly nextProvisional: Int32Array;
  /** The listed days after stacking (top layer wins). */
  readonly marks: ReadonlyMap<LocalDate, DayMark>;
}

const LEVEL_ORDER: Record<LayerLevel, number> = { national: 0, regional: 1, local: 2 };

/** Stacks layers national → regional → local (a later layer overrides an earlier one on a day). */
export function buildCalendar(layers: readonly CalendarLayer[]): Calendar {
  const national = layers.filter((l) => l.level === 'national');
  if (national.length !== 1) {
    throw new CalendarError('BAD_LAYER', msg('calendar.oneNational', { n: national.length }));
  }
  const ordered = [...layers].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  const yearBound = ordered.filter((l) => l.years);
  const years = [...new Set(yearBound.flatMap((l) => l.years!))]
    .filter((y) => yearBound.every((l) => l.years!.includes(y)))
    .sort((a, b) => a - b);
  if (years.length === 0) throw new CalendarError('BAD_LAYER', msg('calendar.noYear'));

  const marks = new Map<LocalDate, DayMark>();
  for (const l of ordered) {
    const info = layerInfo(l);
    for (const d of l.days) marks.set(d.date, { ...d, layer: info });
  }

  const provisionalYears = [...new Set(ordered.flatMap((l) => l.provisionalYears ?? []))]
    .filter((y) => years.includes(y))
    .sort((a, b) => a - b);
  const provisionalSet = new Set(provisionalYears);

  const first = toDayNumber(years[0]!, 1, 1);
  const end = toDayNumber(years[years.length - 1]! + 1, 1, 1); // exclusive
  const n = end - first;
  const covered = new Set(years);
  const work = new Uint8Array(n);
  const rank = new Int32Array(n);
  const nextGap = new Int32Array(n + 1);
  const nextProvisional = new Int32Array(n + 1);
  const idx: number[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const date = dateOf(first + i);
    const y = Number(date.slice(0, 4));
    const spill = date.slice(5) >= YEAR_END_SPILL_FROM;
    const known = covered.has(y) && (!spill || covered.has(y + 1));
    nextProvisional[i] = known && (provisionalSet.has(y) || (spill && provisionalSet.has(y + 1))) ? i : -1;
    let isWork = false;
    if (known) {
      const mark = marks.get(date);
      const wd = weekdayOfDayNumber(first + i);
      isWork = mark ? !mark.isOffDay : wd !== 0 && wd !== 6;
    }
    // Unknown days are marked as gaps; they are never counted as working days.
    nextGap[i] = known ? -1 : i;
    if (isWork) {
      work[i] = 1;
      idx.push(i);
      count++;
    }
    rank[i] = count;
  }
  nextGap[n] = n;
  nextProvisional[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    if (nextGap[i] === -1) nextGap[i] = nextGap[i + 1]!;
    if (nextProvisional[i] === -1) nextProvisional[i] = nextProvisional[i + 1]!;
  }

  return {
    id: ordered.map((l) => l.id).join('+'),
    layers: ordered.map(layerInfo),
    years,
    provisionalYears,
    first,
    work,
    rank,
    workIdx: Int32Array.from(idx),
    nextGap,
    nextProvisional,
    marks,
  };
}

function layerInfo(l: CalendarLayer): LayerInfo {
  return {
    id: l.id,
    name: l.name,
    level: l.level,
    source: l.source,
    ...(l.provisionalYears?.length ? { provisionalYears: l.provisionalYears, provisionalBasis: l.provisionalBasis } : {}),
    ...(l.notices?.length ? { notices: l.notices } : {}),
  };
}

/** The year whose arrangement is missing for the day at index i (i may lie outside the index). */
function missingYear(cal: Calendar, i: number): number {
  const { y, m, d } = fromDayNumber(cal.first + i);
  const mmdd = `${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  if (cal.years.includes(y) && mmdd >= YEAR_END_SPILL_FROM) return y + 1;
  return y;
}

function noData(cal: Calendar, i: number): CalendarError {
  const year = missingYear(cal, i);
  const date = dateOf(cal.first + i);
  const spill = year !== Number(date.slice(0, 4));
  const range = `${cal.years[0]}–${cal.years[cal.years.length - 1]}`;
  return new CalendarError(
    'NO_DATA',
    msg(spill ? 'calendar.noDataSpill' : 'calendar.noData', { year, date, calendar: cal.id, range }),
    year,
  );
}

/** Throws unless every day at indices lo..hi (inclusive) is known. */
function requireKnown(cal: Calendar, lo: number, hi: number): void {
  if (lo > hi) return;
  if (lo < 0) throw noData(cal, lo);
  if (lo >= cal.work.length) throw noData(cal, lo);
  const gap = cal.nextGap[lo]!;
  if (gap <= hi) throw noData(cal, gap);
}

function indexOf(cal: Calendar, date: LocalDate): number {
  return dayNumber(date) - cal.first;
}

/** Whether the index covers the date (its year's arrangement, and the next year's for late December). */
export function isKnownDay(cal: Calendar, date: LocalDate): boolean {
  const i = indexOf(cal, date);
  return i >= 0 && i < cal.work.length && cal.nextGap[i] !== i;
}

export function isWorkingDay(cal: Calendar, date: LocalDate): boolean {
  const i = indexOf(cal, date);
  requireKnown(cal, i, i);
  return cal.work[i] === 1;
}

/**
 * The |n|-th working day after (n > 0) or before (n < 0) `date`, not counting `date` itself
 * (民法典第二百零一条). Every day passed over must be known. Constant time in n.
 */
export function addWorkingDays(cal: Calendar, date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new CalendarError('BAD_PERIOD', msg('calendar.workingDaysInteger', { n }));
  if (n === 0) return date;
  const i = indexOf(cal, date);
  const len = cal.work.length;
  if (n > 0) {
    if (i + 1 < 0 || i + 1 >= len) throw noData(cal, i + 1);
    const before = i >= 0 ? cal.rank[i]! : 0; // working days at or before `date`
    const k = before + n - 1;
    if (k >= cal.workIdx.length) throw noData(cal, cal.nextGap[i + 1]!);
    const r = cal.workIdx[k]!;
    requireKnown(cal, i + 1, r);
    return dateOf(cal.first + r);
  }
  if (i - 1 < 0 || i - 1 >= len) throw noData(cal, i - 1);
  const before = cal.rank[i - 1]!; // working days strictly before `date`
  const k = before + n; // n < 0
  if (k < 0) throw noData(cal, -1);
  const r = cal.workIdx[k]!;
  requireKnown(cal, r, i - 1);
  return dateOf(cal.first + r);
}

/** `date` if it is a working day, else the first working day after it (民法典第二百零三条). */
export function nextWorkingDayOnOrAfter(cal: Calendar, date: LocalDate): LocalDate {
  const i = indexOf(cal, date);
  requireKnown(cal, i, i);
  if (cal.work[i] === 1) return date;
  const k = cal.rank[i]!;
  if (k >= cal.workIdx.length) throw noData(cal, cal.nextGap[i]!);
  const r = cal.workIdx[k]!;
  requireKnown(cal, i, r);
  return dateOf(cal.first + r);
}

/** Working days in (from, to]; negative when `to` is before `from`. */
export function workingDaysBetween(cal: Calendar, from: LocalDate, to: LocalDate): number {
  const a = indexOf(cal, from);
  const b = indexOf(cal, to);
  if (a === b) return 0;
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
  requireKnown(cal, lo + 1, hi);
  const atLo = lo >= 0 ? cal.rank[lo]! : 0;
  return sign * (cal.rank[hi]! - atLo);
}

/** Whether the day is known only provisionally (a computed arrangement, not an official one). */
export function isProvisionalDay(cal: Calendar, date: LocalDate): boolean {
  const i = indexOf(cal, date);
  return i >= 0 && i < cal.work.length && cal.nextProvisional[i] === i;
}

/** Whether any day in from..to (inclusive, both known) is only provisionally known. */
export function anyProvisional(cal: Calendar, from: LocalDate, to: LocalDate): boolean {
  const lo = Math.max(0, indexOf(cal, from));
  const hi = indexOf(cal, to);
  if (hi < lo || lo >= cal.work.length) return false;
  return cal.nextProvisional[lo]! <= hi;
}

/**
 * What kind of day it is, as an explanation must say: a statutory holiday (《全国年节及纪念日放假
 * 办法》 art. 2), a weekend, a make-up rest day (a weekday off by 调休 or 补假), a make-up working
 * day (a weekend day worked by 调休), a region's holiday, a local closure, or a working day.
 */
export type DayKind = 'workday' | 'weekend' | 'statutory' | 'makeupRest' | 'makeupWork' | 'regional' | 'closure';

/** A kind of day in words (dsl/phrases/time.ts `day.kind.*`). */
export const DAY_KIND_LABEL: Readonly<Record<DayKind, Message>> = {
  workday: msg('day.kind.workday'),
  weekend: msg('day.kind.weekend'),
  statutory: msg('day.kind.statutory'),
  makeupRest: msg('day.kind.makeupRest'),
  makeupWork: msg('day.kind.makeupWork'),
  regional: msg('day.kind.regional'),
  closure: msg('day.kind.closure'),
};

export interface DayInfo {
  date: LocalDate;
  weekday: string; // 周六
  working: boolean;
  kind: DayKind;
  /** Known only from a computed (provisional) arrangement. */
  provisional: boolean;
  /** The listed day that decided it, if any (holiday or 调休). */
  mark?: DayMark;
  /** Why, as a message: "国庆节 (法定节假日 statutory holiday)", "周末 weekend", "春节 (调休上班日 make-up working day)". */
  reason: Message;
}

export function dayInfo(cal: Calendar, date: LocalDate): DayInfo {
  const working = isWorkingDay(cal, date);
  const mark = cal.marks.get(date);
  const wd = weekdayZh(date);
  const weekend = wd === '周六' || wd === '周日';
  const kind = kindOf(working, weekend, mark);
  const provisional = isProvisionalDay(cal, date);
  return { date, weekday: wd, working, kind, provisional, ...(mark ? { mark } : {}), reason: reasonOf(kind, mark, provisional) };
}

function kindOf(working: boolean, weekend: boolean, mark: DayMark | undefined): DayKind {
  if (!mark) return working ? 'workday' : 'weekend';
  if (!mark.isOffDay) return weekend ? 'makeupWork' : 'workday';
  switch (mark.layer.level) {
    case 'local':
      return 'closure';
    case 'regional':
      return 'regional';
    case 'national':
      return mark.statutory ? 'statutory' : weekend ? 'weekend' : 'makeupRest';
  }
}

function reasonOf(kind: DayKind, mark: DayMark | undefined, provisional: boolean): Message {
  const where = mark && mark.layer.level !== 'national' ? `${mark.layer.name} ` : '';
  const flag = provisional ? 1 : undefined;
  return mark
    ? msg('day.reason.marked', { name: `${where}${mark.name}`, kind: DAY_KIND_LABEL[kind], provisional: flag })
    : msg('day.reason.plain', { kind: DAY_KIND_LABEL[kind], provisional: flag });
}

/** The listed days (holidays and 调休) of one year, in date order. */
export function listedDays(cal: Calendar, year: number): DayMark[] {
  const prefix = `${year}-`;
  return [...cal.marks.values()].filter((m) => m.date.startsWith(prefix)).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Throws NO_DATA unless the calendar knows `year` (as far as it can: see YEAR_END_SPILL_FROM). */
export function requireYear(cal: Calendar, year: number): void {
  if (!cal.years.includes(year)) throw noData(cal, toDayNumber(year, 1, 1) - cal.first);
}
