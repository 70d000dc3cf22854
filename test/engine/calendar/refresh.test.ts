import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataIndexSource, DATA_DIR, refreshHolidays } from '../../../engine/calendar/refresh-holidays.ts';
import { CalendarError } from '../../../engine/calendar/index.ts';
import { readLayerFile } from '../../../engine/calendar/load.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'lf-cal-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A source holding the bundled files, as a newer holiday-cn copy would. */
function source(): string {
  const src = tmp();
  cpSync(DATA_DIR, src, { recursive: true, filter: (f) => !f.endsWith('index.ts') });
  return src;
}
function target(): string {
  const t = tmp();
  cpSync(DATA_DIR, t, { recursive: true });
  return t;
}

describe('refresh-holidays', () => {
  it('the bundled data is exactly what the script would write', () => {
    const years = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
    const commit = readFileSync(join(DATA_DIR, 'SOURCE_COMMIT.txt'), 'utf8').trim();
    expect(readFileSync(join(DATA_DIR, 'index.ts'), 'utf8')).toBe(dataIndexSource(years, commit));
    expect(readFileSync(join(DATA_DIR, 'LICENSE'), 'utf8')).toContain('MIT License');
  });

  it('adds a new year, keeps LICENSE and source commit, and regenerates the index', () => {
    const src = source();
    const t = target();
    writeFileSync(
      join(src, '2027.json'),
      JSON.stringify({ year: 2027, papers: ['https://www.gov.cn/example'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }),
    );
    writeFileSync(join(src, 'SOURCE_COMMIT.txt'), 'abcdef0123456789abcdef0123456789abcdef01\n');
    const r = refreshHolidays({ source: src, target: t });
    expect(r.added).toEqual([2027]);
    expect(r.unchanged).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(r.changed).toEqual([]);
    expect(existsSync(join(t, '2027.json'))).toBe(true);
    expect(readFileSync(join(t, 'SOURCE_COMMIT.txt'), 'utf8').trim()).toBe('abcdef0123456789abcdef0123456789abcdef01');
    const index = readFileSync(join(t, 'index.ts'), 'utf8');
    expect(index).toContain("import y2027 from './2027.json' with { type: 'json' };");
    expect(index).toContain('abcdef0123456789abcdef0123456789abcdef01');
  });

  it('refuses bad data and writes nothing', () => {
    const src = source();
    const t = target();
    writeFileSync(
      join(src, '2027.json'),
      JSON.stringify({ year: 2027, papers: [], days: [{ name: 'x', date: '2027-02-30', isOffDay: true }] }),
    );
    const before = readFileSync(join(t, 'index.ts'), 'utf8');
    expect(() => refreshHolidays({ source: src, target: t })).toThrow(/2027\.json\.days\[0\]\.date/);
    expect(existsSync(join(t, '2027.json'))).toBe(false);
    expect(readFileSync(join(t, 'index.ts'), 'utf8')).toBe(before);
  });

  it('needs a LICENSE and a source commit', () => {
    const src = source();
    rmSync(join(src, 'LICENSE'));
    expect(() => refreshHolidays({ source: src, target: target(), dryRun: true })).toThrow(CalendarError);
    const src2 = source();
    rmSync(join(src2, 'SOURCE_COMMIT.txt'));
    expect(() => refreshHolidays({ source: src2, target: target(), dryRun: true })).toThrow(/source commit/);
  });

  it('a dry run changes nothing', () => {
    const src = source();
    const t = target();
    writeFileSync(join(src, '2027.json'), JSON.stringify({ year: 2027, papers: [], days: [] }));
    const r = refreshHolidays({ source: src, target: t, dryRun: true });
    expect(r.added).toEqual([2027]);
    expect(existsSync(join(t, '2027.json'))).toBe(false);
  });
});

describe('layer files', () => {
  it('reads and checks a layer file', () => {
    const f = join(tmp(), 'layer.json');
    writeFileSync(
      f,
      JSON.stringify({
        id: 'town',
        name: '某镇',
        level: 'local',
        source: '通知',
        days: [{ date: '2025-05-06', name: '停电', isOffDay: true }],
      }),
    );
    expect(readLayerFile(f)).toMatchObject({ id: 'town', level: 'local', days: [{ date: '2025-05-06' }] });
    writeFileSync(f, '{not json');
    expect(() => readLayerFile(f)).toThrow(/JSON/);
  });
});
