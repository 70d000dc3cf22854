// Sessions with an injected clock: log in, resolve, expire (absolute and idle), log out; tokens
// stored only hashed; per-account back-off and lock-out; the security events of each.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SecurityEventInput, type Store } from '../../../engine/store/index.ts';
import {
  BAD_LOGIN,
  SESSION_IDLE_MS,
  SESSION_TTL_MS,
  SessionService,
  csrfMatches,
  csrfTokenFor,
  sessionTokenHash,
} from '../../../engine/accounts/sessions.ts';
import { LOCKOUT, backoffMs } from '../../../engine/accounts/lockout.ts';
import { unlockUser } from '../../../engine/accounts/users.ts';
import { PASSWORD, freshStore, manualClock, seedUsers, tempDir } from './helpers.ts';
import { sqliteOnly } from '../../helpers/test-db.ts';

let dir: string;
let store: Store;
let clock: ReturnType<typeof manualClock>;
let sessions: SessionService;

/** The security events the store recorded, as they were given (no id; no subject when there was none). */
async function events(): Promise<SecurityEventInput[]> {
  return (await store.listSecurityEvents({ limit: 1000 })).map(({ id: _id, subject, ...e }) => ({
    ...e,
    ...(subject === null ? {} : { subject }),
  }));
}

beforeEach(async () => {
  dir = tempDir();
  store = await freshStore(dir);
  await seedUsers(store);
  clock = manualClock();
  sessions = new SessionService(store, { now: clock.ms });
});

