// A pool thread (pool.ts): runs one job at a time and posts progress, then the result or the error.
// Jobs are plain data — checked policies, the spec's text — because closures cannot cross threads;
// what a job compiles (policies, a population runner with its graph) is kept for the next job with
// the same inputs, so the chunks of one run and the requests a server repeats compile once.
import { parentPort } from 'node:worker_threads';
import type { Text } from '../../../dsl/message.ts';
import { isText } from '../../../dsl/messages.ts';
import type { Policy } from '../../../dsl/policy-model.ts';
import { compilePolicy, type CompiledPolicy } from '../../evaluate/compile.ts';
import type { CaseComparison } from '../case.ts';
import type { CaseSweep } from '../case-sweep.ts';
import { withOverrides, type ParamOverride } from '../overrides.ts';
import type { CompareEntry } from '../policies.ts';
import { simulate, simulateSweep, type PopulationSweep, type SimulationResult } from '../simulate.ts';
import { parseSweep } from '../sweep.ts';
import { populationRunner, type CaseOverride, type ChunkResult, type PopulationRunner } from './run.ts';
import { parsePopulationSpec, type PopulationSpec } from './spec.ts';
import { statsBuffers, type StatsKind } from './stats.ts';

/** What a population run needs, as data. */
export interface RunSetup {
  spec: { source: string; file: string };
  policies: Policy[];
  seed: number;
  procedure: 'exit' | 'transfer';
  /** One per scenario (a sweep point): parameter and case overrides. */
  scenarios: { params: ParamOverride[]; cases: CaseOverride[] }[];
  /** Each chunk's statistics computed where it is evaluated (RunnerOptions.stats). */
  stats?: StatsKind;
  /** Whether each chunk's per-household outcomes come back too (RunnerOptions.outcomes; default true). */
  outcomes?: boolean;
}

/** A whole simulation or sweep, and optionally its chart, in one thread. */
export interface PopulationRequest {
  spec: { source: string; file: string };
  policies: Policy[];
  n: number;
  seed: number;
  sweep: string | null;
  output: 'result';
}

/** A chart of a result already computed: rendering (ECharts SSR) takes long enough to keep off the answering thread. */
export type ChartJob =
  | { chart: 'distribution'; data: SimulationResult }
  | { chart: 'sweep'; data: PopulationSweep }
  | { chart: 'case'; data: CaseComparison[] }
  | { chart: 'case-sweep'; data: CaseSweep };

export type WorkerJob =
  | { type: 'chunk'; setup: RunSetup; from: number; to: number }
  | { type: 'population'; request: PopulationRequest }
  | ({ type: 'chart' } & ChartJob);

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'error'; name: string; message: string; text?: Text };

const port = parentPort!;
const post = (m: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

// ——— what is kept between jobs

const specs = new Map<string, PopulationSpec>();
const compiled = new Map<string, CompiledPolicy>();
let runnerKey = '';
let runner: PopulationRunner | undefined;

const specOf = (s: { source: string; file: string }): PopulationSpec => {
  let x = specs.get(s.source);
  if (!x) {
    if (specs.size > 8) specs.clear();
    specs.set(s.source, (x = parsePopulationSpec(s.source, s.file)));
  }
  return x;
};

const entryOf = (policy: Policy): CompareEntry => {
  let c = compiled.get(policy.hash);
  if (!c) {
    if (compiled.size > 64) compiled.clear();
    compiled.set(policy.hash, (c = compilePolicy(policy)));
  }
  return { id: policy.meta.id, file: policy.meta.id, source: '', policy, compiled: c };
};

function runnerOf(setup: RunSetup): PopulationRunner {
  const key = JSON.stringify([
    setup.spec.source,
    setup.policies.map((p) => p.hash),
    setup.seed,
    setup.procedure,
    setup.scenarios,
    setup.stats,
    setup.outcomes,
  ]);
  if (key !== runnerKey || !runner) {
    const spec = specOf(setup.spec);
    const entries = setup.policies.map(entryOf);
    const scenarios = setup.scenarios.map((s) => ({
      compiled: entries.map((e) => withOverrides(e, s.params).compiled),
      overrides: s.cases,
    }));
    runner = populationRunner(spec, setup.seed, scenarios, {
      procedure: setup.procedure,
      ...(setup.stats ? { stats: setup.stats } : {}),
      ...(setup.outcomes === false ? { outcomes: false } : {}),
    });
    runnerKey = key;
  }
  return runner;
}

function chunkBuffers(r: ChunkResult): ArrayBuffer[] {
  const o = r.outcomes;
  return [
    ...(o ? [o.payer.buffer, o.place.buffer, ...o.perPolicy.flatMap((p) => [p.eligible.buffer, p.failedMask.buffer, p.cents.buffer])] : []),
    ...(r.stats ? statsBuffers(r.stats) : []),
  ] as ArrayBuffer[];
}

/** ECharts is large: a thread loads it with its first chart job, not when it starts. */
async function chartOf(job: ChartJob): Promise<string> {
  const { caseChart, caseSweepChart, distributionChart, populationSweepChart } = await import('../charts.ts');
  switch (job.chart) {
    case 'distribution':
      return distributionChart(job.data);
    case 'sweep':
      return populationSweepChart(job.data);
    case 'case':
      return caseChart(job.data);
    case 'case-sweep':
      return caseSweepChart(job.data);
  }
}

async function runJob(job: WorkerJob): Promise<void> {
  let last = 0;
  // A few progress messages a second are enough for a bar; each costs a message.
  const progress = (done: number, total: number) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    post({ type: 'progress', done, total });
  };
  switch (job.type) {
    case 'chunk': {
      const total = job.to - job.from;
      const result = runnerOf(job.setup).run(job.from, job.to, (done) => progress(done, total));
      post({ type: 'done', result }, chunkBuffers(result));
      return;
    }
    case 'population': {
      const r = job.request;
      const opts = { spec: specOf(r.spec), entries: r.policies.map(entryOf), n: r.n, seed: r.seed, workers: 1, onProgress: progress };
      post({ type: 'done', result: r.sweep ? await simulateSweep({ ...opts, sweep: parseSweep(r.sweep) }) : await simulate(opts) });
      return;
    }
    case 'chart':
      post({ type: 'done', result: await chartOf(job) });
      return;
    default:
      throw new Error(`unknown job ${JSON.stringify((job as { type?: unknown }).type)}`);
  }
}

port.on('message', (job: WorkerJob) => {
  runJob(job).catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    const text = (err as { text?: unknown }).text;
    post({ type: 'error', name: err.name, message: err.message, ...(isText(text) ? { text } : {}) });
  });
});
post({ type: 'ready' });
