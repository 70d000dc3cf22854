// What both backends do the same way, apart from any database: the checks and fingerprints of a
// creation or a command, the rows a command writes (hash-chained events, its idempotency record,
// its contract numbers) and the audit entries that seal them, the replay rule for a reused
// idempotency key, the refusals about the audit key, and the signed checkpoint. sqlite-store.ts
// and pg/store.ts only read and write these rows, each in its own transactions.
import { createHash } from 'node:crypto';
import { checkIndex, summaryColumns, summaryOf, taskRows, type CheckedIndex } from './case-index.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, contractNumberText, eventHashFromCanonicalPayload } from './chain.ts';
import { DatabaseUnreadableError, IdempotencyMismatchError, NotFoundError, StoreError, StoreInputError } from './errors.ts';
import {
  GENESIS_MAC,
  caseDigest,
  caseRef,
  checkpointMac,
  contractDigest,
  contractRef,
  eventDigest,
  eventRef,
  securityDigest,
  securityRef,
  type MacKey,
  type PendingEntry,
} from './mac.ts';
import { caseFields, type CaseRow, type CommandRow, type ContractRow, type EventRow, type ListingRow, type TaskRow } from './rows.ts';
import type {
  AuditCheckpoint,
  CaseFilter,
  CaseListing,
  CaseRecord,
  ContractKind,
  ContractNumber,
  CreateCaseInput,
  Decision,
  Place,
  Reducer,
  RunCommandInput,
  StoredEvent,
} from './types.ts';
import { packedUserAt } from './packing.ts';
import * as check from './validate.ts';
import { msg } from '../../dsl/message.ts';
import type { ProcedureKind } from '../../dsl/case-model.ts';

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export interface CheckedCreate {
  user: string;
  at: string;
  key: string;
  policyId: string;
  policyHash: string;
  procedure: ProcedureKind;
  mode: string | null;
  place: Place;
  givenId: string | undefined;
  events: check.CheckedEvent[];
  stateJson: string;
  index: CheckedIndex | null;
  fingerprint: string;
}

/** A creation's fields checked (field paths in the refusals) and fingerprinted. */
export function checkCreate(input: CreateCaseInput): CheckedCreate {
  const user = check.text('user', input.user);
  const at = check.instant('at', input.at);
  const key = check.text('idempotencyKey', input.idempotencyKey);
  const policyId = check.text('policyId', input.policyId);
  const policyHash = check.text('policyHash', input.policyHash);
  const procedure = check.procedure('procedure', input.procedure);
  const mode = input.mode == null ? null : check.text('mode', input.mode, 50);
  const place = check.place('place', input.place);
  const givenId = input.id === undefined ? undefined : check.caseId('id', input.id);
  const events = check.events('initialEvents', input.initialEvents);
  const stateJson = check.json('state', input.state);
  // The index is worked out from the state for the day: a replay on another day is the same request.
  const index = checkIndex('index', input.index);
  const fingerprint = sha256(
    canonicalJson({
      op: 'create',
      id: givenId ?? null,
      policyId,
      policyHash,
      procedure,
      mode,
      place,
      user,
      events: events.map((e) => [e.type, e.payloadJson]),
    }),
  );
  return { user, at, key, policyId, policyHash, procedure, mode, place, givenId, events, stateJson, index, fingerprint };
}

/** A case row's index columns before its first events: no status, no summary. */
const NO_INDEX = { status: null, ...summaryColumns(null) } as const;

/** The new case's row at version 0, before its first events; and the audit entry sealing it. */
export function newCaseRow(id: string, c: CheckedCreate): { row: CaseRow; sealed: PendingEntry } {
  const row: CaseRow = {
    id,
    policy_id: c.policyId,
    policy_hash: c.policyHash,
    procedure: c.procedure,
    mode: c.mode,
    town: c.place.town,
    village: c.place.village,
    grp: c.place.group,
    state: c.stateJson,
    version: 0,
    last_hash: GENESIS_HASH,
    created_at: c.at,
    created_by: c.user,
    updated_at: c.at,
    updated_by: c.user,
    ...NO_INDEX,
  };
  return { row, sealed: { kind: 'case', ref: caseRef(id), digest: caseDigest(caseFields(row)) } };
}

/** A batch of creations (Store.createCases), checked as a whole; each is checked as it is created. */
export function checkBatch(inputs: unknown): void {
  if (!Array.isArray(inputs)) throw new StoreInputError('inputs', msg('store.array'));
  if (inputs.length > 10_000) throw new StoreInputError('inputs', msg('store.tooMany', { count: inputs.length, max: 10000 }));
}

