// Migrations 2 and 3 and the users/sessions rows: what the store keeps, what it refuses, the
// failed-login counts and locks, session activity, and that backups carry accounts along.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  UserExistsError,
  UserNotFoundError,
  openStore,
  restoreBackup,
  userStore,
  type Store,
} from '../../../engine/store/index.ts';
import { migrations } from '../../../engine/store/migrations.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let store: Store;
const at = '2026-03-01T08:00:00.000Z';
const hash = 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5';

beforeEach(() => {
  dir = tempDir();
  store = openStore(path.join(dir, 'u.db'));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrations 2 and 3: users, sessions, lock-out and idle time', () => {
  it('are migrations 2 and 3 and create the tables and columns accounts need', () => {
    expect(migrations.slice(1, 3).map((m) => [m.version, m.name])).toEqual([
      [2, 'users and sessions'],
      [3, 'login failure counts and lock-out, session idle time'],
    ]);
    expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
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

  it('upgrades a version-1 database in place, keeping its cases', () => {
    const file = path.join(dir, 'v1.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'x')`);
    db.exec(typeof migrations[0]!.up === 'string' ? migrations[0]!.up : '');
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (1, ?)').run(migrations[0]!.name);
    db.close();
    const s = openStore(file);
    expect(s.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(userStore(s).listUsers()).toEqual([]);
    s.close();
  });

  it('migration 3 keeps the users and sessions of a version-2 database: no failures, last seen at creation', () => {
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
    const s = openStore(file);
    try {
      const us = userStore(s);
      expect(us.getUser('li')).toMatchObject({ failedLogins: 0, lastFailedMs: null, lockedAt: null });
      expect(us.findSession('t')!.session).toEqual({ tokenHash: 't', user: 'li', createdMs: 1000, expiresMs: 9000, lastSeenMs: 1000 });
    } finally {
      s.close();
    }
  });
});

describe('user rows', () => {
  it('adds, reads, lists in name order, and never lists the hash', () => {
    const us = userStore(store);
    const u = us.addUser({ name: 'zhang', role: 'clerk', town: '那丽镇', passwordHash: hash, at });
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
    us.addUser({ name: 'admin', role: 'admin', passwordHash: hash, at });
    expect(us.listUsers().map((x) => x.name)).toEqual(['admin', 'zhang']);
    expect(JSON.stringify(us.listUsers())).not.toContain('scrypt');
    expect(us.getUser('zhang')!.passwordHash).toBe(hash);
    expect(us.getUser('nobody')).toBeUndefined();
    expect(userStore(store)).toBe(us);
  });

  it('refuses duplicates, unknown roles, and a clerk without a town or an officer without a region', () => {
    const us = userStore(store);
    us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
    expect(() => us.addUser({ name: 'a', role: 'researcher', passwordHash: hash, at })).toThrowError(UserExistsError);
    expect(() => us.addUser({ name: 'b', role: 'root' as 'admin', passwordHash: hash, at })).toThrowError(/^role: /);
    expect(() => us.addUser({ name: 'c', role: 'clerk', passwordHash: hash, at })).toThrowError(/^town: .*needs a town/);
    expect(() => us.addUser({ name: 'd', role: 'officer', passwordHash: hash, at })).toThrowError(/^region: /);
    expect(() => us.addUser({ name: '', role: 'admin', passwordHash: hash, at })).toThrowError(/^name: /);
    expect(us.listUsers().map((x) => x.name)).toEqual(['a']);
  });

  it("disabling a user or changing the password ends the user's sessions, and no one else's", () => {
    const us = userStore(store);
    us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
    us.addUser({ name: 'b', role: 'researcher', passwordHash: hash, at });
    us.createSession({ tokenHash: 'ta', user: 'a', createdMs: 1000, expiresMs: 5000 });
    us.createSession({ tokenHash: 'tb', user: 'b', createdMs: 1000, expiresMs: 5000 });
    expect(us.findSession('ta')!.user.name).toBe('a');
    us.setDisabled('a', true, at);
    expect(us.findSession('ta')).toBeUndefined();
    expect(us.findSession('tb')).toBeDefined();
    us.setPassword('b', hash + 'x', at);
    expect(us.findSession('tb')).toBeUndefined();
    expect(us.getUser('a')!.disabled).toBe(true);
    expect(us.countActive('admin')).toBe(0);
    us.setDisabled('a', false, at);
    expect(us.countActive('admin')).toBe(1);
    expect(() => us.setDisabled('zz', true, at)).toThrowError(UserNotFoundError);
  });

  it('a session keeps its times; touching only moves last-seen forward; the sweep takes expired and idle ones', () => {
    const us = userStore(store);
    us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
    us.createSession({ tokenHash: 't1', user: 'a', createdMs: 0, expiresMs: 1000 });
    us.createSession({ tokenHash: 't2', user: 'a', createdMs: 0, expiresMs: 5000 });
    us.createSession({ tokenHash: 't3', user: 'a', createdMs: 0, expiresMs: 5000 });
    expect(us.findSession('t1')?.session).toEqual({ tokenHash: 't1', user: 'a', createdMs: 0, expiresMs: 1000, lastSeenMs: 0 });
    us.touchSession('t2', 700);
    us.touchSession('t2', 600);
    expect(us.findSession('t2')!.session.lastSeenMs).toBe(700);
    // Expired at or before 1000, or last seen at or before 500: t1 (expiry) and t3 (idle) go, t2 stays.
    expect(us.deleteExpiredSessions(1000, 500)).toBe(2);
    expect([us.findSession('t1'), us.findSession('t3')]).toEqual([undefined, undefined]);
    expect(us.findSession('t2')).toBeDefined();
    expect(us.deleteSession('t2')).toBe(true);
    expect(us.deleteSession('t2')).toBe(false);
    expect(() => us.createSession({ tokenHash: 't4', user: 'nobody', createdMs: 0, expiresMs: 1 })).toThrowError(/FOREIGN KEY/);
  });

  it('claims a login attempt only when the gate allows, counting it at once; success clears; lock and unlock', () => {
    const us = userStore(store);
    us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
    us.createSession({ tokenHash: 'ta', user: 'a', createdMs: 0, expiresMs: 5000 });
    const open = () => true;
    expect(us.claimLoginAttempt('a', 100, open)).toMatchObject({ claimed: true, user: { failedLogins: 1, lastFailedMs: 100 } });
    expect(us.claimLoginAttempt('a', 200, open)).toMatchObject({ claimed: true, user: { failedLogins: 2, lastFailedMs: 200 } });
    const seen: number[] = [];
    expect(us.claimLoginAttempt('a', 300, (u) => (seen.push(u.failedLogins), false))).toMatchObject({
      claimed: false,
      user: { failedLogins: 2 },
    });
    expect(seen).toEqual([2]);
    expect(us.getUser('a')).toMatchObject({ failedLogins: 2, lastFailedMs: 200 });
    expect(us.claimLoginAttempt('nobody', 300, open)).toBeUndefined();
    us.clearLoginFailures('a');
    expect(us.getUser('a')).toMatchObject({ failedLogins: 0, lastFailedMs: null });

    us.claimLoginAttempt('a', 400, open);
    const later = '2026-03-01T09:00:00.000Z';
    expect(us.lockUser('a', at).lockedAt).toBe(at);
    // A second lock keeps the first time; the owner's open session stays.
    expect(us.lockUser('a', later).lockedAt).toBe(at);
    expect(us.findSession('ta')).toBeDefined();
    expect(us.unlockUser('a', later)).toMatchObject({ lockedAt: null, failedLogins: 0, updatedAt: later });
    expect(us.getUser('a')!.lastFailedMs).toBeNull();
    expect(() => us.unlockUser('zz', later)).toThrowError(UserNotFoundError);
    expect(() => us.lockUser('zz', later)).toThrowError(UserNotFoundError);
  });

  it('backup and restore carry the accounts', async () => {
    const us = userStore(store);
    us.addUser({ name: 'admin', role: 'admin', passwordHash: hash, at });
    us.addUser({ name: 'li', role: 'officer', region: 'qinzhou', passwordHash: hash, at });
    const out = path.join(dir, 'backup.db');
    await store.backupTo(out);
    us.setDisabled('li', true, at);
    store.close();
    await restoreBackup(out, path.join(dir, 'u.db'));
    store = openStore(path.join(dir, 'u.db'));
    expect(
      userStore(store)
        .listUsers()
        .map((u) => [u.name, u.role, u.region, u.disabled]),
    ).toEqual([
      ['admin', 'admin', null, false],
      ['li', 'officer', 'qinzhou', false],
    ]);
  });

  it('a read-only store can read users but prepares no writes', () => {
    userStore(store).addUser({ name: 'admin', role: 'admin', passwordHash: hash, at });
    const ro = openStore(path.join(dir, 'u.db'), { readonly: true });
    try {
      expect(userStore(ro).countActive('admin')).toBe(1);
      expect(() => userStore(ro).setDisabled('admin', true, at)).toThrowError(/readonly/i);
    } finally {
      ro.close();
    }
  });
});
