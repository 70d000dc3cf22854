// The durable case store: one SQLite file holding cases, their hash-chained event logs, the
// command log that makes commands idempotent, contract numbers, security events, and the audit
// chain that seals them all with a MAC whose key lives outside the file (key-file.ts). Nothing else in landflow
// writes SQL; everything goes through this interface (kept narrow so a PostgreSQL store can follow).
import path from 'node:path';
import { SqliteStore, type OpenStoreOptions } from './sqlite-store.ts';
import type { Store } from './types.ts';

export type * from './types.ts';
export type { OpenStoreOptions } from './sqlite-store.ts';
export { canonicalJson, CanonicalJsonError } from './canonical-json.ts';
export { GENESIS_HASH, eventHash, contractNumberText } from './chain.ts';
export { StoreError, ConflictError, NotFoundError, IdempotencyMismatchError, StoreInputError, DatabaseUnreadableError } from './errors.ts';
export { ulidFrom, ulidGenerator } from './ids.ts';
export { LATEST_SCHEMA_VERSION } from './migrations.ts';
export { restoreBackup, BrokenBackupError, type RestoreResult, type RestoreOptions } from './restore.ts';
export { SECURITY_EVENT_TYPES } from './types.ts';
export { resolveKeyFile, defaultKeyFile } from './key-file.ts';
export {
  userStore,
  USER_ROLES,
  UserExistsError,
  UserNotFoundError,
  type UserStore,
  type UserRole,
  type UserRecord,
  type UserWithSecret,
  type NewUser,
  type SessionRecord,
} from './users.ts';

export { feedTokenStore, type FeedTokenStore } from './feed-tokens.ts';

/** Relative to the working directory. */
export const DEFAULT_DB_PATH = 'data/landflow.db';

/** The database file: --db flag, else $LANDFLOW_DB, else data/landflow.db, resolved against cwd. */
export function resolveDbPath(opts: { flag?: string; env?: Record<string, string | undefined>; cwd: string }): string {
  const chosen = opts.flag || opts.env?.LANDFLOW_DB || DEFAULT_DB_PATH;
  return path.resolve(opts.cwd, chosen);
}

/**
 * Opens (creating and migrating unless readonly/mustExist) the store in `file`.
 * Throws DatabaseUnreadableError when the file is missing (readonly/mustExist), not SQLite,
 * not a landflow database, or written by a newer landflow.
 */
export function openStore(file: string, opts: OpenStoreOptions = {}): Store {
  return new SqliteStore(file, opts);
}
