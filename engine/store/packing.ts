// How both stores keep an event and an audit entry compactly (migration 14): a sha256 hash or an
// HMAC as its 32 bytes (BLOB, bytea) instead of 64 hex digits, and an event's payload — canonical
// JSON, hashed as such — deflated (raw DEFLATE, RFC 1951) with a preset dictionary. Event payloads
// are small JSON texts that repeat the same keys, message codes and citations case after case, which
// plain DEFLATE of one payload cannot exploit: the dictionary gives it that text to refer back to.
//
// A packed payload is one byte naming its dictionary (a row of the table `dictionaries`, stored
// there once by the migration that introduced it, named by the sha256 of its body and never
// changed), then the deflated text. The store reads the dictionaries from the database, not from
// this code, so a database stays readable by a later landflow that writes with another dictionary.
// Raw DEFLATE has no checksum: inflating with a changed dictionary gives other text, which is why
// each dictionary is checked against its hash when it is loaded, and why verify recomputing every
// event's hash over its JSON finds it either way. The hashes and MACs are computed over the same
// text as before: packing changes no hash and no MAC.
//
// What a row written outside landflow holds is read as it is: a payload as text is its JSON, a
// hash as text its hex, so a tampered row is reported by verify rather than unreadable.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { StoreError } from './errors.ts';
import { msg } from '../../dsl/message.ts';
import type { AuditChainRow, CommandRow, EventRow } from './rows.ts';

/** The dictionary new payloads are packed with: tools/make-payload-dictionary.ts made it, migration 14 stored it. */
export const PAYLOAD_DICTIONARY = {
  id: 1,
  body: readFileSync(new URL('./payload-dictionary-1.txt', import.meta.url)),
} as const;

/** A dictionary's name: the sha256 of its bytes, in hex. */
export function dictionaryHash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

export const PAYLOAD_DICTIONARY_HASH = dictionaryHash(PAYLOAD_DICTIONARY.body);

/** The dictionaries a database holds, by id, each checked against its hash. */
export type Dictionaries = ReadonlyMap<number, Buffer>;

/** The `dictionaries` rows as read, checked: a body that no longer hashes to its name is damage. */
export function checkedDictionaries(rows: readonly { id: number; hash: string; body: Buffer }[]): Dictionaries {
  const out = new Map<number, Buffer>();
  for (const r of rows) {
    if (dictionaryHash(r.body) !== r.hash) {
      throw new StoreError('DAMAGED', msg('store.dictionaryRewritten', { id: r.id, hash: r.hash }));
    }
    out.set(r.id, Buffer.from(r.body));
  }
  return out;
}

export function packPayload(json: string): Buffer {
  const d = PAYLOAD_DICTIONARY;
  return Buffer.concat([Buffer.of(d.id), deflateRawSync(Buffer.from(json, 'utf8'), { dictionary: d.body })]);
}

/** The payload's JSON; undefined when it names a dictionary the database lacks or does not inflate. */
export function payloadJsonOf(stored: string | Buffer | Uint8Array, dicts: Dictionaries): string | undefined {
  if (typeof stored === 'string') return stored;
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const dictionary = dicts.get(bytes[0] ?? -1);
  if (!dictionary) return undefined;
  try {
    return inflateRawSync(bytes.subarray(1), { dictionary }).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A hash or MAC as 32 bytes; a value that is not 64 hex digits (never written by landflow) is kept as text. */
export function packHash(hex: string): Buffer | string {
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : hex;
}

/** A stored hash or MAC as hex (the API's and the MAC arithmetic's form); text is read as it is. */
export function hexOf(stored: string | Buffer | Uint8Array): string {
  return typeof stored === 'string' ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('hex');
}

/** What verify reads a payload that does not inflate as: no JSON, which it reports at its event. */
export const UNREADABLE_PAYLOAD = 'payload does not inflate';

/**
 * An events row as the database holds it (migrations 14 and 19); EventRow is the same row
 * unpacked. Its user and time are NULL where they are those of the row before it in its case
 * (all but the first event of a request, and a clerk's next requests): carried, not stored again.
 */
export interface PackedEventRow extends Omit<EventRow, 'payload' | 'hash' | 'user' | 'at'> {
  payload: string | Buffer;
  hash: string | Buffer;
  user: string | null;
  at: string | null;
}

/** An event's user and time as its row stores them: null where the event before it in its case (`before`; none for a case's first) has the same. */
export function packedUserAt(
  e: { user: string; at: string },
  before: { user: string; at: string } | undefined,
): { user: string | null; at: string | null } {
  return { user: before?.user === e.user ? null : e.user, at: before?.at === e.at ? null : e.at };
}

/**
 * A case's rows (or several cases', each in seq order) unpacked, each user and time carried
 * from the row before in its case where NULL. A payload that does not inflate, or a NULL with no
 * row before it, is damage: a read refuses it (`damaged` undefined); verify reads the payload as
 * `damaged` (text that is no JSON), the user or time as empty, and reports what follows.
 */
export function unpackEvents(rows: readonly PackedEventRow[], dicts: Dictionaries, damaged?: string): EventRow[] {
  const out: EventRow[] = [];
  let before: EventRow | undefined;
  for (const r of rows) {
    if (before?.case_id !== r.case_id) before = undefined;
    const payload = payloadJsonOf(r.payload, dicts) ?? damaged;
    if (payload === undefined) throw new StoreError('DAMAGED', msg('store.eventNoInflate', { caseId: r.case_id, seq: r.seq }));
    // A NULL with no row before it: the row that stored the value is gone.
    const user = r.user ?? before?.user ?? (damaged === undefined ? undefined : '');
    const at = r.at ?? before?.at ?? (damaged === undefined ? undefined : '');
    if (user === undefined || at === undefined) throw new StoreError('DAMAGED', msg('store.eventsMissing', { caseId: r.case_id }));
    before = { case_id: r.case_id, seq: r.seq, type: r.type, payload, user, at, hash: hexOf(r.hash) };
    out.push(before);
  }
  return out;
}

/** An audit_chain row as the database holds it (migration 14: no prev_mac, digest and MAC as bytes). */
export interface PackedChainRow extends Omit<AuditChainRow, 'digest' | 'mac'> {
  digest: string | Buffer;
  mac: string | Buffer;
}

export function unpackChainRow(r: PackedChainRow): AuditChainRow {
  return { gseq: r.gseq, kind: r.kind, ref: r.ref, digest: hexOf(r.digest), mac: hexOf(r.mac) };
}

/** An idempotency record as the database holds it (migration 16: the fingerprint as bytes). */
export interface PackedCommandRow extends Omit<CommandRow, 'fingerprint'> {
  fingerprint: string | Buffer;
}

export function unpackCommand(r: PackedCommandRow): CommandRow {
  return { case_id: r.case_id, fingerprint: hexOf(r.fingerprint), first_seq: r.first_seq, last_seq: r.last_seq };
}
