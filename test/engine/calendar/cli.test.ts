import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../../helpers/cli.ts';

function run(argv: string[], stdin = '') {
  // Split across chunks to exercise line reassembly.
  const chunks: string[] = [];
  for (let i = 0; i < stdin.length; i += 7) chunks.push(stdin.slice(i, i + 7));
  return runMain(argv, { cwd: process.cwd(), stdin: chunks, env: { LANDFLOW_CALENDAR_DIR: join(dir, 'no-imports') } });
}

const dir = mkdtempSync(join(tmpdir(), 'lf-cli-cal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('landflow deadline', () => {
  it.each([
    ['2025-09-30', '3 工作日', [], '2025-10-11'],
    ['2025-03-10', '10 日', [], '2025-03-20'],
    ['2025-08-31', '6 月', [], '2026-02-28'],
    ['2023-08-31', '半年', [], '2024-02-29'],
    ['2026-01-15', '半年', [], '2026-07-15'],
    ['2026-01-15', '半年', ['--after'], '2026-07-16'],
    ['2025-09-24', '7 日', [], '2025-10-09'],
    ['2026-02-10', '5 工作日', [], '2026-02-24'],
    ['2025-09-24', '七日', [], '2025-10-09'],
    ['2025-09-30', '三个工作日', [], '2025-10-11'],
  ] as [string, string, string[], string][])('%s + %s %j → %s', async (start, period, extra, expected) => {
    const r = await run(['deadline', '--start', start, '--period', period, ...extra]);
    expect(r).toEqual({ code: 0, out: expected + '\n', err: '' });
  });

  it('2026-12-01 + 半年 is computed (exit 0) and printed as 暂定, since 2027 has no notice yet', async () => {
    const r = await run(['deadline', '--start', '2026-12-01', '--period', '半年']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('2027-06-01  暂定 provisional（依赖 2027 年的暂定安排 relies on the provisional 2027 arrangement; --explain）\n');
    const j = JSON.parse((await run(['deadline', '--start', '2026-12-01', '--period', '6 月', '--format', 'json'])).out);
    expect(j).toMatchObject({ end: '2027-06-01', provisional: true, provisionalYears: [2027] });
  });

  it('beyond the provisional years it fails naming the year, with no stack trace', async () => {
    const r = await run(['deadline', '--start', '2050-12-01', '--period', '6 月']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('2051');
    expect(r.err).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('--explain and --format json', async () => {
    const x = await run(['deadline', '--start', '2025-09-24', '--period', '7 日', '--explain']);
    expect(x.code).toBe(0);
    expect(x.out).toContain('民法典第二百零三条');
    expect(x.out.trim().split('\n').at(-1)).toContain('2025-10-09');
    const j = await run(['deadline', '--start', '2025-09-24', '--period', '7 日', '--format', 'json']);
    const parsed = JSON.parse(j.out);
    expect(Object.keys(parsed)).toEqual(['end', 'lastDay', 'provisional', 'provisionalYears', 'explanation']);
    expect(parsed).toMatchObject({ end: '2025-10-09', provisional: false, provisionalYears: [] });
    expect(parsed.explanation).toContain(
      '跳过 skipped 2025-10-01 至 2025-10-08 (8 天 days): 国庆节、中秋节 — 法定节假日 statutory holiday 10-01、10-02、10-03、10-06；周末 weekend 10-04、10-05；调休 make-up rest day 10-07、10-08',
    );
  });

  it('usage errors exit 2', async () => {
    expect((await run(['deadline', '--start', '2025-02-30', '--period', '3 日'])).code).toBe(2);
    expect((await run(['deadline', '--start', '2025-02-01', '--period', '3 周'])).code).toBe(2);
    expect((await run(['deadline', '--start', '2025-02-01'])).code).toBe(2);
    expect((await run(['deadline', '--start', '2025-02-01', '--period', '3 日', '--format', 'xml'])).code).toBe(2);
    const c = await run(['deadline', '--start', '2025-02-01', '--period', '3 日', '--calendar', 'hainan']);
    expect(c.code).toBe(2);
    expect(c.err).toContain('hainan');
    expect(c.err).toContain('guangxi');
    expect(c.err).toContain('national');
  });

  it('--batch: one JSON line out per line in, bad lines as errors', async () => {
    const input = [
      '{"start":"2025-09-30","period":"3 工作日"}',
      'not json',
      '{"start":"2026-01-15","period":"半年","after":true}',
      '',
      '[1,2]',
      '{"start":"2026-12-01","period":"6 月"}',
      '{"start":"2025-09-30"}',
      '{"start":"2025-09-30","period":"3 工作日","after":"yes"}',
      '{"start":"2025-09-30","period":"3 工作日","calendar":"nowhere"}',
      '{"start":"2025-09-24","period":"七日"}',
    ].join('\n');
    const r = await run(['deadline', '--batch'], input);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(9);
    expect(lines[0]).toEqual({ end: '2025-10-11', provisional: false });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toEqual({ end: '2026-07-16', provisional: false });
    expect(lines[3].error).toContain('line 5');
    expect(lines[4]).toEqual({ end: '2027-06-01', provisional: true });
    expect(lines[5]).toHaveProperty('error');
    expect(lines[6]).toHaveProperty('error');
    expect(lines[7].error).toContain('nowhere');
    expect(lines[8]).toEqual({ end: '2025-10-09', provisional: false });
    expect(r.code).toBe(1);
  });

  it('--batch with all lines good exits 0; --explain adds explanations', async () => {
    const r = await run(['deadline', '--batch', '--explain'], '{"start":"2025-03-10","period":"10 日"}\n');
    expect(r.code).toBe(0);
    const line = JSON.parse(r.out);
    expect(line.end).toBe('2025-03-20');
    expect(line.explanation.length).toBeGreaterThan(3);
  });

  it('--layer adds a regional layer from a file', async () => {
    const f = join(dir, 'region.json');
    writeFileSync(
      f,
      JSON.stringify({
        id: 'test-region',
        name: '测试区',
        level: 'regional',
        source: '测试 test',
        days: [{ date: '2025-03-31', name: '测试节', isOffDay: true }],
      }),
    );
    const r = await run(['deadline', '--start', '2025-03-24', '--period', '7 日', '--layer', f, '--calendar', 'national,test-region']);
    expect(r).toMatchObject({ code: 0, out: '2025-04-01\n' });
  });

  it('--override needs its cite and shows in the explanation', async () => {
    expect((await run(['deadline', '--start', '2025-09-24', '--period', '7 日', '--override', '不顺延'])).code).toBe(2);
    const r = await run([
      'deadline',
      '--start',
      '2025-09-24',
      '--period',
      '7 日',
      '--override',
      '不顺延',
      '--override-cite',
      '第十条',
      '--explain',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('民法典第二百零四条');
    expect(r.out.trim().split('\n').at(-1)).toContain('2025-10-01');
  });

  it('--help is complete', async () => {
    const r = await run(['deadline', '--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--start', '--period', '--after', '--calendar', '--explain', '--format', '--batch']) expect(r.out).toContain(opt);
  });
});

describe('landflow calendar', () => {
  it('lists 2026 holidays and 调休 days with names', async () => {
    const r = await run(['calendar', '--year', '2026']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('# 依据 basis (national): 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）');
    expect(r.out).toContain('2026-02-28  班  春节 调休上班  调休上班日 make-up working day  (周六 Sat)');
    expect(r.out).toContain('2026-10-01  休  国庆节  法定节假日 statutory holiday  (周四 Thu)');
    expect(r.out).toContain('2026-10-07  休  国庆节  调休 make-up rest day  (周三 Wed)');
    expect(r.out).toContain('2026-01-04  班  元旦 调休上班  调休上班日 make-up working day  (周日 Sun)');
    expect(r.out).toMatch(/暂定 provisional: 2026-12-25 至 2026-12-31 — 2027 年安排尚未发布/);
  });

  it("a year listed in the next year's file shows under its own year", async () => {
    const r = await run(['calendar', '--year', '2022', '--format', 'json']);
    const j = JSON.parse(r.out);
    expect(j.days.at(-1)).toEqual({
      date: '2022-12-31',
      off: true,
      name: '元旦',
      kind: '周末 weekend',
      weekday: '周六 Sat',
      layer: 'national',
      provisional: false,
    });
    expect(j.workingDays + j.restDays).toBe(365);
    expect(j.pending).toEqual([]);
  });

  it('a year without a notice is listed as 暂定, without make-up working days', async () => {
    const r = await run(['calendar', '--year', '2027']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('# 暂定 provisional (national): 暂定：国务院尚未发布该年安排');
    expect(r.out).toContain('2027-02-05  休  春节  法定节假日 statutory holiday  (周五 Fri)  暂定');
    expect(r.out).toContain('2027-02-12  休  春节  调休 make-up rest day  (周五 Fri)  暂定');
    expect(r.out).not.toContain('  班  ');
    const j = JSON.parse((await run(['calendar', '--year', '2027', '--format', 'json'])).out);
    expect(j.provisional).toBe(true);
    expect(j.days.every((d: { off: boolean }) => d.off)).toBe(true);
  });

  it('no data for the year: exit 1 naming it; bad usage exit 2', async () => {
    const r = await run(['calendar', '--year', '2051']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2051');
    expect((await run(['calendar'])).code).toBe(2);
    expect((await run(['calendar', '--year', '26'])).code).toBe(2);
    expect((await run(['calendar', '--year', '2026', '--calendar', 'x'])).code).toBe(2);
  });
});
