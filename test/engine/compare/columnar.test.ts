// The columnar evaluator (engine/compare/kernel) against the row-by-row one (fast-eval.ts, itself
// tested against evaluate()): household by household, in 分, on every bundled population and on a
// population of extreme values, with sweeps' overrides, and for a policy the kernel cannot hold.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../dsl/policy-model.ts';
import { compilePolicy } from '../../../engine/evaluate/compile.ts';
import { bundledPopulations } from '../../../engine/compare/io.ts';
import { withOverrides } from '../../../engine/compare/overrides.ts';
import { populationRunner, type ChunkResult, type Scenario } from '../../../engine/compare/population/run.ts';
import { mergeChunks, type Merged } from '../../../engine/compare/population/stats.ts';
import { parsePopulationSpec, type PopulationSpec } from '../../../engine/compare/population/spec.ts';
import { county, entries, POLICY_IDS, ROOT } from './helpers.ts';

const all = entries(...POLICY_IDS);
const EXTREME = `${ROOT}test/engine/compare/fixtures/extreme-population.yaml`;
const extreme = (): PopulationSpec => parsePopulationSpec(readFileSync(EXTREME, 'utf8'), 'extreme-population.yaml');

/** Households where the two results differ, as "policy household: columnar vs row-by-row". */
function differences(a: Merged, b: Merged, names: string[]): string[] {
  const out: string[] = [];
  a.perPolicy.forEach((x, k) => {
    const y = b.perPolicy[k]!;
    for (let i = 0; i < x.eligible.length; i++) {
      const same =
        x.eligible[i] === y.eligible[i] &&
        x.failedMask[i] === y.failedMask[i] &&
        (x.cents[i] === y.cents[i] || (Number.isNaN(x.cents[i]) && Number.isNaN(y.cents[i])));
      if (!same && out.length < 10)
        out.push(
          `${names[k % names.length]} ${i}: ${x.eligible[i]}/${x.failedMask[i]}/${x.cents[i]} vs ${y.eligible[i]}/${y.failedMask[i]}/${y.cents[i]}`,
        );
    }
  });
  return out;
}

/** Both evaluators on households [0, n), a chunk at a time (yielding between chunks: the test runner stays responsive). */
async function both(spec: PopulationSpec, seed: number, scenarios: Scenario[], n: number) {
  const columnar = populationRunner(spec, seed, scenarios);
  const reference = populationRunner(spec, seed, scenarios, { reference: true });
  const a: ChunkResult[] = [];
  const b: ChunkResult[] = [];
  for (let from = 0; from < n; from += 10_000) {
    const to = Math.min(n, from + 10_000);
    a.push(columnar.run(from, to));
    b.push(reference.run(from, to));
    await new Promise((r) => setImmediate(r));
  }
  const k = a[0]!.outcomes!.perPolicy.length;
  return { columnar, a: mergeChunks(a, k), b: mergeChunks(b, k) };
}

const plain = (): Scenario[] => [{ compiled: all.map((e) => e.compiled), overrides: [] }];

