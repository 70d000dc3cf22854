import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../../dsl/case-model.ts';
import {
  compileChecked,
  compileExpression,
  compileSource,
  Dec,
  ExprCompileError,
  ExprEvalError,
  Fraction,
  parseQuantity,
  prepareCase,
  tryEvaluate,
  type PreparedCase,
  type RuntimeValue,
  type ScopeDecl,
} from '../../../dsl/expr/index.ts';
import { parsed, qinzhou, qinzhouNames, qinzhouRaw, qinzhouScope } from './helpers.ts';
import { render, renderBoth, TextError } from '../../../dsl/messages.ts';

function run(
  text: string,
  names: Record<string, RuntimeValue> = qinzhouNames,
  kase: PreparedCase = qinzhou,
  scope: ScopeDecl = qinzhouScope,
): RuntimeValue {
  return compileExpression(parsed(text), scope)(kase, names);
}
const str = (v: RuntimeValue): string => (v instanceof Decimal ? v.toString() : String(v));
const withCase = (patch: (c: CaseData) => void): PreparedCase => {
  const c = structuredClone(qinzhouRaw);
  patch(c);
  return prepareCase(c);
};

describe('the 钦州 household (examples/household-qinzhou.json)', () => {
  it('Σ退出地块面积 × (流转费 + 地力补贴) × 补偿年限 = 53333.25 元 exactly', () => {
    const v = run('sum(退出地块.面积) * (流转费 + 地力补贴) * 补偿年限');
    expect(v).toBeInstanceOf(Decimal);
    expect(str(v)).toBe('53333.25');
    expect(str(run('round(sum(退出地块.面积) * (流转费 + 地力补贴) * 补偿年限, 0.01 元)'))).toBe('53333.25');
  });

  it('流转费 taken from the case by label or key gives the same', () => {
    const names = { 补偿年限: new Dec(30) };
    expect(str(run('sum(退出地块.面积) * (市场.流转费 + 市场.地力补贴) * 补偿年限', names))).toBe('53333.25');
    expect(str(run('sum(exitParcels.area) * (market.rentPerMuYear + market.subsidyPerMuYear) * 补偿年限', names))).toBe('53333.25');
  });

  it('内江: Σ面积 × 流转费 × 2 × 30 年 = 91650', () => {
    expect(str(run('sum(退出地块.面积) * 流转费 * 2 * 30 年'))).toBe('91650');
  });

  it('梁平: min(协商价 × 面积, 征地补偿标准 × 面积) = 32900', () => {
    expect(str(run('min(sum(退出地块.面积) * 退出.协商价格, sum(退出地块.面积) * 市场.征地补偿标准)'))).toBe('32900');
    expect(str(run('max(sum(退出地块.面积) * 退出.协商价格, sum(退出地块.面积) * 市场.征地补偿标准)'))).toBe('112800');
  });

  it('collections, filters, aggregates', () => {
    expect(str(run('sum(退出地块[地类 == "水田"].面积)'))).toBe('1.2');
    expect(str(run('sum(转让地块.面积)'))).toBe('1.15');
    expect(str(run('count(家庭共有人)'))).toBe('3');
    expect(run('all(家庭共有人.同意)')).toBe(true);
    expect(run('any(地块[地类 == "其他"].耕地)')).toBe(false);
    expect(run('退出地块[面积 > 1.19 亩].地块名称')).toEqual(['门口田']);
    expect(run('地块.四至.东')).toEqual(['黄某光田', '山脚']);
    expect(str(run('max(地块.面积)'))).toBe('1.2');
    expect(str(run('min(地块.面积)'))).toBe('1.15');
    expect(run('"坡地" in 退出.地块')).toBe(true);
    expect(run('1.15 亩 in 转让地块.面积')).toBe(true);
    expect(run('count(家庭共有人[关系 == "户主"]) == 1')).toBe(true);
    // A filter inside a filter: the inner bare names are the inner elements' fields.
    expect(str(run('count(退出地块[count(家庭共有人[同意]) == 3])'))).toBe('2');
    // Inside [ ], 面积 is the parcel's area, not the parameter 面积 (2.35).
    expect(str(run('count(退出地块[面积 < 2 亩])'))).toBe('2');
  });

  it('enums compare by value or Chinese label', () => {
    expect(run('户.户籍 == "urban"')).toBe(true);
    expect(run('户.户籍 == "城镇户口"')).toBe(true);
    expect(run('household.hukou != 「农业户口」')).toBe(true);
    expect(run('退出.支付方 == "village"')).toBe(false);
    expect(run('退出.模式 in ["永久退出", "custody"]')).toBe(true);
  });

  it('dates compare, and date − date counts days', () => {
    expect(run('转让.转让截止日期 <= 承包合同.截止日期')).toBe(true);
    expect(run('转让.付款日期 > 2026-12-01')).toBe(false);
    expect(str(run('承包合同.截止日期 - 退出.书面通知日期'))).toBe('715');
    expect(run('承包合同.截止日期 - 退出.书面通知日期 >= 180 日')).toBe(true);
  });

  it('conditions', () => {
    expect(str(run('如果 户.户籍 == "urban" 则 1 万元 否则 0 元'))).toBe('10000');
    expect(run('户.城镇住所 且 户.稳定非农收入 且 户.非农收入占比 以上 50%')).toBe(true);
    expect(run('户.非农收入占比 超过 85%')).toBe(false);
    expect(run('户.非农收入占比 以上 85%')).toBe(true);
    expect(run('面积 不超过 50% * 总面积')).toBe(true);
  });
});

