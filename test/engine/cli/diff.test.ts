// `landflow diff`: the bundled 钦州 against a copy with 半年 → 一年 (written notice) and 30 年 → 25 年
// lists exactly those two changes with their articles, and, on a store holding the demo cases, the
// new amounts and dates of the open cases pinned to the old version.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/store/index.ts';
import { PolicyRegistry } from '../../../engine/cases/policies.ts';
import { CaseService } from '../../../engine/cases/service.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { calendarFor } from '../../../engine/calendar/index.ts';
import { openDemoCases } from '../../../engine/cases/demo.ts';
import { runMain } from '../../helpers/cli.ts';

const cwd = process.cwd();
let dir: string;
let edited: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lf-diff-'));
  const set = path.join(dir, 'policies');
  cpSync('policies/templates', path.join(set, 'templates'), { recursive: true });
  mkdirSync(path.join(dir, 'examples'));
  copyFileSync('examples/household-qinzhou.json', path.join(dir, 'examples', 'household-qinzhou.json'));
  const text = readFileSync('policies/qinzhou.yaml', 'utf8');
  const next = text
    .replace(/(退出通知期:\n(?: {4}.*\n)*? {4}value: )半年/, '$1一年')
    .replace(/(补偿年限:\n(?: {4}.*\n)*? {4}value: )30 年/, '$125 年');
  expect(next).not.toBe(text);
  edited = path.join(set, 'qinzhou.yaml');
  writeFileSync(edited, next);

  db = path.join(dir, 'cases.db');
  const store = await openStore(db);
  const cases = new CaseService({
    store,
    policies: PolicyRegistry.fromDir('policies'),
    clock: fixedClock('2026-12-03T02:00:00Z'),
    calendarFor: (l) => calendarFor(l),
    readCache: false,
  });
  const report = await openDemoCases(cases, 'examples/household-qinzhou.json');
  expect(report.opened.length).toBe(4);
  cases.close();
  await store.close();
});

describe('landflow diff', () => {
  it('lists exactly the two changes, each with its article', async () => {
    const r = await runMain(['diff', 'policies/qinzhou.yaml', edited, '--format', 'json'], { cwd });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { changes: unknown[] };
    expect(out.changes).toEqual([
      {
        area: 'parameter',
        kind: 'changed',
        path: 'parameters.补偿年限',
        field: 'value',
        before: '30 年',
        after: '25 年',
        cite: '第十条第二项',
      },
      {
        area: 'parameter',
        kind: 'changed',
        path: 'parameters.退出通知期',
        field: 'value',
        before: '半年',
        after: '一年',
        cite: '第十条第一项',
      },
    ]);
  });

  it('a file against itself has no change in meaning', async () => {
    const r = await runMain(['diff', 'policies/qinzhou.yaml', 'policies/qinzhou.yaml'], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toContain('含义上没有变化 no change in meaning');
  });

  it('gives the open demo cases their new amounts and dates, and which may move', async () => {
    const r = await runMain(['diff', 'policies/qinzhou.yaml', edited, '--db', db, '--date', '2026-12-03', '--format', 'json'], { cwd });
    expect(r.err).toBe('');
    const out = JSON.parse(r.out) as {
      impact: {
        cases: {
          status: string;
          before: { amount?: string };
          after: { amount?: string };
          deadlines: { step: string; before: string | null; after: string | null }[];
          migratable: boolean;
        }[];
      };
    };
    const cases = out.impact.cases;
    // Three 钦州 demo cases are open (the 内江 one is another policy).
    expect(cases).toHaveLength(3);
    const exits = cases.filter((c) => c.before.amount === '53333.25');
    expect(exits).toHaveLength(2);
    // 2.35 亩 × (650 + 106.5) × 25 年
    for (const c of exits) expect(c.after.amount).toBe('44444.38');
    // Notice on 2026-11-02: half a year ends 2027-05-02, inside 劳动节 (1–5 May, provisional), so on
    // 05-06 (民法典 第二百零三条); a year ends on Tuesday 2027-11-02. Notice on 2026-03-20: half a
    // year ends on Sunday 2026-09-20 as recorded; a year ends on Saturday 2027-03-20, so Monday 03-22.
    const notices = exits
      .map((c) => c.deadlines.find((d) => d.step === 'written-notice'))
      .map((d) => `${d?.before} → ${d?.after}`)
      .sort();
    expect(notices).toEqual(['2026-09-20 → 2027-03-22', '2027-05-06 → 2027-11-02']);
    // The signed one cannot change its amount: it must finish under its version.
    expect(exits.some((c) => !c.migratable)).toBe(true);
  });

  it('refuses two different policies', async () => {
    const r = await runMain(['diff', 'policies/qinzhou.yaml', 'policies/neijiang.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toContain('qinzhou ≠ neijiang');
  });
});
