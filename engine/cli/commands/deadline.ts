// `landflow deadline`: the date a court would compute for a period, and why.
import { msg } from '../../../dsl/message.ts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { readTextOrJson } from '../format-option.ts';
import {
  CalendarError,
  calendarFor,
  computeDeadline,
  type Calendar,
  type CalendarLayer,
  type CountingOverride,
  type Deadline,
  PROVISIONAL_LAST_YEAR,
} from '../../calendar/index.ts';
import { requireLocalDate } from '../../calendar/date.ts';
import { calendarDir, installedLayers, readLayerFile } from '../../calendar/load.ts';
import { isFailure, legalTextMessage, readPeriod } from '../../../dsl/legal-text/index.ts';
import { renderBoth } from '../../../dsl/messages.ts';
import { resolveDbTarget } from '../../store/index.ts';

const help = `landflow deadline — 计算期间的最后一日（民法典第二百条至第二百零四条）
Compute a period's last day by the Civil Code's rules (arts. 200–204, 1259).

用法 Usage:
  landflow deadline --start YYYY-MM-DD --period "3 工作日" [--after] [--explain] [--format text|json]
  landflow deadline --batch < lines.jsonl

选项 Options:
  --start DATE        起算日（当日不计入）the start day (not counted, art. 201)
  --period TEXT       期间 the period: "N 日" (或 天), "N 工作日", "N 月" (或 个月), "N 年", "半年";
                      也可写中文数字、不加空格：三个工作日、七日、十五日 (Chinese numerals, no space)
  --after             输出「…后」方可为之的第一日（最后一日的次日），而非最后一日
                      print the first day a "…后" act is allowed (the day after the last day)
  --calendar IDS      日历层，逗号分隔，默认 national calendar layers, comma-separated (default: national);
                      未知层为用法错误 an unknown id is a usage error listing the known ids
  --layer FILE        从 JSON 文件加入地方日历层（可重复）add a layer from a JSON file (repeatable):
                      {"id","name","level":"regional|local","source","years"?,"days":[{"date","name","isOffDay"}]}
  --override RULE     另行计算方法（民法典第二百零四条）a counting override: startDayCounted (开始当日计入),
                      noRollForward (不顺延), joined by "+"; needs --override-cite
  --override-cite C   另行计算的依据 where the override is laid down (e.g. "第十条")
  --explain           输出计算说明：起算日、规则及条文、跳过的每一日及原因、结果
                      print the explanation: start, rule and article, each day skipped and why, result
  --format FMT        text（默认 default）或 json: {"end", "lastDay", "provisional", "provisionalYears", "explanation"}
  --batch             从标准输入读取 JSON 行 read JSON lines from stdin:
                        {"start": "2025-09-30", "period": "3 工作日", "after": false, "calendar": "national"}
                      每行输出一行 one line out per line in, in order: {"end": "YYYY-MM-DD", "provisional": false} 或 or {"error": "..."}
                      (加 with --explain: 另含 also "explanation")

规则 Rules:
  日/月/年：开始的当日不计入 (第二百零一条)；月、年取到期月对应日，无对应日取月末 (第二百零二条)；
  最后一日为法定休假日（含未调休的周末）的，顺延至休假日结束的次日 (第二百零三条)。
  工作日：只计工作日，不含法定节假日 (行政许可法第八十二条；行政复议法第八十八条)；调休上班日为工作日。
  Days/months/years: start day not counted; corresponding day or month end; a last day on a rest day
  moves to the next working day. Working days: only working days count; a 调休 Saturday is one.
  暂定 provisional：国务院尚未发布某年安排时（内置数据至 2026 年），按放假办法及放假调休原则推算该年，
  结果标为「暂定」，不含调休上班日；正式安排可用 landflow calendar import 加入 (docs/periods.md)。
  A year whose State Council notice is not bundled or imported is computed from the known rules and
  the result is flagged provisional (暂定); it has no make-up working days. Beyond ${PROVISIONAL_LAST_YEAR}, or
  before the first bundled year, a date is an error, never a guess.

日历数据 Calendar data: 内置 bundled 2020–2026；导入的年份 imported years in $LANDFLOW_CALENDAR_DIR, else
  calendar/ beside the database ($LANDFLOW_DB, else data/landflow.db) — see landflow calendar import.

示例 Examples:
  landflow deadline --start 2025-09-30 --period "3 工作日"          → 2025-10-11
  landflow deadline --start 2026-01-15 --period 半年 --after         → 2026-07-16
  landflow deadline --start 2025-09-24 --period 七日 --explain

退出码 Exit: 0 成功 ok（含暂定结果 provisional results included）; 1 无法计算（超出可推算的年份）或批量中
  有错误行 cannot compute (a year beyond what can be computed) or a batch line failed; 2 用法错误 bad usage
  (bad date, period, calendar id, or unreadable calendar data).
`;

