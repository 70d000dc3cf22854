// Random damage to the bundled policy files never crashes the checker: every run ends with
// diagnostics (data), no exception escapes, no internal error is reported, and each run is fast.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy, printDiagnostics } from '../../dsl/index.ts';
import { compilePolicy, evaluate, EvaluateError } from '../../engine/evaluate/index.ts';
import type { CaseData } from '../../dsl/case-model.ts';

const dir = join(import.meta.dirname, '..', '..', 'policies');
const files = readdirSync(dir)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') }));
const household = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'household-qinzhou.json'), 'utf8')) as CaseData;

type Mutation =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'insert'; at: number; chars: string }
  | { kind: 'indent'; line: number; delta: number }
  | { kind: 'truncate'; at: number };

const ratio = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  ratio.map((line) => ({ kind: 'delete' as const, line })),
  ratio.map((line) => ({ kind: 'duplicate' as const, line })),
  fc.tuple(ratio, ratio).map(([a, b]) => ({ kind: 'swap' as const, a, b })),
  fc
    .tuple(
      ratio,
      fc.string({
        unit: fc.constantFrom(':', '-', ' ', '"', "'", '{', '}', '[', ']', '|', '>', '#', '\n', '\t', '*', '&', '!', '甲', '\\', 'x', '1'),
        minLength: 1,
        maxLength: 6,
      }),
    )
    .map(([at, chars]) => ({ kind: 'insert' as const, at, chars })),
  fc.tuple(ratio, fc.integer({ min: -4, max: 4 })).map(([line, delta]) => ({ kind: 'indent' as const, line, delta })),
  ratio.map((at) => ({ kind: 'truncate' as const, at })),
);

function apply(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const pick = (r: number) => Math.floor(r * lines.length);
  switch (m.kind) {
    case 'delete':
      lines.splice(pick(m.line), 1);
      return lines.join('\n');
    case 'duplicate': {
      const i = pick(m.line);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'swap': {
      const [i, j] = [pick(m.a), pick(m.b)];
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'insert': {
      const at = Math.floor(m.at * text.length);
      return text.slice(0, at) + m.chars + text.slice(at);
    }
    case 'indent': {
      const i = pick(m.line);
      const l = lines[i]!;
      lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + l : l.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
  }
}

describe('the checker under random damage', () => {
  it('never throws, never reports an internal error, and stays fast', () => {
    // Warm up (schema compilation, parser construction) so that the time bound measures a check.
    for (const f of files) checkPolicy(f.text, `policies/${f.name}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (fi, ms) => {
        const f = files[fi]!;
        const text = ms.reduce(apply, f.text);
        const t0 = performance.now();
        const r = checkPolicy(text, `policies/${f.name}`);
        const printed = printDiagnostics(r.diagnostics, text);
        for (const d of printed) {
          expect(d.message).not.toMatch(/internal checker error/);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
        if (r.policy) {
          const compiled = compilePolicy(r.policy);
          for (const procedure of Object.keys(r.policy.procedures) as ('exit' | 'transfer')[]) {
            try {
              evaluate(compiled, { procedure, kase: household });
            } catch (e) {
              expect(e).toBeInstanceOf(EvaluateError);
            }
          }
        } else {
          expect(printed.some((d) => d.severity === 'error')).toBe(true);
        }
        expect(performance.now() - t0).toBeLessThan(2000);
      }),
      { numRuns: 200, seed: 20260704 },
    );
  }, 60_000);
});
