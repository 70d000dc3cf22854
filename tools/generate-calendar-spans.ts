// Rewrites dsl/calendar-spans.ts (how long a period can take on the national calendar) from
// engine/calendar. Run after a year's holiday arrangement is added: npx tsx tools/generate-calendar-spans.ts
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { bundledCalendar } from '../engine/calendar/index.ts';
import { calendarSpans, calendarSpansText } from '../engine/calendar/spans.ts';

const file = join(import.meta.dirname, '..', 'dsl', 'calendar-spans.ts');
const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
const text = calendarSpansText(calendarSpans(bundledCalendar(['national'])), 'tools/generate-calendar-spans.ts');
const after = await format(text, { ...(await resolveConfig(file)), filepath: file });
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? 'dsl/calendar-spans.ts is up to date\n' : 'dsl/calendar-spans.ts updated\n');
