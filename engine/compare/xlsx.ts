// Tables as an Excel workbook (XLSX), beside the CSV downloads: the comparison table, one household
// under each policy and a simulation's summary (`landflow compare|simulate --format xlsx --out F`,
// GET /api/compare/parameters?format=xlsx) from the same rows as their CSV (format.ts), and
// POST /api/compare/export.xlsx for the rows the UI writes to its CSV (ui/src/common/csv.ts), one
// sheet per table. So the two files carry the same cells: a plain decimal number becomes a number
// cell; every other cell is text, neutralised as in the CSV (format.ts neutralised: "=HYPERLINK(…)"
// is kept as the text "'=HYPERLINK(…)"), and a workbook built here holds no formula. The request
// is checked and bounded before exceljs loads.
import type { FastifyInstance } from 'fastify';
import type { CaseComparison } from './case.ts';
import { caseRows, neutralised, PLAIN_NUMBER, simulationRows, tableRows, type Rows } from './format.ts';
import type { ParameterTable } from './parameters.ts';
import type { SimulationResult } from './simulate.ts';
import { errorOf, sendError } from '../server/errors.ts';
import { msg, type Message } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import { media, XLSX_TYPE } from '../server/responses.ts';

export type XlsxCell = string | number | boolean | null;

export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
}

export const XLSX_LIMITS = { sheets: 8, rows: 20_000, columns: 100, cellChars: 2_000, cells: 400_000 } as const;

/**
 * The decimals of a text that becomes a number cell: a plain number (format.ts PLAIN_NUMBER) of at
 * most 15 whole digits and 10 decimals, which a spreadsheet's double holds as written; undefined
 * for any other text.
 */
function numberCellPlaces(text: string): number | undefined {
  const m = PLAIN_NUMBER.exec(text.trim());
  if (!m || m[1]!.length > 15 || (m[2]?.length ?? 0) > 10) return undefined;
  return m[2]?.length ?? 0;
}

