// Accounts' rows on SQLite (migration 2, and the lock-out and idle-time columns of a later one):
// users with their password hash and failed-login count, and sessions known only by the hash of
// their token. The interfaces are types.ts's UserStore and SessionStore; the rules (who may do
// what, how passwords are hashed) live in engine/accounts. An account change and the security
// event recording it are written in one transaction (sealSecurityEvent).
import type Database from 'better-sqlite3';
import { checkNewUser, ms, role, toSession, toUser, withSecret, type SessionRow, type UserRow } from './account-rows.ts';
import { LastAdminError, UserExistsError, UserNotFoundError } from './errors.ts';
import type { SqliteStore } from './sqlite-store.ts';
import type {
  AccountEventOf,
  LoginGate,
  NewUser,
  SecurityEventInput,
  SessionRecord,
  SessionStore,
  UserRecord,
  UserRole,
  UserStore,
  UserWithSecret,
} from './types.ts';
import * as check from './validate.ts';

/** Statements prepared on first use, so a read-only store (audit, backup) never prepares a write. */
export function lazyStatements(db: Database.Database) {
  return (sql: string) => {
    let st: Database.Statement | undefined;
    return () => (st ??= db.prepare(sql));
  };
}

export class SqliteUserStore implements UserStore {
  private readonly q;

  constructor(private readonly store: SqliteStore) {
    const lazy = lazyStatements(store.db);
    this.q = {
      insertUser: lazy(`INSERT INTO users (name, role, town, region, password_hash, disabled, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 0, ?, ?)`),
      getUser: lazy('SELECT * FROM users WHERE name = ?'),
      listUsers: lazy('SELECT * FROM users ORDER BY name'),
      setDisabled: lazy('UPDATE users SET disabled = ?, updated_at = ? WHERE name = ?'),
      setPassword: lazy('UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?'),
      countActive: lazy('SELECT count(*) FROM users WHERE role = ? AND disabled = 0'),
      countFailure: lazy('UPDATE users SET failed_logins = failed_logins + 1, last_failed_ms = ? WHERE name = ?'),
      clearFailures: lazy('UPDATE users SET failed_logins = 0, last_failed_ms = NULL WHERE name = ? AND failed_logins <> 0'),
      lock: lazy('UPDATE users SET locked_at = ?, updated_at = ? WHERE name = ? AND locked_at IS NULL'),
      unlock: lazy('UPDATE users SET locked_at = NULL, failed_logins = 0, last_failed_ms = NULL, updated_at = ? WHERE name = ?'),
      deleteUserSessions: lazy('DELETE FROM sessions WHERE user_name = ?'),
    };
  }

  /** The user's row now (in the caller's transaction), or undefined. */
  row(name: string): UserWithSecret | undefined {
    const row = this.q.getUser().get(name) as UserRow | undefined;
    return row && withSecret(row);
  }

  /** Writes the event `eventOf` makes of a change, in the change's transaction. */
  private seal(eventOf: AccountEventOf | undefined, before: UserRecord | null, after: UserRecord): void {
    const e = eventOf?.({ before, after });
    if (e) this.store.sealSecurityEvent(e);
  }

  addUser(input: NewUser, event?: AccountEventOf): Promise<UserRecord> {
    return this.store.write(() => {
      const { name, role: r, town, region, passwordHash: hash, at } = checkNewUser(input);
      return this.store.db
        .transaction(() => {
          if (this.q.getUser().get(name)) throw new UserExistsError(name);
          this.q.insertUser().run(name, r, town, region, hash, at, at);
          const after = toUser(this.q.getUser().get(name) as UserRow);
          this.seal(event, null, after);
          return after;
        })
        .immediate();
    });
  }

  getUser(name: string): Promise<UserWithSecret | undefined> {
    return this.store.read(() => (typeof name === 'string' ? this.row(name) : undefined));
  }

  listUsers(): Promise<UserRecord[]> {
    return this.store.read(() => (this.q.listUsers().all() as UserRow[]).map(toUser));
  }

  private update(
    name: string,
    at: string,
    change: (before: UserRow) => void,
    endSessions: boolean,
    event: AccountEventOf | undefined,
  ): Promise<UserRecord> {
    return this.store.write(() => {
      check.instant('at', at);
      return this.store.db
        .transaction(() => {
          const before = this.q.getUser().get(name) as UserRow | undefined;
          if (!before) throw new UserNotFoundError(name);
          change(before);
          if (endSessions) this.q.deleteUserSessions().run(name);
          const after = toUser(this.q.getUser().get(name) as UserRow);
          this.seal(event, toUser(before), after);
          return after;
        })
        .immediate();
    });
  }

