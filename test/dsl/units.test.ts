import { describe, expect, it } from 'vitest';
import {
  canonicalUnit,
  conversionFactor,
  divDimension,
  formatDimension,
  isDimensionless,
  mulDimension,
  parseUnit,
  sameDimension,
  type Unit,
  unitWord,
} from '../../dsl/units.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPolicy } from '../../dsl/index.ts';
import { msg } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';

function unit(text: string): Unit {
  const p = parseUnit(text);
  if ('error' in p) throw new Error(renderBoth(p.error));
  return p.unit;
}

describe('parseUnit', () => {
  it('spells every dimension canonically', () => {
    expect(unit('元/亩/年').canonical).toBe('元/亩/年');
    expect(unit('万元/亩').canonical).toBe('元/亩');
    expect(unit('公顷').canonical).toBe('亩');
    expect(unit('月').canonical).toBe('年');
    expect(unit('个月').canonical).toBe('年');
    expect(unit('天').canonical).toBe('日');
    expect(unit('工作日').canonical).toBe('工作日');
    expect(unit('').canonical).toBe('');
    expect(unit('1/年').canonical).toBe('1/年');
    expect(unit('亩^2').canonical).toBe('亩^2');
    expect(unit('元·亩').canonical).toBe('元·亩');
    expect(unit(' 元 / 亩 / 年 ').canonical).toBe('元/亩/年');
  });

  it('keeps exact scales: 万元 = 10000 元, 公顷 = 15 亩, 月 = 1/12 年, 平方米 = 0.0015 亩', () => {
    expect(unit('万元').scale).toEqual({ n: 10000n, d: 1n });
    expect(unit('公顷').scale).toEqual({ n: 15n, d: 1n });
    expect(unit('月').scale).toEqual({ n: 1n, d: 12n });
    expect(unit('平方米').scale).toEqual({ n: 3n, d: 2000n });
    expect(unit('万元/亩').scale).toEqual({ n: 10000n, d: 1n });
    // 元/公顷 = 元 / 15 亩
    expect(unit('元/公顷').scale).toEqual({ n: 1n, d: 15n });
    expect(unit('元/亩/月').scale).toEqual({ n: 12n, d: 1n });
  });

  it('rejects unknown words, naming the word', () => {
    const p = parseUnit('元/平米');
    expect(p).toEqual({ error: { code: 'unit.unknown', args: { word: '平米' } }, word: '平米' });
    expect('error' in p && renderBoth(p.error)).toBe('未知单位 unknown unit: 平米');
    expect('error' in parseUnit('元//亩')).toBe(true);
  });
});

describe('dimension algebra', () => {
  it('亩 × 元/亩/年 × 年 = 元', () => {
    const d = mulDimension(mulDimension(unit('亩').dimension, unit('元/亩/年').dimension), unit('年').dimension);
    expect(formatDimension(d)).toBe('元');
  });

  it('元 / 亩 = 元/亩; 亩 / 亩 is dimensionless', () => {
    expect(formatDimension(divDimension(unit('元').dimension, unit('亩').dimension))).toBe('元/亩');
    expect(isDimensionless(divDimension(unit('亩').dimension, unit('公顷').dimension))).toBe(true);
  });

  it('日 and 工作日 are different dimensions, as are 人 and 户', () => {
    expect(sameDimension(unit('日').dimension, unit('工作日').dimension)).toBe(false);
    expect(sameDimension(unit('月').dimension, unit('日').dimension)).toBe(false);
    expect(sameDimension(unit('人').dimension, unit('户').dimension)).toBe(false);
    expect(sameDimension(unit('月').dimension, unit('年').dimension)).toBe(true);
  });
});

describe('conversions', () => {
  it('converts exactly within a dimension', () => {
    expect(conversionFactor('万元', '元')).toEqual({ factor: { n: 10000n, d: 1n } });
    expect(conversionFactor('公顷', '亩')).toEqual({ factor: { n: 15n, d: 1n } });
    expect(conversionFactor('年', '月')).toEqual({ factor: { n: 12n, d: 1n } });
    expect(conversionFactor('万元/亩', '元/公顷')).toEqual({ factor: { n: 150000n, d: 1n } });
  });

  it('refuses across dimensions', () => {
    const refused = (from: string, to: string) => {
      const r = conversionFactor(from, to);
      return 'error' in r ? renderBoth(r.error) : r;
    };
    expect(refused('工作日', '月')).toBe('单位不能换算 units do not convert: 工作日 → 年');
    expect(refused('元', '')).toBe('单位不能换算 units do not convert: 元 → 无单位 none');
  });

  it('canonicalUnit and unitWord', () => {
    expect(canonicalUnit('万元/公顷')).toBe('元/亩');
    expect(canonicalUnit('斤')).toBeUndefined();
    const none = unitWord('');
    expect(typeof none !== 'string' && renderBoth(none)).toBe('无单位 none');
    expect(unitWord('元/亩')).toBe('元/亩');
  });
});

describe('a policy-level type finding names the type as the expression checker does', () => {
  const policy = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../cases/bad/rule-not-bool.yaml'), 'utf8');
  const findings = (rule: string) =>
    checkPolicy(policy.replace('rule: count(家庭共有人)', `rule: ${rule}`), 'rule.yaml')
      .diagnostics.filter((d) => d.code === 'U451')
      .map((d) => renderBoth(d.message));

  it('a list says what it holds (U451 once said only 列表): 退出地块.面积 is a list of areas', () => {
    expect(findings('退出地块.面积')).toEqual([
      '规则应为真假值，实为数量（亩）的列表 / a rule must be true or false, but this is a list of number in 亩',
    ]);
  });

  it('a number says its unit: 每亩价格 is 元/亩', () => {
    expect(findings('每亩价格')).toEqual([renderBoth(msg('U451', { type: msg('type.number', { unit: '元/亩' }) }))]);
  });
});
