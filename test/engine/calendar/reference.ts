// A plain day-by-day reference for the calendar, written apart from the engine: it reads the raw
// holiday-cn files itself and steps one day at a time with Date.UTC. The property tests and the
// bench compare the precomputed index against it.
import { holidayCnYears } from '../../../engine/calendar/data/index.ts';

type YearFile = { year: number; days: { date: string; isOffDay: boolean }[] };
const files = holidayCnYears as YearFile[];
const years = new Set(files.map((f) => f.year));
const off = new Map<string, boolean>();
for (const f of files) for (const d of f.days) off.set(d.date, d.isOffDay);

export const REF_FIRST_YEAR = Math.min(...years);
export const REF_LAST_YEAR = Math.max(...years);

export class RefMissing extends Error {
  constructor(readonly year: number) {
    super(`no data for ${year}`);
  }
}

const ms = 86_400_000;
const toUtc = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);

export function refAddDays(s: string, n: number): string {
  return fromUtc(toUtc(s) + n * ms);
}

export function refIsWorkingDay(s: string): boolean {
  const y = Number(s.slice(0, 4));
  if (!years.has(y)) throw new RefMissing(y);
  // Late December may belong to the next year's arrangement.
  if (s.slice(5) >= '12-25' && !years.has(y + 1)) throw new RefMissing(y + 1);
  const listed = off.get(s);
  if (listed !== undefined) return !listed;
  const wd = new Date(toUtc(s)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The n-th working day after s, one day at a time. */
export function refAddWorkingDays(s: string, n: number): string {
  let d = s;
  let k = 0;
  while (k < n) {
    d = refAddDays(d, 1);
    if (refIsWorkingDay(d)) k++;
  }
  return d;
}

/** 民法典 arts. 201–203 for months, the slow obvious way. */
export function refAddMonths(s: string, months: number): string {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7)) - 1 + months;
  const d = Number(s.slice(8, 10));
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  let out = fromUtc(Date.UTC(y, m, Math.min(d, last)));
  while (!refIsWorkingDay(out)) out = refAddDays(out, 1);
  return out;
}

/** Every date of the bundled years. */
export function allBundledDates(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(REF_FIRST_YEAR, 0, 1); t < Date.UTC(REF_LAST_YEAR + 1, 0, 1); t += ms) out.push(fromUtc(t));
  return out;
}