describe('exactness', () => {
  const votes = (yes: number, entitled: number) => ({ ...qinzhouNames, 赞成: new Dec(yes), 应到: new Dec(entitled) });

  it('赞成 >= 2/3 × 应到: 20 of 30 passes, 19 fails, 21 of 31 passes, 20 of 31 fails', () => {
    expect(run('赞成 >= 2/3 * 应到', votes(20, 30))).toBe(true);
    expect(run('赞成 >= 2/3 * 应到', votes(19, 30))).toBe(false);
    expect(run('赞成 >= 2/3 * 应到', votes(21, 31))).toBe(true);
    expect(run('赞成 >= 2/3 * 应到', votes(20, 31))).toBe(false);
    expect(run('赞成 以上 三分之二 * 应到', votes(20, 30))).toBe(true);
    expect(run('赞成 / 应到 >= 2/3', votes(20, 30))).toBe(true);
    expect(run('赞成 / 应到 == 2/3', votes(20, 30))).toBe(true);
    expect(run('赞成 > 1/2 * 应到', votes(15, 30))).toBe(false);
  });

  it('(1/3) × 3 == 1, 1/3 + 1/3 + 1/3 == 1, 1 月 × 12 == 1 年', () => {
    expect(run('(1/3) * 3 == 1')).toBe(true);
    expect(run('1/3 + 1/3 + 1/3 == 1')).toBe(true);
    expect(run('1 月 * 12 == 1 年')).toBe(true);
    expect(run('10 / 3 * 3 == 10')).toBe(true);
    expect(run('0.1 + 0.2 == 0.3')).toBe(true);
  });

  it('units convert exactly: 1.4 万元 = 14000 元, 2 公顷 = 30 亩, 6 月 = 0.5 年', () => {
    expect(str(run('1.4 万元'))).toBe('14000');
    expect(run('1.4 万元 == 14000 元')).toBe(true);
    expect(run('2 公顷 == 30 亩')).toBe(true);
    expect(str(run('6 月'))).toBe('0.5');
    expect(str(run('半年 + 30 年'))).toBe('30.5');
    expect(str(run('1.4 万元/亩 * sum(退出地块.面积)'))).toBe('32900');
  });

  it('a non-terminating result is a 40-digit Decimal, or an exact Fraction on request', () => {
    expect(str(run('2/3'))).toBe('0.6666666666666666666666666666666666666667');
    const exact = compileExpression(parsed('2/3 * 应到'), qinzhouScope, { exact: true })(qinzhou, qinzhouNames);
    expect(exact).toBeInstanceOf(Fraction);
    expect((exact as unknown as Fraction).toDecimal().toString()).toBe('20');
  });

  it('a parameter holding an exact fraction (parseQuantity(三分之二).exact) stays exact', () => {
    const q = parseQuantity('三分之二');
    if ('error' in q) throw new Error(renderBoth(q.error));
    const names = { ...qinzhouNames, 比例: q.exact as unknown as RuntimeValue };
    expect(run('赞成 >= 比例 * 应到', names)).toBe(true);
    expect(run('赞成 - 1 人 >= 比例 * 应到', names)).toBe(false);
    const third = parseQuantity('三分之一');
    if ('error' in third) throw new Error(renderBoth(third.error));
    expect(run('比例 * 3 == 1', { ...qinzhouNames, 比例: third.exact as unknown as RuntimeValue })).toBe(true);
    // Its 40-digit Decimal approximation alone would not be (0.33…33 × 3 = 0.99…99): why `exact` exists.
    expect(run('比例 * 3 == 1', { ...qinzhouNames, 比例: third.value })).toBe(false);
  });
});

