// landflow compare and landflow simulate read --format by one rule (engine/cli/format-option.ts).
import { describe, expect, it } from 'vitest';
import { msg } from '../../../dsl/message.ts';
import { FORMATS, readFormat } from '../../../engine/cli/format-option.ts';

const scope = msg('cli.xlsxScope.simulate');

describe('--format', () => {
  it('is text by default, one of the printing formats, or xlsx: the CSV rows as a workbook', () => {
    expect(readFormat({}, scope)).toEqual({ format: 'text', xlsx: false });
    for (const f of FORMATS) expect(readFormat({ format: f }, scope)).toEqual({ format: f, xlsx: false });
    expect(readFormat({ format: 'xlsx', out: 'a.xlsx' }, scope)).toEqual({ format: 'csv', xlsx: true });
  });

  it('refuses another format, a workbook for the terminal, and a workbook of a sweep (naming what --sweep prints)', () => {
    expect(() => readFormat({ format: 'pdf' }, scope)).toThrow('--format 应为 must be one of text | json | csv | markdown | xlsx: pdf');
    expect(() => readFormat({ format: 'xlsx' }, scope)).toThrow('--format xlsx 需要 --out FILE.xlsx (a workbook is not for the terminal)');
    expect(() => readFormat({ format: 'xlsx', out: 'a.xlsx', sweep: 'rent=1:2:1' }, scope)).toThrow(
      '--format xlsx 不用于 --sweep is for one simulation; use --format csv',
    );
  });
});
