// Policy versions in the store, as the host uses them (engine/cases/policies.ts sync, version and
// publish; engine/cases/service.ts), on both backends: two instances on one database — a version
// published on one is what the other opens new cases under, a case opened before keeps its
// version; the loaded files seed the store once; a case's own rows hold only its own events.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { PolicyRegistry, entryFromLoaded } from '../../../engine/cases/policies.ts';
import { CaseService, reduceStored, type CaseView } from '../../../engine/cases/service.ts';
import { loadPolicyText } from '../../../engine/policies/load.ts';
import { canonicalJson, type Store } from '../../../engine/store/index.ts';
import { policyVersions } from '../../../engine/store/policy-versions.ts';
import Database from 'better-sqlite3';
import { pgQuery } from '../../helpers/postgres.ts';
import { compileWorkflow } from '../../../engine/compile/index.ts';
import { openCase } from '../../../engine/run/index.ts';
import { openStore } from '../../../engine/store/index.ts';
import { contextFor, household, pinned, REPO } from '../run/fixtures.ts';
import { tempDir } from '../store/helpers.ts';
import { BACKENDS, type TestDb } from '../store/backends.ts';
import { unpackSqlite } from '../store/unpacked.ts';

const clerk = { id: 'clerk-1', name: '办事员' };
const QINZHOU = path.join(REPO, 'policies/qinzhou.yaml');

/** 钦州's text with a three-month negotiation period instead of half a year. */
function edited(): string {
  const text = readFileSync(QINZHOU, 'utf8');
  const out = text.replace(/(  协商等待期:\n    label: [^\n]+\n    value: )半年/, '$13 月');
  expect(out).not.toBe(text);
  return out;
}

/** Integer columns: 8 bytes each, whatever the backend's driver hands back (node-postgres gives bigint as text). */
const INTEGER_COLUMNS = new Set(['seq', 'version', 'first_seq', 'last_seq', 'year', 'ord', 'gseq']);

/**
 * The bytes of every value a case's rows hold, table by table: its row in cases, its events, its
 * idempotency records, its task rows, its contract numbers and the audit chain entries that seal
 * them (text as UTF-8, a BLOB as its bytes, integers as 8, NULL as 0; the snapshot as stored: on
 * PostgreSQL compressed by TOAST, pg_column_size; the engines' own row and page overhead not counted).
 */
