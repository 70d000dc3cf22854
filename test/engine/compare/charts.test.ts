import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { compareCase } from '../../../engine/compare/case.ts';
import { sweepCase } from '../../../engine/compare/case-sweep.ts';
import { caseChart, caseSweepChart, distributionChart, populationSweepChart } from '../../../engine/compare/charts.ts';
import { simulate, simulateSweep } from '../../../engine/compare/simulate.ts';
import { parseSweep } from '../../../engine/compare/sweep.ts';
import { county, entries, household } from './helpers.ts';

/** Every tag well-formed: a name, then name="value" attributes with no stray quote. */
function wellFormed(svg: string): string[] {
  const bad: string[] = [];
  for (const tag of svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').match(/<[^>]*>/g) ?? []) {
    if (/^<!--/.test(tag) || /^<\?/.test(tag)) continue;
    if (!/^<\/?[A-Za-z][\w:.-]*(\s+[\w:.-]+="[^"<]*")*\s*\/?>$/.test(tag)) bad.push(tag.slice(0, 120));
  }
  return bad;
}

describe('charts', () => {
  it('the distribution chart draws the histogram counts of the result, as well-formed SVG', async () => {
    const r = await simulate({ spec: county(), entries: entries('qinzhou', 'neijiang'), n: 600, seed: 1, workers: 1 });
    const svg = distributionChart(r);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(wellFormed(svg)).toEqual([]);
    expect(svg).toContain('钦州 qinzhou');
    expect(svg).toContain('内江 neijiang');
    expect(svg).toContain('600 户 households，seed 1');
  });

  it('sweep and case charts are well-formed and label the amounts the tables print', async () => {
    const ps = await simulateSweep({
      spec: county(),
      entries: entries('neijiang'),
      n: 200,
      seed: 1,
      workers: 1,
      sweep: parseSweep('market.rentPerMuYear=400:600:100'),
    });
    expect(wellFormed(populationSweepChart(ps))).toEqual([]);
    const cs = sweepCase({ entries: entries('neijiang'), kase: household(), sweep: parseSweep('market.rentPerMuYear=300:900:300') });
    expect(wellFormed(caseSweepChart(cs))).toEqual([]);
    const results = compareCase({ entries: entries('qinzhou', 'neijiang', 'liangping'), kase: household(), calendar: bundledCalendar() });
    const bars = caseChart(results);
    expect(wellFormed(bars)).toEqual([]);
    for (const a of ['53333.25', '91650.00', '32900.00']) expect(bars).toContain(a);
  });
});
