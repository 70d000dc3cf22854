// Per-household export of a simulation: one row per household — its inputs as the case file has
// them, then for each policy whether it is eligible, the rules that refuse it and its amount —
// as CSV (UTF-8 with BOM, for spreadsheets; every cell through format.ts csvField, which
// neutralises formulas) or Parquet (hyparquet-writer; amounts DECIMAL(18,2), exact), chosen by the
// file's extension. The households are generated again block by block from (spec, seed), so the
// file is written without holding a million cases; the outcomes are the simulation's own arrays,
// so each policy's amounts add up to its reported total to the 分.
import { closeSync, openSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import type { ReasonDecl } from './fast-eval.ts';
import { centsToYuan } from './fast-eval.ts';
import { csvField } from './format.ts';
import { CompareInputError } from './io.ts';
import { msg } from '../../dsl/message.ts';
import { scaler } from './kernel/inputs.ts';
import { dateOf } from '../calendar/date.ts';
import {
  allocColumns,
  decimalText,
  generateColumns,
  groupName,
  householdId,
  placeTable,
  villageName,
  type HouseholdColumns,
} from './population/generate.ts';
import { EXIT_MODES, HUKOU, PAYERS, ZONES, type PopulationSpec } from './population/spec.ts';
import type { Merged } from './population/stats.ts';

export type ExportFormat = 'csv' | 'parquet';

export function exportFormatOf(path: string): ExportFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.parquet') return 'parquet';
  throw new CompareInputError(msg('export.extension', { path }));
}

type Cell = string | number | boolean | bigint | null;
/** text: any string (neutralised in CSV); decimal: digits we print ourselves (nothing to neutralise). */
type ColumnKind = 'text' | 'decimal' | 'int' | 'number' | 'bool' | 'date' | 'amount';

interface Column {
  name: string;
  kind: ColumnKind;
  /** The value of row i of the block (household c.from + i); `at` is its index in the run. */
  get: (c: HouseholdColumns, i: number, at: number) => Cell;
}

export interface ExportInput {
  spec: PopulationSpec;
  seed: number;
  n: number;
  policies: { id: string; reasons: ReasonDecl[] }[];
  /** The run's per-household outcomes (scenario 0). */
  merged: Merged;
}

/** k × 10^-places as decimal text ("12.30"). */
function scaledText(k: number, places: number): string {
  if (places === 0) return String(k);
  const neg = k < 0;
  const a = Math.abs(k);
  const d = 10 ** places;
  const int = Math.floor(a / d);
  return `${neg ? '-' : ''}${int}.${String(a - int * d).padStart(places, '0')}`;
}

