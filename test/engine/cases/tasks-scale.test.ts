// Issue 17: a store of 10^5 cases (made through the store's API: test/helpers/many-cases.ts), and
// the task list of one town and the first page of its case list each answer in under 50 ms p99, on
// both backends — for the day the index was written (rows read as they are) and for a later day
// (the cases whose rows ran out since worked out again from their state; `npm run bench -- scale`
// also times a day on which every case of the page is). The store is built once per backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { CaseService } from '../../../engine/cases/service.ts';
import { INDEX_DAY, TOWNS, caseCopier, latency, townName } from '../../helpers/many-cases.ts';
import { policies } from '../run/fixtures.ts';
import { BACKENDS, type TestDb } from '../store/backends.ts';

const N = 100_000;
const BUDGET_MS = 50;
const TOWN = townName(2);

describe.each(BACKENDS)('$name: 10^5 cases', (backend) => {
  let db: TestDb;
  let cases: CaseService;

  beforeAll(async () => {
    db = await backend.open();
    const ms = await (await caseCopier(db.store))(N, backend.name === 'sqlite' ? 200 : 100);
    console.log(`${backend.name}: ${N} cases made in ${(ms / 1000).toFixed(1)} s`);
    const clock = fixedClock(`${INDEX_DAY}T10:00:00+08:00`);
    cases = new CaseService({ store: db.store, policies: policies(), clock, calendarFor: () => bundledCalendar(), readCache: false });
  }, 600_000);
  afterAll(async () => {
    cases.close();
    await db.cleanup();
  });

  it('holds them, seven in ten closed', async () => {
    expect(await db.store.countCases()).toBe(N + 4);
    expect(await db.store.countCases({ town: TOWN })).toBe(N / TOWNS);
    expect(await db.store.countCases({ town: TOWN, status: 'open' })).toBe((N / TOWNS) * 0.3);
  });

  for (const date of [INDEX_DAY, '2026-12-01']) {
    it(`the task list of one town on ${date}: a full first page in under ${BUDGET_MS} ms p99`, async () => {
      const page = await cases.tasks({ date, town: TOWN }, { limit: 50 });
      expect(page.items).toHaveLength(50);
      expect(page.next).not.toBeNull();
      expect(new Set(page.items.map((t) => t.place.town))).toEqual(new Set([TOWN]));
      // The page is the town's open cases in id order, each with all of its tasks.
      const open = await db.store.listCases({ town: TOWN, status: 'open', limit: 50 });
      expect([...new Set(page.items.map((t) => t.caseId))]).toEqual(
        open.slice(0, new Set(page.items.map((t) => t.caseId)).size).map((c) => c.id),
      );
      const t = await latency(() => cases.tasks({ date, town: TOWN }, { limit: 50 }));
      console.log(`${backend.name} tasks ${date}: p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms`);
      expect(t.p99).toBeLessThan(BUDGET_MS);
    });
  }

  it(`the first page of one town's case list, and of its open cases: under ${BUDGET_MS} ms p99`, async () => {
    for (const filter of [{ town: TOWN }, { town: TOWN, status: 'open' }]) {
      const page = await cases.list(filter, { limit: 50 });
      expect(page.items).toHaveLength(50);
      expect(page.items.every((c) => c.place.town === TOWN && (!filter.status || c.status === 'open'))).toBe(true);
      const t = await latency(() => cases.list(filter, { limit: 50 }));
      console.log(`${backend.name} list ${JSON.stringify(filter)}: p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms`);
      expect(t.p99).toBeLessThan(BUDGET_MS);
    }
  });
});
