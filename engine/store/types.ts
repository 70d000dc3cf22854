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
  /** Keyset paging: only cases whose id sorts after this one. */
  after?: string;
}

export const SECURITY_EVENT_TYPES = [
  'login',
  'loginFailed',
  'lockout',
  'unlock',
  'logout',
  'userCreated',
  'userChanged',
  'userDisabled',
  'policyPublished',
  'feedTokenCreated',
  'feedTokenRevoked',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** Who did what to whom, sealed into the audit chain. */
export interface SecurityEventInput {
  type: SecurityEventType;
  /** The acting user's name (for loginFailed: the name that was tried, at most 200 characters). */
  actor: string;
  /** The user or policy acted on, when not the actor. */
  subject?: string;
  /** At most 50 keys, string values at most 1000 characters. */
  detail?: Record<string, string | number | boolean>;
  at: string;
}

export interface SecurityEventRecord {
  id: number;
  type: SecurityEventType;
  actor: string;
  subject: string | null;
  detail: Record<string, string | number | boolean>;
  at: string;
}

export interface SecurityEventFilter {
  type?: SecurityEventType;
  actor?: string;
  subject?: string;
  limit?: number; // default 100, at most 1000
  /** Only events with an id above this one (paging forward). */
  afterId?: number;
}

export interface BrokenEvent {
  caseId: string;
  seq: number;
  reason: string;
}

/** Folds events into a case state (state is undefined before the first event). */
export type Reducer = (state: unknown, event: StoredEvent) => unknown;

/** A problem found against the audit chain: a sealed row that is gone or differs, or an entry whose MAC fails. */
export interface ChainProblem {
  /** The chain entry concerned, when there is one. */
  gseq?: number;
  /** What the entry names, e.g. 案件 case C1, seq 4 · 合同编号 contract number … · 安全事件 security event #3. */
  subject: string;
  reason: string;
}

/** The signed head that `landflow audit checkpoint` exports; verify --against checks the chain still holds it. */
export interface AuditCheckpoint {
  format: 'landflow-audit-checkpoint/1';
  /** Names the key that sealed the database (not the key). */
  keyId: string;
  globalSeq: number;
  lastMac: string;
  counts: { cases: number; events: number; contractNumbers: number; securityEvents: number };
  at: string;
  /** HMAC-SHA256 over the fields above with the audit key. */
  mac: string;
}

export interface VerifyOptions {
  /** When given, each snapshot is also compared with the fold of its events. */
  reduce?: Reducer;
  /** How many problems to collect before stopping (default 100). */
  maxProblems?: number;
  /** Accept a verification without the MAC key (hashes and chain structure only). Default false: no key → not ok. */
  allowNoKey?: boolean;
  /** A checkpoint exported earlier: the chain must still reach its seq with the same MAC there. */
  against?: AuditCheckpoint;
}

/**
 * What the MACs could prove: verified with the database's key; noKey (no key file, or --no-key:
 * only hashes and the chain's structure were checked); wrongKey (a key that did not seal this
 * database); unchecked (the reading stopped at a damaged file, or there is no audit chain yet).
 */
export type MacStatus = 'verified' | 'noKey' | 'wrongKey' | 'unchecked';

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
  securityEvents: number;
  /** Entries of the audit chain. */
  auditEntries: number;
  /** The chain's last entry (seq 0 and the genesis MAC when empty). */
  auditHead: { seq: number; mac: string };
  mac: MacStatus;
  /** Problems found against the audit chain (case problems stay in `problems`). */
  chainProblems: ChainProblem[];
  /** What PRAGMA quick_check / integrity_check report, or the corruption that stopped the reading. */
  integrityProblems: string[];
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
  /** Records a security event (own transaction, or the caller's when inside one), sealed into the audit chain. */
  recordSecurityEvent(e: SecurityEventInput): SecurityEventRecord;
  listSecurityEvents(filter?: SecurityEventFilter): SecurityEventRecord[];
  /** The signed head of the audit chain now. Needs the MAC key. */
  checkpoint(at: string): AuditCheckpoint;
  /** SQLite online backup to a single self-contained file (written aside, then renamed into place). */
  backupTo(file: string): Promise<void>;
  schemaVersion(): number;
  close(): void;
}
