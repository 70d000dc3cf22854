// The bundled policy files as texts, and a text's symbol index, for the editor-side tests
// (test/dsl/symbols*.test.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { policySymbols, type PolicySymbols } from '../../dsl/symbols.ts';

const dir = join(import.meta.dirname, '..', '..', 'policies');

export const bundledPolicyTexts: { name: string; text: string }[] = readdirSync(dir)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') }));

export const qinzhouText = bundledPolicyTexts.find((f) => f.name === 'qinzhou.yaml')!.text;

/** The symbols of a text that must parse as YAML. */
export function indexOf(text: string): PolicySymbols {
  const s = policySymbols(text);
  if (!s) throw new Error('not YAML');
  return s;
}
