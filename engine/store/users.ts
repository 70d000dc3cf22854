// Accounts' rows (migration 2): users with their password hash, and sessions known only by the
// hash of their token. The rules (who may do what, how passwords are hashed) live in
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
  createdAt: string;
  updatedAt: string;
}

export interface UserWithSecret extends UserRecord {
  passwordHash: string;
}

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
  createSession(session: SessionRecord): void;
  /** The session and its user, or undefined when unknown or expired at nowMs. */
  findSession(tokenHash: string, nowMs: number): { session: SessionRecord; user: UserRecord } | undefined;
  deleteSession(tokenHash: string): boolean;
  deleteExpiredSessions(nowMs: number): number;
}

interface UserRow {
  name: string;
  role: UserRole;
  town: string | null;
  region: string | null;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

interface SessionRow {
  token_hash: string;
  user_name: string;
  created_ms: number;
  expires_ms: number;
}

function toUser(row: UserRow): UserRecord {
  return {
    name: row.name,
    role: row.role,
    town: row.town,
    region: row.region,
    disabled: row.disabled !== 0,
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

function ms(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new StoreInputError(field, '必须是非负整数毫秒 must be non-negative integer milliseconds');
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
      insertSession: lazy('INSERT INTO sessions (token_hash, user_name, created_ms, expires_ms) VALUES (?, ?, ?, ?)'),
      findSession: lazy(`SELECT s.token_hash, s.user_name, s.created_ms, s.expires_ms, u.*
        FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = ? AND s.expires_ms > ?`),
      deleteSession: lazy('DELETE FROM sessions WHERE token_hash = ?'),
      deleteUserSessions: lazy('DELETE FROM sessions WHERE user_name = ?'),
      deleteExpired: lazy('DELETE FROM sessions WHERE expires_ms <= ?'),
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
    return row && { ...toUser(row), passwordHash: row.password_hash };
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

  createSession(s: SessionRecord): void {
    const tokenHash = check.text('tokenHash', s.tokenHash, 128);
    const user = check.text('user', s.user, 64);
    this.q.insertSession().run(tokenHash, user, ms('createdMs', s.createdMs), ms('expiresMs', s.expiresMs));
  }

  findSession(tokenHash: string, nowMs: number): { session: SessionRecord; user: UserRecord } | undefined {
    const row = this.q.findSession().get(tokenHash, nowMs) as (SessionRow & UserRow) | undefined;
    if (!row) return undefined;
    return {
      session: { tokenHash: row.token_hash, user: row.user_name, createdMs: row.created_ms, expiresMs: row.expires_ms },
      user: toUser(row),
    };
  }

  deleteSession(tokenHash: string): boolean {
    return this.q.deleteSession().run(tokenHash).changes > 0;
  }

  deleteExpiredSessions(nowMs: number): number {
    return this.q.deleteExpired().run(nowMs).changes;
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
