// landflow compare and landflow simulate read --format by one rule (engine/cli/format-option.ts).
import { describe, expect, it } from 'vitest';
import { FORMATS, readFormat } from '../../../engine/cli/format-option.ts';

describe('--format', () => {
  it('is text by default, one of the printing formats, or xlsx: the CSV rows as a workbook', () => {
    expect(readFormat({}, 'x')).toEqual({ format: 'text', xlsx: false });
    for (const f of FORMATS) expect(readFormat({ format: f }, 'x')).toEqual({ format: f, xlsx: false });
    expect(readFormat({ format: 'xlsx', out: 'a.xlsx' }, 'x')).toEqual({ format: 'csv', xlsx: true });
  });

  it('refuses another format, a workbook for the terminal, and a workbook of a sweep (naming what --sweep prints)', () => {
    expect(() => readFormat({ format: 'pdf' }, 'x')).toThrow('--format 应为 must be one of text | json | csv | markdown | xlsx: pdf');
    expect(() => readFormat({ format: 'xlsx' }, 'x')).toThrow('--format xlsx 需要 --out FILE.xlsx (a workbook is not for the terminal)');
    expect(() => readFormat({ format: 'xlsx', out: 'a.xlsx', sweep: 'rent=1:2:1' }, 'one simulation')).toThrow(
      '--format xlsx 不用于 --sweep is for one simulation; use --format csv',
    );
  });
});
