import { describe, expect, it } from 'vitest';
import {
  compileDist,
  decodeValue,
  encodeValue,
  formatStep,
  parseStep,
  type FieldKind,
  type Rows,
  type SpecIssue,
} from '../../../engine/compare/population/distributions.ts';
import { allocColumns, generateColumns, generateHousehold, STREAM } from '../../../engine/compare/population/generate.ts';
import { normalQuantile, seedWord, uniforms, type StreamRows } from '../../../engine/compare/population/random.ts';
import { parsePopulationSpec, PopulationSpecError } from '../../../engine/compare/population/spec.ts';
import { validateCase } from '../../../dsl/index.ts';
import { county } from './helpers.ts';
import { dayNumber } from '../../../engine/calendar/date.ts';

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
  const rows = (lo: number[], hi: number[], seed: number, stream: number): StreamRows => ({
    seed,
    stream,
    m: lo.length,
    at: Int32Array.from(lo, (_, i) => i),
    lo: Int32Array.from(lo),
    hi: Int32Array.from(hi),
  });
  const draw = (lo: number, hi: number, seed: number, stream: number, d: number) => uniforms(rows([lo], [hi], seed, stream), d)[0]!;
  // (k + 1/2) / 2^52 of the top 26 bits of each output word.
  const of = (w0: number, w1: number) => ((w0 >>> 6) * 2 ** 26 + (w1 >>> 6) + 0.5) / 2 ** 52;

  it('are Threefry-2x32-13: the known answers of the Random123 test vectors', () => {
    // Counter (c0, c1), key (seed, stream + 2^16 × draw) → output words (Random123's kat_vectors).
    expect(draw(0, 0, 0, 0, 0)).toBe(of(0x9d1c5ec6, 0x8bd50731));
    expect(draw(-1, -1, -1, 0xffff, 0xffff)).toBe(of(0xfd36d048, 0x2d17272c));
    expect(draw(0x243f6a88, 0x85a308d3 | 0, 0x13198a2e, 0x7344, 0x0370)).toBe(of(0xba3e4725, 0xf27d669e));
  });

  it('are a pure function of (counter, seed, stream, draw) and differ when any of them does', () => {
    const base = draw(7, 0, 1, 3, 0);
    expect(draw(7, 0, 1, 3, 0)).toBe(base);
    for (const other of [draw(8, 0, 1, 3, 0), draw(7, 1, 1, 3, 0), draw(7, 0, 2, 3, 0), draw(7, 0, 1, 4, 0), draw(7, 0, 1, 3, 1)])
      expect(other).not.toBe(base);
    // A row's draw does not depend on the other rows drawn with it, or on their order.
    const many = uniforms(rows([9, 7, 8], [0, 0, 0], 1, 3), 0);
    expect(many[1]).toBe(base);
    // Seeds are 32-bit words: the top half of the range is negative as an int32, and still its own key.
    expect(seedWord(2 ** 32 - 1)).toBe(-1);
    expect(() => seedWord(2 ** 32)).toThrow(RangeError);
    expect(() => seedWord(1.5)).toThrow(RangeError);
  });

  it('draw uniform numbers in (0, 1) with the moments and independence of uniform ones', () => {
    const n = 40000;
    const lo = Array.from({ length: n }, (_, i) => i);
    const hi = new Array<number>(n).fill(0);
    const xs = Float64Array.from(uniforms(rows(lo, hi, 42, 5), 0).subarray(0, n));
    const ys = uniforms(rows(lo, hi, 42, 6), 0); // another field of the same households
    let s = 0;
    let ss = 0;
    let lag = 0;
    let cross = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      expect(x > 0 && x < 1).toBe(true);
      s += x;
      ss += x * x;
      if (i) lag += (x - 0.5) * (xs[i - 1]! - 0.5);
      cross += (x - 0.5) * (ys[i]! - 0.5);
    }
    // Mean 1/2, variance 1/12; correlations with the next household and with another field near 0.
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(ss / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
    expect(Math.abs((lag / n) * 12)).toBeLessThan(0.02);
    expect(Math.abs((cross / n) * 12)).toBeLessThan(0.02);
  });

  it('turn a uniform into a normal by its quantile (AS 241)', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    expect(normalQuantile(1e-12)).toBeCloseTo(-7.034483825301132, 13); // √2 erfinv(2p − 1) to 30 digits: −7.0344838253011319…
    // The extremes a 52-bit uniform reaches stay finite.
    expect(Number.isFinite(normalQuantile(0.5 / 2 ** 52))).toBe(true);
    expect(Number.isFinite(normalQuantile(1 - 0.5 / 2 ** 52))).toBe(true);
  });
});

