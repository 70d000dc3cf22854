// The case store on one SQLite file (better-sqlite3): WAL, each write synced before it resolves
// (wal-sync.ts), one IMMEDIATE transaction per command. Every command appends hash-chained events,
// moves the snapshot, records its idempotency key and takes its contract numbers in that same
// transaction, so a crash leaves either all of it or none of it. better-sqlite3 is synchronous:
// each operation runs to its end before it returns, and its answer (or its error) is handed back as
// the interface's promise.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AuditChainWriter, chainHead } from './audit-chain.ts';
import { GENESIS_HASH } from './chain.ts';
import { packState, unpackCase } from './state.ts';
import {
  checkedDictionaries,
  packHash,
  packPayload,
  unpackCommand,
  unpackEvents,
  type Dictionaries,
  type PackedCommandRow,
  type PackedEventRow,
} from './packing.ts';
import { LISTING_COLUMNS, TASK_FILTER_COLUMNS, checkIds, checkTaskPage, toTaskIndexRow } from './case-index.ts';
import { ConflictError, DatabaseUnreadableError, NotFoundError, StoreError, StoreInputError } from './errors.ts';
import { ulidGenerator } from './ids.ts';
import { KeyFileError, createKeyFile, defaultKeyFile, readKeyFile } from './key-file.ts';
import type { MacKey, PendingEntry } from './mac.ts';
import { MigrationError, STATE_DICTIONARY_MIGRATION, checkApplied, migrate, readApplied } from './migrations.ts';
import {
  CASE_FILTER_COLUMNS,
  allocateOutsideDecide,
  checkBatch,
  checkCommand,
  checkContractSeries,
  checkCreate,
  checkDecision,
  checkLimit,
  checkPage,
  checkReplay,
  commandWrite,
  contractRow,
  missingKeyError,
  newCaseRow,
  replayRecord,
  securityEntry,
  signCheckpoint,
  toEvents,
  toListing,
  toRecord,
  writableNeedsKey,
  wrongKeyError,
  type RecordKind,
  type CommandWrite,
} from './operations.ts';
import * as check from './validate.ts';
import { verifyDatabase } from './sqlite-verify.ts';
import { WalSync } from './wal-sync.ts';
import type { CaseRow, CommandRow, ContractRow, EventRow, ListingRow, SecurityEventRow, TaskRow } from './rows.ts';
import { SqliteFeedTokenStore } from './feed-tokens.ts';
import { SqliteRateBuckets } from './rate-buckets.ts';
import { msg } from '../../dsl/message.ts';
import { SqliteSessionStore, SqliteUserStore } from './users.ts';
import type {
  AuditCheckpoint,
  CaseFilter,
  CaseListing,
  CaseRecord,
  CommandResult,
  ContractKind,
  ContractNumber,
  ContractNumberRecord,
  CreateCaseInput,
  OpenStoreOptions,
  Reducer,
  RunCommandInput,
  SecurityEventFilter,
  SecurityEventInput,
  SecurityEventRecord,
  Store,
  StoredEvent,
  TaskFilter,
  TaskIndexRow,
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

function isMissingFile(file: string): boolean {
  return !fs.existsSync(file);
}

function openDatabase(file: string, opts: OpenStoreOptions): { db: Database.Database; key: MacKey | undefined } {
  const readonly = opts.readonly === true;
  const keyFile = opts.keyFile === undefined ? defaultKeyFile(file) : opts.keyFile;
  if (keyFile === null && !readonly) throw writableNeedsKey();
  if ((readonly || opts.mustExist) && isMissingFile(file)) {
    throw new DatabaseUnreadableError(file, msg('store.dbNotFound'));
  }
  if (!readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly || opts.mustExist === true });
  } catch (e) {
    throw new DatabaseUnreadableError(file, msg('store.cannotOpen', { detail: (e as Error).message }));
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    // Reading sqlite_master is what exposes a file that is not a database at all.
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (!tables.includes('schema_migrations')) {
      if (readonly || tables.length > 0) {
        throw new DatabaseUnreadableError(file, msg('store.notLandflow'));
      }
    } else {
      checkApplied(readApplied(db));
    }
    if (readonly) return { db, key: keyFile === null ? undefined : readKeyFile(keyFile) };
    db.pragma('journal_mode = WAL');
    // NORMAL: the COMMIT writes the WAL without waiting for the disk; SqliteStore.write waits
    // for its fsync off the event loop instead, shared with the commits beside it (wal-sync.ts).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const key = readKeyFile(keyFile!) ?? newKeyUnlessSealed(db, file, keyFile!);
    migrate(db, undefined, { key });
    claimDatabase(db, file, key, keyFile!);
    return { db, key };
  } catch (e) {
    db.close();
    if (e instanceof DatabaseUnreadableError) throw e;
    if (e instanceof KeyFileError || e instanceof MigrationError) throw new DatabaseUnreadableError(file, e.text);
    throw new DatabaseUnreadableError(file, msg('store.cannotRead', { detail: (e as Error).message }));
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
  if (sealed !== undefined || entries > 0) throw missingKeyError(file, sealed, keyFile);
  return createKeyFile(keyFile);
}

