// The store's public shapes, implemented by the SQLite store (sqlite-store.ts, users.ts,
// feed-tokens.ts) and the PostgreSQL store (pg/) with the same semantics. Every operation is
// asynchronous; what must run inside a transaction (RunCommandInput.decide, AccountEventOf,
// LoginGate) is a synchronous pure function the store calls there, so that neither backend ever
// holds a transaction open across an await of the caller's.
import type { ProcedureKind } from '../../dsl/case-model.ts';
import type { Text } from '../../dsl/message.ts';

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
  procedure: ProcedureKind;
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
  /** The case's index after the command (see CaseIndex); absent: no status and no tasks. */
  index?: CaseIndex;
}

/**
 * What the case lists and the task list read of a case without opening its state, written by
 * createCase and runCommand in the transaction of the events (docs/database.md). The host makes it
 * from the new state; the store keeps it as given, replacing the case's previous one.
 */
export interface CaseIndex {
  /** The case's status, as CaseFilter.status compares it. */
  status: string;
  /** The day (YYYY-MM-DD) the tasks were worked out for: they change with the day, not only with commands. */
  asOf: string;
  /** The last day on which they still hold (YYYY-MM-DD, not before asOf); null: until the next command. */
  validThrough: string | null;
  /** The case's open tasks on asOf, in order (at most 1000). */
  tasks: IndexedTask[];
  /** What a case list shows of the case (CaseListing.summary). */
  summary: IndexedSummary;
}

/**
 * What a case list shows of a case beside its record's fields, kept in the case's row so that a
 * page of the list reads no snapshot. Its step labels are kept as the host gave them, not as step
 * ids: a case's workflow never changes (it is pinned by hash), so they never go stale, and a list
 * then needs no workflow to show them (engine/cases/service.ts caseIndex).
 */
export interface IndexedSummary {
  /** The household head's name ('' when the case names none). */
  head: string;
  /** What kind of case it is, e.g. 钦州·退出（永久退出） (at most 1000 characters). */
  label: string;
  /** The labels of the steps active now, in the workflow's order (at most 100). */
  current: string[];
  /** The contract's number once one was taken. */
  contractNumber: string | null;
}

/** A case as listCases gives it: its record's fields but the state, and what its index says of it. */
export interface CaseListing extends Omit<CaseRecord, 'state'> {
  /** CaseIndex.status as last written; null for a case created without an index. */
  status: string | null;
  /** CaseIndex.summary as last written; null for a case created without an index. */
  summary: IndexedSummary | null;
}

/** One open task of a case on its index's day: the columns the index keeps, and what else the task list shows. */
export interface IndexedTask {
  kind: string;
  step: string;
  label: string;
  /** The day it is due or waits for (YYYY-MM-DD), if any. */
  due: string | null;
  timer: string | null;
  /** The rest of what the task list shows (JSON). */
  detail: unknown;
}

/** A row of the task index, in (caseId, ord) order. */
export interface TaskIndexRow {
  caseId: string;
  /** The task's place among the case's tasks: 0, 1, 2 … */
  ord: number;
  place: Place;
  policyId: string;
  /**
   * The day the task was worked out for; null with task null for a case that was open when the index
   * was made (migration 6): its tasks are not known until its next command, the reader works them out.
   */
  asOf: string | null;
  /** CaseIndex.validThrough (null for a row without a task too). */
  validThrough: string | null;
  task: IndexedTask | null;
}

export interface TaskFilter {
  town?: string;
  village?: string;
  group?: string;
  policyId?: string;
  /** Keyset paging: rows of cases after caseId; with ord, from that row of caseId on ((case, ord) ≥ (caseId, ord)). */
  from?: { caseId: string; ord?: number };
  limit?: number; // default 100, at most 1000
}

