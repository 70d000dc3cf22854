import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { compileSource } from '../../../dsl/expr/index.ts';
import { qinzhou, qinzhouNames, qinzhouScope } from './helpers.ts';

// The examples at the top of SYNTAX.md are what policy authors copy: they must check, and the
// results stated there must be what the evaluator gives for the 钦州 household.
const doc = readFileSync(new URL('../../../dsl/expr/SYNTAX.md', import.meta.url), 'utf8');
const block = /```\n([\s\S]*?)```/.exec(doc)![1]!;
const examples = block
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const [expr, result] = l.split('→').map((s) => s.trim());
    return { expr: expr!, result: result?.match(/^[\d.]+/)?.[0] };
  });

describe('SYNTAX.md examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(5));
  for (const ex of examples) {
    it(ex.expr, () => {
      const r = compileSource(ex.expr, qinzhouScope);
      expect(r.diagnostics).toEqual([]);
      const v = r.evaluator!(qinzhou, qinzhouNames);
      if (ex.result) expect((v as Decimal).toString()).toBe(ex.result);
    });
  }
});