export class XlsxInputError extends TextError {
  declare readonly text: Message;
  constructor(
    message: Message,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, not blank. */
export function sheetName(name: string, index: number): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean || `Sheet${index + 1}`;
}

/** The body checked: sheets of rows of cells, within the limits; the first problem with its pointer. */
export function checkSheets(body: unknown): XlsxSheet[] {
  const sheets = (body as { sheets?: unknown } | null)?.sheets;
  if (!Array.isArray(sheets) || sheets.length === 0) throw new XlsxInputError(msg('xlsx.sheets'), '/sheets');
  if (sheets.length > XLSX_LIMITS.sheets) throw new XlsxInputError(msg('xlsx.tooManySheets', { max: XLSX_LIMITS.sheets }), '/sheets');
  let cells = 0;
  return sheets.map((s, i) => {
    const at = `/sheets/${i}`;
    if (s === null || typeof s !== 'object') throw new XlsxInputError(msg('xlsx.sheet'), at);
    const { name, rows } = s as { name?: unknown; rows?: unknown };
    if (typeof name !== 'string') throw new XlsxInputError(msg('xlsx.name'), `${at}/name`);
    if (!Array.isArray(rows)) throw new XlsxInputError(msg('xlsx.rows'), `${at}/rows`);
    if (rows.length > XLSX_LIMITS.rows) throw new XlsxInputError(msg('xlsx.tooManyRows', { max: XLSX_LIMITS.rows }), `${at}/rows`);
    rows.forEach((row, r) => {
      if (!Array.isArray(row)) throw new XlsxInputError(msg('xlsx.row'), `${at}/rows/${r}`);
      if (row.length > XLSX_LIMITS.columns)
        throw new XlsxInputError(msg('xlsx.tooManyColumns', { max: XLSX_LIMITS.columns }), `${at}/rows/${r}`);
      cells += row.length;
      row.forEach((c, k) => {
        const ok =
          c === null ||
          typeof c === 'boolean' ||
          (typeof c === 'number' && Number.isFinite(c)) ||
          (typeof c === 'string' && c.length <= XLSX_LIMITS.cellChars);
        if (!ok) throw new XlsxInputError(msg('xlsx.cell', { max: XLSX_LIMITS.cellChars }), `${at}/rows/${r}/${k}`);
      });
    });
    if (cells > XLSX_LIMITS.cells) throw new XlsxInputError(msg('xlsx.tooManyCells', { max: XLSX_LIMITS.cells }), at);
    return { name, rows: rows as XlsxCell[][] };
  });
}

/** A cell as the workbook holds it: numbers for plain decimal texts, neutralised text otherwise. */
export function cellValue(c: XlsxCell): string | number | boolean | null {
  if (typeof c !== 'string') return c;
  return numberCellPlaces(c) !== undefined ? Number(c) : neutralised(c);
}

/** A row of format.ts as cells: what its CSV prints (String of it) for anything not a plain value. */
function cells(rows: Rows): XlsxCell[][] {
  return rows.map((r) =>
    r.map((v) => (v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : String(v))),
  );
}

/** The parameter table as a workbook: the cells of formatTable's CSV. */
export const tableWorkbook = (t: ParameterTable) => workbook([{ name: '参数比较 parameters', rows: cells(tableRows(t)) }]);

/** One household under each policy: the cells of formatCase's CSV. */
export const caseWorkbook = (results: CaseComparison[]) => workbook([{ name: '同一农户 one household', rows: cells(caseRows(results)) }]);

/** A simulation's summary: the cells of formatSimulation's CSV. */
export const simulationWorkbook = (r: SimulationResult) => workbook([{ name: '模拟汇总 simulation', rows: cells(simulationRows(r)) }]);

export async function workbook(sheets: XlsxSheet[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'landflow';
  const used = new Set<string>();
  sheets.forEach((s, i) => {
    let name = sheetName(s.name, i);
    while (used.has(name)) name = `${name.slice(0, 28)}-${i + 1}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    for (const row of s.rows) {
      const added = ws.addRow(row.map(cellValue));
      // 91650.00 shows as 91650.00, not 91650: the decimals the text had.
      row.forEach((c, k) => {
        const places = typeof c === 'string' ? (numberCellPlaces(c) ?? 0) : 0;
        if (places) added.getCell(k + 1).numFmt = `0.${'0'.repeat(places)}`;
      });
    }
    if (s.rows[0]) ws.getRow(1).font = { bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** POST /api/compare/export.xlsx {filename?, sheets}: the workbook as a download. */
export function registerXlsxExport(app: FastifyInstance): void {
  const schema = {
    summary: "Rows as an Excel workbook (the UI's CSV tables, one sheet each)",
    tags: ['compare'],
    // Types only: the route checks the limits and answers with the pointer of the first problem.
    body: {
      type: 'object',
      properties: {
        filename: { type: 'string' },
        sheets: { type: 'array', description: '[{ name, rows: [[text | number | boolean | null]] }]' },
      },
    },
    response: { 200: media(XLSX_TYPE, 'The workbook (a download)', 'binary') },
  };
  app.post<{ Body: unknown }>('/api/compare/export.xlsx', { schema }, async (req, reply) => {
    let sheets: XlsxSheet[];
    try {
      sheets = checkSheets(req.body);
    } catch (e) {
      if (!(e instanceof XlsxInputError)) throw e;
      return sendError(reply, 400, errorOf('BAD_REQUEST', e.text, { path: e.path }));
    }
    const raw = (req.body as { filename?: unknown }).filename;
    const filename = typeof raw === 'string' && /^[\w\-.\u4e00-\u9fff]{1,80}\.xlsx$/.test(raw) ? raw : 'landflow.xlsx';
    const bytes = await workbook(sheets);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="landflow.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(bytes);
  });
}
