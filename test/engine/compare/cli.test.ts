import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';
import { ROOT } from './helpers.ts';

const run = (...argv: string[]) => runMain(argv, { cwd: ROOT, env: { LANDFLOW_NO_PROGRESS: '1' } });

const tmp = mkdtempSync(join(tmpdir(), 'landflow-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const SIX = [
  'policies/qinzhou.yaml',
  'policies/neijiang.yaml',
  'policies/liangping.yaml',
  'policies/pingluo.yaml',
  'policies/leling.yaml',
  'policies/model-scheme.yaml',
];

describe('landflow compare', () => {
  it('--case --format json: the acceptance household', async () => {
    const r = await run(
      'compare',
      'policies/qinzhou.yaml',
      'policies/neijiang.yaml',
      'policies/liangping.yaml',
      '--case',
      'examples/household-qinzhou.json',
      '--start',
      '2026-01-15',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as {
      policy: string;
      eligible: boolean;
      failed: unknown[];
      compensation: { amount: string; words: string };
      timeline: { step: string; date: string; explanation: string[] }[];
      completeBy: string;
    }[];
    expect(d.map((x) => [x.policy, x.compensation.amount, x.completeBy])).toEqual([
      ['qinzhou', '53333.25', '2026-07-16'],
      ['neijiang', '91650.00', '2026-07-16'],
      ['liangping', '32900.00', '2026-07-16'],
    ]);
    expect(d[0]!.timeline[1]).toMatchObject({ step: 'negotiation', date: '2026-07-16' });
    expect(d[0]!.timeline[1]!.explanation.length).toBeGreaterThan(3);
  });

  it('the table as CSV has a column per policy; text and markdown print the same cells', async () => {
    const csv = await run('compare', ...SIX, '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[0]!.split(',').length).toBe(14);
    const text = await run('compare', ...SIX);
    expect(text.out).toContain('提前书面通知期 written notice ahead of exit');
    expect(text.out).toContain('半年 〔第十条第一项〕');
    const markdown = await run('compare', ...SIX, '--format', 'markdown');
    expect(markdown.out).toContain('| 项目 row | 钦州 qinzhou | 内江 neijiang |');
  });

  it('--chart writes an SVG for the case and for a sweep', async () => {
    const a = join(tmp, 'case.svg');
    const r = await run(
      'compare',
      'policies/qinzhou.yaml',
      'policies/neijiang.yaml',
      '--case',
      'examples/household-qinzhou.json',
      '--chart',
      a,
    );
    expect(r.code).toBe(0);
    expect(readFileSync(a, 'utf8')).toMatch(/^<svg[\s\S]*53333\.25[\s\S]*91650\.00/);
    const b = join(tmp, 'sweep.svg');
    const s = await run(
      'compare',
      'policies/neijiang.yaml',
      '--case',
      'examples/household-qinzhou.json',
      '--sweep',
      'market.rentPerMuYear=300:900:300',
      '--format',
      'csv',
      '--chart',
      b,
    );
    expect(s.out).toBe('value,neijiang eligible,neijiang amount\n300,yes,42300.00\n600,yes,84600.00\n900,yes,126900.00\n');
    expect(readFileSync(b, 'utf8')).toContain('<svg');
  });

  it('bad input exits 2 with a one-line reason, never a stack', async () => {
    const cases: [string[], RegExp][] = [
      [['compare'], /请给出政策文件 give at least one policy file: landflow compare/],
      [['compare', 'policies/nope.yaml'], /nope\.yaml: 文件不存在 no such file/],
      [['compare', 'policies/qinzhou.yaml', '--format', 'xml'], /--format/],
      [['compare', 'policies/qinzhou.yaml', '--start', '2026-01-15'], /need --case/],
      [['compare', 'policies/qinzhou.yaml', '--case', 'examples/household-qinzhou.json', '--start', '2026-02-30'], /--start/],
      [
        ['compare', 'policies/qinzhou.yaml', '--case', 'examples/household-qinzhou.json', '--sweep', 'rent=1:2:1'],
        /the case has no field "rent"/,
      ],
    ];
    for (const [argv, re] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const badCase = join(tmp, 'bad.json');
    writeFileSync(badCase, JSON.stringify({ household: {} }));
    const r = await run('compare', 'policies/qinzhou.yaml', '--case', badCase);
    expect(r.code).toBe(2);
    expect(r.err).toContain('案件无效 invalid case');
    expect(r.err).toMatch(/\/household/);
  });

  it('--help is complete, Chinese first', async () => {
    const r = await run('compare', '--help');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('landflow compare — 各试点')).toBe(true);
    for (const opt of ['--case', '--start', '--procedure', '--mode', '--calendar', '--sweep', '--reference', '--format', '--chart'])
      expect(r.out).toContain(opt);
  });
});

describe('landflow simulate', () => {
  it('--format json is byte-identical for a seed and --chart writes the histogram', async () => {
    const args = [
      'simulate',
      '--population',
      'examples/populations/qinzhou-county.yaml',
      '--policies',
      'policies/qinzhou.yaml',
      'policies/neijiang.yaml',
      '--n',
      '1500',
      '--seed',
      '3',
      '--format',
      'json',
    ];
    const a = await run(...args);
    const b = await run(...args);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    const d = JSON.parse(a.out) as { population: { n: number; seed: number }; policies: { policy: string }[] };
    expect(d.population).toMatchObject({ n: 1500, seed: 3 });
    expect(d.policies.map((p) => p.policy)).toEqual(['qinzhou', 'neijiang']);
    const svg = join(tmp, 'dist.svg');
    const c = await run('simulate', '--population', 'qinzhou-county', '--policies', 'policies/qinzhou.yaml', '--n', '500', '--chart', svg);
    expect(c.code).toBe(0);
    expect(c.out).toContain('钦州 qinzhou');
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*钦州 qinzhou/);
  });

  it('csv has one row per policy; a sweep prints a row per point', async () => {
    const r = await run(
      'simulate',
      '--population',
      'qinzhou-county',
      '--policies',
      'policies/qinzhou.yaml,policies/neijiang.yaml',
      '--n',
      '300',
      '--format',
      'csv',
    );
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.startsWith('policy,name,households,eligible,eligibilityRate,')).toBe(true);
    const s = await run(
      'simulate',
      '--population',
      'qinzhou-county',
      '--policies',
      'policies/neijiang.yaml',
      '--n',
      '200',
      '--sweep',
      'market.rentPerMuYear=400:600:100',
      '--format',
      'csv',
    );
    expect(s.code).toBe(0);
    expect(
      s.out
        .trim()
        .split('\n')
        .map((l) => l.split(',')[0]),
    ).toEqual(['value', '400', '500', '600']);
  });

  it('bad input exits 2 with file:line:column for a spec', async () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'population: 1\nid: x\nname: x\nplaces: []\n');
    const cases: [string[], RegExp][] = [
      [['simulate', '--policies', 'policies/qinzhou.yaml'], /--population/],
      [['simulate', '--population', 'qinzhou-county'], /--policies/],
      [['simulate', '--population', 'nowhere', '--policies', 'policies/qinzhou.yaml'], /nowhere: 文件不存在/],
      [['simulate', '--population', bad, '--policies', 'policies/qinzhou.yaml'], /bad\.yaml:4:1: places: places 应为非空列表/],
      [['simulate', '--population', 'qinzhou-county', '--policies', 'policies/qinzhou.yaml', '--n', '0'], /--n/],
      [
        [
          'simulate',
          '--population',
          'qinzhou-county',
          '--policies',
          'policies/qinzhou.yaml',
          '--sweep',
          'param:nothing=1:2:1',
          '--n',
          '10',
        ],
        /nothing/,
      ],
    ];
    for (const [argv, re] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
    }
  });

  // With --n the helper threads start before the spec is read and the policies are checked
  // (engine/cli/commands/simulate.ts): bad input found after that still stops them.
  it.skipIf(!existsSync('/proc/self/task'))('bad input found once the helper threads run exits 2 and stops them', async () => {
    const threads = () => readdirSync('/proc/self/task').length;
    const badPolicy = join(tmp, 'bad-policy.yaml');
    writeFileSync(badPolicy, 'landflow: 1\nid: x\nbogus: 1\n');
    const before = threads();
    const cases: [string[], RegExp][] = [
      [['simulate', '--population', 'nowhere', '--policies', 'policies/qinzhou.yaml'], /nowhere: 文件不存在/],
      [['simulate', '--population', 'qinzhou-county', '--policies', badPolicy], /bad-policy\.yaml:1:1: S002/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(...argv, '--n', '200000', '--workers', '2');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
    }
    // A terminated thread leaves the process shortly after its worker's exit.
    let after = threads();
    for (let i = 0; i < 100 && after > before; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = threads();
    }
    expect(after).toBeLessThanOrEqual(before);
  });
});
