// The durable case store: cases, their hash-chained event logs, the command log that makes
// commands idempotent, contract numbers, accounts, sessions, feed tokens, security events, and
// the audit chain that seals them with a MAC whose key lives outside the database (key-file.ts).
// Two backends with the same semantics behind one asynchronous interface (types.ts): one SQLite
// file (sqlite-store.ts, the default) or a PostgreSQL database (pg/). Nothing else in landflow
// writes SQL; everything goes through this interface.
import { isPostgresUrl } from './db-target.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { OpenStoreOptions, Store } from './types.ts';

export type * from './types.ts';
export { canonicalJson, CanonicalJsonError } from './canonical-json.ts';
export { GENESIS_HASH, eventHash, contractNumberText } from './chain.ts';
export {
  StoreError,
  ConflictError,
  NotFoundError,
  IdempotencyMismatchError,
  StoreInputError,
  DatabaseUnreadableError,
  UserExistsError,
  UserNotFoundError,
  LastAdminError,
} from './errors.ts';
export { ulidFrom, ulidGenerator } from './ids.ts';
export { isCaseId } from './validate.ts';
export { LATEST_SCHEMA_VERSION } from './migrations.ts';
export { restoreBackup, BrokenBackupError, type RestoreResult, type RestoreOptions } from './restore.ts';
export { SECURITY_EVENT_TYPES, USER_ROLES } from './types.ts';
export { resolveKeyFile, defaultKeyFile } from './key-file.ts';
export { DEFAULT_DB_PATH, isPostgresUrl, localDataDir, redactTarget, resolveDbTarget } from './db-target.ts';

/**
 * Opens the store `target` names (resolveDbTarget): a postgres:// or postgresql:// URL is a
 * PostgreSQL database, anything else a SQLite file. Creates and migrates it unless readonly or
 * mustExist. Throws DatabaseUnreadableError when it is missing (readonly/mustExist), not a
 * landflow database, or written by a newer landflow.
 */
export async function openStore(target: string, opts: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(target)) {
    // Loaded only when asked for: a SQLite deployment never loads the PostgreSQL client.
    const { openPgStore } = await import('./pg/index.ts');
    return openPgStore(target, opts);
  }
  return new SqliteStore(target, opts);
}