export interface CheckedCommand {
  caseId: string;
  expected: number;
  key: string;
  user: string;
  at: string;
  fingerprint: string;
}

export function checkCommand(input: RunCommandInput): CheckedCommand {
  const caseId = check.caseId('caseId', input.caseId);
  const expected = check.version('expectedVersion', input.expectedVersion);
  const key = check.text('idempotencyKey', input.idempotencyKey);
  const user = check.text('user', input.user);
  const at = check.instant('at', input.at);
  if (typeof input.decide !== 'function') throw new StoreInputError('decide', msg('store.function'));
  const fingerprint = sha256(canonicalJson({ op: 'command', caseId, user, command: check.json('command', input.command ?? null) }));
  return { caseId, expected, key, user, at, fingerprint };
}

/** The refusal of a store write made from inside decide (which runs inside the command's transaction). */
export function writeInDecide(): StoreInputError {
  return new StoreInputError('decide', msg('store.writeInDecide'));
}

/** What decide returned, checked: its events and state as canonical JSON, and its index. */
export function checkDecision(
  decision: Decision,
  wroteWhileDeciding: boolean,
): { events: check.CheckedEvent[]; stateJson: string; index: CheckedIndex | null } {
  if (wroteWhileDeciding) throw writeInDecide();
  if (decision && typeof (decision as unknown as PromiseLike<unknown>).then === 'function') {
    throw new StoreInputError('decide', msg('store.synchronous'));
  }
  if (decision === null || typeof decision !== 'object') throw new StoreInputError('decide()', msg('store.decideResult'));
  return {
    events: check.events('decide().events', decision.events),
    stateJson: check.json('decide().state', decision.state),
    index: checkIndex('decide().index', decision.index),
  };
}

/** What made an idempotency record: a creation writes a case's first events, a command those after. */
export type RecordKind = 'create' | 'command';

export function recordKind(r: Pick<CommandRow, 'first_seq'>): RecordKind {
  return r.first_seq === 1 ? 'create' : 'command';
}

/** Refuses an idempotency key that was first used for another request; a match may be replayed. */
export function checkReplay(prior: CommandRow, key: string, kind: RecordKind, fingerprint: string, caseId: string): void {
  const priorKind = recordKind(prior);
  if (priorKind !== kind || prior.case_id !== caseId || prior.fingerprint !== fingerprint) {
    const detail =
      priorKind !== kind
        ? msg('store.firstUsedFor', { what: msg(priorKind === 'create' ? 'store.usedFor.create' : 'store.usedFor.command') })
        : prior.case_id !== caseId
          ? msg('store.firstUsedForCase', { caseId: prior.case_id })
          : msg('store.requestDiffers');
    throw new IdempotencyMismatchError(key, detail);
  }
}

const CONTRACT_KINDS: readonly string[] = ['转让', '退出'];

/** The series a contract number is asked for, checked. */
export function checkContractSeries(kind: ContractKind, town: string, year: number): void {
  if (!CONTRACT_KINDS.includes(kind))
    throw new StoreInputError('allocateContractNumber.kind', msg('store.contractKind', { got: JSON.stringify(kind) }));
  check.text('allocateContractNumber.town', town);
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new StoreInputError('allocateContractNumber.year', msg('store.year', { got: JSON.stringify(year) }));
  }
}

export function allocateOutsideDecide(): StoreInputError {
  return new StoreInputError('allocateContractNumber', msg('store.onlyInDecide'));
}

/** The row of contract number `seq` of a series, taken by the command at `version`, and its audit entry. */
export function contractRow(
  kind: ContractKind,
  town: string,
  year: number,
  seq: number,
  caseId: string,
  version: number,
  at: string,
): { row: ContractRow; number: ContractNumber; sealed: PendingEntry } {
  const text = contractNumberText(kind, year, seq);
  return {
    row: { town, year, kind, seq, text, case_id: caseId, version, at },
    number: { kind, town, year, seq, text },
    sealed: {
      kind: 'contract',
      ref: contractRef(town, year, kind, seq),
      digest: contractDigest({ town, year, kind, seq, text, caseId, version, at }),
    },
  };
}

export interface CommandWrite {
  /** The events to insert, in seq order. */
  events: EventRow[];
  /** Each event's user and time as its row stores them (packing.ts packedUserAt, migration 19). */
  stored: { user: string | null; at: string | null }[];
  /** The hash they chain on: the case's last hash before the command. */
  head: string;
  /** The case row after the command (a copy). */
  row: CaseRow;
  /** The case's task rows after the command (they replace its rows before). */
  tasks: TaskRow[];
  /** The idempotency record. */
  command: CommandRow & { idempotency_key: string };
  /** What the audit chain seals for the command: `before` (the case, contract numbers), then its last event (whose hash covers the others). */
  sealed: PendingEntry[];
}

