// `landflow calendar --year Y`: the rest days and make-up working days of a year, with names and
// the notice they come from. `landflow calendar import FILE`: adds a year's official arrangement.
import { clauses, msg } from '../../../dsl/message.ts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { readTextOrJson } from '../format-option.ts';
import {
  CalendarError,
  DAY_KIND_LABEL,
  dayInfo,
  describeNotice,
  isKnownDay,
  isProvisionalDay,
  listedDays,
  requireYear,
  weekdayLabel,
  YEAR_END_SPILL_FROM,
  type Calendar,
} from '../../calendar/index.ts';
import { toDayNumber, dateOf } from '../../calendar/date.ts';
import { importYear } from '../../calendar/import.ts';
import { calendarDir } from '../../calendar/load.ts';
import { resolveDbTarget } from '../../store/index.ts';
import { calendarOrUsage, loadKnown } from './deadline.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const help = `landflow calendar — 列出一年的节假日与调休上班日
List a year's rest days and make-up working days, with their names.

用法 Usage:
  landflow calendar --year 2026 [--calendar IDS] [--layer FILE] [--format text|json]
  landflow calendar import FILE [--replace] [--format text|json]

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

  国务院尚未发布安排的年份标为「暂定」：按规则推算，不含调休上班日 (docs/periods.md)。
  A year without a State Council notice is marked provisional (暂定): computed, no make-up working days.

