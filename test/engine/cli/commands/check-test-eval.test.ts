// `landflow check`, `test` and `eval` through the CLI dispatcher, with an in-memory IO: output
// format, exit codes (0 ok, 1 findings, 2 bad usage or unreadable input), never a stack trace.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../../helpers/cli.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');

const run = (...argv: string[]) => runMain(argv, { cwd: root });

const noStack = (s: string) => expect(s).not.toMatch(/^\s+at .+:\d+:\d+/m);

describe('landflow check', () => {
  it('prints file:line:column: severity code message and exits 0 with warnings only', async () => {
    const r = await run('check', 'policies/qinzhou.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^policies\/qinzhou\.yaml:\d+:\d+: warning K801 公示异议期 15 日/m);
    expect(r.out).toMatch(/^policies\/qinzhou\.yaml:\d+:\d+: warning K805 步骤「/m);
    expect(r.out).toContain('0 errors, 3 warnings');
  });

  it('--format json prints the diagnostics array', async () => {
    const r = await run('check', 'policies/qinzhou.yaml', '--format', 'json');
    // The paper's advice (A0xx notes) is listed too; test/dsl/advice.test.ts holds those.
    const ds = (JSON.parse(r.out) as Record<string, unknown>[]).filter((d) => !/^A0/.test(String(d.code)));
    expect(ds.map((d) => d.code)).toEqual(['K806', 'K801', 'K805']);
    const k801 = ds.find((d) => d.code === 'K801')!;
    expect(Object.keys(k801).sort()).toEqual([
      'cite',
      'code',
      'column',
      'endColumn',
      'endLine',
      'file',
      'line',
      'message',
      'related',
      'severity',
      'text',
    ]);
    expect(k801).toMatchObject({ file: 'policies/qinzhou.yaml', severity: 'warning', code: 'K801' });
    // A timing warning points at the steps that make it (its related spans).
    expect(ds.find((d) => d.code === 'K805')).toMatchObject({ related: [{ line: 158 }, { line: 147 }] });
  });

  it('exits 1 on errors, pointing at the unknown key on the last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-check-'));
    const file = join(dir, 'qinzhou.yaml');
    writeFileSync(file, readFileSync(join(root, 'policies', 'qinzhou.yaml'), 'utf8') + '\nnot_a_known_key: 1\n');
    const r = await run('check', file, '--format', 'json');
    expect(r.code).toBe(1);
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    const ds = JSON.parse(r.out) as { line: number; column: number; severity: string; code: string }[];
    expect(ds.filter((d) => d.severity === 'error')).toContainEqual(expect.objectContaining({ line: lines, column: 1, code: 'S001' }));
  });

  it('exits 2 for an unreadable file, with one line and no stack trace', async () => {
    const r = await run('check', '/nonexistent/file.yaml');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('/nonexistent/file.yaml');
    noStack(r.err);
  });

  it('exits 2 for bad usage', async () => {
    expect((await run('check')).code).toBe(2);
    expect((await run('check', 'policies/qinzhou.yaml', '--format', 'xml')).code).toBe(2);
  });

  it('--help is complete, Chinese first', async () => {
    const r = await run('check', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^landflow check — 检查/);
    expect(r.out).toContain('--format');
  });
});

describe('landflow test', () => {
  it('runs the examples with ✓ and exits 0 when all hold', async () => {
    const r = await run('test', 'policies/qinzhou.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('  ✓ 2026年，整户退出2.35亩（流转费650、地力补贴106.5元/亩/年）应补偿53333.25元');
    expect(r.out).toContain('12 passed, 0 failed');
  });

  it('shows a failing example with its path, expected and actual, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-test-'));
    const file = join(dir, 'qinzhou.yaml');
    // A policy set of its own: the policy with its templates/ and examples/ beside it.
    cpSync(join(root, 'policies', 'templates'), join(dir, 'templates'), { recursive: true });
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    const text = readFileSync(join(root, 'policies', 'qinzhou.yaml'), 'utf8')
      .replace(/caseFile: \.\.\/examples\//g, 'caseFile: examples/')
      .replace('compensation: "27234.00"', 'compensation: "27234.01"');
    writeFileSync(file, text);
    const r = await run('test', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  ✗ 只退出门口田1.20亩应补偿27234.00元');
    expect(r.out).toMatch(/compensation: 期望 expected 27234\.01，实际 actual 27234\.00/);
    expect(r.out).toContain('11 passed, 1 failed');
  });
});

describe('landflow eval', () => {
  it('prints the evaluation as JSON', async () => {
    const r = await run('eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--case', 'examples/household-qinzhou.json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      policy: 'qinzhou',
      procedure: 'exit',
      mode: 'permanent',
      eligible: true,
      compensation: { amount: '53333.25', words: '伍万叁仟叁佰叁拾叁元贰角伍分', unit: '元' },
    });
    expect(j.trace.length).toBeGreaterThan(3);
  });

  it('exits 0 when not eligible: eligibility is an answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-eval-'));
    const c = JSON.parse(readFileSync(join(root, 'examples', 'household-qinzhou.json'), 'utf8'));
    c.household.members[1].consents = false;
    writeFileSync(join(dir, 'c.json'), JSON.stringify(c));
    const r = await run('eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--case', join(dir, 'c.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ eligible: false, failed: [{ rule: 'co-owner-consent', cite: '第十一条' }] });
  });

  it('exits 2 with the JSON path of a bad field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-eval-'));
    const c = JSON.parse(readFileSync(join(root, 'examples', 'household-qinzhou.json'), 'utf8'));
    c.parcels[0].area = 'one';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(c));
    const r = await run('eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--case', join(dir, 'c.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('/parcels/0/area');
    noStack(r.err);
  });

  it('exits 2 for bad usage and unreadable files', async () => {
    expect((await run('eval', 'policies/qinzhou.yaml', '--case', 'examples/household-qinzhou.json')).code).toBe(2);
    expect((await run('eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--case', '/nonexistent.json')).code).toBe(2);
    expect(
      (await run('eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--mode', 'custody', '--case', 'examples/household-qinzhou.json'))
        .code,
    ).toBe(2);
    expect((await run('eval', '/nonexistent.yaml', '--procedure', 'exit', '--case', 'examples/household-qinzhou.json')).code).toBe(2);
  });
});
