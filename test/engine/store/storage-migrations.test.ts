// Migrations 9, 10, 12, 14 and 16 on a database with cases from before, on both backends: the
// copies they drop (an idempotency record's answer, kind, user and time, an event's previous hash,
// an audit entry's previous MAC) come back the same from what stays, SQLite's snapshots, the
// payloads, hashes, fingerprints and MACs are packed and read the same, every event keeps its hash,
// and the chains, MACs, snapshots and checkpoints verify as before.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  IdempotencyMismatchError,
  LATEST_SCHEMA_VERSION,
  type CaseRecord,
  type DecideTools,
  type Decision,
  type Store,
} from '../../../engine/store/index.ts';
import { pgQuery } from '../../helpers/postgres.ts';
import { BACKENDS, type TestDb } from './backends.ts';
import { at, createInput, reduce } from './helpers.ts';
import {
  plainStateJson,
  unpackCarriedPg,
  unpackCarriedSqlite,
  unpackCommandsPg,
  unpackCommandsSqlite,
  unpackPg,
  unpackSqlite,
  unpackStatePg,
} from './unpacked.ts';

function move(step: string, take = false) {
  return (current: CaseRecord, tools: DecideTools): Decision => {
    const n = take ? tools.allocateContractNumber('退出', '那丽镇', 2026) : undefined;
    return {
      events: [
        { type: 'Moved', payload: { step, ...(n ? { number: n.text } : {}) } },
        { type: 'Noted', payload: { step } },
      ],
      state: { step, count: (current.state as { count: number }).count + 2 },
    };
  };
}

/** The columns migration 13 adds. */
const SUMMARY_COLUMNS = ['head', 'label', 'current_steps', 'contract_number'];

/** SQL run on the store's database outside the store, statement by statement. */
async function exec(store: Store, statements: string[]): Promise<void> {
  if (store.backend === 'sqlite') {
    const db = new Database(store.target);
    try {
      for (const s of statements) db.exec(s);
    } finally {
      db.close();
    }
  } else for (const s of statements) await pgQuery(store.target, s);
}

/** The store's database in the form migration 14 converts (./unpacked.ts). */
async function unpack(store: Store): Promise<void> {
  if (store.backend === 'postgres') return unpackPg(store.target);
  const db = new Database(store.target);
  try {
    unpackSqlite(db);
  } finally {
    db.close();
  }
}

