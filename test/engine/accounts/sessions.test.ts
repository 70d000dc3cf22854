// Sessions with an injected clock: log in, resolve, expire, log out; tokens stored only hashed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userStore, type Store } from '../../../engine/store/index.ts';
import { BAD_LOGIN, SESSION_TTL_MS, SessionService, csrfMatches, csrfTokenFor, sessionTokenHash } from '../../../engine/accounts/sessions.ts';
import { PASSWORD, freshStore, manualClock, seedUsers, tempDir } from './helpers.ts';

let dir: string;
let store: Store;
let clock: ReturnType<typeof manualClock>;
let sessions: SessionService;

beforeEach(async () => {
  dir = tempDir();
  store = freshStore(dir);
  await seedUsers(store);
  clock = manualClock();
  sessions = new SessionService(userStore(store), { now: clock.ms });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sessions', () => {
  it('logs in with the right password and resolves the token to the user until the TTL ends', async () => {
    const r = await sessions.login('clerk-a', PASSWORD);
    if (!r.ok) throw new Error(r.message);
    expect(r.user).toEqual({ name: 'clerk-a', role: 'clerk', town: '钦南区某镇', region: null });
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.expiresMs).toBe(clock.ms() + SESSION_TTL_MS);
    expect(SESSION_TTL_MS).toBe(10 * 3600 * 1000);
    expect(sessions.resolve(r.token)?.user.name).toBe('clerk-a');
    clock.advance(SESSION_TTL_MS - 1);
    expect(sessions.resolve(r.token)?.user.name).toBe('clerk-a');
    clock.advance(1);
    expect(sessions.resolve(r.token)).toBeUndefined();
  });

  it('a custom TTL from the options', async () => {
    const short = new SessionService(userStore(store), { now: clock.ms, ttlMs: 60_000 });
    const r = await short.login('admin', PASSWORD);
    if (!r.ok) throw new Error();
    clock.advance(59_999);
    expect(short.resolve(r.token)).toBeDefined();
    clock.advance(1);
    expect(short.resolve(r.token)).toBeUndefined();
  });

  it('refuses a wrong password, an unknown user and a disabled user with no hint which', async () => {
    expect(await sessions.login('clerk-a', 'wrong password')).toEqual({ ok: false, message: BAD_LOGIN });
    expect(await sessions.login('nobody', PASSWORD)).toEqual({ ok: false, message: BAD_LOGIN });
    expect(await sessions.login('gone', 'wrong password')).toEqual({ ok: false, message: BAD_LOGIN });
    expect(await sessions.login('gone', PASSWORD)).toEqual({ ok: false, message: '账户已停用 account disabled: gone' });
    expect(await sessions.login(undefined, undefined)).toEqual({ ok: false, message: BAD_LOGIN });
  }, 20_000);

  it('stores only the token\'s hash: the database file opens no session', async () => {
    const r = await sessions.login('admin', PASSWORD);
    if (!r.ok) throw new Error();
    const db = new Database(store.file, { readonly: true });
    const rows = db.prepare('SELECT * FROM sessions').all() as { token_hash: string }[];
    db.close();
    expect(rows.map((x) => x.token_hash)).toEqual([sessionTokenHash(r.token)]);
    expect(fs.readFileSync(store.file).includes(Buffer.from(r.token))).toBe(false);
    expect(sessions.resolve(rows[0]!.token_hash)).toBeUndefined();
  });

  it('logout ends the session; disabling the user ends it too', async () => {
    const a = await sessions.login('clerk-a', PASSWORD);
    const b = await sessions.login('clerk-a', PASSWORD);
    if (!a.ok || !b.ok) throw new Error();
    expect(a.token).not.toBe(b.token);
    expect(sessions.logout(a.token)).toBe(true);
    expect(sessions.resolve(a.token)).toBeUndefined();
    expect(sessions.resolve(b.token)).toBeDefined();
    userStore(store).setDisabled('clerk-a', true, '2026-03-02T00:00:00.000Z');
    expect(sessions.resolve(b.token)).toBeUndefined();
  });

  it('ignores malformed tokens', () => {
    for (const t of [undefined, null, '', 'x', 'a'.repeat(44), 42, {}, "' OR 1=1 --".padEnd(43, 'x')]) expect(sessions.resolve(t)).toBeUndefined();
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
