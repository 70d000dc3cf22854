import { describe, expect, it } from 'vitest';
import { lineIndex, lineText, positionAt } from '../../dsl/source.ts';

describe('positions', () => {
  it('are 1-based lines and code-point columns', () => {
    const text = 'ab\n甲乙丙\n😀x\n';
    const idx = lineIndex(text);
    expect(positionAt(idx, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(idx, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(idx, 5)).toEqual({ line: 2, column: 3 });
    // 😀 is two UTF-16 units but one column.
    expect(positionAt(idx, text.indexOf('x'))).toEqual({ line: 3, column: 2 });
    expect(positionAt(idx, text.length)).toEqual({ line: 4, column: 1 });
    expect(lineText(idx, 2)).toBe('甲乙丙');
  });
});
