// Statistics are summarised per chunk where the chunk is evaluated (stats.ts chunkStats) and merged
// on the calling thread: the merge must give the figures of one chunk over every household, to the
// byte, however the households are split.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { populationRunner } from '../../../engine/compare/population/run.ts';
import { parsePopulationSpec } from '../../../engine/compare/population/spec.ts';
import {
  kthOfRuns,
  mergePoints,
  mergeStats,
  pointStats,
  policyStats,
  sortAmounts,
  type ChunkStats,
  type StatsKind,
} from '../../../engine/compare/population/stats.ts';
import { county, entries, POLICY_IDS, ROOT } from './helpers.ts';

const all = entries(...POLICY_IDS);
const extreme = () =>
  parsePopulationSpec(readFileSync(`${ROOT}test/engine/compare/fixtures/extreme-population.yaml`, 'utf8'), 'extreme-population.yaml');

/** A reproducible stream of uniforms in [0, 1) (xorshift32: test data only). */
function uniforms(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('sorted runs', () => {
  it.each([
    ['small whole numbers', (u: number) => Math.floor(u * 3000)],
    ['whole numbers below 2^28', (u: number) => Math.floor(u * 2 ** 28)],
    ['whole numbers up to 2^32 − 1', (u: number) => Math.floor(u * 2 ** 32)],
    ['negative and huge', (u: number) => Math.floor((u - 0.3) * 2 ** 60)],
    ['fractions', (u: number) => u * 100],
  ])('sortAmounts orders %s as the built-in sort does', (_, draw) => {
    const next = uniforms(3);
    for (const m of [0, 1, 255, 256, 5000]) {
      const xs = Float64Array.from({ length: m }, () => draw(next()));
      expect(Array.from(sortAmounts(xs.slice()))).toEqual(Array.from(xs.slice().sort()));
    }
  });

  it('kthOfRuns is the k-th of the runs merged, with ties, empty runs and negative values', () => {
    const next = uniforms(11);
    for (let t = 0; t < 40; t++) {
      const runs = Array.from({ length: t === 0 ? 150 : 1 + Math.floor(next() * 7) }, () =>
        Float64Array.from({ length: Math.floor(next() * 60) }, () => Math.floor((next() - 0.2) * 25)).sort(),
      );
      const merged = Float64Array.from(runs.flatMap((r) => Array.from(r))).sort();
      for (let k = 0; k < merged.length; k++) expect(kthOfRuns(runs, k)).toBe(merged[k]);
      expect(() => kthOfRuns(runs, merged.length)).toThrow(RangeError);
    }
  });
});

describe('statistics merged from chunks', () => {
  const cuts = (n: number) => [...new Set([0, 1, 977, 2048, 2049, Math.floor(n / 2), n - 1, n])].sort((a, b) => a - b);

  function split(spec: ReturnType<typeof county>, n: number, kind: StatsKind, scenarios = 1) {
    const sc = Array.from({ length: scenarios }, (_, s) => ({
      compiled: all.map((e) => e.compiled),
      overrides: s === 0 ? [] : [{ path: 'market.rentPerMuYear', value: String(300 + 100 * s) }],
    }));
    const runner = populationRunner(spec, 4, sc, { stats: kind });
    const whole = [runner.run(0, n).stats!];
    // The parts through arrays reused from chunk to chunk, longer and shorter in turn (RunnerOptions.outcomes).
    const reusing = populationRunner(spec, 4, sc, { stats: kind, outcomes: false });
    const c = cuts(n);
    const parts: ChunkStats[] = [];
    for (let i = 0; i + 1 < c.length; i++) {
      const chunk = reusing.run(c[i]!, c[i + 1]!);
      expect(chunk.outcomes).toBeUndefined();
      parts.push(chunk.stats!);
    }
    return { runner, whole, parts };
  }

  it.each([
    ['qinzhou-county', county, 6000],
    ['extreme values (BigInt sums, amounts beyond the radix sort)', extreme, 3000],
  ])('a simulation split into uneven chunks reports what one chunk does, to the byte (%s)', (_, make, n) => {
    const spec = make();
    const { runner, whole, parts } = split(spec, n, 'simulation');
    const policies = all.map((e, j) => ({ id: e.id, name: e.policy.meta.shortName, reasons: runner.reasons[j]! }));
    const towns = spec.places.map((p) => p.town);
    const one = JSON.stringify(policyStats(mergeStats(whole), policies, towns));
    expect(JSON.stringify(policyStats(mergeStats(parts), policies, towns))).toBe(one);
    // The merge does not depend on the order in which chunks arrive either.
    expect(JSON.stringify(policyStats(mergeStats([...parts].reverse()), policies, towns))).toBe(one);
    expect(JSON.parse(one).policies[0].compensation.count).toBeGreaterThan(0);
  });

  it("a sweep's points split into uneven chunks report what one chunk does", () => {
    const spec = county();
    const n = 4000;
    const { whole, parts } = split(spec, n, 'points', 3);
    const a = mergePoints(whole).map((p) => pointStats(p, n));
    const b = mergePoints(parts).map((p) => pointStats(p, n));
    expect(b).toEqual(a);
    expect(a).toHaveLength(3 * all.length);
    expect(new Set(a.map((p) => p.total)).size).toBeGreaterThan(all.length);
  });
});
