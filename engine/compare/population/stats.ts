// Per-policy statistics of a population run, from the merged per-household arrays. Money stays in
// integer 分 until printed (exact sums; quantiles are household amounts, never interpolated), and
// every figure a chart shows is computed here, so tables and charts cannot disagree.
import { Decimal } from 'decimal.js';
import type { ReasonDecl } from '../fast-eval.ts';
import { centsToYuan } from '../fast-eval.ts';
import type { ChunkResult } from './run.ts';
import { PAYERS } from './spec.ts';
import type { PayerParty } from '../../../dsl/case-schema.ts';

export interface RefusalStat {
  rule: string;
  label: string;
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

export interface Merged {
  n: number;
  payer: Uint8Array;
  place: Uint16Array;
  perPolicy: ChunkResult['perPolicy'];
}

export function mergeChunks(chunks: ChunkResult[], policies: number): Merged {
  if (chunks.length === 1) {
    const c = chunks[0]!;
    return { n: c.to - c.from, payer: c.payer, place: c.place, perPolicy: c.perPolicy };
  }
  const n = chunks.reduce((s, c) => s + (c.to - c.from), 0);
  const payer = new Uint8Array(n);
  const place = new Uint16Array(n);
  const perPolicy = Array.from({ length: policies }, () => ({
    eligible: new Uint8Array(n),
    failedMask: new Int32Array(n),
    cents: new Float64Array(n),
  }));
  let at = 0;
  for (const c of chunks) {
    payer.set(c.payer, at);
    place.set(c.place, at);
    c.perPolicy.forEach((p, j) => {
      perPolicy[j]!.eligible.set(p.eligible, at);
      perPolicy[j]!.failedMask.set(p.failedMask, at);
      perPolicy[j]!.cents.set(p.cents, at);
    });
    at += c.to - c.from;
  }
  return { n, payer, place, perPolicy };
}

/**
 * Sums of amounts in 分 are exact in floating point while every partial sum is a whole number
 * below 2^53 — certain when the sum of their magnitudes is; beyond (a county of extreme values can
 * reach it), the sums are made again in BigInt.
 */
const SAFE = Number.MAX_SAFE_INTEGER;

/** Σ xs[0..m) exactly. */
function exactSum(xs: Float64Array, m: number): number | bigint {
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

/** 分 as 元 with two places, exactly: a whole number of 分 beyond 2^53 (a sum, or a double's exact value) by BigInt. */
const yuan = (cents: number | bigint): string =>
  typeof cents === 'number' && Math.abs(cents) <= SAFE ? centsToYuan(cents) : new Decimal(BigInt(cents).toString()).div(100).toFixed(2);

/** The mean of m amounts summing to `total` 分, in 元 half-up to 分. */
const meanOf = (total: number | bigint, m: number): string =>
  new Decimal(total.toString()).div(m).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Nearest rank: the index of the smallest amount with at least q of the m amounts at or below it. */
const rank = (q: number, m: number): number => Math.max(1, Math.ceil(q * m)) - 1;

/**
 * The k-th smallest (0-based) of xs[from..to), moving elements of that range only (Hoare's
 * selection, expected linear): afterwards xs[k] is in its sorted place, smaller ones before it and
 * larger ones after, so a larger k is found in xs[k..to).
 */
function select(xs: Float64Array, from: number, to: number, k: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k]!;
  }
  return xs[k]!;
}

/** The nearest-rank quantiles qs (ascending) of amounts[0..m), without sorting them all. */
function quantiles(amounts: Float64Array, m: number, qs: readonly number[]): number[] {
  let from = 0;
  return qs.map((q) => {
    const k = rank(q, m);
    const x = select(amounts, from, m, k);
    from = k;
    return x;
  });
}

const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9, 0.99] as const;

function amountStats(cents: Float64Array): { stats: AmountStats; amounts: Float64Array; p99: number } {
  let m = 0;
  for (let i = 0; i < cents.length; i++) m += +(cents[i] === cents[i]);
  const amounts = new Float64Array(m);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0, k = 0; i < cents.length; i++) {
    const c = cents[i]!;
    if (Number.isNaN(c)) continue;
    amounts[k++] = c;
    if (c < min) min = c;
    if (c > max) max = c;
  }
  const total = exactSum(amounts, m);
  const [p10, p25, median, p75, p90, p99] = m ? quantiles(amounts, m, QUANTILES) : [];
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
  return { stats, amounts, p99: p99 ?? 0 };
}

/**
 * What a sweep point reports of one policy: the same figures policyStats gives (eligibility rate,
 * total, mean, nearest-rank median), without sorting every amount.
 */
export function pointStats(
  r: ChunkResult['perPolicy'][number],
  n: number,
): { eligibilityRate: number; total: string; mean: string | null; median: string | null } {
  let eligible = 0;
  let m = 0;
  const amounts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!r.eligible[i]) continue;
    eligible++;
    const c = r.cents[i]!;
    if (Number.isNaN(c)) continue;
    amounts[m++] = c;
  }
  const total = exactSum(amounts, m);
  return {
    eligibilityRate: share(eligible, n),
    total: yuan(total),
    mean: m ? meanOf(total, m) : null,
    median: m ? yuan(select(amounts, 0, m, rank(0.5, m))) : null,
  };
}

