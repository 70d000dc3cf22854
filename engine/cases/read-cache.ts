// Case reads dominate a clerk's day; each would otherwise parse the stored state and serialise it
// again. This cache keeps each case's response bytes, valid while the database has not changed.
// "Not changed" is SQLite's PRAGMA data_version on a connection of our own: it moves whenever any
// other connection commits — the store's, another process's (a CLI writing the same file) —
// so a read never sees bytes older than the last commit. Read-only: it never writes.
import Database from 'better-sqlite3';

export class ReadCache {
  private readonly db: Database.Database;
  private readonly version: Database.Statement;
  private seen = -1;
  private readonly entries = new Map<string, Buffer>();

  private constructor(
    file: string,
    private readonly max: number,
  ) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.version = this.db.prepare('PRAGMA data_version').pluck();
  }

  /** A cache on the store's file, or null when there is none to watch (in-memory stores). */
  static open(file: string | undefined, max = 2000): ReadCache | null {
    if (!file || file === ':memory:') return null;
    try {
      return new ReadCache(file, max);
    } catch {
      return null;
    }
  }

  private fresh(): void {
    const v = this.version.get() as number;
    if (v !== this.seen) {
      this.entries.clear();
      this.seen = v;
    }
  }

  async get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    this.fresh();
    const hit = this.entries.get(key);
    if (hit) return hit;
    const seen = this.seen;
    const value = await make();
    // Kept only when nothing was committed while it was made: else it may be older than the database.
    if (this.version.get() !== seen) return value;
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