导入 import FILE: 加入一年的正式安排，无需改代码 add one year's official arrangement without a code change.
  文件格式同 engine/calendar/data/YYYY.json（engine/calendar/year.schema.json），并须有 "notices":
  The file has the format of engine/calendar/data/YYYY.json plus the notice it comes from:
    {"year": 2027, "papers": ["https://www.gov.cn/…"],
     "notices": [{"title": "国务院办公厅关于2027年部分节假日安排的通知", "number": "国办发明电〔2026〕N号",
                  "date": "2026-11-…", "url": "https://www.gov.cn/…"}],
     "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, …]}
  检查 checked: 格式、日期真实且属于该年、写明通知、法定节假日均为休息日 shape, real dates of that
  year, the notice named, every statutory holiday a rest day. 写入 written to $LANDFLOW_CALENDAR_DIR,
  否则数据库旁的 calendar/ else calendar/ beside the database (data/calendar/ by default).
  与随附年份或已导入年份重复时拒绝，除非 --replace a bundled or already imported year is refused
  unless --replace. 已开办的案件在下次办理时按新安排重新计算暂定期限 provisional case deadlines are
  recomputed (confirmed or changed) at the case's next step; restart a running server to load it.

退出码 Exit: 0 成功 ok; 1 该年无数据 no data for the year; 2 用法错误或数据有误 bad usage or bad data.
`;

interface Listed {
  date: string;
  off: boolean;
  name: string;
  kind: string;
  weekday: string;
  layer: string;
  provisional: boolean;
}

function yearReport(cal: Calendar, year: number) {
  requireYear(cal, year);
  const days: Listed[] = listedDays(cal, year).map((m) => {
    const known = isKnownDay(cal, m.date);
    return {
      date: m.date,
      off: m.isOffDay,
      name: m.name,
      kind: known ? renderBoth(DAY_KIND_LABEL[dayInfo(cal, m.date).kind]) : '',
      weekday: weekdayLabel(m.date),
      layer: m.layer.id,
      provisional: known && isProvisionalDay(cal, m.date),
    };
  });
  let working = 0;
  let rest = 0;
  const pending: string[] = [];
  const provisionalDays: string[] = [];
  for (let n = toDayNumber(year, 1, 1), end = toDayNumber(year + 1, 1, 1); n < end; n++) {
    const d = dateOf(n);
    if (!isKnownDay(cal, d)) {
      pending.push(d);
      continue;
    }
    if (isProvisionalDay(cal, d)) provisionalDays.push(d);
    if (dayInfo(cal, d).working) working++;
    else rest++;
  }
  const provisional = cal.layers
    .filter((l) => l.provisionalYears?.includes(year))
    .map((l) => ({ layer: l.id, basis: l.provisionalBasis! }));
  const notices = cal.layers.flatMap((l) => (l.notices ?? []).filter((n) => n.year === year).map((n) => ({ layer: l.id, ...n })));
  return {
    year,
    calendar: cal.id,
    provisional: provisionalDays.length > 0,
    provisionalLayers: provisional,
    provisionalDays,
    notices,
    days,
    workingDays: working,
    restDays: rest,
    pending,
  };
}

async function runImport(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { replace: { type: 'boolean' }, format: { type: 'string' } });
  const format = readTextOrJson(values.format);
  if (positionals.length !== 1) throw new UsageError(msg('cli.usage', { usage: 'landflow calendar import FILE [--replace]' }));
  const dir = calendarDir({ env: io.env, cwd: io.cwd, target: resolveDbTarget({ env: io.env, cwd: io.cwd }) });
  let r;
  try {
    r = importYear({ file: positionals[0]!, dir, replace: values.replace === true });
  } catch (e) {
    if (e instanceof CalendarError) throw new UsageError(e.text ?? e.message);
    throw e;
  }
  if (format === 'json') {
    io.stdout(JSON.stringify(r, null, 2) + '\n');
    return EXIT_OK;
  }
  const out = [`已导入 imported ${r.year} 年安排 → ${r.file}${r.replaced ? '（替换原有安排 replacing the earlier one）' : ''}`];
  if (r.changed.length) {
    out.push(
      `与此前的${r.replaced ? '' : '暂定'}日历相比，${r.changed.length} 天改变 — ${r.changed.length} days differ from the calendar before:`,
    );
    for (const c of r.changed) out.push(`  ${c.date} (${weekdayLabel(c.date)}): ${c.before} → ${c.after}`);
  } else {
    out.push('工作日与休息日与此前的日历相同 — no day changed between working and rest');
  }
  out.push('运行中的服务须重启后生效 restart a running server to use it');
  io.stdout(out.join('\n') + '\n');
  return EXIT_OK;
}

export const command: Command = {
  name: 'calendar',
  help,
  run: async (argv, io) => {
    if (argv[0] === 'import') return runImport(argv.slice(1), io);
    const { values } = parseCommandArgs(
      argv,
      { year: { type: 'string' }, calendar: { type: 'string' }, layer: { type: 'string', multiple: true }, format: { type: 'string' } },
      false,
    );
    const format = readTextOrJson(values.format);
    if (values.year === undefined) throw new UsageError(msg('cli.needYear'));
    if (!/^\d{4}$/.test(values.year)) throw new UsageError(msg('cli.fourDigitYear', { got: values.year }));
    const year = Number(values.year);
    const ids = (values.calendar ?? 'national')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const cal = calendarOrUsage(ids, loadKnown(values.layer ?? [], io));
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
      ...r.notices.map((n) => `# 依据 basis (${n.layer}): ${renderBoth(clauses([describeNotice(n)]))}`),
      ...r.provisionalLayers.map((p) => `# 暂定 provisional (${p.layer}): ${p.basis}`),
      '# 日期 date  休/班 rest/work  名称 name  类别 kind  星期 weekday',
    ];
    for (const d of r.days) {
      const layer = d.layer === 'national' ? '' : `  [${d.layer}]`;
      out.push(
        `${d.date}  ${d.off ? '休' : '班'}  ${d.off ? d.name : `${d.name} 调休上班`}  ${d.kind}  (${d.weekday})${layer}${d.provisional ? '  暂定' : ''}`,
      );
    }
    const known = r.workingDays + r.restDays;
    out.push(
      `# 共 ${known} 天：工作日 ${r.workingDays}，休息日 ${r.restDays}（含周末） — ${known} days: ${r.workingDays} working, ${r.restDays} rest (weekends included)`,
    );
    if (r.provisionalDays.length && !r.provisionalLayers.length) {
      out.push(
        `# 暂定 provisional: ${r.provisionalDays[0]} 至 ${r.provisionalDays[r.provisionalDays.length - 1]} — ${year + 1} 年安排尚未发布，这几天可能属于其元旦放假或调休 the ${year + 1} arrangement is not out; these days may belong to its New Year holiday`,
      );
    }
    if (r.pending.length) {
      out.push(
        `# 待定 pending: ${r.pending[0]} 至 ${r.pending[r.pending.length - 1]} — 缺少 ${year + 1} 年安排，可能属于其元旦放假或调休 (自 ${year}-${YEAR_END_SPILL_FROM} 起) no ${year + 1} arrangement yet; these days may belong to its New Year holiday`,
      );
    }
    io.stdout(out.join('\n') + '\n');
    return EXIT_OK;
  },
};
