// Per-policy statistics of a population run. Each chunk of households is summarised where it was
// evaluated — a helper thread or the calling one (chunkStats) — into parts that merge exactly:
// counts, sums in 分 (a double while the sum of the magnitudes stays below 2^53, BigInt beyond) and
// each policy's amounts sorted. The merge (mergeStats) and the figures (policyStats, pointStats)
// read only those parts, so they are the same whatever the chunks, and so whatever the number of
// threads. Money stays in integer 分 until printed (exact sums; quantiles are household amounts by
// nearest rank, never interpolated), and every figure a chart shows is computed here, so tables and
// charts cannot disagree.
import { Decimal } from 'decimal.js';
import type { ReasonDecl } from '../fast-eval.ts';
import { centsToYuan } from '../fast-eval.ts';
import type { ChunkResult } from './run.ts';
import type { OutcomeArrays } from '../kernel/policy.ts';
import { PAYERS } from './spec.ts';
import type { PayerParty } from '../../../dsl/case-schema.ts';

export interface RefusalStat {
  rule: string;
  label: ReasonDecl['label'];
  cite: string;
  /** Households this rule refused (a household may be refused by several rules). */
  count: number;
  share: number;
  /** Households refused by this rule and no other. */
  alone: number;
}

export interface AmountStats {
  /** Eligible households with an amount. */
  count: number;
  total: string;
  mean: string | null;
  min: string | null;
  p10: string | null;
  p25: string | null;
  median: string | null;
  p75: string | null;
  p90: string | null;
  max: string | null;
}

export interface PlaceStat {
  town: string;
  households: number;
  eligible: number;
  eligibilityRate: number;
  total: string;
}

export interface PolicyStats {
  policy: string;
  name: string;
  households: number;
  eligible: number;
  eligibilityRate: number;
  refusals: RefusalStat[];
  compensation: AmountStats;
  /** Eligible households whose amount could not be computed (data missing). */
  notComputable: number;
  /** What the eligible households' compensation costs each payer, by the payer the case names. */
  cost: Record<PayerParty, string>;
  betterOff: {
    /** Share of households for whom this scheme pays the most (ties count for each; nothing paid anywhere counts for none). */
    best: number;
    bestCount: number;
    /** Share of households paid strictly more here than under the other scheme. */
    than: Record<string, number>;
  };
  byPlace: PlaceStat[];
}

export interface Histogram {
  unit: '元';
  /** Bin i holds amounts in [edges[i], edges[i+1]); the last bin also holds everything above. */
  edges: number[];
  counts: Record<string, number[]>;
}

/** A share with six decimals: stable text in JSON, exact enough for any report. */
export const share = (count: number, of: number): number => (of === 0 ? 0 : Number((count / of).toFixed(6)));

/** Per-household outcomes, in household order. */
export interface ChunkOutcomes {
  /** Each household's exit.payer as its index in spec.ts PAYERS. */
  payer: Uint8Array;
  /** Index of the household's place in spec.places. */
  place: Uint16Array;
  /** One per policy of each scenario: scenario s, policy j at s × policies + j. */
  perPolicy: OutcomeArrays[];
}

/** Outcome arrays for n households and `policies` (scenario × policy) pairs. */
export function outcomeArrays(n: number, policies: number): ChunkOutcomes {
  return {
    payer: new Uint8Array(n),
    place: new Uint16Array(n),
    perPolicy: Array.from({ length: policies }, () => ({
      eligible: new Uint8Array(n),
      failedMask: new Int32Array(n),
      cents: new Float64Array(n),
    })),
  };
}

/** The per-household outcomes of a run in household order (the export reads them). */
export interface Merged extends ChunkOutcomes {
  n: number;
}

const outcomesOf = (c: ChunkResult): ChunkOutcomes => {
  if (!c.outcomes) throw new RangeError('internal: the chunks were run without their per-household outcomes (RunnerOptions.outcomes)');
  return c.outcomes;
};

