// A case file's JSON error is reported at its line and column (code points), never as a V8 offset.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../dsl/json-text.ts';

const at = (text: string) => {
  const r = parseJsonText(text);
  return r.ok ? 'ok' : `${r.position.line}:${r.position.column} ${r.en}`;
};

describe('parseJsonText', () => {
  it('points at a trailing comma’s closing brace on the next line', () => {
    expect(at('{\n "a": 1,\n}')).toBe('3:1 JSON syntax error at line 3, column 1: unexpected "}"');
  });
  it('points at a misspelt literal’s first wrong character (V8 gives no position here)', () => {
    expect(at('{"a":tru}')).toBe('1:9 JSON syntax error at line 1, column 9: unexpected "}"');
  });
  it('counts columns in characters on a line with Chinese text', () => {
    expect(at('{\n  "名字": "张三",\n  "x": 1 2\n}')).toBe('3:10 JSON syntax error at line 3, column 10: unexpected "2"');
  });
  it('says the input ended early for a truncated file, at its end', () => {
    expect(at('[1,2')).toBe('1:5 JSON syntax error at line 1, column 5: unexpected end of input');
    expect(at('')).toBe('1:1 JSON syntax error at line 1, column 1: unexpected end of input');
  });
  it('gives both languages', () => {
    const r = parseJsonText('{"a" 1}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.zh).toBe('JSON 语法错误（第 1 行第 6 列）：无法识别「1}」');
  });
  it('parses every valid JSON text exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = parseJsonText(text);
        expect(r).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 200 },
    );
  });
  it('for JSON cut short anywhere, reports a position inside the text', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.nat(), (text, cut) => {
        const prefix = text.slice(0, cut % Math.max(1, text.length));
        const r = parseJsonText(prefix);
        if (r.ok) return;
        expect(r.position.line).toBeGreaterThanOrEqual(1);
        expect(r.position.column).toBeLessThanOrEqual(prefix.length + 1);
      }),
      { numRuns: 200 },
    );
  });
});