describe('the columnar evaluator', () => {
  it.each(bundledPopulations().map((p) => [p.id, p.file]))(
    'agrees with the row-by-row evaluator on 10^5 households of %s, in 分',
    async (id, file) => {
      const spec = parsePopulationSpec(readFileSync(file, 'utf8'), `${id}.yaml`);
      const { columnar, a, b } = await both(spec, 1, plain(), 100_000);
      // Every policy ran as a kernel, and no household needed the fallback: the bundled inputs are within the proven bounds.
      expect(columnar.rowByRow).toEqual([]);
      expect(columnar.fallbacks).toBe(0);
      expect(differences(a, b, POLICY_IDS as unknown as string[])).toEqual([]);
      // Not vacuous: every policy pays some households.
      for (const p of a.perPolicy) expect(p.cents.some((c) => !Number.isNaN(c))).toBe(true);
    },
    900_000,
  );

  it('agrees on 10^5 households of extreme values: tiny and huge areas, ties at every threshold, rents beyond the exact range, zero rent', async () => {
    const spec = extreme();
    const withParam = (key: string, value: string) => all.map((e) => withOverrides(e, [{ key, value }]).compiled);
    const base = await both(spec, 7, plain(), 100_000);
    expect(base.columnar.rowByRow).toEqual([]);
    // Some households did fail a bound (huge rents): they were evaluated row by row, and still agree.
    expect(base.columnar.fallbacks).toBeGreaterThan(1000);
    expect(base.columnar.fallbacks).toBeLessThan(100_000);
    expect(differences(base.a, base.b, POLICY_IDS as unknown as string[])).toEqual([]);
    const scenarios: Scenario[] = [
      // Zero rent and zero subsidy (the case model refuses a zero rent in a case file; a sweep can set it).
      {
        compiled: all.map((e) => e.compiled),
        overrides: [
          { path: 'market.rentPerMuYear', value: '0' },
          { path: 'market.subsidyPerMuYear', value: '0' },
        ],
      },
      // An exact fraction as a parameter (the row-by-row evaluator's exact tree), and a one-year term.
      { compiled: withParam('partialExitCap', '三分之二'), overrides: [] },
      { compiled: withParam('compensationYears', '1'), overrides: [{ path: 'exit.negotiatedPricePerMu', value: '14000' }] },
    ];
    const swept = await both(spec, 7, scenarios, 20_000);
    expect(swept.columnar.rowByRow).toEqual([]);
    expect(differences(swept.a, swept.b, POLICY_IDS as unknown as string[])).toEqual([]);
  }, 900_000);

  it('agrees for any rent, subsidy and negotiated price a sweep may set (property)', async () => {
    const spec = county();
    const decimal = fc
      .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 9999 }))
      .map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`);
    await fc.assert(
      fc.asyncProperty(decimal, decimal, decimal, async (rent, subsidy, price) => {
        const scenarios: Scenario[] = [
          {
            compiled: all.map((e) => e.compiled),
            overrides: [
              { path: 'market.rentPerMuYear', value: rent },
              { path: 'market.subsidyPerMuYear', value: subsidy },
              { path: 'exit.negotiatedPricePerMu', value: price },
            ],
          },
        ];
        const { a, b } = await both(spec, 3, scenarios, 300);
        expect(differences(a, b, POLICY_IDS as unknown as string[])).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 300_000);

  it('runs a policy the kernel cannot hold (a division by a case value) row by row, with the same results', async () => {
    const q = all[0]!;
    const policy = structuredClone(q.policy) as Policy;
    const comp = policy.procedures.exit!.compensation!;
    comp.formula = '退出面积 * 每亩补偿 / 户.家庭人口 * 户.家庭人口';
    const compiled = compilePolicy(policy);
    expect(compiled.problems).toEqual([]);
    const scenarios: Scenario[] = [{ compiled: [compiled, all[1]!.compiled], overrides: [] }];
    const { columnar, a, b } = await both(county(), 2, scenarios, 3000);
    expect(columnar.rowByRow).toEqual([{ scenario: 0, policy: 0, why: 'division by a value that varies by household' }]);
    expect(differences(a, b, ['qinzhou', 'neijiang'])).toEqual([]);
  }, 120_000);

  it('does not depend on how households are split into chunks and blocks', () => {
    const spec = county();
    const whole = populationRunner(spec, 4, plain()).run(0, 5000);
    const small = populationRunner(spec, 4, plain(), { block: 97 });
    const parts = [small.run(0, 1234), small.run(1234, 5000)];
    whole.outcomes!.perPolicy.forEach((p, k) => {
      expect(Array.from(p.cents)).toEqual([...parts[0]!.outcomes!.perPolicy[k]!.cents, ...parts[1]!.outcomes!.perPolicy[k]!.cents]);
      expect(Array.from(p.failedMask)).toEqual([
        ...parts[0]!.outcomes!.perPolicy[k]!.failedMask,
        ...parts[1]!.outcomes!.perPolicy[k]!.failedMask,
      ]);
    });
  }, 120_000);
});