export function mergeChunks(chunks: ChunkResult[], policies: number): Merged {
  if (chunks.length === 1) return { n: chunks[0]!.to - chunks[0]!.from, ...outcomesOf(chunks[0]!) };
  const n = chunks.reduce((s, c) => s + (c.to - c.from), 0);
  const { payer, place, perPolicy } = outcomeArrays(n, policies);
  let at = 0;
  for (const chunk of chunks) {
    const c = outcomesOf(chunk);
    payer.set(c.payer, at);
    place.set(c.place, at);
    c.perPolicy.forEach((p, j) => {
      perPolicy[j]!.eligible.set(p.eligible, at);
      perPolicy[j]!.failedMask.set(p.failedMask, at);
      perPolicy[j]!.cents.set(p.cents, at);
    });
    at += chunk.to - chunk.from;
  }
  return { n, payer, place, perPolicy };
}

/**
 * A sum of whole numbers of 分, exact: a double while the sum of the magnitudes stays below 2^53
 * (every partial sum is then a whole number a double holds), a BigInt beyond (a county of extreme
 * values reaches it).
 */
export type Cents = number | bigint;

const SAFE = Number.MAX_SAFE_INTEGER;

/** Σ xs[0..m) exactly. */
function exactSum(xs: Float64Array, m: number): Cents {
  let total = 0;
  let magnitude = 0;
  for (let i = 0; i < m; i++) {
    total += xs[i]!;
    magnitude += Math.abs(xs[i]!);
  }
  if (magnitude <= SAFE) return total;
  let big = 0n;
  for (let i = 0; i < m; i++) big += BigInt(xs[i]!);
  return big;
}

/** a + b exactly. */
const addCents = (a: Cents, b: Cents): Cents =>
  typeof a === 'number' && typeof b === 'number' && Math.abs(a) + Math.abs(b) <= SAFE ? a + b : BigInt(a) + BigInt(b);

/** 分 as 元 with two places, exactly: a whole number of 分 beyond 2^53 (a sum, or a double's exact value) by BigInt. */
const yuan = (cents: Cents): string =>
  typeof cents === 'number' && Math.abs(cents) <= SAFE ? centsToYuan(cents) : new Decimal(BigInt(cents).toString()).div(100).toFixed(2);

/** The mean of m amounts summing to `total` 分, in 元 half-up to 分. */
const meanOf = (total: Cents, m: number): string =>
  new Decimal(total.toString()).div(m).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Nearest rank: the index of the smallest amount with at least q of the m amounts at or below it. */
const rank = (q: number, m: number): number => Math.max(1, Math.ceil(q * m)) - 1;

// ——— sorted runs

/**
 * Sorts amounts ascending. Whole numbers of 分 in [0, 2^32) — every amount of the bundled
 * populations — by a least-significant-digit radix sort, the digits' histograms counted in one
 * pass, digits of at most 14 bits (two passes below 2^28 分, 2.7 million 元, for a large chunk); anything else
 * (negative, fractional, huge) by the built-in numeric sort. Either gives the same order; the radix
 * sort takes less than half the built-in sort's time on a chunk's amounts (38 vs 89 ns each).
 */
/**
 * Work arrays a runner's chunks reuse (population/run.ts), each the first n of an array grown to
 * the largest chunk: memory written fresh for every chunk costs a page fault per 4 KB.
 */
export class StatsScratch {
  private readonly f64 = new Map<string, Float64Array>();
  private readonly u32 = new Map<string, Uint32Array>();

  float(key: string, n: number): Float64Array {
    let a = this.f64.get(key);
    if (!a || a.length < n) this.f64.set(key, (a = new Float64Array(n)));
    return a.subarray(0, n);
  }

  uint(key: string, n: number): Uint32Array {
    let a = this.u32.get(key);
    if (!a || a.length < n) this.u32.set(key, (a = new Uint32Array(n)));
    return a.subarray(0, n);
  }
}

