// The tables' rows as better-sqlite3 returns them (column names as in migrations.ts), shared by the
// store that writes them and the verifier that re-reads them.
import type { ContractKind } from './types.ts';

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
}

export interface EventRow {
  case_id: string;
  seq: number;
  type: string;
  payload: string;
  user: string;
  at: string;
  prev_hash: string;
  hash: string;
}

export interface CommandRow {
  case_id: string;
  kind: 'create' | 'command';
  fingerprint: string;
  first_seq: number;
  last_seq: number;
  result: string;
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
