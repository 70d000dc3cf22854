// Households from..to of a population through every policy of every scenario (a plain run has
// one scenario; a sweep one per point): generated into columns a block at a time, every policy's
// kernel evaluated over the block in one pass of the shared graph (engine/compare/kernel), outcomes
// kept in typed arrays. Households whose exact bounds failed, and policies a kernel cannot hold,
// are evaluated row by row on the household's case file (fast-eval.ts) — the same answers, by
// the reference evaluator. The same code runs in the main thread and in workers; chunks are merged
// in household order, so results do not depend on how the range was split.
import { prepareCase } from '../../../dsl/expr/index.ts';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import type { CompiledPolicy } from '../../evaluate/compile.ts';
import { fastPolicy, policyPlan, type FastPolicy, type ReasonDecl } from '../fast-eval.ts';
import { KernelCompiler } from '../kernel/compile.ts';
import { decimalRatio } from '../kernel/exact.ts';
import { Graph, HOUSEHOLD, KernelUnsupported, MEMBER } from '../kernel/graph.ts';
import { chunkState, Inputs, memberLayout, NEVER_WRITTEN, NULL, v, type ChunkSource, type CV } from '../kernel/inputs.ts';
import { compilePolicyKernel, decisionsOf, evaluateBlock, type OutcomeArrays, type PolicyKernel } from '../kernel/policy.ts';
import { Dec } from '../../../dsl/expr/decimal.ts';
import { resolveCasePath } from '../../../dsl/case-paths.ts';
import { allocColumns, generateColumns, householdCase, placeTable, type HouseholdColumns } from './generate.ts';
import type { PopulationSpec } from './spec.ts';
import { chunkStats, outcomeArrays, StatsScratch, type ChunkOutcomes, type ChunkStats, type StatsKind } from './stats.ts';

/** A value every household gets at a case path, e.g. market.rentPerMuYear = "500" (a sweep point). */
export interface CaseOverride {
  path: string; // English keys, dotted
  value: string | number | boolean;
}

/** The first n households of outcome arrays at least that long (views, no copy). */
function firstOf(o: ChunkOutcomes, n: number): ChunkOutcomes {
  if (o.payer.length === n) return o;
  return {
    payer: o.payer.subarray(0, n),
    place: o.place.subarray(0, n),
    perPolicy: o.perPolicy.map((p) => ({
      eligible: p.eligible.subarray(0, n),
      failedMask: p.failedMask.subarray(0, n),
      cents: p.cents.subarray(0, n),
    })),
  };
}

export interface ChunkResult {
  from: number;
  to: number;
  /** The chunk's per-household outcomes, unless the runner keeps only its statistics (RunnerOptions.outcomes). */
  outcomes?: ChunkOutcomes;
  /** The chunk's statistics, when the runner was asked for them (RunnerOptions.stats). */
  stats?: ChunkStats;
}

/** Sets a dotted path in a case, creating records on the way (lists by numeric index). */
export function setCasePath(kase: CaseData, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = kase as unknown as Record<string, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i]!;
    let next = cur[k];
    if (next === undefined || next === null || typeof next !== 'object') {
      next = {};
      cur[k] = next;
    }
    cur = next as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

/** What one run evaluates: the policies (compiled with a point's parameter values) and the case overrides. */
export interface Scenario {
  compiled: CompiledPolicy[];
  overrides: CaseOverride[];
}

export interface PopulationRunner {
  /** Refusal reasons per policy (the same in every scenario: overrides change values, not rules). */
  reasons: ReasonDecl[][];
  /** Which (scenario, policy) pairs run row by row for every household, and why. */
  rowByRow: { scenario: number; policy: number; why: string }[];
  /** Households this runner sent to the row-by-row evaluator because an exact bound failed (all runs so far). */
  fallbacks: number;
  run(from: number, to: number, onProgress?: (done: number) => void): ChunkResult;
}

export interface RunnerOptions {
  procedure?: ProcedureKind;
  /** Evaluate every household row by row (the reference the columnar evaluator is tested against). */
  reference?: boolean;
  /** Households per block of columns (default 1024: a block's node buffers stay in cache). */
  block?: number;
  /**
   * Summarise each chunk for a simulation or a sweep's points (stats.ts chunkStats) where it was
   * evaluated, so that the calling thread only merges the summaries.
   */
  stats?: StatsKind;
  /**
   * Return each chunk's per-household outcomes (default true). False (with `stats`): each chunk is
   * evaluated into arrays the runner reuses for the next, so that a run's memory is a chunk's, not
   * the population's — at 10^6 households and six policies the outcomes alone are 78 MB, and
   * writing fresh memory is most of what evaluation's time per household gains from 10^4 to 10^6.
   */
  outcomes?: boolean;
}

/** A case override as a kernel constant, or a reason the kernel cannot hold it. */
function overrideValue(graph: Graph, o: CaseOverride): CV {
  if (NEVER_WRITTEN.some((p) => o.path === p || o.path.startsWith(p + '.'))) throw new KernelUnsupported(`override of ${o.path}`);
  const t = resolveCasePath(o.path);
  if (!t || (t.kind !== 'decimal' && t.kind !== 'integer') || /\.\d+(\.|$)/.test(o.path))
    throw new KernelUnsupported(`override of ${o.path}`);
  // As the prepared case reads the written value: a decimal, or missing when it is not one.
  let d: InstanceType<typeof Dec> | null = null;
  try {
    d = typeof o.value === 'boolean' ? null : new Dec(o.value);
  } catch {
    d = null;
  }
  if (d === null) return NULL;
  const r = decimalRatio(d);
  if (!r) throw new KernelUnsupported(`override value ${String(o.value)}`);
  return v(graph.constant('num', r.n, HOUSEHOLD, r.d));
}

