// Accounts, sessions and feed tokens on PostgreSQL, with the SQLite store's semantics
// (engine/store/users.ts, feed-tokens.ts): the rows and checks are ../account-rows.ts's; an account
// change and the security event recording it share one transaction (PgStore.sealSecurityEvent).
// A change locks the user's row first (SELECT … FOR UPDATE), so concurrent changes and login
// attempts on any instance are counted one after the other, as SQLite's single writer does.
import type pg from 'pg';
import { checkNewUser, ms, role, toSession, toUser, withSecret, type SessionRow, type UserRow } from '../account-rows.ts';
import { LastAdminError, UserExistsError, UserNotFoundError } from '../errors.ts';
import type {
  AccountEventOf,
  FeedTokenStore,
  LoginGate,
  NewUser,
  SecurityEventInput,
  SessionRecord,
  SessionStore,
  UserRecord,
  UserRole,
  UserStore,
  UserWithSecret,
} from '../types.ts';
import * as check from '../validate.ts';
import { all, holdsNul, one, type Conn } from './connection.ts';
import type { PgStore } from './store.ts';

const getUser = async (c: Conn, name: string, lock = false) =>
  holdsNul(name)
    ? undefined
    : one<UserRow>(c, `SELECT * FROM users WHERE name = $1${lock ? ' FOR UPDATE' : ''}`, [name], lock ? 'lf_user_lock' : 'lf_user_get');

export class PgUserStore implements UserStore {
  constructor(private readonly store: PgStore) {}

  /** Writes the event `eventOf` makes of a change, in the change's transaction. */
  private async seal(c: pg.PoolClient, eventOf: AccountEventOf | undefined, before: UserRecord | null, after: UserRecord): Promise<void> {
    const e = eventOf?.({ before, after });
    if (e) await this.store.sealSecurityEvent(c, e);
  }

  addUser(input: NewUser, event?: AccountEventOf): Promise<UserRecord> {
    return this.store.write(async () => {
      const u = checkNewUser(input);
      return this.store.transaction(async (c) => {
        if (await getUser(c, u.name)) throw new UserExistsError(u.name);
        // Two instances adding one name: the second waits on the primary key, then tries again and reads it (UserExistsError).
        await c.query(
          `INSERT INTO users (name, role, town, region, password_hash, disabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $6)`,
          [u.name, u.role, u.town, u.region, u.passwordHash, u.at],
        );
        const after = toUser((await getUser(c, u.name))!);
        await this.seal(c, event, null, after);
        return after;
      });
    });
  }

  async getUser(name: string): Promise<UserWithSecret | undefined> {
    if (typeof name !== 'string') return undefined;
    const row = await getUser(this.store.conn, name);
    return row && withSecret(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await all<UserRow>(this.store.conn, 'SELECT * FROM users ORDER BY name')).map(toUser);
  }

  private update(
    name: string,
    at: string,
    change: (c: pg.PoolClient) => Promise<unknown>,
    endSessions: boolean,
    event: AccountEventOf | undefined,
    first?: (c: pg.PoolClient) => Promise<void>,
  ): Promise<UserRecord> {
    return this.store.write(async () => {
      check.instant('at', at);
      return this.store.transaction(async (c) => {
        await first?.(c);
        const before = await getUser(c, name, true);
        if (!before) throw new UserNotFoundError(name);
        await change(c);
        if (endSessions) await c.query('DELETE FROM sessions WHERE user_name = $1', [name]);
        const after = toUser((await getUser(c, name))!);
        await this.seal(c, event, toUser(before), after);
        return after;
      });
    });
  }

  setDisabled(
    name: string,
    disabled: boolean,
    at: string,
    event?: AccountEventOf,
    opts: { keepAdmin?: boolean } = {},
  ): Promise<UserRecord> {
    // Locks every active admin's row (in name order, before the user's own: no deadlock between
    // two such changes) until COMMIT; a change waiting on a lock reads the rows again once it is
    // released, so it sees the admin the other one disabled.
    const keepAnAdmin = async (c: pg.PoolClient) => {
      const active = await all<{ name: string }>(
        c,
        "SELECT name FROM users WHERE role = 'admin' AND disabled = 0 ORDER BY name FOR UPDATE",
      );
      if (active.length <= 1 && active.some((a) => a.name === name)) throw new LastAdminError(name);
    };
    return this.update(
      name,
      at,
      (c) => c.query('UPDATE users SET disabled = $1, updated_at = $2 WHERE name = $3', [disabled ? 1 : 0, at, name]),
      disabled,
      event,
      opts.keepAdmin && disabled ? keepAnAdmin : undefined,
    );
  }

  setPassword(name: string, passwordHash: string, at: string, event?: AccountEventOf): Promise<UserRecord> {
    return this.update(
      name,
      at,
      (c) =>
        c.query('UPDATE users SET password_hash = $1, updated_at = $2 WHERE name = $3', [
          check.text('passwordHash', passwordHash, 500),
          at,
          name,
        ]),
      true,
      event,
    );
  }

  async countActive(r: UserRole): Promise<number> {
    const n = await one<{ n: number }>(this.store.conn, 'SELECT count(*) AS n FROM users WHERE role = $1 AND disabled = 0', [role(r)]);
    return n!.n;
  }

  claimLoginAttempt(name: string, nowMs: number, gate: LoginGate): Promise<{ user: UserWithSecret; claimed: boolean } | undefined> {
    return this.store.write(async () => {
      if (typeof name !== 'string') return undefined;
      const now = ms('nowMs', nowMs);
      return this.store.transaction(async (c) => {
        const row = await getUser(c, name, true);
        if (!row) return undefined;
        const user = withSecret(row);
        if (!gate(user)) return { user, claimed: false };
        await c.query('UPDATE users SET failed_logins = failed_logins + 1, last_failed_ms = $1 WHERE name = $2', [now, name]);
        return { user: withSecret((await getUser(c, name))!), claimed: true };
      });
    });
  }

