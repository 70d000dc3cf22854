// Migrations 2 and 3 and the users/sessions rows: what the store keeps, what it refuses, the
// failed-login counts and locks, session activity, an account change and its security event in
// one transaction (on every backend of test/engine/store/backends.ts), and that backups carry
// accounts along.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  LastAdminError,
  UserExistsError,
  UserNotFoundError,
  openStore,
  restoreBackup,
  type Store,
  type SecurityEventType,
} from '../../../engine/store/index.ts';
import { migrations } from '../../../engine/store/migrations.ts';
import { BACKENDS, type TestDb } from '../store/backends.ts';
import { createInput } from '../store/helpers.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let store: Store;
const at = '2026-03-01T08:00:00.000Z';
const hash = 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5';

describe('SQLite', () => {
  beforeEach(async () => {
    dir = tempDir();
    store = await openStore(path.join(dir, 'u.db'));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('migrations 2 and 3: users, sessions, lock-out and idle time', () => {
    it('are migrations 2 and 3 and create the tables and columns accounts need', async () => {
      expect(migrations.slice(1, 3).map((m) => [m.version, m.name])).toEqual([
        [2, 'users and sessions'],
        [3, 'login failure counts and lock-out, session idle time'],
      ]);
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      const db = new Database(path.join(dir, 'u.db'), { readonly: true });
      const columns = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      const userColumns = columns('users');
      const sessionColumns = columns('sessions');
      db.close();
      expect(userColumns).toEqual([
        'name',
        'role',
        'town',
        'region',
        'password_hash',
        'disabled',
        'created_at',
        'updated_at',
        'failed_logins',
        'last_failed_ms',
        'locked_at',
      ]);
      expect(sessionColumns).toEqual(['token_hash', 'user_name', 'created_ms', 'expires_ms', 'last_seen_ms']);
    });

    it('upgrades a version-1 database in place, keeping its cases', async () => {
      const file = path.join(dir, 'v1.db');
      const db = new Database(file);
      db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'x')`);
      db.exec(typeof migrations[0]!.up === 'string' ? migrations[0]!.up : '');
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (1, ?)').run(migrations[0]!.name);
      db.close();
      const s = await openStore(file);
      expect(await s.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(await s.users.listUsers()).toEqual([]);
      await s.close();
    });

    it('migration 3 keeps the users and sessions of a version-2 database: no failures, last seen at creation', async () => {
      const file = path.join(dir, 'v2.db');
      const db = new Database(file);
      db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'x')`);
      for (const m of migrations.slice(0, 2)) {
        db.exec(m.up as string);
        db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      }
      db.prepare("INSERT INTO users VALUES ('li', 'admin', NULL, NULL, ?, 0, ?, ?)").run(hash, at, at);
      db.prepare("INSERT INTO sessions VALUES ('t', 'li', 1000, 9000)").run();
      db.close();
      const s = await openStore(file);
      try {
        const us = s.users;
        expect(await us.getUser('li')).toMatchObject({ failedLogins: 0, lastFailedMs: null, lockedAt: null });
        expect((await s.sessions.find('t'))!.session).toEqual({
          tokenHash: 't',
          user: 'li',
          createdMs: 1000,
          expiresMs: 9000,
          lastSeenMs: 1000,
        });
      } finally {
        await s.close();
      }
    });
  });

  describe('SQLite user rows', () => {
    it('backup and restore carry the accounts', async () => {
      const us = store.users;
      await us.addUser({ name: 'admin', role: 'admin', passwordHash: hash, at });
      await us.addUser({ name: 'li', role: 'officer', region: 'qinzhou', passwordHash: hash, at });
      const out = path.join(dir, 'backup.db');
      await store.backupTo(out);
      await us.setDisabled('li', true, at);
      await store.close();
      await restoreBackup(out, path.join(dir, 'u.db'));
      store = await openStore(path.join(dir, 'u.db'));
      expect((await store.users.listUsers()).map((u) => [u.name, u.role, u.region, u.disabled])).toEqual([
        ['admin', 'admin', null, false],
        ['li', 'officer', 'qinzhou', false],
      ]);
    });

    it('a read-only store can read users but prepares no writes', async () => {
      await store.users.addUser({ name: 'admin', role: 'admin', passwordHash: hash, at });
      const ro = await openStore(path.join(dir, 'u.db'), { readonly: true });
      try {
        expect(await ro.users.countActive('admin')).toBe(1);
        await expect(ro.users.setDisabled('admin', true, at)).rejects.toThrowError(/^store: 只读打开 opened read-only/);
      } finally {
        await ro.close();
      }
    });
  });
});

