import { describe, expect, it } from 'vitest';
import { parseQuantity, type QuantityValue } from '../../../dsl/expr/index.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';

/** A refusal as the command line prints it (both languages). */
const refused = (text: string) => {
  const r = parseQuantity(text);
  return 'error' in r ? renderBoth(r.error) : r;
};

function q(text: string): QuantityValue {
  const r = parseQuantity(text);
  if ('error' in r) throw new Error(renderBoth(r.error));
  return r;
}

describe('parseQuantity', () => {
  it('numbers with units: type in the canonical unit, value in canonical units', () => {
    expect(q('30 年')).toMatchObject({ type: { kind: 'number', unit: '年' }, written: { amount: '30', unit: '年' } });
    expect(q('30 年').value.toString()).toBe('30');
    expect(q('650 元/亩/年').type).toEqual({ kind: 'number', unit: '元/亩/年' });
    expect(q('650元/亩/年').value.toString()).toBe('650');
    expect(q('1.4 万元').value.toString()).toBe('14000');
    expect(q('1.4 万元').type).toEqual({ kind: 'number', unit: '元' });
    expect(q('1.4 万元/亩').written).toEqual({ amount: '1.4', unit: '万元/亩' });
    expect(q('2 公顷').value.toString()).toBe('30');
    expect(q('6 月').value.toString()).toBe('0.5');
    expect(q('106.5').type).toEqual({ kind: 'number', unit: '' });
  });

  it('percentages and fractions are dimensionless; non-terminating ones carry an exact Fraction', () => {
    expect(q('50%').value.toString()).toBe('0.5');
    expect(q('50%').exact).toBeUndefined();
    expect(q('12.5％').value.toString()).toBe('0.125');
    expect(q('三分之二').value.toString()).toBe('0.6666666666666666666666666666666666666667');
    expect(q('三分之二').exact!.toString()).toBe('2/3');
    expect(q('四分之三').value.toString()).toBe('0.75');
    expect(q('2/3').exact!.toString()).toBe('2/3');
    expect(q('百分之五十').value.toString()).toBe('0.5');
    expect(q('1 月').exact!.toString()).toBe('1/12');
  });

  it('legal periods keep the amount and unit as written (半年 = 6 月)', () => {
    expect(q('半年')).toMatchObject({ type: { kind: 'number', unit: '年' }, period: { amount: 6, unit: '月', text: '半年' } });
    expect(q('半年').value.toString()).toBe('0.5');
    expect(q('3 工作日')).toMatchObject({
      type: { kind: 'number', unit: '工作日' },
      period: { amount: 3, unit: '工作日', text: '3 工作日' },
    });
    expect(q('15 日').period).toEqual({ amount: 15, unit: '日', text: '15 日' });
    expect(q('30 天').period).toEqual({ amount: 30, unit: '日', text: '30 天' });
    expect(q('6 个月').period).toEqual({ amount: 6, unit: '月', text: '6 个月' });
    expect(q('30 年').period).toEqual({ amount: 30, unit: '年', text: '30 年' });
    expect(q('650 元/亩/年').period).toBeUndefined();
  });

  it('Chinese numerals as in the seeds: 三个工作日, 十五日, 三十年, 六个月', () => {
    expect(q('三个工作日').period).toEqual({ amount: 3, unit: '工作日', text: '三个工作日' });
    expect(q('十五日').period).toEqual({ amount: 15, unit: '日', text: '十五日' });
    expect(q('三十年').value.toString()).toBe('30');
    expect(q('六个月').period).toEqual({ amount: 6, unit: '月', text: '六个月' });
    expect(q('一百零五元').value.toString()).toBe('105');
  });

  it('errors are returned, Chinese first', () => {
    expect(refused('')).toBe('无法识别的数量 not a quantity: ');
    expect(refused('abc')).toBe('无法识别的数量 not a quantity: abc');
    expect(refused('3 平米')).toBe('未知单位 unknown unit: 平米（3 平米）');
    expect(refused('1/0')).toBe('除数为零 division by zero: 1/0');
    expect(refused('三五年')).toBe('无法识别的数量 not a quantity: 三五年');
    expect(refused('零分之一')).toBe('无法识别的数量 not a quantity: 零分之一');
  });

  it('says each language on its own', () => {
    const r = parseQuantity('3 平米');
    expect('error' in r && [render(r.error, 'zh'), render(r.error, 'en')]).toEqual([
      '未知单位：平米（3 平米）',
      'unknown unit: 平米 (3 平米)',
    ]);
  });
});

describe('parseQuantity with a sign', () => {
  it('negates the whole quantity', () => {
    expect(q('-10%').value.toString()).toBe('-0.1');
    expect(q('−0.5 万元').value.toString()).toBe('-5000');
    expect(q('-0.5 万元').written).toEqual({ amount: '-0.5', unit: '万元' });
    expect(q('-三分之一').exact!.toString()).toBe('-1/3');
    expect(q('-1 月').exact!.toString()).toBe('-1/12');
    expect(refused('--1')).toBe('无法识别的数量 not a quantity: --1');
  });
});
