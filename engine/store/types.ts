// The store's public shapes. Narrow on purpose: a PostgreSQL store must be able to offer the same.
import type { ProcedureKind } from '../../dsl/case-model.ts';

export interface Place {
  town: string; // 镇
  village: string; // 村
  group: string; // 组
}

export interface EventInput {
  type: string;
  payload: unknown;
}

export interface StoredEvent {
  caseId: string;
  seq: number; // 1, 2, 3 … per case; equals the case version right after it
  type: string;
  payload: unknown;
  user: string;
  at: string; // ISO timestamp supplied by the caller's clock
  prevHash: string; // 64 hex; GENESIS_HASH for seq 1
  hash: string; // sha256(prevHash + canonicalJson({caseId, seq, type, payload, user, at}))
}

export interface CaseRecord {
  id: string;
  policyId: string;
  policyHash: string;
  procedure: ProcedureKind | string;
  mode: string | null;
  place: Place;
  state: unknown;
  version: number; // seq of the last event
  lastHash: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type ContractKind = '转让' | '退出';

export interface ContractNumber {
  kind: ContractKind;
  town: string;
  year: number;
  seq: number;
  text: string; // 转让（2026）第 001 号
}

export interface ContractNumberRecord extends ContractNumber {
  caseId: string;
  /** The case version (event seq) of the command that took the number. */
  version: number;
  at: string;
}

export interface DecideTools {
  /** Takes the next number of (town, year, kind) inside the command's transaction. */
  allocateContractNumber(kind: ContractKind, town: string, year: number): ContractNumber;
}

export interface Decision {
  events: EventInput[];
  state: unknown;
}

export interface CreateCaseInput {
  id?: string;
  policyId: string;
  policyHash: string;
  procedure: ProcedureKind | string;
  mode?: string | null;
  place: Place;
  user: string;
  at: string;
  idempotencyKey: string;
  initialEvents: EventInput[];
  state: unknown;
}

export interface RunCommandInput {
  caseId: string;
  expectedVersion: number;
  idempotencyKey: string;
  user: string;
  at: string;
  /** What was asked (e.g. the workflow command); fingerprinted so a reused key with another request is refused. */
  command?: unknown;
  /** The pure step. Must be synchronous; if it throws, nothing is written and the error propagates. */
  decide: (current: CaseRecord, tools: DecideTools) => Decision;
}

export interface CommandResult {
  record: CaseRecord;
  events: StoredEvent[];
  /** true when the idempotency key had been seen: nothing was written, the first result is returned. */
  replayed: boolean;
}

export interface CaseFilter {
  town?: string;
  village?: string;
  group?: string;
  policyId?: string;
  procedure?: string;
  limit?: number; // default 100, at most 1000
  offset?: number;
}

export interface BrokenEvent {
  caseId: string;
  seq: number;
  reason: string;
}

/** Folds events into a case state (state is undefined before the first event). */
export type Reducer = (state: unknown, event: StoredEvent) => unknown;

export interface VerifyOptions {
  /** When given, each snapshot is also compared with the fold of its events. */
  reduce?: Reducer;
  /** How many problems to collect before stopping (default 100). */
  maxProblems?: number;
}

export interface VerifyResult {
  ok: boolean;
  cases: number;
  events: number;
  contractNumbers: number;
  /** The first problem in case-id then seq order (chains first, then contract numbers). */
  firstBroken?: BrokenEvent;
  problems: BrokenEvent[];
  /** Damage to the schema itself, e.g. a dropped append-only trigger. */
  schemaProblems: string[];
  /** The last hash of every case, in id order: publish them elsewhere to anchor the chains. */
  heads: { caseId: string; version: number; hash: string }[];
}

export interface Store {
  readonly file: string;
  createCase(input: CreateCaseInput): CaseRecord;
  runCommand(input: RunCommandInput): CommandResult;
  getCase(id: string): CaseRecord | undefined;
  listCases(filter?: CaseFilter): CaseRecord[];
  countCases(filter?: Omit<CaseFilter, 'limit' | 'offset'>): number;
  getEvents(caseId: string): StoredEvent[];
  listContractNumbers(filter?: { caseId?: string; town?: string; year?: number; kind?: ContractKind }): ContractNumberRecord[];
  verifyAll(opts?: VerifyOptions): VerifyResult;
  /** SQLite online backup to a single self-contained file (written aside, then renamed into place). */
  backupTo(file: string): Promise<void>;
  schemaVersion(): number;
  close(): void;
}
