// The CLI never misleads at its first line: option errors are bilingual with a did-you-mean,
// dash-leading values reach the command's own check, --version answers, and a closed pipe is quiet.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';

const cwd = process.cwd();

describe('landflow option errors', () => {
  it('a misspelt option exits 2 with a bilingual message that suggests the right one', async () => {
    const r = await runMain(['deadline', '--formt', 'json', '--start', '2025-01-01', '--period', '3 日'], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'landflow deadline: 未知选项「--formt」，是否想写「--format」？ / unknown option "--formt"; did you mean "--format"?\n',
    );
  });

  it('a negative period reaches the period reader and is refused as a period, not as an ambiguous option', async () => {
    const r = await runMain(['deadline', '--start', '2025-01-01', '--period', '-1 日'], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法识别的期间 unrecognised period: "-1 日"');
    expect(r.err).not.toMatch(/ambiguous/);
  });

  it('a negative population size is refused by simulate with its bounds', async () => {
    const r = await runMain(
      ['simulate', '--population', 'examples/populations/qinzhou-county.yaml', '--policies', 'policies/qinzhou.yaml', '--n', '-5'],
      { cwd },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('--n 应为 1 至');
  });

  it('an option missing its value names the option in both languages', async () => {
    const r = await runMain(['deadline', '--start'], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toBe('landflow deadline: 选项 --start 缺少取值 / option --start needs a value\n');
  });

  it('--version prints the package version', async () => {
    const r = await runMain(['--version'], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^landflow \d+\.\d+\.\d+\n$/);
  });
});

describe('landflow on a closed pipe', () => {
  it('exits quietly when the reader closes early (the one process-level smoke test)', () => {
    // 5 000 batch lines print far more than a pipe buffer (64 KiB) and `head -c 1` reads.
    const input = '{"start":"2025-09-30","period":"3 工作日","explain":true}\n'.repeat(5000);
    const r = spawnSync('bash', ['-c', 'node bin/landflow.js deadline --batch | head -c 1 >/dev/null; echo "rc=${PIPESTATUS[0]}"'], {
      cwd,
      encoding: 'utf8',
      input,
    });
    expect(r.stderr).not.toMatch(/EPIPE|at .*:\d+:\d+/);
    expect(r.stdout.trim()).toMatch(/^rc=0$/);
  });
});

describe('landflow check summaries', () => {
  it('counts an unreadable file as an error, never "0 个错误"', async () => {
    const r = await runMain(['check', 'nope.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toBe('landflow check: nope.yaml: 文件不存在 no such file\n');
    expect(r.out).toBe(
      '检查 1 个文件：1 个错误（其中 1 个文件无法读取），0 个警告 / checked 1 file: 1 error (1 file unreadable), 0 warnings\n',
    );
  });
});
