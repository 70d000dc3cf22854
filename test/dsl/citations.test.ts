import { describe, expect, it } from 'vitest';
import { resolveCite, splitCites } from '../../dsl/check/citations.ts';

const articles = { 第十条: '…', 第十六条: '…', 附件3: '…', 农村土地承包法第三十条: '…', '论文3.2托管': '…' };

describe('citations', () => {
  it('accept an article key as written', () => {
    expect(resolveCite('第十条', articles)).toBe('第十条');
    expect(resolveCite('附件3', articles)).toBe('附件3');
    expect(resolveCite('论文3.2托管', articles)).toBe('论文3.2托管');
  });
  it('accept 款 and 项 sub-parts after a key', () => {
    expect(resolveCite('第十条第二项', articles)).toBe('第十条');
    expect(resolveCite('第十六条第二款', articles)).toBe('第十六条');
    expect(resolveCite('第十条第二款第一项', articles)).toBe('第十条');
    expect(resolveCite('农村土地承包法第三十条第一款', articles)).toBe('农村土地承包法第三十条');
  });
  it('reject unknown articles and other suffixes', () => {
    expect(resolveCite('第十一条', articles)).toBeUndefined();
    expect(resolveCite('第十条之一', articles)).toBeUndefined();
    expect(resolveCite('第十', articles)).toBeUndefined();
  });
  it('split several cites joined by 、', () => {
    expect(splitCites('第十条、第十六条第二款')).toEqual(['第十条', '第十六条第二款']);
  });
});