  clearLoginFailures(name: string): Promise<void> {
    return this.store.write(async () => {
      if (holdsNul(name)) return;
      await this.store.conn.query('UPDATE users SET failed_logins = 0, last_failed_ms = NULL WHERE name = $1 AND failed_logins <> 0', [
        name,
      ]);
    });
  }

  lockUser(name: string, at: string, event?: AccountEventOf): Promise<UserRecord> {
    return this.update(
      name,
      at,
      (c) => c.query('UPDATE users SET locked_at = $1, updated_at = $1 WHERE name = $2 AND locked_at IS NULL', [at, name]),
      false,
      event,
    );
  }

  unlockUser(name: string, at: string, event?: AccountEventOf): Promise<UserRecord> {
    return this.update(
      name,
      at,
      (c) =>
        c.query('UPDATE users SET locked_at = NULL, failed_logins = 0, last_failed_ms = NULL, updated_at = $1 WHERE name = $2', [at, name]),
      false,
      event,
    );
  }
}

export class PgSessionStore implements SessionStore {
  constructor(private readonly store: PgStore) {}

  create(s: Omit<SessionRecord, 'lastSeenMs'>, event?: SecurityEventInput): Promise<void> {
    return this.store.write(async () => {
      const tokenHash = check.text('tokenHash', s.tokenHash, 128);
      const user = check.text('user', s.user, 64);
      const created = ms('createdMs', s.createdMs);
      const expires = ms('expiresMs', s.expiresMs);
      await this.store.transaction(async (c) => {
        await c.query('INSERT INTO sessions (token_hash, user_name, created_ms, expires_ms, last_seen_ms) VALUES ($1, $2, $3, $4, $3)', [
          tokenHash,
          user,
          created,
          expires,
        ]);
        if (event) await this.store.sealSecurityEvent(c, event);
      });
    });
  }

  async find(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    if (typeof tokenHash !== 'string' || holdsNul(tokenHash)) return undefined;
    const row = await one<SessionRow & UserRow>(
      this.store.conn,
      `SELECT s.token_hash, s.user_name, s.created_ms, s.expires_ms, s.last_seen_ms, u.*
        FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = $1`,
      [tokenHash],
      'lf_session_find',
    );
    return row && { session: toSession(row), user: toUser(row) };
  }

  touch(tokenHash: string, nowMs: number): Promise<void> {
    return this.store.write(async () => {
      const now = ms('nowMs', nowMs);
      if (holdsNul(tokenHash)) return;
      // Never backwards: two requests racing (on any instance) leave the later time.
      await this.store.conn.query({
        name: 'lf_session_touch',
        text: 'UPDATE sessions SET last_seen_ms = $1 WHERE token_hash = $2 AND last_seen_ms < $1',
        values: [now, tokenHash],
      });
    });
  }

  delete(tokenHash: string, event?: (ended: SessionRecord) => SecurityEventInput | null): Promise<boolean> {
    return this.store.write(async () => {
      if (holdsNul(tokenHash)) return false;
      return this.store.transaction(async (c) => {
        const row = await one<SessionRow>(
          c,
          'DELETE FROM sessions WHERE token_hash = $1 RETURNING token_hash, user_name, created_ms, expires_ms, last_seen_ms',
          [tokenHash],
        );
        if (!row) return false;
        const e = event?.(toSession(row));
        if (e) await this.store.sealSecurityEvent(c, e);
        return true;
      });
    });
  }

  deleteExpired(expiredBeforeMs: number, idleBeforeMs: number): Promise<number> {
    return this.store.write(async () => {
      const r = await this.store.conn.query('DELETE FROM sessions WHERE expires_ms <= $1 OR last_seen_ms <= $2', [
        expiredBeforeMs,
        idleBeforeMs,
      ]);
      return r.rowCount ?? 0;
    });
  }
}

export class PgFeedTokenStore implements FeedTokenStore {
  constructor(private readonly store: PgStore) {}

  set(user: string, tokenHash: string, at: string, event?: SecurityEventInput): Promise<void> {
    return this.store.write(async () => {
      const name = check.text('user', user, 64);
      const hash = check.text('tokenHash', tokenHash, 128);
      const when = check.instant('at', at);
      await this.store.transaction(async (c) => {
        if (!(await getUser(c, name))) throw new UserNotFoundError(name);
        await c.query(
          `INSERT INTO feed_tokens (user_name, token_hash, created_at) VALUES ($1, $2, $3)
            ON CONFLICT (user_name) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
          [name, hash, when],
        );
        if (event) await this.store.sealSecurityEvent(c, event);
      });
    });
  }

  delete(user: string, event?: SecurityEventInput): Promise<boolean> {
    return this.store.write(async () => {
      const name = check.text('user', user, 64);
      return this.store.transaction(async (c) => {
        const r = await c.query('DELETE FROM feed_tokens WHERE user_name = $1', [name]);
        if (!r.rowCount) return false;
        if (event) await this.store.sealSecurityEvent(c, event);
        return true;
      });
    });
  }

  async find(tokenHash: string): Promise<{ user: UserRecord; createdAt: string } | undefined> {
    if (typeof tokenHash !== 'string' || holdsNul(tokenHash)) return undefined;
    const row = await one<UserRow & { token_created_at: string }>(
      this.store.conn,
      'SELECT u.*, f.created_at AS token_created_at FROM feed_tokens f JOIN users u ON u.name = f.user_name WHERE f.token_hash = $1',
      [tokenHash],
      'lf_feed_find',
    );
    return row && { user: toUser(row), createdAt: row.token_created_at };
  }
}
