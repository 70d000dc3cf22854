// `landflow new`: a new region's policy set, scaffolded from any bundled policy into a folder far
// from policies/, checks clean and passes its examples at once, and refuses bad requests plainly.
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';

const bundled = readdirSync('policies')
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => n.replace(/\.yaml$/, ''));

describe('landflow new', () => {
  it.each(bundled)('a set scaffolded from %s checks with no error and passes its examples', async (from) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'lf-new-'));
    const made = await runMain(['new', 'taoyuan', '--from', from, '--province', '湖南省', '--county', '桃源县', '--code', '430725'], {
      cwd,
    });
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    const file = path.join(cwd, 'taoyuan', 'taoyuan.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*dsl\/policy\.schema\.json$/);
    expect(text).toMatch(/^ {2}id: taoyuan$/m);
    expect(text).toContain('county: 桃源县');
    // Nothing points back into the checkout's policies/: templates and cases travel with the set.
    expect(text).not.toMatch(/(template|caseFile): \.\.\//);
    const checked = await runMain(['check', 'taoyuan/taoyuan.yaml'], { cwd });
    expect(checked.out).toMatch(/：0 个错误/);
    expect(checked.code).toBe(0);
    const tested = await runMain(['test', 'taoyuan/taoyuan.yaml'], { cwd });
    expect(tested.out).toMatch(/0 failed/);
    expect(tested.code).toBe(0);
  });

  it('refuses an id that is not ASCII, naming the rule', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'lf-new-'));
    const r = await runMain(['new', '桃源', '--from', 'qinzhou'], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toContain('a region id is a-z, 0-9 and -');
    expect(existsSync(path.join(cwd, '桃源'))).toBe(false);
  });

  it('refuses an unknown source and lists the bundled ones', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'lf-new-'));
    const r = await runMain(['new', 'taoyuan', '--from', 'qinzou'], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toContain('no source policy "qinzou"');
    expect(r.err).toContain('qinzhou');
  });

  it('never writes into a folder that already holds files', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'lf-new-'));
    mkdirSync(path.join(cwd, 'taoyuan'));
    writeFileSync(path.join(cwd, 'taoyuan', 'keep.txt'), 'mine');
    const r = await runMain(['new', 'taoyuan', '--from', 'qinzhou'], { cwd });
    expect(r.code).toBe(2);
    expect(readdirSync(path.join(cwd, 'taoyuan'))).toEqual(['keep.txt']);
  });
});
