// What loading a policy for evaluation checks (engine/compare/policies.ts, LoadOptions.reads 'evaluation'
// in engine/policies/load.ts): example case files and form templates are not read, every other
// finding still refuses the policy.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ComparePolicyError, loadCompareEntries } from '../../../engine/compare/policies.ts';
import { loadPolicyFile } from '../../../engine/policies/load.ts';
import { evaluate } from '../../../engine/evaluate/index.ts';
import { ROOT, entries, household } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'landflow-compare-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** leling.yaml alone in a folder: no templates/ beside it, no ../examples/ for its example case files. */
function lonePolicy(edit: (text: string) => string = (t) => t): string {
  const folder = mkdtempSync(join(dir, 'set-'));
  mkdirSync(join(folder, 'policies'));
  const file = join(folder, 'policies', 'leling.yaml');
  writeFileSync(file, edit(readFileSync(join(ROOT, 'policies/leling.yaml'), 'utf8')));
  return file;
}

describe('loading policies for evaluation', () => {
  it('does not read example case files or form templates, which a full load refuses without', () => {
    const file = lonePolicy();
    const full = loadPolicyFile(file, { reads: 'checkWithoutRunning' });
    expect(full.policy).toBeUndefined();
    const codes = new Set(full.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
    expect(codes.has('X902')).toBe(true); // the example's case file is not there
    const [loaded] = loadCompareEntries([file]);
    expect(loaded!.id).toBe('leling');
    // The same policy, evaluated the same: its compiled form is the bundled file's.
    const bundled = entries('leling')[0]!;
    expect(loaded!.policy.hash).toBe(bundled.policy.hash);
    const kase = household();
    const at = (c: typeof bundled.compiled) => evaluate(c, { procedure: 'exit', kase, at: '2026-03-01' });
    expect(at(loaded!.compiled).compensation).toEqual(at(bundled.compiled).compensation);
    expect(at(loaded!.compiled).compensation?.amount).toBe('53333.25');
  });

  it('still refuses a policy whose rules do not check', () => {
    const file = lonePolicy((t) => t.replace('formula: 退出面积 * 每亩补偿', 'formula: 退出面积 * 没有这个名字'));
    expect(() => loadCompareEntries([file])).toThrow(ComparePolicyError);
    expect(() => loadCompareEntries([file])).toThrow(/leling\.yaml:90:\d+: /);
  });

  it('loads the bundled policy set as it always did', () => {
    const folder = mkdtempSync(join(dir, 'copy-'));
    cpSync(join(ROOT, 'policies'), join(folder, 'policies'), { recursive: true });
    cpSync(join(ROOT, 'examples'), join(folder, 'examples'), { recursive: true });
    const full = loadPolicyFile(join(folder, 'policies/leling.yaml'), { reads: 'checkWithoutRunning' });
    expect(full.policy).toBeDefined();
  });
});
