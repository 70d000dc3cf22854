// The --format option: of the commands that print comparisons (landflow compare, landflow simulate),
// a format of engine/compare/format.ts, or xlsx, a workbook of the CSV's rows written to --out; of
// the others, text or JSON. A format that is none of them is refused in one wording (cli.optionOneOf).
// Light on purpose: reading the option loads none of the printing (simulate --help stays quick).
import { msg, type Message } from '../../dsl/message.ts';
import { UsageError } from './command.ts';

/** How a comparison prints (engine/compare/format.ts). */
export type Format = 'text' | 'json' | 'csv' | 'markdown';
export const FORMATS: readonly Format[] = ['text', 'json', 'csv', 'markdown'];

/**
 * The format asked for, and whether it is a workbook (then the rows are the CSV's); refused when it
 * is none of them, or a workbook without --out or with --sweep (`sweepNote`: what --sweep prints instead).
 */
export function readFormat(
  values: { format?: string; out?: string; sweep?: string },
  sweepNote: Message,
): { format: Format; xlsx: boolean } {
  const xlsx = values.format === 'xlsx';
  const format = (xlsx ? 'csv' : (values.format ?? 'text')) as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(msg('cli.optionOneOf', { option: '--format', allowed: [...FORMATS, 'xlsx'].join(' | '), got: values.format }));
  if (xlsx && !values.out) throw new UsageError(msg('cli.xlsxNeedsOut'));
  if (xlsx && values.sweep) throw new UsageError(msg('cli.xlsxNotForSweep', { scope: sweepNote }));
  return { format, xlsx };
}

/** The --format of a command that prints text or JSON (`fallback` when not given). */
export function readTextOrJson(format: string | undefined, fallback: 'text' | 'json' = 'text'): 'text' | 'json' {
  const f = format ?? fallback;
  if (f !== 'text' && f !== 'json') throw new UsageError(msg('cli.optionOneOf', { option: '--format', allowed: 'text | json', got: f }));
  return f;
}
