// The format's renamed keys (dsl/format-upgrades.ts): a text written today with an old key is
// refused with the new spelling; a text stored before the rename reads as the same policy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../dsl/index.ts';
import { upgradeStoredPolicy } from '../../dsl/format-upgrades.ts';

const QINZHOU = readFileSync(path.join(import.meta.dirname, '../../policies/qinzhou.yaml'), 'utf8');
/** 钦州 as it was written before the objection window became one of the notice's periods. */
const BEFORE = QINZHOU.replace('periods: { objections: 公示异议期 }', 'objectionPeriod: 公示异议期');

describe('upgradeStoredPolicy', () => {
  it('moves objectionPeriod into the step’s periods, which the checker then accepts', () => {
    expect(BEFORE).not.toBe(QINZHOU);
    expect(
      checkPolicy(BEFORE, 'qinzhou.yaml')
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.code),
    ).toEqual(['S001']);
    const upgraded = upgradeStoredPolicy(BEFORE);
    expect(upgraded).toContain('objections: 公示异议期');
    expect(upgraded).not.toContain('objectionPeriod');
    const checked = checkPolicy(upgraded, 'qinzhou.yaml');
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const step = (text: string) =>
      Object.values(checkPolicy(text, 'qinzhou.yaml').policy!.procedures)
        .flatMap((p) => p!.steps)
        .find((s) => s.kind === 'publicNotice')!;
    expect(step(upgraded).periods).toEqual(step(QINZHOU).periods);
  });

  it('adds to periods a step already has, and leaves a text without old keys as it is (byte for byte)', () => {
    const both = 'steps:\n  - id: a\n    periods:\n      x: 1 日\n    objectionPeriod: 2 日\n';
    expect(upgradeStoredPolicy(both)).toBe('steps:\n  - id: a\n    periods:\n      x: 1 日\n      objections: 2 日\n');
    expect(upgradeStoredPolicy(QINZHOU)).toBe(QINZHOU);
    expect(upgradeStoredPolicy('a: [unclosed objectionPeriod')).toBe('a: [unclosed objectionPeriod');
  });
});
