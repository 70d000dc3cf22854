// Bench: the compensation formula of 钦州 Art. 10 — round(Σ退出地块面积 × (流转费 + 地力补贴) × 补偿年限,
// 0.01 元) — over 1,000,000 distinct synthetic prepared cases, against (a) hand-written decimal.js
// code on the same prepared data (goal ≤ 1.5×) and (b) jexl with plain numbers. Cases are made and
// prepared in chunks so memory stays bounded; preparing is timed apart from evaluating.

import { Decimal } from 'decimal.js';
import type { CaseData, Parcel } from '../../dsl/case-model.ts';
import type { Evaluator, RuntimeValue, ScopeDecl } from '../../dsl/expr/api.ts';
import { compileSource, Dec, prepareCase } from '../../dsl/expr/index.ts';
import type { CaseView } from '../../dsl/expr/prepare.ts';

const TOTAL = 1_000_000;
const CHUNK = 20_000;

/** A deterministic generator, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function makeCase(rand: () => number, i: number): CaseData {
  const n = 1 + Math.floor(rand() * 4);
  const parcels: Parcel[] = [];
  for (let k = 0; k < n; k++) {
    parcels.push({
      name: `地块${k}`,
      landClass: rand() < 0.5 ? '水田' : '旱地',
      isArable: true,
      area: (0.1 + rand() * 3).toFixed(2),
      bounds: { east: '东', south: '南', west: '西', north: '北' },
    });
  }
  const exitNames = parcels.filter((_, k) => k === 0 || rand() < 0.7).map((p) => p.name);
  return {
    household: {
      head: { name: `户主${i}`, idNumber: '450702196803151235' },
      members: [{ name: `户主${i}`, idNumber: '450702196803151235', relation: '户主', coOwner: true, consents: true }],
      collective: { town: '镇', village: '村', group: '组' },
      hukou: 'rural',
    },
    contract: { number: String(i), start: '1998-01-01', end: '2027-12-31' },
    parcels,
    market: { year: 2026, rentPerMuYear: String(500 + Math.floor(rand() * 400)), subsidyPerMuYear: (100 + rand() * 20).toFixed(1) },
    exit: { parcels: exitNames, mode: 'permanent', payer: 'group' },
  };
}

const scopeCase: ScopeDecl = { names: { 补偿年限: { kind: 'number', unit: '年' } }, caseFields: true };
const FORMULA_CASE = 'round(sum(退出地块.面积) * (市场.流转费 + 市场.地力补贴) * 补偿年限, 0.01 元)';
const scopeNames: ScopeDecl = {
  names: {
    流转费: { kind: 'number', unit: '元/亩/年' },
    地力补贴: { kind: 'number', unit: '元/亩/年' },
    补偿年限: { kind: 'number', unit: '年' },
  },
  caseFields: true,
};
const FORMULA_NAMES = 'round(sum(退出地块.面积) * (流转费 + 地力补贴) * 补偿年限, 0.01 元)';

function compile(text: string, scope: ScopeDecl): Evaluator {
  const r = compileSource(text, scope);
  if (!r.evaluator) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.evaluator;
}

function hand(c: CaseView, years: Decimal): Decimal {
  let area = new Dec(0);
  for (const p of c.exitParcels) area = area.plus(p['area'] as Decimal);
  const m = c.data['market'] as Record<string, Decimal>;
  return area.times(m['rentPerMuYear']!.plus(m['subsidyPerMuYear']!)).times(years).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

function handNames(c: CaseView, names: Record<string, Decimal>): Decimal {
  let area = new Dec(0);
  for (const p of c.exitParcels) area = area.plus(p['area'] as Decimal);
  return area.times(names['流转费']!.plus(names['地力补贴']!)).times(names['补偿年限']!).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export const suite = {
  name: 'expr: compensation formula over 1,000,000 prepared cases',
  run: async (): Promise<void> => {
    const jexlModule = (await import('jexl' as string)) as { default: { Jexl: new () => JexlLike } };
    const jexl = new jexlModule.default.Jexl();
    jexl.addFunction('sum', (xs: number[]) => xs.reduce((a, b) => a + b, 0));
    jexl.addFunction('round2', (x: number) => Math.round(x * 100) / 100);
    const jexlExpr = jexl.compile('round2(sum(areas) * (rent + subsidy) * years)');

    const evCase = compile(FORMULA_CASE, scopeCase);
    const evNames = compile(FORMULA_NAMES, scopeNames);
    const years = new Dec(30);
    const constNames: Record<string, RuntimeValue> = { 补偿年限: years };

    const t = { prepare: 0, ours: 0, hand: 0, oursNames: 0, handNames: 0, jexl: 0 };
    let mismatches = 0;
    let checksum = 0;
    const rand = rng(20260115);
    const time = (key: keyof typeof t, f: () => void): void => {
      const t0 = performance.now();
      f();
      t[key] += performance.now() - t0;
    };

    for (let done = 0; done < TOTAL; done += CHUNK) {
      const raws = Array.from({ length: CHUNK }, (_, i) => makeCase(rand, done + i));
      let prepared: CaseView[] = [];
      time('prepare', () => {
        prepared = raws.map((r) => prepareCase(r) as CaseView);
      });
      // Inputs the engine would resolve once per case (parameters with `from:`), outside the timing.
      const names = prepared.map((c) => {
        const m = c.data['market'] as Record<string, Decimal>;
        return { 流转费: m['rentPerMuYear']!, 地力补贴: m['subsidyPerMuYear']!, 补偿年限: years };
      });
      const contexts = raws.map((r) => ({
        areas: r.parcels.filter((p) => r.exit!.parcels.includes(p.name)).map((p) => Number(p.area)),
        rent: Number(r.market.rentPerMuYear),
        subsidy: Number(r.market.subsidyPerMuYear),
        years: 30,
      }));
      const ours: RuntimeValue[] = new Array(CHUNK);
      const oursNames: RuntimeValue[] = new Array(CHUNK);
      const refs: Decimal[] = new Array(CHUNK);
      const tasks: [keyof typeof t, () => void][] = [
        [
          'ours',
          () => {
            for (let i = 0; i < CHUNK; i++) ours[i] = evCase(prepared[i]!, constNames);
          },
        ],
        [
          'hand',
          () => {
            for (let i = 0; i < CHUNK; i++) refs[i] = hand(prepared[i]!, years);
          },
        ],
        [
          'oursNames',
          () => {
            for (let i = 0; i < CHUNK; i++) oursNames[i] = evNames(prepared[i]!, names[i]!);
          },
        ],
        [
          'handNames',
          () => {
            for (let i = 0; i < CHUNK; i++) refs[i] = handNames(prepared[i]!, names[i]!);
          },
        ],
        [
          'jexl',
          () => {
            for (let i = 0; i < CHUNK; i++) checksum += jexlExpr.evalSync(contexts[i]) as number;
          },
        ],
      ];
      // Rotate the order chunk by chunk, so that no contender always pays the collector's debts.
      const shift = (done / CHUNK) % tasks.length;
      for (let k = 0; k < tasks.length; k++) {
        const [key, f] = tasks[(k + shift) % tasks.length]!;
        time(key, f);
      }
      for (let i = 0; i < CHUNK; i++) if (!(oursNames[i] as Decimal).eq(refs[i]!)) mismatches++;
      for (let i = 0; i < CHUNK; i++) if (!(ours[i] as Decimal).eq(refs[i]!)) mismatches++;
    }

    const ms = (x: number): string => `${x.toFixed(0)} ms`;
    const ns = (x: number): string => `${((x * 1e6) / TOTAL).toFixed(0)} ns/case`;
    console.log(`formula: ${FORMULA_CASE}`);
    console.log(`prepareCase         ${ms(t.prepare)} (${ns(t.prepare)})`);
    console.log(
      `ours (case fields)  ${ms(t.ours)} (${ns(t.ours)})  hand-written decimal.js ${ms(t.hand)}  ratio ${(t.ours / t.hand).toFixed(2)}× (goal ≤ 1.5×)`,
    );
    console.log(
      `ours (names)        ${ms(t.oursNames)} (${ns(t.oursNames)})  hand-written decimal.js ${ms(t.handNames)}  ratio ${(t.oursNames / t.handNames).toFixed(2)}× (goal ≤ 1.5×)`,
    );
    console.log(`jexl (floats)       ${ms(t.jexl)} (${ns(t.jexl)})  ours/jexl ${(t.ours / t.jexl).toFixed(2)}×`);
    console.log(`results differing from hand-written: ${mismatches} (must be 0); jexl checksum ${checksum.toFixed(2)}`);
    if (mismatches > 0) process.exitCode = 1;
  },
};

interface JexlLike {
  addFunction(name: string, fn: (...args: never[]) => unknown): void;
  compile(text: string): { evalSync(context: unknown): unknown };
}
