// Populations: a synthetic county through every policy — eligibility rate and reasons, the
// distribution and cost of compensation, who gains under which scheme — deterministic for a seed
// whatever the number of threads. Also sweeps over a population: every point in one pass over the
// same generated households (population/run.ts scenarios), computing again only what the swept
// input reaches.
import type { ProcedureKind } from '../../dsl/case-model.ts';
// overrides.ts, not policies.ts: worker threads load this module, and policies.ts brings the checker.
import { ComparePolicyError, withOverrides, type ParamOverride } from './overrides.ts';
import type { CompareEntry } from './policies.ts';
import { workerCount, WorkerPool } from './population/pool.ts';
import { populationRunner, type CaseOverride, type ChunkResult, type PopulationRunner, type Scenario } from './population/run.ts';
import type { PopulationSpec } from './population/spec.ts';
import {
  mergeChunks,
  mergePoints,
  mergeStats,
  pointStats,
  policyStats,
  type ChunkStats,
  type Histogram,
  type Merged,
  type PolicyStats,
  type StatsKind,
} from './population/stats.ts';
import type { RunSetup } from './population/worker.ts';
import { describeTarget, type Sweep } from './sweep.ts';
import { msg } from '../../dsl/message.ts';

export interface SimulateOptions {
  spec: PopulationSpec;
  entries: CompareEntry[];
  /** Default: the spec's `households`. */
  n?: number;
  /** Default: the spec's `seed`. */
  seed?: number;
  procedure?: ProcedureKind;
  caseOverrides?: CaseOverride[];
  paramOverrides?: ParamOverride[];
  /** Threads, the calling one included: a number, or 'auto' (one per core once the run is large enough to pay). */
  workers?: number | 'auto';
  /** Helper threads to use instead of starting a pool for this run (kept running afterwards). */
  pool?: WorkerPool;
  onProgress?: (done: number, total: number) => void;
  /**
   * Keep the per-household outcomes for SimulationRun.merged (the export). Without it each thread
   * evaluates its chunks into arrays it reuses and returns their statistics only.
   */
  outcomes?: boolean;
}

export interface SimulationResult {
  population: { id: string; name: string; n: number; seed: number; year: number };
  procedure: ProcedureKind;
  overrides?: { case: CaseOverride[]; parameters: ParamOverride[] };
  policies: PolicyStats[];
  histogram: Histogram;
}

/** Chunks big enough that messages are rare, small enough that threads finish together. */
export function chunkSize(n: number, threads: number): number {
  return Math.max(2_000, Math.min(50_000, Math.ceil(n / (threads * 8))));
}

interface RunInput {
  spec: PopulationSpec;
  entries: CompareEntry[];
  n: number;
  seed: number;
  procedure: ProcedureKind;
  /** Per scenario: parameter and case overrides (a plain run has one). */
  scenarios: { params: ParamOverride[]; cases: CaseOverride[] }[];
  workers: number;
  /** What each chunk is summarised for, where it is evaluated. */
  stats: StatsKind;
  /** Whether the chunks' per-household outcomes are kept (RunnerOptions.outcomes). */
  outcomes: boolean;
  pool?: WorkerPool;
  onProgress?: (done: number, total: number) => void;
}

/** Households [0, n) of every scenario: one runner here, helper threads for the rest; the chunks in household order. */
async function runScenarios(r: RunInput): Promise<{ chunks: ChunkResult[]; runner: PopulationRunner }> {
  const scenarios: Scenario[] = r.scenarios.map((s) => ({
    compiled: r.entries.map((e) => withOverrides(e, s.params).compiled),
    overrides: s.cases,
  }));
  // This thread's runner (every policy's kernels) is compiled with its first chunk, after the
  // helpers have been sent theirs: they compile their own meanwhile rather than after it.
  let runner: PopulationRunner | undefined;
  const mine = () =>
    (runner ??= populationRunner(r.spec, r.seed, scenarios, { procedure: r.procedure, stats: r.stats, outcomes: r.outcomes }));
  const helpers = r.workers - 1;
  if (helpers < 1) {
    // In chunks as the threads' (statistics merge exactly whatever the split, stats.ts): arrays
    // reused from chunk to chunk stay a chunk long.
    const size = chunkSize(r.n, 1);
    const chunks: ChunkResult[] = [];
    for (let a = 0; a < r.n; a += size)
      chunks.push(mine().run(a, Math.min(r.n, a + size), r.onProgress ? (d) => r.onProgress!(a + d, r.n) : undefined));
    return { chunks, runner: mine() };
  }
  const setup: RunSetup = {
    spec: { source: r.spec.source, file: r.spec.file },
    policies: r.entries.map((e) => e.policy),
    seed: r.seed,
    procedure: r.procedure,
    scenarios: r.scenarios,
    stats: r.stats,
    outcomes: r.outcomes,
  };
  const own = r.pool ? null : new WorkerPool({ size: helpers, maxQueue: helpers });
  const pool = r.pool ?? own!;
  try {
    const chunks = await runChunks(setup, r.n, helpers, pool, (from, to, p) => mine().run(from, to, p), r.onProgress);
    return { chunks, runner: mine() };
  } finally {
    await own?.close();
  }
}

