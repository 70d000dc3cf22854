import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exprMessage, MESSAGE_LIST, MESSAGES } from '../../../dsl/expr/messages.ts';
import { msg } from '../../../dsl/message.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';

describe('the code catalogue', () => {
  it('codes are unique and well-formed (E1xx syntax, E2xx names, E3xx types/units, E4xx evaluation)', () => {
    const codes = MESSAGE_LIST.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^E[1-4]\d\d$/);
    expect(Object.keys(MESSAGES)).toHaveLength(codes.length);
  });

  it('each message has Chinese and English text', () => {
    for (const m of MESSAGE_LIST) {
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en).toMatch(/^[a-z]/);
    }
  });

  it('every code the sources emit is in the catalogue, and every catalogued code is emitted', () => {
    const dir = new URL('../../../dsl/expr/', import.meta.url);
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'messages.ts')) {
      for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/'(E\d{3})'/g)) used.add(m[1]!);
    }
    expect([...used].filter((c) => !MESSAGES[c])).toEqual([]);
    expect(MESSAGE_LIST.map((m) => m.code).filter((c) => !used.has(c))).toEqual([]);
  });

  it('renders Chinese first, then English, the detail and a suggestion; or one language', () => {
    const m = exprMessage('E201', '流转废', '流转费');
    expect(renderBoth(m)).toBe('未定义的名称 undefined name: 流转废；是否指 did you mean: 流转费');
    expect(render(m, 'zh')).toBe('未定义的名称：流转废；是否指：流转费');
    expect(render(m, 'en')).toBe('undefined name: 流转废; did you mean: 流转费');
    expect(renderBoth(exprMessage('E110'))).toBe('表达式为空 empty expression');
    expect(render(exprMessage('E110'), 'en')).toBe('empty expression');
  });

  it("a hint is wording, in the reader's language", () => {
    const m = exprMessage('E201', '元', undefined, msg('expr.unitAsName', { name: '元' }));
    expect(renderBoth(m)).toBe(
      '未定义的名称 undefined name: 元（「元」是单位，请写在数字后 is a unit: write it after a number, e.g. 1 元）',
    );
    expect(render(m, 'zh')).toBe('未定义的名称：元（「元」是单位，请写在数字后）');
    expect(render(m, 'en')).toBe('undefined name: 元 ("元" is a unit: write it after a number, e.g. 1 元)');
  });
});
