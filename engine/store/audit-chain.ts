// Appending to the audit chain on SQLite. Called only inside a write transaction, which already
// holds the database's single write lock: reading the head and appending after it adds no
// serialisation the command did not already have. Digest and MAC are stored as bytes (packing.ts).
import type Database from 'better-sqlite3';
import { chainEntries, type MacKey, type PendingEntry } from './mac.ts';
import { hexOf, packHash } from './packing.ts';

export class AuditChainWriter {
  private readonly head: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly key: MacKey,
  ) {
    this.head = db.prepare('SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO audit_chain (gseq, kind, ref, digest, mac) VALUES (?, ?, ?, ?, ?)');
  }

  /** Appends the entries after the current head, in order. */
  append(entries: readonly PendingEntry[]): void {
    if (entries.length === 0) return;
    const head = chainHead(this.head.get() as { gseq: number; mac: string | Buffer } | undefined);
    for (const e of chainEntries(this.key, head, entries)) this.insert.run(e.gseq, e.kind, e.ref, packHash(e.digest), packHash(e.mac));
  }
}

/** The chain's last entry as the MAC arithmetic takes it (its MAC in hex), on either backend. */
export function chainHead(row: { gseq: number; mac: string | Buffer } | undefined): { gseq: number; mac: string } | undefined {
  return row && { gseq: row.gseq, mac: hexOf(row.mac) };
}
