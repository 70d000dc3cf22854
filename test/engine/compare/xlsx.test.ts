// POST /api/compare/export.xlsx: the rows the UI writes to its CSV come back as a workbook with the
// same numbers (number cells), Chinese intact, no formula ever, and bad or oversized bodies a 400
// with the pointer of the first problem.
import Fastify from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cellValue, registerXlsxExport, sheetName, XLSX_LIMITS } from '../../../engine/compare/xlsx.ts';
import { render } from '../../../dsl/messages.ts';
import type { Text } from '../../../dsl/message.ts';
import { exportFormatOf } from '../../../engine/compare/export.ts';
import { CompareInputError } from '../../../engine/compare/io.ts';

const app = Fastify();
registerXlsxExport(app);
afterAll(() => app.close());

async function read(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

describe('XLSX export', () => {
  it('writes each sheet with numbers as numbers, text as text and Chinese intact', async () => {
    const rows = [
      ['政策', '补偿金额', '大写', '备注'],
      ['钦州', '53333.25', '伍万叁仟叁佰叁拾叁元贰角伍分', '=HYPERLINK("http://x","点")'],
      ['内江', '91650.00', '玖万壹仟陆佰伍拾元整', null],
      ['梁平', -12.5, true, '0.85'],
    ];
    const r = await app.inject({
      method: 'POST',
      url: '/api/compare/export.xlsx',
      payload: { filename: 'landflow-compare.xlsx', sheets: [{ name: '比较结果', rows }] },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('landflow-compare.xlsx')}`);
    const wb = await read(r.rawPayload);
    const ws = wb.getWorksheet('比较结果')!;
    expect(ws.getCell('A1').value).toBe('政策');
    expect(ws.getCell('B2').value).toBe(53333.25);
    expect(ws.getCell('B3').value).toBe(91650);
    expect(ws.getCell('C2').value).toBe('伍万叁仟叁佰叁拾叁元贰角伍分');
    // A text that a spreadsheet would run as a formula stays text, neutralised as in the CSV (csvField).
    expect(ws.getCell('D2').value).toBe('\'=HYPERLINK("http://x","点")');
    expect(ws.getCell('D2').formula).toBeUndefined();
    expect(ws.getCell('B4').value).toBe(-12.5);
    expect(ws.getCell('C4').value).toBe(true);
    expect(ws.getCell('D4').value).toBe(0.85);
  });

  it("keeps a sheet name within Excel's rules", () => {
    expect(sheetName('a/b:c*?[d]', 0)).toBe('a b c   d');
    expect(sheetName('   ', 2)).toBe('Sheet3');
    expect(sheetName('长'.repeat(40), 0)).toHaveLength(31);
    expect(cellValue('1e5')).toBe('1e5');
    expect(cellValue(' 12.30 ')).toBe(12.3);
    expect(cellValue('0012')).toBe(12);
  });

  it('refuses a bad or oversized body with the pointer of the first problem', async () => {
    const bad = async (payload: unknown) => {
      const r = await app.inject({ method: 'POST', url: '/api/compare/export.xlsx', payload: payload as object });
      expect(r.statusCode).toBe(400);
      return (r.json() as { error: { path: string } }).error.path;
    };
    expect(await bad({})).toBe('/sheets');
    expect(await bad({ sheets: [{ name: 1, rows: [] }] })).toBe('/sheets/0/name');
    expect(await bad({ sheets: [{ name: 'a', rows: [['x', { f: 1 }]] }] })).toBe('/sheets/0/rows/0/1');
    expect(await bad({ sheets: [{ name: 'a', rows: [['x'.repeat(XLSX_LIMITS.cellChars + 1)]] }] })).toBe('/sheets/0/rows/0/0');
    expect(await bad({ sheets: Array.from({ length: XLSX_LIMITS.sheets + 1 }, () => ({ name: 'a', rows: [] })) })).toBe('/sheets');
    expect(await bad({ sheets: [{ name: 'a', rows: [Array.from({ length: XLSX_LIMITS.columns + 1 }, () => 1)] }] })).toBe(
      '/sheets/0/rows/0',
    );
  });

  it('says why as a message: the same line in both languages as before, each language on its own', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/compare/export.xlsx',
      payload: { sheets: [{ name: 'a', rows: [['x', { f: 1 }]] }] },
    });
    const e = (r.json() as { error: { code: string; message: string; text: Text } }).error;
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.text).toEqual({ code: 'xlsx.cell', args: { max: XLSX_LIMITS.cellChars } });
    expect(render(e.text, 'zh')).toBe(`单元格应为文字（不超过 ${XLSX_LIMITS.cellChars} 字）、数字、真假或空`);
    expect(render(e.text, 'en')).toBe(`a cell must be text (≤ ${XLSX_LIMITS.cellChars} characters), a number, a boolean or null`);
    expect(e.message).toBe(
      `单元格应为文字（不超过 ${XLSX_LIMITS.cellChars} 字）、数字、真假或空 a cell must be text (≤ ${XLSX_LIMITS.cellChars} characters), a number, a boolean or null`,
    );
  });
});

describe('the per-household export says why as a message', () => {
  it('a file that is neither .csv nor .parquet', () => {
    let e: unknown;
    try {
      exportFormatOf('out.txt');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(CompareInputError);
    const c = e as CompareInputError;
    expect(c.text).toEqual({ code: 'export.extension', args: { path: 'out.txt' } });
    expect(render(c.text!, 'zh')).toBe('out.txt：导出文件应以 .csv 或 .parquet 结尾');
    expect(render(c.text!, 'en')).toBe('out.txt: the export file must end in .csv or .parquet');
    expect(c.message).toBe('out.txt: 导出文件应以 .csv 或 .parquet 结尾 the export file must end in .csv or .parquet');
  });
});
