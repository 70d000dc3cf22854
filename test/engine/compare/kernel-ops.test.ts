// Every loop of the columnar kernel (engine/compare/kernel/compile.ts) against the row-by-row
// evaluator, on populations with missing market inputs, ties and extreme values: three-valued
// 且/或/非 and if/else with a missing operand, all/any/count/sum/min/max over filtered lists,
// membership, default and exists, min/max and a cap, and each rounding mode on exact quotients
// (ties included). The loops are written without data-dependent branches (arithmetic on flags, NaN
// carried by x − x), so each of these paths is a separate formula worth a test of its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../dsl/policy-model.ts';
import { compilePolicy, type CompiledPolicy } from '../../../engine/evaluate/compile.ts';
import { populationRunner, type Scenario } from '../../../engine/compare/population/run.ts';
import { parsePopulationSpec, type PopulationSpec } from '../../../engine/compare/population/spec.ts';
import { county, entries, ROOT } from './helpers.ts';

const base = entries('qinzhou')[0]!;
const extreme = (): PopulationSpec =>
  parsePopulationSpec(readFileSync(`${ROOT}test/engine/compare/fixtures/extreme-population.yaml`, 'utf8'), 'extreme-population.yaml');

/** qinzhou with its eligibility rules and compensation replaced. */
function variant(rules: { rule: string; when?: string }[], formula: string, mode: string, cap?: string): CompiledPolicy {
  const policy = structuredClone(base.policy) as Policy;
  const exit = policy.procedures.exit!;
  const model = exit.eligibility[0]!;
  exit.eligibility = rules.map((r, i) => ({
    ...model,
    id: `r${i}`,
    label: `规则${i}`,
    expr: r.rule,
    ...(r.when ? { when: r.when, whenSpan: model.exprSpan } : {}),
    implements: [],
    message: `规则${i}`,
  }));
  const comp = exit.compensation!;
  comp.formula = formula;
  comp.round = { ...comp.round!, mode: mode as typeof comp.round.mode };
  if (cap) comp.cap = { expr: cap, cite: comp.cite };
  const compiled = compilePolicy(policy);
  expect(compiled.problems, `${formula} / ${rules.map((r) => r.rule).join(' | ')}`).toEqual([]);
  return compiled;
}

const RULES = [
  // 或 / 且 with a market input some places do not give (missing), and a list reduction.
  { rule: 'any(退出地块[面积 > 1 亩].耕地) 或 市场.区片综合地价 > 40000 元/亩' },
  { rule: 'all(地块[地类 == "水田"].耕地) 且 市场.征地补偿标准 < 20000 元/亩', when: '户.社会保障 或 市场.区片综合地价 > 1 元/亩' },
  { rule: '非 (市场.征地补偿标准 >= 14000 元/亩 且 户.城镇住所)' },
  // if/else with a missing branch; membership; default and exists.
  { rule: '如果 户.城镇住所 则 市场.区片综合地价 > 1 元/亩 否则 户.社会保障' },
  { rule: 'default(市场.片区, "一级") 属于 ["一级", "二级"] 且 有值(市场.流转费)' },
  // min/max over lists (empty or with a missing element: missing), sums and counts of filtered lists.
  { rule: 'max(退出地块.面积) <= 2 亩 或 min(地块.面积) >= 0.5 亩' },
  { rule: 'sum(地块[耕地].面积) >= 2 亩 且 count(地块[地类 == "旱地"]) < 2', when: 'count(退出地块) > 1' },
  { rule: 'all(退出地块[面积 < 市场.区片综合地价 / (10000 元/亩) * 1 亩].耕地)' },
];

/** Formulas whose quotients tie at the rounding step (× 7 / 4, × 5 / 8 of 0.01-multiples) and go negative. */
const FORMULAS: [string, string?][] = [
  ['sum(退出地块.面积) * 流转费 * 7 / 4 * 1 年'],
  ['(sum(退出地块.面积) - sum(地块.面积) / 2) * 流转费 * 5 / 8 * 1 年'],
  ['min(sum(退出地块.面积) * 流转费 * 1 年, default(市场.征地补偿标准, 1 元/亩) * 1 亩) * 3 / 8'],
  ['max(sum(退出地块.面积) * 流转费, sum(地块.面积) * 地力补贴) * 3 年', 'sum(退出地块.面积) * 市场.征地补偿标准'],
  ['如果 户.城镇住所 则 sum(退出地块.面积) * 流转费 * 1 年 否则 abs(sum(地块.面积) - 3 亩) * 地力补贴 * 1 年'],
];

/** Both evaluators on households [0, n); how many households each policy paid and which rule sets refused. */
async function agree(spec: PopulationSpec, compiled: CompiledPolicy[], n: number): Promise<{ paid: number[]; masks: Set<number>[] }> {
  const scenarios: Scenario[] = [{ compiled, overrides: [] }];
  const columnar = populationRunner(spec, 5, scenarios);
  const reference = populationRunner(spec, 5, scenarios, { reference: true });
  expect(columnar.rowByRow).toEqual([]);
  const paid = compiled.map(() => 0);
  const masks = compiled.map(() => new Set<number>());
  for (let from = 0; from < n; from += 5000) {
    const to = Math.min(n, from + 5000);
    const a = columnar.run(from, to);
    const b = reference.run(from, to);
    a.outcomes!.perPolicy.forEach((x, k) => {
      const y = b.outcomes!.perPolicy[k]!;
      const bad: string[] = [];
      for (let i = 0; i < x.eligible.length; i++) {
        const same =
          x.eligible[i] === y.eligible[i] &&
          x.failedMask[i] === y.failedMask[i] &&
          (x.cents[i] === y.cents[i] || (Number.isNaN(x.cents[i]) && Number.isNaN(y.cents[i])));
        if (!same && bad.length < 5) bad.push(`${from + i}: ${x.failedMask[i]}/${x.cents[i]} vs ${y.failedMask[i]}/${y.cents[i]}`);
        if (!Number.isNaN(y.cents[i]!)) paid[k]!++;
        masks[k]!.add(y.failedMask[i]!);
      }
      expect(bad, `policy ${k}`).toEqual([]);
    });
    await new Promise((r) => setImmediate(r));
  }
  return { paid, masks };
}

describe('the kernel loops', () => {
  const modes = ['half-up', 'half-even', 'down', 'up'];
  // Rules alone (every household paid what qinzhou pays, the rules decide), then formulas alone.
  const ruled = () => RULES.map((r) => variant([r], '退出面积 * 每亩补偿', 'half-up'));
  const formulas = () =>
    [
      ...FORMULAS.map(([f, cap], k) => [f, modes[k % modes.length]!, cap] as const),
      ...modes.map((m) => [FORMULAS[1]![0], m, undefined] as const),
    ].map(([f, mode, cap]) => variant([{ rule: '户.家庭人口 >= 1 人' }], f, mode, cap));

  it.each([
    ['extreme', extreme],
    ['county', county],
  ])(
    'agree with the row-by-row evaluator where inputs are missing, tie or are extreme (%s)',
    async (_name, spec) => {
      const { paid, masks } = await agree(spec(), [...ruled(), ...formulas()], 20_000);
      // Every rule both holds and refuses somewhere; every formula pays households.
      RULES.forEach((r, k) => expect(masks[k]!.size, r.rule).toBeGreaterThan(1));
      paid.slice(RULES.length).forEach((x, k) => expect(x, `formula ${k}`).toBeGreaterThan(2000));
    },
    300_000,
  );
});
