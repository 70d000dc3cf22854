// How both stores keep a case's snapshot (cases.state): the canonical JSON deflated into a BLOB
// (bytea), in the form of an event's payload (packing.ts: raw DEFLATE with the stored dictionary;
// SQLite since migrations 12 and 15, PostgreSQL since migration 18). A finished case's ~9 kB of JSON
// takes ~1 kB, against ~2.4 kB deflated alone as SQLite's migration 12 kept it and ~3.2 kB as
// PostgreSQL's TOAST compressed the text. The snapshot is not hashed or sealed: verify compares its
// JSON with the fold of the events, whatever form it is in. A text value (a row written outside
// landflow, or by PostgreSQL before migration 18) is read as the JSON it holds.
import { msg } from '../../dsl/message.ts';
import { StoreError } from './errors.ts';
import { inflateRawSync } from 'node:zlib';
import { packPayload, payloadJsonOf, type Dictionaries } from './packing.ts';

export function packState(json: string): Buffer {
  return packPayload(json);
}

/**
 * The snapshot's JSON; undefined when the BLOB does not inflate. `dicts` undefined: a database
 * migration 15 has not repacked yet (one opened read-only), its BLOBs deflated alone (migration 12).
 */
export function stateJsonOf(stored: string | Buffer, dicts: Dictionaries | undefined): string | undefined {
  if (dicts || typeof stored === 'string') return payloadJsonOf(stored, dicts ?? new Map());
  try {
    return inflateRawSync(stored).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A case row as the store hands it on: its state as JSON text. */
export function unpackCase<T extends { id: string; state: string | Buffer }>(
  row: T,
  dicts: Dictionaries | undefined,
): T & { state: string } {
  const json = stateJsonOf(row.state, dicts);
  if (json === undefined) {
    throw new StoreError('DAMAGED', msg('store.snapshotDamaged', { caseId: row.id }));
  }
  return { ...row, state: json };
}