/**
 * The rows a command (or a creation) writes after `row`'s head: its events chained on, the
 * snapshot moved to the last of them, its idempotency record naming them (replayRecord rebuilds
 * the record it answered). The audit chain seals the last event only (since migration 17): its
 * hash covers every event of the case before it, each of which verify recomputes (verify.ts).
 */
export function commandWrite(
  row: CaseRow,
  events: check.CheckedEvent[],
  stateJson: string,
  index: CheckedIndex | null,
  key: string,
  fingerprint: string,
  user: string,
  at: string,
  before: PendingEntry[],
): CommandWrite {
  const from = row.version;
  let prev = row.last_hash;
  const rows: EventRow[] = [];
  const sealed = [...before];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const seq = from + i + 1;
    const hash = eventHashFromCanonicalPayload(prev, { caseId: row.id, seq, type: e.type, user, at }, e.payloadJson);
    rows.push({ case_id: row.id, seq, type: e.type, payload: e.payloadJson, user, at, hash });
    prev = hash;
  }
  // The event before the first is the case's last, whose user and time the case row keeps.
  let carried = from > 0 ? { user: row.updated_by, at: row.updated_at } : undefined;
  const stored = rows.map((e) => {
    const kept = packedUserAt(e, carried);
    carried = e;
    return kept;
  });
  // checkCreate and checkDecision refuse a request without events, so there is a last one.
  sealed.push({ kind: 'event', ref: eventRef(row.id, from + events.length), digest: eventDigest(prev) });
  const after: CaseRow = {
    ...row,
    state: stateJson,
    version: from + events.length,
    last_hash: prev,
    updated_at: at,
    updated_by: user,
    status: index?.status ?? null,
    ...summaryColumns(index),
  };
  return {
    events: rows,
    stored,
    head: row.last_hash,
    row: after,
    tasks: taskRows(after, index),
    command: {
      idempotency_key: key,
      case_id: row.id,
      fingerprint,
      first_seq: from + 1,
      last_seq: after.version,
    },
    sealed,
  };
}

export function toRecord(row: CaseRow): CaseRecord {
  return { ...recordMeta(row), state: JSON.parse(row.state) };
}

/** A case as a list gives it, from its row's columns but the snapshot (case-index.ts LISTING_COLUMNS). */
export function toListing(row: ListingRow): CaseListing {
  return { ...recordMeta(row), status: row.status, summary: summaryOf(row) };
}

