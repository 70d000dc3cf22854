// Bench: durable commands per second through Store.runCommand, per backend, against the raw client
// (better-sqlite3 / pg) doing the same statements in the same transaction pattern on the same
// schema, in the same process: the idempotency lookup and the case read, the events, the snapshot,
// the case's task rows replaced, the command log, the audit chain's head and its entries — one
// transaction per command, SQLite in WAL with synchronous FULL, PostgreSQL with fsync and
// synchronous commit on. The command is a real one (钦州: the written notice received, five events,
// two timers and their explanations, one task), its rows the size the store writes; what the raw
// side leaves out is the store's own work: checks, canonical JSON, hashes, MACs. Goal: ratio ≥ 0.5.
import Database from 'better-sqlite3';
import pg from 'pg';
import { caseIndex } from '../../engine/cases/service.ts';
import { canonicalJson, type CaseIndex, type Store } from '../../engine/store/index.ts';
import { Runner, household } from '../engine/run/fixtures.ts';
import { benchBackends, stopBenchCluster, type BenchBackend, type BenchDb } from './backends.ts';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 400);
const AT = '2026-01-15T09:00:00.000+08:00';
const H = 'f'.repeat(64);
const HB = Buffer.from(H, 'hex');

/** The command: what the runner answers to receiveWrittenNotice, and the index the service writes with it. */
function command(): { events: { type: string; payload: unknown }[]; state: unknown; index: CaseIndex; opened: unknown } {
  const r = new Runner('qinzhou', 'exit', null, household(), '2026-01-15');
  const opened = r.state;
  const ok = r.ok('2026-01-15', 'receiveWrittenNotice');
  return { events: ok.events, state: ok.state, index: caseIndex(r.wf, ok.state, '2026-01-15'), opened };
}

const CMD = command();
const EVENTS = CMD.events.map((e) => ({ type: e.type, payload: canonicalJson(e.payload) }));
const STATE = canonicalJson(CMD.state);
const TASKS = CMD.index.tasks.map((t) => canonicalJson(t.detail));

async function storeRate(db: BenchDb): Promise<number> {
  const store: Store = await db.open({ newId: () => 'BENCH' });
  try {
    await store.createCase({
      policyId: 'qinzhou',
      policyHash: H,
      procedure: 'exit',
      place: { town: '镇', village: '村', group: '组' },
      user: 'bench',
      at: AT,
      idempotencyKey: 'create',
      initialEvents: [{ type: 'Opened', payload: {} }],
      state: CMD.opened,
    });
    const start = performance.now();
    for (let i = 0; i < COMMANDS; i++) {
      await store.runCommand({
        caseId: 'BENCH',
        expectedVersion: 1 + i * CMD.events.length,
        idempotencyKey: `k${i}`,
        user: 'bench',
        at: AT,
        command: { type: 'receiveWrittenNotice', i },
        decide: () => ({ events: CMD.events, state: CMD.state, index: CMD.index }),
      });
    }
    const rate = (COMMANDS * 1000) / (performance.now() - start);
    if (!(await store.verifyAll()).ok) throw new Error('bench store does not verify');
    return rate;
  } finally {
    await store.close();
  }
}

/** The rows of command i as the raw side writes them (values of the store's sizes, nothing worked out). */
function rawRows(i: number) {
  const from = 1 + i * EVENTS.length;
  return {
    from,
    // Payload and hash as bytes, as the store keeps them (engine/store/packing.ts); deflating is the store's own work.
    events: EVENTS.map((e, k) => ['BENCH', from + k + 1, e.type, Buffer.from(e.payload), 'bench', AT, HB] as const),
    tasks: TASKS.map(
      (d, ord) => ['BENCH', ord, '镇', '村', '组', 'qinzhou', '2026-01-15', null, 'due', 'step', 'label', null, null, d] as const,
    ),
    // The fingerprint as bytes too (migration 16).
    command: [`k${i}`, 'BENCH', HB, from + 1, from + EVENTS.length] as const,
  };
}

