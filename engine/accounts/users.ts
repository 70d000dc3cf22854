// Creating and changing accounts: the checks shared by the CLI (`landflow user`) and the HTTP API
// (`/api/users`). The rows themselves live in engine/store/users.ts.
import { USER_ROLES, type AccountEventOf, type SecurityEventType, type UserRecord, type UserRole, type UserStore } from '../store/index.ts';
import { checkText } from '../../dsl/text.ts';
import { hashPassword, passwordProblem, type HashOptions } from './password.ts';
import { regionProblem, type Principal } from './authorize.ts';
import { detailOf } from './security-events.ts';
import { msg, type Message } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';

/**
 * A bad account field, named by its path (name, role, town, region, password), and why: a
 * catalogue message, or a text its checker still writes in both languages (dsl/text.ts).
 */
export class AccountInputError extends TextError {
  declare readonly text: Message;
  constructor(
    readonly field: string,
    problem: Message | string,
  ) {
    super(msg('at.problem', { where: field, problem }));
    this.name = 'AccountInputError';
  }
}

// Letters (Chinese included), digits and _ . @ -, not starting with '-' (it would read as an option).
const USER_NAME = /^[\p{L}\p{N}_.@][\p{L}\p{N}_.@-]{0,63}$/u;

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

/** The name in its normal form (NFKC: ａｄｍｉｎ is admin), or an AccountInputError. */
export function checkUserName(name: unknown): string {
  const n = typeof name === 'string' ? name.normalize('NFKC') : name;
  if (typeof n !== 'string' || !USER_NAME.test(n)) {
    throw new AccountInputError('name', msg('account.name', { got: JSON.stringify(n) }));
  }
  return n;
}

/** A town or region in the normal form case places are kept in (dsl/text.ts); a region must be one authorize.ts can match. */
function scopeText(field: 'town' | 'region', v: unknown): string {
  const c = checkText(v);
  if (!c.ok) throw new AccountInputError(field, c.message);
  const problem = field === 'region' ? regionProblem(c.value) : null;
  if (problem) throw new AccountInputError(field, problem);
  return c.value;
}

/** Checks a role and its scope: a clerk has a town, an officer a region, and nobody else has either. */
export function checkUserSpec(spec: UserSpec): CheckedUserSpec {
  const name = checkUserName(spec.name);
  if (!USER_ROLES.includes(spec.role as UserRole)) {
    throw new AccountInputError('role', msg('store.oneOf', { values: USER_ROLES.join(' | '), got: JSON.stringify(spec.role) }));
  }
  const role = spec.role as UserRole;
  const hasTown = spec.town !== undefined && spec.town !== null;
  const hasRegion = spec.region !== undefined && spec.region !== null;
  if (role === 'clerk' && !hasTown) throw new AccountInputError('town', msg('account.clerkTown'));
  if (role === 'officer' && !hasRegion) throw new AccountInputError('region', msg('account.officerRegion'));
  if (role !== 'clerk' && hasTown) throw new AccountInputError('town', msg('account.onlyClerkTown', { role }));
  if (role !== 'officer' && hasRegion) throw new AccountInputError('region', msg('account.onlyOfficerRegion', { role }));
  return {
    name,
    role,
    town: role === 'clerk' ? scopeText('town', spec.town) : null,
    region: role === 'officer' ? scopeText('region', spec.region) : null,
  };
}

/** The password for the user `userName`, or an AccountInputError saying why it is refused. */
export function checkPassword(password: unknown, userName?: string): string {
  const p = passwordProblem(password, userName);
  if (p) throw new AccountInputError('password', p);
  return password as string;
}

/** Who changes an account: the change is recorded as a security event, in the change's transaction. */
export interface AccountAudit {
  actor: string;
  /** More about the actor, e.g. the operating-system user behind `landflow user`. */
  actorDetail?: Record<string, string | null>;
}

type Detail = Record<string, string | number | boolean | null>;