export function sortAmounts(xs: Float64Array, scratch = new StatsScratch()): Float64Array {
  const m = xs.length;
  let max = 0;
  let small = m >= 256;
  for (let i = 0; i < m && small; i++) {
    const x = xs[i]!;
    small = x >= 0 && x <= 0xffffffff && x === Math.floor(x);
    if (x > max) max = x;
  }
  if (!small) return xs.sort();
  let bits = 1;
  while (bits < 32 && max >= 2 ** bits) bits++;
  // Digits of 14 bits for a large chunk, 11 for a small one (a smaller table to clear per pass).
  const passes = Math.ceil(bits / (m >= 16_384 ? 14 : 11));
  const width = Math.ceil(bits / passes);
  const size = 1 << width;
  const mask = size - 1;
  let a = scratch.uint('sort a', m);
  let b = scratch.uint('sort b', m);
  const counts = new Int32Array(size * 3);
  for (let i = 0; i < m; i++) {
    const x = xs[i]! >>> 0;
    a[i] = x;
    counts[x & mask]!++;
    counts[size + ((x >>> width) & mask)]!++;
    counts[2 * size + ((x >>> (2 * width)) & mask)]!++;
  }
  for (let p = 0; p < passes; p++) {
    const shift = p * width;
    const o = p * size;
    let sum = 0;
    for (let d = 0; d < size; d++) {
      const c = counts[o + d]!;
      counts[o + d] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const x = a[i]!;
      b[counts[o + ((x >>> shift) & mask)]!++] = x;
    }
    const t = a;
    a = b;
    b = t;
  }
  for (let i = 0; i < m; i++) xs[i] = a[i]!;
  return xs;
}

