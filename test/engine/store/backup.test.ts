import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokenBackupError, openStore, restoreBackup, type Store } from '../../../engine/store/index.ts';
import { at, createInput, open, tempDir } from './helpers.ts';

let dir: string;
let file: string;
let store: Store;

async function fill(s: Store, n: number, keyPrefix = 'k'): Promise<void> {
  for (let i = 0; i < n; i++) {
    const id = (await s.createCase(createInput({ idempotencyKey: `${keyPrefix}c${i}` }))).id;
    await s.runCommand({
      caseId: id,
      expectedVersion: 1,
      idempotencyKey: `${keyPrefix}r${i}`,
      user: 'clerk1',
      at: at(2),
      decide: (_c, t) => ({
        events: [{ type: 'Contract', payload: { number: t.allocateContractNumber('转让', '那丽镇', 2026).text } }],
        state: { step: 'contract', count: 2 },
      }),
    });
  }
}

async function snapshot(s: Store) {
  return {
    cases: await s.listCases({ limit: 1000 }),
    events: (await Promise.all((await s.listCases({ limit: 1000 })).map((c) => s.getEvents(c.id)))).flat(),
    numbers: await s.listContractNumbers(),
  };
}

beforeEach(async () => {
  dir = tempDir();
  file = path.join(dir, 'live.db');
  store = await open(file);
  await fill(store, 3);
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backupTo', () => {
  it('writes one self-contained, verifying file with the same content, while the store stays open', async () => {
    const out = path.join(dir, 'b.db');
    await store.backupTo(out);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('b.db'))).toEqual(['b.db']);
    // The copy carries no key: it verifies with the live database's key, and without one it says so.
    expect(fs.existsSync(out + '.key')).toBe(false);
    const bare = await openStore(out, { readonly: true });
    expect(await bare.verifyAll()).toMatchObject({ ok: false, mac: 'noKey', problems: [], chainProblems: [] });
    await bare.close();
    const copy = await openStore(out, { readonly: true, keyFile: file + '.key' });
    try {
      expect(await copy.verifyAll()).toMatchObject({ ok: true, mac: 'verified', cases: 3, events: 6, contractNumbers: 3 });
      expect(await snapshot(copy)).toEqual(await snapshot(store));
    } finally {
      await copy.close();
    }
    const db = new Database(out, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    // The live store goes on working after the backup.
    expect((await store.createCase(createInput({ idempotencyKey: 'after' }))).id).toBe('C4');
  });

  it('overwrites an existing backup and removes a stale -wal beside it', async () => {
    const out = path.join(dir, 'b.db');
    fs.writeFileSync(out, 'old');
    fs.writeFileSync(out + '-wal', 'stale');
    await store.backupTo(out);
    expect(fs.existsSync(out + '-wal')).toBe(false);
    const copy = await openStore(out, { readonly: true, keyFile: file + '.key' });
    expect((await copy.verifyAll()).ok).toBe(true);
    await copy.close();
  });

  it('refuses the database itself and a missing directory', async () => {
    await expect(store.backupTo(file)).rejects.toThrowError(/the backup target is the database itself/);
    await expect(store.backupTo(path.join(dir, 'no', 'b.db'))).rejects.toThrowError(/no such directory/);
  });
});

describe('restoreBackup', () => {
  it('round-trips: later changes are undone and the replaced database is kept aside', async () => {
    const out = path.join(dir, 'b.db');
    await store.backupTo(out);
    const before = await snapshot(store);
    await fill(store, 2, 'later');
    expect(await store.countCases()).toBe(5);
    await store.close();

    const r = await restoreBackup(out, file);
    expect(r.source).toMatchObject({ ok: true, cases: 3, events: 6 });
    expect(r.restored).toMatchObject({ ok: true, cases: 3, events: 6, contractNumbers: 3 });
    expect(r.previous).toBe(file + '.pre-restore.db');

    store = await open(file);
    expect(await snapshot(store)).toEqual(before);
    // The sequence continues from the restored state: 004 again, as 004 and 005 were never restored.
    await store.runCommand({
      caseId: 'C1',
      expectedVersion: 2,
      idempotencyKey: 'post',
      user: 'u',
      at: at(3),
      decide: (_c, t) => ({ events: [{ type: 'N', payload: t.allocateContractNumber('转让', '那丽镇', 2026) }], state: {} }),
    });
    expect((await store.listContractNumbers()).map((n) => n.seq)).toEqual([1, 2, 3, 4]);

    const kept = await openStore(r.previous!, { readonly: true });
    expect(await kept.countCases()).toBe(5);
    await kept.close();
  });

  it('restores while another connection holds the database open, which then sees the restored data', async () => {
    const out = path.join(dir, 'b.db');
    await store.backupTo(out);
    await fill(store, 1, 'later');
    await restoreBackup(out, file);
    expect(await store.countCases()).toBe(3);
    expect((await store.verifyAll()).ok).toBe(true);
  });

  it('restores into a new file, creating its directory, and keeps no previous copy', async () => {
    const out = path.join(dir, 'b.db');
    await store.backupTo(out);
    const target = path.join(dir, 'fresh', 'landflow.db');
    // A new place has no key beside it: without the key the backup cannot be verified, so it is refused.
    await expect(restoreBackup(out, target)).rejects.toThrowError(/no audit key, the MACs cannot be checked/);
    const r = await restoreBackup(out, target, { keyFile: file + '.key' });
    expect(r.previous).toBeUndefined();
    const s = await openStore(target, { keyFile: file + '.key' });
    expect(await s.countCases()).toBe(3);
    expect((await s.verifyAll()).ok).toBe(true);
    await s.close();
  });

  it('moves an unreadable target aside as it is', async () => {
    const out = path.join(dir, 'b.db');
    await store.backupTo(out);
    const target = path.join(dir, 'broken.db');
    fs.writeFileSync(target, 'garbage '.repeat(100));
    const r = await restoreBackup(out, target, { keyFile: file + '.key' });
    expect(r.previous).toBe(target + '.pre-restore.db');
    expect(fs.readFileSync(r.previous!, 'utf8')).toBe('garbage '.repeat(100));
    expect(r.restored.ok).toBe(true);
  });

  it('refuses a backup whose chain is broken and leaves the target untouched', async () => {
    const out = path.join(dir, 'b.db');
    await store.backupTo(out);
    const db = new Database(out);
    db.exec('DROP TRIGGER events_append_only_update');
    db.prepare(`UPDATE events SET payload = '{"number":"转让（2026）第 009 号"}' WHERE case_id = 'C2' AND seq = 2`).run();
    db.exec(`CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'x'); END`);
    db.close();
    await fill(store, 1, 'later');
    const err = await restoreBackup(out, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokenBackupError);
    expect((err as BrokenBackupError).result.firstBroken).toMatchObject({ caseId: 'C2', seq: 2 });
    expect((err as Error).message).toMatch(/^拒绝恢复：备份校验失败 refusing to restore.*case C2, seq 2: 哈希不符/);
    expect(await store.countCases()).toBe(4);
    expect(fs.existsSync(file + '.pre-restore.db')).toBe(false);
  });

  it('refuses a missing backup and the target itself', async () => {
    await expect(restoreBackup(path.join(dir, 'none.db'), file)).rejects.toThrowError(/database file not found/);
    await expect(restoreBackup(file, file)).rejects.toThrowError(/the same file/);
  });
});
