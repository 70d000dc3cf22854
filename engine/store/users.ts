// Accounts' rows (migration 2, and the lock-out and idle-time columns of a later one): users with
// their password hash and failed-login count, and sessions known only by the hash of their token. The rules (who may do what, how passwords are hashed) live in
// engine/accounts; this module only keeps the SQL inside engine/store.
import type Database from 'better-sqlite3';
import { StoreError, StoreInputError } from './errors.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { Store } from './types.ts';
import * as check from './validate.ts';

export type UserRole = 'admin' | 'officer' | 'clerk' | 'researcher';
export const USER_ROLES: readonly UserRole[] = ['admin', 'officer', 'clerk', 'researcher'];

export interface UserRecord {
  name: string;
  role: UserRole;
  town: string | null;
  region: string | null;
  disabled: boolean;
  /** Failed logins since the last successful one or the last unlock. */
  failedLogins: number;
  /** Set when failedLogins reached the lock-out threshold; only an admin's unlock clears it. */
  lockedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserWithSecret extends UserRecord {
  passwordHash: string;
  /** When the last failed login was counted (milliseconds), for the back-off between attempts. */
  lastFailedMs: number | null;
}

/** What a login attempt may see of the account before it is counted: see claimLoginAttempt. */
export type LoginGate = (user: UserWithSecret) => boolean;

export interface NewUser {
  name: string;
  role: UserRole;
  town?: string | null;
  region?: string | null;
  passwordHash: string;
  at: string;
}

export interface SessionRecord {
  tokenHash: string;
  user: string;
  createdMs: number;
  expiresMs: number;
  /** The last request seen on this session (updated at most about once a minute). */
  lastSeenMs: number;
}

export class UserExistsError extends StoreError {
  constructor(readonly userName: string) {
    super('USER_EXISTS', `用户已存在 user already exists: ${userName}`);
  }
}

export class UserNotFoundError extends StoreError {
  constructor(readonly userName: string) {
    super('USER_NOT_FOUND', `用户不存在 no such user: ${userName}`);
  }
}

export interface UserStore {
  addUser(input: NewUser): UserRecord;
  getUser(name: string): UserWithSecret | undefined;
  listUsers(): UserRecord[];
  /** Disabling also ends every session of the user. */
  setDisabled(name: string, disabled: boolean, at: string): UserRecord;
  /** A new password ends every session of the user. */
  setPassword(name: string, passwordHash: string, at: string): UserRecord;
  /** Users with this role that are not disabled. */
  countActive(role: UserRole): number;
  /**
   * One transaction: reads the user, asks `gate` whether this attempt may be tried, and if so
   * counts it as a failure right away (cleared by clearLoginFailures when the password was right),
   * so concurrent attempts cannot all slip in under the same count. undefined: no such user.
   */
  claimLoginAttempt(name: string, nowMs: number, gate: LoginGate): { user: UserWithSecret; claimed: boolean } | undefined;
  clearLoginFailures(name: string): void;
  /** Refuses logins until unlockUser; open sessions stay (the lock stops guessing, not the owner). */
  lockUser(name: string, at: string): UserRecord;
  /** Clears the lock and the failure count. */
  unlockUser(name: string, at: string): UserRecord;
  createSession(session: Omit<SessionRecord, 'lastSeenMs'>): void;
  /** The session and its user, or undefined when unknown; whether it is still live is the caller's rule. */
  findSession(tokenHash: string): { session: SessionRecord; user: UserRecord } | undefined;
  /** Records activity on a session. */
  touchSession(tokenHash: string, nowMs: number): void;
  deleteSession(tokenHash: string): boolean;
  /** Deletes sessions that expired before `expiredBeforeMs` or were last seen before `idleBeforeMs`. */
  deleteExpiredSessions(expiredBeforeMs: number, idleBeforeMs: number): number;
}

interface UserRow {
  name: string;
  role: UserRole;
  town: string | null;
  region: string | null;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  last_failed_ms: number | null;
  locked_at: string | null;
  created_at: string;
  updated_at: string;
}

interface SessionRow {
  token_hash: string;
  user_name: string;
  created_ms: number;
  expires_ms: number;
  last_seen_ms: number;
}

function toUser(row: UserRow): UserRecord {
  return {
    name: row.name,
    role: row.role,
    town: row.town,
    region: row.region,
    disabled: row.disabled !== 0,
    failedLogins: row.failed_logins,
    lockedAt: row.locked_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function role(v: unknown): UserRole {
  if (!USER_ROLES.includes(v as UserRole)) {
    throw new StoreInputError('role', `必须是 must be one of ${USER_ROLES.join(' | ')} (got ${JSON.stringify(v)})`);
  }
  return v as UserRole;
}

function optionalText(field: string, v: unknown): string | null {
  return v === undefined || v === null ? null : check.text(field, v, 100);
}

function withSecret(row: UserRow): UserWithSecret {
  return { ...toUser(row), passwordHash: row.password_hash, lastFailedMs: row.last_failed_ms };
}

function ms(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new StoreInputError(field, '必须是非负整数毫秒 must be non-negative integer milliseconds');
  return v;
}

class SqliteUserStore implements UserStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    // Prepared on first use, so a read-only store (audit, backup) never prepares a write.
    const lazy = (sql: string) => {
      let st: Database.Statement | undefined;
      return () => (st ??= db.prepare(sql));
    };
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
      insertSession: lazy('INSERT INTO sessions (token_hash, user_name, created_ms, expires_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)'),
      findSession: lazy(`SELECT s.token_hash, s.user_name, s.created_ms, s.expires_ms, s.last_seen_ms, u.*
        FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = ?`),
      touchSession: lazy('UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ? AND last_seen_ms < ?'),
      deleteSession: lazy('DELETE FROM sessions WHERE token_hash = ?'),
      deleteUserSessions: lazy('DELETE FROM sessions WHERE user_name = ?'),
      deleteExpired: lazy('DELETE FROM sessions WHERE expires_ms <= ? OR last_seen_ms <= ?'),
    };
  }

