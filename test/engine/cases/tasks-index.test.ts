// The task list and the case lists read from the store's case index (engine/store/case-index.ts)
// and answer what the cases' own states answer, on both backends: for the day the rows were worked
// out for (read as they are, no state opened) and for any other day (those cases worked out again),
// page by page, and for cases whose rows migration 6 left without tasks. The oracle is each open
// case's deadlines() through CaseService.deadlines, in case-id order.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { CaseService, type Task } from '../../../engine/cases/service.ts';
import { addDays } from '../../../engine/calendar/date.ts';
import { deadlinesHoldThrough } from '../../../engine/run/deadlines-hold.ts';
import type { Workflow } from '../../../engine/compile/index.ts';
import { deadlines, type CaseState } from '../../../engine/run/index.ts';
import type { CaseRecord, Store } from '../../../engine/store/index.ts';
import { NOTICE, SIGN, exitCase } from '../accounts/server-harness.ts';
import { household, policies } from '../run/fixtures.ts';
import { BACKENDS, type TestDb } from '../store/backends.ts';
import { unpackPg, unpackSqlite } from '../store/unpacked.ts';

const clerk = { id: 'clerk-1' };
const A = '钦南区某镇';
const B = '钦北区某镇';
type Place = { town?: string; village?: string; group?: string; policyId?: string };

/** What the task list must say: each open case's deadlines on `date` but the done ones, in case-id order. */
async function oracle(cases: CaseService, store: Store, date: string, f: Place): Promise<Task[]> {
  const out: Task[] = [];
  for (const rec of await store.getCases((await store.listCases({ ...f, limit: 1000 })).map((c) => c.id))) {
    const state = rec.state as CaseState;
    if (state.status !== 'open') continue;
    for (const d of await cases.deadlines(rec.id, date)) {
      if (d.kind === 'done') continue;
      out.push({
        kind: d.kind,
        caseId: rec.id,
        policy: rec.policyId,
        head: state.case.household?.head?.name ?? '',
        step: d.step,
        label: d.label,
        deadline: d.due,
        explanation: d.explanation,
        place: rec.place,
        cite: d.cite,
      });
    }
  }
  return out;
}

/** Every page of the task list at `limit`, following `next`. */
async function walk(cases: CaseService, date: string, f: Place, limit: number): Promise<Task[][]> {
  const pages: Task[][] = [];
  for (let after: string | undefined; ;) {
    const p = await cases.tasks({ date, ...f }, { limit, ...(after ? { after } : {}) });
    pages.push(p.items);
    if (!p.next) return pages;
    after = p.next;
    if (pages.length > 200) throw new Error('no end');
  }
}

/** Rewrites the task index as migration 6 leaves it: one row without a task for each open case. */
async function asMigrated(store: Store): Promise<void> {
  const sql = [
    'DELETE FROM case_tasks',
    "INSERT INTO case_tasks (case_id, ord, town, village, grp, policy_id) SELECT id, 0, town, village, grp, policy_id FROM cases WHERE status = 'open'",
  ];
  if (store.backend === 'sqlite') {
    const d = new Database(store.target);
    for (const s of sql) d.exec(s);
    d.close();
    return;
  }
  const c = new pg.Client({ connectionString: store.target });
  await c.connect();
  for (const s of sql) await c.query(s);
  await c.end();
}

const DAYS = ['2026-01-15', '2026-03-01', '2026-07-16', '2026-09-30', '2026-10-09', '2026-10-14', '2026-12-05', '2027-06-01'];
const FILTERS: Place[] = [{}, { town: A }, { town: A, village: '某村', group: '第三村民小组' }, { town: B }, { policyId: 'qinzhou' }];

