// Creating and changing accounts: the checks shared by the CLI (`landflow user`) and the HTTP API
// (`/api/users`). The rows themselves live in engine/store/users.ts.
import { USER_ROLES, type UserRecord, type UserRole, type UserStore } from '../store/index.ts';
import { hashPassword, passwordProblem, type HashOptions } from './password.ts';
import type { Principal } from './authorize.ts';

/** A bad account field, named by its path (name, role, town, region, password). */
export class AccountInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'AccountInputError';
  }
}

// Letters (Chinese included), digits and _ . @ -, not starting with '-' (it would read as an option).
const USER_NAME = /^[\p{L}\p{N}_.@][\p{L}\p{N}_.@-]{0,63}$/u;
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface UserSpec {
  name: unknown;
  role: unknown;
  town?: unknown;
  region?: unknown;
}

export interface CheckedUserSpec {
  name: string;
  role: UserRole;
  town: string | null;
  region: string | null;
}

export function checkUserName(name: unknown): string {
  if (typeof name !== 'string' || !USER_NAME.test(name)) {
    throw new AccountInputError('name', `用户名须为 1–64 个字母、数字或 _ . @ -，且不以 - 开头 user name must be 1–64 letters, digits or _ . @ -, not starting with - (got ${JSON.stringify(name)})`);
  }
  return name;
}

function scopeText(field: 'town' | 'region', v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 100 || CONTROL.test(v)) {
    throw new AccountInputError(field, `须为 1–100 个字符的非空文本 must be non-empty text of at most 100 characters (got ${JSON.stringify(v)})`);
  }
  return v.trim();
}

/** Checks a role and its scope: a clerk has a town, an officer a region, and nobody else has either. */
export function checkUserSpec(spec: UserSpec): CheckedUserSpec {
  const name = checkUserName(spec.name);
  if (!USER_ROLES.includes(spec.role as UserRole)) {
    throw new AccountInputError('role', `角色须为 role must be one of ${USER_ROLES.join(' | ')} (got ${JSON.stringify(spec.role)})`);
  }
  const role = spec.role as UserRole;
  const hasTown = spec.town !== undefined && spec.town !== null;
  const hasRegion = spec.region !== undefined && spec.region !== null;
  if (role === 'clerk' && !hasTown) throw new AccountInputError('town', '办事员须指定所在镇 a clerk needs a town (--town)');
  if (role === 'officer' && !hasRegion) throw new AccountInputError('region', '政策管理员须指定地区 an officer needs a region (--region)');
  if (role !== 'clerk' && hasTown) throw new AccountInputError('town', `只有办事员有所在镇 only a clerk has a town (role ${role})`);
  if (role !== 'officer' && hasRegion) throw new AccountInputError('region', `只有政策管理员有地区 only an officer has a region (role ${role})`);
  return {
    name,
    role,
    town: role === 'clerk' ? scopeText('town', spec.town) : null,
    region: role === 'officer' ? scopeText('region', spec.region) : null,
  };
}

export function checkPassword(password: unknown): string {
  const p = passwordProblem(password);
  if (p) throw new AccountInputError('password', p);
  return password as string;
}

export async function createUser(
  users: UserStore,
  spec: UserSpec & { password: unknown },
  at: string,
  hashOpts?: HashOptions,
): Promise<UserRecord> {
  const checked = checkUserSpec(spec);
  const password = checkPassword(spec.password);
  const passwordHash = await hashPassword(password, hashOpts);
  return users.addUser({ ...checked, passwordHash, at });
}

export async function changePassword(users: UserStore, name: string, password: unknown, at: string, hashOpts?: HashOptions): Promise<UserRecord> {
  const p = checkPassword(password);
  return users.setPassword(name, await hashPassword(p, hashOpts), at);
}

export function toPrincipal(u: UserRecord): Principal {
  return { name: u.name, role: u.role, town: u.town, region: u.region };
}

/** A user as the API shows it: never the password hash. */
export function publicUser(u: UserRecord): UserRecord {
  return { name: u.name, role: u.role, town: u.town, region: u.region, disabled: u.disabled, createdAt: u.createdAt, updatedAt: u.updatedAt };
}