const resolve = async (token: unknown) => {
  const l = await sessions.lookup(token);
  return l.state === 'active' ? l.session : undefined;
};
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sessions', () => {
  it('logs in with the right password and resolves the token to the user until the TTL ends, however active', async () => {
    const r = await sessions.login('clerk-a', PASSWORD);
    if (!r.ok) throw new Error(r.message);
    expect(r.user).toEqual({ name: 'clerk-a', role: 'clerk', town: '钦南区某镇', region: null });
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.expiresMs).toBe(clock.ms() + SESSION_TTL_MS);
    expect(SESSION_TTL_MS).toBe(10 * 3600 * 1000);
    expect((await resolve(r.token))?.user.name).toBe('clerk-a');
    // A request every 20 minutes keeps it from idling out, up to the last millisecond of its life.
    for (let i = 1; i < 30; i++) {
      clock.advance(20 * 60_000);
      expect((await resolve(r.token))?.user.name).toBe('clerk-a');
    }
    clock.advance(20 * 60_000 - 1);
    expect((await resolve(r.token))?.user.name).toBe('clerk-a');
    clock.advance(1);
    expect(await sessions.lookup(r.token)).toEqual({ state: 'ended', reason: 'expired' });
  });

  it('a custom TTL from the options', async () => {
    const short = new SessionService(store, { now: clock.ms, ttlMs: 60_000 });
    const r = await short.login('admin', PASSWORD);
    if (!r.ok) throw new Error();
    clock.advance(59_999);
    expect((await short.lookup(r.token)).state).toBe('active');
    clock.advance(1);
    expect(await short.lookup(r.token)).toEqual({ state: 'ended', reason: 'expired' });
  });

  it('ends a session left idle for 30 minutes; each request slides the idle time', async () => {
    expect(SESSION_IDLE_MS).toBe(30 * 60_000);
    const r = await sessions.login('clerk-a', PASSWORD);
    if (!r.ok) throw new Error();
    clock.advance(SESSION_IDLE_MS - 1);
    expect((await resolve(r.token))?.user.name).toBe('clerk-a');
    // Seen just now: another 30 minutes from here.
    clock.advance(SESSION_IDLE_MS - 1);
    expect((await resolve(r.token))?.user.name).toBe('clerk-a');
    clock.advance(SESSION_IDLE_MS);
    expect(await sessions.lookup(r.token)).toEqual({ state: 'ended', reason: 'idle' });
    // Ended stays ended: a later request does not bring it back.
    expect(await sessions.lookup(r.token)).toEqual({ state: 'ended', reason: 'idle' });
  });

  it('records activity at most once a minute, so the idle time is never more than a minute short', async () => {
    const r = await sessions.login('clerk-a', PASSWORD);
    if (!r.ok) throw new Error();
    const hash = sessionTokenHash(r.token);
    const start = clock.ms();
    clock.advance(59_999);
    await resolve(r.token);
    expect((await store.sessions.find(hash))!.session.lastSeenMs).toBe(start);
    clock.advance(1);
    await resolve(r.token);
    expect((await store.sessions.find(hash))!.session.lastSeenMs).toBe(start + 60_000);
    const quick = new SessionService(store, { now: clock.ms, idleMs: 5_000 });
    const q = await quick.login('admin', PASSWORD);
    if (!q.ok) throw new Error();
    clock.advance(4_999);
    expect((await quick.lookup(q.token)).state).toBe('active');
    clock.advance(4_999);
    expect((await quick.lookup(q.token)).state).toBe('active');
    clock.advance(5_000);
    expect(await quick.lookup(q.token)).toEqual({ state: 'ended', reason: 'idle' });
  });

  it('refuses a wrong password, an unknown user, a disabled user (even with the right password) and bad input alike', async () => {
    expect(BAD_LOGIN).toBe(
      '登录失败：用户名或密码错误，或账户已停用或锁定 login failed: wrong user name or password, or the account is disabled or locked',
    );
    expect(await sessions.login('clerk-a', 'wrong password')).toEqual({ ok: false, message: BAD_LOGIN });
    expect(await sessions.login('nobody', PASSWORD)).toEqual({ ok: false, message: BAD_LOGIN });
    expect(await sessions.login('gone', 'wrong password')).toEqual({ ok: false, message: BAD_LOGIN });
    expect(await sessions.login('gone', PASSWORD)).toEqual({ ok: false, message: BAD_LOGIN });
    expect(await sessions.login(undefined, undefined)).toEqual({ ok: false, message: BAD_LOGIN });
    expect((await events()).map((e) => [e.type, e.actor, e.subject, e.detail?.reason])).toEqual([
      ['loginFailed', 'clerk-a', 'clerk-a', 'wrong-password'],
      ['loginFailed', 'nobody', undefined, 'unknown-user'],
      ['loginFailed', 'gone', 'gone', 'wrong-password'],
      ['loginFailed', 'gone', 'gone', 'disabled'],
      ['loginFailed', 'undefined', undefined, 'unknown-user'],
    ]);
  }, 20_000);

  sqliteOnly("stores only the token's hash: the database file opens no session", async () => {
    const r = await sessions.login('admin', PASSWORD);
    if (!r.ok) throw new Error();
    const db = new Database(store.target, { readonly: true });
    const rows = db.prepare('SELECT * FROM sessions').all() as { token_hash: string }[];
    db.close();
    expect(rows.map((x) => x.token_hash)).toEqual([sessionTokenHash(r.token)]);
    expect(fs.readFileSync(store.target).includes(Buffer.from(r.token))).toBe(false);
    expect(await resolve(rows[0]!.token_hash)).toBeUndefined();
  });

  it('logout ends the session; disabling the user ends it too', async () => {
    const a = await sessions.login('clerk-a', PASSWORD);
    const b = await sessions.login('clerk-a', PASSWORD);
    if (!a.ok || !b.ok) throw new Error();
    expect(a.token).not.toBe(b.token);
    expect(await sessions.logout(a.token)).toBe(true);
    expect(await sessions.lookup(a.token)).toEqual({ state: 'none' });
    expect(await resolve(b.token)).toBeDefined();
    await store.users.setDisabled('clerk-a', true, '2026-03-02T00:00:00.000Z');
    expect(await sessions.lookup(b.token)).toEqual({ state: 'none' });
    expect((await events()).map((e) => [e.type, e.actor])).toEqual([
      ['login', 'clerk-a'],
      ['login', 'clerk-a'],
      ['logout', 'clerk-a'],
    ]);
  });

  it('ignores malformed tokens', async () => {
    for (const t of [undefined, null, '', 'x', 'a'.repeat(44), 42, {}, "' OR 1=1 --".padEnd(43, 'x')])
      expect(await sessions.lookup(t)).toEqual({ state: 'none' });
  });

  it('derives the CSRF token from the session token and compares it exactly', async () => {
    const r = await sessions.login('admin', PASSWORD);
    if (!r.ok) throw new Error();
    expect(r.csrfToken).toBe(csrfTokenFor(r.token));
    expect(r.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfMatches(r.token, r.csrfToken)).toBe(true);
    expect(csrfMatches(r.token, r.csrfToken.slice(0, -1))).toBe(false);
    expect(csrfMatches(r.token, r.csrfToken + 'x')).toBe(false);
    expect(csrfMatches(r.token, undefined)).toBe(false);
    expect(csrfMatches(r.token, [r.csrfToken])).toBe(false);
    const other = await sessions.login('admin', PASSWORD);
    if (!other.ok) throw new Error();
    expect(csrfMatches(other.token, r.csrfToken)).toBe(false);
  });
});

