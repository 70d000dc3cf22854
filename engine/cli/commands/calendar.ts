// `landflow calendar --year Y`: the rest days and make-up working days of a year, with names.
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseCommandArgs, type Command } from '../command.ts';
import {
  CalendarError,
  dayInfo,
  isKnownDay,
  listedDays,
  requireYear,
  weekdayLabel,
  YEAR_END_SPILL_FROM,
  type Calendar,
} from '../../calendar/index.ts';
import { toDayNumber, dateOf } from '../../calendar/date.ts';
import { calendarOrUsage, loadKnown } from './deadline.ts';

const help = `landflow calendar — 列出一年的节假日与调休上班日
List a year's rest days and make-up working days, with their names.

用法 Usage:
  landflow calendar --year 2026 [--calendar IDS] [--layer FILE] [--format text|json]

选项 Options:
  --year YYYY       年份（必填）the year (required)
  --calendar IDS    日历层，逗号分隔，默认 national calendar layers, comma-separated (default: national)
  --layer FILE      从 JSON 文件加入地方日历层（可重复）add a regional/local layer from a JSON file (repeatable)
  --format FMT      text（默认 default）或 json

输出 Output (text): 每行 one line per listed day: 日期 date, 休 (rest) 或 or 班 (make-up working day),
  名称 name, 星期 weekday. 普通周末不逐一列出 ordinary weekends are not listed one by one;
  最后统计全年工作日与休息日 a summary counts the year's working and rest days.
  下一年安排未收录时，年末几日标为待定 when the next year's arrangement is missing, the last days of
  December are marked as pending (they may belong to its 元旦 arrangement).

退出码 Exit: 0 成功 ok; 1 该年无数据 no data for the year; 2 用法错误 bad usage.
`;

interface Listed {
  date: string;
  off: boolean;
  name: string;
  weekday: string;
  layer: string;
}

function yearReport(cal: Calendar, year: number) {
  requireYear(cal, year);
  const days: Listed[] = listedDays(cal, year).map((m) => ({
    date: m.date,
    off: m.isOffDay,
    name: m.name,
    weekday: weekdayLabel(m.date),
    layer: m.layer.id,
  }));
  let working = 0;
  let rest = 0;
  const pending: string[] = [];
  for (let n = toDayNumber(year, 1, 1), end = toDayNumber(year + 1, 1, 1); n < end; n++) {
    const d = dateOf(n);
    if (!isKnownDay(cal, d)) {
      pending.push(d);
      continue;
    }
    if (dayInfo(cal, d).working) working++;
    else rest++;
  }
  return { year, calendar: cal.id, days, workingDays: working, restDays: rest, pending };
}

export const command: Command = {
  name: 'calendar',
  summary: '列出一年的节假日与调休 list a year\'s holidays and make-up working days',
  help,
  run: async (argv, io) => {
    const { values } = parseCommandArgs(
      argv,
      { year: { type: 'string' }, calendar: { type: 'string' }, layer: { type: 'string', multiple: true }, format: { type: 'string' } },
      false,
    );
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format 应为 text 或 json must be text or json: ${format}`);
    if (values.year === undefined) throw new UsageError('须给出 --year need --year YYYY');
    if (!/^\d{4}$/.test(values.year)) throw new UsageError(`--year 应为四位年份 must be a four-digit year: ${values.year}`);
    const year = Number(values.year);
    const ids = (values.calendar ?? 'national').split(',').map((s) => s.trim()).filter(Boolean);
    const cal = calendarOrUsage(ids, loadKnown(values.layer ?? []));
    let r;
    try {
      r = yearReport(cal, year);
    } catch (e) {
      if (e instanceof CalendarError && e.code === 'NO_DATA') {
        io.stderr(`landflow calendar: ${e.message}\n`);
        return EXIT_FINDINGS;
      }
      throw e;
    }
    if (format === 'json') {
      io.stdout(JSON.stringify(r, null, 2) + '\n');
      return EXIT_OK;
    }
    const out = [
      `# ${year} 年节假日与调休 holidays and make-up working days — 日历 calendar: ${cal.layers.map((l) => `${l.id} (${l.name})`).join(' + ')}`,
      '# 日期 date  休/班 rest/work  名称 name  星期 weekday',
    ];
    for (const d of r.days) {
      const layer = d.layer === 'national' ? '' : `  [${d.layer}]`;
      out.push(`${d.date}  ${d.off ? '休' : '班'}  ${d.off ? d.name : `${d.name} 调休上班`}  (${d.weekday})${layer}`);
    }
    const known = r.workingDays + r.restDays;
    out.push(
      `# 共 ${known} 天：工作日 ${r.workingDays}，休息日 ${r.restDays}（含周末） — ${known} days: ${r.workingDays} working, ${r.restDays} rest (weekends included)`,
    );
    if (r.pending.length) {
      out.push(
        `# 待定 pending: ${r.pending[0]} 至 ${r.pending[r.pending.length - 1]} — 缺少 ${year + 1} 年安排，可能属于其元旦放假或调休 (自 ${year}-${YEAR_END_SPILL_FROM} 起) no ${year + 1} arrangement yet; these days may belong to its New Year holiday`,
      );
    }
    io.stdout(out.join('\n') + '\n');
    return EXIT_OK;
  },
};
