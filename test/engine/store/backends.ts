// The store backends the store's semantic tests run against: every test of what a Store promises
// (cases, commands, idempotency, contract numbers, security events, accounts, sessions, feed
// tokens) runs once per entry, `describe.each(BACKENDS)('$name', (backend) => …)`. Tests of how
// SQLite keeps it (its file, pragmas, triggers, tampering with rows) stay SQLite-only beside them.
//
// PostgreSQL: each open() is a fresh database on the run's throwaway cluster
// (test/helpers/postgres.ts), its audit key in a temporary folder shared by every store opened on
// it; without PostgreSQL its tests fail with the message naming the apt package.
import fs from 'node:fs';
import path from 'node:path';
import { openStore, type OpenStoreOptions, type Store, type StoreBackend } from '../../../engine/store/index.ts';
import { pgTestDatabase } from '../../helpers/postgres.ts';
import { sequentialIds, tempDir } from './helpers.ts';

export interface TestDb {
  /** The store, its case ids C1, C2, … in creation order. */
  store: Store;
  /** Another store on the same database, as a second process or server instance opens it. */
  another(opts?: OpenStoreOptions): Promise<Store>;
  /** Closes every store it opened and removes the database. */
  cleanup(): Promise<void>;
}

export interface Backend {
  name: StoreBackend;
  /** A fresh, empty database. */
  open(): Promise<TestDb>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = tempDir();
    const file = path.join(dir, 'cases.db');
    const opened: Store[] = [await openStore(file, { newId: sequentialIds() })];
    return {
      store: opened[0]!,
      async another(opts = {}) {
        const s = await openStore(file, opts);
        opened.push(s);
        return s;
      },
      async cleanup() {
        for (const s of opened) await s.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async open() {
    const db = await pgTestDatabase();
    const dir = tempDir();
    const keyFile = path.join(dir, 'landflow.key');
    const opened: Store[] = [await openStore(db.url, { keyFile, newId: sequentialIds() })];
    return {
      store: opened[0]!,
      async another(opts = {}) {
        const s = await openStore(db.url, { keyFile, ...opts });
        opened.push(s);
        return s;
      },
      async cleanup() {
        for (const s of opened) await s.close();
        await db.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];
