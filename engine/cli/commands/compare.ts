// `landflow compare`: pilots side by side — their parameters with articles, or one household
// through every policy (eligibility, compensation, timeline), or that household along a sweep.
import { msg } from '../../../dsl/message.ts';
import { resolve } from 'node:path';
import { dateOption, EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import type { ProcedureKind } from '../../../dsl/case-model.ts';
import { CalendarError, calendarFor, type Calendar } from '../../calendar/index.ts';
import { EvaluateError } from '../../evaluate/index.ts';
import { compareCase } from '../../compare/case.ts';
import { sweepCase } from '../../compare/case-sweep.ts';
import { caseChart, caseSweepChart } from '../../compare/charts.ts';
import { formatCase, formatCaseSweep, formatTable } from '../../compare/format.ts';
import { readFormat } from '../format-option.ts';
import { CompareInputError, readCase, writeChart, writeOutput } from '../../compare/io.ts';
import { caseWorkbook, tableWorkbook } from '../../compare/xlsx.ts';
import { compareParameters } from '../../compare/parameters.ts';
import { ComparePolicyError, loadCompareEntries } from '../../compare/policies.ts';
import { parseSweep, SweepError } from '../../compare/sweep.ts';
import { TimelineError } from '../../compare/timeline.ts';

const help = `landflow compare — 各试点办法并列比较：参数（附条文）、同一农户在各办法下的结果与时间表、参数扫描
Compare pilots side by side: their comparable parameters (each with its article), one household
through every policy (eligibility, compensation, timeline), or that household along a sweep.

用法 Usage:
  landflow compare POLICY.yaml... [--format text|json|csv|markdown|xlsx] [--out FILE] [--reference CASE.json]
  landflow compare POLICY.yaml... --case CASE.json [--start YYYY-MM-DD] [--procedure exit|transfer]
                   [--mode MODE] [--format …] [--out FILE] [--chart OUT.svg]
  landflow compare POLICY.yaml... --case CASE.json --sweep TARGET=FROM:TO:STEP [--format …] [--chart OUT.svg]

不带 --case：参数表 Without --case: the parameter table
  每行是一个可比较的项目（通知期、公示期、异议期、补偿规则及参考市场下的每亩补偿、表决会议/基数/比例、
  部分退出上限、条件、退出模式、冷静期、反悔窗口、支付方、成员身份后果……），每格附其条文。行由政策
  自己声明（参数的 compare: 键、规则的 implements:、模式的 membership:），不按名称猜测。
  One row per comparable item, each cell with its article; rows come from what each policy declares
  (compare: keys, implements: tags, modes), never guessed from names. The per-亩 row evaluates each
  policy for a reference household (rent 500 元/亩/年, subsidy 106.5, acquisition standard 48000 元/亩,
  negotiated 14000 元/亩, zone 一级, 1.00 亩); --reference CASE.json uses your own household instead.
  csv: key,label, then for each policy two columns: its value and its article (条文 cite).

带 --case：同一农户 With --case: one household through every policy
  每个政策：是否符合条件（不符合的规则及条文）、补偿（元，含大写）、时间表（各步骤最早日期及计算说明）、
  最早办结日。案件自带的日期（如 exit.noticeDate）优先；没有日期的步骤从 --start 起算。期间按民法典
  第二百零一条至第二百零三条及工作日日历计算；缺少节假日数据的年份记为错误，不作推测。
  For each policy: eligible or not (the refusing rules with their articles), compensation (元 and
  大写), the timeline (each step's earliest date with its explanation) and the earliest completion.
  The case's own dates (exit.noticeDate …) win; steps without one start at --start. A year without
  holiday data is reported as an error in the timeline, never guessed.
  A case asking for an exit mode a policy does not offer is refused by it (mode-not-offered).
  json: [{policy, name, mode, eligible, failed[], warnings[], compensation {amount, words, perMu?},
         timeline [{step, label, date, role, periodEnd?, explanation[]}], completeBy}]

带 --sweep：参数扫描 With --sweep: the household along a sweep
  TARGET 为案件数值字段（如 market.rentPerMuYear、exit.negotiatedPricePerMu）或 param:键（参数名或
  compare: 键，如 param:compensationYears），每点给出各政策是否符合条件及补偿。
  TARGET is a numeric case field (market.rentPerMuYear, exit.negotiatedPricePerMu …) or param:KEY (a
  parameter name or compare: key, e.g. param:compensationYears=20:40:5); at most 201 points.

选项 Options:
  --case FILE        案件 JSON the case file (domain.md §8)
  --start DATE       起算日 where steps without a date of their own start
  --procedure P      exit（默认 default）或 or transfer
  --mode MODE        对所有政策申请此退出模式 ask every policy for this exit mode (permanent | currentTerm | custody)
  --calendar IDS     日历层（逗号分隔）calendar layers for every policy (default: each policy's own,
                     未捆绑的地方层按全国日历 layers not bundled fall back to national)
  --sweep SPEC       TARGET=FROM:TO:STEP
  --reference FILE   参数表每亩补偿所用的参考农户 the household for the table's per-亩 row
  --format FMT       text（默认 default）| json | csv | markdown | xlsx（Excel 工作簿，与 csv 同样的单元格
                     the cells of the csv as a workbook; needs --out; not with --sweep）
  --out FILE         写入文件而不是终端 write to FILE instead of the terminal
  --chart OUT.svg    写出 SVG 图表 write an SVG chart: 各政策补偿柱状图 compensation per policy
                     (--case), 或扫描折线图 or the sweep's lines (--sweep)

退出码 Exit: 0 成功 ok; 2 用法错误、文件无法读取、政策有错误或案件无效 bad usage, unreadable
  file, a policy with errors or an invalid case.

示例 Examples:
  landflow compare policies/*.yaml
  landflow compare policies/*.yaml --format csv > 比较.csv
  landflow compare policies/*.yaml --format xlsx --out 比较.xlsx
  landflow compare policies/qinzhou.yaml policies/neijiang.yaml policies/liangping.yaml \\
      --case examples/household-qinzhou.json --start 2026-01-15 --format json
  landflow compare policies/*.yaml --case examples/household-qinzhou.json --sweep market.rentPerMuYear=300:900:100 --chart 扫描.svg
`;

function calendarSource(ids: string | undefined): Calendar | ((layers: string[]) => Calendar) {
  if (ids !== undefined) {
    try {
      return calendarFor(
        ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    } catch (e) {
      if (e instanceof CalendarError) throw new UsageError(e.text ?? e.message);
      throw e;
    }
  }
  return (layers: string[]) => calendarFor(layers);
}

export const command: Command = {
  name: 'compare',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      case: { type: 'string' },
      start: { type: 'string' },
      procedure: { type: 'string' },
      mode: { type: 'string' },
      calendar: { type: 'string' },
      sweep: { type: 'string' },
      reference: { type: 'string' },
      format: { type: 'string' },
      chart: { type: 'string' },
      out: { type: 'string' },
    });
    const { format, xlsx } = readFormat(values, msg('cli.xlsxScope.compare'));
    const out = values.out;
    // xlsx is refused with --sweep above, so a workbook is there whenever xlsx is asked for.
    const emit = async (text: () => string, workbook?: () => Promise<Buffer>) => {
      if (!out) return io.stdout(text());
      writeOutput(resolve(io.cwd, out), xlsx && workbook ? await workbook() : text(), out);
    };
    if (positionals.length === 0) throw new UsageError(msg('cli.givePolicyFiles', { usage: 'landflow compare policies/*.yaml' }));
    const procedure = (values.procedure ?? 'exit') as ProcedureKind;
    if (procedure !== 'exit' && procedure !== 'transfer') throw new UsageError(msg('cli.procedure', { got: values.procedure }));
    dateOption('--start', values.start);
    if (!values.case && (values.start || values.sweep || values.mode || values.chart || values.procedure)) {
      throw new UsageError(msg('cli.needsCase'));
    }
    if (values.case && values.reference) throw new UsageError(msg('cli.referenceWithoutCase'));

    try {
      const entries = loadCompareEntries(positionals, io.cwd);
      const calendar = calendarSource(values.calendar);
      if (!values.case) {
        const reference = values.reference ? readCase(resolve(io.cwd, values.reference), values.reference) : undefined;
        const table = compareParameters(entries, { calendar, ...(reference ? { reference } : {}) });
        await emit(
          () => formatTable(table, format),
          () => tableWorkbook(table),
        );
        return EXIT_OK;
      }
      const kase = readCase(resolve(io.cwd, values.case), values.case);
      if (!kase[procedure]) throw new UsageError(msg('cli.caseNoSection', { file: values.case, procedure }));
      if (values.sweep) {
        const s = sweepCase({ entries, kase, sweep: parseSweep(values.sweep), procedure, ...(values.mode ? { mode: values.mode } : {}) });
        await emit(() => formatCaseSweep(s, format));
        if (values.chart) writeChart(resolve(io.cwd, values.chart), caseSweepChart(s), values.chart);
        return EXIT_OK;
      }
      const results = compareCase({
        entries,
        kase,
        procedure,
        calendar,
        ...(values.start ? { start: values.start } : {}),
        ...(values.mode ? { mode: values.mode } : {}),
      });
      await emit(
        () => formatCase(results, format),
        () => caseWorkbook(results),
      );
      if (values.chart) writeChart(resolve(io.cwd, values.chart), caseChart(results), values.chart);
      return EXIT_OK;
    } catch (e) {
      if (e instanceof ComparePolicyError || e instanceof CompareInputError || e instanceof SweepError || e instanceof TimelineError)
        throw new UsageError(e.text ?? e.message);
      if (e instanceof EvaluateError)
        throw new UsageError(
          e.pointer ? msg('at.problem', { where: `${values.case}: ${e.pointer}`, problem: e.text ?? e.message }) : (e.text ?? e.message),
        );
      throw e;
    }
  },
};
