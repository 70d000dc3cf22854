// iCalendar text (engine/feeds/ics.ts): folding at 75 octets without splitting a UTF-8 character,
// TEXT escaping, and what an independent parser (ical.js) reads back.
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarEvents } from '../../../engine/feeds/events.ts';
import { escapeText, foldLine, icsText } from '../../../engine/feeds/ics.ts';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

describe('folding', () => {
  it('a line of 75 octets stays whole; 76 octets fold into 75 + a space and the last octet', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
  });

  it('Chinese text folds on octets, never inside a character: 25 three-octet characters fill a line exactly', () => {
    const line = `SUMMARY:${'公示期满'.repeat(10)}`; // 8 + 40 × 3 = 128 octets
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    // 8 ASCII + 22 characters = 74 octets (a 23rd would make 77); the continuation: a space and the other 18.
    expect(parts.map(octets)).toEqual([74, 1 + 3 * 18]);
    expect(parts[0]).toBe(`SUMMARY:${'公示期满'.repeat(5)}公示`);
    for (const p of parts) expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    expect(unfold(folded)).toBe(line);
  });

  it('any text: every folded line is at most 75 octets, valid UTF-8, and unfolds to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const line = `DESCRIPTION:${escapeText(text)}`;
        const folded = foldLine(line);
        for (const p of folded.split('\r\n')) {
          expect(octets(p)).toBeLessThanOrEqual(75);
          expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        }
        expect(unfold(folded)).toBe(line);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escaping', () => {
  it('backslash, semicolon, comma and line breaks are escaped; ical.js reads the text back unchanged', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const text = icsText({
      name: '待办 钦南区某镇',
      stamp: '2026-01-15T01:00:00.000Z',
      events: [
        {
          uid: 'C1.notice@landflow',
          date: '2026-07-16',
          summary: '协商; 价格, 确认\\',
          description: '第一行\n第二行：半年后',
          categories: ['due'],
        },
      ],
    });
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('待办 钦南区某镇');
    const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(ev.summary).toBe('协商; 价格, 确认\\');
    expect(ev.description).toBe('第一行\n第二行：半年后');
    expect(ev.uid).toBe('C1.notice@landflow');
    expect(ev.startDate.isDate).toBe(true);
    expect(ev.startDate.toString()).toBe('2026-07-16');
    expect(ev.endDate.toString()).toBe('2026-07-17');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('a month end and a year end give the right exclusive end day', () => {
    const text = icsText({
      name: 'x',
      stamp: '2026-01-15T01:00:00.000Z',
      events: [
        { uid: 'a', date: '2026-12-31', summary: 's', description: 'd' },
        { uid: 'b', date: '2028-02-28', summary: 's', description: 'd' },
      ],
    });
    expect(text).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101');
    expect(text).toContain('DTSTART;VALUE=DATE:20280228\r\nDTEND;VALUE=DATE:20280229');
    expect(text).toContain('DTSTAMP:20260115T010000Z');
  });
});

describe('events from tasks', () => {
  const entry = {
    caseId: 'C1',
    policy: 'qinzhou',
    head: '张三',
    step: 'negotiate',
    label: '协商价格',
    date: '2026-07-16',
    explanation: [{ code: 'timer.nominal', args: { date: '2026-07-16' } }],
    cite: '第十条',
  };

  it('the summary names the step and the case, the description the explanation and the article', () => {
    const [e] = calendarEvents([{ ...entry, kind: 'overdue' }]);
    expect(e).toEqual({
      uid: 'C1.negotiate@landflow',
      date: '2026-07-16',
      summary: '【已逾期】协商价格 · 张三（C1）',
      // Each line of the explanation in both languages, as the command line prints it.
      description:
        '已逾期 overdue since this day\n期间名义上的最后一日为 2026-07-16，遇法定休假日可能顺延 — the nominal last day is 2026-07-16; it may move past rest days once the calendar is known\n依据 cite: 第十条\n案件 case: C1（qinzhou）',
      categories: ['overdue'],
    });
  });

  it('UIDs are the case and the step, stable across calls; a second entry of one step is numbered', () => {
    const a = calendarEvents([
      { ...entry, kind: 'due' },
      { ...entry, kind: 'due', date: '2026-08-01' },
      { ...entry, caseId: 'C2', kind: 'waiting' },
    ]);
    expect(a.map((e) => e.uid)).toEqual(['C1.negotiate@landflow', 'C1.negotiate.2@landflow', 'C2.negotiate@landflow']);
    expect(calendarEvents([{ ...entry, kind: 'due' }])[0]!.uid).toBe(a[0]!.uid);
  });
});
