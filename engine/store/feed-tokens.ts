// Calendar feed tokens on SQLite (migration 5): one per user, known only by its hash, like a
// session's. The interface is types.ts's FeedTokenStore; the rules (who may have a feed, what it
// shows) live in engine/feeds. A token's change and its security event share one transaction.
import type { SqliteStore } from './sqlite-store.ts';
import { UserNotFoundError } from './errors.ts';
import type { FeedTokenStore, SecurityEventInput, UserRecord } from './types.ts';
import { lazyStatements, type SqliteUserStore } from './users.ts';
import * as check from './validate.ts';

export class SqliteFeedTokenStore implements FeedTokenStore {
  private readonly q;

  constructor(
    private readonly store: SqliteStore,
    private readonly users: SqliteUserStore,
  ) {
    const lazy = lazyStatements(store.db);
    this.q = {
      upsert: lazy(`INSERT INTO feed_tokens (user_name, token_hash, created_at) VALUES (?, ?, ?)
        ON CONFLICT (user_name) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`),
      remove: lazy('DELETE FROM feed_tokens WHERE user_name = ?'),
      find: lazy('SELECT user_name, created_at FROM feed_tokens WHERE token_hash = ?'),
    };
  }

  set(user: string, tokenHash: string, at: string, event?: SecurityEventInput): Promise<void> {
    return this.store.write(() => {
      const name = check.text('user', user, 64);
      const hash = check.text('tokenHash', tokenHash, 128);
      const when = check.instant('at', at);
      this.store.db
        .transaction(() => {
          if (!this.users.row(name)) throw new UserNotFoundError(name);
          this.q.upsert().run(name, hash, when);
          if (event) this.store.sealSecurityEvent(event);
        })
        .immediate();
    });
  }

  delete(user: string, event?: SecurityEventInput): Promise<boolean> {
    return this.store.write(() => {
      const name = check.text('user', user, 64);
      return this.store.db
        .transaction(() => {
          if (this.q.remove().run(name).changes === 0) return false;
          if (event) this.store.sealSecurityEvent(event);
          return true;
        })
        .immediate();
    });
  }

  find(tokenHash: string): Promise<{ user: UserRecord; createdAt: string } | undefined> {
    return this.store.read(() => {
      if (typeof tokenHash !== 'string') return undefined;
      const row = this.q.find().get(tokenHash) as { user_name: string; created_at: string } | undefined;
      const user = row && this.users.row(row.user_name);
      if (!row || !user) return undefined;
      const { passwordHash: _p, lastFailedMs: _l, ...record } = user;
      return { user: record, createdAt: row.created_at };
    });
  }
}