async function caseBytes(store: Store, id: string): Promise<Record<string, number>> {
  const tables: [string, string][] = [
    ['cases', 'id'],
    ['events', 'case_id'],
    ['commands', 'case_id'],
    ['case_tasks', 'case_id'],
    ['contract_numbers', 'case_id'],
    ['audit_chain', ''],
  ];
  const read = async (table: string, column: string): Promise<Record<string, unknown>[]> => {
    const where = column ? ` WHERE ${column} = ${store.backend === 'sqlite' ? '?' : '$1'}` : '';
    if (store.backend === 'postgres') {
      const stored = table === 'cases' ? ', pg_column_size(state) AS state_stored' : '';
      const rows = await pgQuery(store.target, `SELECT *${stored} FROM ${table}${where}`, column ? [id] : []);
      return table === 'cases' ? rows.map(({ state_stored, ...r }) => ({ ...r, state: Buffer.alloc(Number(state_stored)) })) : rows;
    }
    const db = new Database(store.target, { readonly: true });
    try {
      return db.prepare(`SELECT * FROM ${table}${where}`).all(...(column ? [id] : [])) as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };
  const numbers = (await store.listContractNumbers({ caseId: id })).map((n) => JSON.stringify([n.town, n.year, n.kind, n.seq]));
  // The chain's entries of this case: its own, its events' and its contract numbers' (refs as mac.ts makes them).
  const sealsCase = (r: Record<string, unknown>) => {
    const ref = JSON.parse(String(r.ref)) as unknown[];
    return (r.kind === 'case' || r.kind === 'event') && ref[0] === id ? true : r.kind === 'contract' && numbers.includes(String(r.ref));
  };
  const out: Record<string, number> = {};
  for (const [table, column] of tables) {
    const rows = (await read(table, column)).filter((r) => table !== 'audit_chain' || sealsCase(r));
    out[table] = rows.reduce(
      (n, r) =>
        n +
        Object.entries(r).reduce(
          (m, [k, v]) =>
            m +
            (v === null
              ? 0
              : Buffer.isBuffer(v)
                ? v.length
                : INTEGER_COLUMNS.has(k) || typeof v === 'number'
                  ? 8
                  : Buffer.byteLength(String(v), 'utf8')),
          0,
        ),
      0,
    );
  }
  return out;
}

describe.each(BACKENDS)('policy versions in the store ($name)', (backend) => {
  let t: TestDb;
  const services: CaseService[] = [];
  const clock = fixedClock('2026-01-15T09:00:00+08:00');
  const service = (store: Store, reg = PolicyRegistry.fromDir(path.join(REPO, 'policies'))) => {
    const s = new CaseService({ store, policies: reg, clock, calendarFor: () => bundledCalendar() });
    services.push(s);
    return s;
  };
  beforeEach(async () => {
    t = await backend.open();
    clock.set('2026-01-15T09:00:00+08:00');
  });
  afterEach(async () => {
    for (const s of services.splice(0)) s.close();
    await t.cleanup();
  });

  it('publish on one instance: the other opens new cases under the new version, a case opened before keeps its own', async () => {
    const regA = PolicyRegistry.fromDir(path.join(REPO, 'policies'));
    const regB = PolicyRegistry.fromDir(path.join(REPO, 'policies'));
    const a = service(t.store, regA);
    const b = service(await t.another(), regB);
    const old = await b.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    const bundledHash = regB.current('qinzhou')!.hash;
    expect(old.policyHash).toBe(bundledHash);

    // Seeding is once per text: both instances started from the same files, one version, one publication.
    const pv = await policyVersions(t.store);
    await a.syncPolicies();
    expect((await pv.current()).filter((p) => p.policyId === 'qinzhou').map((p) => [p.hash, p.by])).toEqual([[bundledHash, 'landflow']]);
    const seeded = await pv.lastPublication();

    const loaded = loadPolicyText(edited(), QINZHOU);
    const next = entryFromLoaded(loaded);
    const at = '2026-01-15T09:00:00.000+08:00';
    await regA.publish(
      t.store,
      next,
      { at, by: 'officer1', event: { type: 'policyPublished', actor: 'officer1', subject: 'qinzhou', at } },
      loaded.compiled,
    );
    expect(await pv.lastPublication()).toBe(seeded + 1);
    expect((await t.store.listSecurityEvents({ type: 'policyPublished' })).map((e) => e.actor)).toEqual(['officer1']);

    // B never loaded the new text: it comes from the store.
    const fresh = await b.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    expect(fresh.policyHash).toBe(next.hash);
    expect(regB.current('qinzhou')!.hash).toBe(next.hash);
    const f1 = await b.command({ caseId: fresh.id, type: 'receiveWrittenNotice', expectedVersion: fresh.version, user: clerk });
    const o1 = await b.command({ caseId: old.id, type: 'receiveWrittenNotice', expectedVersion: old.version, user: clerk });
    expect(f1.case.state.timers['negotiation:period']!.end).toBe('2026-04-16');
    expect(o1.case.state.timers['negotiation:period']!.end).toBe('2026-07-16');
    expect((await b.get(old.id)).policyHash).toBe(bundledHash);

    // A third instance started later with the old files: the old text is known, the store's current version stays.
    const c = service(await t.another());
    const third = await c.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    expect(third.policyHash).toBe(next.hash);
    expect((await t.store.verifyAll({ reduce: reduceStored, allowNoKey: true })).ok).toBe(true);
  });

  it('a finished 钦州 exit stores its own events only: a first event without the policy or its workflow', async () => {
    const cases = service(t.store);
    let c: CaseView = await cases.open({
      policy: 'qinzhou',
      procedure: 'exit',
      case: household((k) => (k.exit!.payer = 'village')),
      user: clerk,
    });
    const send = async (day: string, type: string, payload?: unknown) => {
      clock.set(`${day}T09:00:00+08:00`);
      c = (await cases.command({ caseId: c.id, type, payload, expectedVersion: c.version, user: clerk })).case;
    };
    await send('2026-01-15', 'receiveWrittenNotice');
    await send('2026-07-16', 'recordNegotiation', { agreed: true });
    await send('2026-07-20', 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 });
    await send('2026-08-03', 'signContract', { paymentDue: '2026-08-31' });
    await send('2026-08-05', 'cancelContractAndCertificate');
    await send('2026-09-03', 'recordPayment', { amount: '53333.25' });
    await send('2026-09-03', 'fileWithTown');
    await send('2026-09-03', 'recordRegistration');
    expect(c.status).toBe('completed');
    // The first event: the case as opened and the workflow's reference (WorkflowRef), no policy text or workflow.
    const [first] = await t.store.getEvents(c.id);
    const caseData = Buffer.byteLength(canonicalJson((first!.payload as { case: unknown }).case));
    expect(Buffer.byteLength(canonicalJson(first!.payload)) - caseData).toBeLessThan(1024);
    // Every value the case's rows hold, the same on both backends but for the snapshot's length
    // header. Before policy versions moved into the store the first event alone held 40–85 kB;
    // then ~100 kB in all: idempotency records copying the whole record at each command 67 kB
    // (migration 9), previous hashes 1.9 kB (migration 10), the snapshot's JSON as it is on SQLite
    // (migration 12), hex hashes and MACs, payloads as text and each audit entry's previous MAC
    // (migration 14), the idempotency records' copies of their events' user and time (migration 16),
    // an audit entry per event (migration 17). The goal of 5 kB in all (issue 17) is not met: what
    // is left is the case's own events (29 rows, each with its case id, type and hash),
    // their fold as the snapshot, the idempotency records, and an audit entry per request.
    const bytes = await caseBytes(t.store, c.id);
    // The snapshot's 8 686 bytes of JSON as stored: deflated with the dictionary (SQLite: migration 15, 2 726 deflated alone;
    // PostgreSQL: migration 18, 3 227 as TOAST's pglz compressed the text), in a bytea on PostgreSQL (its length header: 4 bytes more).
    // Its summary for the case lists (migration 13): the head's name, the label, no step active, the contract's number (70 bytes).
    const casesRow = backend.name === 'sqlite' ? 1331 : 1335;
    // Events and the audit chain packed (migration 14): hashes and MACs as bytes, payloads deflated
    // with the stored dictionary, no copy of the previous MAC (before: events 12 677, audit_chain 6 650).
    // Idempotency records with their key (the service's own, 20 characters), case, fingerprint as bytes and events only (migration 16; before: 1 485).
    // The audit chain: the case, the last event of each of the 9 requests (migration 17), the contract number: 11 entries, not 30.
    // An event's user and time only where the event before differs (migration 19; before: events 3 948).
    expect(bytes).toEqual({ cases: casesRow, events: 3085, commands: 631, case_tasks: 0, contract_numbers: 103, audit_chain: 969 });
    expect(Object.values(bytes).reduce((a, b) => a + b, 0)).toBe(backend.name === 'sqlite' ? 6119 : 6123);
  });

  it('a command replayed after the case moved on answers what it answered then', async () => {
    const cases = service(t.store);
    let c: CaseView = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: clerk });
    const notice = { caseId: c.id, type: 'receiveWrittenNotice', expectedVersion: c.version, user: clerk, idempotencyKey: 'notice-1' };
    const answered = await cases.command(notice);
    c = answered.case;
    clock.set('2026-07-16T09:00:00+08:00');
    await cases.command({ caseId: c.id, type: 'recordNegotiation', payload: { agreed: true }, expectedVersion: c.version, user: clerk });
    clock.set('2026-01-15T09:00:00+08:00');
    const again = await cases.command(notice);
    expect(again).toEqual({ ...answered, replayed: true });
    expect(JSON.stringify(again.case)).toBe(JSON.stringify(answered.case));
  });
});

