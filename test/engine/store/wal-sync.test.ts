// Group commit (engine/store/wal-sync.ts): a SQLite write resolves only after an fsync of the WAL
// that began after its commit, commits made meanwhile share one fsync, and a failed fsync fails
// the writes it was to cover.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../../engine/store/index.ts';
import { WalSync } from '../../../engine/store/wal-sync.ts';
import { createInput, open, tempDir } from './helpers.ts';

let dir: string;
let file: string;
let store: Store | undefined;
/** What happened, in order: `sync <path>` when an fsync finished, `done <n>` when a write resolved. */
let log: string[];

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'wal.db');
  log = [];
  const realOpen = fs.promises.open.bind(fs.promises);
  vi.spyOn(fs.promises, 'open').mockImplementation(async (p, flags) => {
    const h = await realOpen(p, flags);
    const realSync = h.sync.bind(h);
    h.sync = async () => {
      await realSync();
      log.push(`sync ${path.basename(String(p))}`);
    };
    return h;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await store?.close();
  store = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite group commit', () => {
  it('resolves a write only after the WAL (and once the folder) was synced', async () => {
    store = await open(file);
    log = [];
    await store.createCase(createInput());
    log.push('done 1');
    await store.createCase(createInput({ idempotencyKey: 'create-2' }));
    log.push('done 2');
    expect(log).toEqual([`sync wal.db-wal`, `sync ${path.basename(dir)}`, 'done 1', 'sync wal.db-wal', 'done 2']);
  });

  it('covers writes made while an fsync runs with one more fsync, not one each', async () => {
    store = await open(file);
    await store.createCase(createInput());
    log = [];
    const s = store;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.createCase(createInput({ idempotencyKey: `k${i}` })).then(() => log.push(`done ${i}`))),
    );
    const syncs = log.filter((l) => l.startsWith('sync')).length;
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThanOrEqual(2);
    // Every write resolved after the last fsync it needed.
    expect(log.findIndex((l) => l.startsWith('done'))).toBeGreaterThan(log.findIndex((l) => l.startsWith('sync')));
    expect((await s.listCases()).length).toBe(21);
  });

  it('fails the writes an fsync was to cover when it fails, and syncs again for the next', async () => {
    fs.writeFileSync(file + '-wal', '');
    const w = new WalSync(file);
    vi.mocked(fs.promises.open).mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(Promise.all([w.durable(), w.durable()])).rejects.toThrow(/EIO/);
    await w.durable();
    expect(log).toContain('sync wal.db-wal');
  });

  it('has nothing to sync when the WAL is not there (checkpointed away on close)', async () => {
    await expect(new WalSync(path.join(dir, 'none.db')).durable()).resolves.toBeUndefined();
  });
});
