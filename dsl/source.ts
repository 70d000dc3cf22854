// Offsets → line and column, computed only when a diagnostic is printed. Columns count code points
// (not UTF-16 units), so a column matches what an editor or a Python script sees on the line.

export interface LineIndex {
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly starts: number[];
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return { text, starts };
}

export interface Position {
  line: number; // 1-based
  column: number; // 1-based, in code points
}

export function positionAt(index: LineIndex, offset: number): Position {
  const off = Math.max(0, Math.min(offset, index.text.length));
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid]! <= off) lo = mid;
    else hi = mid - 1;
  }
  const lineStart = index.starts[lo]!;
  let column = 1;
  for (let i = lineStart; i < off; i++) {
    const c = index.text.charCodeAt(i);
    // A surrogate pair is one code point: count only its high half.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > lineStart)) column++;
  }
  return { line: lo + 1, column };
}

/** The text of a 1-based line, without its line break. */
export function lineText(index: LineIndex, line: number): string {
  const start = index.starts[line - 1];
  if (start === undefined) return '';
  const next = index.starts[line];
  const end = next === undefined ? index.text.length : next - 1;
  return index.text.slice(start, end).replace(/\r$/, '');
}