describe('per-account back-off and lock-out', () => {
  const attempt = (password: string) => sessions.login('clerk-a', password, { ip: '192.0.2.7' });

  it('waits 15 s, 30 s, 1, 2, 4 min after the 5th to 9th failures, and locks at the 10th', () => {
    expect(LOCKOUT).toEqual({ delayAfter: 5, firstDelayMs: 15_000, lockAfter: 10 });
    expect([4, 5, 6, 7, 8, 9].map((n) => backoffMs(n))).toEqual([0, 15_000, 30_000, 60_000, 120_000, 240_000]);
  });

  it('after 5 failures even the right password is refused until the wait is over, and the early try is not counted', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).ok).toBe(false);
    expect((await store.users.getUser('clerk-a'))!.failedLogins).toBe(5);
    clock.advance(14_999);
    expect(await attempt(PASSWORD)).toEqual({ ok: false, message: BAD_LOGIN });
    expect((await store.users.getUser('clerk-a'))!.failedLogins).toBe(5);
    expect((await events()).at(-1)).toEqual({
      type: 'loginFailed',
      actor: 'clerk-a',
      subject: 'clerk-a',
      detail: { reason: 'backoff', ip: '192.0.2.7', retryAt: new Date(clock.ms() + 1).toISOString() },
      at: new Date(clock.ms()).toISOString(),
    });
    clock.advance(1);
    expect((await attempt(PASSWORD)).ok).toBe(true);
    // Success starts the count again.
    expect(await store.users.getUser('clerk-a')).toMatchObject({ failedLogins: 0, lastFailedMs: null, lockedAt: null });
  }, 20_000);

  it('the 10th failure in a row locks the account: the right password is refused until an admin unlocks it', async () => {
    for (let i = 1; i <= 10; i++) {
      expect((await attempt('wrong password')).ok).toBe(false);
      clock.advance(backoffMs(i));
    }
    const u = (await store.users.getUser('clerk-a'))!;
    expect([u.failedLogins, u.lockedAt]).toEqual([10, '2026-03-02T01:07:45.000Z']);
    expect((await events()).filter((e) => e.type === 'lockout')).toEqual([
      { type: 'lockout', actor: 'clerk-a', subject: 'clerk-a', detail: { failures: 10, ip: '192.0.2.7' }, at: '2026-03-02T01:07:45.000Z' },
    ]);
    clock.advance(24 * 3600_000);
    expect(await attempt(PASSWORD)).toEqual({ ok: false, message: BAD_LOGIN });
    expect((await events()).at(-1)!.detail).toMatchObject({ reason: 'locked' });
    await unlockUser(store.users, 'clerk-a', new Date(clock.ms()).toISOString(), { actor: 'admin' });
    expect((await events()).at(-1)).toMatchObject({
      type: 'unlock',
      actor: 'admin',
      subject: 'clerk-a',
      detail: { wasLocked: true, failures: 10 },
    });
    expect((await attempt(PASSWORD)).ok).toBe(true);
  }, 30_000);

  it('concurrent guesses cannot share one count: each is counted before its password is checked', async () => {
    const r = await Promise.all(Array.from({ length: 8 }, () => attempt('wrong password')));
    expect(r.every((x) => !x.ok)).toBe(true);
    // 5 were tried; the other 3 arrived while the back-off was already due.
    expect((await store.users.getUser('clerk-a'))!.failedLogins).toBe(5);
    expect((await events()).filter((e) => e.detail?.reason === 'backoff')).toHaveLength(3);
  }, 20_000);

  it('a disabled account with the right password is refused but not counted as a guess', async () => {
    await sessions.login('gone', PASSWORD);
    expect((await store.users.getUser('gone'))!.failedLogins).toBe(0);
  });
});

describe('timing', () => {
  it('an unknown user costs a full verification, like a known one', async () => {
    // Warm up (the dummy hash is made once), then compare medians loosely: same order of magnitude.
    await sessions.login('nobody', 'x');
    const t = async (name: string) => {
      const s = process.hrtime.bigint();
      await sessions.login(name, 'wrong password');
      return Number(process.hrtime.bigint() - s) / 1e6;
    };
    const unknown = await t('nobody');
    expect(unknown).toBeGreaterThan(5);
  }, 20_000);
});

void path;
