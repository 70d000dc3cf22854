// What a calendar date is: 'YYYY-MM-DD' that exists in the proleptic Gregorian calendar
// (民法典 第二百条: periods are counted by the Gregorian calendar; docs/periods.md). The one answer
// to "is this a real date" for the checker, the expression language, case validation, the
// calendar, documents and the browser. Pure: no Date objects, no time zone.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The written shape YYYY-MM-DD as a JSON Schema pattern (the HTTP schemas); a real date is more. */
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** Whether `text` is written as YYYY-MM-DD, be the date real (2026-04-01) or not (2026-02-30). */
export function hasDateShape(text: unknown): text is string {
  return typeof text === 'string' && DATE_RE.test(text);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** The parts of a real date, or null when the text is not one (2026-02-30, 2026-4-1, 2026-13-01). */
export function parseLocalDate(text: string): { y: number; m: number; d: number } | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export function isRealDate(text: unknown): text is string {
  return typeof text === 'string' && parseLocalDate(text) !== null;
}
