// CSV cells never start a formula (engine/compare/format.ts csvField), in the server's exports and
// in the UI's downloads alike (ui/src/common/csv.ts uses the same function).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, formatTable } from '../../../engine/compare/format.ts';
import type { ParameterTable } from '../../../engine/compare/parameters.ts';
import { toCsv } from '../../../ui/src/common/csv.ts';

/** The cells of one CSV line as a spreadsheet reads them (RFC 4180 quotes undone). */
function cells(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = '';
      for (i++; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') {
          s += '"';
          i++;
        } else if (line[i] === '"') break;
        else s += line[i];
      }
      out.push(s);
      i += 2;
    } else {
      const j = line.indexOf(',', i);
      out.push(line.slice(i, j < 0 ? line.length : j));
      i = j < 0 ? line.length + 1 : j + 1;
    }
  }
  return out;
}

describe('CSV formula injection', () => {
  it('a cell starting with = + - @ tab or CR gets a leading apostrophe; plain numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvField('+1+cmd|calc')).toBe("'+1+cmd|calc");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    for (const n of ['-12.5', '-3', '+7', '53333.25', '0']) expect(csvField(n)).toBe(n);
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField('第十条')).toBe('第十条');
    expect(csvField(null)).toBe('');
  });

  it('property: no cell of any CSV row begins with a formula character once a spreadsheet reads it, unless it is a plain number', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('=1+1', '+A1', '-A1', '@A1', '\t=A1', '\r\n=A1', '=', '-', '"=x"', ',=x'));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // The UI's file: BOM, CRLF between rows; a line break inside a quoted cell stays in the cell.
        const csv = toCsv(rows).slice(1);
        const parsed = rows.map((r) => r.map(csvField).join(','));
        expect(csv).toBe(parsed.join('\r\n') + '\r\n');
        for (const line of parsed) {
          for (const c of cells(line)) expect(/^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?$/.test(c)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the parameter table export neutralises a policy label or value written as a formula', () => {
    const t: ParameterTable = {
      policies: [{ id: 'evil', name: '恶意', status: '', version: '' }],
      rows: [
        {
          key: 'x',
          label: { zh: '=cmd|" /C calc"!A0', en: '=cmd|" /C calc"!A0' },
          cells: { evil: { value: '@SUM(1)', cite: '-第一条' } },
        } as unknown as ParameterTable['rows'][number],
      ],
      reference: { note: { zh: '', en: '' } },
    };
    const lines = formatTable(t, 'csv').trim().split('\n');
    expect(cells(lines[1]!)).toEqual(['x', `'=cmd|" /C calc"!A0`, "'@SUM(1)", "'-第一条"]);
  });
});