/** The first index of xs[lo..hi) whose value is not below x (strictly above x when `above`). */
function bound(xs: Float64Array, lo: number, hi: number, x: number, above: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (above ? xs[mid]! <= x : xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The k-th smallest (0-based) of the union of sorted runs, without merging them. The pivot is the
 * weighted median of the open ranges' middles (weighted by the ranges' sizes); counting the
 * elements below it and at it in every run (by bisection) either finds the k-th or closes at least
 * a quarter of what is still open — the runs whose middle is on the far side of the pivot lose
 * half their range — so a few dozen rounds do for any number of runs.
 */
export function kthOfRuns(runs: readonly Float64Array[], k: number): number {
  const R = runs.length;
  const lo = new Float64Array(R);
  const hi = Float64Array.from(runs, (r) => r.length);
  const below = new Float64Array(R);
  const atOrBelow = new Float64Array(R);
  const open: { mid: number; weight: number }[] = [];
  let base = 0; // elements known to be smaller than every open one
  for (;;) {
    open.length = 0;
    let total = 0;
    for (let r = 0; r < R; r++) {
      const size = hi[r]! - lo[r]!;
      if (size <= 0) continue;
      open.push({ mid: runs[r]![(lo[r]! + hi[r]!) >>> 1]!, weight: size });
      total += size;
    }
    if (open.length === 0) throw new RangeError(`rank ${k} beyond the runs`);
    open.sort((x, y) => x.mid - y.mid);
    let pivot = open[open.length - 1]!.mid;
    for (let i = 0, w = 0; i < open.length; i++) {
      w += open[i]!.weight;
      if (2 * w >= total) {
        pivot = open[i]!.mid;
        break;
      }
    }
    let lt = 0;
    let le = 0;
    for (let r = 0; r < R; r++) {
      below[r] = bound(runs[r]!, lo[r]!, hi[r]!, pivot, false);
      atOrBelow[r] = bound(runs[r]!, below[r]!, hi[r]!, pivot, true);
      lt += below[r]! - lo[r]!;
      le += atOrBelow[r]! - lo[r]!;
    }
    if (k < base + lt) hi.set(below);
    else if (k < base + le) return pivot;
    else {
      base += le;
      lo.set(atOrBelow);
    }
  }
}

// ——— what a chunk keeps

/** One policy's eligible households with an amount in a chunk: the amounts sorted, and their sum. */
export interface AmountPart {
  sorted: Float64Array;
  total: Cents;
}

/** What a sweep point reports of one policy, for one chunk. */
export interface PointPart {
  eligible: number;
  amounts: AmountPart;
}

/** What a simulation reports of one policy, for one chunk. */
export interface PolicyPart extends PointPart {
  notComputable: number;
  /** Per reason bit: households it refused, and households it refused alone. */
  counts: Float64Array;
  alone: Float64Array;
  /** Per payer (spec.ts PAYERS). */
  cost: Cents[];
  placeEligible: Float64Array;
  placeTotal: Cents[];
  bestCount: number;
  /** Per other policy q: households paid strictly more here than under q. */
  more: Float64Array;
}

/** A chunk's statistics: a simulation's (one policy of one scenario each) or a sweep's points (each scenario's policies). */
export type ChunkStats =
  | { kind: 'simulation'; n: number; placeHouseholds: Float64Array; perPolicy: PolicyPart[] }
  | { kind: 'points'; n: number; perPolicy: PointPart[] };

export type StatsKind = ChunkStats['kind'];

/** The eligible households' amounts of one policy in a chunk (a refused or not computable household's is NaN). */
function amountPart(cents: Float64Array, scratch: StatsScratch): AmountPart {
  let m = 0;
  for (let i = 0; i < cents.length; i++) m += +(cents[i] === cents[i]);
  const xs = new Float64Array(m);
  for (let i = 0, k = 0; i < cents.length; i++) {
    const c = cents[i]!;
    if (c === c) xs[k++] = c;
  }
  sortAmounts(xs, scratch);
  return { sorted: xs, total: exactSum(xs, m) };
}

/**
 * A chunk's statistics. `reasons` is each policy's number of reason bits, `towns` the spec's
 * places; a simulation's chunk has one scenario, a sweep's ('points') any number.
 */
export function chunkStats(
  c: ChunkOutcomes,
  kind: StatsKind,
  reasons: readonly number[],
  towns: number,
  scratch = new StatsScratch(),
): ChunkStats {
  const n = c.payer.length;
  if (kind === 'points') {
    return {
      kind,
      n,
      perPolicy: c.perPolicy.map((r) => {
        let eligible = 0;
        for (let i = 0; i < n; i++) eligible += r.eligible[i]!;
        return { eligible, amounts: amountPart(r.cents, scratch) };
      }),
    };
  }
  const k = c.perPolicy.length;
  const P = PAYERS.length;
  // A household's place and payer as one index (town × payers + payer): a policy's eligible
  // households and amounts are added up by that pair, one counter each, and by town and by payer
  // afterwards from the few pairs.
  const pair = scratch.uint('pair', n);
  for (let i = 0; i < n; i++) pair[i] = c.place[i]! * P + c.payer[i]!;
  const pairs = towns * P;
  const placeHouseholds = new Float64Array(towns);
  for (let i = 0; i < n; i++) placeHouseholds[c.place[i]!]!++;
  // Paid amount per household and scheme (refused or not computable: 0), for who is better off.
  const paid = c.perPolicy.map((_, j) => scratch.float(`paid ${j}`, n));

  const perPolicy = c.perPolicy.map((r, j) => {
    const R = reasons[j]!;
    let eligible = 0;
    let notComputable = 0;
    let total = 0;
    let magnitude = 0;
    let m = 0;
    const counts = new Float64Array(R);
    const alone = new Float64Array(R);
    const pairEligible = new Float64Array(pairs);
    const pairTotal = new Float64Array(pairs);
    const amounts = scratch.float('amounts', n);
    const pay = paid[j]!;
    // Eligible or not is as good as random from one household to the next: the sums take each
    // household's share by arithmetic (refused: 0) rather than by a jump, an amount is written
    // whatever it is and kept by advancing past it only when paid, and refusals are counted by
    // mask — a refused household's amount is missing, so x === x tells paid from not.
    const E = r.eligible;
    const C = r.cents;
    const F = r.failedMask;
    const byMask = R <= 16 ? new Float64Array(1 << R) : null;
    for (let i = 0; i < n; i++) {
      const q = pair[i]!;
      const e = E[i]!;
      const x = C[i]!;
      const isPaid = +(x === x);
      const v = isPaid === 1 ? x : 0;
      pay[i] = v;
      amounts[m] = v;
      m += isPaid;
      eligible += e;
      notComputable += e & (1 - isPaid);
      pairEligible[q]! += e;
      pairTotal[q]! += v;
      total += v;
      magnitude += Math.abs(v);
      if (byMask) byMask[F[i]!]!++;
      else {
        const mask = F[i]!;
        for (let b = 0; b < R; b++) if (mask & (1 << b)) counts[b]!++;
        if (mask !== 0 && (mask & (mask - 1)) === 0) alone[31 - Math.clz32(mask)]!++;
      }
    }
    // The sums, again in BigInt when floating point cannot promise them exact.
    let sums: Cents[] = Array.from(pairTotal);
    let sum: Cents = total;
    if (magnitude > SAFE) {
      const big = sums.map(() => 0n);
      for (let i = 0; i < n; i++) if (C[i] === C[i]) big[pair[i]!]! += BigInt(C[i]!);
      sums = big;
      sum = big.reduce((s, x) => s + x, 0n);
    }
    const cost = PAYERS.map((_, y) => {
      let s: Cents = 0;
      for (let t = 0; t < towns; t++) s = addCents(s, sums[t * P + y]!);
      return s;
    });
    const placeTotal = Array.from({ length: towns }, (_, t) => {
      let s: Cents = 0;
      for (let y = 0; y < P; y++) s = addCents(s, sums[t * P + y]!);
      return s;
    });
    const placeEligible = new Float64Array(towns);
    for (let q = 0; q < pairs; q++) placeEligible[Math.floor(q / P)]! += pairEligible[q]!;
    if (byMask)
      byMask.forEach((count, mask) => {
        if (mask === 0 || count === 0) return;
        for (let b = 0; b < R; b++) if (mask & (1 << b)) counts[b]! += count;
        if ((mask & (mask - 1)) === 0) alone[31 - Math.clz32(mask)]! += count;
      });
    return {
      eligible,
      // A copy of the paid ones: the sorted amounts are the chunk's result (moved to the merging thread).
      amounts: { sorted: sortAmounts(amounts.slice(0, m), scratch), total: sum },
      notComputable,
      counts,
      alone,
      cost,
      placeEligible,
      placeTotal,
    };
  });

  // Who is paid most: each household's largest amount, then each scheme's households at it (a
  // pass per scheme over two arrays, no per-household loop over schemes).
  const best = scratch.float('best', n).fill(0);
  for (const pay of paid) for (let i = 0; i < n; i++) best[i] = Math.max(best[i]!, pay[i]!);
  const bestCount = paid.map((pay) => {
    let count = 0;
    for (let i = 0; i < n; i++) {
      const b = best[i]!;
      count += +(pay[i] === b) * +(b > 0);
    }
    return count;
  });
  // Each pair in a pass of its own, the count in a register (a counter in memory updated by every
  // household is a chain of stores and loads).
  const than = new Float64Array(k * k);
  for (let j = 0; j < k; j++)
    for (let q = j + 1; q < k; q++) {
      const a = paid[j]!;
      const b = paid[q]!;
      let more = 0;
      let less = 0;
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        more += +(x > y);
        less += +(y > x);
      }
      than[j * k + q] = more;
      than[q * k + j] = less;
    }
  return {
    kind,
    n,
    placeHouseholds,
    perPolicy: perPolicy.map((p, j): PolicyPart => ({ ...p, bestCount: bestCount[j]!, more: than.slice(j * k, (j + 1) * k) })),
  };
}

