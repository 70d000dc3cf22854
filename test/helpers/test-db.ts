// The database the server, accounts, cases and feeds HTTP tests build their apps on: a SQLite file
// (the default), or with LANDFLOW_TEST_BACKEND=postgres a fresh database on the run's throwaway
// PostgreSQL cluster (test/helpers/postgres.ts). vitest.config.ts's `integration-postgres` project
// runs those test files again with that variable, so each test of the product over HTTP holds on
// both backends without a second copy of the file. A test about SQLite's file itself (paths,
// pragmas, a .db backup) says so with `sqliteOnly` and runs in the SQLite project only.
import path from 'node:path';
import { it } from 'vitest';
import { openStore, type OpenStoreOptions, type Store, type StoreBackend } from '../../engine/store/index.ts';
import { pgTestDatabase } from './postgres.ts';

function chosenBackend(): StoreBackend {
  const v = process.env.LANDFLOW_TEST_BACKEND;
  if (v === undefined || v === '' || v === 'sqlite') return 'sqlite';
  if (v === 'postgres') return 'postgres';
  throw new Error(`LANDFLOW_TEST_BACKEND must be sqlite or postgres, not ${JSON.stringify(v)}`);
}

/** The backend this test run's apps are on. */
export const TEST_BACKEND: StoreBackend = chosenBackend();

/** `it` for a test of SQLite's own file (skipped, visibly, in the PostgreSQL project, which runs everything else of the file). */
export const sqliteOnly = TEST_BACKEND === 'sqlite' ? it : it.skip;

export interface TestDatabase {
  backend: StoreBackend;
  /** The file path or the URL, as `--db` and LANDFLOW_DB take it. */
  target: string;
  /** The audit key file every store on this database opens with. */
  keyFile: string;
  /** Another store on this database (as another process or instance opens it). */
  open(opts?: OpenStoreOptions): Promise<Store>;
  /** Removes the database (PostgreSQL; a SQLite file goes with its folder). */
  drop(): Promise<void>;
}

/** A new, empty database of TEST_BACKEND; what it keeps on disk (the file, the key) goes into `dir`. */
export async function testDatabase(dir: string, name = 'landflow.db'): Promise<TestDatabase> {
  if (TEST_BACKEND === 'sqlite') {
    const target = path.join(dir, name);
    const keyFile = `${target}.key`;
    return { backend: 'sqlite', target, keyFile, open: (opts = {}) => openStore(target, { keyFile, ...opts }), drop: async () => {} };
  }
  const db = await pgTestDatabase({ migrated: true });
  const keyFile = path.join(dir, `${name}.key`);
  return { backend: 'postgres', target: db.url, keyFile, open: (opts = {}) => openStore(db.url, { keyFile, ...opts }), drop: db.drop };
}

/**
 * A store on a new database of TEST_BACKEND whose close() also drops that database, so the tests
 * that close their store (and remove `dir`) leave nothing behind on either backend.
 */
export async function openTestStore(dir: string, name = 'landflow.db', opts: OpenStoreOptions = {}): Promise<Store> {
  const db = await testDatabase(dir, name);
  const store = await db.open(opts);
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      await db.drop();
    },
  });
}
