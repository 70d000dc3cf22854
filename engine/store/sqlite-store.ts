// The case store on one SQLite file (better-sqlite3): WAL, synchronous FULL, one IMMEDIATE
// transaction per command. Every command appends hash-chained events, moves the snapshot, records
// its idempotency key and takes its contract numbers in that same transaction, so a crash leaves
// either all of it or none of it. better-sqlite3 is synchronous: each operation runs to its end
// before it returns, and its answer (or its error) is handed back as the interface's promise.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AuditChainWriter, type PendingEntry } from './audit-chain.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, contractNumberText, eventHashFromCanonicalPayload } from './chain.ts';
import { ConflictError, DatabaseUnreadableError, IdempotencyMismatchError, NotFoundError, StoreInputError } from './errors.ts';
import { ulidGenerator } from './ids.ts';
import { KeyFileError, createKeyFile, defaultKeyFile, readKeyFile } from './key-file.ts';
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
} from './mac.ts';
import { MigrationError, checkApplied, migrate, readApplied } from './migrations.ts';
import * as check from './validate.ts';
import { verifyDatabase } from './verify.ts';
import { caseFields, type CaseRow, type CommandRow, type ContractRow, type EventRow, type SecurityEventRow } from './rows.ts';
import { SqliteFeedTokenStore } from './feed-tokens.ts';
import { SqliteSessionStore, SqliteUserStore } from './users.ts';
import type {
  AuditCheckpoint,
  CaseFilter,
  CaseRecord,
  CommandResult,
  ContractKind,
  ContractNumber,
  ContractNumberRecord,
  CreateCaseInput,
  OpenStoreOptions,
  RunCommandInput,
  SecurityEventFilter,
  SecurityEventInput,
  SecurityEventRecord,
  Store,
  StoredEvent,
  VerifyOptions,
  VerifyResult,
} from './types.ts';

/** A synchronous body as the interface's promise: what it throws becomes the rejection. */
function settle<T>(body: () => T): Promise<T> {
  try {
    return Promise.resolve(body());
  } catch (e) {
    return Promise.reject(e as Error);
  }
}

const CONTRACT_KINDS: readonly string[] = ['转让', '退出'];

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function toRecord(row: CaseRow): CaseRecord {
  return { ...recordMeta(row), state: JSON.parse(row.state) };
}