/** The buffers of a chunk's statistics worth moving rather than copying to another thread. */
export const statsBuffers = (s: ChunkStats): ArrayBuffer[] => s.perPolicy.map((p) => p.amounts.sorted.buffer as ArrayBuffer);

// ——— merging chunks

/** One policy's amounts over every chunk: the sorted runs, how many, their sum. */
interface MergedAmounts {
  runs: Float64Array[];
  m: number;
  total: Cents;
}

const mergeAmounts = (parts: AmountPart[]): MergedAmounts => ({
  runs: parts.map((p) => p.sorted).filter((r) => r.length > 0),
  m: parts.reduce((s, p) => s + p.sorted.length, 0),
  total: parts.reduce<Cents>((s, p) => addCents(s, p.total), 0),
});

const addInto = (into: Float64Array, xs: Float64Array) => {
  for (let i = 0; i < xs.length; i++) into[i]! += xs[i]!;
};

export interface MergedPoint {
  eligible: number;
  amounts: MergedAmounts;
}

export interface MergedPolicy extends MergedPoint {
  notComputable: number;
  counts: Float64Array;
  alone: Float64Array;
  cost: Cents[];
  placeEligible: Float64Array;
  placeTotal: Cents[];
  bestCount: number;
  more: Float64Array;
}