describe.each(BACKENDS)('$name: tasks and case lists from the case index', (backend) => {
  let db: TestDb;
  let cases: CaseService;
  const clock = fixedClock('2026-01-15T09:00:00+08:00');
  const on = (day: string) => clock.set(`${day}T10:00:00+08:00`);
  const ids: Record<string, string> = {};

  async function send(id: string, type: string, payload: Record<string, unknown> = {}) {
    const v = (await db.store.getCase(id))!.version;
    return (await cases.command({ caseId: id, type, payload, expectedVersion: v, user: clerk })).case;
  }

  beforeAll(async () => {
    db = await backend.open();
    cases = new CaseService({ store: db.store, policies: policies(), clock, calendarFor: () => bundledCalendar(), readCache: false });
    const open = async (name: string, procedure: 'exit' | 'transfer', edit?: Parameters<typeof household>[0]) =>
      (ids[name] = (await cases.open({ policy: 'qinzhou', procedure, case: household(edit), user: clerk })).id);
    on('2026-01-15');
    await send(await open('notice', 'exit'), 'receiveWrittenNotice'); // waits for the negotiation until 2026-07-16
    await open('fresh', 'exit');
    await open('group4', 'exit', (c) => (c.household.collective.group = '第四村民小组'));
    await send(await open('ended', 'exit'), 'terminate', { reason: '测试 test' });
    on('2026-09-30');
    const t = await open('public', 'transfer');
    await send(t, 'submitApplication');
    await send(t, 'postPublicNotice'); // a notice to wait for, a review deadline on 2026-10-08
    const paying = await open('paying', 'transfer', (c) => {
      c.household.collective.town = B;
      c.transfer!.transferee.collective.town = B;
    });
    await send(paying, 'submitApplication');
    await send(paying, 'postPublicNotice');
    on('2026-10-12');
    await send(paying, 'closePublicNotice', { objectionsResolved: true });
    await send(paying, 'recordReview', { approved: true });
    on('2026-10-14');
    await send(paying, 'signContract'); // payment due 2026-11-30, then a penalty that grows by the day
  });
  afterAll(async () => {
    cases.close();
    await db.cleanup();
  });

  it('on every day, for every filter, page by page: what the cases themselves say', async () => {
    for (const date of DAYS) {
      for (const f of FILTERS) {
        const want = await oracle(cases, db.store, date, f);
        const all = (await walk(cases, date, f, 200)).flat();
        expect({ date, f, tasks: all }).toEqual({ date, f, tasks: want });
        for (const limit of [1, 2, 3]) {
          const pages = await walk(cases, date, f, limit);
          expect(pages.flat()).toEqual(want);
          expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
        }
      }
    }
    // The scenario reaches what the index must get right: every kind, and the closed case in none.
    const kinds = new Set((await Promise.all(DAYS.map((d) => oracle(cases, db.store, d, {})))).flat().map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['due', 'overdue', 'waiting']);
    expect((await walk(cases, '2026-10-14', {}, 200)).flat().some((t) => t.caseId === ids.ended)).toBe(false);
  });

  it('a case index holds on every day deadlinesHoldThrough says, for each case of the scenario asked on any day', async () => {
    const everyone = await db.store.getCases((await db.store.listCases({ limit: 1000 })).map((c) => c.id));
    const open = everyone.filter((r) => (r.state as CaseState).status === 'open');
    let held = 0;
    for (const rec of open) {
      const wf = await cases.workflowOf(rec);
      const state = rec.state as CaseState;
      for (let asOf = '2026-01-15'; asOf <= '2027-06-01'; asOf = addDays(asOf, 23)) {
        const through = deadlinesHoldThrough(wf, state, asOf);
        const then = JSON.stringify(deadlines(wf, state, asOf));
        const last = through === null ? addDays(asOf, 400) : through;
        expect(last >= asOf).toBe(true);
        for (let d = asOf; d <= last; d = addDays(d, 1)) {
          expect({ id: rec.id, asOf, d, now: JSON.stringify(deadlines(wf, state, d)) }).toEqual({ id: rec.id, asOf, d, now: then });
          held++;
        }
      }
    }
    // Not trivially one day each: most answers hold for weeks.
    expect(held).toBeGreaterThan(open.length * 30 * 20);
  });

  it('on the day its rows were worked out for, a case is answered from them without opening its state', async () => {
    // The last command (paying, on 2026-10-14) wrote its rows for that day; the others are older.
    const getCases = vi.spyOn(db.store, 'getCases');
    try {
      const t = await cases.tasks({ date: '2026-10-14', town: B }, { limit: 50 });
      expect(t.items.map((x) => [x.caseId, x.step, x.kind, x.deadline])).toEqual([
        [ids.paying, 'payment', 'due', '2026-11-30'],
        [ids.paying, 'new-contracts', 'due', null],
        [ids.paying, 'filing', 'due', null],
      ]);
      expect(getCases).not.toHaveBeenCalled();
      await cases.tasks({ date: '2026-12-05', town: B }, { limit: 50 });
      expect(getCases).toHaveBeenCalledWith([ids.paying]);
    } finally {
      getCases.mockRestore();
    }
    // Worked out again on a later day: the penalty so far, as the case's own deadlines say it.
    const late = await cases.tasks({ date: '2026-12-05', town: B }, { limit: 50 });
    expect(late.items).toEqual(await oracle(cases, db.store, '2026-12-05', { town: B }));
    expect(JSON.stringify(late.items[0]!.explanation)).not.toEqual(
      JSON.stringify((await cases.tasks({ date: '2026-10-14', town: B }, { limit: 50 })).items[0]!.explanation),
    );
  });

  it('the case list filters by status in the store, before the limit, in id order', async () => {
    const everyone = await db.store.getCases((await db.store.listCases({ limit: 1000 })).map((c) => c.id));
    const open = everyone.filter((r) => (r.state as CaseState).status === 'open').map((r) => r.id);
    const pages: string[][] = [];
    for (let after: string | undefined; ;) {
      const p = await cases.list({ status: 'open' }, { limit: 2, ...(after ? { after } : {}) });
      pages.push(p.items.map((c) => c.id));
      if (!p.next) break;
      after = p.next;
    }
    expect(pages.flat()).toEqual(open);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect((await cases.list({ status: 'terminated', town: A }, { limit: 50 })).items.map((c) => c.id)).toEqual([ids.ended]);
    expect((await cases.list({ status: 'open', town: B }, { limit: 50 })).items.map((c) => [c.id, c.status])).toEqual([
      [ids.paying, 'open'],
    ]);
  });

  it('the case list shows each case as its state and workflow say, from its index alone: no snapshot, no event, no workflow read', async () => {
    const records = await db.store.getCases((await db.store.listCases({ limit: 1000 })).map((c) => c.id));
    const want = await Promise.all(records.map(async (rec) => summaryFromState(await cases.workflowOf(rec), rec)));
    const reads = (['getCase', 'getCases', 'getEvents'] as const).map((m) => vi.spyOn(db.store, m));
    try {
      const got = await cases.list({}, { limit: 100 });
      expect(got.items).toEqual(want);
      for (const r of reads) expect(r).not.toHaveBeenCalled();
    } finally {
      for (const r of reads) r.mockRestore();
    }
    // What the scenario reaches: a contract number, steps active, a closed case with none.
    const byId = new Map(want.map((c) => [c.id, c]));
    expect(byId.get(ids.paying!)!.contractNumber).toMatch(/^转让（2026）第 \d{3} 号$/);
    expect(byId.get(ids.notice!)!.current.length).toBeGreaterThan(0);
    expect(byId.get(ids.ended!)!.status).toBe('terminated');
  });

  it('cases the migration left without tasks are worked out from their state, until their next command writes them', async () => {
    await asMigrated(db.store);
    expect((await db.store.listTasks()).every((r) => r.task === null)).toBe(true);
    for (const date of ['2026-03-01', '2026-10-09', '2026-12-05']) {
      for (const f of FILTERS) {
        expect((await walk(cases, date, f, 2)).flat()).toEqual(await oracle(cases, db.store, date, f));
      }
    }
    on('2026-10-15');
    await send(ids.fresh!, 'receiveWrittenNotice');
    expect((await db.store.listTasks({ from: { caseId: ids.fresh!, ord: 0 }, limit: 1 }))[0]).toMatchObject({
      caseId: ids.fresh,
      asOf: '2026-10-15',
      // The notice dates from 2026-01-15 (the household's noticeDate): its half year has run.
      task: { step: 'negotiation', kind: 'due', due: null },
    });
    expect((await walk(cases, '2026-10-15', {}, 1)).flat()).toEqual(await oracle(cases, db.store, '2026-10-15', {}));
  });
});

