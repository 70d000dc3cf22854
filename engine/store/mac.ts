// The audit chain's arithmetic, apart from any database: one keyed chain (HMAC-SHA256) over every
// case (its fixed fields), case event, contract number and security event, in commit order. A per-case
// sha256 chain can be recomputed by anyone who can write the file; these MACs only by whoever
// holds the key, which never enters the database. A PostgreSQL store computes the same values.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { AuditCheckpoint } from './types.ts';

/** prev_mac of the first entry. */
export const GENESIS_MAC = '0'.repeat(64);

export const AUDIT_KINDS = ['case', 'event', 'contract', 'security'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** A 32-byte key, held in memory only; `id` names it in the database without revealing it. */
export interface MacKey {
  readonly bytes: Buffer;
  readonly id: string;
}

export function macKey(bytes: Buffer): MacKey {
  if (bytes.length !== 32) throw new RangeError(`MAC key must be 32 bytes (got ${bytes.length})`);
  return { bytes, id: hmacHex(bytes, 'landflow-audit-key-id/1').slice(0, 16) };
}

function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What one entry of the chain says: which row (ref) and what that row held (digest). */
export interface AuditEntryBody {
  gseq: number;
  kind: AuditKind;
  ref: string;
  digest: string;
  prevMac: string;
}

/** An entry about to be appended: its place (gseq) and MAC come from the chain's head. */
export interface PendingEntry {
  kind: AuditKind;
  ref: string;
  digest: string;
}

/** The entries' rows appended after `head` (none: the genesis), each MAC over the one before. */
export function chainEntries(key: MacKey, head: { gseq: number; mac: string } | undefined, entries: readonly PendingEntry[]): AuditEntry[] {
  let gseq = head?.gseq ?? 0;
  let prevMac = head?.mac ?? GENESIS_MAC;
  return entries.map((e) => {
    gseq++;
    const mac = entryMac(key, { gseq, kind: e.kind, ref: e.ref, digest: e.digest, prevMac });
    const row = { gseq, kind: e.kind, ref: e.ref, digest: e.digest, prevMac, mac };
    prevMac = mac;
    return row;
  });
}

export interface AuditEntry extends AuditEntryBody {
  mac: string;
}

/** MAC over one entry. Fields are newline-joined: ref is JSON and digests are hex, so none holds a newline. */
export function entryMac(key: MacKey, e: AuditEntryBody): string {
  return hmacHex(key.bytes, `landflow-audit/1\n${e.gseq}\n${e.kind}\n${e.ref}\n${e.digest}\n${e.prevMac}`);
}

/** Constant-time comparison of two hex MACs (a mismatch in length is simply unequal). */
export function sameMac(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

// Refs are canonical JSON arrays naming the row by its key, so they are unambiguous whatever a
// town's name holds.
export function caseRef(caseId: string): string {
  return JSON.stringify([caseId]);
}

export function eventRef(caseId: string, seq: number): string {
  return JSON.stringify([caseId, seq]);
}

export function contractRef(town: string, year: number, kind: string, seq: number): string {
  return JSON.stringify([town, year, kind, seq]);
}

export function securityRef(id: number): string {
  return JSON.stringify([id]);
}

/** What a case never changes after it is opened: where it is, under which policy, by whom. */
export interface CaseDigestFields {
  id: string;
  policyId: string;
  policyHash: string;
  procedure: string;
  mode: string | null;
  town: string;
  village: string;
  group: string;
  createdAt: string;
  createdBy: string;
}

export function caseDigest(c: CaseDigestFields): string {
  return sha256Hex(
    canonicalJson({
      id: c.id,
      policyId: c.policyId,
      policyHash: c.policyHash,
      procedure: c.procedure,
      mode: c.mode,
      town: c.town,
      village: c.village,
      group: c.group,
      createdAt: c.createdAt,
      createdBy: c.createdBy,
    }),
  );
}

/** An event's digest is its own chain hash: it already covers the previous event's hash, caseId, seq and the content. */
export function eventDigest(hash: string): string {
  return hash;
}

export interface ContractDigestFields {
  town: string;
  year: number;
  kind: string;
  seq: number;
  text: string;
  caseId: string;
  version: number;
  at: string;
}

export function contractDigest(c: ContractDigestFields): string {
  return sha256Hex(
    canonicalJson({ town: c.town, year: c.year, kind: c.kind, seq: c.seq, text: c.text, caseId: c.caseId, version: c.version, at: c.at }),
  );
}

export interface SecurityDigestFields {
  id: number;
  type: string;
  actor: string;
  subject: string | null;
  /** Canonical JSON of the detail object, as stored. */
  detailJson: string;
  at: string;
}

export function securityDigest(s: SecurityDigestFields): string {
  return sha256Hex(
    '{"actor":' +
      JSON.stringify(s.actor) +
      ',"at":' +
      JSON.stringify(s.at) +
      ',"detail":' +
      s.detailJson +
      ',"id":' +
      JSON.stringify(s.id) +
      ',"subject":' +
      JSON.stringify(s.subject) +
      ',"type":' +
      JSON.stringify(s.type) +
      '}',
  );
}

export function checkpointMac(key: MacKey, c: Omit<AuditCheckpoint, 'mac'>): string {
  return hmacHex(
    key.bytes,
    'landflow-audit-checkpoint/1\n' +
      canonicalJson({ format: c.format, keyId: c.keyId, globalSeq: c.globalSeq, lastMac: c.lastMac, counts: c.counts, at: c.at }),
  );
}