export function populationRunner(spec: PopulationSpec, seed: number, scenarios: Scenario[], options: RunnerOptions = {}): PopulationRunner {
  const procedure = options.procedure ?? 'exit';
  const block = options.block ?? 1024;
  const P = scenarios[0]?.compiled.length ?? 0;
  const cum = placeTable(spec);
  const src: ChunkSource = { cols: allocColumns(block) };
  const graph = new Graph();
  const kernels: (PolicyKernel | null)[] = [];
  // The row-by-row evaluators, made when a household or a policy first needs one.
  const slow: (FastPolicy | null)[] = [];
  const slowOf = (k: number): FastPolicy =>
    (slow[k] ??= fastPolicy(scenarios[Math.floor(k / P)]!.compiled[k % P]!, procedure, { compensateRefused: false }));
  const rowByRow: PopulationRunner['rowByRow'] = [];
  let reasons: ReasonDecl[][] = [];

  scenarios.forEach((sc, s) => {
    const base = new KernelCompiler(graph, new Inputs(graph, spec, src));
    let compiler: KernelCompiler | null = base;
    let why = '';
    try {
      const overrides = new Map(sc.overrides.map((o) => [o.path, overrideValue(graph, o)]));
      if (overrides.size) compiler = new KernelCompiler(graph, new Inputs(graph, spec, src, overrides));
    } catch (e) {
      if (!(e instanceof KernelUnsupported)) throw e;
      compiler = null;
      why = e.message;
    }
    sc.compiled.forEach((compiled, j) => {
      const plan = policyPlan(compiled, procedure, { compensateRefused: false });
      if (s === 0) reasons.push(plan.reasons);
      slow.push(null);
      let kernel: PolicyKernel | null = null;
      if (compiler && !options.reference) {
        const mark = graph.nodes.length;
        try {
          kernel = compilePolicyKernel(plan, compiler);
        } catch (e) {
          if (!(e instanceof KernelUnsupported)) throw e;
          graph.truncate(mark);
          why = e.message;
        }
      }
      kernels.push(kernel);
      if (!kernel) rowByRow.push({ scenario: s, policy: j, why: options.reference ? 'reference run' : why });
    });
  });
  reasons = reasons.slice(0, P);
  const reasonBits = reasons.map((r) => r.length);

  const anyKernel = kernels.some((k) => k !== null);
  const decisions = decisionsOf(graph, kernels);
  const allKernel = kernels.every((k) => k !== null);
  const members = { owner: new Int32Array(16), start: new Int32Array(block + 1) };
  const unsafe = new Uint8Array(block);
  const keep = options.outcomes !== false;
  if (!keep && !options.stats) throw new RangeError('internal: a runner that keeps no outcomes must compute statistics');
  // The arrays reused from chunk to chunk when the outcomes are not returned (grown to the largest chunk).
  let reused: ChunkOutcomes | null = null;
  const scratch = new StatsScratch();
  const outcomesFor = (n: number): ChunkOutcomes => {
    if (keep) return outcomeArrays(n, kernels.length);
    if (!reused || reused.payer.length < n) reused = outcomeArrays(n, kernels.length);
    return firstOf(reused, n);
  };

  /** Row i of the block, row by row, for the (scenario, policy) pairs in `which`. */
  const slowRow = (cols: HouseholdColumns, i: number, which: (k: number) => boolean, perPolicy: OutcomeArrays[], at: number) => {
    scenarios.forEach((sc, s) => {
      let kase: CaseData | null = null;
      let prepared: ReturnType<typeof prepareCase> | null = null;
      for (let j = 0; j < P; j++) {
        const k = s * P + j;
        if (!which(k)) continue;
        if (!kase) {
          // A fresh copy per scenario: overrides write into it, and the prepared case keeps what it read.
          kase = householdCase(spec, cols, i);
          for (const o of sc.overrides) setCasePath(kase, o.path, o.value);
          prepared = prepareCase(kase);
        }
        const r = slowOf(k).evaluate(prepared!, kase);
        const out = perPolicy[k]!;
        out.eligible[at] = r.eligible ? 1 : 0;
        out.failedMask[at] = r.failedMask;
        out.cents[at] = r.eligible && r.cents !== null ? r.cents : NaN;
      }
    });
  };

  const runner: PopulationRunner = {
    reasons,
    rowByRow,
    fallbacks: 0,
    run(from, to, onProgress) {
      const n = to - from;
      const outcomes = outcomesFor(n);
      const { payer, place, perPolicy } = outcomes;
      for (let a = 0; a < n; a += block) {
        const b = Math.min(n, a + block);
        const cols = (src.cols = generateColumns(spec, seed, from + a, from + b, src.cols, cum));
        const m = b - a;
        payer.set(cols.payer.subarray(0, m), a);
        place.set(cols.place.subarray(0, m), a);
        if (anyKernel) {
          const state = chunkState(cols, graph.uses(MEMBER) ? memberLayout(cols, members) : null, unsafe);
          evaluateBlock(decisions, state, cols.mode, perPolicy, a);
          for (let i = 0; i < m; i++) {
            if (!unsafe[i]) continue;
            runner.fallbacks++;
            slowRow(cols, i, (q) => kernels[q] !== null, perPolicy, a + i);
          }
        }
        if (!allKernel) for (let i = 0; i < m; i++) slowRow(cols, i, (q) => kernels[q] === null, perPolicy, a + i);
        onProgress?.(b);
      }
      const chunk: ChunkResult = { from, to };
      if (keep) chunk.outcomes = outcomes;
      if (options.stats) chunk.stats = chunkStats(outcomes, options.stats, reasonBits, spec.places.length, scratch);
      return chunk;
    },
  };
  return runner;
}
