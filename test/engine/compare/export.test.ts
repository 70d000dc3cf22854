// Per-household export (simulate --export): CSV with a BOM and neutralised cells, Parquet read back
// with hyparquet; in both, each policy's amounts add up to its reported total to the 分.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { exportHouseholds } from '../../../engine/compare/export.ts';
import { parsePopulationSpec } from '../../../engine/compare/population/spec.ts';
import { runSimulation } from '../../../engine/compare/simulate.ts';
import { runMain } from '../../helpers/cli.ts';
import { county, entries, POLICY_IDS, ROOT } from './helpers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = entries(...POLICY_IDS);
/** "12345.67" → 1234567 (exact: digits, not floating point). */
const fen = (yuan: string): number => {
  const [i, f = ''] = yuan.replace('-', '').split('.');
  const v = Number(i) * 100 + Number((f + '00').slice(0, 2));
  return yuan.startsWith('-') ? -v : v;
};

/** Minimal RFC 4180 reader for the test: quoted cells with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

async function simulated(n: number, spec = county(), seed = 5) {
  const run = await runSimulation({ spec, entries: all, n, seed, workers: 1, outcomes: true });
  const input = { spec, seed, n, policies: all.map((e, j) => ({ id: e.id, reasons: run.runner.reasons[j]! })), merged: run.merged };
  return { run, input };
}

describe('the per-household export', () => {
  it('CSV: UTF-8 with a BOM, one row per household, amounts that add up to each total exactly', async () => {
    const { run, input } = await simulated(4000);
    const file = path.join(dir, 'h.csv');
    await exportHouseholds(file, input);
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [head, ...rows] = parseCsv(text.slice(1));
    expect(rows).toHaveLength(4000);
    expect(head!.slice(0, 5)).toEqual(['household', 'town', 'village', 'group', 'hukou']);
    expect(rows[0]![0]).toBe('H0000001');
    for (const [j, p] of run.result.policies.entries()) {
      const col = head!.indexOf(`${p.policy}.amount`);
      const eligible = head!.indexOf(`${p.policy}.eligible`);
      let sum = 0;
      let paid = 0;
      for (const r of rows) {
        if (r[col] !== '') {
          sum += fen(r[col]!);
          paid++;
          expect(r[eligible]).toBe('true');
        }
      }
      expect(paid, p.policy).toBe(p.compensation.count);
      expect(sum, p.policy).toBe(fen(p.compensation.total));
      expect(j).toBe(all.findIndex((e) => e.id === p.policy));
    }
    // Refusals name the rules, in the same words as the simulation's reasons.
    const refusals = head!.indexOf('qinzhou.refusals');
    const counted = new Map<string, number>();
    for (const r of rows) for (const rule of r[refusals] ? r[refusals]!.split(';') : []) counted.set(rule, (counted.get(rule) ?? 0) + 1);
    expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(run.result.policies[0]!.refusals.map((x) => [x.rule, x.count])));
  }, 120_000);

  it('Parquet: read back, the same rows, amounts DECIMAL(18,2) that add up to each total exactly', async () => {
    const { run, input } = await simulated(3000);
    const file = path.join(dir, 'h.parquet');
    await exportHouseholds(file, input);
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as Record<string, unknown>[];
    expect(rows).toHaveLength(3000);
    expect(rows[2]!.household).toBe('H0000003');
    for (const p of run.result.policies) {
      let sum = 0;
      for (const r of rows) {
        const v = r[`${p.policy}.amount`];
        if (v !== null && v !== undefined) sum += Math.round((v as number) * 100);
      }
      expect(sum, p.policy).toBe(fen(p.compensation.total));
    }
    const csv = path.join(dir, 'same.csv');
    await exportHouseholds(csv, input);
    const [head, first] = parseCsv(readFileSync(csv, 'utf8').slice(1));
    expect(String(rows[0]!.town)).toBe(first![head!.indexOf('town')]);
    expect(rows[0]!['qinzhou.eligible']).toBe(first![head!.indexOf('qinzhou.eligible')] === 'true');
  }, 120_000);

  it('neutralises a cell a spreadsheet would run as a formula (a town named by the spec)', async () => {
    const text = readFileSync(`${ROOT}examples/populations/qinzhou-county.yaml`, 'utf8').replace(
      'town: 近郊甲镇',
      `town: '=HYPERLINK("http://x","y")'`,
    );
    const spec = parsePopulationSpec(text, 'evil.yaml');
    expect(spec.places[0]!.town).toBe('=HYPERLINK("http://x","y")');
    const { input } = await simulated(300, spec);
    const file = path.join(dir, 'evil.csv');
    await exportHouseholds(file, input);
    const rows = parseCsv(readFileSync(file, 'utf8').slice(1));
    const towns = rows.slice(1).map((r) => r[1]!);
    expect(towns).toContain(`'=HYPERLINK("http://x","y")`);
    expect(towns.some((t) => t.startsWith('='))).toBe(false);
  }, 120_000);

  it('simulate --export chooses the format by extension and refuses any other (exit 2)', async () => {
    const bad = await runMain(
      [
        'simulate',
        '--population',
        'qinzhou-county',
        '--policies',
        'policies/qinzhou.yaml',
        '--n',
        '10',
        '--export',
        path.join(dir, 'h.xlsx'),
      ],
      { cwd: ROOT },
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('.csv');
    const ok = await runMain(
      [
        'simulate',
        '--population',
        'qinzhou-county',
        '--policies',
        'policies/qinzhou.yaml',
        '--n',
        '50',
        '--export',
        path.join(dir, 'cli.parquet'),
      ],
      { cwd: ROOT },
    );
    expect(ok.code).toBe(0);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path.join(dir, 'cli.parquet')) });
    expect(rows).toHaveLength(50);
  }, 120_000);
});