function recordMeta(row: CaseRow): Omit<CaseRecord, 'state'> {
  return {
    id: row.id,
    policyId: row.policy_id,
    policyHash: row.policy_hash,
    procedure: row.procedure,
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

/** The record as stored for an idempotent replay, its state spliced in as already-canonical text. */
function recordJson(row: CaseRow): string {
  return JSON.stringify(recordMeta(row)).slice(0, -1) + ',"state":' + row.state + '}';
}

export function toEvent(row: EventRow): StoredEvent {
  return {
    caseId: row.case_id,
    seq: row.seq,
    type: row.type,
    payload: JSON.parse(row.payload),
    user: row.user,
    at: row.at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function isMissingFile(file: string): boolean {
  return !fs.existsSync(file);
}

function openDatabase(file: string, opts: OpenStoreOptions): { db: Database.Database; key: MacKey | undefined } {
  const readonly = opts.readonly === true;
  const keyFile = opts.keyFile === undefined ? defaultKeyFile(file) : opts.keyFile;
  if (keyFile === null && !readonly) throw new StoreInputError('keyFile', '可写打开需要审计密钥 a writable store needs the audit key file');
  if ((readonly || opts.mustExist) && isMissingFile(file)) {
    throw new DatabaseUnreadableError(file, '数据库文件不存在 database file not found');
  }
  if (!readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly || opts.mustExist === true });
  } catch (e) {
    throw new DatabaseUnreadableError(file, `无法打开数据库 cannot open database (${(e as Error).message})`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    // Reading sqlite_master is what exposes a file that is not a database at all.
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (!tables.includes('schema_migrations')) {
      if (readonly || tables.length > 0) {
        throw new DatabaseUnreadableError(file, '不是 landflow 数据库 not a landflow database (no schema_migrations table)');
      }
    } else {
      checkApplied(readApplied(db));
    }
    if (readonly) return { db, key: keyFile === null ? undefined : readKeyFile(keyFile) };
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const key = readKeyFile(keyFile!) ?? newKeyUnlessSealed(db, file, keyFile!);
    migrate(db, undefined, { key });
    claimDatabase(db, file, key, keyFile!);
    return { db, key };
  } catch (e) {
    db.close();
    if (e instanceof DatabaseUnreadableError) throw e;
    if (e instanceof KeyFileError) throw new DatabaseUnreadableError(file, e.message);
    if (e instanceof MigrationError) throw new DatabaseUnreadableError(file, e.message);
    throw new DatabaseUnreadableError(file, `无法读取数据库 cannot read database (${(e as Error).message})`);
  }
}

/** The id of the key that sealed this database, if any (undefined before migration 4 too). */
function sealedKeyId(db: Database.Database): string | undefined {
  const has = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_meta'").pluck().get() as number;
  if (!has) return undefined;
  return db.prepare("SELECT value FROM audit_meta WHERE name = 'key_id'").pluck().get() as string | undefined;
}

/**
 * A first start makes the key. A database already sealed by a key that is not there must not get
 * a new one: its chain could never be verified again, and a lost key would pass unnoticed.
 */
function newKeyUnlessSealed(db: Database.Database, file: string, keyFile: string): MacKey {
  const sealed = sealedKeyId(db);
  const entries =
    sealed === undefined && db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'audit_chain'").pluck().get()
      ? (db.prepare('SELECT count(*) FROM audit_chain').pluck().get() as number)
      : 0;
  if (sealed !== undefined || entries > 0) {
    throw new DatabaseUnreadableError(
      file,
      `审计密钥文件缺失：此数据库已由密钥 ${sealed ?? '?'} 封存，请从备份放回密钥文件 ${keyFile}（或用 LANDFLOW_MAC_KEY_FILE 指明） ` +
        `the audit key file is missing: this database is sealed with key ${sealed ?? '?'}; put its key file back at ${keyFile} (or name it with LANDFLOW_MAC_KEY_FILE)`,
    );
  }
  return createKeyFile(keyFile);
}

/** Records which key seals the database, or refuses a key that is not the one that did. */
function claimDatabase(db: Database.Database, file: string, key: MacKey, keyFile: string): void {
  const mismatch = (id: string) =>
    new DatabaseUnreadableError(
      file,
      `审计密钥不属于此数据库 the audit key ${keyFile} (id ${key.id}) is not the key that sealed this database (id ${id})`,
    );
  const id = sealedKeyId(db);
  if (id === key.id) return;
  if (id !== undefined) throw mismatch(id);
  db.transaction(() => {
    const again = sealedKeyId(db);
    if (again === undefined) db.prepare("INSERT INTO audit_meta (name, value) VALUES ('key_id', ?)").run(key.id);
    else if (again !== key.id) throw mismatch(again);
  }).immediate();
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database, readonly: boolean) {
  // Writing statements cannot be prepared on a read-only connection; they are never needed there.
  const w = (sql: string) => (readonly ? (undefined as unknown as Database.Statement) : db.prepare(sql));
  return {
    getCase: db.prepare('SELECT * FROM cases WHERE id = ?'),
    getCommand: db.prepare('SELECT case_id, kind, fingerprint, first_seq, last_seq, result FROM commands WHERE idempotency_key = ?'),
    events: db.prepare('SELECT * FROM events WHERE case_id = ? ORDER BY seq'),
    eventRange: db.prepare('SELECT * FROM events WHERE case_id = ? AND seq BETWEEN ? AND ? ORDER BY seq'),
    maxContract: db.prepare('SELECT max(seq) FROM contract_numbers WHERE town = ? AND year = ? AND kind = ?').pluck(),
    insertCase: w(`INSERT INTO cases (id, policy_id, policy_hash, procedure, mode, town, village, grp, state, version,
      last_hash, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    updateCase: w('UPDATE cases SET state = ?, version = ?, last_hash = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?'),
    insertEvent: w('INSERT INTO events (case_id, seq, type, payload, user, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    insertCommand: w(`INSERT INTO commands (idempotency_key, case_id, kind, fingerprint, first_seq, last_seq, result, user, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertContract: w('INSERT INTO contract_numbers (town, year, kind, seq, text, case_id, version, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    insertSecurity: w('INSERT INTO security_events (type, actor, subject, detail, at) VALUES (?, ?, ?, ?, ?)'),
  };
}

export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  /** The database file, absolute. */
  readonly target: string;
  /** @internal the connection, for restore and tests in this module only. */
  readonly db: Database.Database;
  private readonly newId: (at: string) => string;
  private readonly readonly: boolean;
  private readonly s: Statements;
  private readonly key: MacKey | undefined;
  /** Present on a writable store (which always has the key). */
  private readonly chain: AuditChainWriter | undefined;
  readonly users: SqliteUserStore;
  readonly sessions: SqliteSessionStore;
  readonly feedTokens: SqliteFeedTokenStore;

  constructor(file: string, opts: OpenStoreOptions = {}) {
    this.target = path.resolve(file);
    this.readonly = opts.readonly === true;
    ({ db: this.db, key: this.key } = openDatabase(this.target, opts));
    this.newId = opts.newId ?? ulidGenerator((n) => randomBytes(n));
    try {
      this.s = prepareStatements(this.db, this.readonly);
      this.chain = this.readonly ? undefined : new AuditChainWriter(this.db, this.key!);
    } catch (e) {
      // Only a half-made database gets here (schema_migrations without the tables it records).
      this.db.close();
      throw new DatabaseUnreadableError(this.target, `数据库结构不完整 incomplete landflow schema (${(e as Error).message})`);
    }
    this.users = new SqliteUserStore(this);
    this.sessions = new SqliteSessionStore(this);
    this.feedTokens = new SqliteFeedTokenStore(this, this.users);
  }

  private deciding = false;
  private wroteWhileDeciding = false;

  /**
   * Runs a write (of any part of the store: cases, accounts, sessions …) as the interface's promise.
   * decide is the pure step: a write from inside it would nest in the command's transaction, so it
   * is refused, and the command it was called from fails too (decide cannot await the refusal).
   */
  /** A read (of any part of the store) as the interface's promise. */
  read<T>(body: () => T): Promise<T> {
    return settle(body);
  }

  write<T>(body: () => T): Promise<T> {
    if (this.deciding) {
      this.wroteWhileDeciding = true;
      const refused = Promise.reject(new StoreInputError('decide', '不得在 decide 内写入案件库 must not write to the store'));
      refused.catch(() => undefined);
      return refused;
    }
    return settle(() => {
      if (this.readonly) throw new StoreInputError('store', '只读打开 opened read-only');
      return body();
    });
  }

  createCase(input: CreateCaseInput): Promise<CaseRecord> {
    return this.write(() => this.createCaseNow(input));
  }

  private createCaseNow(input: CreateCaseInput): CaseRecord {
    const user = check.text('user', input.user);
    const at = check.instant('at', input.at);
    const key = check.text('idempotencyKey', input.idempotencyKey);
    const policyId = check.text('policyId', input.policyId);
    const policyHash = check.text('policyHash', input.policyHash);
    const procedure = check.text('procedure', input.procedure, 50);
    const mode = input.mode == null ? null : check.text('mode', input.mode, 50);
    const place = check.place('place', input.place);
    const givenId = input.id === undefined ? undefined : check.caseId('id', input.id);
    const events = check.events('initialEvents', input.initialEvents);
    const stateJson = check.json('state', input.state);
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

    return this.db
      .transaction((): CaseRecord => {
        const prior = this.s.getCommand.get(key) as CommandRow | undefined;
        if (prior) return this.replay(prior, key, 'create', fingerprint, givenId ?? prior.case_id).record;
        const id = givenId ?? check.caseId('newId()', this.newId(at));
        const existing = this.s.getCase.get(id) as CaseRow | undefined;
        if (existing) throw new ConflictError(id, 0, existing.version);
        const row: CaseRow = {
          id,
          policy_id: policyId,
          policy_hash: policyHash,
          procedure,
          mode,
          town: place.town,
          village: place.village,
          grp: place.group,
          state: stateJson,
          version: 0,
          last_hash: GENESIS_HASH,
          created_at: at,
          created_by: user,
          updated_at: at,
          updated_by: user,
        };
        // The row goes in first (events reference it), then moves to the chain's head.
        this.s.insertCase.run(
          id,
          policyId,
          policyHash,
          procedure,
          mode,
          place.town,
          place.village,
          place.group,
          stateJson,
          0,
          GENESIS_HASH,
          at,
          user,
          at,
          user,
        );
        this.appendAndCommit(row, events, stateJson, key, 'create', fingerprint, user, at, [
          { kind: 'case', ref: caseRef(id), digest: caseDigest(caseFields(row)) },
        ]);
        return toRecord(row);
      })
      .immediate();
  }

  runCommand(input: RunCommandInput): Promise<CommandResult> {
    return this.write(() => this.runCommandNow(input));
  }

  private runCommandNow(input: RunCommandInput): CommandResult {
    const caseId = check.caseId('caseId', input.caseId);
    const expected = check.version('expectedVersion', input.expectedVersion);
    const key = check.text('idempotencyKey', input.idempotencyKey);
    const user = check.text('user', input.user);
    const at = check.instant('at', input.at);
    if (typeof input.decide !== 'function') throw new StoreInputError('decide', '必须是函数 must be a function');
    const fingerprint = sha256(canonicalJson({ op: 'command', caseId, user, command: check.json('command', input.command ?? null) }));

    return this.db
      .transaction((): CommandResult => {
        const prior = this.s.getCommand.get(key) as CommandRow | undefined;
        if (prior) return this.replay(prior, key, 'command', fingerprint, caseId);
        const row = this.s.getCase.get(caseId) as CaseRow | undefined;
        if (!row) throw new NotFoundError(caseId);
        if (row.version !== expected) throw new ConflictError(caseId, expected, row.version);

        let open = true;
        const sealed: PendingEntry[] = [];
        const tools = {
          allocateContractNumber: (kind: ContractKind, town: string, year: number): ContractNumber => {
            if (!open) throw new StoreInputError('allocateContractNumber', '只能在 decide 内调用 may only be called while decide runs');
            return this.allocate(kind, town, year, caseId, row.version + 1, at, sealed);
          },
        };
        let decision;
        this.deciding = true;
        this.wroteWhileDeciding = false;
        try {
          decision = input.decide(toRecord(row), tools);
        } finally {
          open = false;
          this.deciding = false;
        }
        if (this.wroteWhileDeciding) throw new StoreInputError('decide', '不得在 decide 内写入案件库 must not write to the store');
        if (decision && typeof (decision as unknown as PromiseLike<unknown>).then === 'function') {
          throw new StoreInputError('decide', '必须同步返回 must return synchronously (a transaction cannot wait for a promise)');
        }
        if (decision === null || typeof decision !== 'object')
          throw new StoreInputError('decide()', '必须返回 {events, state} must return {events, state}');
        const events = check.events('decide().events', decision.events);
        const stateJson = check.json('decide().state', decision.state);
        const stored = this.appendAndCommit(row, events, stateJson, key, 'command', fingerprint, user, at, sealed);
        return { record: toRecord(row), events: stored, replayed: false };
      })
      .immediate();
  }

  /**
   * Appends the events after row's head, moves the snapshot, records the command and seals the
   * command's rows (its contract numbers in `sealed`, then its events) into the audit chain. Mutates row.
   */
  private appendAndCommit(
    row: CaseRow,
    events: check.CheckedEvent[],
    stateJson: string,
    key: string,
    kind: CommandRow['kind'],
    fingerprint: string,
    user: string,
    at: string,
    sealed: PendingEntry[],
  ): StoredEvent[] {
    const before = row.version;
    let prev = row.last_hash;
    const stored: StoredEvent[] = [];
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const seq = before + i + 1;
      const hash = eventHashFromCanonicalPayload(prev, { caseId: row.id, seq, type: e.type, user, at }, e.payloadJson);
      this.s.insertEvent.run(row.id, seq, e.type, e.payloadJson, user, at, prev, hash);
      stored.push({ caseId: row.id, seq, type: e.type, payload: JSON.parse(e.payloadJson), user, at, prevHash: prev, hash });
      sealed.push({ kind: 'event', ref: eventRef(row.id, seq), digest: eventDigest(hash) });
      prev = hash;
    }
    const info = this.s.updateCase.run(stateJson, before + events.length, prev, at, user, row.id, before);
    if (info.changes !== 1) throw new ConflictError(row.id, before, -1); // unreachable under the write lock
    row.state = stateJson;
    row.version = before + events.length;
    row.last_hash = prev;
    row.updated_at = at;
    row.updated_by = user;
    this.s.insertCommand.run(key, row.id, kind, fingerprint, before + 1, row.version, recordJson(row), user, at);
    this.chain!.append(sealed);
    return stored;
  }

  private replay(prior: CommandRow, key: string, kind: CommandRow['kind'], fingerprint: string, caseId: string): CommandResult {
    if (prior.kind !== kind || prior.case_id !== caseId || prior.fingerprint !== fingerprint) {
      const detail =
        prior.kind !== kind
          ? `先前用于 first used for a ${prior.kind === 'create' ? 'case creation' : 'command'}`
          : prior.case_id !== caseId
            ? `先前用于案件 first used for case ${prior.case_id}`
            : '请求内容不同 the request differs';
      throw new IdempotencyMismatchError(key, detail);
    }
    const events = (this.s.eventRange.all(prior.case_id, prior.first_seq, prior.last_seq) as EventRow[]).map(toEvent);
    return { record: JSON.parse(prior.result) as CaseRecord, events, replayed: true };
  }

  private allocate(
    kind: ContractKind,
    town: string,
    year: number,
    caseId: string,
    version: number,
    at: string,
    sealed: PendingEntry[],
  ): ContractNumber {
    if (!CONTRACT_KINDS.includes(kind))
      throw new StoreInputError('allocateContractNumber.kind', `必须是 转让 或 退出 must be 转让 or 退出 (got ${JSON.stringify(kind)})`);
    check.text('allocateContractNumber.town', town);
    if (!Number.isInteger(year) || year < 1900 || year > 9999) {
      throw new StoreInputError('allocateContractNumber.year', `年份无效 invalid year ${JSON.stringify(year)}`);
    }
    // max+1 under the write lock: the number exists only if this transaction commits.
    const seq = ((this.s.maxContract.get(town, year, kind) as number | null) ?? 0) + 1;
    const text = contractNumberText(kind, year, seq);
    this.s.insertContract.run(town, year, kind, seq, text, caseId, version, at);
    sealed.push({
      kind: 'contract',
      ref: contractRef(town, year, kind, seq),
      digest: contractDigest({ town, year, kind, seq, text, caseId, version, at }),
    });
    return { kind, town, year, seq, text };
  }

  getCase(id: string): Promise<CaseRecord | undefined> {
    return settle(() => {
      const row = this.s.getCase.get(id) as CaseRow | undefined;
      return row && toRecord(row);
    });
  }

  private where(filter: Omit<CaseFilter, 'limit' | 'offset'>): { sql: string; params: string[] } {
    const cols: [keyof Omit<CaseFilter, 'limit' | 'offset'>, string][] = [
      ['town', 'town'],
      ['village', 'village'],
      ['group', 'grp'],
      ['policyId', 'policy_id'],
      ['procedure', 'procedure'],
    ];
    const clauses: string[] = [];
    const params: string[] = [];
    for (const [k, col] of cols) {
      const v = filter[k];
      if (v === undefined) continue;
      clauses.push(`${col} = ?`);
      params.push(String(v));
    }
    return { sql: clauses.length ? ' WHERE ' + clauses.join(' AND ') : '', params };
  }

  listCases(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    return settle(() => this.listCasesNow(filter));
  }

  private listCasesNow(filter: CaseFilter): CaseRecord[] {
    const limit = filter.limit ?? 100;
    const offset = filter.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new StoreInputError('limit', '必须在 1–1000 must be 1–1000');
    if (!Number.isInteger(offset) || offset < 0) throw new StoreInputError('offset', '必须是非负整数 must be a non-negative integer');
    const { sql, params } = this.where(filter);
    const after = filter.after === undefined ? '' : `${sql ? ' AND' : ' WHERE'} id > ?`;
    if (filter.after !== undefined) params.push(String(filter.after));
    const rows = this.db
      .prepare(`SELECT * FROM cases${sql}${after} ORDER BY id LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as CaseRow[];
    return rows.map(toRecord);
  }

  countCases(filter: Omit<CaseFilter, 'limit' | 'offset'> = {}): Promise<number> {
    return settle(() => {
      const { sql, params } = this.where(filter);
      return this.db
        .prepare(`SELECT count(*) FROM cases${sql}`)
        .pluck()
        .get(...params) as number;
    });
  }

  getEvents(caseId: string): Promise<StoredEvent[]> {
    return settle(() => (this.s.events.all(caseId) as EventRow[]).map(toEvent));
  }

  listContractNumbers(
    filter: { caseId?: string; town?: string; year?: number; kind?: ContractKind } = {},
  ): Promise<ContractNumberRecord[]> {
    return settle(() => this.listContractNumbersNow(filter));
  }

  private listContractNumbersNow(filter: { caseId?: string; town?: string; year?: number; kind?: ContractKind }): ContractNumberRecord[] {
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    if (filter.caseId !== undefined) {
      clauses.push('case_id = ?');
      params.push(filter.caseId);
    }
    if (filter.town !== undefined) {
      clauses.push('town = ?');
      params.push(filter.town);
    }
    if (filter.year !== undefined) {
      clauses.push('year = ?');
      params.push(filter.year);
    }
    if (filter.kind !== undefined) {
      clauses.push('kind = ?');
      params.push(filter.kind);
    }
    const where = clauses.length ? ' WHERE ' + clauses.join(' AND ') : '';
    const rows = this.db.prepare(`SELECT * FROM contract_numbers${where} ORDER BY town, year, kind, seq`).all(...params) as ContractRow[];
    return rows.map((r) => ({
      kind: r.kind,
      town: r.town,
      year: r.year,
      seq: r.seq,
      text: r.text,
      caseId: r.case_id,
      version: r.version,
      at: r.at,
    }));
  }

  verifyAll(opts: VerifyOptions = {}): Promise<VerifyResult> {
    return settle(() => verifyDatabase(this.db, this.key, opts));
  }

  recordSecurityEvent(input: SecurityEventInput): Promise<SecurityEventRecord> {
    return this.write(() => this.db.transaction(() => this.sealSecurityEvent(input)).immediate());
  }

  /**
   * Writes a security event and seals it into the audit chain, in the caller's transaction: the
   * accounts (users.ts, feed-tokens.ts) write a change and its event together this way.
   */
  sealSecurityEvent(input: SecurityEventInput): SecurityEventRecord {
    const e = check.securityEvent('securityEvent', input);
    const id = Number(this.s.insertSecurity.run(e.type, e.actor, e.subject, e.detailJson, e.at).lastInsertRowid);
    const digest = securityDigest({ id, type: e.type, actor: e.actor, subject: e.subject, detailJson: e.detailJson, at: e.at });
    this.chain!.append([{ kind: 'security', ref: securityRef(id), digest }]);
    return { id, type: e.type, actor: e.actor, subject: e.subject, detail: JSON.parse(e.detailJson), at: e.at };
  }

  listSecurityEvents(filter: SecurityEventFilter = {}): Promise<SecurityEventRecord[]> {
    return settle(() => this.listSecurityEventsNow(filter));
  }

  private listSecurityEventsNow(filter: SecurityEventFilter): SecurityEventRecord[] {
    const limit = filter.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new StoreInputError('limit', '必须在 1–1000 must be 1–1000');
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    if (filter.type !== undefined) {
      clauses.push('type = ?');
      params.push(filter.type);
    }
    if (filter.actor !== undefined) {
      clauses.push('actor = ?');
      params.push(filter.actor);
    }
    if (filter.subject !== undefined) {
      clauses.push('subject = ?');
      params.push(filter.subject);
    }
    if (filter.afterId !== undefined) {
      clauses.push('id > ?');
      params.push(filter.afterId);
    }
    const where = clauses.length ? ' WHERE ' + clauses.join(' AND ') : '';
    const rows = this.db.prepare(`SELECT * FROM security_events${where} ORDER BY id LIMIT ?`).all(...params, limit) as SecurityEventRow[];
    return rows.map(
      (r) =>
        ({ id: r.id, type: r.type, actor: r.actor, subject: r.subject, detail: JSON.parse(r.detail), at: r.at }) as SecurityEventRecord,
    );
  }

  checkpoint(at: string): Promise<AuditCheckpoint> {
    return settle(() => this.checkpointNow(at));
  }

  private checkpointNow(at: string): AuditCheckpoint {
    const when = check.instant('at', at);
    if (!this.key) throw new StoreInputError('checkpoint', '没有审计密钥，无法签署检查点 no audit key: a checkpoint cannot be signed');
    return this.db.transaction((): AuditCheckpoint => {
      const sealedBy = sealedKeyId(this.db);
      if (sealedBy !== this.key!.id) {
        throw new StoreInputError(
          'checkpoint',
          `密钥不属于此数据库，拒绝签署 the key ${this.key!.id} did not seal this database (${sealedBy ?? 'not sealed'}): no checkpoint signed`,
        );
      }
      const head = this.db.prepare('SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1').get() as
        { gseq: number; mac: string } | undefined;
      const count = (sql: string) => this.db.prepare(sql).pluck().get() as number;
      const body: Omit<AuditCheckpoint, 'mac'> = {
        format: 'landflow-audit-checkpoint/1',
        keyId: this.key!.id,
        globalSeq: head?.gseq ?? 0,
        lastMac: head?.mac ?? GENESIS_MAC,
        counts: {
          cases: count('SELECT count(*) FROM cases'),
          events: count('SELECT count(*) FROM events'),
          contractNumbers: count('SELECT count(*) FROM contract_numbers'),
          securityEvents: count('SELECT count(*) FROM security_events'),
        },
        at: when,
      };
      return { ...body, mac: checkpointMac(this.key!, body) };
    })();
  }

  schemaVersion(): Promise<number> {
    return settle(() => (this.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0);
  }

  async backupTo(file: string): Promise<void> {
    const target = path.resolve(file);
    if (target === this.target) throw new StoreInputError('backup', '备份目标就是数据库本身 the backup target is the database itself');
    if (!fs.existsSync(path.dirname(target)))
      throw new StoreInputError('backup', `目录不存在 directory does not exist: ${path.dirname(target)}`);
    // Written aside and renamed, so a crash mid-backup never leaves a half file under the real name.
    const partial = target + '.partial';
    removeDbFiles(partial);
    try {
      await this.db.backup(partial);
      // A backup is one self-contained file: take it out of WAL mode (openStore puts it back).
      const copy = new Database(partial);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
      // A stale -wal beside the target would be replayed onto the new file: remove it first.
      removeDbFiles(target, true);
      fs.renameSync(partial, target);
    } catch (e) {
      removeDbFiles(partial);
      throw e;
    }
  }

  /** Copies this database over `target` through SQLite's backup API (under its locks, so live readers stay consistent). */
  async copyOnto(target: string): Promise<void> {
    await this.db.backup(path.resolve(target), { progress: () => 0x7fffffff });
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.db.open) this.db.close();
    });
  }
}

/** Removes a database file's companions (and the file itself unless onlyCompanions). */
function removeDbFiles(file: string, onlyCompanions = false): void {
  for (const f of onlyCompanions
    ? [file + '-wal', file + '-shm', file + '-journal']
    : [file, file + '-wal', file + '-shm', file + '-journal']) {
    fs.rmSync(f, { force: true });
  }
}