describe.each(BACKENDS)('$name store', (backend) => {
  let db: TestDb;

  beforeEach(async () => {
    db = await backend.open();
    store = db.store;
  });
  afterEach(() => db.cleanup());

  describe('the last active admin', () => {
    it('disabling it is refused with keepAdmin, in the change itself: another admin, a clerk, an enable and a forced disable pass', async () => {
      const us = store.users;
      for (const name of ['a1', 'a2']) await us.addUser({ name, role: 'admin', passwordHash: hash, at });
      await us.addUser({ name: 'c', role: 'clerk', town: '那丽镇', passwordHash: hash, at });
      expect((await us.setDisabled('a1', true, at, undefined, { keepAdmin: true })).disabled).toBe(true);
      await expect(us.setDisabled('a2', true, at, undefined, { keepAdmin: true })).rejects.toThrowError(LastAdminError);
      expect((await us.getUser('a2'))!.disabled).toBe(false);
      expect((await us.setDisabled('c', true, at, undefined, { keepAdmin: true })).disabled).toBe(true);
      // Disabling one already disabled, or enabling, never leaves fewer admins.
      expect((await us.setDisabled('a1', true, at, undefined, { keepAdmin: true })).disabled).toBe(true);
      expect((await us.setDisabled('a1', false, at, undefined, { keepAdmin: true })).disabled).toBe(false);
      await us.setDisabled('a1', true, at);
      expect((await us.setDisabled('a2', true, at)).disabled).toBe(true);
      expect(await us.countActive('admin')).toBe(0);
    });

    it('two store instances disabling the last two admins at once: one of them is refused, every time', async () => {
      const one = store.users;
      const two = (await db.another()).users;
      for (const name of ['a1', 'a2']) await one.addUser({ name, role: 'admin', passwordHash: hash, at });
      for (let round = 0; round < 8; round++) {
        const results = await Promise.allSettled([
          one.setDisabled('a1', true, at, undefined, { keepAdmin: true }),
          two.setDisabled('a2', true, at, undefined, { keepAdmin: true }),
        ]);
        const refused = results.filter((r) => r.status === 'rejected');
        expect(refused.map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(LastAdminError)]);
        expect(await one.countActive('admin')).toBe(1);
        for (const name of ['a1', 'a2']) await one.setDisabled(name, false, at);
      }
    });
  });

  describe('user rows', () => {
    it('adds, reads, lists in name order, and never lists the hash', async () => {
      const us = store.users;
      const u = await us.addUser({ name: 'zhang', role: 'clerk', town: '那丽镇', passwordHash: hash, at });
      expect(u).toEqual({
        name: 'zhang',
        role: 'clerk',
        town: '那丽镇',
        region: null,
        disabled: false,
        failedLogins: 0,
        lockedAt: null,
        createdAt: at,
        updatedAt: at,
      });
      await us.addUser({ name: 'admin', role: 'admin', passwordHash: hash, at });
      expect((await us.listUsers()).map((x) => x.name)).toEqual(['admin', 'zhang']);
      expect(JSON.stringify(await us.listUsers())).not.toContain('scrypt');
      expect((await us.getUser('zhang'))!.passwordHash).toBe(hash);
      expect(await us.getUser('nobody')).toBeUndefined();
    });

    it('refuses duplicates, unknown roles, and a clerk without a town or an officer without a region', async () => {
      const us = store.users;
      await us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
      await expect(us.addUser({ name: 'a', role: 'researcher', passwordHash: hash, at })).rejects.toThrowError(UserExistsError);
      await expect(us.addUser({ name: 'b', role: 'root' as 'admin', passwordHash: hash, at })).rejects.toThrowError(/^role: /);
      await expect(us.addUser({ name: 'c', role: 'clerk', passwordHash: hash, at })).rejects.toThrowError(/^town: .*needs a town/);
      await expect(us.addUser({ name: 'd', role: 'officer', passwordHash: hash, at })).rejects.toThrowError(/^region: /);
      await expect(us.addUser({ name: '', role: 'admin', passwordHash: hash, at })).rejects.toThrowError(/^name: /);
      expect((await us.listUsers()).map((x) => x.name)).toEqual(['a']);
    });

    it("disabling a user or changing the password ends the user's sessions, and no one else's", async () => {
      const us = store.users;
      await us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
      await us.addUser({ name: 'b', role: 'researcher', passwordHash: hash, at });
      await store.sessions.create({ tokenHash: 'ta', user: 'a', createdMs: 1000, expiresMs: 5000 });
      await store.sessions.create({ tokenHash: 'tb', user: 'b', createdMs: 1000, expiresMs: 5000 });
      expect((await store.sessions.find('ta'))!.user.name).toBe('a');
      await us.setDisabled('a', true, at);
      expect(await store.sessions.find('ta')).toBeUndefined();
      expect(await store.sessions.find('tb')).toBeDefined();
      await us.setPassword('b', hash + 'x', at);
      expect(await store.sessions.find('tb')).toBeUndefined();
      expect((await us.getUser('a'))!.disabled).toBe(true);
      expect(await us.countActive('admin')).toBe(0);
      await us.setDisabled('a', false, at);
      expect(await us.countActive('admin')).toBe(1);
      await expect(us.setDisabled('zz', true, at)).rejects.toThrowError(UserNotFoundError);
    });

    it('a session keeps its times; touching only moves last-seen forward; the sweep takes expired and idle ones', async () => {
      const us = store.users;
      await us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
      await store.sessions.create({ tokenHash: 't1', user: 'a', createdMs: 0, expiresMs: 1000 });
      await store.sessions.create({ tokenHash: 't2', user: 'a', createdMs: 0, expiresMs: 5000 });
      await store.sessions.create({ tokenHash: 't3', user: 'a', createdMs: 0, expiresMs: 5000 });
      expect((await store.sessions.find('t1'))?.session).toEqual({
        tokenHash: 't1',
        user: 'a',
        createdMs: 0,
        expiresMs: 1000,
        lastSeenMs: 0,
      });
      await store.sessions.touch('t2', 700);
      await store.sessions.touch('t2', 600);
      expect((await store.sessions.find('t2'))!.session.lastSeenMs).toBe(700);
      // Expired at or before 1000, or last seen at or before 500: t1 (expiry) and t3 (idle) go, t2 stays.
      expect(await store.sessions.deleteExpired(1000, 500)).toBe(2);
      expect([await store.sessions.find('t1'), await store.sessions.find('t3')]).toEqual([undefined, undefined]);
      expect(await store.sessions.find('t2')).toBeDefined();
      expect(await store.sessions.delete('t2')).toBe(true);
      expect(await store.sessions.delete('t2')).toBe(false);
      await expect(store.sessions.create({ tokenHash: 't4', user: 'nobody', createdMs: 0, expiresMs: 1 })).rejects.toThrowError(
        /foreign key/i,
      );
    });

    it('claims a login attempt only when the gate allows, counting it at once; success clears; lock and unlock', async () => {
      const us = store.users;
      await us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
      await store.sessions.create({ tokenHash: 'ta', user: 'a', createdMs: 0, expiresMs: 5000 });
      const open = () => true;
      expect(await us.claimLoginAttempt('a', 100, open)).toMatchObject({ claimed: true, user: { failedLogins: 1, lastFailedMs: 100 } });
      expect(await us.claimLoginAttempt('a', 200, open)).toMatchObject({ claimed: true, user: { failedLogins: 2, lastFailedMs: 200 } });
      const seen: number[] = [];
      expect(await us.claimLoginAttempt('a', 300, (u) => (seen.push(u.failedLogins), false))).toMatchObject({
        claimed: false,
        user: { failedLogins: 2 },
      });
      expect(seen).toEqual([2]);
      expect(await us.getUser('a')).toMatchObject({ failedLogins: 2, lastFailedMs: 200 });
      expect(await us.claimLoginAttempt('nobody', 300, open)).toBeUndefined();
      await us.clearLoginFailures('a');
      expect(await us.getUser('a')).toMatchObject({ failedLogins: 0, lastFailedMs: null });

      await us.claimLoginAttempt('a', 400, open);
      const later = '2026-03-01T09:00:00.000Z';
      expect((await us.lockUser('a', at)).lockedAt).toBe(at);
      // A second lock keeps the first time; the owner's open session stays.
      expect((await us.lockUser('a', later)).lockedAt).toBe(at);
      expect(await store.sessions.find('ta')).toBeDefined();
      expect(await us.unlockUser('a', later)).toMatchObject({ lockedAt: null, failedLogins: 0, updatedAt: later });
      expect((await us.getUser('a'))!.lastFailedMs).toBeNull();
      await expect(us.unlockUser('zz', later)).rejects.toThrowError(UserNotFoundError);
      await expect(us.lockUser('zz', later)).rejects.toThrowError(UserNotFoundError);
    });
  });

  describe('an account change and its security event', () => {
    const event = (type: SecurityEventType, subject: string, when = at) => ({ type, actor: 'admin', subject, at: when });
    const refused = () => ({ type: 'userChanged' as const, actor: 'admin', at: 'not a time' });

    beforeEach(async () => {
      await store.users.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
      await store.users.addUser({ name: 'b', role: 'clerk', town: '那丽镇', passwordHash: hash, at });
      await store.sessions.create({ tokenHash: 'tb', user: 'b', createdMs: 0, expiresMs: 5000 });
    });

    it('are written together: the event sees the account before and after, and is sealed into the audit chain', async () => {
      const seen: unknown[] = [];
      await store.users.claimLoginAttempt('b', 100, () => true);
      const u = await store.users.unlockUser('b', '2026-03-01T09:00:00.000Z', (change) => {
        seen.push(change);
        return { ...event('unlock', 'b', '2026-03-01T09:00:00.000Z'), detail: { failures: change.before!.failedLogins } };
      });
      expect(seen).toEqual([{ before: { ...u, failedLogins: 1, updatedAt: at }, after: u }]);
      await store.users.addUser({ name: 'c', role: 'researcher', passwordHash: hash, at }, ({ before, after }) => ({
        ...event('userCreated', after.name),
        detail: { role: after.role, new: before === null },
      }));
      expect((await store.listSecurityEvents()).map(({ id: _id, ...e }) => e)).toEqual([
        { type: 'unlock', actor: 'admin', subject: 'b', detail: { failures: 1 }, at: '2026-03-01T09:00:00.000Z' },
        { type: 'userCreated', actor: 'admin', subject: 'c', detail: { role: 'researcher', new: true }, at },
      ]);
      expect(await store.verifyAll()).toMatchObject({ ok: true, securityEvents: 2 });
    });

    it('a refused event leaves the account (and its sessions) as it was, for every kind of change', async () => {
      const before = await store.users.getUser('b');
      await expect(store.users.setDisabled('b', true, at, refused)).rejects.toThrowError(/^securityEvent\.at: /);
      await expect(store.users.setPassword('b', hash + 'x', at, refused)).rejects.toThrowError(/^securityEvent\.at: /);
      await expect(store.users.lockUser('b', at, refused)).rejects.toThrowError(/^securityEvent\.at: /);
      await expect(store.users.unlockUser('b', at, refused)).rejects.toThrowError(/^securityEvent\.at: /);
      await expect(store.users.addUser({ name: 'c', role: 'admin', passwordHash: hash, at }, refused)).rejects.toThrowError(
        /^securityEvent\.at: /,
      );
      expect(await store.users.getUser('b')).toEqual(before);
      expect(await store.users.getUser('c')).toBeUndefined();
      expect(await store.sessions.find('tb')).toBeDefined();
      // An event function that throws is refused the same way.
      await expect(
        store.users.setDisabled('b', true, at, () => {
          throw new Error('no event');
        }),
      ).rejects.toThrowError('no event');
      expect(await store.users.getUser('b')).toEqual(before);
      expect(await store.listSecurityEvents()).toEqual([]);
      expect(await store.verifyAll()).toMatchObject({ ok: true, securityEvents: 0 });
    });

    it('a refused change writes no event', async () => {
      await expect(store.users.setDisabled('nobody', true, at, () => event('userDisabled', 'nobody'))).rejects.toThrowError(
        UserNotFoundError,
      );
      await expect(
        store.users.addUser({ name: 'a', role: 'admin', passwordHash: hash, at }, () => event('userCreated', 'a')),
      ).rejects.toThrowError(UserExistsError);
      await expect(store.users.setPassword('b', '', at, () => event('userChanged', 'b'))).rejects.toThrowError(/^passwordHash: /);
      expect(await store.listSecurityEvents()).toEqual([]);
    });

    it('null records nothing: a lock already in place is not recorded again', async () => {
      const lockout = ({ before }: { before: { lockedAt: string | null } | null }) =>
        before?.lockedAt === null ? event('lockout', 'b') : null;
      expect((await store.users.lockUser('b', at, lockout)).lockedAt).toBe(at);
      expect((await store.users.lockUser('b', '2026-03-02T08:00:00.000Z', lockout)).lockedAt).toBe(at);
      expect((await store.listSecurityEvents()).map((e) => e.type)).toEqual(['lockout']);
    });

    it('sessions and feed tokens write their events with them, and none when nothing changed', async () => {
      await store.sessions.create({ tokenHash: 'ta', user: 'a', createdMs: 0, expiresMs: 5000 }, { type: 'login', actor: 'a', at });
      await expect(
        store.sessions.create({ tokenHash: 'tz', user: 'a', createdMs: 0, expiresMs: 5000 }, { type: 'login', actor: '', at }),
      ).rejects.toThrowError(/^securityEvent\.actor: /);
      expect(await store.sessions.find('tz')).toBeUndefined();
      expect(await store.sessions.delete('ta', (s) => ({ type: 'logout', actor: s.user, at }))).toBe(true);
      expect(await store.sessions.delete('ta', (s) => ({ type: 'logout', actor: s.user, at }))).toBe(false);
      await store.feedTokens.set('b', 'fb', at, { type: 'feedTokenCreated', actor: 'b', at });
      await expect(store.feedTokens.set('nobody', 'fz', at, { type: 'feedTokenCreated', actor: 'nobody', at })).rejects.toThrowError(
        UserNotFoundError,
      );
      expect((await store.feedTokens.find('fb'))?.user.name).toBe('b');
      expect(await store.feedTokens.delete('b', { type: 'feedTokenRevoked', actor: 'b', at })).toBe(true);
      expect(await store.feedTokens.delete('b', { type: 'feedTokenRevoked', actor: 'b', at })).toBe(false);
      expect((await store.listSecurityEvents()).map((e) => `${e.type} ${e.actor}`)).toEqual([
        'login a',
        'logout a',
        'feedTokenCreated b',
        'feedTokenRevoked b',
      ]);
    });

    it("no part of the store may be written from inside a command's decide", async () => {
      await store.createCase(createInput());
      await expect(
        store.runCommand({
          caseId: 'C1',
          expectedVersion: 1,
          idempotencyKey: 'k',
          user: 'a',
          at,
          decide: () => {
            void store.users.setDisabled('b', true, at);
            return { events: [{ type: 'X', payload: {} }], state: {} };
          },
        }),
      ).rejects.toThrowError(/^decide: .*must not write to the store/);
      expect((await store.users.getUser('b'))!.disabled).toBe(false);
      expect((await store.getCase('C1'))!.version).toBe(1);
    });
  });
});
