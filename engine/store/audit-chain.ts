// Appending to the audit chain on SQLite. Called only inside a write transaction, which already
// holds the database's single write lock: reading the head and appending after it adds no
// serialisation the command did not already have.
import type Database from 'better-sqlite3';
import { chainEntries, type MacKey, type PendingEntry } from './mac.ts';

export class AuditChainWriter {
  private readonly head: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly key: MacKey,
  ) {
    this.head = db.prepare('SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO audit_chain (gseq, kind, ref, digest, prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?)');
  }

  /** Appends the entries after the current head, in order. */
  append(entries: readonly PendingEntry[]): void {
    if (entries.length === 0) return;
    const head = this.head.get() as { gseq: number; mac: string } | undefined;
    for (const e of chainEntries(this.key, head, entries)) this.insert.run(e.gseq, e.kind, e.ref, e.digest, e.prevMac, e.mac);
  }
}