describe('negation and abs', () => {
  it('on decimals, on exact fractions and on missing data', () => {
    expect(str(run('-(1.2 亩)'))).toBe('-1.2');
    expect(str(run('abs(-2.5 元)'))).toBe('2.5');
    expect(str(run('abs(2.5 元 - 3 元)'))).toBe('0.5');
    // A division makes the operand an exact fraction: -(2/3) × 3 is exactly -2, |−1/3| × 3 exactly 1.
    expect(run('-(2/3) * 3 == -2')).toBe(true);
    expect(run('abs(-1/3) * 3 == 1')).toBe(true);
    expect(run('abs(1/3 - 2/3) == 1/3')).toBe(true);
    const exact = compileExpression(parsed('abs(-2/3)'), qinzhouScope, { exact: true })(qinzhou, qinzhouNames) as unknown as Fraction;
    expect(exact.toString()).toBe('2/3');
    // No negotiated price in the case: the value is missing, not 0.
    const noPrice = withCase((c) => delete c.exit!.negotiatedPricePerMu);
    expect(run('abs(退出.协商价格)', qinzhouNames, noPrice)).toBeNull();
    expect(run('-退出.协商价格', qinzhouNames, noPrice)).toBeNull();
  });
});

describe('rounding', () => {
  const r = (text: string) => str(run(text));
  it('half-up by default, to a step in a unit', () => {
    expect(r('round(2.345 元, 0.01 元)')).toBe('2.35');
    expect(r('round(-2.345 元, 0.01 元)')).toBe('-2.35');
    expect(r('round(2.344 元, 0.01 元)')).toBe('2.34');
    expect(r('round(12345 元, 1 万元)')).toBe('10000');
    expect(r('round(15000 元, 1 万元)')).toBe('20000');
    expect(r('round(2.37 元, 0.05 元)')).toBe('2.35');
    expect(r('round(2.375 元, 0.05 元)')).toBe('2.4');
    expect(r('round(7 元, 2 元)')).toBe('8');
  });

  it('half-even, down (toward zero), up (away from zero)', () => {
    expect(r('round(2.345 元, 0.01 元, "half-even")')).toBe('2.34');
    expect(r('round(2.355 元, 0.01 元, "half-even")')).toBe('2.36');
    expect(r('round(2.349 元, 0.01 元, "down")')).toBe('2.34');
    expect(r('round(-2.349 元, 0.01 元, "down")')).toBe('-2.34');
    expect(r('round(2.341 元, 0.01 元, "up")')).toBe('2.35');
    expect(r('round(-2.341 元, 0.01 元, "up")')).toBe('-2.35');
    expect(r('round(2.345 元, 0.01 元, "四舍五入")')).toBe('2.35');
    expect(r('round(2.345 元, 0.01 元, "银行家舍入")')).toBe('2.34');
    expect(r('round(7 元, 2 元, "half-even")')).toBe('8');
    expect(r('round(5 元, 2 元, "half-even")')).toBe('4');
  });

  it('rounds fractions exactly, recognising true ties', () => {
    expect(r('round(1/3 * 100 元, 0.01 元)')).toBe('33.33');
    expect(r('round(2/3 * 1 元, 0.01 元)')).toBe('0.67');
    expect(r('round(1/8 * 1 元, 0.25 元)')).toBe('0.25');
    expect(r('round(1/8 * 1 元, 0.25 元, "half-even")')).toBe('0');
    expect(r('round(1/3 * 0.015 元 * 3, 0.01 元, "half-even")')).toBe('0.02');
    expect(r('round(-1/3 * 1 元, 0.01 元)')).toBe('-0.33');
    expect(r('round(53333.25 元 / 7, 0.01 元, "half-even")')).toBe('7619.04');
    expect(r('round(100 元 / 3, 1 元, "up")')).toBe('34');
  });
});

