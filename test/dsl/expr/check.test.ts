import { describe, expect, it } from 'vitest';
import { checkExpression, type ExprDiagnostic, type ScopeDecl, type ValueType } from '../../../dsl/expr/index.ts';
import { parsed, qinzhouScope } from './helpers.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const typeOf = (text: string, scope: ScopeDecl = qinzhouScope): ValueType => {
  const r = checkExpression(parsed(text), scope);
  expect(r.diagnostics).toEqual([]);
  return r.type;
};
/** The diagnostics, each message as the command line prints it (both languages). */
const errors = (text: string, scope: ScopeDecl = qinzhouScope): (Omit<ExprDiagnostic, 'message'> & { message: string })[] => {
  const r = checkExpression(parsed(text), scope);
  expect(r.diagnostics.length).toBeGreaterThan(0);
  return r.diagnostics.map((d) => ({ ...d, message: renderBoth(d.message) }));
};
const num = (unit: string): ValueType => ({ kind: 'number', unit });

describe('unit algebra', () => {
  it('亩 × 元/亩/年 × 年 = 元 (the 钦州 compensation)', () => {
    expect(typeOf('sum(退出地块.面积) * (流转费 + 地力补贴) * 补偿年限')).toEqual(num('元'));
    expect(typeOf('sum(退出地块.面积) * 流转费 * 2 * 30 年')).toEqual(num('元'));
    expect(typeOf('min(sum(退出地块.面积) * 退出.协商价格, sum(退出地块.面积) * 市场.征地补偿标准)')).toEqual(num('元'));
  });

  it('literal units convert to canonical dimensions', () => {
    expect(typeOf('1.4 万元')).toEqual(num('元'));
    expect(typeOf('2 公顷 + 3 亩')).toEqual(num('亩'));
    expect(typeOf('6 月 + 半年 + 1 年')).toEqual(num('年'));
    expect(typeOf('1.4 万元/亩 * 面积')).toEqual(num('元'));
    expect(typeOf('流转费 * 面积')).toEqual(num('元/年'));
    expect(typeOf('面积 / 总面积')).toEqual(num(''));
    expect(typeOf('面积 / 补偿年限')).toEqual(num('亩/年'));
    expect(typeOf('1 / 补偿年限')).toEqual(num('1/年'));
    expect(typeOf('面积 * 面积')).toEqual(num('亩^2'));
    expect(typeOf('50% * 面积')).toEqual(num('亩'));
    expect(typeOf('三分之二 * 应到')).toEqual(num('人'));
  });

  it('元 + 亩 is E301 naming both units, at the operator', () => {
    expect(errors('1 元 + 2 亩')).toEqual([
      {
        code: 'E301',
        severity: 'error',
        message: '单位不同，不能相加减 cannot add or subtract different units: 元 + 亩',
        start: 4,
        end: 5,
      },
    ]);
    // An operand that is not a literal is named as written, with its unit; the scope names it reads come along.
    expect(errors('流转费 - 面积')[0]).toMatchObject({
      code: 'E301',
      message: '单位不同，不能相加减 cannot add or subtract different units: 流转费（元/亩/年） - 面积（亩）',
      names: ['流转费', '面积'],
    });
    expect(errors('sum(退出地块.面积) * 流转费 + 1 年')[0]).toMatchObject({
      message: expect.stringContaining('sum(退出地块.面积) * 流转费（元/年） + 年'),
      names: ['流转费'],
    });
    expect(errors('面积 + 1')[0]).toMatchObject({ code: 'E301', message: expect.stringContaining('面积（亩） + 无单位 none') });
  });

  it('日 and 工作日 do not mix, nor months with days', () => {
    expect(errors('3 工作日 + 2 日')[0]!.code).toBe('E301');
    expect(errors('1 月 < 30 日')[0]).toMatchObject({ code: 'E302', message: expect.stringContaining('年 < 日') });
    expect(typeOf('6 月 <= 1 年')).toEqual({ kind: 'bool' });
  });

  it('comparing different dimensions is E302 at the operator', () => {
    expect(errors('面积 以上 流转费')).toEqual([
      {
        code: 'E302',
        severity: 'error',
        message: '单位不同，不能比较 cannot compare different units: 面积（亩） 以上 流转费（元/亩/年）',
        start: 3,
        end: 5,
        names: ['面积', '流转费'],
      },
    ]);
    expect(errors('赞成 >= 2/3 * 户.家庭人口 * 1 户')[0]!.code).toBe('E302');
  });

  it('min/max arguments must agree', () => {
    expect(errors('max(面积, 1 元)')[0]).toMatchObject({ code: 'E302', start: 8, end: 11 });
  });

  it('if/else branches must agree (E304 on the else branch)', () => {
    expect(typeOf('如果 同意 则 1 元 否则 2 万元')).toEqual(num('元'));
    expect(errors('如果 同意 则 1 元 否则 2 亩')).toEqual([
      {
        code: 'E304',
        severity: 'error',
        message: '「如果」两个分支的类型不一致 the branches of if/else differ: 元 / 亩',
        start: 15,
        end: 18,
      },
    ]);
    expect(errors('if 同意 then 1 else "a"')[0]!.code).toBe('E304');
  });
});