export interface CreateCaseInput {
  id?: string;
  policyId: string;
  policyHash: string;
  procedure: ProcedureKind;
  mode?: string | null;
  place: Place;
  user: string;
  at: string;
  idempotencyKey: string;
  initialEvents: EventInput[];
  state: unknown;
  /** The case's index (see CaseIndex); absent: no status and no tasks. Not part of the request's fingerprint. */
  index?: CaseIndex;
  /** How the case's events fold into its state: a replay of this creation after the case moved on is answered with it (see RunCommandInput.reduce). */
  reduce?: Reducer;
}

export interface RunCommandInput {
  caseId: string;
  expectedVersion: number;
  idempotencyKey: string;
  user: string;
  at: string;
  /** What was asked (e.g. the workflow command); fingerprinted so a reused key with another request is refused. */
  command?: unknown;
  /**
   * The pure step. Must be synchronous and must not call the store: a write from inside it (to
   * any part of the store) fails the command with StoreInputError 'decide', and its own promise
   * rejects with the same error already marked handled (decide cannot await it, and an unhandled
   * rejection would bring the process down). If decide throws, nothing is written and the error
   * propagates.
   */
  decide: (current: CaseRecord, tools: DecideTools) => Decision;
  /**
   * How the case's events fold into its state (the host's reducer, the one verify compares
   * snapshots with). An idempotency record keeps only which events a request wrote, not the record
   * it answered: a replay after the case moved on answers with the fold of the events up to the
   * request's last one, and without a reducer such a replay is refused (StoreInputError 'reduce').
   * A replay while the case is still where the request left it answers with the snapshot.
   */
  reduce?: Reducer;
}

export interface CommandResult {
  record: CaseRecord;
  events: StoredEvent[];
  /** true when the idempotency key had been seen: nothing was written, the first result is returned (rebuilt from the events: RunCommandInput.reduce). */
  replayed: boolean;
}

export interface CaseFilter {
  town?: string;
  village?: string;
  group?: string;
  policyId?: string;
  procedure?: string;
  /** CaseIndex.status as last written (a case created without an index has none and never matches). */
  status?: string;
  limit?: number; // default 100, at most 1000
  offset?: number;
  /** Keyset paging: only cases whose id sorts after this one (a case id: anything else is refused, StoreInputError 'after'). */
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
  reason: Text;
}

/** Folds events into a case state (state is undefined before the first event). */
export type Reducer = (state: unknown, event: StoredEvent) => unknown;

/** A problem found against the audit chain: a sealed row that is gone or differs, or an entry whose MAC fails. */
export interface ChainProblem {
  /** The chain entry concerned, when there is one. */
  gseq?: number;
  /** What the entry names: a case, an event, a contract number, a security event (audit.subject.*, dsl/phrases/audit.ts). */
  subject: Text;
  reason: Text;
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
  schemaProblems: Text[];
  /** Stored policy versions and workflows whose content no longer hashes to the name they are stored (and cases pinned) under. */
  versionProblems: Text[];
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
  integrityProblems: Text[];
}