/** Round bin edges: 20 bins up to the largest 99th percentile among the schemes. */
function histogram(ids: string[], amounts: { amounts: Float64Array; p99: number }[]): Histogram {
  let top = 0;
  for (const a of amounts) if (a.amounts.length) top = Math.max(top, a.p99 / 100);
  const bins = 20;
  const raw = Math.max(top, 1) / bins;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const width = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((w) => w >= raw)!;
  const edges = Array.from({ length: bins + 1 }, (_, i) => Math.round(i * width * 100) / 100);
  const counts: Record<string, number[]> = {};
  ids.forEach((id, j) => {
    const c = new Float64Array(bins);
    const xs = amounts[j]!.amounts;
    for (let i = 0; i < xs.length; i++) c[Math.min(bins - 1, Math.floor(xs[i]! / 100 / width))]!++;
    counts[id] = Array.from(c);
  });
  return { unit: '元', edges, counts };
}

export function policyStats(
  merged: Merged,
  policies: { id: string; name: string; reasons: ReasonDecl[] }[],
  towns: string[],
): { policies: PolicyStats[]; histogram: Histogram } {
  const { n } = merged;
  const amounts = merged.perPolicy.map((p) => amountStats(p.cents));
  // Paid amount per household and scheme: refused or not computable pays 0.
  const k = policies.length;
  const paid = merged.perPolicy.map((p) => {
    const x = p.cents.slice();
    for (let i = 0; i < n; i++) if (x[i] !== x[i]) x[i] = 0;
    return x;
  });
  const bestCount = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let max = 0;
    for (let j = 0; j < k; j++) if (paid[j]![i]! > max) max = paid[j]![i]!;
    if (max > 0) for (let j = 0; j < k; j++) bestCount[j]! += +(paid[j]![i] === max);
  }
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
  // Households by place: the same for every policy.
  const placeHouseholds = new Float64Array(towns.length);
  for (let i = 0; i < n; i++) placeHouseholds[merged.place[i]!]!++;

  const out = policies.map((p, j): PolicyStats => {
    const r = merged.perPolicy[j]!;
    let eligible = 0;
    const counts = new Float64Array(p.reasons.length);
    const alone = new Float64Array(p.reasons.length);
    const cost = new Float64Array(PAYERS.length);
    let notComputable = 0;
    let magnitude = 0;
    const placeEligible = new Float64Array(towns.length);
    const placeTotal = new Float64Array(towns.length);
    // Eligible or not is as good as random from one household to the next: the sums take each
    // household's share by arithmetic (refused: 0) rather than by a jump, and refusals are counted
    // by mask — a refused household's amount is missing, so x === x tells paid from not.
    const E = r.eligible;
    const C = r.cents;
    const F = r.failedMask;
    const R = p.reasons.length;
    const byMask = R <= 16 ? new Float64Array(1 << R) : null;
    for (let i = 0; i < n; i++) {
      const pl = merged.place[i]!;
      const e = E[i]!;
      const c = C[i]!;
      const paid = +(c === c);
      const v = paid === 1 ? c : 0;
      eligible += e;
      placeEligible[pl]! += e;
      notComputable += e & (1 - paid);
      cost[merged.payer[i]!]! += v;
      placeTotal[pl]! += v;
      magnitude += Math.abs(v);
      if (byMask) byMask[F[i]!]!++;
      else {
        const mask = F[i]!;
        for (let b = 0; b < R; b++) if (mask & (1 << b)) counts[b]!++;
        if (mask !== 0 && (mask & (mask - 1)) === 0) alone[31 - Math.clz32(mask)]!++;
      }
    }
    // The payers' and places' sums, again in BigInt when floating point cannot promise them exact.
    let costs: (number | bigint)[] = Array.from(cost);
    let places: (number | bigint)[] = Array.from(placeTotal);
    if (magnitude > SAFE) {
      const bc = costs.map(() => 0n);
      const bp = places.map(() => 0n);
      for (let i = 0; i < n; i++) {
        const c = C[i]!;
        if (c !== c) continue;
        bc[merged.payer[i]!]! += BigInt(c);
        bp[merged.place[i]!]! += BigInt(c);
      }
      costs = bc;
      places = bp;
    }
    if (byMask)
      byMask.forEach((k, mask) => {
        if (mask === 0 || k === 0) return;
        for (let b = 0; b < R; b++) if (mask & (1 << b)) counts[b]! += k;
        if ((mask & (mask - 1)) === 0) alone[31 - Math.clz32(mask)]! += k;
      });
    const refusals = p.reasons
      .map((reason, b) => ({
        rule: reason.rule,
        label: reason.label,
        cite: reason.cite,
        count: counts[b]!,
        share: share(counts[b]!, n),
        alone: alone[b]!,
      }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
    return {
      policy: p.id,
      name: p.name,
      households: n,
      eligible,
      eligibilityRate: share(eligible, n),
      refusals,
      compensation: amounts[j]!.stats,
      notComputable,
      cost: Object.fromEntries(PAYERS.map((payer, k) => [payer, yuan(costs[k]!)])) as Record<PayerParty, string>,
      betterOff: {
        best: share(bestCount[j]!, n),
        bestCount: bestCount[j]!,
        than: Object.fromEntries(policies.map((o, q) => [o.id, share(than[j * k + q]!, n)]).filter(([id]) => id !== p.id)),
      },
      byPlace: towns.map((town, t) => ({
        town,
        households: placeHouseholds[t]!,
        eligible: placeEligible[t]!,
        eligibilityRate: share(placeEligible[t]!, placeHouseholds[t]!),
        total: yuan(places[t]!),
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
