// docs/tutorial.md works as written: its ```sh blocks, in order, in one shell in a scratch folder
// (inside the checkout, so `npx landflow` finds the command as it does for a reader, and outside
// policies/), with nothing but the password typed at its prompt. Each block must succeed, and the
// outputs the text promises must appear.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const TUTORIAL = readFileSync(join(ROOT, 'docs/tutorial.md'), 'utf8');
const PASSWORD = '桃源 tutorial password 7';

/** The ```sh blocks of the tutorial, in order. */
function shBlocks(md: string): string[] {
  return [...md.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

interface BlockRun {
  code: string;
  out: string;
  err: string;
  done: boolean;
}

/** Runs the blocks in one bash (variables carry over), marking where each one's output begins and ends. */
function runBlocks(blocks: string[], cwd: string): Promise<{ status: number | null; runs: BlockRun[] }> {
  const script = [
    'set -euo pipefail',
    ...blocks.flatMap((b, i) => [`echo "::begin ${i}"; echo "::begin ${i}" >&2`, b, `echo "::end ${i}"; echo "::end ${i}" >&2`]),
  ].join('\n');
  const file = join(cwd, '.tutorial.sh');
  writeFileSync(file, script);
  return new Promise((done) => {
    const child = spawn('bash', [file], {
      cwd,
      // A reader's environment: no LANDFLOW_* of the test run, and npx never fetches from a registry.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LANG: 'C.UTF-8',
        npm_config_offline: 'true',
        npm_config_update_notifier: 'false',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end(`${PASSWORD}\n`);
    child.on('exit', (status) => {
      const part = (text: string, i: number) => {
        const m = new RegExp(`::begin ${i}\\n([\\s\\S]*?)(::end ${i}\\n|$)`).exec(text);
        return { text: m?.[1] ?? '', done: !!m?.[2] };
      };
      done({ status, runs: blocks.map((code, i) => ({ code, out: part(out, i).text, err: part(err, i).text, done: part(out, i).done })) });
    });
  });
}

describe('docs/tutorial.md', () => {
  it('is linked from the README and needs no tool the README does not name', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('docs/tutorial.md');
    const blocks = shBlocks(TUTORIAL);
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    expect(blocks.join('\n')).not.toMatch(/\bjq\b|\bcurl\b|\bpython/);
    // The steps of the first hour, in this order.
    const order = [
      'landflow new',
      'landflow check',
      'sed ',
      'landflow test',
      'landflow eval',
      'landflow render',
      'landflow user add',
      'landflow case open',
      'landflow case send',
      'landflow case show',
    ];
    const at = order.map((c) => blocks.findIndex((b) => b.includes(c)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(blocks.find((b) => b.includes('case show'))).toContain('--deadlines');
  });

  it('every block runs in order and succeeds, with the outputs the text describes', async () => {
    const base = join(ROOT, 'test-output', 'tutorial');
    mkdirSync(base, { recursive: true });
    const dir = mkdtempSync(join(base, 'run-'));
    const blocks = shBlocks(TUTORIAL);
    const { status, runs } = await runBlocks(blocks, dir);
    const failed = runs.find((r) => !r.done);
    expect(failed ? { block: failed.code, out: failed.out, err: failed.err } : null).toBeNull();
    expect(status).toBe(0);

    const of = (needle: string) => runs.find((r) => r.code.includes(needle))!;
    expect(of('landflow new').out).toContain('已创建 created taoyuan/taoyuan.yaml（来自 from qinzhou）');
    expect(of('landflow check').out).toContain('检查 1 个文件：0 个错误');
    expect(readFileSync(join(dir, 'taoyuan/taoyuan.yaml'), 'utf8')).toContain('value: 25 年');
    expect(of('landflow test').out).toContain('✓ 2026年，整户退出2.35亩（流转费650、地力补贴106.5元/亩/年）应补偿44444.38元');
    expect(of('landflow test').out).toContain('12 个通过，0 个失败 / 12 passed, 0 failed');

    const evaluation = JSON.parse(of('landflow eval').out) as {
      eligible: boolean;
      compensation: { amount: string; words: string };
      trace: { step: string; value: unknown }[];
    };
    expect(evaluation.eligible).toBe(true);
    expect(evaluation.compensation).toMatchObject({ amount: '44444.38', words: '肆万肆仟肆佰肆拾肆元叁角捌分' });
    expect(evaluation.trace.find((t) => t.step === '每亩补偿')?.value).toBe('18912.5 元/亩');

    const html = readFileSync(join(dir, '退出合同.html'), 'utf8');
    expect(html).toContain('44444.38');
    expect(html).toContain('肆万肆仟肆佰肆拾肆元叁角捌分');

    expect(of('landflow user add').out).toContain(
      `已添加用户 user added: 张办事员 (clerk 办事员, 镇 town 钦南区某镇) → ${join(dir, 'tutorial.db')}`,
    );
    expect(of('landflow user add').out + of('landflow user add').err).not.toContain(PASSWORD);
    const id = /案件 case: (\S+)/.exec(of('landflow case open').out)?.[1];
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    expect(of('landflow case send').out).toBe('open\n');

    const shown = JSON.parse(of('landflow case show').out) as {
      case: { id: string; policy: string };
      deadlines: { step: string; due: string | null; kind: string }[];
    };
    expect(shown.case).toMatchObject({ id, policy: 'taoyuan' });
    expect(shown.deadlines.map((d) => [d.step, d.due, d.kind])).toEqual([
      ['written-notice', '2026-01-15', 'done'],
      ['negotiation', '2026-07-16', 'waiting'],
    ]);
    expect(existsSync(join(ROOT, 'policies', 'taoyuan.yaml'))).toBe(false);
    // Kept when a step fails (test-output/ is ignored by git), removed once all is well.
    rmSync(dir, { recursive: true, force: true });
  }, 600_000);
});
