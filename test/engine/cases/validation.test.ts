// Nothing invalid ever reaches the event log (issues #12, #14): random invalid cases, of every kind
// dsl/case-validate.ts knows, are refused with their field's path and leave a real store (SQLite or PostgreSQL)
// exactly as it was; random valid ones are opened. The same through HTTP (400) and the CLI (exit 2).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { CaseError } from '../../../engine/cases/errors.ts';
import { httpStatus } from '../../../engine/server/errors.ts';
import { CaseService } from '../../../engine/cases/service.ts';
import type { Store } from '../../../engine/store/index.ts';
import { openTestStore } from '../../helpers/test-db.ts';
import { runMain } from '../../helpers/cli.ts';
import { sharedCase, spoilers, validCases } from '../../helpers/cases.ts';
import { policies, REPO } from '../run/fixtures.ts';
import { testServer } from '../server/helpers.ts';

const clerk = { id: 'clerk-1', name: '办事员' };
let dir: string;
let store: Store;
let cases: CaseService;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-validation-'));
  store = await openTestStore(dir, 'cases.db');
  cases = new CaseService({
    store,
    policies: policies(),
    clock: fixedClock('2026-12-03T09:00:00+08:00'),
    calendarFor: () => bundledCalendar(),
    readCache: false,
  });
  // A store with something in it, so that "unchanged" says something.
  const v = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: sharedCase(), user: clerk });
  await cases.command({ caseId: v.id, type: 'receiveWrittenNotice', expectedVersion: v.version, user: clerk });
});
afterAll(async () => {
  cases.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every event of every case: what the store holds. */
async function eventCount(): Promise<number> {
  let n = 0;
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listCases({ limit: 1000, offset });
    for (const c of page) n += (await store.getEvents(c.id)).length;
    if (page.length < 1000) return n;
  }
}

async function refusal(fn: () => Promise<unknown>): Promise<CaseError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof CaseError) return e;
    throw e;
  }
  throw new Error('accepted, expected a refusal');
}

describe('CaseService.open on a real store', () => {
  it('property: a spoilt case is refused (400 INVALID_CASE at /case + its field) and the store is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(spoilers, async (s) => {
        const before = { cases: await store.countCases(), events: await eventCount() };
        const e = await refusal(() => cases.open({ policy: 'qinzhou', procedure: 'exit', case: sharedCase(s.edit), user: clerk }));
        expect({ status: httpStatus(e.kind), code: e.code }, s.what).toEqual({ status: 400, code: 'INVALID_CASE' });
        expect(
          (e.extra.problems as { path: string }[]).map((p) => p.path),
          s.what,
        ).toContain(`/case${s.pointer}`);
        expect({ cases: await store.countCases(), events: await eventCount() }).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('property: a valid variation is opened, one case more', async () => {
    await fc.assert(
      fc.asyncProperty(validCases, async (c) => {
        const before = await store.countCases();
        const v = await cases.open({ policy: 'qinzhou', procedure: 'transfer', case: c, user: clerk });
        expect(v.status).toBe('open');
        expect(await store.countCases()).toBe(before + 1);
      }),
      { numRuns: 20 },
    );
  });

  it('a command replacing the case with a 0 亩 parcel is refused at /payload/case/parcels/0/area; the case keeps its events', async () => {
    const v = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: sharedCase(), user: clerk });
    const before = (await store.getEvents(v.id)).length;
    const e = await refusal(() =>
      cases.command({
        caseId: v.id,
        type: 'receiveWrittenNotice',
        payload: { case: sharedCase((c) => (c.parcels[0]!.area = '0')) },
        expectedVersion: v.version,
        user: clerk,
      }),
    );
    expect(e.toJSON()).toMatchObject({ code: 'BAD_PAYLOAD', path: '/payload/case/parcels/0/area' });
    expect((await store.getEvents(v.id)).length).toBe(before);
  });
});

describe('the same refusals at the edges', () => {
  it('POST /api/cases with a wrong check digit is a 400 naming /case/household/head/idNumber', async () => {
    const s = await testServer();
    try {
      const bad = sharedCase((c) => (c.household.head.idNumber = '450702196803151234'));
      const res = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: bad });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_CASE', path: '/case/household/head/idNumber' });
      expect(res.body.error.message).toContain('校验码应为5，实为4');
      expect(await s.store.countCases()).toBe(0);
      // POST /api/eval holds the same rules.
      const ev = await s.req('POST', '/api/eval', {
        policy: 'qinzhou',
        procedure: 'exit',
        case: sharedCase((c) => (c.exit!.noticeDate = '2026-02-30')),
      });
      expect(ev).toMatchObject({ status: 400, body: { error: { code: 'INVALID_CASE', path: '/case/exit/noticeDate' } } });
    } finally {
      await s.close();
    }
  });

  it('landflow case open|eval|render with 2026-04-31 exit 2 naming the field, without a stack trace', async () => {
    const file = path.join(dir, 'bad-date.json');
    writeFileSync(file, JSON.stringify(sharedCase((c) => (c.exit!.noticeDate = '2026-04-31'))));
    const env = { LANDFLOW_DB: path.join(dir, 'cli.db') };
    for (const argv of [
      ['case', 'open', '--policy', 'qinzhou', '--procedure', 'exit', '--case', file],
      ['eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--case', file],
      ['render', 'policies/qinzhou.yaml', '退出合同', '--case', file],
      ['compare', 'policies/qinzhou.yaml', '--case', file],
    ]) {
      const r = await runMain(argv, { cwd: REPO, env });
      expect({ argv: argv[0], code: r.code }).toEqual({ argv: argv[0], code: 2 });
      expect(r.err, argv.join(' ')).toContain('/exit/noticeDate');
      expect(r.err).not.toMatch(/^\s+at /m);
    }
  });
});