export const USER_ROLES = ['admin', 'officer', 'clerk', 'researcher'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UserRecord {
  name: string;
  role: UserRole;
  town: string | null;
  region: string | null;
  disabled: boolean;
  /** Failed logins since the last successful one or the last unlock. */
  failedLogins: number;
  /** Set when failedLogins reached the lock-out threshold; only an admin's unlock clears it. */
  lockedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserWithSecret extends UserRecord {
  passwordHash: string;
  /** When the last failed login was counted (milliseconds), for the back-off between attempts. */
  lastFailedMs: number | null;
}

/** Whether a login attempt may be tried on this account (see UserStore.claimLoginAttempt). Synchronous and pure. */
export type LoginGate = (user: UserWithSecret) => boolean;

export interface NewUser {
  name: string;
  role: UserRole;
  town?: string | null;
  region?: string | null;
  passwordHash: string;
  at: string;
}

/**
 * The security event that records an account change, written in the change's own transaction:
 * made from the account before (null for a new one) and after the change; null records nothing
 * (e.g. a lock that was already in place). Synchronous and pure, like RunCommandInput.decide. If
 * it throws or its event is refused (StoreInputError), the change is not made either.
 */
export type AccountEventOf = (change: { before: UserRecord | null; after: UserRecord }) => SecurityEventInput | null;

/** Users and their lock-out state. Names are compared exactly (the accounts layer normalises them). */
export interface UserStore {
  /** Throws UserExistsError when the name is taken. */
  addUser(input: NewUser, event?: AccountEventOf): Promise<UserRecord>;
  getUser(name: string): Promise<UserWithSecret | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /**
   * Disabling also ends every session of the user. Throws UserNotFoundError. With `keepAdmin`,
   * disabling the last active admin is refused (LastAdminError), checked in the change's own
   * transaction: of two instances disabling the last two admins at once, one is refused.
   */
  setDisabled(name: string, disabled: boolean, at: string, event?: AccountEventOf, opts?: { keepAdmin?: boolean }): Promise<UserRecord>;
  /** A new password ends every session of the user. Throws UserNotFoundError. */
  setPassword(name: string, passwordHash: string, at: string, event?: AccountEventOf): Promise<UserRecord>;
  /** Users with this role that are not disabled. */
  countActive(role: UserRole): Promise<number>;
  /**
   * One transaction: reads the user, asks `gate` whether this attempt may be tried, and if so
   * counts it as a failure right away (cleared by clearLoginFailures when the password was right),
   * so concurrent attempts (on any instance) cannot all slip in under the same count. undefined: no such user.
   */
  claimLoginAttempt(name: string, nowMs: number, gate: LoginGate): Promise<{ user: UserWithSecret; claimed: boolean } | undefined>;
  clearLoginFailures(name: string): Promise<void>;
  /** Refuses logins until unlockUser; open sessions stay (the lock stops guessing, not the owner). No-op when already locked. */
  lockUser(name: string, at: string, event?: AccountEventOf): Promise<UserRecord>;
  /** Clears the lock and the failure count. */
  unlockUser(name: string, at: string, event?: AccountEventOf): Promise<UserRecord>;
}

export interface SessionRecord {
  tokenHash: string;
  user: string;
  createdMs: number;
  expiresMs: number;
  /** The last request seen on this session (updated at most about once a minute). */
  lastSeenMs: number;
}

/** Sessions, known only by the hash of their token. */
export interface SessionStore {
  /** Creates the session and records `event` (the login) in the same transaction. */
  create(session: Omit<SessionRecord, 'lastSeenMs'>, event?: SecurityEventInput): Promise<void>;
  /** The session and its user, or undefined when unknown; whether it is still live is the caller's rule. */
  find(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined>;
  /** Records activity on a session; never moves its time backwards. */
  touch(tokenHash: string, nowMs: number): Promise<void>;
  /** Ends a session; `event` (the logout), made from the session ended, is recorded in the same transaction. false when unknown. */
  delete(tokenHash: string, event?: (ended: SessionRecord) => SecurityEventInput | null): Promise<boolean>;
  /** Deletes sessions that expired before `expiredBeforeMs` or were last seen before `idleBeforeMs`. */
  deleteExpired(expiredBeforeMs: number, idleBeforeMs: number): Promise<number>;
}

/** Calendar feed tokens: one per user, known only by its hash, like a session's. */
export interface FeedTokenStore {
  /** Gives the user this token (hash), replacing the one they had (the old URL stops working); `event` in the same transaction. Throws UserNotFoundError. */
  set(user: string, tokenHash: string, at: string, event?: SecurityEventInput): Promise<void>;
  /** Revokes the user's token; false when they had none (and then `event` is not recorded). */
  delete(user: string, event?: SecurityEventInput): Promise<boolean>;
  /** The user a token belongs to, or undefined for an unknown (or revoked) token. */
  find(tokenHash: string): Promise<{ user: UserRecord; createdAt: string } | undefined>;
}

/** A token bucket: refilled at perMinute, holding at most capacity. */
export interface RateBucket {
  perMinute: number;
  capacity: number;
}

export interface RateLease {
  /** Whole tokens taken for the caller (0 … want). */
  granted: number;
  /** What the bucket holds after (a fraction while it refills). */
  left: number;
}

/** Request-rate buckets shared by every instance on the database (engine/store/rate-buckets.ts). */
export interface RateBucketStore {
  /** In one transaction: refills `key`'s bucket to nowMs (a new key's is full) and takes up to `want` whole tokens from it. */
  lease(key: string, want: number, bucket: RateBucket, nowMs: number): Promise<RateLease>;
}

/** Which database engine holds a store. */
export type StoreBackend = 'sqlite' | 'postgres';

/** How openStore opens a store (both backends). */
export interface OpenStoreOptions {
  /** Open read-only: never creates, migrates or writes (audit, backup source). */
  readonly?: boolean;
  /** Refuse to create the database (or its schema) when it does not exist (implied by readonly). */
  mustExist?: boolean;
  /** Case-id generator, given the command's `at`. Default: ULID from `at` + crypto random bytes. */
  newId?: (at: string) => string;
  /** How long to wait for another writer's lock (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * The audit chain's MAC key file (default: key-file.ts defaultKeyFile). A writable store creates
   * it on first start; null (read-only only) opens without a key, so verify checks hashes only.
   */
  keyFile?: string | null;
}

export interface Store {
  readonly backend: StoreBackend;
  /** What was opened, for messages: the SQLite file's absolute path, or the PostgreSQL URL without its password. */
  readonly target: string;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly feedTokens: FeedTokenStore;
  readonly rateBuckets: RateBucketStore;
  createCase(input: CreateCaseInput): Promise<CaseRecord>;
  /**
   * Creates the cases in one transaction, each as createCase would one after another (replays,
   * refusals and all); if one is refused, none is created. At most 10 000 (imports, tests, benches).
   */
  createCases(inputs: CreateCaseInput[]): Promise<CaseRecord[]>;
  runCommand(input: RunCommandInput): Promise<CommandResult>;
  /** The case, undefined when there is none; an id that is no case id is refused (StoreInputError 'id'), as getCases refuses one. */
  getCase(id: string): Promise<CaseRecord | undefined>;
  /** The cases of these ids that exist, in id order (at most 1000 ids). */
  getCases(ids: string[]): Promise<CaseRecord[]>;
  /** A page of cases in id order, read from their rows' index columns: no snapshot is read (getCases gives the records). */
  listCases(filter?: CaseFilter): Promise<CaseListing[]>;
  countCases(filter?: Omit<CaseFilter, 'limit' | 'offset'>): Promise<number>;
  /** The task index (CaseIndex.tasks of every case), filtered, in (caseId, ord) order. */
  listTasks(filter?: TaskFilter): Promise<TaskIndexRow[]>;
  /** The case's events in seq order ([] for no such case); an id that is no case id is refused (StoreInputError 'caseId'). */
  getEvents(caseId: string): Promise<StoredEvent[]>;
  listContractNumbers(filter?: { caseId?: string; town?: string; year?: number; kind?: ContractKind }): Promise<ContractNumberRecord[]>;
  verifyAll(opts?: VerifyOptions): Promise<VerifyResult>;
  /** Records a security event on its own (an account change records its event in its own transaction: AccountEventOf), sealed into the audit chain. */
  recordSecurityEvent(e: SecurityEventInput): Promise<SecurityEventRecord>;
  listSecurityEvents(filter?: SecurityEventFilter): Promise<SecurityEventRecord[]>;
  /** The signed head of the audit chain now. Needs the MAC key. */
  checkpoint(at: string): Promise<AuditCheckpoint>;
  /** A copy to one self-contained file (SQLite's online backup, written aside, then renamed into place); PostgreSQL refuses (pg_dump: docs/database.md). */
  backupTo(file: string): Promise<void>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