  addUser(input: NewUser): UserRecord {
    const name = check.text('name', input.name, 64);
    const r = role(input.role);
    const town = optionalText('town', input.town);
    const region = optionalText('region', input.region);
    if (r === 'clerk' && town === null) throw new StoreInputError('town', '办事员必须有镇 a clerk needs a town');
    if (r === 'officer' && region === null) throw new StoreInputError('region', '政策管理员必须有地区 an officer needs a region');
    const hash = check.text('passwordHash', input.passwordHash, 500);
    const at = check.instant('at', input.at);
    return this.db
      .transaction(() => {
        if (this.q.getUser().get(name)) throw new UserExistsError(name);
        this.q.insertUser().run(name, r, town, region, hash, at, at);
        return toUser(this.q.getUser().get(name) as UserRow);
      })
      .immediate();
  }

  getUser(name: string): UserWithSecret | undefined {
    if (typeof name !== 'string') return undefined;
    const row = this.q.getUser().get(name) as UserRow | undefined;
    return row && withSecret(row);
  }

  listUsers(): UserRecord[] {
    return (this.q.listUsers().all() as UserRow[]).map(toUser);
  }

  private update(name: string, at: string, change: () => void, endSessions: boolean): UserRecord {
    check.instant('at', at);
    return this.db
      .transaction(() => {
        if (!this.q.getUser().get(name)) throw new UserNotFoundError(name);
        change();
        if (endSessions) this.q.deleteUserSessions().run(name);
        return toUser(this.q.getUser().get(name) as UserRow);
      })
      .immediate();
  }

  setDisabled(name: string, disabled: boolean, at: string): UserRecord {
    return this.update(name, at, () => this.q.setDisabled().run(disabled ? 1 : 0, at, name), disabled);
  }

  setPassword(name: string, passwordHash: string, at: string): UserRecord {
    const hash = check.text('passwordHash', passwordHash, 500);
    return this.update(name, at, () => this.q.setPassword().run(hash, at, name), true);
  }

  countActive(r: UserRole): number {
    return this.q.countActive().pluck().get(role(r)) as number;
  }

  claimLoginAttempt(name: string, nowMs: number, gate: LoginGate): { user: UserWithSecret; claimed: boolean } | undefined {
    if (typeof name !== 'string') return undefined;
    const now = ms('nowMs', nowMs);
    return this.db
      .transaction(() => {
        const row = this.q.getUser().get(name) as UserRow | undefined;
        if (!row) return undefined;
        const user = withSecret(row);
        if (!gate(user)) return { user, claimed: false };
        this.q.countFailure().run(now, name);
        return { user: withSecret(this.q.getUser().get(name) as UserRow), claimed: true };
      })
      .immediate();
  }

  clearLoginFailures(name: string): void {
    this.q.clearFailures().run(name);
  }

  lockUser(name: string, at: string): UserRecord {
    return this.update(name, at, () => this.q.lock().run(at, at, name), false);
  }

  unlockUser(name: string, at: string): UserRecord {
    return this.update(name, at, () => this.q.unlock().run(at, name), false);
  }

  createSession(s: Omit<SessionRecord, 'lastSeenMs'>): void {
    const tokenHash = check.text('tokenHash', s.tokenHash, 128);
    const user = check.text('user', s.user, 64);
    const created = ms('createdMs', s.createdMs);
    this.q.insertSession().run(tokenHash, user, created, ms('expiresMs', s.expiresMs), created);
  }

  findSession(tokenHash: string): { session: SessionRecord; user: UserRecord } | undefined {
    const row = this.q.findSession().get(tokenHash) as (SessionRow & UserRow) | undefined;
    if (!row) return undefined;
    return {
      session: {
        tokenHash: row.token_hash,
        user: row.user_name,
        createdMs: row.created_ms,
        expiresMs: row.expires_ms,
        lastSeenMs: row.last_seen_ms,
      },
      user: toUser(row),
    };
  }

  touchSession(tokenHash: string, nowMs: number): void {
    const now = ms('nowMs', nowMs);
    // Never backwards: two requests racing leave the later time.
    this.q.touchSession().run(now, tokenHash, now);
  }

  deleteSession(tokenHash: string): boolean {
    return this.q.deleteSession().run(tokenHash).changes > 0;
  }

  deleteExpiredSessions(expiredBeforeMs: number, idleBeforeMs: number): number {
    return this.q.deleteExpired().run(expiredBeforeMs, idleBeforeMs).changes;
  }
}

const cache = new WeakMap<Store, UserStore>();

/** The users and sessions of an open store (one SQLite file holds cases and accounts alike). */
export function userStore(store: Store): UserStore {
  let us = cache.get(store);
  if (!us) {
    if (!(store instanceof SqliteStore)) throw new StoreInputError('store', '不支持的案件库 unsupported store implementation for accounts');
    us = new SqliteUserStore(store.db);
    cache.set(store, us);
  }
  return us;
}