function columns(x: ExportInput): Column[] {
  const { spec, merged } = x;
  const place = (c: HouseholdColumns, i: number) => spec.places[c.place[i]!]!;
  const market = (key: 'rentPerMuYear' | 'subsidyPerMuYear' | 'acquisitionStandardPerMu' | 'landPricePerMu'): Column => ({
    name: key,
    kind: 'decimal',
    get: (c, i) => {
      const s = place(c, i).market[key];
      return s ? decimalText(c[key][i]!, s) : null;
    },
  });
  // Areas add up exactly as integers at the sampler's places (the case prints that many).
  const area = spec.parcels.area;
  const places = Math.min(6, area.places);
  const scale = scaler(area, places);
  const areaSum = (c: HouseholdColumns, i: number, exitOnly: boolean): string => {
    let sum = 0;
    for (let k = c.parcelStart[i]!; k < c.parcelStart[i + 1]!; k++) {
      if (exitOnly && !c.parcels.inExit[k]) continue;
      const v = scale(c.parcels.area[k]!);
      if (v === Infinity) return '';
      sum += v;
    }
    return Math.abs(sum) <= Number.MAX_SAFE_INTEGER ? scaledText(sum, places) : '';
  };
  const base: Column[] = [
    { name: 'household', kind: 'decimal', get: (c, i) => householdId(c.from + i) },
    { name: 'town', kind: 'text', get: (c, i) => place(c, i).town },
    { name: 'village', kind: 'text', get: (c, i) => villageName(c.village[i]!) },
    { name: 'group', kind: 'text', get: (c, i) => groupName(c.group[i]!) },
    { name: 'hukou', kind: 'text', get: (c, i) => HUKOU[c.hukou[i]!]! },
    { name: 'size', kind: 'number', get: (c, i) => c.size[i]! },
    { name: 'headAge', kind: 'number', get: (c, i) => c.headAge[i]! },
    {
      name: 'nonFarmIncomeShare',
      kind: 'decimal',
      get: (c, i) => decimalText(c.nonFarmIncomeShare[i]!, spec.household.nonFarmIncomeShare),
    },
    { name: 'stableNonFarmIncome', kind: 'bool', get: (c, i) => c.stableNonFarmIncome[i] === 1 },
    { name: 'urbanHome', kind: 'bool', get: (c, i) => c.urbanHome[i] === 1 },
    { name: 'socialInsurance', kind: 'bool', get: (c, i) => c.socialInsurance[i] === 1 },
    { name: 'coOwnersConsent', kind: 'bool', get: (c, i) => c.refuser[i]! < 0 },
    market('rentPerMuYear'),
    market('subsidyPerMuYear'),
    market('acquisitionStandardPerMu'),
    market('landPricePerMu'),
    { name: 'zone', kind: 'text', get: (c, i) => (c.zone[i] === c.zone[i] ? ZONES[c.zone[i]!]! : null) },
    { name: 'parcels', kind: 'int', get: (c, i) => c.parcelStart[i + 1]! - c.parcelStart[i]! },
    { name: 'area', kind: 'decimal', get: (c, i) => areaSum(c, i, false) },
    { name: 'exitParcels', kind: 'int', get: (c, i) => c.exitCount[i]! },
    { name: 'exitArea', kind: 'decimal', get: (c, i) => areaSum(c, i, true) },
    { name: 'exitMode', kind: 'text', get: (c, i) => EXIT_MODES[c.mode[i]!]! },
    { name: 'payer', kind: 'text', get: (c, i) => PAYERS[c.payer[i]!]! },
    { name: 'noticeDate', kind: 'date', get: (c, i) => c.noticeDate[i]! },
    {
      name: 'negotiatedPricePerMu',
      kind: 'decimal',
      get: (c, i) => (spec.exit.negotiatedPricePerMu ? decimalText(c.negotiatedPricePerMu[i]!, spec.exit.negotiatedPricePerMu) : null),
    },
    { name: 'contractEnd', kind: 'date', get: (c, i) => c.contractEnd[i]! },
  ];
  const outcomes = x.policies.flatMap((p, j): Column[] => {
    const r = merged.perPolicy[j]!;
    return [
      { name: `${p.id}.eligible`, kind: 'bool', get: (_c, _i, at) => r.eligible[at] === 1 },
      {
        name: `${p.id}.refusals`,
        kind: 'text',
        get: (_c, _i, at) => {
          const mask = r.failedMask[at]!;
          if (mask === 0) return '';
          return p.reasons
            .filter((_, b) => mask & (1 << b))
            .map((reason) => reason.rule)
            .join(';');
        },
      },
      { name: `${p.id}.amount`, kind: 'amount', get: (_c, _i, at) => (Number.isNaN(r.cents[at]!) ? null : r.cents[at]!) },
    ];
  });
  return [...base, ...outcomes];
}

