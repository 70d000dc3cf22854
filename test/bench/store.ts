// Bench: the case store. Durable commands per second through runCommand (one IMMEDIATE
// transaction each: idempotency lookup, version check, decide, hash, event insert, snapshot update,
// command log), against raw better-sqlite3 inserts of an event-sized row with the same pattern
// (one transaction per insert, WAL, synchronous FULL) in the same process. Goal: ratio ≥ 0.5.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../engine/store/index.ts';

const N = 2000;
const AT = '2026-03-01T09:00:00+08:00';

function rawRate(file: string): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (case_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, user TEXT NOT NULL, at TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)) WITHOUT ROWID',
  );
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const h = 'f'.repeat(64);
  const tx = db.transaction((i: number) => insert.run('BENCH', i, 'Tick', `{"i":${i}}`, 'bench', AT, h, h));
  const start = performance.now();
  for (let i = 1; i <= N; i++) tx.immediate(i);
  const rate = (N * 1000) / (performance.now() - start);
  db.close();
  return rate;
}

async function storeRate(file: string): Promise<number> {
  const store = await openStore(file, { newId: () => 'BENCH' });
  await store.createCase({
    policyId: 'bench',
    policyHash: 'h',
    procedure: 'exit',
    place: { town: '镇', village: '村', group: '组' },
    user: 'bench',
    at: AT,
    idempotencyKey: 'create',
    initialEvents: [{ type: 'Opened', payload: {} }],
    state: { n: 1 },
  });
  const start = performance.now();
  for (let i = 1; i <= N; i++) {
    await store.runCommand({
      caseId: 'BENCH',
      expectedVersion: i,
      idempotencyKey: `k${i}`,
      user: 'bench',
      at: AT,
      decide: () => ({ events: [{ type: 'Tick', payload: { i } }], state: { n: i + 1 } }),
    });
  }
  const rate = (N * 1000) / (performance.now() - start);
  if (!(await store.verifyAll()).ok) throw new Error('bench store does not verify');
  await store.close();
  return rate;
}

export const suite = {
  name: `store (${N} durable commands, WAL + synchronous FULL)`,
  async run(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-bench-store-'));
    try {
      // Interleaved twice, best of each: fsync times drift, and both sides should see the same disk.
      let raw = 0;
      let store = 0;
      for (const round of [1, 2]) {
        raw = Math.max(raw, rawRate(path.join(dir, `raw${round}.db`)));
        store = Math.max(store, await storeRate(path.join(dir, `store${round}.db`)));
      }
      const ratio = store / raw;
      console.log(`reference: raw better-sqlite3 insert, 1 transaction each  ${raw.toFixed(0)} /s`);
      console.log(`store.runCommand, 1 transaction each                      ${store.toFixed(0)} /s`);
      console.log(`ratio ${ratio.toFixed(2)} (goal ≥ 0.5) ${ratio >= 0.5 ? 'ok' : 'BELOW GOAL'}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