function recordMeta(row: ListingRow): Omit<CaseRecord, 'state'> {
  return {
    id: row.id,
    policyId: row.policy_id,
    policyHash: row.policy_hash,
    // Written by checkCreate, so one of PROCEDURE_KINDS.
    procedure: row.procedure as ProcedureKind,
    mode: row.mode,
    place: { town: row.town, village: row.village, group: row.grp },
    version: row.version,
    lastHash: row.last_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/**
 * The answer to a replayed request, rebuilt from what it wrote: its events (of `history`, the
 * case's events seq 1…last_seq as read: seq first_seq…last_seq, after the event before them when
 * there is one, whose hash is their link), the case's fixed fields, and the version, last hash,
 * time and user its last event left — the record it answered then. The state is the snapshot
 * while the case is still at the request's last event, else the fold of `history` with `reduce`,
 * which verify holds equal to the snapshot whenever it is at the head. The store reads `history`
 * from seq 1 either way: a row's user and time may be carried from the rows before it (packing.ts).
 */
export function replayRecord(
  row: CaseRow | undefined,
  prior: CommandRow,
  history: EventRow[],
  reduce: Reducer | undefined,
): { record: CaseRecord; events: StoredEvent[]; replayed: true } {
  if (!row) throw new NotFoundError(prior.case_id);
  const range = history.filter((e) => e.seq >= prior.first_seq - 1);
  const last = range[range.length - 1];
  const before = prior.first_seq > 1 ? 1 : 0;
  if (
    range.length !== prior.last_seq - prior.first_seq + 1 + before ||
    !last ||
    last.seq !== prior.last_seq ||
    row.version < prior.last_seq
  ) {
    throw new StoreError('DAMAGED', msg('store.replayIncomplete', { first: prior.first_seq, last: prior.last_seq, caseId: prior.case_id }));
  }
  let state: unknown;
  // The case moved on since: its state then is the fold of its events up to the request's last.
  if (row.version === prior.last_seq) state = JSON.parse(row.state);
  else {
    if (!reduce) throw new StoreInputError('reduce', msg('store.needsReduce'));
    if (history.length !== prior.last_seq) throw new StoreError('DAMAGED', msg('store.eventsMissing', { caseId: prior.case_id }));
    const folded = toEvents(history, GENESIS_HASH).reduce<unknown>((s, e) => reduce(s, e), undefined);
    state = JSON.parse(canonicalJson(folded));
  }
  const record: CaseRecord = {
    ...recordMeta(row),
    version: prior.last_seq,
    lastHash: last.hash,
    updatedAt: last.at,
    updatedBy: last.user,
    state,
  };
  const events = toEvents(before ? range.slice(1) : range, before ? range[0]!.hash : GENESIS_HASH);
  return { record, events, replayed: true };
}

/** Events as the store answers them, in seq order, each linked to the one before: the first to `prevHash`. */
export function toEvents(rows: EventRow[], prevHash: string): StoredEvent[] {
  let prev = prevHash;
  return rows.map((row) => {
    const e: StoredEvent = {
      caseId: row.case_id,
      seq: row.seq,
      type: row.type,
      payload: JSON.parse(row.payload),
      user: row.user,
      at: row.at,
      prevHash: prev,
      hash: row.hash,
    };
    prev = row.hash;
    return e;
  });
}

/** The page of a case list asked for, checked: `after` is a case id, as getCases and listTasks take them. */
export function checkPage(filter: CaseFilter): { limit: number; offset: number; after: string | undefined } {
  const limit = filter.limit ?? 100;
  const offset = filter.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new StoreInputError('limit', msg('store.integerRange', { min: 1, max: 1000, got: String(limit) }));
  if (!Number.isInteger(offset) || offset < 0) throw new StoreInputError('offset', msg('store.nonNegativeInteger'));
  return { limit, offset, after: filter.after === undefined ? undefined : check.caseId('after', filter.after) };
}

/** A list's limit (security events), checked. */
export function checkLimit(limit: number | undefined): number {
  const n = limit ?? 100;
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new StoreInputError('limit', msg('store.integerRange', { min: 1, max: 1000, got: String(n) }));
  return n;
}

/** The case filter's fields and the columns they compare, in the order the WHERE clause lists them. */
export const CASE_FILTER_COLUMNS: readonly [keyof Omit<CaseFilter, 'limit' | 'offset' | 'after'>, string][] = [
  ['town', 'town'],
  ['village', 'village'],
  ['group', 'grp'],
  ['status', 'status'],
  ['policyId', 'policy_id'],
  ['procedure', 'procedure'],
];

/** A security event's row (its id given by the backend) and the audit entry sealing it. */
export function securityEntry(id: number, e: check.CheckedSecurityEvent): PendingEntry {
  return {
    kind: 'security',
    ref: securityRef(id),
    digest: securityDigest({ id, type: e.type, actor: e.actor, subject: e.subject, detailJson: e.detailJson, at: e.at }),
  };
}

/**
 * A database sealed by a key that is not there must not get a new one: its chain could never be
 * verified again, and a lost key would pass unnoticed.
 */
export function missingKeyError(target: string, sealed: string | undefined, keyFile: string): DatabaseUnreadableError {
  return new DatabaseUnreadableError(target, msg('store.keyMissing', { sealed: sealed ?? '?', keyFile }));
}

export function wrongKeyError(target: string, keyFile: string, key: MacKey, sealedBy: string): DatabaseUnreadableError {
  return new DatabaseUnreadableError(target, msg('store.wrongKey', { keyFile, keyId: key.id, sealedBy }));
}

export function writableNeedsKey(): StoreInputError {
  return new StoreInputError('keyFile', msg('store.writableNeedsKey'));
}

/** The signed head of the audit chain, refused unless `key` is the one that sealed the database. */
export function signCheckpoint(
  key: MacKey | undefined,
  sealedBy: string | undefined,
  head: { gseq: number; mac: string } | undefined,
  counts: AuditCheckpoint['counts'],
  at: string,
): AuditCheckpoint {
  if (!key) throw new StoreInputError('checkpoint', msg('store.noKeyForCheckpoint'));
  if (sealedBy !== key.id) {
    throw new StoreInputError(
      'checkpoint',
      msg('store.checkpointWrongKey', { keyId: key.id, sealedBy: sealedBy ?? msg('store.notSealed') }),
    );
  }
  const body: Omit<AuditCheckpoint, 'mac'> = {
    format: 'landflow-audit-checkpoint/1',
    keyId: key.id,
    globalSeq: head?.gseq ?? 0,
    lastMac: head?.mac ?? GENESIS_MAC,
    counts,
    at,
  };
  return { ...body, mac: checkpointMac(key, body) };
}
