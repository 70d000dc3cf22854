// The Gregorian dates of the lunar festivals (春节, 端午, 中秋, 三月三) and of the solar term 清明,
// computed the way the national standard GB/T 33661-2017 《农历的编算和颁行》 defines the Chinese
// calendar: a month begins on the day (Beijing time, UTC+8) of a new moon; the month holding the
// winter solstice is the 11th; in a year of 13 months the first month holding no 中气 is the leap
// month. New moons by Meeus, Astronomical Algorithms (2nd ed.) ch. 49; the Sun's apparent longitude
// by ch. 25 (about 0.01°, i.e. some 15 minutes); ΔT by the Espenak–Meeus polynomials. These are
// only used for years without an official arrangement: test/engine/calendar/lunar.test.ts checks
// them against every bundled official year and a table for the provisional years.
import { CalendarError } from './errors.ts';
import { dateOf, toDayNumber, type LocalDate } from './date.ts';
import { msg } from '../../dsl/message.ts';

/** Years the computation is tested for (the provisional horizon lies inside). */
export const LUNAR_FIRST_YEAR = 2000;
export const LUNAR_LAST_YEAR = 2100;

const RAD = Math.PI / 180;
const sin = (deg: number) => Math.sin(deg * RAD);
const wrap180 = (deg: number) => ((((deg + 180) % 360) + 360) % 360) - 180;

/** Julian Day of 1970-01-01 00:00 UT: day numbers in date.ts count from that day. */
const JD_UNIX_EPOCH = 2440587.5;
const BEIJING = 8 / 24;

function deltaTDays(year: number): number {
  const t = year - 2000;
  const seconds = year < 2050 ? 62.92 + 0.32217 * t + 0.005589 * t * t : -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year);
  return seconds / 86400;
}

/** The day number of the Beijing calendar day holding the instant `jde` (Terrestrial Time). */
function beijingDay(jde: number, year: number): number {
  return Math.floor(jde - deltaTDays(year) - JD_UNIX_EPOCH + BEIJING);
}

/** JDE of the new moon with Meeus' lunation number k (k = 0: 2000-01-06). */
function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;
  let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  jde +=
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(Om) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  const planetary: [number, number][] = [
    [0.000325, 299.77 + 0.107408 * k - 0.009173 * T2],
    [0.000165, 251.88 + 0.016321 * k],
    [0.000164, 251.83 + 26.651886 * k],
    [0.000126, 349.42 + 36.412478 * k],
    [0.00011, 84.66 + 18.206239 * k],
    [0.000062, 141.74 + 53.303771 * k],
    [0.00006, 207.14 + 2.453732 * k],
    [0.000056, 154.84 + 7.30686 * k],
    [0.000047, 34.52 + 27.261239 * k],
    [0.000042, 207.19 + 0.121824 * k],
    [0.00004, 291.34 + 1.844379 * k],
    [0.000037, 161.72 + 24.198154 * k],
    [0.000035, 239.56 + 25.513099 * k],
    [0.000023, 331.55 + 3.592518 * k],
  ];
  for (const [c, a] of planetary) jde += c * sin(a);
  return jde;
}

/** The Sun's apparent geocentric longitude in degrees at `jde`. */
function sunLongitude(jde: number): number {
  const T = (jde - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) + (0.019993 - 0.000101 * T) * sin(2 * M) + 0.000289 * sin(3 * M);
  const omega = 125.04 - 1934.136 * T;
  return L0 + C - 0.00569 - 0.00478 * sin(omega);
}

/** JDE at which the Sun's apparent longitude reaches `lon`, searched from `guess` (within ±15 days). */
function sunReaches(lon: number, guess: number): number {
  let jde = guess;
  for (let i = 0; i < 20; i++) {
    const d = wrap180(lon - sunLongitude(jde));
    jde += (d * 365.2422) / 360;
    if (Math.abs(d) < 1e-7) break;
  }
  return jde;
}

/** JDE near 1 January 00:00 of `year` (a starting point for searches). */
function jdeOfJan1(year: number): number {
  return toDayNumber(year, 1, 1) + JD_UNIX_EPOCH;
}

/** The Beijing day of the winter solstice (冬至, 270°) of `year`. */
function winterSolstice(year: number): { jde: number; day: number } {
  const jde = sunReaches(270, jdeOfJan1(year) + 354);
  return { jde, day: beijingDay(jde, year) };
}

export interface LunarMonth {
  /** Day number (date.ts) of the month's first day. */
  start: number;
  /** 1 … 12 (11 holds the winter solstice). */
  month: number;
  leap: boolean;
}

