// The PostgreSQL store (issue 17). Until it lands, a postgres:// target is refused with a clear
// message rather than mistaken for a file name.
import { StoreError } from '../errors.ts';
import { redactTarget } from '../db-target.ts';
import type { OpenStoreOptions, Store } from '../types.ts';

export function openPgStore(url: string, _opts: OpenStoreOptions): Promise<Store> {
  return Promise.reject(
    new StoreError(
      'PG_UNAVAILABLE',
      `此版本尚不支持 PostgreSQL 案件库 this landflow cannot open a PostgreSQL store yet: ${redactTarget(url)} (use a SQLite file path)`,
    ),
  );
}
