// Reading the audit chain back: every entry's place (gseq 1, 2, 3 …) and, with the key, its MAC,
// which covers the previous entry's. What it seals is then matched row by row by verify.ts: an entry
// left over names a row that was deleted, a row without an entry one written outside landflow.
// Apart from any database: each backend feeds it the rows (sqlite-verify.ts, pg/verify.ts).
import { msg, type Message } from '../../dsl/message.ts';
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
  /** The entry that seals (kind, ref), if no row took it (a deleted event's hash, to check the link after it). */
  sealed(kind: AuditKind, ref: string): SealedEntry | undefined;
  /** The entries of `kind` no row claimed, in chain order. */
  leftovers(kind: AuditKind): SealedEntry[];
}

/**
 * Reads the chain entry by entry, in gseq order, as the backend fetches them (add), then answers
 * what it found (finish). `keyId` is what the database records as its sealing key.
 */
export class ChainScanner {
  private readonly problems: ChainProblem[] = [];
  private readonly mac: MacStatus;
  private readonly byKind = new Map<AuditKind, Map<string, SealedEntry>>(AUDIT_KINDS.map((k) => [k, new Map()]));
  private expected = 1;
  private prevMac = GENESIS_MAC;
  private entries = 0;
  private macAtWanted: string | undefined;

  constructor(
    private readonly key: MacKey | undefined,
    private readonly keyId: string | undefined,
    private readonly opts: { wantSeq?: number },
  ) {
    let mac: MacStatus = key ? 'verified' : 'noKey';
    if (key && keyId !== undefined && keyId !== key.id) {
      mac = 'wrongKey';
      this.problems.push({
        subject: msg('audit.subject.key'),
        reason: msg('audit.wrongKey', { keyId: key.id, sealedBy: keyId }),
      });
    } else if (keyId === undefined) {
      this.problems.push({
        subject: msg('audit.subject.key'),
        reason: msg('audit.noKeyId'),
      });
    }
    this.mac = mac;
    this.macAtWanted = opts.wantSeq === 0 ? GENESIS_MAC : undefined;
  }

  add(r: AuditChainRow): void {
    const { problems, key, byKind, expected, prevMac } = this;
    this.entries++;
    const at = (reason: Message) => problems.push({ gseq: r.gseq, subject: msg('audit.subject.entry', { gseq: r.gseq }), reason });
    // Each MAC covers the MAC of the entry before (an entry keeps no copy of it: migration 14). After
    // a gap the one before is gone, so the entry after it cannot be checked: the gap is the finding.
    const gap = r.gseq !== expected;
    if (gap) {
      problems.push({
        gseq: expected,
        subject: msg('audit.subject.entry', { gseq: expected }),
        reason: msg('audit.entriesMissing', { from: expected, to: r.gseq - 1 > expected ? r.gseq - 1 : undefined, next: r.gseq }),
      });
    }
    if (
      this.mac === 'verified' &&
      !gap &&
      !sameMac(entryMac(key!, { gseq: r.gseq, kind: r.kind as AuditKind, ref: r.ref, digest: r.digest, prevMac }), r.mac)
    ) {
      at(msg('audit.macMismatch'));
    }
    if (r.gseq === this.opts.wantSeq) this.macAtWanted = r.mac;
    const kind = byKind.get(r.kind as AuditKind);
    if (!kind) at(msg('audit.unknownKind', { kind: JSON.stringify(r.kind) }));
    else if (kind.has(r.ref)) at(msg('audit.sealedTwice', { kind: r.kind, ref: r.ref, first: kind.get(r.ref)!.gseq }));
    else kind.set(r.ref, { gseq: r.gseq, ref: r.ref, digest: r.digest });
    // Go on from what is stored: one damaged entry is reported once, not at every later link.
    this.prevMac = r.mac;
    this.expected = r.gseq + 1;
  }

  finish(): ChainScan {
    const byKind = this.byKind;
    return {
      entries: this.entries,
      head: { seq: this.expected - 1, mac: this.prevMac },
      mac: this.mac,
      keyId: this.keyId,
      problems: this.problems,
      macAtWanted: this.macAtWanted,
      take(k, ref) {
        const m = byKind.get(k)!;
        const e = m.get(ref);
        if (e) m.delete(ref);
        return e;
      },
      sealed(k, ref) {
        return byKind.get(k)!.get(ref);
      },
      leftovers(k) {
        return [...byKind.get(k)!.values()].sort((a, b) => a.gseq - b.gseq);
      },
    };
  }
}
