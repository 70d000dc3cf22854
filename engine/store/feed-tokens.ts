// Calendar feed tokens (migration 5): one per user, known only by its hash, like a session's. The
// rules (who may have a feed, what it shows) live in engine/feeds; this module only keeps the SQL
// inside engine/store, beside the users it belongs to (users.ts).
import type Database from 'better-sqlite3';
import { StoreInputError } from './errors.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { Store } from './types.ts';
import { userStore, UserNotFoundError, type UserRecord } from './users.ts';
import * as check from './validate.ts';

export interface FeedTokenStore {
  /** Gives the user this token (hash), replacing the one they had: the old URL stops working. */
  setFeedToken(user: string, tokenHash: string, at: string): void;
  /** Revokes the user's token; false when they had none. */
  deleteFeedToken(user: string): boolean;
  /** The user a token belongs to, or undefined for an unknown (or revoked) token. */
  findFeedToken(tokenHash: string): { user: UserRecord; createdAt: string } | undefined;
}

class SqliteFeedTokenStore implements FeedTokenStore {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly users: ReturnType<typeof userStore>,
  ) {
    const lazy = (sql: string) => {
      let st: Database.Statement | undefined;
      return () => (st ??= db.prepare(sql));
    };
    this.q = {
      upsert: lazy(`INSERT INTO feed_tokens (user_name, token_hash, created_at) VALUES (?, ?, ?)
        ON CONFLICT (user_name) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`),
      remove: lazy('DELETE FROM feed_tokens WHERE user_name = ?'),
      find: lazy('SELECT user_name, created_at FROM feed_tokens WHERE token_hash = ?'),
    };
  }

  setFeedToken(user: string, tokenHash: string, at: string): void {
    const name = check.text('user', user, 64);
    const hash = check.text('tokenHash', tokenHash, 128);
    const when = check.instant('at', at);
    this.db
      .transaction(() => {
        if (!this.users.getUser(name)) throw new UserNotFoundError(name);
        this.q.upsert().run(name, hash, when);
      })
      .immediate();
  }

  deleteFeedToken(user: string): boolean {
    return this.q.remove().run(check.text('user', user, 64)).changes > 0;
  }

  findFeedToken(tokenHash: string): { user: UserRecord; createdAt: string } | undefined {
    if (typeof tokenHash !== 'string') return undefined;
    const row = this.q.find().get(tokenHash) as { user_name: string; created_at: string } | undefined;
    const user = row && this.users.getUser(row.user_name);
    if (!row || !user) return undefined;
    const { passwordHash: _p, lastFailedMs: _l, ...record } = user;
    return { user: record, createdAt: row.created_at };
  }
}

const cache = new WeakMap<Store, FeedTokenStore>();

/** The feed tokens of an open store. */
export function feedTokenStore(store: Store): FeedTokenStore {
  let fs = cache.get(store);
  if (!fs) {
    if (!(store instanceof SqliteStore))
      throw new StoreInputError('store', '不支持的案件库 unsupported store implementation for feed tokens');
    fs = new SqliteFeedTokenStore(store.db, userStore(store));
    cache.set(store, fs);
  }
  return fs;
}
