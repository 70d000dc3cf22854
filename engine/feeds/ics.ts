// iCalendar (RFC 5545) text for all-day events: the few properties a deadline needs, TEXT values
// escaped (§3.3.11) and every content line folded at 75 octets (§3.1) — on UTF-8 octets, never
// inside a character, so that 公示期 and the like survive any reader. Pure: the caller gives the
// stamp (the injected clock's instant).
import { addDays } from '../calendar/date.ts';
import { isRealDate } from '../../dsl/calendar-date.ts';

export interface IcsEvent {
  /** Stable across fetches, so a calendar program updates the event instead of adding another. */
  uid: string;
  /** The day, YYYY-MM-DD: an all-day event (DTSTART;VALUE=DATE). */
  date: string;
  summary: string;
  description: string;
  categories?: string[];
}

export interface IcsCalendar {
  /** The calendar's display name (X-WR-CALNAME). */
  name: string;
  /** When this text was made, as an ISO instant (DTSTAMP of every event). */
  stamp: string;
  events: IcsEvent[];
}

const FOLD_AT = 75;

/** A TEXT value: backslash, semicolon, comma and line breaks escaped. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * One content line folded into lines of at most 75 octets, each continuation starting with a
 * space (which counts towards its 75), joined by CRLF. A character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > FOLD_AT) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

/** YYYY-MM-DD → YYYYMMDD (a DATE value). */
function dateValue(d: string): string {
  if (!isRealDate(d)) throw new RangeError(`not a date: ${JSON.stringify(d)}`);
  return d.replace(/-/g, '');
}

/** An ISO instant → a UTC DATE-TIME (20260115T010000Z). */
function utcValue(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new RangeError(`not an instant: ${JSON.stringify(iso)}`);
  return t
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The VCALENDAR text, CRLF line ends, ending with one. */
export function icsText(cal: IcsCalendar): string {
  const stamp = utcValue(cal.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//landflow//deadlines//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    // Calendar programs that honour it (RFC 7986) fetch again hourly.
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${dateValue(e.date)}`,
      // The day after: the exclusive end of an all-day event.
      `DTEND;VALUE=DATE:${dateValue(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      ...(e.categories?.length ? [`CATEGORIES:${e.categories.map(escapeText).join(',')}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
