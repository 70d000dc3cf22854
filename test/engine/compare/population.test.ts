import { describe, expect, it } from 'vitest';
import { formatStep, parseStep } from '../../../engine/compare/population/distributions.ts';
import { generateHousehold } from '../../../engine/compare/population/generate.ts';
import { Rng } from '../../../engine/compare/population/random.ts';
import { parsePopulationSpec, PopulationSpecError } from '../../../engine/compare/population/spec.ts';
import { validateCase } from '../../../dsl/index.ts';
import { county } from './helpers.ts';

const minimal = (extra = '') => `population: 1
id: tiny
name: 小样本
places:
  - { town: 甲镇, weight: 1, villages: 2, groups: 3, market: { rentPerMuYear: 600, subsidyPerMuYear: 100 } }
household:
  size: 3
  headAge: 50
  hukou: rural
  nonFarmIncomeShare: 0.5
  stableNonFarmIncome: { p: 0.5 }
  urbanHome: true
  socialInsurance: true
parcels:
  count: 2
  area: { uniform: [0.5, 1.5], round: 0.01 }
  landClass: 水田
contract: { end: 2027-12-31 }
exit:
  whole: true
  mode: permanent
  payer: group
  noticeDate: 2026-01-15
${extra}`;

function issues(text: string): string[] {
  try {
    parsePopulationSpec(text, 'p.yaml');
  } catch (e) {
    if (e instanceof PopulationSpecError) return e.issues;
    throw e;
  }
  return [];
}

describe('random streams', () => {
  it('are deterministic per (seed, stream) and differ between streams', () => {
    const a = new Rng(1, 0);
    const b = new Rng(1, 0);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(new Rng(1, 1).nextU32()).not.toBe(xs[0]);
    expect(new Rng(2, 0).nextU32()).not.toBe(xs[0]);
    // Indices above 2^32 are distinct streams too.
    expect(new Rng(1, 2 ** 32).nextU32()).not.toBe(xs[0]);
  });

  it('draw uniform numbers in [0, 1) with a sane mean', () => {
    const r = new Rng(42);
    let s = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      s += x;
    }
    expect(Math.abs(s / 20000 - 0.5)).toBeLessThan(0.01);
  });
});

describe('rounding steps', () => {
  it('format exact decimals', () => {
    expect(formatStep(1.234, parseStep(0.01)!)).toBe('1.23');
    expect(formatStep(1.235001, parseStep(0.01)!)).toBe('1.24');
    expect(formatStep(0.1, parseStep(0.01)!)).toBe('0.10');
    expect(formatStep(14049, parseStep(100)!)).toBe('14000');
    expect(formatStep(652.5, parseStep(1)!)).toBe('653');
    expect(parseStep(0)).toBeNull();
    expect(parseStep(-1)).toBeNull();
  });
});

describe('population specs', () => {
  it('parse the bundled 钦州-like county', () => {
    const s = county();
    expect(s.id).toBe('qinzhou-county');
    expect(s.places.map((p) => p.town)).toEqual(['近郊甲镇', '平原乙镇', '丘陵丙镇', '山区丁镇']);
    expect(s.households).toBe(100000);
  });

  it('generate valid case files', () => {
    const s = county();
    for (let i = 0; i < 200; i++) {
      const k = generateHousehold(s, 1, i).kase;
      expect(validateCase(k), `household ${i}`).toEqual([]);
      expect(k.exit!.parcels.length).toBeGreaterThan(0);
      expect(k.household.members).toHaveLength(k.household.size!);
      const share = Number(k.household.nonFarmIncomeShare);
      expect(share >= 0 && share <= 1).toBe(true);
      for (const p of k.parcels) expect(p.area).toMatch(/^\d+\.\d\d$/);
    }
  });

  it('a minimal spec works and constants are constant', () => {
    const s = parsePopulationSpec(minimal(), 'p.yaml');
    const k = generateHousehold(s, 1, 0).kase;
    expect(k.market).toEqual({ year: 2026, rentPerMuYear: '600', subsidyPerMuYear: '100' });
    expect(k.household.collective.town).toBe('甲镇');
    expect(k.exit).toEqual({ parcels: ['地块1', '地块2'], mode: 'permanent', payer: 'group', noticeDate: '2026-01-15' });
    expect(k.household.members.every((m) => m.consents)).toBe(true);
  });

  it('report every problem with file:line:column and the field path', () => {
    const bad = minimal()
      .replace('hukou: rural', 'hukou: { choice: { rural: 3, 城镇: 1 } }')
      .replace('count: 2', 'count: 2.5')
      .replace('payer: group', 'payer: group\n  colour: red');
    const got = issues(bad);
    expect(got).toContainEqual(
      expect.stringMatching(/^p\.yaml:9:32: household\.hukou\.choice\.城镇: 未知取值 unknown value: "城镇"; 可用 allowed: rural, urban$/),
    );
    expect(got).toContainEqual(expect.stringMatching(/^p\.yaml:15:3: parcels\.count: 应为整数 must be a whole number: 2\.5$/));
    expect(got).toContainEqual(expect.stringMatching(/^p\.yaml:\d+:\d+: exit\.colour: 未知字段 unknown field: colour/));
    expect(got).toHaveLength(3);
  });

  it('catch missing fields, bad brackets and YAML syntax', () => {
    expect(issues(minimal().replace('  urbanHome: true\n', ''))).toEqual([
      expect.stringContaining('household.urbanHome: 缺少 missing: urbanHome'),
    ]);
    const brackets = minimal().replace(
      'urbanHome: true',
      'urbanHome: { by: nonFarmIncomeShare, brackets: [{ below: 0.8, p: 0.2 }, { below: 0.5, p: 0.4 }, { p: 0.9 }] }',
    );
    expect(issues(brackets)).toEqual([
      expect.stringContaining('household.urbanHome.brackets.1.below: below 应逐档递增 below must increase'),
    ]);
    expect(issues(minimal().replace('size: 3', 'size: { by: headAge, brackets: [{ p: 1 }] }'))).toContainEqual(
      expect.stringContaining('household.size.by'),
    );
    expect(issues('population: 1\nplaces: [\n')).toEqual([expect.stringMatching(/^p\.yaml:\d+:\d+: YAML 语法错误 syntax error/)]);
    expect(issues(minimal().replace('population: 1', 'population: 2'))[0]).toContain('population: 1');
  });

  it('brackets read fields drawn earlier', () => {
    const s = parsePopulationSpec(
      minimal().replace('urbanHome: true', 'urbanHome: { by: nonFarmIncomeShare, brackets: [{ below: 0.5, p: 0 }, { p: 1 }] }'),
      'p.yaml',
    );
    // nonFarmIncomeShare is 0.5: the second bracket (≥ 0.5) always says yes.
    for (let i = 0; i < 20; i++) expect(generateHousehold(s, 1, i).kase.household.urbanHome).toBe(true);
  });
});
