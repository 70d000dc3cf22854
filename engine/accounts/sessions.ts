// Sessions: a random 256-bit token in an HttpOnly cookie; the database keeps only its SHA-256, so
// a copy of the database opens no session. The CSRF token is derived from the session token
// (HMAC), so it needs no storage and changes with every login.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UserStore } from '../store/index.ts';
import type { Principal } from './authorize.ts';
import { burnVerification, verifyPassword } from './password.ts';
import { toPrincipal } from './users.ts';

export const SESSION_COOKIE = 'landflow_session';
/** Readable by the page's script (not HttpOnly): the double-submit copy of the CSRF token. */
export const CSRF_COOKIE = 'landflow_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A working day and then some: a clerk logs in once a day. */
export const SESSION_TTL_MS = 10 * 60 * 60 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

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

export type LoginResult = ({ ok: true } & ActiveSession) | { ok: false; message: string };

export interface SessionServiceOptions {
  /** Milliseconds now (the injected clock). */
  now: () => number;
  ttlMs?: number;
  random?: (n: number) => Buffer;
}

export const BAD_LOGIN = '用户名或密码错误 wrong user name or password';

export class SessionService {
  private readonly ttl: number;
  private logins = 0;

  constructor(private readonly users: UserStore, private readonly opts: SessionServiceOptions) {
    this.ttl = opts.ttlMs ?? SESSION_TTL_MS;
  }

  async login(name: unknown, password: unknown): Promise<LoginResult> {
    const u = typeof name === 'string' ? this.users.getUser(name) : undefined;
    const pw = typeof password === 'string' ? password : '';
    // The same work whether or not the user exists: timing does not reveal user names.
    const good = u ? await verifyPassword(pw, u.passwordHash) : await burnVerification(pw);
    if (!u || !good) return { ok: false, message: BAD_LOGIN };
    if (u.disabled) return { ok: false, message: `账户已停用 account disabled: ${u.name}` };
    const now = this.opts.now();
    if (++this.logins % 100 === 1) this.users.deleteExpiredSessions(now);
    const token = newSessionToken(this.opts.random);
    const expiresMs = now + this.ttl;
    this.users.createSession({ tokenHash: sessionTokenHash(token), user: u.name, createdMs: now, expiresMs });
    return { ok: true, user: toPrincipal(u), token, csrfToken: csrfTokenFor(token), expiresMs };
  }

  /** The live session of a token: unknown, expired or of a disabled user → undefined. */
  resolve(token: unknown): ActiveSession | undefined {
    if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
    const found = this.users.findSession(sessionTokenHash(token), this.opts.now());
    if (!found || found.user.disabled) return undefined;
    return { user: toPrincipal(found.user), token, csrfToken: csrfTokenFor(token), expiresMs: found.session.expiresMs };
  }

  logout(token: string): boolean {
    return this.users.deleteSession(sessionTokenHash(token));
  }
}
