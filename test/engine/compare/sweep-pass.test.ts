// A population sweep evaluates every point in one pass over the same households (scenarios of one
// runner): each point must give what a separate simulation with that input gives.
import { describe, expect, it } from 'vitest';
import { simulate, simulateSweep } from '../../../engine/compare/simulate.ts';
import { parseSweep } from '../../../engine/compare/sweep.ts';
import { county, entries, POLICY_IDS } from './helpers.ts';

const spec = county();
const all = entries(...POLICY_IDS);

describe('a sweep in one pass', () => {
  it.each([
    ['market.rentPerMuYear=300:900:150', (v: string) => ({ caseOverrides: [{ path: 'market.rentPerMuYear', value: v }] })],
    ['param:compensationYears=20:40:10', (v: string) => ({ paramOverrides: [{ key: 'compensationYears', value: v }] })],
    ['exit.negotiatedPricePerMu=10000:50000:20000', (v: string) => ({ caseOverrides: [{ path: 'exit.negotiatedPricePerMu', value: v }] })],
  ])(
    '%s: each point equals a separate simulation with that value',
    async (text, override) => {
      const n = 3000;
      const s = await simulateSweep({ spec, entries: all, n, seed: 6, workers: 1, sweep: parseSweep(text) });
      for (const point of s.points) {
        const one = await simulate({ spec, entries: all, n, seed: 6, workers: 1, ...override(point.value) });
        expect(
          point.policies.map((p) => [p.policy, p.eligibilityRate, p.mean, p.median, p.total]),
          `${text} at ${point.value}`,
        ).toEqual(one.policies.map((p) => [p.policy, p.eligibilityRate, p.compensation.mean, p.compensation.median, p.compensation.total]));
      }
    },
    240_000,
  );

  it('is the same on worker threads', async () => {
    const sweep = parseSweep('market.rentPerMuYear=400:800:200');
    const one = await simulateSweep({ spec, entries: all, n: 6000, seed: 2, workers: 1, sweep });
    const two = await simulateSweep({ spec, entries: all, n: 6000, seed: 2, workers: 2, sweep });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  }, 240_000);
});
