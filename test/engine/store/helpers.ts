// Shared fixtures for the store tests: a fresh temp directory per test and a deterministic store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type CreateCaseInput, type Store } from '../../../engine/store/index.ts';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-store-'));
}

/** Case ids C1, C2, … in creation order: tests name cases exactly. */
export function sequentialIds(): () => string {
  let n = 0;
  return () => `C${++n}`;
}

/** A SQLite store on `file` with sequential ids. */
export function open(file: string): Promise<Store> {
  return openStore(file, { newId: sequentialIds() });
}

export function at(day: number, hour = 9): string {
  return `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
}

export function createInput(over: Partial<CreateCaseInput> = {}): CreateCaseInput {
  return {
    policyId: 'qinzhou-2026',
    policyHash: 'a'.repeat(64),
    procedure: 'exit',
    mode: 'permanent',
    place: { town: '那丽镇', village: '那丽村', group: '第一组' },
    user: 'clerk1',
    at: at(1),
    idempotencyKey: 'create-1',
    initialEvents: [{ type: 'CaseOpened', payload: { household: '张三' } }],
    state: { step: 'opened', count: 1 },
    ...over,
  };
}

/** The reducer the tests' events follow: counts events and remembers the last step. */
export function reduce(state: unknown, e: { type: string; payload: unknown }): unknown {
  const s = (state ?? { count: 0 }) as { count: number };
  const p = e.payload as { step?: string };
  return { step: p && typeof p === 'object' && p.step ? p.step : e.type === 'CaseOpened' ? 'opened' : 'moved', count: s.count + 1 };
}

/** Tampers with a SQLite file through a raw connection (no foreign keys) with every trigger dropped, then puts the triggers back. */
export function tamperSqlite(file: string, fn: (db: Database.Database) => void): void {
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  fn(db);
  for (const t of triggers) db.exec(t.sql);
  db.close();
}
