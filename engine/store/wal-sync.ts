// Group commit for the SQLite store. With synchronous = FULL, SQLite fsyncs the WAL inside every
// COMMIT, and better-sqlite3 runs that on the event loop: nothing else is served for the ~2 ms of
// each fsync, and each command pays one of its own. Instead the store commits with synchronous =
// NORMAL (the WAL frames are written to the file, not yet synced) and its write's promise waits
// here for an fsync of the WAL that began after the commit, run off the event loop (libuv's
// thread pool). Commits made while one fsync runs share the next: one fsync covers every frame
// written before it. So a resolved write is on disk exactly as under FULL — through a process
// crash (the frames are in the OS's page cache the moment COMMIT returns) and through a power cut
// (synced before it resolves); only the acknowledgement waits, not the server (docs/database.md).
//
// The WAL is reopened by name for each fsync: SQLite keeps one -wal file per database while any
// connection is open and reuses it from its start after a checkpoint, and fsync flushes a file's
// data whichever descriptor wrote it. The folder is synced once as well, so that the WAL's own
// name survives a power cut after it was created.
import fs from 'node:fs';
import path from 'node:path';

export class WalSync {
  /** Commits made so far, and how many of them an fsync has covered. */
  private written = 0;
  private synced = 0;
  private running: Promise<void> | null = null;
  private folderSynced = false;

  constructor(private readonly file: string) {}

  /** Resolves once the commits made before this call are on disk (rejects if the fsync fails). */
  async durable(): Promise<void> {
    const mine = ++this.written;
    while (this.synced < mine) {
      if (this.running) {
        await this.running;
        continue;
      }
      // The commits this fsync covers: every one made before it starts.
      const upTo = this.written;
      this.running = this.sync().then(() => {
        this.synced = Math.max(this.synced, upTo);
      });
      try {
        await this.running;
      } finally {
        this.running = null;
      }
    }
  }

  private async sync(): Promise<void> {
    await fsyncPath(this.file + '-wal');
    if (!this.folderSynced) {
      await fsyncPath(path.dirname(this.file));
      this.folderSynced = true;
    }
  }
}

/** fsync of a file or folder by name; one that is not there has nothing unsynced (a WAL checkpointed away on close). */
async function fsyncPath(p: string): Promise<void> {
  let h: fs.promises.FileHandle;
  try {
    h = await fs.promises.open(p, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