describe('types', () => {
  it('dates compare; date − date is a number of 日', () => {
    expect(typeOf('转让.转让截止日期 <= 承包合同.截止日期')).toEqual({ kind: 'bool' });
    expect(typeOf('承包合同.截止日期 - 转让.转让截止日期')).toEqual(num('日'));
    expect(typeOf('退出.书面通知日期 >= 2026-01-15')).toEqual({ kind: 'bool' });
    expect(errors('承包合同.截止日期 + 1 日')[0]).toMatchObject({ code: 'E309', start: 10, end: 11 });
    expect(errors('截止 < 1')[0]!.code).toBe('E303');
  });

  it('conditions must be true/false', () => {
    expect(errors('面积 且 同意')[0]).toMatchObject({ code: 'E305', start: 0, end: 2 });
    expect(errors('如果 面积 则 1 否则 2')[0]).toMatchObject({ code: 'E305', start: 3, end: 5 });
    expect(errors('非 面积')[0]).toMatchObject({ code: 'E305', start: 2, end: 4 });
    expect(errors('退出地块[面积]')[0]).toMatchObject({ code: 'E305', start: 5, end: 7 });
  });

  it('strings and booleans compare only for equality', () => {
    expect(typeOf('备注 == "无"')).toEqual({ kind: 'bool' });
    expect(typeOf('同意 != false')).toEqual({ kind: 'bool' });
    expect(errors('备注 < "无"')[0]!.message).toContain('only == and != apply');
    expect(errors('备注 == 1')[0]!.code).toBe('E303');
  });

  it('a period-typed parameter cannot be computed with (E312)', () => {
    expect(errors('公示期 * 2')[0]).toMatchObject({ code: 'E312', start: 0, end: 3 });
    expect(errors('公示期 > 1')[0]).toMatchObject({ code: 'E312', start: 0, end: 3 });
    expect(typeOf('公示期')).toEqual({ kind: 'period' });
  });

  it('a constant zero divisor is E313', () => {
    expect(errors('面积 / 0')[0]).toMatchObject({ code: 'E313', start: 5, end: 6 });
  });

  it('lists: projection, filter, aggregates', () => {
    expect(typeOf('退出地块.面积')).toEqual({ kind: 'list', of: num('亩') });
    expect(typeOf('sum(退出地块[地类 == "水田"].面积)')).toEqual(num('亩'));
    expect(typeOf('count(家庭共有人)')).toEqual(num(''));
    expect(typeOf('all(家庭共有人.同意)')).toEqual({ kind: 'bool' });
    expect(typeOf('any(地块.耕地)')).toEqual({ kind: 'bool' });
    expect(typeOf('max(地块.面积)')).toEqual(num('亩'));
    expect(typeOf('地块.四至.东')).toEqual({ kind: 'list', of: { kind: 'string' } });
    expect(typeOf('count(退出地块[面积 > 1 亩 且 耕地])')).toEqual(num(''));
    expect(typeOf('"坡地" in 退出.地块')).toEqual({ kind: 'bool' });
    expect(errors('sum(家庭共有人.同意)')[0]).toMatchObject({ code: 'E303', start: 4, end: 12 });
    expect(errors('sum(面积)')[0]).toMatchObject({ code: 'E308', start: 4, end: 6 });
    expect(errors('面积[true]')[0]).toMatchObject({ code: 'E308', start: 0, end: 2 });
    expect(errors('[1 元, 2 亩]')[0]).toMatchObject({ code: 'E314', start: 6, end: 9 });
  });

  it('inside [ ] bare names are the element fields first', () => {
    // 面积 is also a parameter; inside the filter it is the parcel's area.
    expect(typeOf('退出地块[面积 > 总面积]')).toEqual({ kind: 'list', of: expect.objectContaining({ kind: 'record' }) });
    expect(typeOf('退出地块[地块名称 == "坡地" 且 面积 > 1 亩]')).toMatchObject({ kind: 'list' });
    // Outer names remain visible.
    expect(typeOf('退出地块[面积 * 流转费 > 100 元/年]')).toMatchObject({ kind: 'list' });
  });

  it('round: a positive literal step of the same dimension, and a known mode', () => {
    expect(typeOf('round(面积 * 流转费 * 补偿年限, 0.01 元)')).toEqual(num('元'));
    expect(typeOf('round(面积 * 流转费 * 补偿年限, 1 万元, "down")')).toEqual(num('元'));
    expect(typeOf('round(面积 * 流转费 * 补偿年限, 0.01 元, "四舍五入")')).toEqual(num('元'));
    expect(errors('round(面积, 0.01 元)')[0]).toMatchObject({
      code: 'E310',
      start: 10,
      end: 16,
      message: expect.stringContaining('亩 / 元'),
    });
    expect(errors('round(面积, 面积)')[0]!.code).toBe('E310');
    expect(errors('round(面积, 1/3 亩)')[0]!.code).toBe('E310');
    expect(errors('round(面积, 0 亩)')[0]!.code).toBe('E310');
    expect(errors('round(面积, 0.01 亩, "half_up")')[0]).toMatchObject({
      code: 'E311',
      start: 18,
      end: 27,
      message: expect.stringContaining('did you mean: half-up'),
    });
  });

  it('function arity (E204) at the function name', () => {
    expect(errors('round(面积)')[0]).toMatchObject({
      code: 'E204',
      start: 0,
      end: 5,
      message: expect.stringContaining('round 需要 expects 2–3，实际为 got 1'),
    });
    expect(errors('sum(地块.面积, 1)')[0]!.code).toBe('E204');
  });
});

