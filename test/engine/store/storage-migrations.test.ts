// Migrations 9, 10 and 12 on a database with cases from before, on both backends: the copies they
// drop (an idempotency record's answer, an event's previous hash) come back the same from what
// stays, SQLite's snapshots are packed and read the same, every event keeps its hash, and the
// chains, MACs and snapshots verify as before.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  LATEST_SCHEMA_VERSION,
  type CaseRecord,
  type DecideTools,
  type Decision,
  type Store,
} from '../../../engine/store/index.ts';
import { stateJsonOf } from '../../../engine/store/sqlite-state.ts';
import { pgQuery } from '../../helpers/postgres.ts';
import { BACKENDS, type TestDb } from './backends.ts';
import { at, createInput, reduce } from './helpers.ts';

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

    // Back to schema 8: the columns as an older landflow wrote them (a result, a previous hash).
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
      for (const r of rows) db.prepare('UPDATE cases SET state = ? WHERE id = ?').run(stateJsonOf(r.state), r.id);
      expect(db.prepare("SELECT count(*) FROM cases WHERE typeof(state) = 'text'").pluck().get()).toBe(2);
      db.close();
    }

    const again = await t.another();
    expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(await columns(again, 'events')).toEqual(['case_id', 'seq', 'type', 'payload', 'user', 'at', 'hash']);
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