async function columns(store: Store, table: string): Promise<string[]> {
  if (store.backend === 'sqlite') {
    const db = new Database(store.target, { readonly: true });
    try {
      return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((r) => r.name);
    } finally {
      db.close();
    }
  }
  const rows = await pgQuery<{ column_name: string }>(
    store.target,
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

describe.each(BACKENDS)('migrations 9, 10 and 12 on a database with cases ($name)', (backend) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t.cleanup());

  it('drop the copies, keep every hash; replays, verify and the tamper checks answer as before', async () => {
    const s = t.store;
    const created = await s.createCase(createInput({ reduce }));
    await s.createCase(createInput({ idempotencyKey: 'create-2', reduce }));
    const run = (store: Store, caseId: string, v: number, key: string, step: string, take = false) =>
      store.runCommand({
        caseId,
        expectedVersion: v,
        idempotencyKey: key,
        user: 'clerk1',
        at: at(v + 1),
        command: { step },
        decide: move(step, take),
        reduce,
      });
    const first = await run(s, 'C1', 1, 'k1', 'notice');
    const second = await run(s, 'C1', 3, 'k2', 'vote', true);
    await run(s, 'C1', 5, 'k3', 'signed');
    await run(s, 'C2', 1, 'k4', 'notice');
    const events = { C1: await s.getEvents('C1'), C2: await s.getEvents('C2') };

    // Back to schema 8: the columns as an older landflow wrote them (a result, a previous hash), as text (before 14).
    await unpack(s);
    const prevHash = `coalesce((SELECT p.hash FROM events p WHERE p.case_id = events.case_id AND p.seq = events.seq - 1), '${GENESIS_HASH}')`;
    await exec(s, [
      "ALTER TABLE commands ADD COLUMN result TEXT NOT NULL DEFAULT '{}'",
      "ALTER TABLE events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''",
      ...(s.backend === 'sqlite'
        ? [
            'DROP TRIGGER events_append_only_update',
            `UPDATE events SET prev_hash = ${prevHash}`,
            "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, '事件只可追加 events are append-only: UPDATE refused'); END",
          ]
        : [
            'ALTER TABLE events DISABLE TRIGGER events_append_only_update',
            `UPDATE events SET prev_hash = ${prevHash}`,
            'ALTER TABLE events ENABLE TRIGGER events_append_only_update',
          ]),
      'DROP TABLE rate_buckets',
      ...SUMMARY_COLUMNS.map((c) => `ALTER TABLE cases DROP COLUMN ${c}`),
      'DELETE FROM schema_migrations WHERE version >= 9',
    ]);
    expect(await columns(s, 'events')).toContain('prev_hash');
    if (s.backend === 'sqlite') {
      // Snapshots as text, as SQLite held them before migration 12.
      const db = new Database(s.target);
      const rows = db.prepare('SELECT id, state FROM cases').all() as { id: string; state: Buffer }[];
      for (const r of rows) db.prepare('UPDATE cases SET state = ? WHERE id = ?').run(plainStateJson(r.state), r.id);
      expect(db.prepare("SELECT count(*) FROM cases WHERE typeof(state) = 'text'").pluck().get()).toBe(2);
      db.close();
    }

    const again = await t.another();
    expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect((await columns(again, 'events')).sort()).toEqual(['at', 'case_id', 'hash', 'payload', 'seq', 'type', 'user']);
    expect(await columns(again, 'commands')).not.toContain('result');
    if (again.backend === 'sqlite') {
      const db = new Database(again.target, { readonly: true });
      expect(db.prepare("SELECT count(*) FROM cases WHERE typeof(state) = 'blob'").pluck().get()).toBe(2);
      db.close();
    }
    expect((await again.getCase('C1'))!.state).toEqual({ step: 'signed', count: 7 });
    // Every event as it was, its previous hash the hash of the row before.
    expect({ C1: await again.getEvents('C1'), C2: await again.getEvents('C2') }).toEqual(events);
    expect(events.C1.map((e) => e.prevHash)).toEqual([GENESIS_HASH, ...events.C1.slice(0, -1).map((e) => e.hash)]);
    expect(await again.verifyAll({ reduce })).toMatchObject({
      ok: true,
      mac: 'verified',
      cases: 2,
      events: 10,
      problems: [],
      chainProblems: [],
    });
    // The first answers, rebuilt: the case has moved on from both.
    expect(await run(again, 'C1', 1, 'k1', 'notice')).toEqual({ ...first, replayed: true });
    expect(await run(again, 'C1', 3, 'k2', 'vote', true)).toEqual({ ...second, replayed: true });
    expect(await again.createCase(createInput({ reduce }))).toEqual(created);
    expect((await again.listContractNumbers()).map((n) => n.text)).toEqual(['退出（2026）第 001 号']);
  });
});

/** The declared type of each column of `table` (SQLite) or its data type (PostgreSQL). */
async function types(store: Store, table: string): Promise<Record<string, string>> {
  if (store.backend === 'sqlite') {
    const db = new Database(store.target, { readonly: true });
    try {
      const rows = db.prepare(`SELECT name, type FROM pragma_table_info('${table}')`).all() as { name: string; type: string }[];
      return Object.fromEntries(rows.map((r) => [r.name, r.type.toLowerCase()]));
    } finally {
      db.close();
    }
  }
  const rows = await pgQuery<{ column_name: string; data_type: string }>(
    store.target,
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1',
    [table],
  );
  return Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
}

