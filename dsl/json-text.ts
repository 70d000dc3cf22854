// JSON text (case files, command payloads) parsed with a line and column for its first error, so a
// clerk is told "line 12, column 5" instead of V8's "position 218". Pure: the browser uses it too.
import { lineIndex, positionAt, type Position } from './source.ts';

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; position: Position; zh: string; en: string };

export function parseJsonText(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const offset = errorOffset(text);
    const position = positionAt(lineIndex(text), offset);
    const at = `第 ${position.line} 行第 ${position.column} 列`;
    const atEn = `line ${position.line}, column ${position.column}`;
    const near = text.slice(offset, offset + 12).split('\n')[0];
    const what =
      offset >= text.length
        ? { zh: '内容不完整（意外结束）', en: 'unexpected end of input' }
        : { zh: `无法识别「${near}」`, en: `unexpected "${near}"` };
    return { ok: false, position, zh: `JSON 语法错误（${at}）：${what.zh}`, en: `JSON syntax error at ${atEn}: ${what.en}` };
  }
}

/**
 * Where the text stops being JSON. V8 names a position for most errors; for the rest ("Unexpected
 * token") the offset is found by asking the same parser about prefixes: a prefix that ends before
 * the bad token fails only by ending early (at its own length), one that holds it fails inside.
 */
function errorOffset(text: string): number {
  const failure = (length: number): { inside: boolean; at?: number } => {
    try {
      JSON.parse(text.slice(0, length));
      return { inside: false };
    } catch (e) {
      const message = (e as Error).message;
      const at = /position (\d+)/.exec(message);
      if (at) return { inside: Number(at[1]) < length, at: Number(at[1]) };
      return { inside: !/end of JSON input/i.test(message) };
    }
  };
  const whole = failure(text.length);
  if (whole.at !== undefined) return whole.at;
  if (!whole.inside) return text.length;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failure(mid).inside) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

/** A JSON object, neither null nor a list: a record of a case file, a payload, a population spec. */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
