// XLSX beside CSV (engine/compare/xlsx.ts): the comparison table, one household under each policy
// and a simulation's summary, from the CLI (`--format xlsx --out F`) and the server
// (?format=xlsx), read back with exceljs and compared cell by cell with the CSV of the same
// request; text a spreadsheet would run as a formula is neutralised as in the CSV.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { compareCase } from '../../../engine/compare/case.ts';
import { formatCase, formatTable } from '../../../engine/compare/format.ts';
import type { ParameterTable } from '../../../engine/compare/parameters.ts';
import { compareParameters } from '../../../engine/compare/parameters.ts';
import { registerCompareRoutes } from '../../../engine/compare/routes.ts';
import { caseWorkbook, tableWorkbook } from '../../../engine/compare/xlsx.ts';
import { runMain } from '../../helpers/cli.ts';
import { ROOT, entries, household } from './helpers.ts';

const run = (...argv: string[]) => runMain(argv, { cwd: ROOT, env: { LANDFLOW_NO_PROGRESS: '1' } });
const tmp = mkdtempSync(join(tmpdir(), 'landflow-xlsx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** RFC 4180 records (quoted fields, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

async function sheetRows(bytes: Buffer | Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  expect(wb.worksheets).toHaveLength(1);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (r) => {
    const values = (r.values as unknown[]).slice(1);
    out.push(values);
  });
  return out;
}

/** Every cell of the workbook is the CSV's field: the same text, or the same number. */
function expectSameCells(xlsx: unknown[][], csv: string[][]): void {
  expect(xlsx.length).toBe(csv.length);
  csv.forEach((row, i) => {
    row.forEach((field, k) => {
      const cell = xlsx[i]![k];
      const where = `row ${i + 1} column ${k + 1}`;
      if (typeof cell === 'number') expect([where, Number(field)]).toEqual([where, cell]);
      else if (cell === undefined || cell === null) expect([where, field]).toEqual([where, '']);
      else expect([where, String(cell)]).toEqual([where, field]);
    });
    expect((xlsx[i] ?? []).slice(row.length).every((c) => c === undefined || c === null)).toBe(true);
  });
}

describe('XLSX exports: the same cells as the CSV', () => {
  const six = entries('qinzhou', 'neijiang', 'liangping', 'pingluo', 'leling', 'model-scheme');

  it('the comparison table of the six bundled policies', async () => {
    const table = compareParameters(six, { calendar: bundledCalendar() });
    const csv = parseCsv(formatTable(table, 'csv'));
    const xlsx = await sheetRows(await tableWorkbook(table));
    expectSameCells(xlsx, csv);
    expect(csv.length).toBeGreaterThan(20);
  });

  it('one household under each policy: amounts as numbers shown with their two decimals', async () => {
    const results = compareCase({ entries: six, kase: household(), calendar: bundledCalendar(), start: '2026-01-15' });
    const csv = parseCsv(formatCase(results, 'csv'));
    const bytes = await caseWorkbook(results);
    const xlsx = await sheetRows(bytes);
    expectSameCells(xlsx, csv);
    const amount = csv[0]!.indexOf('amount');
    expect(xlsx[1]![amount]).toBe(53333.25);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const neijiang = csv.findIndex((r) => r[0] === 'neijiang');
    expect(csv[neijiang]![amount]).toBe('91650.00');
    expect(wb.worksheets[0]!.getRow(neijiang + 1).getCell(amount + 1).numFmt).toBe('0.00');
  });

  it("a text that would run as a formula is neutralised in both, with the CSV field's own rule", async () => {
    const evil = ['=HYPERLINK("http://x","点")', '+SUM(A1)', '-cmd', '@x', '\t=1', '-12.5', '+3'];
    const table: ParameterTable = {
      policies: [{ id: 'p', name: 'P', status: 'draft', version: '1' }],
      rows: evil.map((v, i) => ({
        key: `k${i}`,
        group: 'other' as const,
        label: { zh: v, en: v },
        cells: { p: { value: v, cite: '第一条' } },
      })),
      reference: { note: { zh: 'n', en: 'n' } },
    };
    const csv = parseCsv(formatTable(table, 'csv'));
    const xlsx = await sheetRows(await tableWorkbook(table));
    expectSameCells(xlsx, csv);
    expect(xlsx.slice(1).map((r) => r[1])).toEqual(['\'=HYPERLINK("http://x","点")', "'+SUM(A1)", "'-cmd", "'@x", "'\t=1", -12.5, 3]);
  });
});

describe('landflow compare|simulate --format xlsx --out FILE', () => {
  const TWO = ['policies/qinzhou.yaml', 'policies/neijiang.yaml'];

  it('compare: the table and --case, each the same cells as --format csv', async () => {
    for (const extra of [[], ['--case', 'examples/household-qinzhou.json', '--start', '2026-01-15']]) {
      const out = join(tmp, `compare-${extra.length}.xlsx`);
      const x = await run('compare', ...TWO, ...extra, '--format', 'xlsx', '--out', out);
      expect([x.code, x.out, x.err]).toEqual([0, '', '']);
      const csv = await run('compare', ...TWO, ...extra, '--format', 'csv');
      expectSameCells(await sheetRows(readFileSync(out)), parseCsv(csv.out));
    }
  });

  it('simulate: the summary, the same cells as --format csv', async () => {
    const out = join(tmp, 'simulate.xlsx');
    const args = [
      'simulate',
      '--population',
      'examples/populations/qinzhou-county.yaml',
      '--policies',
      ...TWO,
      '--n',
      '300',
      '--seed',
      '3',
    ];
    const x = await run(...args, '--format', 'xlsx', '--out', out);
    expect([x.code, x.err]).toEqual([0, '']);
    const csv = await run(...args, '--format', 'csv');
    const rows = parseCsv(csv.out);
    expect(rows).toHaveLength(3);
    expectSameCells(await sheetRows(readFileSync(out)), rows);
  });

  it('xlsx needs --out and is refused with --sweep (exit 2); --out also writes the other formats', async () => {
    expect((await run('compare', ...TWO, '--format', 'xlsx')).code).toBe(2);
    expect(
      (
        await run(
          'compare',
          ...TWO,
          '--case',
          'examples/household-qinzhou.json',
          '--sweep',
          'market.rentPerMuYear=300:600:100',
          '--format',
          'xlsx',
          '--out',
          join(tmp, 's.xlsx'),
        )
      ).code,
    ).toBe(2);
    expect((await run('simulate', '--population', 'qinzhou-county', '--policies', ...TWO, '--n', '50', '--format', 'xlsx')).code).toBe(2);
    const md = join(tmp, 'table.md');
    expect((await run('compare', ...TWO, '--format', 'markdown', '--out', md)).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('| 项目 row |');
    expect((await run('compare', ...TWO, '--format', 'csv', '--out', join(tmp, 'no-such-dir', 'x.csv'))).code).toBe(2);
  });
});

describe('GET /api/compare/parameters?format=xlsx', () => {
  it('answers a workbook with the cells of ?format=csv', async () => {
    const list = entries('qinzhou', 'neijiang');
    const app = Fastify();
    registerCompareRoutes(app, {
      policies: {
        list: () => list.map((e) => ({ id: e.id })),
        current: (id) => {
          const e = list.find((x) => x.id === id);
          return e
            ? { id: e.id, source: e.source, fileName: `${e.id}.yaml`, dir: join(ROOT, 'policies'), policy: e.policy, compiled: e.compiled }
            : undefined;
        },
      },
      calendar: bundledCalendar(),
    });
    try {
      const x = await app.inject({ method: 'GET', url: '/api/compare/parameters?policies=qinzhou,neijiang&format=xlsx' });
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(x.headers['content-disposition']).toContain('attachment');
      const csv = await app.inject({ method: 'GET', url: '/api/compare/parameters?policies=qinzhou,neijiang&format=csv' });
      expectSameCells(await sheetRows(x.rawPayload), parseCsv(csv.body));
    } finally {
      await app.close();
    }
  });
});