describe('enums', () => {
  it('a value or its Chinese label compares', () => {
    expect(typeOf('户.户籍 == "urban"')).toEqual({ kind: 'bool' });
    expect(typeOf('household.hukou == 「城镇户口」')).toEqual({ kind: 'bool' });
    expect(typeOf('"village" == 退出.支付方')).toEqual({ kind: 'bool' });
    expect(typeOf('退出.模式 in ["永久退出", "custody"]')).toEqual({ kind: 'bool' });
  });

  it('anything else is E306 listing the allowed values, with a suggestion', () => {
    expect(errors('户.户籍 == "城镇"')).toEqual([
      {
        code: 'E306',
        severity: 'error',
        message: '不是该字段的取值 not a value of this field: "城镇"，可选 allowed: rural（农业户口）、urban（城镇户口）',
        start: 8,
        end: 12,
      },
    ]);
    expect(errors('退出.支付方 == "vilage"')[0]!.message).toContain('did you mean: village');
    expect(errors('退出.模式 in ["永久", "custody"]')[0]).toMatchObject({ code: 'E306', start: 10, end: 14 });
  });
});

describe('names', () => {
  it('a Chinese label is the same field as its English key', () => {
    expect(typeOf('户.户籍 == household.hukou')).toEqual({ kind: 'bool' });
    expect(typeOf('市场.流转费')).toEqual(num('元/亩/年'));
    expect(typeOf('market.rentPerMuYear')).toEqual(num('元/亩/年'));
    expect(typeOf('household.head.name == 户.户主.姓名')).toEqual({ kind: 'bool' });
    expect(typeOf('exitParcels.area')).toEqual(typeOf('退出地块.面积'));
    expect(typeOf('退出.表决.赞成 >= 2/3 * 退出.表决.应到')).toEqual({ kind: 'bool' });
  });

  it('an undefined name is E201 on exactly its span, with a suggestion', () => {
    expect(errors('面积 * 未定义名称甲')).toEqual([
      { code: 'E201', severity: 'error', message: '未定义的名称 undefined name: 未定义名称甲', start: 5, end: 11 },
    ]);
    expect(errors('流转废 * 面积')).toEqual([
      { code: 'E201', severity: 'error', message: '未定义的名称 undefined name: 流转废；是否指 did you mean: 流转费', start: 0, end: 3 },
    ]);
    expect(errors('housold.hukou')[0]!.message).toContain('did you mean: household');
  });

  it('every independent error is reported', () => {
    const d = errors('甲 + 乙 * 1 元 + 面积');
    expect(d.map((x) => [x.code, x.start, x.end])).toEqual([
      ['E201', 0, 1],
      ['E201', 4, 5],
    ]);
  });

  it('an unknown field is E202 on the field name', () => {
    expect(errors('户.户藉 == "urban"')).toEqual([
      { code: 'E202', severity: 'error', message: '未知字段 unknown field: 户藉；是否指 did you mean: 户主、户籍', start: 2, end: 4 },
    ]);
    expect(errors('sum(退出地块.面值)')[0]).toMatchObject({
      code: 'E202',
      start: 9,
      end: 11,
      message: expect.stringContaining('did you mean: 面积'),
    });
  });

  it('a field of a non-record is E307', () => {
    expect(errors('面积.单位')[0]).toMatchObject({ code: 'E307', start: 3, end: 5 });
  });

  it('an unknown function is E203 with a suggestion', () => {
    expect(errors('summ(退出地块.面积)')).toEqual([
      { code: 'E203', severity: 'error', message: '未知函数 unknown function: summ；是否指 did you mean: sum', start: 0, end: 4 },
    ]);
    expect(typeOf('合计(退出地块.面积)')).toEqual(num('亩'));
    expect(typeOf('计数(家庭共有人) >= 1')).toEqual({ kind: 'bool' });
  });

  it('an unknown unit is E205 on the word', () => {
    expect(errors('3 平米')).toEqual([
      { code: 'E205', severity: 'error', message: '未知单位 unknown unit: 平米；是否指 did you mean: 平方米', start: 2, end: 4 },
    ]);
    expect(errors('30 年以上')[0]!.message).toContain('「以上」');
  });

  it('case fields only when the scope allows them (E206)', () => {
    const noCase: ScopeDecl = { names: { 面积: { kind: 'number', unit: '亩' } }, caseFields: false };
    expect(errors('退出地块', noCase)).toEqual([
      { code: 'E206', severity: 'error', message: '案件字段在此处不可用 case fields are not available here: 退出地块', start: 0, end: 4 },
    ]);
    expect(typeOf('面积 * 2', noCase)).toEqual(num('亩'));
  });

  it('scope names shadow case fields', () => {
    const scope: ScopeDecl = { names: { 户: { kind: 'number', unit: '户' } }, caseFields: true };
    expect(typeOf('户 + 1 户', scope)).toEqual(num('户'));
  });

  it('reports which scope names are read, in order', () => {
    const r = checkExpression(parsed('sum(退出地块.面积) * (流转费 + 地力补贴) * 补偿年限 + 0 * 流转费 * 1 亩 * 1 年'), qinzhouScope);
    expect(r.names).toEqual(['流转费', '地力补贴', '补偿年限']);
  });

  it('a bare unit word says to write it after a number', () => {
    expect(errors('元 + 1')[0]!.message).toBe(
      '未定义的名称 undefined name: 元（「元」是单位，请写在数字后 is a unit: write it after a number, e.g. 1 元）',
    );
  });

  it('record-typed scope names take fields by key', () => {
    const scope: ScopeDecl = { names: { 档: { kind: 'record', fields: { 价格: { kind: 'number', unit: '元/亩' } } } }, caseFields: false };
    expect(typeOf('档.价格 * 2 亩', scope)).toEqual(num('元'));
  });
});

describe('scope declarations', () => {
  it('a scope name declared with an unknown unit is E205 where it is used', () => {
    const scope: ScopeDecl = { names: { 单价: { kind: 'number', unit: '元/平米' } }, caseFields: false };
    expect(errors('单价 * 2', scope)).toEqual([
      {
        code: 'E205',
        severity: 'error',
        message: '未知单位 unknown unit: 平米（单价 的单位 the unit of 单价）；是否指 did you mean: 平方米',
        start: 0,
        end: 2,
      },
    ]);
  });

  it('empty lists type as lists of anything', () => {
    expect(typeOf('max([])')).toEqual(num(''));
    expect(typeOf('count([])')).toEqual(num(''));
    expect(typeOf('1 in []')).toEqual({ kind: 'bool' });
  });
});
