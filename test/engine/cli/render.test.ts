// `landflow render` end to end: the CLI evaluates the case and fills the form with the engine's figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../helpers/process.ts';

const CASE = 'examples/household-qinzhou.json';
const run = (...args: string[]) => runProcess('node', ['bin/landflow.js', 'render', ...args]);

describe('landflow render', () => {
  it('fills the 钦州 退出合同 with 2.35 亩, 53333.25 元 and its 大写', async () => {
    const r = await run('policies/qinzhou.yaml', '退出合同', '--case', CASE, '--contract-number', '2026:7', '--date', '2026-08-01');
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/<[^>]+>/g, '');
    for (const s of [
      '2.35',
      '53333.25',
      '伍万叁仟叁佰叁拾叁元贰角伍分',
      '门口田',
      '坡地',
      '退出（2026）第 007 号',
      '签订日期：2026年8月1日',
    ])
      expect(text).toContain(s);
  });

  it('gives the same bytes for the same case', async () => {
    const a = (await run('policies/qinzhou.yaml', '转让合同', '--case', CASE)).stdout;
    const b = (await run('policies/qinzhou.yaml', '转让合同', '--case', CASE)).stdout;
    expect(a).toBe(b);
    expect(a).toContain('24150.00'); // 1.15 亩 × 21000 元/亩, from the engine
  });

  it('fills a generic exit contract for 内江 with its own figure', async () => {
    const r = await run('policies/neijiang.yaml', '退出合同', '--case', CASE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('91650.00');
  });

  it("prints the membership clause the policy's mode declares: 平罗 mustLeave, 梁平 kept", async () => {
    expect((await run('policies/pingluo.yaml', '退出合同', '--case', CASE)).stdout).toContain('放弃农村集体经济组织成员身份和相应权益');
    const kept = (await run('policies/liangping.yaml', '退出合同', '--case', CASE)).stdout;
    expect(kept).toContain('不影响乙方家庭成员的农村集体经济组织成员身份');
    expect(kept).not.toContain('放弃农村集体经济组织成员身份和相应权益');
  });

  it('refuses an unknown form with exit 2, naming the forms there are', async () => {
    const r = await run('policies/qinzhou.yaml', '不存在的表', '--case', CASE);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('退出合同');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an invalid case with the JSON path of the bad field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-render-'));
    const bad = JSON.parse(readFileSync(CASE, 'utf8'));
    bad.parcels[0].area = 'lots';
    const file = join(dir, 'bad.json');
    execFileSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(JSON.stringify(bad))})`]);
    const r = await run('policies/qinzhou.yaml', '退出合同', '--case', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/parcels/0/area');
  });

  it('writes a PDF whose text holds the amount', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-render-'));
    const pdf = join(dir, 'c.pdf');
    const r = await run('policies/qinzhou.yaml', '退出合同', '--case', CASE, '--pdf', pdf);
    expect(r.code).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('53333.25');
    expect(text).toContain('伍万叁仟叁佰叁拾叁元贰角伍分');
  });

  it("says a PDF it cannot write in the renderer's own words, once, with exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-render-'));
    writeFileSync(join(dir, 'file'), '');
    const r = await run('policies/qinzhou.yaml', '退出合同', '--case', CASE, '--pdf', join(dir, 'file', 'c.pdf'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^landflow render: \S+c\.pdf: 无法写入 PDF cannot write the PDF: \S/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('landflow check on form templates', () => {
  it('reports a template variable that is not in the document model at the template line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-tpl-'));
    execFileSync('cp', ['-r', 'examples', join(dir, 'examples')]);
    const policy = readFileSync('policies/qinzhou.yaml', 'utf8')
      .replace(/\.\.\/examples\/household-qinzhou\.json/g, 'examples/household-qinzhou.json')
      .replace('templates/qinzhou/退出合同.hbs', 'templates/bad.hbs');
    const tpl = readFileSync('policies/templates/qinzhou/退出合同.hbs', 'utf8').split('\n');
    tpl.push('<p>{{household.head.nmae}}</p>');
    const line = tpl.length;
    execFileSync('mkdir', ['-p', join(dir, 'templates')]);
    for (const f of ['转让合同', '转让申请表', '转让公示', '退出申请书']) {
      execFileSync('mkdir', ['-p', join(dir, 'templates/qinzhou')]);
      execFileSync('cp', [`policies/templates/qinzhou/${f}.hbs`, join(dir, 'templates/qinzhou/')]);
    }
    writeFileSync(join(dir, 'qinzhou.yaml'), policy);
    writeFileSync(join(dir, 'templates/bad.hbs'), tpl.join('\n'));
    const r = spawnSync('node', [join(process.cwd(), 'bin/landflow.js'), 'check', 'qinzhou.yaml', '--format', 'json'], {
      encoding: 'utf8',
      cwd: dir,
    });
    expect(r.status).toBe(1);
    const ds = JSON.parse(r.stdout) as { file: string; line: number; code: string; severity: string }[];
    expect(ds).toContainEqual(expect.objectContaining({ file: 'templates/bad.hbs', line, column: 6, code: 'TPL002', severity: 'error' }));
  });
});

describe('policy size limit', () => {
  it('refuses a policy file over 256 KiB with exit 2 and a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-big-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, `# ${'a'.repeat(300_000)}\n`);
    const r = spawnSync('node', ['bin/landflow.js', 'check', file], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('政策文件过大 policy file too large');
    expect(r.stderr).toContain('262144');
  });
});
