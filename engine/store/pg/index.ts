// The PostgreSQL store (issue 17): the SQLite store's semantics for several landflow instances on
// one shared database. openStore (../index.ts) loads this module only for a postgres:// or
// postgresql:// target, so a SQLite deployment never loads the PostgreSQL client.
import type { OpenStoreOptions, Store } from '../types.ts';
import { PgStore } from './store.ts';

/**
 * Connects to `url`, creates landflow's tables in an empty database (unless readonly or
 * mustExist) and migrates them, and claims the database for the audit key (default
 * data/landflow.key under the working directory, or opts.keyFile: key-file.ts). Throws
 * DatabaseUnreadableError when the server cannot be reached, the database is not landflow's, or
 * the key is missing or not the one that sealed it.
 */
export function openPgStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  return PgStore.open(url, opts);
}
