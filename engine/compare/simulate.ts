// Populations: a synthetic county through every policy — eligibility rate and reasons, the
// distribution and cost of compensation, who gains under which scheme — deterministic for a seed
// whatever the number of threads. Also sweeps over a population.
import { availableParallelism } from 'node:os';
import type { ProcedureKind } from '../../dsl/case-model.ts';
import { ComparePolicyError, withOverrides, type CompareEntry, type ParamOverride } from './policies.ts';
import { runPooled } from './population/pool.ts';
import { populationRunner, type CaseOverride, type ChunkResult } from './population/run.ts';
import type { PopulationSpec } from './population/spec.ts';
import { mergeChunks, policyStats, type Histogram, type PolicyStats } from './population/stats.ts';
import { describeTarget, type Sweep } from './sweep.ts';

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
  onProgress?: (done: number, total: number) => void;
}

export interface SimulationResult {
  population: { id: string; name: string; n: number; seed: number; year: number };
  procedure: ProcedureKind;
  overrides?: { case: CaseOverride[]; parameters: ParamOverride[] };
  policies: PolicyStats[];
  histogram: Histogram;
}

/** Below this many households a worker's start-up costs more than it saves. */
export const WORKERS_FROM = 100_000;

export function workerCount(n: number, requested: number | 'auto' | undefined): number {
  if (typeof requested === 'number') return Math.max(1, Math.floor(requested));
  if (n < WORKERS_FROM) return 1;
  return Math.max(1, availableParallelism());
}

export async function simulate(opts: SimulateOptions): Promise<SimulationResult> {
  const { spec } = opts;
  const n = opts.n ?? spec.households;
  const seed = opts.seed ?? spec.seed;
  const procedure = opts.procedure ?? 'exit';
  const caseOverrides = opts.caseOverrides ?? [];
  const paramOverrides = opts.paramOverrides ?? [];
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`户数应为正整数 n must be a positive whole number: ${n}`);
  const entries = opts.entries.map((e) => withOverrides(e, paramOverrides));
  const runner = populationRunner(spec, seed, entries.map((e) => e.compiled), { procedure, overrides: caseOverrides });
  const workers = workerCount(n, opts.workers);
  let done = 0;
  const progress = opts.onProgress ? (d: number) => opts.onProgress!((done += d), n) : undefined;

  let chunks: ChunkResult[];
  if (workers <= 1) {
    let last = 0;
    chunks = [runner.run(0, n, progress ? (d) => (progress(d - last), (last = d)) : undefined)];
  } else {
    chunks = await runPooled(
      { spec: { source: spec.source, file: spec.file }, policies: opts.entries.map((e) => e.policy), seed, procedure, paramOverrides, caseOverrides },
      n,
      workers - 1,
      (from, to, onChunk) => runner.run(from, to, onChunk),
      progress,
    );
  }
  const merged = mergeChunks(chunks, entries.length);
  const stats = policyStats(
    merged,
    entries.map((e, j) => ({ id: e.id, name: e.policy.meta.shortName, reasons: runner.reasons[j]! })),
    spec.places.map((p) => p.town),
  );
  return {
    population: { id: spec.id, name: spec.name, n, seed, year: spec.year },
    procedure,
    ...(caseOverrides.length || paramOverrides.length ? { overrides: { case: caseOverrides, parameters: paramOverrides } } : {}),
    policies: stats.policies,
    histogram: stats.histogram,
  };
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

/** The population once per sweep point; `affected` says whether the point changed that policy at all. */
export async function simulateSweep(opts: SimulateOptions & { sweep: Sweep }): Promise<PopulationSweep> {
  const { sweep } = opts;
  const t0 = sweep.target;
  if (t0.kind === 'param' && !opts.entries.some((e) => e.policy.parameters.some((x) => x.name === t0.key || x.compare === t0.key))) {
    throw new ComparePolicyError(`没有政策声明参数或比较键 no policy declares a parameter or compare: key ${JSON.stringify(t0.key)}`);
  }
  const points: PopulationSweepPoint[] = [];
  const total = sweep.values.length;
  let first: SimulationResult | undefined;
  for (const [k, value] of sweep.values.entries()) {
    const t = sweep.target;
    const r = await simulate({
      ...opts,
      ...(t.kind === 'case' ? { caseOverrides: [...(opts.caseOverrides ?? []), { path: t.path, value }] } : {}),
      ...(t.kind === 'param' ? { paramOverrides: [...(opts.paramOverrides ?? []), { key: t.key, value }] } : {}),
      onProgress: opts.onProgress ? (d, n) => opts.onProgress!(k * n + d, total * n) : undefined,
    });
    first ??= r;
    points.push({
      value,
      policies: r.policies.map((p, j) => ({
        policy: p.policy,
        eligibilityRate: p.eligibilityRate,
        mean: p.compensation.mean,
        median: p.compensation.median,
        total: p.compensation.total,
        affected: t.kind === 'case' || opts.entries[j]!.policy.parameters.some((x) => x.name === t.key || x.compare === t.key),
      })),
    });
  }
  return {
    population: first!.population,
    sweep: { target: describeTarget(sweep.target), text: sweep.text, values: sweep.values },
    policies: first!.policies.map((p) => ({ policy: p.policy, name: p.name })),
    points,
  };
}