describe.each(BACKENDS)('migration 14 on a database with cases ($name)', (backend) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t.cleanup());

  it('packs hashes, MACs and payloads; every event, hash, MAC and checkpoint stays, and tampering is found as before', async () => {
    const s = t.store;
    const created = await s.createCase(createInput({ reduce }));
    const run = (store: Store, v: number, key: string, step: string, take = false) =>
      store.runCommand({
        caseId: 'C1',
        expectedVersion: v,
        idempotencyKey: key,
        user: 'clerk1',
        at: at(v + 1),
        command: { step },
        decide: move(step, take),
        reduce,
      });
    const first = await run(s, 1, 'k1', 'notice');
    await run(s, 3, 'k2', 'vote', true);
    await s.recordSecurityEvent({ type: 'login', actor: 'clerk1', detail: { ip: '10.0.0.1' }, at: at(5) });
    const events = await s.getEvents('C1');
    await unpack(s);
    expect(await types(s, 'audit_chain')).toMatchObject({ digest: 'text', prev_mac: 'text', mac: 'text' });
    const old = await t.another({ readonly: true });
    const checkpoint = await old.checkpoint(at(6));
    // The case, the last event of each of its three requests (migration 17), the contract number, the login.
    expect(await old.verifyAll({ reduce })).toMatchObject({ ok: true, mac: 'verified', events: 5, auditEntries: 6 });

    const again = await t.another();
    expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    const bytes = again.backend === 'sqlite' ? 'blob' : 'bytea';
    expect(await types(again, 'events')).toMatchObject({ payload: bytes, hash: bytes });
    expect(await types(again, 'audit_chain')).toEqual({
      gseq: again.backend === 'sqlite' ? 'integer' : 'bigint',
      kind: 'text',
      ref: 'text',
      digest: bytes,
      mac: bytes,
    });
    // Every event as it was, read back from the packed rows; the chain's head the one the checkpoint signed.
    expect(await again.getEvents('C1')).toEqual(events);
    expect(await again.verifyAll({ reduce, against: checkpoint })).toMatchObject({
      ok: true,
      mac: 'verified',
      events: 5,
      auditEntries: 6,
      chainProblems: [],
    });
    expect((await again.checkpoint(at(6))).lastMac).toBe(checkpoint.lastMac);
    expect(await run(again, 1, 'k1', 'notice')).toEqual({ ...first, replayed: true });
    expect(await again.createCase(createInput({ reduce }))).toEqual(created);
    // New rows go in packed and chain on the converted ones.
    await run(again, 5, 'k3', 'signed');
    expect(await again.verifyAll({ reduce, against: checkpoint })).toMatchObject({ ok: true, events: 7, auditEntries: 7 });

    // An event rewritten outside landflow, as text: its hash no longer holds.
    await exec(
      again,
      again.backend === 'sqlite'
        ? [
            'DROP TRIGGER events_append_only_update',
            `UPDATE events SET payload = '{"step":"forged"}' WHERE case_id = 'C1' AND seq = 4`,
            "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, '事件只可追加 events are append-only: UPDATE refused'); END",
          ]
        : [
            'ALTER TABLE events DISABLE TRIGGER events_append_only_update',
            `UPDATE events SET payload = convert_to('{"step":"forged"}', 'UTF8') WHERE case_id = 'C1' AND seq = 4`,
            'ALTER TABLE events ENABLE TRIGGER events_append_only_update',
          ],
    );
    const r = await again.verifyAll({ reduce });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ caseId: 'C1', seq: 4 });
  });
});

describe.each(BACKENDS)('migration 16 on a database with cases ($name)', (backend) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t.cleanup());

  it('keeps of an idempotency record its key, case, fingerprint (as bytes) and events; replays and refusals answer as before', async () => {
    const s = t.store;
    const created = await s.createCase(createInput({ reduce }));
    const run = (store: Store, v: number, key: string, step: string, user = 'clerk1') =>
      store.runCommand({
        caseId: 'C1',
        expectedVersion: v,
        idempotencyKey: key,
        user,
        at: at(v + 1),
        command: { step },
        decide: move(step),
        reduce,
      });
    const first = await run(s, 1, 'k1', 'notice');
    const second = await run(s, 3, 'k2', 'vote', 'clerk2');
    // Schema 15: the records with their kind, user and time, the fingerprint as hex.
    if (s.backend === 'sqlite') {
      const db = new Database(s.target);
      try {
        unpackCommandsSqlite(db);
      } finally {
        db.close();
      }
    } else await unpackCommandsPg(s.target);
    expect((await columns(s, 'commands')).sort()).toEqual(
      ['at', 'case_id', 'first_seq', 'fingerprint', 'idempotency_key', 'kind', 'last_seq', 'user'].sort(),
    );
    expect(await (await t.another({ readonly: true })).verifyAll({ reduce })).toMatchObject({ ok: true, problems: [] });

    const again = await t.another();
    expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    const bytes = again.backend === 'sqlite' ? 'blob' : 'bytea';
    expect(await types(again, 'commands')).toEqual({
      idempotency_key: 'text',
      case_id: 'text',
      fingerprint: bytes,
      first_seq: 'integer',
      last_seq: 'integer',
    });
    expect(await again.verifyAll({ reduce })).toMatchObject({ ok: true, mac: 'verified', events: 5, problems: [], chainProblems: [] });
    // The answers rebuilt: their user and time those of their events; the case has moved on from the first.
    expect(await run(again, 1, 'k1', 'notice')).toEqual({ ...first, replayed: true });
    expect(await run(again, 3, 'k2', 'vote', 'clerk2')).toEqual({ ...second, replayed: true });
    expect(second.record).toMatchObject({ updatedBy: 'clerk2', updatedAt: at(4) });
    expect(await again.createCase(createInput({ reduce }))).toEqual(created);
    // A key used again for another request, or a creation's key for a command, is refused as before.
    await expect(run(again, 5, 'k2', 'signed')).rejects.toBeInstanceOf(IdempotencyMismatchError);
    await expect(run(again, 5, 'create-1', 'signed')).rejects.toBeInstanceOf(IdempotencyMismatchError);
    await run(again, 5, 'k3', 'signed');
    expect(await again.verifyAll({ reduce })).toMatchObject({ ok: true, events: 7, problems: [] });
  });
});

