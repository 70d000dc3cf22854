// How SQLite keeps a case's snapshot (cases.state): the canonical JSON deflated (raw DEFLATE,
// RFC 1951) into a BLOB. A finished case's snapshot is ~9 kB of JSON, the largest value it
// stores; PostgreSQL compresses such values itself (TOAST), SQLite does not. The snapshot is not
// hashed or sealed: verify compares its JSON with the fold of the events, whatever form it is in.
// Migration 12 packed the snapshots written before; a text value (a row written outside landflow)
// is read as the JSON it holds.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { msg } from '../../dsl/message.ts';
import { StoreError } from './errors.ts';

export function packState(json: string): Buffer {
  return deflateRawSync(Buffer.from(json, 'utf8'));
}

/** The snapshot's JSON; undefined when the BLOB does not inflate. */
export function stateJsonOf(stored: string | Buffer): string | undefined {
  if (typeof stored === 'string') return stored;
  try {
    return inflateRawSync(stored).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A case row as the store hands it on: its state as JSON text. */
export function unpackCase<T extends { id: string; state: string | Buffer }>(row: T): T & { state: string } {
  const json = stateJsonOf(row.state);
  if (json === undefined) {
    throw new StoreError('DAMAGED', msg('store.snapshotDamaged', { caseId: row.id }));
  }
  return { ...row, state: json };
}
