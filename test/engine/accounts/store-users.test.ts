// Migration 2 and the users/sessions rows: what the store keeps, what it refuses, and that
// backups carry accounts along.
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

describe('migration 2: users and sessions', () => {
  it('is the latest migration and creates both tables', () => {
    expect(migrations.map((m) => [m.version, m.name])).toEqual([
      [1, 'cases, append-only hash-chained events, command log, contract numbers'],
      [2, 'users and sessions'],
    ]);
    expect(LATEST_SCHEMA_VERSION).toBe(2);
    expect(store.schemaVersion()).toBe(2);
    const db = new Database(path.join(dir, 'u.db'), { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    db.close();
    expect(tables).toEqual(['cases', 'commands', 'contract_numbers', 'events', 'schema_migrations', 'sessions', 'users']);
  });

  it('upgrades a version-1 database in place, keeping its cases', () => {
    const file = path.join(dir, 'v1.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'x')`);
    db.exec(typeof migrations[0]!.up === 'string' ? migrations[0]!.up : '');
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (1, ?)').run(migrations[0]!.name);
    db.close();
    const s = openStore(file);
    expect(s.schemaVersion()).toBe(2);
    expect(userStore(s).listUsers()).toEqual([]);
    s.close();
  });
});

describe('user rows', () => {
  it('adds, reads, lists in name order, and never lists the hash', () => {
    const us = userStore(store);
    const u = us.addUser({ name: 'zhang', role: 'clerk', town: '那丽镇', passwordHash: hash, at });
    expect(u).toEqual({ name: 'zhang', role: 'clerk', town: '那丽镇', region: null, disabled: false, createdAt: at, updatedAt: at });
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

  it('disabling a user or changing the password ends the user\'s sessions, and no one else\'s', () => {
    const us = userStore(store);
    us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
    us.addUser({ name: 'b', role: 'researcher', passwordHash: hash, at });
    us.createSession({ tokenHash: 'ta', user: 'a', createdMs: 1000, expiresMs: 5000 });
    us.createSession({ tokenHash: 'tb', user: 'b', createdMs: 1000, expiresMs: 5000 });
    expect(us.findSession('ta', 2000)!.user.name).toBe('a');
    us.setDisabled('a', true, at);
    expect(us.findSession('ta', 2000)).toBeUndefined();
    expect(us.findSession('tb', 2000)).toBeDefined();
    us.setPassword('b', hash + 'x', at);
    expect(us.findSession('tb', 2000)).toBeUndefined();
    expect(us.getUser('a')!.disabled).toBe(true);
    expect(us.countActive('admin')).toBe(0);
    us.setDisabled('a', false, at);
    expect(us.countActive('admin')).toBe(1);
    expect(() => us.setDisabled('zz', true, at)).toThrowError(UserNotFoundError);
  });

  it('a session is found strictly before its expiry, then swept', () => {
    const us = userStore(store);
    us.addUser({ name: 'a', role: 'admin', passwordHash: hash, at });
    us.createSession({ tokenHash: 't1', user: 'a', createdMs: 0, expiresMs: 1000 });
    us.createSession({ tokenHash: 't2', user: 'a', createdMs: 0, expiresMs: 2000 });
    expect(us.findSession('t1', 999)?.session).toEqual({ tokenHash: 't1', user: 'a', createdMs: 0, expiresMs: 1000 });
    expect(us.findSession('t1', 1000)).toBeUndefined();
    expect(us.deleteExpiredSessions(1000)).toBe(1);
    expect(us.findSession('t2', 1500)).toBeDefined();
    expect(us.deleteSession('t2')).toBe(true);
    expect(us.deleteSession('t2')).toBe(false);
    expect(() => us.createSession({ tokenHash: 't3', user: 'nobody', createdMs: 0, expiresMs: 1 })).toThrowError(/FOREIGN KEY/);
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
    expect(userStore(store).listUsers().map((u) => [u.name, u.role, u.region, u.disabled])).toEqual([
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
