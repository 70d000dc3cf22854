// Accounts' rows as both backends store them (users.ts on SQLite, pg/accounts.ts on PostgreSQL):
// the columns of migrations 2 and 3, what they mean as records, and the checks a new account passes.
import { msg } from '../../dsl/message.ts';
import { StoreInputError } from './errors.ts';
import { USER_ROLES, type NewUser, type SessionRecord, type UserRecord, type UserRole, type UserWithSecret } from './types.ts';
import * as check from './validate.ts';

export interface UserRow {
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

export interface SessionRow {
  token_hash: string;
  user_name: string;
  created_ms: number;
  expires_ms: number;
  last_seen_ms: number;
}

export function toUser(row: UserRow): UserRecord {
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

export function role(v: unknown): UserRole {
  if (!USER_ROLES.includes(v as UserRole)) {
    throw new StoreInputError('role', msg('store.oneOf', { values: USER_ROLES.join(' | '), got: check.quoted(v) }));
  }
  return v as UserRole;
}

export function optionalText(field: string, v: unknown): string | null {
  return v === undefined || v === null ? null : check.text(field, v, 100);
}

export function withSecret(row: UserRow): UserWithSecret {
  return { ...toUser(row), passwordHash: row.password_hash, lastFailedMs: row.last_failed_ms };
}

export function ms(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new StoreInputError(field, msg('store.milliseconds'));
  return v;
}

/** A new account's fields, checked: a clerk needs a town, an officer a region. */
export function checkNewUser(input: NewUser): {
  name: string;
  role: UserRole;
  town: string | null;
  region: string | null;
  passwordHash: string;
  at: string;
} {
  const name = check.text('name', input.name, 64);
  const r = role(input.role);
  const town = optionalText('town', input.town);
  const region = optionalText('region', input.region);
  if (r === 'clerk' && town === null) throw new StoreInputError('town', msg('account.clerkTown'));
  if (r === 'officer' && region === null) throw new StoreInputError('region', msg('account.officerRegion'));
  const passwordHash = check.text('passwordHash', input.passwordHash, 500);
  return { name, role: r, town, region, passwordHash, at: check.instant('at', input.at) };
}

export function toSession(row: SessionRow): SessionRecord {
  return {
    tokenHash: row.token_hash,
    user: row.user_name,
    createdMs: row.created_ms,
    expiresMs: row.expires_ms,
    lastSeenMs: row.last_seen_ms,
  };
}