/** Records which key seals the database, or refuses a key that is not the one that did. */
function claimDatabase(db: Database.Database, file: string, key: MacKey, keyFile: string): void {
  const mismatch = (id: string) => wrongKeyError(file, keyFile, key, id);
  const id = sealedKeyId(db);
  if (id === key.id) return;
  if (id !== undefined) throw mismatch(id);
  db.transaction(() => {
    const again = sealedKeyId(db);
    if (again === undefined) db.prepare("INSERT INTO audit_meta (name, value) VALUES ('key_id', ?)").run(key.id);
    else if (again !== key.id) throw mismatch(again);
  }).immediate();
}

/** The payload dictionaries of the database (none before migration 14), checked against their hashes. */
function loadDictionaries(db: Database.Database): Dictionaries {
  const has = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'dictionaries'").pluck().get() as number;
  return checkedDictionaries(
    has ? (db.prepare('SELECT id, hash, body FROM dictionaries').all() as { id: number; hash: string; body: Buffer }[]) : [],
  );
}

/** A case row as SQLite holds it: the snapshot deflated (state.ts). */
type StoredCaseRow = Omit<CaseRow, 'state'> & { state: string | Buffer };

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database, readonly: boolean) {
  // Writing statements cannot be prepared on a read-only connection; they are never needed there.
  const w = (sql: string) => (readonly ? (undefined as unknown as Database.Statement) : db.prepare(sql));
  return {
    getCase: db.prepare('SELECT * FROM cases WHERE id = ?'),
    getCommand: db.prepare('SELECT case_id, fingerprint, first_seq, last_seq FROM commands WHERE idempotency_key = ?'),
    events: db.prepare('SELECT * FROM events WHERE case_id = ? ORDER BY seq'),
    eventsUpTo: db.prepare('SELECT * FROM events WHERE case_id = ? AND seq <= ? ORDER BY seq'),
    maxContract: db.prepare('SELECT max(seq) FROM contract_numbers WHERE town = ? AND year = ? AND kind = ?').pluck(),
    insertCase: w(`INSERT INTO cases (id, policy_id, policy_hash, procedure, mode, town, village, grp, state, version,
      last_hash, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    updateCase: w(`UPDATE cases SET state = ?, version = ?, last_hash = ?, updated_at = ?, updated_by = ?, status = ?, head = ?, label = ?,
      current_steps = ?, contract_number = ? WHERE id = ? AND version = ?`),
    deleteTasks: w('DELETE FROM case_tasks WHERE case_id = ?'),
    // Named after TaskRow's fields: a row object binds as it is.
    insertTask: w(`INSERT INTO case_tasks (case_id, ord, town, village, grp, policy_id, as_of, valid_through, kind, step, label, due, timer,
      detail) VALUES (@case_id, @ord, @town, @village, @grp, @policy_id, @as_of, @valid_through, @kind, @step, @label, @due, @timer, @detail)`),
    insertEvent: w('INSERT INTO events (case_id, seq, type, payload, user, at, hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertCommand: w('INSERT INTO commands (idempotency_key, case_id, fingerprint, first_seq, last_seq) VALUES (?, ?, ?, ?, ?)'),
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
  /** The payload dictionaries this database holds (packing.ts). */
  private readonly dicts: Dictionaries;
  /** What its snapshots are deflated with: the dictionaries, or nothing before migration 15 (state.ts). */
  private readonly stateDicts: Dictionaries | undefined;
  /** Present on a writable store (which always has the key). */
  private readonly chain: AuditChainWriter | undefined;
  readonly users: SqliteUserStore;
  readonly sessions: SqliteSessionStore;
  readonly feedTokens: SqliteFeedTokenStore;
  readonly rateBuckets: SqliteRateBuckets;

  constructor(file: string, opts: OpenStoreOptions = {}) {
    this.target = path.resolve(file);
    this.readonly = opts.readonly === true;
    ({ db: this.db, key: this.key } = openDatabase(this.target, opts));
    this.newId = opts.newId ?? ulidGenerator((n) => randomBytes(n));
    try {
      this.s = prepareStatements(this.db, this.readonly);
      this.dicts = loadDictionaries(this.db);
      this.stateDicts = readApplied(this.db).some((m) => m.version === STATE_DICTIONARY_MIGRATION) ? this.dicts : undefined;
      this.chain = this.readonly ? undefined : new AuditChainWriter(this.db, this.key!);
    } catch (e) {
      // Only a half-made database gets here (schema_migrations without the tables it records), or a rewritten dictionary.
      this.db.close();
      if (e instanceof StoreError) throw new DatabaseUnreadableError(this.target, e.text);
      throw new DatabaseUnreadableError(this.target, msg('store.incompleteSchema', { detail: (e as Error).message }));
    }
    this.walSync = this.readonly ? undefined : new WalSync(this.target);
    this.users = new SqliteUserStore(this);
    this.sessions = new SqliteSessionStore(this);
    this.feedTokens = new SqliteFeedTokenStore(this, this.users);
    this.rateBuckets = new SqliteRateBuckets(this);
  }

  private deciding = false;
  private wroteWhileDeciding = false;
  /** Makes each write's commit durable before its promise resolves (absent read-only). */
  private readonly walSync: WalSync | undefined;

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
      const refused = Promise.reject(new StoreInputError('decide', msg('store.writeInDecide')));
      refused.catch(() => undefined);
      return refused;
    }
    const done = settle(() => {
      if (this.readonly) throw new StoreInputError('store', msg('store.readOnly'));
      return body();
    });
    // Answered once on disk, as a COMMIT under synchronous = FULL would be (wal-sync.ts).
    const wal = this.walSync;
    return wal ? done.then((v) => wal.durable().then(() => v)) : done;
  }

  createCase(input: CreateCaseInput): Promise<CaseRecord> {
    return this.write(() => this.db.transaction(() => this.createCaseNow(input)).immediate());
  }

  createCases(inputs: CreateCaseInput[]): Promise<CaseRecord[]> {
    return this.write(() => {
      checkBatch(inputs);
      return this.db.transaction(() => inputs.map((input) => this.createCaseNow(input))).immediate();
    });
  }

  /** The case row of `id`, its snapshot unpacked (state.ts). */
  private caseRow(id: string): CaseRow | undefined {
    const row = this.s.getCase.get(id) as StoredCaseRow | undefined;
    return row && unpackCase(row, this.stateDicts);
  }

  /** One creation, inside the caller's transaction. */
  private createCaseNow(input: CreateCaseInput): CaseRecord {
    const c = checkCreate(input);
    const prior = this.command(c.key);
    if (prior) return this.replay(prior, c.key, 'create', c.fingerprint, c.givenId ?? prior.case_id, input.reduce).record;
    const id = c.givenId ?? check.caseId('newId()', this.newId(c.at));
    const existing = this.caseRow(id);
    if (existing) throw new ConflictError(id, 0, existing.version);
    const { row, sealed } = newCaseRow(id, c);
    // The row goes in first (events reference it), then moves to the chain's head.
    this.s.insertCase.run(
      row.id,
      row.policy_id,
      row.policy_hash,
      row.procedure,
      row.mode,
      row.town,
      row.village,
      row.grp,
      packState(row.state),
      row.version,
      row.last_hash,
      row.created_at,
      row.created_by,
      row.updated_at,
      row.updated_by,
    );
    return toRecord(this.commit(commandWrite(row, c.events, c.stateJson, c.index, c.key, c.fingerprint, c.user, c.at, [sealed])));
  }

  runCommand(input: RunCommandInput): Promise<CommandResult> {
    return this.write(() => this.runCommandNow(input));
  }

  private runCommandNow(input: RunCommandInput): CommandResult {
    const c = checkCommand(input);
    return this.db
      .transaction((): CommandResult => {
        const prior = this.command(c.key);
        if (prior) return this.replay(prior, c.key, 'command', c.fingerprint, c.caseId, input.reduce);
        const row = this.caseRow(c.caseId);
        if (!row) throw new NotFoundError(c.caseId);
        if (row.version !== c.expected) throw new ConflictError(c.caseId, c.expected, row.version);

        let open = true;
        const sealed: PendingEntry[] = [];
        const tools = {
          allocateContractNumber: (kind: ContractKind, town: string, year: number): ContractNumber => {
            if (!open) throw allocateOutsideDecide();
            return this.allocate(kind, town, year, c.caseId, row.version + 1, c.at, sealed);
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
        const { events, stateJson, index } = checkDecision(decision, this.wroteWhileDeciding);
        const write = commandWrite(row, events, stateJson, index, c.key, c.fingerprint, c.user, c.at, sealed);
        return { record: toRecord(this.commit(write)), events: toEvents(write.events, write.head), replayed: false };
      })
      .immediate();
  }

  /** Writes a command's rows (commandWrite) after the case's head, and seals them into the audit chain; the case row after it. */
  private commit(w: CommandWrite): CaseRow {
    w.events.forEach((e, i) =>
      this.s.insertEvent.run(e.case_id, e.seq, e.type, packPayload(e.payload), w.stored[i]!.user, w.stored[i]!.at, packHash(e.hash)),
    );
    const r = w.row;
    const from = w.command.first_seq - 1;
    const info = this.s.updateCase.run(
      packState(r.state),
      r.version,
      r.last_hash,
      r.updated_at,
      r.updated_by,
      r.status,
      r.head,
      r.label,
      r.current_steps,
      r.contract_number,
      r.id,
      from,
    );
    if (info.changes !== 1) throw new ConflictError(r.id, from, -1); // unreachable under the write lock
    this.s.deleteTasks.run(r.id);
    for (const t of w.tasks) this.s.insertTask.run(t);
    const m = w.command;
    this.s.insertCommand.run(m.idempotency_key, m.case_id, packHash(m.fingerprint), m.first_seq, m.last_seq);
    this.chain!.append(w.sealed);
    return r;
  }

  /** The idempotency record of `key`, if any, unpacked (packing.ts). */
  private command(key: string): CommandRow | undefined {
    const r = this.s.getCommand.get(key) as PackedCommandRow | undefined;
    return r && unpackCommand(r);
  }

  private replay(
    prior: CommandRow,
    key: string,
    kind: RecordKind,
    fingerprint: string,
    caseId: string,
    reduce: Reducer | undefined,
  ): CommandResult {
    checkReplay(prior, key, kind, fingerprint, caseId);
    const row = this.caseRow(prior.case_id);
    const history = this.eventRows(this.s.eventsUpTo.all(prior.case_id, prior.last_seq));
    return replayRecord(row, prior, history, reduce);
  }

  /** Events rows as read, unpacked (packing.ts). */
  private eventRows(rows: unknown[]): EventRow[] {
    return unpackEvents(rows as PackedEventRow[], this.dicts);
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
    checkContractSeries(kind, town, year);
    // max+1 under the write lock: the number exists only if this transaction commits.
    const seq = ((this.s.maxContract.get(town, year, kind) as number | null) ?? 0) + 1;
    const taken = contractRow(kind, town, year, seq, caseId, version, at);
    this.s.insertContract.run(town, year, kind, seq, taken.number.text, caseId, version, at);
    sealed.push(taken.sealed);
    return taken.number;
  }

  getCase(id: string): Promise<CaseRecord | undefined> {
    return settle(() => {
      const row = this.caseRow(check.caseId('id', id));
      return row && toRecord(row);
    });
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A statement whose text a filter puts together, prepared once for each text (the lists' hot paths). */
  private prepared(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  getCases(ids: string[]): Promise<CaseRecord[]> {
    return settle(() => {
      const wanted = [...new Set(checkIds(ids))].sort();
      if (wanted.length === 0) return [];
      const rows = this.prepared('SELECT * FROM cases WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(
        JSON.stringify(wanted),
      );
      return (rows as StoredCaseRow[]).map((r) => toRecord(unpackCase(r, this.stateDicts)));
    });
  }

  listTasks(filter: TaskFilter = {}): Promise<TaskIndexRow[]> {
    return settle(() => {
      const { limit, from } = checkTaskPage(filter);
      const clauses: string[] = [];
      const params: (string | number)[] = [];
      for (const [k, col] of TASK_FILTER_COLUMNS) {
        const v = filter[k];
        if (v === undefined) continue;
        clauses.push(`${col} = ?`);
        params.push(String(v));
      }
      if (from && from.ord === null) {
        clauses.push('case_id > ?');
        params.push(from.caseId);
      } else if (from) {
        clauses.push('(case_id, ord) >= (?, ?)');
        params.push(from.caseId, from.ord!);
      }
      const where = clauses.length ? ' WHERE ' + clauses.join(' AND ') : '';
      const rows = this.prepared(`SELECT * FROM case_tasks${where} ORDER BY case_id, ord LIMIT ?`).all(...params, limit) as TaskRow[];
      return rows.map(toTaskIndexRow);
    });
  }

  private where(filter: Omit<CaseFilter, 'limit' | 'offset'>): { sql: string; params: string[] } {
    const clauses: string[] = [];
    const params: string[] = [];
    for (const [k, col] of CASE_FILTER_COLUMNS) {
      const v = filter[k];
      if (v === undefined) continue;
      clauses.push(`${col} = ?`);
      params.push(String(v));
    }
    return { sql: clauses.length ? ' WHERE ' + clauses.join(' AND ') : '', params };
  }

  listCases(filter: CaseFilter = {}): Promise<CaseListing[]> {
    return settle(() => this.listCasesNow(filter));
  }

  private listCasesNow(filter: CaseFilter): CaseListing[] {
    const { limit, offset, after } = checkPage(filter);
    const { sql, params } = this.where(filter);
    const from = after === undefined ? '' : `${sql ? ' AND' : ' WHERE'} id > ?`;
    if (after !== undefined) params.push(after);
    const rows = this.prepared(`SELECT ${LISTING_COLUMNS} FROM cases${sql}${from} ORDER BY id LIMIT ? OFFSET ?`).all(
      ...params,
      limit,
      offset,
    ) as ListingRow[];
    return rows.map(toListing);
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
    return settle(() => toEvents(this.eventRows(this.s.events.all(check.caseId('caseId', caseId))), GENESIS_HASH));
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
    return settle(() => verifyDatabase(this.db, this.key, opts, this.dicts, this.stateDicts));
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
    this.chain!.append([securityEntry(id, e)]);
    return { id, type: e.type, actor: e.actor, subject: e.subject, detail: JSON.parse(e.detailJson), at: e.at };
  }

  listSecurityEvents(filter: SecurityEventFilter = {}): Promise<SecurityEventRecord[]> {
    return settle(() => this.listSecurityEventsNow(filter));
  }

  private listSecurityEventsNow(filter: SecurityEventFilter): SecurityEventRecord[] {
    const limit = checkLimit(filter.limit);
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
    return this.db.transaction((): AuditCheckpoint => {
      const head = chainHead(
        this.db.prepare('SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1').get() as { gseq: number; mac: Buffer } | undefined,
      );
      const count = (sql: string) => this.db.prepare(sql).pluck().get() as number;
      const counts = {
        cases: count('SELECT count(*) FROM cases'),
        events: count('SELECT count(*) FROM events'),
        contractNumbers: count('SELECT count(*) FROM contract_numbers'),
        securityEvents: count('SELECT count(*) FROM security_events'),
      };
      return signCheckpoint(this.key, sealedKeyId(this.db), head, counts, when);
    })();
  }

  schemaVersion(): Promise<number> {
    return settle(() => (this.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0);
  }

  async backupTo(file: string): Promise<void> {
    const target = path.resolve(file);
    if (target === this.target) throw new StoreInputError('backup', msg('store.backupIsTarget'));
    if (!fs.existsSync(path.dirname(target))) throw new StoreInputError('backup', msg('file.noDirectory', { dir: path.dirname(target) }));
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
