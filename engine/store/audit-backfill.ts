// Seals a database's existing rows into the audit chain when it first gets one (migration 4): each
// case in id order (its fixed fields, then its events in seq order), then every contract number.
// Runs once, inside the migration's transaction; from then on only the store appends, as each
// command commits. The chain vouches for what was there at that moment, nothing earlier.
import type Database from 'better-sqlite3';
import {
  caseDigest,
  caseRef,
  chainEntries,
  contractDigest,
  contractRef,
  eventDigest,
  eventRef,
  type MacKey,
  type PendingEntry,
} from './mac.ts';
import { caseFields, type ContractRow } from './rows.ts';

export function backfillAuditChain(db: Database.Database, key: MacKey | undefined): void {
  const rows = db
    .prepare('SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM events) + (SELECT count(*) FROM contract_numbers)')
    .pluck()
    .get() as number;
  if (key) db.prepare("INSERT INTO audit_meta (name, value) VALUES ('key_id', ?)").run(key.id);
  if (rows === 0) return;
  if (!key) throw new Error('sealing existing rows into the audit chain needs the MAC key (a writable store always has one)');
  // The chain as migration 4 made it (hex text, each entry with the previous MAC): migration 14 packs it later.
  const head = db.prepare('SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit_chain (gseq, kind, ref, digest, prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?)');
  const chain = {
    append(entries: PendingEntry[]) {
      const at = head.get() as { gseq: number; mac: string } | undefined;
      for (const e of chainEntries(key, at, entries)) insert.run(e.gseq, e.kind, e.ref, e.digest, e.prevMac, e.mac);
    },
  };
  const cases = db
    .prepare('SELECT id, policy_id, policy_hash, procedure, mode, town, village, grp, created_at, created_by FROM cases ORDER BY id')
    .all() as Parameters<typeof caseFields>[0][];
  const events = db.prepare('SELECT seq, hash FROM events WHERE case_id = ? ORDER BY seq');
  // One case at a time: memory stays bounded by the longest case, not the whole database.
  for (const c of cases) {
    const entries: PendingEntry[] = [{ kind: 'case', ref: caseRef(c.id), digest: caseDigest(caseFields(c)) }];
    for (const e of events.all(c.id) as { seq: number; hash: string }[]) {
      entries.push({ kind: 'event', ref: eventRef(c.id, e.seq), digest: eventDigest(e.hash) });
    }
    chain.append(entries);
  }
  const contracts = db.prepare('SELECT * FROM contract_numbers ORDER BY town, year, kind, seq').all() as ContractRow[];
  chain.append(
    contracts.map((c) => ({
      kind: 'contract',
      ref: contractRef(c.town, c.year, c.kind, c.seq),
      digest: contractDigest({
        town: c.town,
        year: c.year,
        kind: c.kind,
        seq: c.seq,
        text: c.text,
        caseId: c.case_id,
        version: c.version,
        at: c.at,
      }),
    })),
  );
}