describe('samplers', () => {
  const n = 30000;
  const NUM: FieldKind = { kind: 'number' };
  /** n draws of a distribution for households 0 … n − 1 of seed 3, stream 40. */
  function draws(raw: unknown, kind: FieldKind = NUM): Float64Array {
    const issues: SpecIssue[] = [];
    const s = compileDist(raw, kind, issues, ['x']);
    expect(issues).toEqual([]);
    const at = Int32Array.from({ length: n }, (_, i) => i);
    const by = { size: new Float64Array(n), headAge: new Float64Array(n), nonFarmIncomeShare: new Float64Array(n) };
    const rows: Rows = { seed: 3, stream: 40, m: n, at, lo: at, hi: new Int32Array(n), owner: null, by };
    const out = new Float64Array(n);
    s!.fill(rows, out);
    return out;
  }
  const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: Float64Array) => Math.sqrt(mean(xs.map((x) => x * x)) - mean(xs) ** 2);
  const median = (xs: Float64Array) => Float64Array.from(xs).sort()[xs.length >> 1]!;

  it('draw each shape with its parameters', () => {
    const u = draws({ uniform: [2, 5] });
    expect(Math.min(...u) >= 2 && Math.max(...u) <= 5).toBe(true);
    expect(mean(u)).toBeCloseTo(3.5, 1);
    const z = draws({ normal: { mean: 820, sd: 90 } });
    expect(Math.abs(mean(z) - 820)).toBeLessThan(2);
    expect(Math.abs(sd(z) - 90)).toBeLessThan(2);
    const l = draws({ lognormal: { median: 0.85, sigma: 0.55 } });
    expect(Math.abs(median(l) - 0.85)).toBeLessThan(0.02);
    expect(Math.abs(sd(Float64Array.from(l, Math.log)) - 0.55)).toBeLessThan(0.01);
    // Beta(a, b): mean a / (a + b), variance ab / ((a + b)^2 (a + b + 1)); a shape below 1 takes the boost.
    for (const [a, b] of [
      [2.2, 1.8],
      [0.5, 0.7],
    ] as const) {
      const x = draws({ beta: { a, b } });
      expect(Math.abs(mean(x) - a / (a + b)), `beta(${a}, ${b})`).toBeLessThan(0.01);
      expect(Math.abs(sd(x) - Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)))), `beta(${a}, ${b})`).toBeLessThan(0.01);
      expect(x.every((v) => v > 0 && v < 1)).toBe(true);
    }
    const c = draws({ choice: { 1: 10, 2: 30, 3: 60 } });
    expect([1, 2, 3].map((k) => Math.round((c.filter((x) => x === k).length / n) * 100))).toEqual([10, 30, 60]);
    const p = draws({ p: 0.86 }, { kind: 'bool' });
    expect(Math.abs(mean(p) - 0.86)).toBeLessThan(0.01);
    // Rounded and clamped: on the grid, inside [min, max].
    const r = draws({ normal: { mean: 14000, sd: 3000 }, min: 6000, max: 60000, round: 100 });
    expect(r.every((x) => x % 100 === 0 && x >= 6000 && x <= 60000)).toBe(true);
  });

  it("draw dates as the calendar's day numbers, years below 100 included (not as Date.UTC reads them, 19xx)", () => {
    const DATE: FieldKind = { kind: 'date' };
    for (const text of ['0050-03-01', '0004-02-29', '1969-12-31', '2026-06-30', '9999-12-31']) {
      expect(encodeValue(text, DATE), text).toBe(dayNumber(text));
      expect(decodeValue(encodeValue(text, DATE), DATE)).toBe(text);
    }
    const d = draws({ dateRange: ['0050-01-01', '0050-12-31'] }, DATE);
    expect(Math.min(...d)).toBe(dayNumber('0050-01-01'));
    expect(Math.max(...d)).toBe(dayNumber('0050-12-31'));
    expect(decodeValue(d[0]!, DATE)).toMatch(/^0050-/);
    const issues: SpecIssue[] = [];
    expect(compileDist({ dateRange: ['2026-02-30', '2026-03-01'] }, DATE, issues, ['x'])).toBeNull();
    expect(issues.map((i) => i.path.join('.'))).toEqual(['x.dateRange']);
  });

  it('draw a row the same whoever else is drawn with it (a by: bracket draws a subset)', () => {
    const all = draws({ normal: { mean: 0, sd: 1 } });
    const issues: SpecIssue[] = [];
    const s = compileDist({ normal: { mean: 0, sd: 1 } }, NUM, issues, ['x'])!;
    const at = Int32Array.from([7, 3, 29999]);
    const lo = Int32Array.from({ length: n }, (_, i) => i);
    const out = new Float64Array(n);
    const by = { size: out, headAge: out, nonFarmIncomeShare: out };
    s.fill({ seed: 3, stream: 40, m: 3, at, lo, hi: new Int32Array(n), owner: null, by }, out);
    expect([out[7], out[3], out[29999]]).toEqual([all[7], all[3], all[29999]]);
  });
});

