// Sessions: a random 256-bit token in an HttpOnly cookie; the database keeps only its SHA-256, so
// a copy of the database opens no session. The CSRF token is derived from the session token
// (HMAC), so it needs no storage and changes with every login. A session ends at its absolute
// lifetime or after an idle time without requests, whichever comes first.
//
// Logging in answers every failure alike (unknown user, wrong password, disabled, locked, waiting
// out a back-off): one message, one status, and one password verification's worth of time, so
// neither the answer nor its delay tells a guesser which names exist or that a password was right.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecurityEventInput, Store } from '../store/index.ts';
import type { Principal } from './authorize.ts';
import { LOCKOUT, loginGate, type LockoutPolicy } from './lockout.ts';
import { burnVerification, verifyPassword } from './password.ts';
import { detailOf, untrusted } from './security-events.ts';
import { toPrincipal } from './users.ts';
import { msg } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';

export const SESSION_COOKIE = 'landflow_session';
/** Readable by the page's script (not HttpOnly): the double-submit copy of the CSRF token. */
export const CSRF_COOKIE = 'landflow_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A working day and then some: a clerk logs in once a day. */
export const SESSION_TTL_MS = 10 * 60 * 60 * 1000;
/** A desk left alone for half an hour needs the password again. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** What newSessionToken makes (32 random bytes, base64url): anything else is no token of ours. */
export const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(random: (n: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('landflow csrf v1').digest('base64url');
}

/** Constant-time comparison of the CSRF token a request carries with its session's. */
export function csrfMatches(sessionToken: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const want = Buffer.from(csrfTokenFor(sessionToken));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}

export interface ActiveSession {
  user: Principal;
  token: string;
  csrfToken: string;
  expiresMs: number;
}

/** What a token stands for: a live session, one that ended (and why), or nothing known. */
export type SessionLookup =
  { state: 'active'; session: ActiveSession } | { state: 'ended'; reason: 'idle' | 'expired' } | { state: 'none' };

export type LoginResult = ({ ok: true } & ActiveSession) | { ok: false; message: string };

export interface SessionServiceOptions {
  /** Milliseconds now (the injected clock). */
  now: () => number;
  /** Absolute lifetime of a session (default SESSION_TTL_MS). */
  ttlMs?: number;
  /** A session with no request for this long ends (default SESSION_IDLE_MS). */
  idleMs?: number;
  lockout?: LockoutPolicy;
  random?: (n: number) => Buffer;
}

/** One answer to every failed login, whatever failed (dsl/phrases/accounts.ts). */
export const BAD_LOGIN_TEXT = msg('auth.badLogin');
export const BAD_LOGIN = renderBoth(BAD_LOGIN_TEXT);

/** Expired sessions are kept this long, so that their token still gets "expired", not "unknown". */
const KEEP_ENDED_MS = 24 * 60 * 60 * 1000;

export class SessionService {
  readonly ttlMs: number;
  readonly idleMs: number;
  private readonly lockout: LockoutPolicy;
  private readonly touchEveryMs: number;
  private logins = 0;

  /** Logins, failures, lock-outs and logouts are recorded in `store`'s audit trail. */
  constructor(
    private readonly store: Store,
    private readonly opts: SessionServiceOptions,
  ) {
    this.ttlMs = opts.ttlMs ?? SESSION_TTL_MS;
    this.idleMs = opts.idleMs ?? SESSION_IDLE_MS;
    this.lockout = opts.lockout ?? LOCKOUT;
    // Writing the last-seen time on every request would make each read a write; a minute's
    // granularity (less for short idle times) shortens the idle time by at most that.
    this.touchEveryMs = Math.min(60_000, Math.floor(this.idleMs / 10));
  }

  private event(e: Omit<SecurityEventInput, 'at'>): SecurityEventInput {
    return { ...e, at: new Date(this.opts.now()).toISOString() };
  }

  async login(name: unknown, password: unknown, from: { ip?: string; bearer?: boolean } = {}): Promise<LoginResult> {
    const pw = typeof password === 'string' ? password : '';
    const ip = from.ip;
    // The actor of a failed login is the name that was tried: nobody has proved who they are.
    const fail = async (subject: string | undefined, reason: string, more: Record<string, number | string> = {}): Promise<LoginResult> => {
      await this.store.recordSecurityEvent(
        this.event({
          type: 'loginFailed',
          actor: untrusted(name),
          ...(subject ? { subject } : {}),
          detail: detailOf({ reason, ip, ...more }),
        }),
      );
      return { ok: false, message: BAD_LOGIN };
    };
    const users = this.store.users;
    const now = this.opts.now();
    const claim =
      typeof name === 'string' ? await users.claimLoginAttempt(name, now, (u) => loginGate(u, now, this.lockout).open) : undefined;
    if (!claim) {
      await burnVerification(pw);
      return fail(undefined, 'unknown-user');
    }
    const u = claim.user;
    // Verified even when the attempt is refused anyway, so that the refusal takes as long as a try.
    const good = await verifyPassword(pw, u.passwordHash);
    if (!claim.claimed) {
      const gate = loginGate(u, now, this.lockout);
      return fail(
        u.name,
        gate.open ? 'refused' : gate.why,
        !gate.open && gate.why === 'backoff' ? { retryAt: new Date(gate.retryAtMs).toISOString() } : {},
      );
    }
    if (!good) {
      const failures = u.failedLogins;
      const refused = await fail(u.name, 'wrong-password', { failures });
      if (failures >= this.lockout.lockAfter) {
        // Recorded only by the attempt that locked it: the lock and its event in one transaction.
        await users.lockUser(u.name, new Date(this.opts.now()).toISOString(), ({ before }) =>
          before?.lockedAt === null
            ? this.event({ type: 'lockout', actor: untrusted(name), subject: u.name, detail: detailOf({ failures, ip }) })
            : null,
        );
      }
      return refused;
    }
    // The password was right: the attempt claimed as a failure was none.
    await users.clearLoginFailures(u.name);
    if (u.disabled) return fail(u.name, 'disabled');
    if (++this.logins % 100 === 1) await this.store.sessions.deleteExpired(now - KEEP_ENDED_MS, now - KEEP_ENDED_MS - this.idleMs);
    const token = newSessionToken(this.opts.random);
    const expiresMs = now + this.ttlMs;
    await this.store.sessions.create(
      { tokenHash: sessionTokenHash(token), user: u.name, createdMs: now, expiresMs },
      this.event({ type: 'login', actor: u.name, detail: detailOf({ ip, bearer: from.bearer }) }),
    );
    return { ok: true, user: toPrincipal(u), token, csrfToken: csrfTokenFor(token), expiresMs };
  }

  /** What a token stands for now; a live session's activity is recorded (it slides the idle time). */
  async lookup(token: unknown): Promise<SessionLookup> {
    if (typeof token !== 'string' || !TOKEN.test(token)) return { state: 'none' };
    const hash = sessionTokenHash(token);
    const found = await this.store.sessions.find(hash);
    if (!found || found.user.disabled) return { state: 'none' };
    const now = this.opts.now();
    const s = found.session;
    if (now >= s.expiresMs) return { state: 'ended', reason: 'expired' };
    if (now - s.lastSeenMs >= this.idleMs) return { state: 'ended', reason: 'idle' };
    if (now - s.lastSeenMs >= this.touchEveryMs) await this.store.sessions.touch(hash, now);
    return { state: 'active', session: { user: toPrincipal(found.user), token, csrfToken: csrfTokenFor(token), expiresMs: s.expiresMs } };
  }

  logout(token: string): Promise<boolean> {
    return this.store.sessions.delete(sessionTokenHash(token), (ended) => this.event({ type: 'logout', actor: ended.user }));
  }
}