export interface MergedStats {
  n: number;
  placeHouseholds: Float64Array;
  perPolicy: MergedPolicy[];
}

/** The chunks' statistics of a simulation as one (sums exact, counts added, amounts kept as their sorted runs). */
export function mergeStats(chunks: ChunkStats[]): MergedStats {
  const parts = chunks.map((c) => {
    if (c.kind !== 'simulation') throw new TypeError('a sweep point chunk in a simulation');
    return c;
  });
  const first = parts[0]!;
  const placeHouseholds = new Float64Array(first.placeHouseholds.length);
  for (const c of parts) addInto(placeHouseholds, c.placeHouseholds);
  const perPolicy = first.perPolicy.map((p0, j): MergedPolicy => {
    const all = parts.map((c) => c.perPolicy[j]!);
    const counts = new Float64Array(p0.counts.length);
    const alone = new Float64Array(p0.alone.length);
    const placeEligible = new Float64Array(p0.placeEligible.length);
    const more = new Float64Array(p0.more.length);
    for (const p of all) {
      addInto(counts, p.counts);
      addInto(alone, p.alone);
      addInto(placeEligible, p.placeEligible);
      addInto(more, p.more);
    }
    return {
      eligible: all.reduce((s, p) => s + p.eligible, 0),
      amounts: mergeAmounts(all.map((p) => p.amounts)),
      notComputable: all.reduce((s, p) => s + p.notComputable, 0),
      counts,
      alone,
      cost: p0.cost.map((_, q) => all.reduce<Cents>((s, p) => addCents(s, p.cost[q]!), 0)),
      placeEligible,
      placeTotal: p0.placeTotal.map((_, t) => all.reduce<Cents>((s, p) => addCents(s, p.placeTotal[t]!), 0)),
      bestCount: all.reduce((s, p) => s + p.bestCount, 0),
      more,
    };
  });
  return { n: parts.reduce((s, c) => s + c.n, 0), placeHouseholds, perPolicy };
}

/** The chunks' statistics of a sweep: each (scenario, policy) pair's, merged. */
export function mergePoints(chunks: ChunkStats[]): MergedPoint[] {
  return chunks[0]!.perPolicy.map((_, j) => {
    const all = chunks.map((c) => c.perPolicy[j]!);
    return { eligible: all.reduce((s, p) => s + p.eligible, 0), amounts: mergeAmounts(all.map((p) => p.amounts)) };
  });
}

// ——— figures

const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9, 0.99] as const;

function amountStats(a: MergedAmounts): { stats: AmountStats; p99: number } {
  const { m, runs, total } = a;
  const [p10, p25, median, p75, p90, p99] = m ? QUANTILES.map((q) => kthOfRuns(runs, rank(q, m))) : [];
  let min = Infinity;
  let max = -Infinity;
  for (const r of runs) {
    if (r[0]! < min) min = r[0]!;
    if (r[r.length - 1]! > max) max = r[r.length - 1]!;
  }
  const y = (c: number | undefined) => (m ? yuan(c!) : null);
  const stats: AmountStats = {
    count: m,
    total: yuan(total),
    mean: m ? meanOf(total, m) : null,
    min: y(min),
    p10: y(p10),
    p25: y(p25),
    median: y(median),
    p75: y(p75),
    p90: y(p90),
    max: y(max),
  };
  return { stats, p99: p99 ?? 0 };
}

