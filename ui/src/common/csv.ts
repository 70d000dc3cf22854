// CSV for researchers' spreadsheets: the server's fields (engine/compare/format.ts csvField:
// formula cells neutralised, RFC 4180 quoting), CRLF, and a UTF-8 BOM so that Excel opens the
// Chinese headings correctly.
import { csvField } from '../../../engine/compare/format.ts';

export type Cell = string | number | boolean | null | undefined;

export function toCsv(rows: Cell[][]): string {
  return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Hands a text to the browser as a file download. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Hands a file's bytes to the browser as a download (the CSV texts, the server's XLSX workbooks). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