async function rawSqliteRate(db: BenchDb): Promise<number> {
  await (await db.open({ newId: () => 'BENCH' })).close(); // the schema
  const d = new Database(db.target);
  d.pragma('journal_mode = WAL');
  d.pragma('synchronous = FULL');
  d.pragma('foreign_keys = ON');
  try {
    d.prepare(
      `INSERT INTO cases (id, policy_id, policy_hash, procedure, mode, town, village, grp, state, version, last_hash, created_at, created_by,
        updated_at, updated_by, status) VALUES ('BENCH', 'qinzhou', ?, 'exit', NULL, '镇', '村', '组', ?, 1, ?, ?, 'bench', ?, 'bench', 'open')`,
    ).run(H, STATE, H, AT, AT);
    const s = {
      command: d.prepare('SELECT case_id, fingerprint, first_seq, last_seq FROM commands WHERE idempotency_key = ?'),
      kase: d.prepare('SELECT * FROM cases WHERE id = ?'),
      event: d.prepare('INSERT INTO events (case_id, seq, type, payload, user, at, hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      update: d.prepare(
        'UPDATE cases SET state = ?, version = ?, last_hash = ?, updated_at = ?, updated_by = ?, status = ? WHERE id = ? AND version = ?',
      ),
      deleteTasks: d.prepare('DELETE FROM case_tasks WHERE case_id = ?'),
      task: d.prepare(
        `INSERT INTO case_tasks (case_id, ord, town, village, grp, policy_id, as_of, valid_through, kind, step, label, due, timer, detail)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertCommand: d.prepare('INSERT INTO commands (idempotency_key, case_id, fingerprint, first_seq, last_seq) VALUES (?, ?, ?, ?, ?)'),
      head: d.prepare('SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1'),
      chain: d.prepare('INSERT INTO audit_chain (gseq, kind, ref, digest, mac) VALUES (?, ?, ?, ?, ?)'),
    };
    const tx = d.transaction((i: number) => {
      const r = rawRows(i);
      s.command.get(r.command[0]);
      s.kase.get('BENCH');
      for (const e of r.events) s.event.run(...e);
      s.update.run(STATE, r.from + EVENTS.length, H, AT, 'bench', 'open', 'BENCH', r.from);
      s.deleteTasks.run('BENCH');
      for (const t of r.tasks) s.task.run(...t);
      s.insertCommand.run(...r.command);
      const head = s.head.get() as { gseq: number } | undefined;
      let g = head?.gseq ?? 0;
      for (const e of r.events) s.chain.run(++g, 'event', `["BENCH",${e[1]}]`, HB, HB);
    });
    const start = performance.now();
    for (let i = 0; i < COMMANDS; i++) tx.immediate(i);
    return (COMMANDS * 1000) / (performance.now() - start);
  } finally {
    d.close();
  }
}

async function rawPgRate(db: BenchDb): Promise<number> {
  await (await db.open({ newId: () => 'BENCH' })).close(); // the schema
  const c = new pg.Client({ connectionString: db.target });
  await c.connect();
  const q = (name: string, text: string, values: unknown[]) => c.query({ name, text, values });
  const col = <T>(rows: readonly (readonly T[])[], k: number) => rows.map((r) => r[k]);
  try {
    await c.query(
      `INSERT INTO cases (id, policy_id, policy_hash, procedure, mode, town, village, grp, state, version, last_hash, created_at, created_by,
        updated_at, updated_by, status) VALUES ('BENCH', 'qinzhou', $1, 'exit', NULL, '镇', '村', '组', $2, 1, $1, $3, 'bench', $3, 'bench', 'open')`,
      [H, STATE, AT],
    );
    const start = performance.now();
    for (let i = 0; i < COMMANDS; i++) {
      const r = rawRows(i);
      await c.query('BEGIN');
      await q('kase', 'SELECT * FROM cases WHERE id = $1 FOR UPDATE', ['BENCH']);
      await q('command', 'SELECT case_id, fingerprint, first_seq, last_seq FROM commands WHERE idempotency_key = $1', [r.command[0]]);
      await q(
        'events',
        `INSERT INTO events (case_id, seq, type, payload, "user", at, hash)
          SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bytea[], $5::text[], $6::text[], $7::bytea[])`,
        [0, 1, 2, 3, 4, 5, 6].map((k) => col(r.events, k)),
      );
      await q(
        'update',
        'UPDATE cases SET state = $1, version = $2, last_hash = $3, updated_at = $4, updated_by = $5, status = $6 WHERE id = $7 AND version = $8',
        [STATE, r.from + EVENTS.length, H, AT, 'bench', 'open', 'BENCH', r.from],
      );
      await q('deleteTasks', 'DELETE FROM case_tasks WHERE case_id = $1', ['BENCH']);
      await q(
        'tasks',
        `INSERT INTO case_tasks (case_id, ord, town, village, grp, policy_id, as_of, valid_through, kind, step, label, due, timer, detail)
          SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
            $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`,
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((k) => col(r.tasks, k)),
      );
      await q(
        'insertCommand',
        `INSERT INTO commands (idempotency_key, case_id, fingerprint, first_seq, last_seq)
          SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::int[], $5::int[])`,
        r.command.map((v) => [v]),
      );
      await q('lock', 'SELECT pg_advisory_xact_lock($1)', [0x6c66_6163]);
      const head = (await q('head', 'SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1', [])).rows[0] as
        { gseq: number } | undefined;
      const g = Number(head?.gseq ?? 0);
      await q(
        'chain',
        `INSERT INTO audit_chain (gseq, kind, ref, digest, mac)
          SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::bytea[])`,
        [
          r.events.map((_, k) => g + k + 1),
          r.events.map(() => 'event'),
          r.events.map((e) => `["BENCH",${e[1]}]`),
          ...[HB, HB].map((h) => r.events.map(() => h)),
        ],
      );
      await c.query('COMMIT');
    }
    return (COMMANDS * 1000) / (performance.now() - start);
  } finally {
    await c.end();
  }
}

async function measure(backend: BenchBackend, f: (db: BenchDb) => Promise<number>): Promise<number> {
  const db = await backend.fresh();
  try {
    return await f(db);
  } finally {
    await db.drop();
  }
}

export const suite = {
  name: `store (${COMMANDS} durable commands per backend, each in its own transaction, vs the raw client's same statements)`,
  async run(): Promise<void> {
    try {
      for (const backend of benchBackends()) {
        const raw = backend.name === 'sqlite' ? rawSqliteRate : rawPgRate;
        // Interleaved three times, best of each: fsync times drift, and both sides should see the same disk.
        let ref = 0;
        let store = 0;
        for (let round = 0; round < 3; round++) {
          ref = Math.max(ref, await measure(backend, raw));
          store = Math.max(store, await measure(backend, storeRate));
        }
        const ratio = store / ref;
        console.log(`${backend.name}: raw client, same statements, 1 transaction each  ${ref.toFixed(0)} /s`);
        console.log(`${backend.name}: store.runCommand, 1 transaction each            ${store.toFixed(0)} /s`);
        console.log(`${backend.name}: ratio ${ratio.toFixed(2)} (goal ≥ 0.5) ${ratio >= 0.5 ? 'ok' : 'BELOW GOAL'}`);
      }
    } finally {
      stopBenchCluster();
    }
  },
};