/**
 * Runs households [0, n) on the calling thread (`local`) and `helpers` pool threads, which take
 * ranges from one queue once they are ready — a thread still starting costs nothing, the calling
 * thread is already working. Returns the chunks in household order (this thread's in slices).
 */
export async function runChunks(
  setup: RunSetup,
  n: number,
  helpers: number,
  pool: WorkerPool,
  local: ((from: number, to: number, onProgress?: (done: number) => void) => ChunkResult) | null,
  onProgress?: (done: number, total: number) => void,
): Promise<ChunkResult[]> {
  const size = chunkSize(n, helpers + 1);
  const ranges: [number, number][] = [];
  for (let a = 0; a < n; a += size) ranges.push([a, Math.min(n, a + size)]);
  const results: (ChunkResult | ChunkResult[])[] = new Array(ranges.length);
  const done = new Array<number>(ranges.length).fill(0);
  let total = 0;
  const report = (k: number, d: number) => {
    total += d - done[k]!;
    done[k] = d;
    onProgress?.(total, n);
  };
  let next = 0;
  let failure: unknown;
  const helper = async (): Promise<void> => {
    await pool.warm(helpers);
    while (failure === undefined && next < ranges.length) {
      const k = next++;
      const [from, to] = ranges[k]!;
      try {
        results[k] = await pool.run<ChunkResult>({ type: 'chunk', setup, from, to }, { onProgress: (d) => report(k, d) });
        report(k, to - from);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  const running = Array.from({ length: helpers }, helper);
  // The calling thread works through the queue too, yielding so that the helpers' messages are
  // handled — once before its first chunk, so that ready helpers are sent theirs before this thread
  // starts on one (which may compile its kernels first), and every LOCAL_SLICE households of its
  // own chunks: a helper that finishes waits for this thread to send it the next chunk, and a
  // whole chunk here kept it waiting half a chunk's time on average. A chunk run here in slices
  // gives one result per slice; statistics merge exactly whatever the split (stats.ts).
  const yieldNow = () => new Promise<void>((r) => setImmediate(r));
  if (local) await yieldNow();
  while (local && failure === undefined && next < ranges.length) {
    const k = next++;
    const [from, to] = ranges[k]!;
    const slices: ChunkResult[] = [];
    for (let a = from; a < to; a += LOCAL_SLICE) {
      slices.push(local(a, Math.min(to, a + LOCAL_SLICE), (d) => report(k, a - from + d)));
      await yieldNow();
    }
    results[k] = slices;
  }
  await Promise.all(running);
  if (failure !== undefined) throw failure;
  return results.flat();
}

/** Households the calling thread evaluates between two looks at its helpers' messages (a few ms). */
const LOCAL_SLICE = 4096;

/** A simulation's statistics and the per-household outcomes they come from (the export reads both). */
export interface SimulationRun {
  result: SimulationResult;
  /** The per-household outcomes in household order, merged from the chunks when first read (SimulateOptions.outcomes). */
  readonly merged: Merged;
  runner: PopulationRunner;
}

const statsOf = (chunks: ChunkResult[]): ChunkStats[] => chunks.map((c) => c.stats!);

export async function runSimulation(opts: SimulateOptions): Promise<SimulationRun> {
  const { spec } = opts;
  const n = opts.n ?? spec.households;
  const seed = opts.seed ?? spec.seed;
  const procedure = opts.procedure ?? 'exit';
  const caseOverrides = opts.caseOverrides ?? [];
  const paramOverrides = opts.paramOverrides ?? [];
  // The spec's households are checked when it is read, --n by the CLI and the routes' schemas: a programmer's error.
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`internal: n must be a positive whole number: ${n}`);
  const { chunks, runner } = await runScenarios({
    spec,
    entries: opts.entries,
    n,
    seed,
    procedure,
    scenarios: [{ params: paramOverrides, cases: caseOverrides }],
    workers: workerCount(n, opts.workers),
    stats: 'simulation',
    outcomes: opts.outcomes === true,
    ...(opts.pool ? { pool: opts.pool } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const stats = policyStats(
    mergeStats(statsOf(chunks)),
    opts.entries.map((e, j) => ({ id: e.id, name: e.policy.meta.shortName, reasons: runner.reasons[j]! })),
    spec.places.map((p) => p.town),
  );
  const result: SimulationResult = {
    population: { id: spec.id, name: spec.name, n, seed, year: spec.year },
    procedure,
    ...(caseOverrides.length || paramOverrides.length ? { overrides: { case: caseOverrides, parameters: paramOverrides } } : {}),
    policies: stats.policies,
    histogram: stats.histogram,
  };
  let merged: Merged | undefined;
  return {
    result,
    get merged() {
      return (merged ??= mergeChunks(chunks, opts.entries.length));
    },
    runner,
  };
}

export async function simulate(opts: SimulateOptions): Promise<SimulationResult> {
  return (await runSimulation(opts)).result;
}

export interface PopulationSweepPoint {
  value: string;
  policies: { policy: string; eligibilityRate: number; mean: string | null; median: string | null; total: string; affected: boolean }[];
}

export interface PopulationSweep {
  population: SimulationResult['population'];
  sweep: { target: string; text: string; values: string[] };
  policies: { policy: string; name: string }[];
  points: PopulationSweepPoint[];
}

/**
 * Every point of the sweep over the same households, in one pass: the households are generated
 * once and each policy's kernel nodes that the swept input does not reach are computed once
 * (population/run.ts). `affected` says whether the point changed that policy at all.
 */
export async function simulateSweep(opts: SimulateOptions & { sweep: Sweep }): Promise<PopulationSweep> {
  const { sweep, spec } = opts;
  const t = sweep.target;
  if (t.kind === 'param' && !opts.entries.some((e) => e.policy.parameters.some((x) => x.name === t.key || x.compare === t.key))) {
    throw new ComparePolicyError(msg('compare.noSweepTarget', { key: JSON.stringify(t.key) }));
  }
  const n = opts.n ?? spec.households;
  const seed = opts.seed ?? spec.seed;
  // The spec's households are checked when it is read, --n by the CLI and the routes' schemas: a programmer's error.
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`internal: n must be a positive whole number: ${n}`);
  const caseOverrides = opts.caseOverrides ?? [];
  const paramOverrides = opts.paramOverrides ?? [];
  const scenarios = sweep.values.map((value) => ({
    params: t.kind === 'param' ? [...paramOverrides, { key: t.key, value }] : paramOverrides,
    cases: t.kind === 'case' ? [...caseOverrides, { path: t.path, value }] : caseOverrides,
  }));
  const { chunks } = await runScenarios({
    spec,
    entries: opts.entries,
    n,
    seed,
    procedure: opts.procedure ?? 'exit',
    scenarios,
    workers: workerCount(n * scenarios.length, opts.workers),
    stats: 'points',
    outcomes: false,
    ...(opts.pool ? { pool: opts.pool } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const P = opts.entries.length;
  const merged = mergePoints(statsOf(chunks));
  const points: PopulationSweepPoint[] = sweep.values.map((value, k) => ({
    value,
    policies: opts.entries.map((e, j) => {
      const s = pointStats(merged[k * P + j]!, n);
      return {
        policy: e.id,
        eligibilityRate: s.eligibilityRate,
        mean: s.mean,
        median: s.median,
        total: s.total,
        affected: t.kind === 'case' || e.policy.parameters.some((x) => x.name === t.key || x.compare === t.key),
      };
    }),
  }));
  return {
    population: { id: spec.id, name: spec.name, n, seed, year: spec.year },
    sweep: { target: describeTarget(sweep.target), text: sweep.text, values: sweep.values },
    policies: opts.entries.map((e) => ({ policy: e.id, name: e.policy.meta.shortName })),
    points,
  };
}