/** What a case list showed of a case before the index held it: its view, and the summary worked out from its state and workflow. */
function summaryFromState(wf: Workflow, rec: CaseRecord) {
  const state = rec.state as CaseState;
  return {
    id: rec.id,
    policy: rec.policyId,
    policyHash: rec.policyHash,
    procedure: rec.procedure,
    mode: rec.mode,
    version: rec.version,
    status: state.status,
    place: rec.place,
    createdAt: rec.createdAt,
    createdBy: rec.createdBy,
    updatedAt: rec.updatedAt,
    updatedBy: rec.updatedBy,
    head: state.case.household?.head?.name ?? '',
    label: `${wf.policy.shortName}·${wf.label}`,
    current: wf.states.filter((s) => state.steps[s.id]?.status === 'active').map((s) => s.label),
    contractNumber: state.contract?.number ?? null,
  };
}

/** SQL run on a store's database from outside, statement by statement. */
async function exec(store: Store, statements: string[]): Promise<void> {
  if (store.backend === 'sqlite') {
    const d = new Database(store.target);
    for (const q of statements) d.exec(q);
    d.close();
    return;
  }
  const c = new pg.Client({ connectionString: store.target });
  await c.connect();
  for (const q of statements) await c.query(q);
  await c.end();
}

// Migration 13 on cases indexed before it: their summaries are read out of their snapshots and the
// workflows their first events name by hash, or carry whole (a case opened before migration 7).
describe.each(BACKENDS)('$name: migration 13 on cases from before it', (backend) => {
  let db: TestDb;
  afterAll(async () => db?.cleanup());

  it('gives each indexed case the summary the case list showed from its state; a case without an index stays without', async () => {
    db = await backend.open();
    const clock = fixedClock('2026-03-05T09:00:00+08:00');
    const cases = new CaseService({ store: db.store, policies: policies(), clock, calendarFor: () => bundledCalendar(), readCache: false });
    const send = async (id: string, cmd: { type: string; payload: object }) =>
      cases.command({ caseId: id, ...cmd, expectedVersion: (await db.store.getCase(id))!.version, user: clerk });
    const fresh = (await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk })).id;
    const open = exitCase('负载测试1镇', 1);
    const signed = (await cases.open({ ...open, procedure: 'exit', user: clerk })).id;
    await send(signed, NOTICE);
    await send(signed, SIGN);
    // Opened before migration 7: the whole workflow in its first event, no summary of its own yet.
    const source = (await db.store.getCase(signed))!;
    const wf = await cases.workflowOf(source);
    const old = await db.store.createCase({
      policyId: source.policyId,
      policyHash: source.policyHash,
      procedure: source.procedure,
      mode: source.mode,
      place: source.place,
      user: 'clerk-1',
      at: source.createdAt,
      idempotencyKey: 'old-1',
      initialEvents: [{ type: 'CaseOpened', payload: { workflow: wf } }],
      state: source.state,
      index: {
        status: 'open',
        asOf: '2026-01-15',
        validThrough: null,
        tasks: [],
        summary: { head: '', label: '', current: [], contractNumber: null },
      },
    });
    const unindexed = (await db.store.createCase({ ...createFrom(source), idempotencyKey: 'raw-1' })).id;
    cases.close();
    const before = await db.store.listCases();
    expect(before.find((c) => c.id === signed)!.summary!.contractNumber).toMatch(/第 001 号$/);

    // Back to schema 12 (what migrations 14 and 15 convert, test/engine/store/unpacked.ts), then before 13.
    if (db.store.backend === 'postgres') await unpackPg(db.store.target);
    else {
      const raw = new Database(db.store.target);
      unpackSqlite(raw);
      raw.close();
    }
    await exec(db.store, [
      ...['head', 'label', 'current_steps', 'contract_number'].map((c) => `ALTER TABLE cases DROP COLUMN ${c}`),
      'DELETE FROM schema_migrations WHERE version = 13',
    ]);
    const after = await (await db.another()).listCases();
    const summaries = new Map(after.map((c) => [c.id, c.summary]));
    expect(summaries.get(fresh)).toEqual(before.find((c) => c.id === fresh)!.summary);
    expect(summaries.get(signed)).toEqual(before.find((c) => c.id === signed)!.summary);
    const want = summaryFromState(wf, { ...old, state: source.state });
    expect(summaries.get(old.id)).toEqual({
      head: want.head,
      label: want.label,
      current: want.current,
      contractNumber: want.contractNumber,
    });
    expect(summaries.get(old.id)).toEqual(summaries.get(signed));
    expect(summaries.get(unindexed)).toBeNull();
  });
});

/** A creation of a case like `rec`, without an index. */
function createFrom(rec: CaseRecord) {
  return {
    policyId: rec.policyId,
    policyHash: rec.policyHash,
    procedure: rec.procedure,
    mode: rec.mode,
    place: rec.place,
    user: 'clerk-1',
    at: rec.createdAt,
    initialEvents: [{ type: 'CaseOpened', payload: {} }],
    state: rec.state,
  };
}
