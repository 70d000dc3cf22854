// Case-only computations are kept on the prepared case: computed once per case whichever
// evaluator asks, never reused for another case, never kept when they throw.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseData } from '../../../dsl/case-model.ts';
import { compileSource, Dec, ExprEvalError, Fraction, prepareCase, type Evaluator } from '../../../dsl/expr/index.ts';
import type { CaseView } from '../../../dsl/expr/prepare.ts';
import { qinzhouNames, qinzhouRaw, qinzhouScope } from './helpers.ts';

const compile = (text: string, exact = false): Evaluator => {
  const r = compileSource(text, qinzhouScope, { exact });
  if (!r.evaluator) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.evaluator;
};

const fresh = (patch: (c: CaseData) => void = () => {}) => {
  const c = structuredClone(qinzhouRaw);
  patch(c);
  return prepareCase(c);
};

const plus = () => vi.spyOn(Object.getPrototypeOf(new Dec(0)) as { plus: (y: unknown) => unknown }, 'plus');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sharing case-only computations', () => {
  it('the total area is added up once per case, for every expression that needs it', () => {
    const a = compile('sum(地块.面积) > 1 亩');
    const b = compile('sum(地块.面积) * 流转费');
    const c = compile('sum(地块.面积) 不超过 比例 * 总面积 + sum(地块.面积)');
    const k1 = fresh();
    const spy = plus();
    expect(a(k1, qinzhouNames)).toBe(true);
    const after = spy.mock.calls.length;
    expect(after).toBe(2); // two parcels
    expect(String(b(k1, qinzhouNames))).toBe(String(new Dec('2.35').times(650)));
    expect(c(k1, qinzhouNames)).toBe(true);
    expect(spy.mock.calls.length - after).toBe(1); // 比例 * 总面积 + (kept sum): one addition
    // Another case gets its own sum.
    const k2 = fresh((x) => (x.parcels[0]!.area = '10'));
    expect(String(b(k2, qinzhouNames))).toBe(String(new Dec('11.15').times(650)));
  });

  it('values are those of unshared evaluation, case by case', () => {
    const texts = [
      'count(退出地块) > 0 且 count(退出地块) == count(退出.地块)',
      'all(家庭共有人.同意)',
      'sum(退出地块.面积) == sum(地块.面积)',
      'sum(退出地块.面积) < sum(地块.面积)',
      'sum(退出地块.面积) * (流转费 + 地力补贴) * 补偿年限',
      '退出.模式 == "permanent"',
    ];
    const evaluators = texts.map((t) => compile(t));
    const patches: ((c: CaseData) => void)[] = [
      () => {},
      (x) => (x.exit!.parcels = ['坡地']),
      (x) => (x.household.members[1]!.consents = false),
      (x) => (x.parcels[1]!.area = 'x'),
      (x) => (x.exit!.mode = 'currentTerm'),
    ];
    const shared = fresh();
    for (const patch of patches) {
      const one = fresh(patch);
      const got = evaluators.map((f) => String(f(one, qinzhouNames)));
      // Each expression alone on its own prepared case: nothing to share with.
      const alone = texts.map((t) => String(compile(t)(fresh(patch), qinzhouNames)));
      expect(got).toEqual(alone);
    }
    // The first case's values did not leak into the others.
    expect(evaluators.map((f) => String(f(shared, qinzhouNames)))).toEqual(texts.map((t) => String(compile(t)(fresh(), qinzhouNames))));
  });

  it('an evaluation error is not kept: a division by zero throws every time', () => {
    const f = compile('1 亩 / (sum(地块.面积) - sum(地块.面积))');
    const k = fresh();
    expect(() => f(k, qinzhouNames)).toThrow(ExprEvalError);
    expect(() => f(k, qinzhouNames)).toThrow(ExprEvalError);
  });

  it('exact and fast evaluation keep their own values', () => {
    const k = fresh();
    const exact = compile('sum(地块.面积) / 3', true)(k, qinzhouNames);
    const fast = compile('sum(地块.面积) / 3')(k, qinzhouNames);
    expect(exact).toBeInstanceOf(Fraction);
    expect(String(exact)).toBe('2.35/3');
    expect(fast).toBeInstanceOf(Dec);
    expect(String(fast)).toBe(new Dec('2.35').div(3).toString());
  });

  it('different constants are different computations', () => {
    const k = fresh();
    expect(compile('count(地块) > 1')(k, qinzhouNames)).toBe(true);
    expect(compile('count(地块) > 2')(k, qinzhouNames)).toBe(false);
    expect(compile('sum(地块[地类 == "水田"].面积)')(k, qinzhouNames)?.toString()).toBe(
      String(qinzhouRaw.parcels.filter((p) => p.landClass === '水田').reduce((s, p) => s.plus(p.area), new Dec(0))),
    );
    expect(compile('sum(地块[地类 == "旱地"].面积)')(k, qinzhouNames)?.toString()).toBe(
      String(qinzhouRaw.parcels.filter((p) => p.landClass === '旱地').reduce((s, p) => s.plus(p.area), new Dec(0))),
    );
  });

  it('a filter predicate reading its element is evaluated per element; the total inside it is shared', () => {
    const k = fresh();
    const big = compile('地块[面积 > sum(地块.面积) / 2].地块名称')(k, qinzhouNames) as string[];
    const total = qinzhouRaw.parcels.reduce((s, p) => s.plus(p.area), new Dec(0));
    expect(big).toEqual(qinzhouRaw.parcels.filter((p) => new Dec(p.area).gt(total.div(2))).map((p) => p.name));
    expect((k as CaseView).shared.filter((v) => v !== undefined).length).toBeGreaterThan(0);
  });

  it('no prepared case (null): nothing to keep, still evaluates', () => {
    expect(compile('count(地块) > 2')(null as unknown as CaseView, qinzhouNames)).toBe(null);
  });
});