  setDisabled(
    name: string,
    disabled: boolean,
    at: string,
    event?: AccountEventOf,
    opts: { keepAdmin?: boolean } = {},
  ): Promise<UserRecord> {
    const change = (before: UserRow) => {
      // In the write transaction (SQLite has one writer): nobody disables another admin meanwhile.
      const lastAdmin = before.role === 'admin' && !before.disabled && (this.q.countActive().pluck().get('admin') as number) <= 1;
      if (opts.keepAdmin && disabled && lastAdmin) throw new LastAdminError(name);
      this.q.setDisabled().run(disabled ? 1 : 0, at, name);
    };
    return this.update(name, at, change, disabled, event);
  }

  setPassword(name: string, passwordHash: string, at: string, event?: AccountEventOf): Promise<UserRecord> {
    return this.update(name, at, () => this.q.setPassword().run(check.text('passwordHash', passwordHash, 500), at, name), true, event);
  }

  countActive(r: UserRole): Promise<number> {
    return this.store.read(() => this.q.countActive().pluck().get(role(r)) as number);
  }

  claimLoginAttempt(name: string, nowMs: number, gate: LoginGate): Promise<{ user: UserWithSecret; claimed: boolean } | undefined> {
    return this.store.write(() => {
      if (typeof name !== 'string') return undefined;
      const now = ms('nowMs', nowMs);
      return this.store.db
        .transaction(() => {
          const user = this.row(name);
          if (!user) return undefined;
          if (!gate(user)) return { user, claimed: false };
          this.q.countFailure().run(now, name);
          return { user: this.row(name)!, claimed: true };
        })
        .immediate();
    });
  }

  clearLoginFailures(name: string): Promise<void> {
    return this.store.write(() => {
      this.q.clearFailures().run(name);
    });
  }

  lockUser(name: string, at: string, event?: AccountEventOf): Promise<UserRecord> {
    return this.update(name, at, () => this.q.lock().run(at, at, name), false, event);
  }

  unlockUser(name: string, at: string, event?: AccountEventOf): Promise<UserRecord> {
    return this.update(name, at, () => this.q.unlock().run(at, name), false, event);
  }
}

export class SqliteSessionStore implements SessionStore {
  private readonly q;

  constructor(private readonly store: SqliteStore) {
    const lazy = lazyStatements(store.db);
    this.q = {
      insert: lazy('INSERT INTO sessions (token_hash, user_name, created_ms, expires_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)'),
      get: lazy('SELECT token_hash, user_name, created_ms, expires_ms, last_seen_ms FROM sessions WHERE token_hash = ?'),
      find: lazy(`SELECT s.token_hash, s.user_name, s.created_ms, s.expires_ms, s.last_seen_ms, u.*
        FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = ?`),
      touch: lazy('UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ? AND last_seen_ms < ?'),
      delete: lazy('DELETE FROM sessions WHERE token_hash = ?'),
      deleteExpired: lazy('DELETE FROM sessions WHERE expires_ms <= ? OR last_seen_ms <= ?'),
    };
  }

  create(s: Omit<SessionRecord, 'lastSeenMs'>, event?: SecurityEventInput): Promise<void> {
    return this.store.write(() => {
      const tokenHash = check.text('tokenHash', s.tokenHash, 128);
      const user = check.text('user', s.user, 64);
      const created = ms('createdMs', s.createdMs);
      const expires = ms('expiresMs', s.expiresMs);
      this.store.db
        .transaction(() => {
          this.q.insert().run(tokenHash, user, created, expires, created);
          if (event) this.store.sealSecurityEvent(event);
        })
        .immediate();
    });
  }

  find(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    return this.store.read(() => {
      const row = this.q.find().get(tokenHash) as (SessionRow & UserRow) | undefined;
      return row && { session: toSession(row), user: toUser(row) };
    });
  }

  touch(tokenHash: string, nowMs: number): Promise<void> {
    return this.store.write(() => {
      const now = ms('nowMs', nowMs);
      // Never backwards: two requests racing leave the later time.
      this.q.touch().run(now, tokenHash, now);
    });
  }

  delete(tokenHash: string, event?: (ended: SessionRecord) => SecurityEventInput | null): Promise<boolean> {
    return this.store.write(() =>
      this.store.db
        .transaction(() => {
          const row = this.q.get().get(tokenHash) as SessionRow | undefined;
          if (!row) return false;
          this.q.delete().run(tokenHash);
          const e = event?.(toSession(row));
          if (e) this.store.sealSecurityEvent(e);
          return true;
        })
        .immediate(),
    );
  }

  deleteExpired(expiredBeforeMs: number, idleBeforeMs: number): Promise<number> {
    return this.store.write(() => this.q.deleteExpired().run(expiredBeforeMs, idleBeforeMs).changes);
  }
}