describe('migration 7 on a database with cases from before (SQLite)', () => {
  it('copies their versions out of their first events, which stay as they were; they keep running', async () => {
    const file = path.join(tempDir(), 'cases.db');
    const qinzhou = pinned('qinzhou');
    const store = await openStore(file);
    // A case as opened before schema 7: the whole workflow, the policy text and templates in its first event.
    const wf = compileWorkflow(qinzhou.policy, 'exit', 'permanent');
    const r = openCase(wf, household(), contextFor(qinzhou, '2026-01-15'));
    if (!r.ok) throw new Error('not opened');
    r.events[0]!.payload = {
      ...r.events[0]!.payload,
      policySource: qinzhou.source,
      policyFile: 'qinzhou.yaml',
      policyTemplates: qinzhou.templates,
    };
    const old = await store.createCase({
      policyId: 'qinzhou',
      policyHash: qinzhou.hash,
      procedure: 'exit',
      mode: wf.mode,
      place: r.state.place,
      user: 'clerk-1',
      at: '2026-01-15T09:00:00.000+08:00',
      idempotencyKey: 'old-1',
      initialEvents: r.events,
      state: r.state,
    });
    const eventsBefore = await store.getEvents(old.id);
    await store.close();
    // Back to schema 6: migration 7's tables and migration 8's column gone, those migrations 9, 10 and 14 dropped back.
    const db = new Database(file);
    unpackSqlite(db);
    db.exec('DROP TABLE policy_publications; DROP TABLE policy_versions; DROP TABLE workflows');
    db.exec('ALTER TABLE case_tasks DROP COLUMN valid_through');
    db.exec("ALTER TABLE commands ADD COLUMN result TEXT NOT NULL DEFAULT '{}'");
    db.exec("ALTER TABLE events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''");
    db.exec('DROP TABLE rate_buckets');
    for (const c of ['head', 'label', 'current_steps', 'contract_number']) db.exec(`ALTER TABLE cases DROP COLUMN ${c}`);
    db.prepare('DELETE FROM schema_migrations WHERE version >= 7').run();
    db.close();

    const again = await openStore(file);
    try {
      const stored = await (await policyVersions(again)).get(qinzhou.hash);
      expect(stored).toEqual({
        hash: qinzhou.hash,
        policyId: 'qinzhou',
        fileName: 'qinzhou.yaml',
        source: qinzhou.source,
        templates: qinzhou.templates,
        storedAt: '2026-01-15T09:00:00.000+08:00',
        storedBy: 'clerk-1',
      });
      expect(await again.getEvents(old.id)).toEqual(eventsBefore);
      // A registry that never loaded this text (an empty one) runs the old case from the store.
      const cases = new CaseService({
        store: again,
        policies: new PolicyRegistry(),
        clock: fixedClock('2026-01-15T09:00:00+08:00'),
        calendarFor: () => bundledCalendar(),
      });
      const next = await cases.command({ caseId: old.id, type: 'receiveWrittenNotice', expectedVersion: old.version, user: clerk });
      expect(next.case.state.timers['negotiation:period']!.end).toBe('2026-07-16');
      expect((await again.verifyAll({ reduce: reduceStored })).ok).toBe(true);
      cases.close();
    } finally {
      await again.close();
    }
  });
});
