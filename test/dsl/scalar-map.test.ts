// Offsets inside YAML scalars map back to the file exactly, for every way a scalar can be written.
import { describe, expect, it } from 'vitest';
import { parseYaml, valueOffsetToFile, type LScalar } from '../../dsl/yaml.ts';

function scalars(src: string): Map<string, LScalar> {
  const r = parseYaml(src, 't.yaml');
  expect(r.diagnostics).toEqual([]);
  const out = new Map<string, LScalar>();
  if (r.root?.kind === 'map') for (const e of r.root.entries) if (e.value.kind === 'scalar') out.set(e.key, e.value);
  return out;
}

/** The file offset of the n-th occurrence of `needle` in the scalar's value. */
function fileOffsetOf(src: string, s: LScalar, needle: string): number {
  const i = (s.value as string).indexOf(needle);
  expect(i, `${needle} in ${JSON.stringify(s.value)}`).toBeGreaterThanOrEqual(0);
  return valueOffsetToFile(src, s, i);
}

describe('scalar offset maps', () => {
  const src = [
    'plain: first line',
    '  second 甲 line',
    'dq: "a\\u4e14b \\"q\\" \\x41 \\U0001F600 甲\\',
    '  乙 \\t丙"',
    "sq: 'it''s 甲",
    "  乙'",
    'lit: |',
    '  line 甲',
    '    more 乙',
    'litkeep: |+',
    '  keep 甲',
    '',
    'folded: >-',
    '  fold 甲',
    '  fold 乙',
    '',
    '    indented 丙',
    '  back 丁',
    'explicit: |2',
    '   three 甲',
    'last: x',
  ].join('\n');
  const s = scalars(src);
  const expectAt = (key: string, needle: string) => {
    const off = fileOffsetOf(src, s.get(key)!, needle);
    expect(src.slice(off, off + needle.length)).toBe(needle);
  };

  it('plain multi-line scalars (folded line breaks)', () => {
    expect(s.get('plain')!.value).toBe('first line second 甲 line');
    expectAt('plain', '甲');
    expectAt('plain', 'line');
    // The space that folding made of the line break maps to the break, not to a later space.
    const plain = s.get('plain')!;
    expect(src[valueOffsetToFile(src, plain, 'first line'.length)]).toBe('\n');
  });

  it('double-quoted scalars with escapes and an escaped line break', () => {
    expect(s.get('dq')!.value).toBe('a且b "q" A 😀 甲乙 \t丙');
    expectAt('dq', '甲');
    expectAt('dq', '乙');
    expectAt('dq', '丙');
    // An escape maps to its backslash.
    const dq = s.get('dq')!;
    const at = valueOffsetToFile(src, dq, 1);
    expect(src.slice(at, at + 6)).toBe('\\u4e14');
    // Both halves of an astral character map to its \U escape.
    const smile = (dq.value as string).indexOf('😀');
    const u = valueOffsetToFile(src, dq, smile);
    expect(valueOffsetToFile(src, dq, smile + 1)).toBe(u);
    expect(src.slice(u, u + 2)).toBe('\\U');
  });

  it("single-quoted scalars with ''", () => {
    expect(s.get('sq')!.value).toBe("it's 甲 乙");
    expectAt('sq', '甲');
    expectAt('sq', '乙');
  });

  it('literal and folded blocks, with chomping and an explicit indentation indicator', () => {
    expect(s.get('lit')!.value).toBe('line 甲\n  more 乙\n');
    expectAt('lit', '甲');
    expectAt('lit', '乙');
    expectAt('litkeep', '甲');
    expect(s.get('folded')!.value).toBe('fold 甲 fold 乙\n\n  indented 丙\nback 丁');
    for (const n of ['甲', '乙', '丙', '丁']) expectAt('folded', n);
    expect(s.get('explicit')!.value).toBe(' three 甲\n');
    expectAt('explicit', '甲');
  });
});