interface Job {
  start: unknown;
  period: unknown;
  after?: unknown;
  calendar?: unknown;
}

/** The installed layers (bundled + imported years) and any --layer files. */
export function loadKnown(files: string[], io: CliIO): Readonly<Record<string, CalendarLayer>> {
  let installed: Readonly<Record<string, CalendarLayer>>;
  try {
    installed = installedLayers(calendarDir({ env: io.env, cwd: io.cwd, target: resolveDbTarget({ env: io.env, cwd: io.cwd }) }));
  } catch (e) {
    if (e instanceof CalendarError) throw new UsageError(msg('cli.badCalendarData', { detail: e.text ?? e.message }));
    throw e;
  }
  if (files.length === 0) return installed;
  const known: Record<string, CalendarLayer> = { ...installed };
  for (const f of files) {
    let layer: CalendarLayer;
    try {
      layer = readLayerFile(f);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    if (layer.level === 'national') throw new UsageError(msg('cli.layerNotNational', { file: f }));
    known[layer.id] = layer;
  }
  return known;
}

function calendarIds(v: unknown): string[] {
  if (v === undefined) return ['national'];
  if (typeof v !== 'string' || !v.trim())
    throw new CalendarError('UNKNOWN_LAYER', msg('cli.calendarNotText', { got: String(JSON.stringify(v)) }));
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function calendarOrUsage(ids: string[], known: Readonly<Record<string, CalendarLayer>>): Calendar {
  try {
    return calendarFor(ids, known);
  } catch (e) {
    if (e instanceof CalendarError) throw new UsageError(e.text ?? e.message);
    throw e;
  }
}

/** One computation; errors that are the input's fault come back as CalendarError. */
function compute(job: Job, known: Readonly<Record<string, CalendarLayer>>, override: CountingOverride | undefined) {
  // The start first, as the calendar says it (computeDeadline would, but only after the period).
  const start = requireLocalDate(job.start, msg('calendar.what.start'));
  if (typeof job.period !== 'string')
    throw new CalendarError('BAD_PERIOD', msg('cli.periodMissing', { got: String(JSON.stringify(job.period)) }));
  const period = readPeriod(job.period);
  if (isFailure(period)) throw new CalendarError('BAD_PERIOD', legalTextMessage(period.error));
  if (job.after !== undefined && typeof job.after !== 'boolean') {
    throw new CalendarError('BAD_PERIOD', msg('cli.afterBoolean', { got: String(JSON.stringify(job.after)) }));
  }
  const calendar = calendarFor(calendarIds(job.calendar), known);
  return computeDeadline({ start, period, calendar, after: job.after === true, ...(override ? { override } : {}) });
}

/** The explanation as the command line prints it: each line in both languages. */
const explained = (r: Deadline) => r.explanation.map(renderBoth);

function jsonOf(r: Deadline) {
  return { end: r.end, lastDay: r.lastDay, provisional: r.provisional, provisionalYears: r.provisionalYears, explanation: explained(r) };
}

async function* lines(io: CliIO): AsyncGenerator<string> {
  let buf = '';
  for await (const chunk of io.readStdin()) {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      yield buf.slice(0, nl);
      buf = buf.slice(nl + 1);
    }
  }
  if (buf) yield buf;
}

/** Lines without their own "calendar" use the command line's --calendar. */
async function runBatch(
  io: CliIO,
  known: Readonly<Record<string, CalendarLayer>>,
  override: CountingOverride | undefined,
  explain: boolean,
  defaultCalendar: string | undefined,
): Promise<number> {
  let failed = false;
  let lineNo = 0;
  for await (const raw of lines(io)) {
    lineNo++;
    const text = raw.trim();
    if (!text) continue;
    let out: Record<string, unknown>;
    try {
      let job: unknown;
      try {
        job = JSON.parse(text);
      } catch (e) {
        throw new CalendarError('BAD_PERIOD', msg('cli.lineNotJson', { line: lineNo, detail: (e as Error).message }));
      }
      if (!job || typeof job !== 'object' || Array.isArray(job)) {
        throw new CalendarError('BAD_PERIOD', msg('cli.lineNotObject', { line: lineNo }));
      }
      const j = job as Job;
      const r = compute({ ...j, calendar: j.calendar ?? defaultCalendar }, known, override);
      out = { end: r.end, provisional: r.provisional, ...(explain ? { explanation: explained(r) } : {}) };
    } catch (e) {
      if (!(e instanceof CalendarError)) throw e;
      failed = true;
      out = { error: e.message };
    }
    io.stdout(JSON.stringify(out) + '\n');
  }
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

export const command: Command = {
  name: 'deadline',
  help,
  run: async (argv, io) => {
    const { values } = parseCommandArgs(
      argv,
      {
        start: { type: 'string' },
        period: { type: 'string' },
        after: { type: 'boolean' },
        calendar: { type: 'string' },
        layer: { type: 'string', multiple: true },
        override: { type: 'string' },
        'override-cite': { type: 'string' },
        explain: { type: 'boolean' },
        format: { type: 'string' },
        batch: { type: 'boolean' },
      },
      false,
    );
    const format = readTextOrJson(values.format);
    const known = loadKnown(values.layer ?? [], io);
    let override: CountingOverride | undefined;
    if (values.override !== undefined || values['override-cite'] !== undefined) {
      // The calendar's own words for it (engine/calendar/deadline.ts parseOverride), said before anything is read.
      if (!values.override || !values['override-cite']) throw new UsageError(msg('calendar.overrideNeedsCite'));
      override = { rule: values.override, cite: values['override-cite'] };
    }
    // A bad calendar id is bad usage in either mode: check it before reading anything.
    calendarOrUsage(calendarIds(values.calendar), known);

    if (values.batch) {
      if (values.start !== undefined || values.period !== undefined) throw new UsageError(msg('cli.batchAlone'));
      return runBatch(io, known, override, values.explain === true, values.calendar);
    }
    if (values.start === undefined || values.period === undefined) throw new UsageError(msg('cli.needStartPeriod'));
    let r;
    try {
      r = compute({ start: values.start, period: values.period, after: values.after === true, calendar: values.calendar }, known, override);
    } catch (e) {
      if (!(e instanceof CalendarError)) throw e;
      if (e.code === 'NO_DATA') {
        io.stderr(`landflow deadline: ${e.message}\n`);
        return EXIT_FINDINGS;
      }
      throw new UsageError(e.text ?? e.message);
    }
    if (format === 'json') io.stdout(JSON.stringify(jsonOf(r), null, 2) + '\n');
    else if (values.explain) io.stdout(explained(r).join('\n') + '\n');
    else
      io.stdout(
        r.end +
          (r.provisional
            ? `  暂定 provisional（依赖 ${r.provisionalYears.join('、')} 年的暂定安排 relies on the provisional ${r.provisionalYears.join(', ')} arrangement; --explain）`
            : '') +
          '\n',
      );
    return EXIT_OK;
  },
};
