import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { CaseError } from '../../../engine/cases/errors.ts';
import { httpStatus } from '../../../engine/server/errors.ts';
import { renderBoth } from '../../../dsl/messages.ts';
import { PolicyRegistry } from '../../../engine/cases/policies.ts';
import { CaseService, reduceStored } from '../../../engine/cases/service.ts';
import { workflowRef, type WorkflowRef } from '../../../engine/run/events.ts';
import type { Store } from '../../../engine/store/index.ts';
import { testDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { policyVersions, workflowHash } from '../../../engine/store/policy-versions.ts';
import { household, policies, REPO } from '../run/fixtures.ts';

const clerk = { id: 'clerk-1', name: '办事员' };
let dir: string;
let db: TestDatabase;
let store: Store;
let clock: ReturnType<typeof fixedClock>;

let services: CaseService[] = [];
function service(reg: PolicyRegistry = policies()): CaseService {
  const s = new CaseService({ store, policies: reg, clock, calendarFor: () => bundledCalendar() });
  services.push(s);
  return s;
}

async function expectCaseError(fn: () => Promise<unknown>, status: number, code: string): Promise<CaseError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CaseError);
    expect({ status: httpStatus((e as CaseError).kind), code: (e as CaseError).code }).toEqual({ status, code });
    return e as CaseError;
  }
  throw new Error(`expected ${status} ${code}`);
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-cases-'));
  db = await testDatabase(dir, 'cases.db');
  store = await db.open();
  clock = fixedClock('2026-01-15T09:00:00+08:00');
});

