// Reading the audit chain back: every entry's place (gseq 1, 2, 3 …), its link to the previous MAC
// and, with the key, its MAC. What it seals is then matched row by row by verify.ts: an entry
// left over names a row that was deleted, a row without an entry one written outside landflow.
import type Database from 'better-sqlite3';
import { GENESIS_MAC, AUDIT_KINDS, entryMac, sameMac, type AuditKind, type MacKey } from './mac.ts';
import type { AuditChainRow } from './rows.ts';
import type { ChainProblem, MacStatus } from './types.ts';

export interface SealedEntry {
  gseq: number;
  ref: string;
  digest: string;
}

export interface ChainScan {
  entries: number;
  head: { seq: number; mac: string };
  mac: MacStatus;
  /** The key id recorded in the database, if any. */
  keyId: string | undefined;
  problems: ChainProblem[];
  /** The stored MAC at `gseq`, when that entry was asked for (the checkpoint's seq). */
  macAtWanted: string | undefined;
  /** Removes and returns the entry that seals (kind, ref). */
  take(kind: AuditKind, ref: string): SealedEntry | undefined;
  /** The entries of `kind` no row claimed, in chain order. */
  leftovers(kind: AuditKind): SealedEntry[];
}

const short = (h: unknown) => (typeof h === 'string' ? h.slice(0, 12) + '…' : String(h));

export function hasAuditChain(db: Database.Database): boolean {
  return (db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'").pluck().get() as number) > 0;
}

export function scanAuditChain(db: Database.Database, key: MacKey | undefined, opts: { wantSeq?: number }): ChainScan {
  const problems: ChainProblem[] = [];
  const keyId = db.prepare("SELECT value FROM audit_meta WHERE name = 'key_id'").pluck().get() as string | undefined;
  let mac: MacStatus = key ? 'verified' : 'noKey';
  if (key && keyId !== undefined && keyId !== key.id) {
    mac = 'wrongKey';
    problems.push({
      subject: '审计密钥 audit key',
      reason: `密钥文件不是封存此数据库的密钥 the key file (id ${key.id}) is not the key that sealed this database (id ${keyId}); MACs were not checked`,
    });
  } else if (keyId === undefined) {
    problems.push({
      subject: '审计密钥 audit key',
      reason: '数据库未记录封存密钥 the database records no sealing key id (audit_meta.key_id is gone)',
    });
  }
  const checkMacs = mac === 'verified';

  const byKind = new Map<AuditKind, Map<string, SealedEntry>>(AUDIT_KINDS.map((k) => [k, new Map()]));
  let expected = 1;
  let prevMac = GENESIS_MAC;
  let entries = 0;
  let macAtWanted: string | undefined = opts.wantSeq === 0 ? GENESIS_MAC : undefined;
  for (const r of db
    .prepare('SELECT gseq, kind, ref, digest, prev_mac, mac FROM audit_chain ORDER BY gseq')
    .iterate() as IterableIterator<AuditChainRow>) {
    entries++;
    const at = (reason: string) => problems.push({ gseq: r.gseq, subject: `审计链 audit chain #${r.gseq}`, reason });
    if (r.gseq !== expected) {
      problems.push({
        gseq: expected,
        subject: `审计链 audit chain #${expected}`,
        reason: `审计链条目缺失 audit chain entries #${expected}${r.gseq - 1 > expected ? `…#${r.gseq - 1}` : ''} are missing (next stored is #${r.gseq})`,
      });
    } else if (r.prev_mac !== prevMac) {
      at(`prev_mac 与上一条目不符 prev_mac does not match the MAC of entry #${r.gseq - 1} (${short(r.prev_mac)} ≠ ${short(prevMac)})`);
    }
    if (
      checkMacs &&
      !sameMac(entryMac(key!, { gseq: r.gseq, kind: r.kind as AuditKind, ref: r.ref, digest: r.digest, prevMac: r.prev_mac }), r.mac)
    ) {
      at('MAC 不符：条目在没有密钥的情况下被改写 MAC mismatch: the entry was rewritten by someone without the key');
    }
    if (r.gseq === opts.wantSeq) macAtWanted = r.mac;
    const kind = byKind.get(r.kind as AuditKind);
    if (!kind) at(`未知的条目类型 unknown entry kind ${JSON.stringify(r.kind)}`);
    else if (kind.has(r.ref)) at(`同一记录封存两次 ${r.kind} ${r.ref} is sealed twice (first at #${kind.get(r.ref)!.gseq})`);
    else kind.set(r.ref, { gseq: r.gseq, ref: r.ref, digest: r.digest });
    // Go on from what is stored: one damaged entry is reported once, not at every later link.
    prevMac = r.mac;
    expected = r.gseq + 1;
  }

  return {
    entries,
    head: { seq: expected - 1, mac: prevMac },
    mac,
    keyId,
    problems,
    macAtWanted,
    take(k, ref) {
      const m = byKind.get(k)!;
      const e = m.get(ref);
      if (e) m.delete(ref);
      return e;
    },
    leftovers(k) {
      return [...byKind.get(k)!.values()].sort((a, b) => a.gseq - b.gseq);
    },
  };
}
