// The hash chain of a case's events. A hash covers the previous hash and the event's own fields,
// so changing, removing or reordering any event breaks every link from there on.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** prevHash of every case's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  caseId: string;
  seq: number;
  type: string;
  payload: unknown;
  user: string;
  at: string;
}

export function eventHash(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({ caseId: e.caseId, seq: e.seq, type: e.type, payload: e.payload, user: e.user, at: e.at });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** As eventHash, with the payload already in canonical form (saves re-serialising on the hot path). */
export function eventHashFromCanonicalPayload(prevHash: string, e: Omit<HashedFields, 'payload'>, payloadJson: string): string {
  // Keys in canonical (sorted) order: at, caseId, payload, seq, type, user.
  const body =
    '{"at":' +
    JSON.stringify(e.at) +
    ',"caseId":' +
    JSON.stringify(e.caseId) +
    ',"payload":' +
    payloadJson +
    ',"seq":' +
    JSON.stringify(e.seq) +
    ',"type":' +
    JSON.stringify(e.type) +
    ',"user":' +
    JSON.stringify(e.user) +
    '}';
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** 转让（2026）第 001 号: at least three digits, more when a town passes 999. */
export function contractNumberText(kind: string, year: number, seq: number): string {
  return `${kind}（${year}）第 ${String(seq).padStart(3, '0')} 号`;
}