describe('migration 18 on a PostgreSQL database with cases', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await BACKENDS.find((b) => b.name === 'postgres')!.open();
  });
  afterEach(() => t.cleanup());

  it('packs the snapshots as SQLite does; every case reads, replays and verifies as before', async () => {
    const s = t.store;
    const created = await s.createCase(createInput({ reduce }));
    const first = await s.runCommand({
      caseId: 'C1',
      expectedVersion: 1,
      idempotencyKey: 'k1',
      user: 'clerk1',
      at: at(2),
      command: { step: 'notice' },
      decide: move('notice'),
      reduce,
    });
    await unpackStatePg(s.target);
    expect(await types(s, 'cases')).toMatchObject({ state: 'text' });
    const before = await (await t.another({ readonly: true })).getCase('C1');

    const again = await t.another();
    expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(await types(again, 'cases')).toMatchObject({ state: 'bytea' });
    expect(await again.getCase('C1')).toEqual(before);
    expect(before!.state).toEqual({ step: 'notice', count: 3 });
    expect(await again.verifyAll({ reduce })).toMatchObject({ ok: true, mac: 'verified', problems: [] });
    expect(await again.createCase(createInput({ reduce }))).toEqual(created);
    expect(
      await again.runCommand({
        caseId: 'C1',
        expectedVersion: 1,
        idempotencyKey: 'k1',
        user: 'clerk1',
        at: at(2),
        command: { step: 'notice' },
        decide: move('notice'),
        reduce,
      }),
    ).toEqual({ ...first, replayed: true });
  });
});

describe.each(BACKENDS)('migration 19 on a database with cases ($name)', (backend) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t.cleanup());

  /** How many events rows store no user and no time of their own. */
  async function carriedRows(store: Store): Promise<number> {
    const sql = 'SELECT count(*) AS n FROM events WHERE "user" IS NULL AND at IS NULL';
    if (store.backend === 'postgres') return Number((await pgQuery<{ n: string }>(store.target, sql))[0]!.n);
    const db = new Database(store.target, { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  it("stores an event's user and time only where the event before differs; every event, hash and replay as before", async () => {
    const s = t.store;
    await s.createCase(createInput({ reduce }));
    const run = (store: Store, v: number, key: string, step: string) =>
      store.runCommand({
        caseId: 'C1',
        expectedVersion: v,
        idempotencyKey: key,
        user: 'clerk1',
        at: at(v + 1),
        command: { step },
        decide: move(step),
        reduce,
      });
    const first = await run(s, 1, 'k1', 'notice');
    await run(s, 3, 'k2', 'vote');
    const events = await s.getEvents('C1');
    if (s.backend === 'sqlite') {
      const db = new Database(s.target);
      try {
        unpackCarriedSqlite(db);
      } finally {
        db.close();
      }
    } else await unpackCarriedPg(s.target);
    expect(await carriedRows(s)).toBe(0);

    const again = await t.another();
    expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    // The second event of each of the two requests (two events each) carries both from the first.
    expect(await carriedRows(again)).toBe(2);
    expect(await again.getEvents('C1')).toEqual(events);
    expect(await again.verifyAll({ reduce })).toMatchObject({ ok: true, mac: 'verified', events: 5, problems: [], chainProblems: [] });
    expect(await run(again, 1, 'k1', 'notice')).toEqual({ ...first, replayed: true });
    await run(again, 5, 'k3', 'signed');
    expect(await carriedRows(again)).toBe(3);
    expect(await again.verifyAll({ reduce })).toMatchObject({ ok: true, events: 7, problems: [] });
  });
});