describe('the documented streams (docs/populations.md)', () => {
  it('give household i of seed s its values from (s, stream, i) alone', () => {
    const s = parsePopulationSpec(
      minimal()
        .replace('headAge: 50', 'headAge: { uniform: [20, 80], round: 1 }')
        .replace('stableNonFarmIncome: { p: 0.5 }', 'stableNonFarmIncome: { p: 0.3 }'),
      'p.yaml',
    );
    const seed = 11;
    const index = 2 ** 32 + 5; // the counter's second word is 1
    const c = generateColumns(s, seed, index, index + 1, allocColumns(1));
    const u = (stream: number, lo: number, hi: number) =>
      uniforms({ seed, stream, m: 1, at: Int32Array.of(0), lo: Int32Array.of(lo), hi: Int32Array.of(hi) }, 0)[0]!;
    expect(c.headAge[0]).toBe(Math.round(20 + 60 * u(STREAM.headAge, 5, 1)));
    expect(c.stableNonFarmIncome[0]).toBe(u(STREAM.stableNonFarmIncome, 5, 1) < 0.3 ? 1 : 0);
    expect(c.village[0]).toBe(1 + Math.floor(2 * u(STREAM.village, 5, 1)));
    expect(c.group[0]).toBe(1 + Math.floor(3 * u(STREAM.group, 5, 1)));
    // Parcel k (地块2: k = 1) adds k × 2^21 to the counter's second word; areas are rounded to 0.01.
    const area = (k: number) => Math.round((0.5 + u(STREAM.area, 5, 1 + k * 2 ** 21)) / 0.01) / 100;
    expect([c.parcels.area[0], c.parcels.area[1]]).toEqual([area(0), area(1)]);
    const k = generateHousehold(s, seed, index).kase;
    expect(k.household.headAge).toBe(c.headAge[0]);
    expect(k.parcels.map((p) => p.area)).toEqual([area(0), area(1)].map((a) => a.toFixed(2)));
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
    expect(issues('population: 1\nplaces: [\n')).toEqual([
      expect.stringMatching(/^p\.yaml:\d+:\d+: YAML 语法错误：.* \/ YAML syntax error: /),
    ]);
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
