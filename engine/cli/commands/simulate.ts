// `landflow simulate`: a synthetic population through every policy — who is eligible where and
// why not, what compensation costs the collectives, who gains under which scheme; or one market
// input or parameter swept over a range. Deterministic for a seed.
import { msg } from '../../../dsl/message.ts';
import { resolve } from 'node:path';
import { EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import type { ProcedureKind } from '../../../dsl/case-model.ts';
import { readFormat } from '../format-option.ts';
import { WorkerPool, workerCount } from '../../compare/population/pool.ts';

/** ECharts is large: loaded only when a chart is asked for. */
const charts = () => import('../../compare/charts.ts');
const workbooks = () => import('../../compare/xlsx.ts');
/** The per-household export (CSV and Parquet writers): loaded only with --export. */
const exporter = () => import('../../compare/export.ts');

/**
 * What a run needs beyond the arguments: the checker, the population generator and the kernels,
 * loaded after the helper threads are started (a thread's start-up overlaps with loading them).
 */
const runModules = () =>
  Promise.all([
    import('../../compare/format.ts'),
    import('../../compare/io.ts'),
    import('../../compare/policies.ts'),
    import('../../compare/simulate.ts'),
    import('../../compare/sweep.ts'),
  ]);

const help = `landflow simulate — 合成人口在各试点办法下的模拟：符合率及不符合原因、补偿分布与成本、谁更受益
Simulate a synthetic population under each pilot: eligibility rate and reasons for refusal, the
distribution and cost of compensation, and who is better off under which scheme.

用法 Usage:
  landflow simulate --population SPEC.yaml --policies POLICY.yaml... [--n 100000] [--seed 1]
                    [--format text|json|csv|markdown|xlsx] [--out FILE] [--chart OUT.svg] [--export FILE.csv|FILE.parquet]
                    [--workers N|auto]
  landflow simulate --population SPEC.yaml --policies POLICY.yaml... --sweep TARGET=FROM:TO:STEP [--n …]

人口规格 The population spec (YAML, examples/populations/qinzhou-county.yaml):
  各镇的权重与市场输入（流转费、地力补贴、征地补偿标准、片区），户的人口、户主年龄、户口、非农收入占比、
  稳定收入、城镇住所、社保、共有人同意，地块数、面积、地类，承包期，以及申请的内容（整户或部分、模式、
  支付方、通知日期、协商价格）的分布；默认户数与种子。分布写法：一个值；{ choice: {值: 权重} }；
  { p: 概率 }；{ uniform: [低, 高] }；{ normal: {mean, sd} }；{ lognormal: {median, sigma} }；
  { beta: {a, b} }（可加 min、max、round）；{ dateRange: [起, 止] }；
  { by: nonFarmIncomeShare|headAge|size, brackets: [{ below: x, p|value }, …, { p|value }] }。
  Places with weights and market inputs, and distributions of household size, head's age, hukou,
  non-farm income share, conditions, parcels and what each household asks for. --population also
  takes the id of a bundled spec (examples/populations/ID.yaml).

输出 Output (per policy):
  households, eligible, eligibilityRate, refusals [{rule, label, cite, count, share, alone}],
  compensation {count, total, mean, min, p10, p25, median, p75, p90, max} (元, 只计符合条件的户
  eligible households only; quantiles are household amounts, nearest rank), notComputable,
  cost {group, village, county} (按每户 exit.payer 归集 by each household's payer),
  betterOff {best: 本方案补偿最高的户占比 share paid most here (ties count for each), than: {other: share
  paid strictly more here}}, byPlace [{town, households, eligible, eligibilityRate, total}];
  and histogram {edges, counts} (the chart's numbers). 金额为十进制字符串 amounts are decimal strings.
  合计等于逐户结果之和（以分为单位精确累加）totals are exact sums of the per-household amounts.
  同一种子、同一户数，结果逐字节相同（与线程数无关）same seed and n → byte-identical output, whatever
  the number of threads.

选项 Options:
  --population SPEC  人口规格文件或内置编号 a spec file or a bundled id (qinzhou-county)
  --policies FILE…   政策文件（可跟多个，或重复此选项）policy files (several after it, or repeat it)
  --n N              户数 households (default: the spec's households)
  --seed S           随机种子 the seed (default: the spec's seed)
  --procedure P      exit（默认 default）
  --sweep SPEC       TARGET=FROM:TO:STEP：案件数值字段（同一取值用于每户）或 param:参数名/compare 键
                     a numeric case field set for every household (market.rentPerMuYear=300:900:100)
                     or param:KEY (param:compensationYears=20:40:5); 各点共用同一批农户，只重算受影响的部分
                     every point on the same households, recomputing only what the input reaches
  --format FMT       text（默认 default）| json | csv | markdown | xlsx（汇总表的 Excel 工作簿，与 csv 同样的
                     单元格 the summary's csv cells as a workbook; needs --out; not with --sweep）
  --out FILE         写入文件而不是终端 write to FILE instead of the terminal
  --chart OUT.svg    SVG 图表：补偿分布直方图，或扫描的平均补偿折线 the compensation histogram, or the
                     sweep's mean compensation lines (ECharts server-side rendering)
  --export FILE      逐户导出：各户的输入及每个政策的结果（是否符合、不符合的规则、补偿）。按扩展名：
                     .csv（UTF-8 带 BOM，单元格防公式注入）或 .parquet（金额为 DECIMAL(18,2)）；各政策
                     金额之和等于其合计（精确到分）per-household export: each household's inputs and, per
                     policy, eligible, refusing rules and amount; .csv (UTF-8 with BOM, cells neutralised
                     against formulas) or .parquet (amounts DECIMAL(18,2)); amounts add up to the totals
  --workers N|auto   工作线程数 threads, this one included (auto: one per core once n ≥ 100000)
  进度条只在 stderr 为终端时显示 a progress bar is drawn on stderr only when it is a terminal.

退出码 Exit: 0 成功 ok; 2 用法错误、文件无法读取、人口规格或政策有错误 bad usage, an unreadable
  file, a spec or policy with errors (file:line:column).

示例 Examples:
  landflow simulate --population examples/populations/qinzhou-county.yaml --policies policies/*.yaml --n 20000 --seed 1
  landflow simulate --population qinzhou-county --policies policies/*.yaml --format json > 模拟.json
  landflow simulate --population qinzhou-county --policies policies/*.yaml --n 10000 \\
      --sweep market.rentPerMuYear=300:900:100 --chart 流转费扫描.svg
`;

export const command: Command = {
  name: 'simulate',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      population: { type: 'string' },
      policies: { type: 'string', multiple: true },
      n: { type: 'string' },
      seed: { type: 'string' },
      procedure: { type: 'string' },
      sweep: { type: 'string' },
      format: { type: 'string' },
      chart: { type: 'string' },
      workers: { type: 'string' },
      export: { type: 'string' },
      out: { type: 'string' },
    });
    const { format, xlsx } = readFormat(values, msg('cli.xlsxScope.simulate'));
    if (!values.population) throw new UsageError(msg('cli.missing', { option: '--population', usage: '--population SPEC.yaml' }));
    // The shell expands --policies policies/*.yaml into one option and several positionals.
    const files = [...(values.policies ?? []).flatMap((p) => p.split(',')), ...positionals].map((s) => s.trim()).filter(Boolean);
    if (files.length === 0) throw new UsageError(msg('cli.missing', { option: '--policies', usage: '--policies POLICY.yaml…' }));
    const int = (v: string | undefined, what: string, max: number): number | undefined => {
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max)
        throw new UsageError(msg('population.wholeNumber', { field: what, max, value: v }));
      return Number(v);
    };
    const n = int(values.n, '--n', 10_000_000);
    const seed = int(values.seed, '--seed', 2 ** 32 - 1);
    const procedure = (values.procedure ?? 'exit') as ProcedureKind;
    if (procedure !== 'exit') throw new UsageError(msg('cli.onlyExitSimulated', { got: values.procedure }));
    let workers: number | 'auto' = 'auto';
    if (values.workers !== undefined && values.workers !== 'auto') workers = int(values.workers, '--workers', 64)!;
    if (values.export !== undefined && values.sweep) throw new UsageError(msg('cli.exportNotSweep'));

    // Helper threads start as soon as their number is known — with --n, before anything else is
    // loaded: their start-up (tsx, modules) overlaps with loading the checker and checking the
    // policies. A sweep's points count only once it is parsed, the spec's households once it is read.
    const early = n !== undefined && !values.sweep ? workerCount(n, workers) : 0;
    let pool = early > 1 ? new WorkerPool({ size: early - 1, maxQueue: early }) : undefined;
    void pool?.warm().catch(() => undefined);
    const tty = Boolean(process.stderr.isTTY) && !io.env.LANDFLOW_NO_PROGRESS;
    let bar: { update: (done: number, total: number) => void; done: () => void } | undefined;
    try {
      const [
        { formatPopulationSweep, formatSimulation },
        { CompareInputError, bundledPopulations, progressBar, readPopulation, writeChart, writeOutput },
        { ComparePolicyError, loadCompareEntries },
        { runSimulation, simulateSweep },
        { parseSweep, SweepError },
      ] = await runModules();
      const emit = (text: string) => (values.out ? writeOutput(resolve(io.cwd, values.out), text, values.out) : io.stdout(text));
      try {
        const exporting = values.export !== undefined ? await exporter() : undefined;
        if (exporting) exporting.exportFormatOf(values.export!);
        const bundled = bundledPopulations().find((p) => p.id === values.population);
        const specPath = /[/\\.]/.test(values.population) || !bundled ? resolve(io.cwd, values.population) : bundled.file;
        const spec = readPopulation(specPath, values.population);
        const sweep = values.sweep ? parseSweep(values.sweep) : undefined;
        const threads = early || workerCount((n ?? spec.households) * (sweep?.values.length ?? 1), workers);
        if (!pool && threads > 1) {
          pool = new WorkerPool({ size: threads - 1, maxQueue: threads });
          void pool.warm().catch(() => undefined);
        }
        const entries = loadCompareEntries(files, io.cwd);
        bar = tty ? progressBar(io.stderr, '模拟 simulating') : undefined;
        const common = {
          spec,
          entries,
          procedure,
          workers: threads,
          ...(pool ? { pool } : {}),
          ...(n ? { n } : {}),
          ...(seed ? { seed } : {}),
          ...(bar ? { onProgress: bar.update } : {}),
        };
        if (sweep) {
          const s = await simulateSweep({ ...common, sweep });
          bar?.done();
          emit(formatPopulationSweep(s, format));
          if (values.chart) writeChart(resolve(io.cwd, values.chart), (await charts()).populationSweepChart(s), values.chart);
          return EXIT_OK;
        }
        const run = await runSimulation({ ...common, outcomes: exporting !== undefined });
        bar?.done();
        const r = run.result;
        if (values.export && exporting) {
          const exportBar = tty ? progressBar(io.stderr, '导出 exporting') : undefined;
          const policies = entries.map((e, j) => ({ id: e.id, reasons: run.runner.reasons[j]! }));
          await exporting.exportHouseholds(
            resolve(io.cwd, values.export),
            { spec, seed: r.population.seed, n: r.population.n, policies, merged: run.merged },
            exportBar?.update,
          );
          exportBar?.done();
        }
        if (xlsx) writeOutput(resolve(io.cwd, values.out!), await (await workbooks()).simulationWorkbook(r), values.out);
        else emit(formatSimulation(r, format));
        if (values.chart) writeChart(resolve(io.cwd, values.chart), (await charts()).distributionChart(r), values.chart);
        return EXIT_OK;
      } catch (e) {
        if (e instanceof ComparePolicyError || e instanceof CompareInputError || e instanceof SweepError)
          throw new UsageError(e.text ?? e.message);
        throw e;
      }
    } finally {
      bar?.done();
      await pool?.close();
    }
  },
};
