import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../engine/evaluate/index.ts';
import { formatSimulation } from '../../../engine/compare/format.ts';
import { generateHousehold } from '../../../engine/compare/population/generate.ts';
import { runChunks, simulate, simulateSweep } from '../../../engine/compare/simulate.ts';
import { WorkerPool } from '../../../engine/compare/population/pool.ts';
import { populationRunner } from '../../../engine/compare/population/run.ts';
import { mergeChunks } from '../../../engine/compare/population/stats.ts';
import { parseSweep } from '../../../engine/compare/sweep.ts';
import { parsePopulationSpec } from '../../../engine/compare/population/spec.ts';
import { county, entries, POLICY_IDS, ROOT } from './helpers.ts';

const spec = county();
const all = entries(...POLICY_IDS);
const extremeSpec = () =>
  parsePopulationSpec(readFileSync(`${ROOT}test/engine/compare/fixtures/extreme-population.yaml`, 'utf8'), 'extreme-population.yaml');

describe('simulate', () => {
  it('same seed, same numbers; another seed, other numbers', async () => {
    const a = await simulate({ spec, entries: all, n: 3000, seed: 1, workers: 1 });
    const b = await simulate({ spec, entries: all, n: 3000, seed: 1, workers: 1 });
    const c = await simulate({ spec, entries: all, n: 3000, seed: 2, workers: 1 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(formatSimulation(b, 'csv')).toBe(formatSimulation(a, 'csv'));
    expect(c.policies[0]!.compensation.total).not.toBe(a.policies[0]!.compensation.total);
    expect(a.population).toEqual({ id: 'qinzhou-county', name: '钦州某县（模拟）', n: 3000, seed: 1, year: 2026 });
  });

  it('is the same whether run in this thread or split over worker threads', async () => {
    const two = entries('qinzhou', 'liangping');
    const one = await simulate({ spec, entries: two, n: 2500, seed: 5, workers: 1 });
    const pooled = await simulate({ spec, entries: two, n: 2500, seed: 5, workers: 2 });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(one));
    // Workers only (the calling thread takes no chunk): every chunk crosses a thread boundary.
    const setup = {
      spec: { source: spec.source, file: spec.file },
      policies: two.map((e) => e.policy),
      seed: 5,
      procedure: 'exit' as const,
      scenarios: [{ params: [], cases: [] }],
    };
    const pool = new WorkerPool({ size: 2 });
    const chunks = await runChunks(setup, 5000, 2, pool, null).finally(() => pool.close());
    expect(chunks.map((c) => [c.from, c.to])).toEqual([
      [0, 2000],
      [2000, 4000],
      [4000, 5000],
    ]);
    const here = populationRunner(spec, 5, [{ compiled: two.map((e) => e.compiled), overrides: [] }]).run(0, 5000);
    const merged = mergeChunks(chunks, 2);
    expect(Array.from(merged.perPolicy[1]!.cents)).toEqual(Array.from(here.outcomes!.perPolicy[1]!.cents));
    expect(Array.from(merged.perPolicy[0]!.failedMask)).toEqual(Array.from(here.outcomes!.perPolicy[0]!.failedMask));
    expect(Array.from(merged.payer)).toEqual(Array.from(here.outcomes!.payer));
  }, 60_000);

  it('same seed → byte-identical output in every format with one, two or three threads', async () => {
    const n = 9000;
    const one = await simulate({ spec, entries: all, n, seed: 8, workers: 1 });
    for (const workers of [2, 3]) {
      const r = await simulate({ spec, entries: all, n, seed: 8, workers });
      for (const f of ['json', 'csv', 'markdown', 'text'] as const)
        expect(formatSimulation(r, f), `${workers} threads, ${f}`).toBe(formatSimulation(one, f));
    }
  }, 120_000);

  it('household i does not depend on n: a prefix of a larger run is the smaller run', () => {
    const x = generateHousehold(spec, 3, 41).kase;
    const y = generateHousehold(spec, 3, 41).kase;
    expect(y).toEqual(x);
    expect(generateHousehold(spec, 4, 41).kase).not.toEqual(x);
  });

  it.each([
    ['qinzhou-county', 1200],
    ['extreme values', 600],
  ])(
    'totals, counts, costs, quantiles and who is better off equal those of the per-household evaluate() results (%s)',
    async (name, n) => {
      const seed = 9;
      const spec = name === 'extreme values' ? extremeSpec() : county();
      const r = await simulate({ spec, entries: all, n, seed, workers: 1 });
      const households = Array.from({ length: n }, (_, i) => generateHousehold(spec, seed, i).kase);
      // What each scheme pays each household (refused or not computable: 0), for who is better off.
      const paid = all.map(() => new Array<Decimal>(n).fill(new Decimal(0)));
      all.forEach((e, j) => {
        const modes = e.policy.procedures.exit!.modes.map((m) => m.id);
        let total = new Decimal(0);
        let eligible = 0;
        const cost: Record<string, Decimal> = { group: new Decimal(0), village: new Decimal(0), county: new Decimal(0) };
        const amounts: Decimal[] = [];
        const reasons = new Map<string, number>();
        for (const [i, kase] of households.entries()) {
          const ev = evaluate(e.compiled, { procedure: 'exit', kase });
          const offered = modes.includes(kase.exit!.mode);
          if (!offered) reasons.set('mode-not-offered', (reasons.get('mode-not-offered') ?? 0) + 1);
          for (const f of ev.failed) reasons.set(f.rule, (reasons.get(f.rule) ?? 0) + 1);
          if (!ev.eligible || !offered) continue;
          eligible++;
          if (!ev.compensation) continue;
          // A household's amount is held as a number of 分 (OutcomeArrays): exact below 2^53 分 (about
          // 9 × 10^13 元), the nearest double beyond — the extreme county has such amounts. Sums of
          // them are exact either way.
          const cents = Number(new Decimal(ev.compensation.amount).times(100).toFixed(0));
          const a = new Decimal(BigInt(cents).toString()).div(100); // the double's exact value
          paid[j]![i] = a;
          total = total.plus(a);
          cost[kase.exit!.payer] = cost[kase.exit!.payer]!.plus(a);
          amounts.push(a);
        }
        const p = r.policies[j]!;
        expect(p.policy).toBe(e.id);
        expect(p.eligible, e.id).toBe(eligible);
        expect(p.compensation.total, e.id).toBe(total.toFixed(2));
        expect(p.cost, e.id).toEqual({ group: cost.group!.toFixed(2), village: cost.village!.toFixed(2), county: cost.county!.toFixed(2) });
        expect(Object.fromEntries(p.refusals.map((x) => [x.rule, x.count])), e.id).toEqual(Object.fromEntries(reasons));
        amounts.sort((a, b) => a.cmp(b));
        if (amounts.length) {
          // Nearest rank of the sorted amounts (stats.ts selects them without sorting).
          const rank = (q: number) => amounts[Math.max(1, Math.ceil(q * amounts.length)) - 1]!.toFixed(2);
          expect(p.compensation.median, e.id).toBe(rank(0.5));
          expect([p.compensation.p10, p.compensation.p25, p.compensation.p75, p.compensation.p90], e.id).toEqual(
            [0.1, 0.25, 0.75, 0.9].map(rank),
          );
          expect(p.compensation.min, e.id).toBe(amounts[0]!.toFixed(2));
          expect(p.compensation.max, e.id).toBe(amounts[amounts.length - 1]!.toFixed(2));
          expect(p.compensation.mean, e.id).toBe(total.div(amounts.length).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
        }
        // The histogram counts every paid household once.
        expect(r.histogram.counts[e.id]!.reduce((s, c) => s + c, 0)).toBe(p.compensation.count);
        // Costs split the total.
        const sum = new Decimal(p.cost.group).plus(p.cost.village).plus(p.cost.county);
        expect(sum.toFixed(2)).toBe(p.compensation.total);
        // Places split the households.
        expect(p.byPlace.reduce((s, x) => s + x.households, 0)).toBe(n);
      });
      all.forEach((e, j) => {
        const best = households.filter((_, i) => {
          const max = Decimal.max(...all.map((_, q) => paid[q]![i]!));
          return max.gt(0) && paid[j]![i]!.eq(max);
        }).length;
        expect(r.policies[j]!.betterOff.bestCount, e.id).toBe(best);
        all.forEach((o, q) => {
          if (q === j) return;
          const more = households.filter((_, i) => paid[j]![i]!.gt(paid[q]![i]!)).length;
          expect(r.policies[j]!.betterOff.than[o.id], `${e.id} than ${o.id}`).toBe(Number((more / n).toFixed(6)));
        });
      });
    },
    120_000,
  );

  it('better-off shares: nobody is paid more than 内江 by 钦州 when rent exceeds the subsidy', async () => {
    const r = await simulate({ spec, entries: entries('qinzhou', 'neijiang'), n: 2000, seed: 1, workers: 1 });
    const [q, n] = r.policies;
    expect(q!.betterOff.than['neijiang']).toBe(0);
    expect(n!.betterOff.than['qinzhou']).toBe(n!.betterOff.best);
    expect(n!.betterOff.bestCount).toBe(n!.compensation.count);
  });

  it("a sweep of the rent moves 内江's mean and leaves 梁平 unchanged", async () => {
    const s = await simulateSweep({
      spec,
      entries: entries('neijiang', 'liangping'),
      n: 800,
      seed: 1,
      workers: 1,
      sweep: parseSweep('market.rentPerMuYear=300:900:300'),
    });
    expect(s.sweep.values).toEqual(['300', '600', '900']);
    const nj = s.points.map((p) => new Decimal(p.policies[0]!.mean!));
    expect(nj[1]!.div(nj[0]!).toFixed(6)).toBe('2.000000'); // rent × 2 × 30: linear in the rent
    expect(nj[2]!.div(nj[0]!).toFixed(6)).toBe('3.000000');
    expect(new Set(s.points.map((p) => p.policies[1]!.mean)).size).toBe(1);
  });

  it('a parameter sweep changes only the policies that declare it', async () => {
    const s = await simulateSweep({
      spec,
      entries: entries('qinzhou', 'liangping'),
      n: 500,
      seed: 1,
      workers: 1,
      sweep: parseSweep('param:compensationYears=20:30:10'),
    });
    expect(s.points.map((p) => p.policies.map((x) => x.affected))).toEqual([
      [true, false],
      [true, false],
    ]);
    const q = s.points.map((p) => new Decimal(p.policies[0]!.total));
    expect(q[0]!.div(q[1]!).toFixed(2)).toBe('0.67'); // 20 / 30 years (each household rounded to 分)
    expect(s.points[0]!.policies[1]!.total).toBe(s.points[1]!.policies[1]!.total);
    await expect(
      simulateSweep({ spec, entries: all, n: 10, seed: 1, workers: 1, sweep: parseSweep('param:noSuchKey=1:2:1') }),
    ).rejects.toThrow(/noSuchKey/);
  });
});
