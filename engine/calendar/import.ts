// `landflow calendar import FILE`: adds one year's official arrangement without a code change.
// The file is checked (year.schema.json, real dates of that year, the notice it comes from, every
// statutory holiday a rest day), then written to the imported-years folder the loader reads
// (load.ts calendarDir). Nothing is written unless the whole calendar builds with it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledYears, calendarFor, layersWithImported } from './bundled.ts';
import { renderBoth } from '../../dsl/messages.ts';
import { dayInfo, isKnownDay, type Calendar } from './calendar.ts';
import { dateOf, toDayNumber } from './date.ts';
import { CalendarError } from './errors.ts';
import { statutoryDays } from './holiday-rules.ts';
import { validateHolidayCnYear, type HolidayCnYear } from './layer.ts';
import { readImportedYears } from './load.ts';
import { msg } from '../../dsl/message.ts';

function bad(path: string, msg: string): never {
  throw new CalendarError('BAD_LAYER', `日历数据错误 bad calendar data at ${path}: ${msg}`);
}

/** What a year file must say beyond its shape before it may be imported. */
export function checkImportable(data: HolidayCnYear, where: string): void {
  const notices = data.notices ?? [];
  if (notices.length === 0) {
    bad(
      `${where}.notices`,
      `须写明来源通知 the source notice is required, e.g. {"title": "国务院办公厅关于${data.year}年部分节假日安排的通知", "number": "国办发明电〔${data.year - 1}〕N号", "url": "https://www.gov.cn/…"}`,
    );
  }
  notices.forEach((n, i) => {
    if (!n.title.includes(String(data.year)))
      bad(`${where}.notices[${i}].title`, `通知标题应含年份 ${data.year} the title should name the year: ${JSON.stringify(n.title)}`);
    if (n.number === null && !n.url)
      bad(`${where}.notices[${i}]`, '文号未核实时须给出 url a notice without a verified number needs its url');
  });
  const off = new Set(data.days.filter((d) => d.isOffDay).map((d) => d.date));
  for (const s of statutoryDays(data.year) ?? []) {
    if (!off.has(s.date)) {
      bad(
        `${where}.days`,
        `法定节假日 ${s.date}（${s.name}）未列为休息日 the statutory holiday ${s.date} (${s.name}) is not listed as a rest day (《全国年节及纪念日放假办法》第二条)`,
      );
    }
  }
}

export interface ImportReport {
  year: number;
  file: string;
  /** An earlier file for the year (bundled or imported) was replaced. */
  replaced: boolean;
  /** Days of the year whose working/rest status differs from what the calendar held before. */
  changed: { date: string; before: string; after: string }[];
}

/** Checks `file` and writes it to `dir` as YYYY.json. Throws CalendarError; writes nothing then. */
export function importYear(opts: { file: string; dir: string; replace?: boolean }): ImportReport {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(opts.file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CalendarError(
      'BAD_LAYER',
      code
        ? msg('calendar.cannotRead', { path: opts.file, code })
        : msg('calendar.notJson', { path: opts.file, detail: (e as Error).message }),
    );
  }
  const data = validateHolidayCnYear(raw, opts.file);
  checkImportable(data, opts.file);
  const existing = readImportedYears(opts.dir);
  const bundled = bundledYears.includes(data.year);
  const imported = existing.some((y) => y.year === data.year);
  if ((bundled || imported) && !opts.replace) {
    throw new CalendarError(
      'YEAR_EXISTS',
      msg('calendar.yearExists', { year: data.year, how: msg(bundled ? 'calendar.how.bundled' : 'calendar.how.imported') }),
    );
  }
  const before = calendarFor(['national'], layersWithImported(existing));
  const after = calendarFor(['national'], layersWithImported([...existing.filter((y) => y.year !== data.year), data]));
  const report: ImportReport = {
    year: data.year,
    file: join(opts.dir, `${data.year}.json`),
    replaced: bundled || imported,
    changed: changedDays(before, after, data.year),
  };
  mkdirSync(opts.dir, { recursive: true });
  const tmp = `${report.file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
  renameSync(tmp, report.file);
  return report;
}

/** The year's days (and the late December days its 元旦 may take) whose status differs. */
function changedDays(before: Calendar, after: Calendar, year: number): ImportReport['changed'] {
  const out: ImportReport['changed'] = [];
  for (let n = toDayNumber(year - 1, 12, 20), end = toDayNumber(year + 1, 1, 1); n < end; n++) {
    const d = dateOf(n);
    if (!isKnownDay(after, d)) continue;
    const a = dayInfo(after, d);
    const b = isKnownDay(before, d) ? dayInfo(before, d) : undefined;
    if (!b || b.working !== a.working)
      out.push({ date: d, before: b ? renderBoth(b.reason) : '未知 unknown', after: renderBoth(a.reason) });
  }
  return out;
}