/** The security event of a change made for `audit` (none without one), its detail made from the change. */
function audited(
  audit: AccountAudit | undefined,
  type: SecurityEventType,
  at: string,
  detail: (change: Parameters<AccountEventOf>[0]) => Detail = () => ({}),
): AccountEventOf | undefined {
  if (!audit) return undefined;
  return (change) => ({
    type,
    actor: audit.actor,
    subject: change.after.name,
    detail: detailOf({ ...audit.actorDetail, ...detail(change) }),
    at,
  });
}

export async function createUser(
  users: UserStore,
  spec: UserSpec & { password: unknown },
  at: string,
  hashOpts?: HashOptions,
  audit?: AccountAudit,
): Promise<UserRecord> {
  const checked = checkUserSpec(spec);
  const password = checkPassword(spec.password, checked.name);
  const passwordHash = await hashPassword(password, hashOpts);
  return users.addUser(
    { ...checked, passwordHash, at },
    audited(audit, 'userCreated', at, ({ after }) => ({ role: after.role, town: after.town, region: after.region })),
  );
}

export async function changePassword(
  users: UserStore,
  name: string,
  password: unknown,
  at: string,
  hashOpts?: HashOptions,
  audit?: AccountAudit,
): Promise<UserRecord> {
  const p = checkPassword(password, name);
  const passwordHash = await hashPassword(p, hashOpts);
  return users.setPassword(
    name,
    passwordHash,
    at,
    audited(audit, 'userChanged', at, () => ({ change: 'password' })),
  );
}

/**
 * Disables or enables an account. Disabling the last active administrator would leave nobody who
 * could manage accounts: refused with LastAdminError (the API's 409 LAST_ADMIN; the command line
 * allows it with --force, `force`), checked by the store in the change's transaction, so two
 * instances disabling the last two admins at once cannot both succeed.
 */
export function setUserDisabled(
  users: UserStore,
  name: string,
  disabled: boolean,
  at: string,
  audit?: AccountAudit,
  opts: { force?: boolean } = {},
): Promise<UserRecord> {
  // The trail has no "enabled" type: re-enabling is a change like any other.
  const event = disabled ? audited(audit, 'userDisabled', at) : audited(audit, 'userChanged', at, () => ({ change: 'enabled' }));
  return users.setDisabled(name, disabled, at, event, { keepAdmin: !opts.force });
}

/** Lifts a lock-out and clears the failure count (also of an account that was only backing off). */
export function unlockUser(users: UserStore, name: string, at: string, audit?: AccountAudit): Promise<UserRecord> {
  return users.unlockUser(
    name,
    at,
    audited(audit, 'unlock', at, ({ before }) => ({ wasLocked: before?.lockedAt != null, failures: before?.failedLogins ?? 0 })),
  );
}

/**
 * The account a command-line write acts as (`landflow case --user`). On the database file nobody
 * logs in, but the audit trail must still name a real, enabled account, never a made-up name.
 */
export async function actingAccount(users: UserStore, name: string | undefined): Promise<UserRecord> {
  if (name === undefined) {
    throw new AccountInputError('--user', msg('account.noActingUser'));
  }
  if (!USER_NAME.test(name)) throw new AccountInputError('--user', msg('account.badUserName', { name: JSON.stringify(name) }));
  const u = await users.getUser(name);
  if (!u) throw new AccountInputError('--user', msg('store.userNotFound', { name }));
  if (u.disabled) throw new AccountInputError('--user', msg('account.disabled', { name }));
  return u;
}

export function toPrincipal(u: UserRecord): Principal {
  return { name: u.name, role: u.role, town: u.town, region: u.region };
}

/** A user as the API shows it: never the password hash. */
export function publicUser(u: UserRecord): UserRecord {
  return {
    name: u.name,
    role: u.role,
    town: u.town,
    region: u.region,
    disabled: u.disabled,
    failedLogins: u.failedLogins,
    lockedAt: u.lockedAt,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