afterEach(async () => {
  for (const s of services) s.close();
  services = [];
  await store.close();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('CaseService (host loop on a real store)', () => {
  it('opens a case pinned to its policy version: the first event names the stored workflow by hash, the case names the stored version', async () => {
    const cases = service();
    const v = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk, idempotencyKey: 'open-1' });
    expect(v).toMatchObject({
      policy: 'qinzhou',
      procedure: 'exit',
      mode: 'permanent',
      status: 'open',
      version: 2,
      place: { town: '钦南区某镇', village: '某村', group: '第三村民小组' },
    });
    expect(v.policyHash).toBe(policies().current('qinzhou')!.hash);
    const [first] = await store.getEvents(v.id);
    const payload = first!.payload as { workflow: WorkflowRef; policySource?: string };
    expect(first!.type).toBe('CaseOpened');
    const wf = await cases.workflow(v.id);
    expect(payload.workflow).toEqual(workflowRef(wf, workflowHash(wf)));
    expect(payload.workflow.id).toBe(v.state.workflow);
    expect(Object.keys(first!.payload as object).sort()).toEqual(['by', 'case', 'on', 'place', 'workflow']);
    const pv = await policyVersions(store);
    expect(await pv.getWorkflow(payload.workflow.hash!)).toEqual(wf);
    const stored = await pv.get(v.policyHash);
    expect([stored?.source, stored?.fileName]).toEqual([readFileSync(path.join(REPO, 'policies/qinzhou.yaml'), 'utf8'), 'qinzhou.yaml']);
    expect((await pv.current()).find((p) => p.policyId === 'qinzhou')).toMatchObject({ hash: v.policyHash, by: 'landflow' });
    expect(first!.user).toBe('clerk-1');
    expect(first!.at).toBe('2026-01-15T09:00:00.000+08:00');
    // The same key opens nothing new.
    const again = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk, idempotencyKey: 'open-1' });
    expect(again.id).toBe(v.id);
    expect(await store.countCases()).toBe(1);
  });

  it('a workflow is compiled and stored once a process; a command finds what its case runs under without reading it first', async () => {
    const cases = service();
    const pv = await policyVersions(store);
    const put = vi.spyOn(pv, 'putWorkflow');
    const getCase = vi.spyOn(store, 'getCase');
    try {
      const a = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
      const b = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
      await cases.open({ policy: 'qinzhou', procedure: 'transfer', case: household(), user: clerk });
      expect(put).toHaveBeenCalledTimes(2);
      expect((await cases.workflow(a.id)).id).toBe((await cases.workflow(b.id)).id);
      getCase.mockClear();
      const moved = await cases.command({ caseId: a.id, type: 'receiveWrittenNotice', expectedVersion: a.version, user: clerk });
      expect(moved.case.version).toBeGreaterThan(a.version);
      expect(getCase).not.toHaveBeenCalled();
      // Another instance (a new service) reads the case once, then knows it too.
      const other = service();
      await other.command({ caseId: b.id, type: 'receiveWrittenNotice', expectedVersion: b.version, user: clerk });
      expect(getCase).toHaveBeenCalledTimes(1);
      await expectCaseError(
        () => other.command({ caseId: b.id, type: 'receiveWrittenNotice', expectedVersion: b.version, user: clerk }),
        409,
        'STALE_VERSION',
      );
      expect(getCase).toHaveBeenCalledTimes(1);
      await expectCaseError(
        () => other.command({ caseId: 'NOPE', type: 'terminate', expectedVersion: 1, user: clerk }),
        404,
        'CASE_NOT_FOUND',
      );
    } finally {
      put.mockRestore();
      getCase.mockRestore();
    }
  });

  it('a stale expectedVersion is a 409; a repeated idempotency key returns the first result and writes nothing', async () => {
    const cases = service();
    const v = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    const r1 = await cases.command({
      caseId: v.id,
      type: 'receiveWrittenNotice',
      payload: {},
      expectedVersion: v.version,
      idempotencyKey: 'k-1',
      user: clerk,
    });
    expect(r1.replayed).toBe(false);
    const after = (await store.getEvents(v.id)).length;
    const r2 = await cases.command({
      caseId: v.id,
      type: 'receiveWrittenNotice',
      payload: {},
      expectedVersion: v.version,
      idempotencyKey: 'k-1',
      user: clerk,
    });
    expect(r2.replayed).toBe(true);
    expect(r2.case.version).toBe(r1.case.version);
    expect(r2.events.map((e) => e.hash)).toEqual(r1.events.map((e) => e.hash));
    expect((await store.getEvents(v.id)).length).toBe(after);
    // Same key, another request.
    await expectCaseError(
      () =>
        cases.command({
          caseId: v.id,
          type: 'terminate',
          payload: { reason: 'x' },
          expectedVersion: r1.case.version,
          idempotencyKey: 'k-1',
          user: clerk,
        }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    const stale = await expectCaseError(
      () => cases.command({ caseId: v.id, type: 'terminate', payload: { reason: 'x' }, expectedVersion: v.version, user: clerk }),
      409,
      'STALE_VERSION',
    );
    expect(stale.extra).toMatchObject({ expectedVersion: v.version, actualVersion: r1.case.version });
  });

  it('a refusal writes nothing and carries its article', async () => {
    const cases = service();
    const v = await cases.open({
      policy: 'qinzhou',
      procedure: 'exit',
      case: household((c) => (c.household.members[1]!.consents = false)),
      user: clerk,
    });
    const e = await expectCaseError(
      () => cases.command({ caseId: v.id, type: 'receiveWrittenNotice', payload: {}, expectedVersion: v.version, user: clerk }),
      422,
      'CONSENT_MISSING',
    );
    expect(e.extra.cite).toBe('第十一条');
    expect((await store.getCase(v.id))!.version).toBe(v.version);
    await expectCaseError(
      () => cases.command({ caseId: v.id, type: 'signContract', payload: {}, expectedVersion: v.version, user: clerk }),
      409,
      'NOT_ALLOWED',
    );
    // The store's one wording of it (dsl/phrases/store.ts), whether the id is no case id or none stored.
    const nope = await expectCaseError(() => cases.get('nope'), 404, 'CASE_NOT_FOUND');
    expect(nope.toJSON()).toMatchObject({
      message: '案件不存在 case not found: nope',
      text: { code: 'store.caseNotFound', args: { caseId: 'nope' } },
    });
    await expectCaseError(() => cases.get('../etc/passwd'), 404, 'CASE_NOT_FOUND');
  });

  it('contract numbers count per town and year across cases: 退出（2026）第 001 号, 第 002 号', async () => {
    const cases = service();
    const numbers: string[] = [];
    for (const k of ['a', 'b']) {
      clock.set('2026-01-15T09:00:00+08:00');
      let v = await cases.open({ policy: 'neijiang', procedure: 'exit', case: household(), user: clerk, idempotencyKey: `open-${k}` });
      v = (await cases.command({ caseId: v.id, type: 'receiveWrittenNotice', expectedVersion: v.version, user: clerk })).case;
      clock.set('2026-03-02T10:00:00+08:00');
      v = (await cases.command({ caseId: v.id, type: 'signContract', expectedVersion: v.version, user: clerk })).case;
      numbers.push(v.state.contract!.number!);
      expect(v.state.contract!.amount).toBe('91650.00');
    }
    expect(numbers).toEqual(['退出（2026）第 001 号', '退出（2026）第 002 号']);
    expect((await store.listContractNumbers()).map((n) => n.text)).toEqual(numbers);
    // Every snapshot is the fold of its events, every chain verifies.
    const audit = await store.verifyAll({ reduce: reduceStored });
    expect(audit).toMatchObject({ ok: true, cases: 2, contractNumbers: 2 });
  });

  it('editing a policy never changes a running case: the old case keeps its workflow and periods, a new case gets the new ones', async () => {
    const pdir = path.join(dir, 'policies');
    cpSync(path.join(REPO, 'policies'), pdir, { recursive: true });
    cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
    const before = service(PolicyRegistry.fromDir(pdir));
    const old = await before.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    const oldAfter = (await before.command({ caseId: old.id, type: 'receiveWrittenNotice', expectedVersion: old.version, user: clerk }))
      .case;

    const file = path.join(pdir, 'qinzhou.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/(  协商等待期:\n    label: [^\n]+\n    value: )半年/, '$13 月');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);

    // A new server process: only the edited file is loaded (a new text: the new current version); the old version comes from the store.
    const after = service(PolicyRegistry.fromDir(pdir));
    expect((await after.get(old.id)).policyHash).toBe(old.policyHash);
    clock.set('2026-04-16T09:00:00+08:00');
    await expectCaseError(
      () =>
        after.command({
          caseId: old.id,
          type: 'recordNegotiation',
          payload: { agreed: true },
          expectedVersion: oldAfter.version,
          user: clerk,
        }),
      422,
      'TOO_EARLY',
    );
    const fresh = await after.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    expect(fresh.policyHash).not.toBe(old.policyHash);
    const f1 = (await after.command({ caseId: fresh.id, type: 'receiveWrittenNotice', expectedVersion: fresh.version, user: clerk })).case;
    expect(f1.state.timers['negotiation:period']!.end).toBe('2026-04-16');
    const f2 = await after.command({
      caseId: fresh.id,
      type: 'recordNegotiation',
      payload: { agreed: true },
      expectedVersion: f1.version,
      user: clerk,
    });
    expect(f2.case.state.steps.negotiation!.status).toBe('done');
    expect((await after.workflowOf((await store.getCase(old.id))!)).id).not.toBe(
      (await after.workflowOf((await store.getCase(fresh.id))!)).id,
    );
  });

  it('tasks for a place and a day: due, overdue and waiting with deadlines and explanations', async () => {
    const cases = service();
    const a = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    await cases.command({ caseId: a.id, type: 'receiveWrittenNotice', expectedVersion: a.version, user: clerk });
    clock.set('2026-09-30T09:00:00+08:00');
    let b = await cases.open({ policy: 'qinzhou', procedure: 'transfer', case: household(), user: clerk });
    b = (await cases.command({ caseId: b.id, type: 'submitApplication', expectedVersion: b.version, user: clerk })).case;
    await cases.command({ caseId: b.id, type: 'postPublicNotice', expectedVersion: b.version, user: clerk });
    await cases.open({
      policy: 'qinzhou',
      procedure: 'exit',
      case: household((c) => (c.household.collective.group = '第四村民小组')),
      user: clerk,
    });

    const page = { limit: 50 };
    const t = await cases.tasks({ date: '2026-10-09', town: '钦南区某镇', village: '某村', group: '第三村民小组' }, page);
    const of = (kind: string) => t.items.filter((x) => x.kind === kind);
    expect(t.next).toBeNull();
    expect(of('waiting').map((x) => [x.caseId, x.step, x.deadline])).toEqual([[b.id, 'public-notice', '2026-10-11']]);
    expect(of('overdue').map((x) => [x.caseId, x.step, x.deadline])).toEqual([[b.id, 'review', '2026-10-08']]);
    expect(of('due').map((x) => [x.caseId, x.step, x.deadline])).toEqual([[a.id, 'negotiation', null]]);
    expect(of('overdue')[0]!.explanation.map(renderBoth).join('\n')).toContain('国庆节');
    // Another group's case shows only without the group filter.
    expect((await cases.tasks({ date: '2026-10-09', town: '钦南区某镇' }, page)).items.filter((x) => x.kind === 'due').length).toBe(2);
  });

  it('case reads come from the read cache (SQLite), never older than the last commit — even a commit by another connection', async () => {
    const cases = service();
    const v = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    const first = await cases.getJson(v.id);
    // The cache watches a SQLite file (engine/cases/service.ts); on PostgreSQL each read is built again.
    if (db.backend === 'sqlite')
      expect(await cases.getJson(v.id)).toBe(first); // the same bytes, not rebuilt
    else expect(await cases.getJson(v.id)).not.toBe(first);
    expect(JSON.parse(first.toString()).version).toBe(v.version);
    // Another connection (as another process would) writes to the same database.
    const other = await db.open();
    try {
      const elsewhere = new CaseService({
        store: other,
        policies: policies(),
        clock,
        calendarFor: () => bundledCalendar(),
        readCache: false,
      });
      await elsewhere.command({ caseId: v.id, type: 'receiveWrittenNotice', expectedVersion: v.version, user: clerk });
    } finally {
      await other.close();
    }
    const after = JSON.parse((await cases.getJson(v.id)).toString());
    expect(after.version).toBeGreaterThan(v.version);
    expect(after.state.steps['written-notice'].status).toBe('done');
    cases.close();
  });
});