/**
 * What a sweep point reports of one policy: the same figures policyStats gives (eligibility rate,
 * total, mean, nearest-rank median).
 */
export function pointStats(
  r: MergedPoint,
  n: number,
): { eligibilityRate: number; total: string; mean: string | null; median: string | null } {
  const { m, runs, total } = r.amounts;
  return {
    eligibilityRate: share(r.eligible, n),
    total: yuan(total),
    mean: m ? meanOf(total, m) : null,
    median: m ? yuan(kthOfRuns(runs, rank(0.5, m))) : null,
  };
}

/** Round bin edges: 20 bins up to the largest 99th percentile among the schemes. */
function histogram(ids: string[], amounts: { runs: Float64Array[]; m: number; p99: number }[]): Histogram {
  let top = 0;
  for (const a of amounts) if (a.m) top = Math.max(top, a.p99 / 100);
  const bins = 20;
  const raw = Math.max(top, 1) / bins;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const width = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((w) => w >= raw)!;
  const edges = Array.from({ length: bins + 1 }, (_, i) => Math.round(i * width * 100) / 100);
  // An amount's bin never decreases as the amount grows (each step of it is monotonic), so in a
  // sorted run each bin is one range, found by bisection; a bin below 0 (a negative amount) holds nothing.
  const binOf = (x: number) => Math.min(bins - 1, Math.floor(x / 100 / width));
  const firstIn = (xs: Float64Array, b: number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (binOf(xs[mid]!) < b) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const counts: Record<string, number[]> = {};
  ids.forEach((id, j) => {
    const c = new Array<number>(bins).fill(0);
    for (const xs of amounts[j]!.runs) {
      let from = firstIn(xs, 0);
      for (let b = 0; b < bins; b++) {
        const to = b === bins - 1 ? xs.length : firstIn(xs, b + 1);
        c[b]! += to - from;
        from = to;
      }
    }
    counts[id] = c;
  });
  return { unit: '元', edges, counts };
}

export function policyStats(
  merged: MergedStats,
  policies: { id: string; name: string; reasons: ReasonDecl[] }[],
  towns: string[],
): { policies: PolicyStats[]; histogram: Histogram } {
  const { n } = merged;
  const amounts = merged.perPolicy.map((p) => ({ ...amountStats(p.amounts), runs: p.amounts.runs, m: p.amounts.m }));
  const out = policies.map((p, j): PolicyStats => {
    const r = merged.perPolicy[j]!;
    const refusals = p.reasons
      .map((reason, b) => ({
        rule: reason.rule,
        label: reason.label,
        cite: reason.cite,
        count: r.counts[b]!,
        share: share(r.counts[b]!, n),
        alone: r.alone[b]!,
      }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
    return {
      policy: p.id,
      name: p.name,
      households: n,
      eligible: r.eligible,
      eligibilityRate: share(r.eligible, n),
      refusals,
      compensation: amounts[j]!.stats,
      notComputable: r.notComputable,
      cost: Object.fromEntries(PAYERS.map((payer, k) => [payer, yuan(r.cost[k]!)])) as Record<PayerParty, string>,
      betterOff: {
        best: share(r.bestCount, n),
        bestCount: r.bestCount,
        than: Object.fromEntries(policies.map((o, q) => [o.id, share(r.more[q]!, n)]).filter(([id]) => id !== p.id)),
      },
      byPlace: towns.map((town, t) => ({
        town,
        households: merged.placeHouseholds[t]!,
        eligible: r.placeEligible[t]!,
        eligibilityRate: share(r.placeEligible[t]!, merged.placeHouseholds[t]!),
        total: yuan(r.placeTotal[t]!),
      })),
    };
  });
  return {
    policies: out,
    histogram: histogram(
      policies.map((p) => p.id),
      amounts,
    ),
  };
}
