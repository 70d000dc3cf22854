// The tables' rows as better-sqlite3 returns them (column names as in migrations.ts), shared by the
// store that writes them, the migration that seals them and the verifier that re-reads them.
import type { CaseDigestFields } from './mac.ts';
import type { ContractKind, SecurityEventType } from './types.ts';

export interface CaseRow {
  id: string;
  policy_id: string;
  policy_hash: string;
  procedure: string;
  mode: string | null;
  town: string;
  village: string;
  grp: string;
  state: string;
  version: number;
  last_hash: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  /** CaseIndex.status (migration 6); null for a case created without an index. */
  status: string | null;
  /** CaseIndex.summary (migration 13), null for a case created without an index: the household head's name, */
  head: string | null;
  /** what kind of case it is, */
  label: string | null;
  /** the labels of the steps active now (canonical JSON array), */
  current_steps: string | null;
  /** and the contract's number once taken. */
  contract_number: string | null;
}

/** What a case list reads of a case row (case-index.ts LISTING_COLUMNS): all of it but the snapshot. */
export type ListingRow = Omit<CaseRow, 'state'>;

/** A case row's fixed fields, as the audit chain seals them. */
export function caseFields(
  row: Pick<CaseRow, 'id' | 'policy_id' | 'policy_hash' | 'procedure' | 'mode' | 'town' | 'village' | 'grp' | 'created_at' | 'created_by'>,
): CaseDigestFields {
  return {
    id: row.id,
    policyId: row.policy_id,
    policyHash: row.policy_hash,
    procedure: row.procedure,
    mode: row.mode,
    town: row.town,
    village: row.village,
    group: row.grp,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** A row of the task index (migration 6); the task's columns are null for a case open at the migration (case-index.ts). */
export interface TaskRow {
  case_id: string;
  ord: number;
  town: string;
  village: string;
  grp: string;
  policy_id: string;
  as_of: string | null;
  valid_through: string | null;
  kind: string | null;
  step: string | null;
  label: string | null;
  due: string | null;
  timer: string | null;
  detail: string | null;
}

/** An event as the shared code reads it: payload as JSON text, hash in hex (packing.ts unpacks the stored row). */
export interface EventRow {
  case_id: string;
  seq: number;
  type: string;
  payload: string;
  user: string;
  at: string;
  /** sha256 over the previous event's hash (GENESIS_HASH for seq 1) and this one's fields: chain.ts (migration 10 dropped the copy of the previous hash). */
  hash: string;
}

/**
 * An idempotency record: which events a request wrote (migration 9 dropped the copy of its
 * record). Its kind, user and time are its events' (migration 16): a creation's record starts at
 * seq 1 (recordKind), and every event of a request carries the request's user and time.
 */
export interface CommandRow {
  case_id: string;
  /** sha256 of the canonical request, in hex (stored as its 32 bytes: packing.ts). */
  fingerprint: string;
  first_seq: number;
  last_seq: number;
}

export interface ContractRow {
  town: string;
  year: number;
  kind: ContractKind;
  seq: number;
  text: string;
  case_id: string;
  version: number;
  at: string;
}

export interface SecurityEventRow {
  id: number;
  type: SecurityEventType;
  actor: string;
  subject: string | null;
  detail: string;
  at: string;
}

export interface AuditChainRow {
  gseq: number;
  kind: string;
  ref: string;
  digest: string;
  /** The previous entry's MAC is the row before's (migration 14 dropped the copy); digest and MAC in hex, as packing.ts reads them. */
  mac: string;
}
