// `landflow calendar import FILE`: a year added without a code change, checked, written to the
// imported-years folder, and read back by deadline and calendar; provisional results confirmed.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../../helpers/cli.ts';
import { calendarDir, installedLayers } from '../../../engine/calendar/load.ts';
import { made2027 } from './fixtures.ts';

const root = mkdtempSync(join(tmpdir(), 'lf-cal-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `dir${n++}`);

function file(data: unknown): string {
  const f = join(root, `in${n++}.json`);
  writeFileSync(f, typeof data === 'string' ? data : JSON.stringify(data));
  return f;
}

const lf = (argv: string[], dir: string) => runMain(argv, { cwd: root, env: { LANDFLOW_CALENDAR_DIR: dir } });

describe('landflow calendar import', () => {
  it('adds 2027: deadlines over it are no longer provisional, and the change from the provisional calendar is reported', async () => {
    const dir = fresh();
    const before = JSON.parse((await lf(['deadline', '--start', '2027-02-10', '--period', '3 工作日', '--format', 'json'], dir)).out);
    expect(before).toMatchObject({ end: '2027-02-17', provisional: true });
    const r = await lf(['calendar', 'import', file(made2027)], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已导入 imported 2027 年安排 → ${join(dir, '2027.json')}`);
    expect(r.out).toContain('2027-02-13 (周六 Sat): 周末 weekend (暂定 provisional) → 春节 (调休上班日 make-up working day)');
    expect(JSON.parse(readFileSync(join(dir, '2027.json'), 'utf8')).notices[0].title).toContain('2027');
    const after = JSON.parse((await lf(['deadline', '--start', '2027-02-10', '--period', '3 工作日', '--format', 'json'], dir)).out);
    expect(after).toMatchObject({ end: '2027-02-16', provisional: false });
    expect((await lf(['deadline', '--start', '2026-12-01', '--period', '半年'], dir)).out).toBe('2027-06-01\n');
    expect((await lf(['calendar', '--year', '2027'], dir)).out).toContain(
      '2027-02-13  班  春节 调休上班  调休上班日 make-up working day  (周六 Sat)',
    );
  });

  it('refuses a bundled year, or one already imported, unless --replace', async () => {
    const dir = fresh();
    const y2026 = {
      ...made2027,
      year: 2026,
      notices: [{ title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号' }],
      days: JSON.parse(readFileSync('engine/calendar/data/2026.json', 'utf8')).days,
    };
    const r = await lf(['calendar', 'import', file(y2026)], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('2026 is already bundled; pass --replace');
    expect(existsSync(join(dir, '2026.json'))).toBe(false);
    expect((await lf(['calendar', 'import', file(y2026), '--replace'], dir)).code).toBe(0);
    const f = file(made2027);
    expect((await lf(['calendar', 'import', f], dir)).code).toBe(0);
    expect((await lf(['calendar', 'import', f], dir)).err).toContain('2027 is already imported');
  });

  it.each([
    ['not JSON', '{"year": 2027,', /不是有效的 JSON not valid JSON/],
    [
      'a day that does not exist',
      { ...made2027, days: [...made2027.days, { name: '春节', date: '2027-02-30', isOffDay: true }] },
      /\.days\[\d+\]\.date: 不是有效日期/,
    ],
    [
      'a day of another year',
      { ...made2027, days: [...made2027.days, { name: '国庆节', date: '2028-10-01', isOffDay: true }] },
      /2028-10-01 不属于 2027 年安排/,
    ],
    ['no notice named', { ...made2027, notices: undefined }, /\.notices: 须写明来源通知/],
    [
      'a notice of another year',
      { ...made2027, notices: [{ title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号' }] },
      /通知标题应含年份 2027/,
    ],
    ['an unknown field', { ...made2027, extra: 1 }, /does not fit the year format/],
    [
      'a statutory holiday left as a working day',
      { ...made2027, days: made2027.days.filter((d) => d.date !== '2027-10-02') },
      /法定节假日 2027-10-02（国庆节）未列为休息日/,
    ],
  ])('refuses %s with the field path, writing nothing', async (_what, data, message) => {
    const dir = fresh();
    const r = await lf(['calendar', 'import', file(data)], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\bat .*:\d+:\d+/);
    expect(existsSync(dir)).toBe(false);
  });

  it('the folder is $LANDFLOW_CALENDAR_DIR, else calendar/ beside the database; a bad file there is a usage error', async () => {
    expect(calendarDir({ env: {}, cwd: '/srv', target: 'data/landflow.db' })).toBe('/srv/data/calendar');
    expect(calendarDir({ env: {}, cwd: '/srv', target: 'postgres://db.example/landflow' })).toBe('/srv/data/calendar');
    expect(calendarDir({ env: { LANDFLOW_CALENDAR_DIR: 'cal' }, cwd: '/srv', target: 'x.db' })).toBe('/srv/cal');
    expect(installedLayers(fresh()).national!.years!.at(-1)).toBe(2050);
    const dir = fresh();
    await lf(['calendar', 'import', file(made2027)], dir);
    writeFileSync(join(dir, '2027.json'), '{"year": 2028, "papers": [], "days": []}');
    const r = await lf(['deadline', '--start', '2026-12-01', '--period', '半年'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('does not match the file name');
  });
});