const yearCache = new Map<number, LunarMonth[]>();

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_FIRST_YEAR || year > LUNAR_LAST_YEAR) {
    throw new CalendarError('NO_DATA', msg('calendar.lunarRange', { first: LUNAR_FIRST_YEAR, last: LUNAR_LAST_YEAR, year }), year);
  }
}

/**
 * The months from the 11th month of the lunar year before `year` (the one holding the winter
 * solstice of year − 1) up to and including the next 11th month: every month whose festivals fall
 * in Gregorian `year` (春节 … 中秋) is among them.
 */
export function lunarMonthsAround(year: number): readonly LunarMonth[] {
  requireYear(year);
  const hit = yearCache.get(year);
  if (hit) return hit;
  const ws1 = winterSolstice(year - 1);
  const ws2 = winterSolstice(year);
  // New moons from a little before the first solstice to a little after the second.
  let k = Math.floor((ws1.jde - 2451550.09766) / 29.530588861) - 1;
  const starts: number[] = [];
  for (;;) {
    const jde = newMoonJde(k++);
    if (jde > ws2.jde + 40) break;
    starts.push(beijingDay(jde, year));
  }
  const lastOnOrBefore = (day: number) => starts.filter((s) => s <= day).at(-1)!;
  const first11 = starts.indexOf(lastOnOrBefore(ws1.day));
  const next11 = starts.indexOf(lastOnOrBefore(ws2.day));
  const span = starts.slice(first11, next11 + 2); // month starts, one extra to bound the last month
  const count = next11 - first11; // 12, or 13 in a leap year
  // 中气: every 30° from the first solstice; a month holds one if it falls in [start, next start).
  const zhongqi: number[] = [];
  for (let j = 0; j <= 12; j++) {
    const lon = (270 + 30 * j) % 360;
    const jde = sunReaches(lon, ws1.jde + j * 30.44);
    zhongqi.push(beijingDay(jde, year));
  }
  const holdsZhongqi = (i: number) => zhongqi.some((z) => z >= span[i]! && z < span[i + 1]!);
  let leapAt = -1;
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      if (!holdsZhongqi(i)) {
        leapAt = i;
        break;
      }
    }
  }
  const months: LunarMonth[] = [];
  let month = 11;
  for (let i = 0; i <= count; i++) {
    if (i > 0 && i !== leapAt) month = (month % 12) + 1;
    months.push({ start: span[i]!, month, leap: i === leapAt });
  }
  yearCache.set(year, months);
  return months;
}

/** The Gregorian date of lunar month `month` (not the leap one), day `day`, of the lunar year beginning in `year`. */
export function lunarToGregorian(year: number, month: number, day: number): LocalDate {
  const months = lunarMonthsAround(year);
  // The 11th and 12th months at the start belong to the year before; look after 正月.
  const newYear = months.findIndex((m) => m.month === 1 && !m.leap);
  const m = months.slice(newYear).find((x) => x.month === month && !x.leap);
  if (!m) throw new CalendarError('BAD_DATE', msg('calendar.noLunarMonth', { year, month }));
  return dateOf(m.start + day - 1);
}

/** 清明: the day the Sun reaches 15° (Beijing time). */
export function qingming(year: number): LocalDate {
  requireYear(year);
  const jde = sunReaches(15, jdeOfJan1(year) + 94);
  return dateOf(beijingDay(jde, year));
}

export interface Festivals {
  /** 农历除夕, the last day of the 12th month. */
  chuxi: LocalDate;
  /** 春节, 正月初一. */
  chunjie: LocalDate;
  qingming: LocalDate;
  /** 端午, 五月初五. */
  duanwu: LocalDate;
  /** 中秋, 八月十五. */
  zhongqiu: LocalDate;
  /** 壮族三月三, 三月初三. */
  sanyuesan: LocalDate;
}

/** The festival dates falling in Gregorian `year`. */
export function festivals(year: number): Festivals {
  const chunjie = lunarToGregorian(year, 1, 1);
  const [y, m, d] = chunjie.split('-').map(Number) as [number, number, number];
  return {
    chuxi: dateOf(toDayNumber(y, m, d) - 1),
    chunjie,
    qingming: qingming(year),
    duanwu: lunarToGregorian(year, 5, 5),
    zhongqiu: lunarToGregorian(year, 8, 15),
    sanyuesan: lunarToGregorian(year, 3, 3),
  };
}
