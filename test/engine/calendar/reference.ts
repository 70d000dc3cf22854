// A plain day-by-day reference for the calendar, written apart from the engine: it reads the raw
// holiday-cn files itself and steps one day at a time with Date.UTC. For the years after them it
// applies the provisional rules of docs/periods.md on its own (only the festival dates come from
// engine/calendar/lunar.ts, which lunar.test.ts checks separately). The property tests and the
// bench compare the precomputed index against it.
import { holidayCnYears } from '../../../engine/calendar/data/index.ts';
import { festivals } from '../../../engine/calendar/lunar.ts';

type YearFile = { year: number; days: { date: string; isOffDay: boolean }[] };
const files = holidayCnYears as YearFile[];
const years = new Set(files.map((f) => f.year));
const off = new Map<string, boolean>();
for (const f of files) for (const d of f.days) off.set(d.date, d.isOffDay);

export const REF_FIRST_YEAR = Math.min(...years);
export const REF_LAST_YEAR = Math.max(...years);
/** The last year with a provisional arrangement (PROVISIONAL_LAST_YEAR, restated). */
export const REF_PROVISIONAL_LAST_YEAR = 2050;

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

/** Every date of the provisional years (after the bundled ones). */
export function allProvisionalDates(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(REF_LAST_YEAR + 1, 0, 1); t < Date.UTC(REF_PROVISIONAL_LAST_YEAR + 1, 0, 1); t += ms) out.push(fromUtc(t));
  return out;
}

/** Every date of the bundled years. */
export function allBundledDates(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(REF_FIRST_YEAR, 0, 1); t < Date.UTC(REF_LAST_YEAR + 1, 0, 1); t += ms) out.push(fromUtc(t));
  return out;
}

// Provisional years: every rest day of the 2025 principles, no make-up working day.
function addProvisionalYears(): void {
  for (let y = REF_LAST_YEAR + 1; y <= REF_PROVISIONAL_LAST_YEAR; y++) addProvisionalYear(y);
}

function addProvisionalYear(y: number): void {
  const f = festivals(y);
  const rest = (from: string, n: number) => {
    for (let i = 0; i < n; i++) off.set(refAddDays(from, i), true);
  };
  const joinWeekend = (d: string) => {
    const wd = new Date(toUtc(d)).getUTCDay();
    if (wd === 3)
      rest(d, 1); // a Wednesday holiday stands alone
    else if (wd === 4 || wd === 5 || wd === 6)
      rest(d, 3); // Thu–Sat, Fri–Sun, Sat–Mon
    else if (wd === 0)
      rest(refAddDays(d, -1), 3); // Sat–Mon
    else rest(refAddDays(d, -2), 3); // Mon: Sat–Mon; Tue: Sun–Tue
  };
  joinWeekend(`${y}-01-01`);
  rest(f.chuxi, 8);
  joinWeekend(f.qingming);
  const may1 = `${y}-05-01`;
  const mw = new Date(toUtc(may1)).getUTCDay();
  rest(refAddDays(may1, mw === 0 ? -1 : mw === 1 ? -2 : 0), 5);
  joinWeekend(f.duanwu);
  if (f.zhongqiu >= `${y}-10-01` && f.zhongqiu <= `${y}-10-08`) rest(`${y}-10-01`, 8);
  else if (f.zhongqiu >= `${y}-09-29` && f.zhongqiu <= `${y}-09-30`) rest(f.zhongqiu, 8);
  else {
    joinWeekend(f.zhongqiu);
    rest(`${y}-10-01`, 7);
  }
  years.add(y);
}

addProvisionalYears();
