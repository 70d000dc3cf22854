// The XLSX beside a CSV: the same rows, made into a workbook by the server
// (POST /api/compare/export.xlsx, engine/compare/xlsx.ts) — exceljs is too large to bundle.
import { csrfHeader } from '../api.ts';
import { downloadBlob, type Cell } from '../common/csv.ts';

/** Asks the server for the workbook and hands it to the browser; an error message, or null. */
export async function downloadXlsx(filename: string, sheet: string, rows: Cell[][]): Promise<string | null> {
  const cells = rows.map((r) => r.map((c) => (c === undefined ? null : c)));
  const res = await fetch('/api/compare/export.xlsx', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...csrfHeader('POST') },
    body: JSON.stringify({ filename, sheets: [{ name: sheet, rows: cells }] }),
    credentials: 'same-origin',
  }).catch(() => null);
  if (!res?.ok) return res ? `HTTP ${res.status}` : 'network';
  downloadBlob(filename, await res.blob());
  return null;
}