describe('missing data is null, and propagates', () => {
  const noVote = qinzhou; // exit.vote absent in the example

  it('arithmetic and comparisons with a missing value give null', () => {
    expect(run('退出.表决.赞成', qinzhouNames, noVote)).toBe(null);
    expect(run('退出.表决.赞成 >= 2/3 * 退出.表决.应到', qinzhouNames, noVote)).toBe(null);
    expect(run('sum(退出地块.面积) * 市场.区片综合地价', qinzhouNames, noVote)).toBe(null);
    expect(run('转让.交付日期 < 承包合同.截止日期')).toBe(null);
    expect(run('面积 * 2', {})).toBe(null);
  });

  it('且/或 are three-valued', () => {
    expect(run('户.进城落户 且 false')).toBe(false);
    expect(run('false 且 户.进城落户')).toBe(false);
    expect(run('户.进城落户 且 true')).toBe(null);
    expect(run('户.进城落户 或 true')).toBe(true);
    expect(run('户.进城落户 或 false')).toBe(null);
    expect(run('非 户.进城落户')).toBe(null);
    expect(run('如果 户.进城落户 则 1 否则 2')).toBe(null);
  });

  it('all/any: a decisive element wins over missing ones', () => {
    const someMissing = withCase((c) => {
      delete c.household.members[0]!.consents;
    });
    expect(run('all(家庭共有人.同意)', qinzhouNames, someMissing)).toBe(null);
    const oneRefuses = withCase((c) => {
      delete c.household.members[0]!.consents;
      c.household.members[1]!.consents = false;
    });
    expect(run('all(家庭共有人.同意)', qinzhouNames, oneRefuses)).toBe(false);
    expect(run('any(家庭共有人.同意)', qinzhouNames, oneRefuses)).toBe(true);
    expect(run('all(退出地块[false].耕地)')).toBe(true);
    expect(run('any(退出地块[false].耕地)')).toBe(false);
  });

  it('exists and default', () => {
    expect(run('exists(退出.表决)')).toBe(false);
    expect(run('有值(退出.协商价格)')).toBe(true);
    expect(str(run('default(市场.区片综合地价, 0 元/亩)'))).toBe('0');
    expect(str(run('缺省(退出.协商价格, 0 元/亩)'))).toBe('14000');
  });
});

describe('evaluation errors and contracts', () => {
  it('a division by a zero value throws ExprEvalError E401 with the divisor span; tryEvaluate returns it', () => {
    const ev = compileExpression(parsed('面积 / (总面积 - 5 亩)'), qinzhouScope);
    expect(() => ev(qinzhou, qinzhouNames)).toThrow(ExprEvalError);
    let thrown: unknown;
    try {
      ev(qinzhou, qinzhouNames);
    } catch (e) {
      thrown = e;
    }
    // Its message is data, as every TextError's: the catalogue's Chinese and English, both in `message`.
    expect(thrown).toBeInstanceOf(TextError);
    const e = thrown as ExprEvalError;
    expect([e.code, e.text, e.start, e.end]).toEqual(['E401', { code: 'E401' }, 5, 16]);
    expect(render(e.text, 'zh')).toBe('计算时除数为零');
    expect(render(e.text, 'en')).toBe('division by zero during evaluation');
    expect(e.message).toBe('计算时除数为零 division by zero during evaluation');
    expect(tryEvaluate(ev, qinzhou, qinzhouNames)).toEqual({
      error: { code: 'E401', severity: 'error', message: { code: 'E401' }, start: 5, end: 16 },
    });
    expect(tryEvaluate(ev, qinzhou, { ...qinzhouNames, 总面积: new Dec(6) })).toEqual({ value: new Dec('2.35') });
  });

  it('compileExpression refuses an expression with errors; compileChecked returns them', () => {
    expect(() => compileExpression(parsed('1 元 + 1 亩'), qinzhouScope)).toThrow(ExprCompileError);
    const r = compileChecked(parsed('1 元 + 1 亩'), qinzhouScope);
    expect(r.evaluator).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E301']);
    expect(compileSource('1 +', qinzhouScope).diagnostics.map((d) => d.code)).toEqual(['E112']);
  });

  it('accepts names as decimal.js Decimals, numbers and strings', () => {
    const names = { 流转费: new Decimal(650), 地力补贴: '106.5', 补偿年限: 30 } as unknown as Record<string, RuntimeValue>;
    expect(str(run('sum(退出地块.面积) * (流转费 + 地力补贴) * 补偿年限', names))).toBe('53333.25');
  });

  it('one evaluator serves many cases in turn, and an unprepared {raw} case', () => {
    const ev = compileExpression(parsed('sum(退出地块.面积)'), qinzhouScope);
    const small = withCase((c) => {
      c.exit!.parcels = ['坡地'];
    });
    expect(str(ev(qinzhou, {}))).toBe('2.35');
    expect(str(ev(small, {}))).toBe('1.15');
    expect(str(ev(qinzhou, {}))).toBe('2.35');
    expect(str(ev({ raw: qinzhouRaw }, {}))).toBe('2.35');
  });

  it('an expression without case fields evaluates without a case', () => {
    const scope: ScopeDecl = { names: { 面积: { kind: 'number', unit: '亩' } }, caseFields: false };
    const ev = compileExpression(parsed('面积 * 650 元/亩/年 * 30 年'), scope);
    expect(str(ev(null as unknown as PreparedCase, { 面积: new Dec('2.35') }))).toBe('45825');
  });
});