/** Writes the export; `onProgress(done, n)` after each block. */
export async function exportHouseholds(path: string, x: ExportInput, onProgress?: (done: number, total: number) => void): Promise<void> {
  const format = exportFormatOf(path);
  const cols = columns(x);
  const block = 8192;
  const cum = placeTable(x.spec);
  let buf = allocColumns(block);
  const blocks = function* () {
    for (let a = 0; a < x.n; a += block) {
      const b = Math.min(x.n, a + block);
      buf = generateColumns(x.spec, x.seed, a, b, buf, cum);
      yield { c: buf, a, m: b - a };
    }
  };
  try {
    if (format === 'csv') writeCsv(path, cols, blocks(), x.n, onProgress);
    else await writeParquet(path, cols, blocks(), x.n, onProgress);
  } catch (e) {
    if (e instanceof CompareInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new CompareInputError(msg('export.cannotWrite', { path, code }));
    throw e;
  }
}

type Blocks = Iterable<{ c: HouseholdColumns; a: number; m: number }>;

/** The few distinct dates of a population, each formatted once. */
const dates = new Map<number, string>();
function dateText(day: number): string {
  let t = dates.get(day);
  if (t === undefined) dates.set(day, (t = dateOf(day)));
  return t;
}

/** Text cells repeat (towns, villages, modes, refusals): each distinct one is neutralised once. */
const neutralised = new Map<string, string>();

function csvText(col: Column, v: Cell): string {
  if (v === null) return '';
  switch (col.kind) {
    case 'amount':
      return centsToYuan(v as number);
    case 'date':
      return dateText(v as number);
    case 'decimal':
    case 'int':
    case 'number':
    case 'bool':
      return String(v);
    case 'text': {
      const s = v as string;
      let out = neutralised.get(s);
      if (out === undefined) {
        out = csvField(s);
        if (neutralised.size < 100_000) neutralised.set(s, out);
      }
      return out;
    }
  }
}

function writeCsv(path: string, cols: Column[], blocks: Blocks, n: number, onProgress?: (done: number, total: number) => void): void {
  const fd = openSync(path, 'w');
  try {
    // The BOM tells spreadsheets the file is UTF-8 (the Chinese town and village names).
    writeSync(fd, '\uFEFF' + cols.map((c) => csvField(c.name)).join(',') + '\n');
    for (const { c, a, m } of blocks) {
      let out = '';
      for (let i = 0; i < m; i++) {
        let row = '';
        for (let k = 0; k < cols.length; k++) {
          if (k) row += ',';
          row += csvText(cols[k]!, cols[k]!.get(c, i, a + i));
        }
        out += row + '\n';
      }
      writeSync(fd, out);
      onProgress?.(a + m, n);
    }
  } finally {
    closeSync(fd);
  }
}

const PARQUET_TYPE: Record<ColumnKind, Record<string, unknown>> = {
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  decimal: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  int: { type: 'INT32' },
  number: { type: 'DOUBLE' },
  bool: { type: 'BOOLEAN' },
  date: { type: 'INT32', converted_type: 'DATE' },
  // 分 as the unscaled integer of DECIMAL(18, 2): exact, and shown in 元 by every reader.
  amount: { type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18 },
};

async function writeParquet(
  path: string,
  cols: Column[],
  blocks: Blocks,
  n: number,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const schema = [
    { name: 'root', num_children: cols.length },
    ...cols.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL', ...PARQUET_TYPE[c.kind] })),
  ];
  // Loaded only for a Parquet export.
  const { fileWriter, ParquetWriter } = await import('hyparquet-writer');
  const writer = fileWriter(path);
  const pq = new ParquetWriter({ writer, schema: schema as never, createdBy: 'landflow' });
  for (const { c, a, m } of blocks) {
    const columnData = cols.map((col) => {
      const data = new Array<Cell>(m);
      for (let i = 0; i < m; i++) {
        const v = col.get(c, i, a + i);
        data[i] = v === null || col.kind !== 'amount' ? v : BigInt(v as number);
      }
      return { name: col.name, data };
    });
    await pq.write({ columnData: columnData as never, rowGroupSize: m });
    onProgress?.(a + m, n);
  }
  await pq.finish();
}
