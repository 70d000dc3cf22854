// The case store on PostgreSQL, with the SQLite store's semantics (engine/store/sqlite-store.ts)
// for any number of landflow instances on one database. What SQLite gets from its single write
// lock is taken here lock by lock, each held until COMMIT:
// - a command locks its case's row (SELECT … FOR UPDATE) before it reads the idempotency record and
//   the version, so of two commands on one case the second sees the first's result: a replay when
//   the key is the same, a ConflictError otherwise;
// - a contract number series (town, year, kind) is locked (an advisory lock) before its max(seq) is
//   read, so numbers are 1, 2, 3 … without gaps or duplicates across instances; decide is
//   synchronous and pure, so a command that asks for a series it has not locked yet runs decide
//   again once it holds it (see runCommand);
// - the audit chain's head is locked (an advisory lock) as the last step before COMMIT, so the
//   chain is one sequence in commit order over every instance, and only that tail is serialised;
// - a race the locks do not cover (two creations with one idempotency key or one case id, which
//   meet in a unique index) or a deadlock is retried from the start, and then reads as SQLite would.
// Every row, hash and MAC is the one SQLite writes (the shared parts are in ../operations.ts).
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { GENESIS_HASH } from '../chain.ts';
import { DatabaseUnreadableError, ConflictError, NotFoundError, StoreError, StoreInputError } from '../errors.ts';
import { ulidGenerator } from '../ids.ts';
import { KeyFileError, createKeyFile, defaultKeyFile, readKeyFile } from '../key-file.ts';
import { chainHead } from '../audit-chain.ts';
import { chainEntries, type MacKey, type PendingEntry } from '../mac.ts';
import {
  checkedDictionaries,
  packHash,
  packPayload,
  unpackCommand,
  unpackEvents,
  type Dictionaries,
  type PackedCommandRow,
  type PackedEventRow,
} from '../packing.ts';
import { packState, unpackCase } from '../state.ts';
import { MigrationError, checkApplied } from '../migrations.ts';
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
  writeInDecide,
  wrongKeyError,
  type CommandWrite,
  type RecordKind,
} from '../operations.ts';
import { LISTING_COLUMNS, TASK_FILTER_COLUMNS, checkIds, checkTaskPage, toTaskIndexRow } from '../case-index.ts';
import { redactTarget } from '../db-target.ts';
import type { CaseRow, CommandRow, ContractRow, EventRow, ListingRow, SecurityEventRow, TaskRow } from '../rows.ts';
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
  Decision,
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
} from '../types.ts';
import * as check from '../validate.ts';
import { PgFeedTokenStore, PgSessionStore, PgUserStore } from './accounts.ts';
import { PgRateBuckets } from './rate-buckets.ts';
import { all, createPool, holdsNul, one, type Conn } from './connection.ts';
import { migratePg, readAppliedPg } from './migrations.ts';
import { verifyPg } from './verify.ts';
import { msg } from '../../../dsl/message.ts';

/** The audit chain's head: one advisory lock (a bigint key) for every instance on the database. */
const CHAIN_LOCK = 0x6c66_6163; // 'lfac'
/** Contract number series: advisory locks (int4, hashtext(series)) in their own key space. */
const SERIES_LOCK_CLASS = 0x6c66_636e; // 'lfcn'

/** SQLSTATEs after which the whole transaction is tried again: it then reads what the winner wrote. */
const RETRY = new Set(['40001', '40P01', '23505']);
const ATTEMPTS = 8;

function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The id of the key that sealed this database, if any (undefined before migration 4 too). */
export async function sealedKeyId(c: Conn): Promise<string | undefined> {
  const has = await one<{ t: string | null }>(c, "SELECT to_regclass('audit_meta')::text AS t", []);
  if (!has?.t) return undefined;
  return (await one<{ value: string }>(c, "SELECT value FROM audit_meta WHERE name = 'key_id'", []))?.value;
}

/** Appends entries after the chain's head, holding the head's lock until COMMIT (so: call it last). */
async function appendChain(c: Conn, key: MacKey, entries: readonly PendingEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await c.query({ name: 'lf_chain_lock', text: 'SELECT pg_advisory_xact_lock($1)', values: [CHAIN_LOCK] });
  // READ COMMITTED: this statement's snapshot is taken after the lock, so it sees the last holder's entries.
  const head = chainHead(
    await one<{ gseq: number; mac: Buffer }>(c, 'SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1', [], 'lf_chain_head'),
  );
  const rows = chainEntries(key, head, entries);
  await c.query({
    name: 'lf_chain_insert',
    text: `INSERT INTO audit_chain (gseq, kind, ref, digest, mac)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::bytea[])`,
    values: [
      rows.map((r) => r.gseq),
      rows.map((r) => r.kind),
      rows.map((r) => r.ref),
      rows.map((r) => packHash(r.digest)),
      rows.map((r) => packHash(r.mac)),
    ],
  });
}

/** A case row as PostgreSQL holds it since migration 18: the snapshot packed, as SQLite's (../state.ts). */
type StoredCaseRow = Omit<CaseRow, 'state'> & { state: string | Buffer };

/** The writes' events, each with its user and time as its row stores them (CommandWrite.stored). */
async function insertEvents(c: Conn, writes: readonly CommandWrite[]): Promise<void> {
  const rows = writes.flatMap((w) => w.events);
  const stored = writes.flatMap((w) => w.stored);
  await c.query({
    name: 'lf_event_insert',
    text: `INSERT INTO events (case_id, seq, type, payload, "user", at, hash)
      SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bytea[], $5::text[], $6::text[], $7::bytea[])`,
    values: [
      rows.map((e) => e.case_id),
      rows.map((e) => e.seq),
      rows.map((e) => e.type),
      rows.map((e) => packPayload(e.payload)),
      stored.map((e) => e.user),
      stored.map((e) => e.at),
      rows.map((e) => packHash(e.hash)),
    ],
  });
}

async function insertCommands(c: Conn, rows: CommandWrite['command'][]): Promise<void> {
  await c.query({
    name: 'lf_command_insert',
    text: `INSERT INTO commands (idempotency_key, case_id, fingerprint, first_seq, last_seq)
      SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::int[], $5::int[])`,
    values: [
      rows.map((m) => m.idempotency_key),
      rows.map((m) => m.case_id),
      rows.map((m) => packHash(m.fingerprint)),
      rows.map((m) => m.first_seq),
      rows.map((m) => m.last_seq),
    ],
  });
}

async function insertTasks(c: Conn, rows: TaskRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof TaskRow>(k: K) => rows.map((r) => r[k]);
  await c.query({
    name: 'lf_tasks_insert',
    text: `INSERT INTO case_tasks (case_id, ord, town, village, grp, policy_id, as_of, valid_through, kind, step, label, due, timer, detail)
      SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
        $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`,
    values: [
      col('case_id'),
      col('ord'),
      col('town'),
      col('village'),
      col('grp'),
      col('policy_id'),
      col('as_of'),
      col('valid_through'),
      col('kind'),
      col('step'),
      col('label'),
      col('due'),
      col('timer'),
      col('detail'),
    ],
  });
}

const seriesName = (kind: string, town: string, year: number) => JSON.stringify([town, year, kind]);

export interface PgOpenOptions extends OpenStoreOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

export class PgStore implements Store {
  readonly backend = 'postgres' as const;
  /** The URL without its password. */
  readonly target: string;
  readonly users: PgUserStore;
  readonly sessions: PgSessionStore;
  readonly feedTokens: PgFeedTokenStore;
  readonly rateBuckets: PgRateBuckets;
  private deciding = false;
  private wroteWhileDeciding = false;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
    private readonly key: MacKey | undefined,
    private readonly readonly: boolean,
    private readonly newId: (at: string) => string,
    /** The payload dictionaries this database holds (../packing.ts). */
    private readonly dicts: Dictionaries,
  ) {
    this.target = redactTarget(url);
    this.users = new PgUserStore(this);
    this.sessions = new PgSessionStore(this);
    this.feedTokens = new PgFeedTokenStore(this);
    this.rateBuckets = new PgRateBuckets(this);
  }

  /**
   * Connects, checks that the database is landflow's (or empty), migrates it and claims it for the
   * audit key, as SQLite's openDatabase does for a file. The database itself must exist: landflow
   * creates tables, never databases (docs/deploy.md).
   */
  static async open(url: string, opts: PgOpenOptions = {}): Promise<PgStore> {
    const readonly = opts.readonly === true;
    const shown = redactTarget(url);
    const keyFile = opts.keyFile === undefined ? defaultKeyFile(url) : opts.keyFile;
    if (keyFile === null && !readonly) throw writableNeedsKey();
    const pool = createPool(url, { lockTimeoutMs: opts.busyTimeoutMs ?? 5000, max: opts.poolSize, readOnly: readonly });
    let c: pg.PoolClient;
    try {
      c = await pool.connect();
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new DatabaseUnreadableError(shown, msg('store.cannotConnect', { detail: (e as Error).message }));
    }
    try {
      const tables = (await all<{ tablename: string }>(c, 'SELECT tablename FROM pg_tables WHERE schemaname = current_schema()')).map(
        (r) => r.tablename,
      );
      if (!tables.includes('schema_migrations')) {
        if (tables.length > 0) throw new DatabaseUnreadableError(shown, msg('store.notLandflow'));
        if (readonly || opts.mustExist) {
          throw new DatabaseUnreadableError(shown, msg('store.noLandflowYet'));
        }
      } else {
        checkApplied(await readAppliedPg(c));
      }
      let key: MacKey | undefined;
      if (readonly) key = keyFile === null ? undefined : readKeyFile(keyFile);
      else {
        key = readKeyFile(keyFile!) ?? (await newKeyUnlessSealed(c, shown, keyFile!));
        await migratePg(c);
        await claimDatabase(c, shown, key, keyFile!);
      }
      const dicts = await loadDictionaries(c);
      c.release();
      return new PgStore(pool, url, key, readonly, opts.newId ?? ulidGenerator((n) => randomBytes(n)), dicts);
    } catch (e) {
      c.release();
      await pool.end().catch(() => undefined);
      if (e instanceof DatabaseUnreadableError) throw e;
      if (e instanceof KeyFileError || e instanceof MigrationError || e instanceof StoreError)
        throw new DatabaseUnreadableError(shown, e.text);
      throw new DatabaseUnreadableError(shown, msg('store.cannotRead', { detail: (e as Error).message }));
    }
  }

  /**
   * Runs a write (of any part of the store: cases, accounts, sessions …). A write on a read-only
   * store is refused; so is one from inside decide (the pure step, inside the command's
   * transaction), and the command it was called from fails too, as on SQLite (sqlite-store.ts write).
   */
  write<T>(body: () => Promise<T>): Promise<T> {
    if (this.deciding) {
      this.wroteWhileDeciding = true;
      const refused = Promise.reject(writeInDecide());
      refused.catch(() => undefined); // decide cannot await it: the command reports it
      return refused;
    }
    if (this.readonly) return Promise.reject(new StoreInputError('store', msg('store.readOnly')));
    return body();
  }

  /** One transaction (of any part of the store: cases, accounts, sessions …), tried again as the header says. */
  async transaction<T>(body: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await c.query(begin);
        const out = await body(c);
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch((r: Error) => (broken = r));
        if (attempt < ATTEMPTS && RETRY.has(sqlState(e) ?? '')) continue;
        throw e;
      } finally {
        c.release(broken);
      }
    }
  }

  /** A consistent read of several statements (one snapshot). */
  snapshot<T>(body: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.transaction(body, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /** For single statements outside any transaction. */
  get conn(): Conn {
    return this.pool;
  }

  createCase(input: CreateCaseInput): Promise<CaseRecord> {
    return this.createCases([input]).then((r) => r[0]!);
  }

  /**
   * The creations in one transaction, as SQLite makes them one after another: each is a replay of
   * an earlier one with its key (in the database or in the batch), a conflict with a case id taken,
   * or a new case; the first that is refused, in input order, refuses them all. The new cases'
   * rows then go in with one statement per table, sealed into the chain in input order.
   */
  createCases(inputs: CreateCaseInput[]): Promise<CaseRecord[]> {
    return this.write(async () => {
      checkBatch(inputs);
      if (inputs.length === 0) return [];
      return this.transaction(async (c): Promise<CaseRecord[]> => {
        const keys = inputs.map((i) => (typeof i?.idempotencyKey === 'string' ? i.idempotencyKey : ''));
        const priors = new Map(
          (
            await all<PackedCommandRow & { idempotency_key: string }>(
              c,
              'SELECT idempotency_key, case_id, fingerprint, first_seq, last_seq FROM commands WHERE idempotency_key = ANY($1)',
              [keys],
              'lf_commands_get',
            )
          ).map((r) => [r.idempotency_key, unpackCommand(r)]),
        );
        const out: CaseRecord[] = [];
        const made = new Map<string, { prior: CommandRow; record: CaseRecord }>(); // key → made in this batch
        const ids = new Map<string, number>(); // new case id → its input's place
        const writes: CommandWrite[] = [];
        let refused: { at: number; error: unknown } | undefined;
        for (let i = 0; i < inputs.length && !refused; i++) {
          try {
            const c0 = checkCreate(inputs[i]!);
            const prior = priors.get(c0.key) ?? made.get(c0.key)?.prior;
            if (prior) {
              const inBatch = made.get(c0.key)?.record;
              if (inBatch) {
                checkReplay(prior, c0.key, 'create', c0.fingerprint, c0.givenId ?? prior.case_id);
                out.push(structuredClone(inBatch));
              } else
                out.push(
                  (await this.replay(c, prior, c0.key, 'create', c0.fingerprint, c0.givenId ?? prior.case_id, inputs[i]!.reduce)).record,
                );
              continue;
            }
            const id = c0.givenId ?? check.caseId('newId()', this.newId(c0.at));
            if (ids.has(id)) throw new ConflictError(id, 0, writes[ids.get(id)!]!.row.version);
            const { row, sealed } = newCaseRow(id, c0);
            const w = commandWrite(row, c0.events, c0.stateJson, c0.index, c0.key, c0.fingerprint, c0.user, c0.at, [sealed]);
            ids.set(id, writes.length);
            writes.push(w);
            const record = toRecord(w.row);
            made.set(c0.key, { prior: w.command, record });
            out.push(record);
          } catch (e) {
            refused = { at: out.length, error: e };
          }
        }
        // A case id already taken refuses its creation, and so the batch, unless an earlier one was refused first.
        const taken = await all<{ id: string; version: number }>(c, 'SELECT id, version FROM cases WHERE id = ANY($1)', [[...ids.keys()]]);
        const first = taken.map((t) => ({ t, at: out.findIndex((r) => r.id === t.id) })).sort((a, b) => a.at - b.at)[0];
        if (first && (!refused || first.at < refused.at)) throw new ConflictError(first.t.id, 0, first.t.version);
        if (refused) throw refused.error;
        await this.insertCases(c, writes);
        return out;
      });
    });
  }

  /**
   * decide runs inside the transaction, synchronously, after the case row is locked. A contract
   * number of a series this transaction has not locked yet is answered provisionally and the series
   * noted; once decide returns (or throws) the noted series are locked and their max(seq) read, and
   * decide runs again on the same case with the real numbers. decide is pure, so the second run asks
   * for the same series and its answer is the one written.
   */
  runCommand(input: RunCommandInput): Promise<CommandResult> {
    return this.write(async () => {
      const c0 = checkCommand(input);
      return this.transaction(async (c): Promise<CommandResult> => {
        const row = this.caseRow(await one<StoredCaseRow>(c, 'SELECT * FROM cases WHERE id = $1 FOR UPDATE', [c0.caseId], 'lf_case_lock'));
        const prior = await this.getCommand(c, c0.key);
        if (prior) return this.replay(c, prior, c0.key, 'command', c0.fingerprint, c0.caseId, input.reduce);
        if (!row) throw new NotFoundError(c0.caseId);
        if (row.version !== c0.expected) throw new ConflictError(c0.caseId, c0.expected, row.version);

        const locked = new Map<string, number>(); // series → its max(seq), read under its lock
        for (;;) {
          const next = new Map(locked);
          const wanted = new Map<string, [ContractKind, string, number]>();
          const taken: ContractRow[] = [];
          const sealed: PendingEntry[] = [];
          let open = true;
          const tools = {
            allocateContractNumber: (kind: ContractKind, town: string, year: number): ContractNumber => {
              if (!open) throw allocateOutsideDecide();
              checkContractSeries(kind, town, year);
              const series = seriesName(kind, town, year);
              if (!locked.has(series)) wanted.set(series, [kind, town, year]);
              const seq = (next.get(series) ?? 0) + 1;
              next.set(series, seq);
              const t = contractRow(kind, town, year, seq, c0.caseId, row.version + 1, c0.at);
              taken.push(t.row);
              sealed.push(t.sealed);
              return t.number;
            },
          };
          let decision: Decision | undefined;
          let failed: { error: unknown } | undefined;
          this.deciding = true;
          this.wroteWhileDeciding = false;
          try {
            decision = input.decide(toRecord(row), tools);
          } catch (e) {
            failed = { error: e };
          } finally {
            open = false;
            this.deciding = false;
          }
          if (wanted.size > 0) {
            for (const series of [...wanted.keys()].sort()) {
              const [kind, town, year] = wanted.get(series)!;
              locked.set(series, await this.lockSeries(c, kind, town, year));
            }
            continue;
          }
          if (failed) throw failed.error;
          const { events, stateJson, index } = checkDecision(decision!, this.wroteWhileDeciding);
          const w = commandWrite(row, events, stateJson, index, c0.key, c0.fingerprint, c0.user, c0.at, sealed);
          return { record: toRecord(await this.commit(c, w, taken)), events: toEvents(w.events, w.head), replayed: false };
        }
      });
    });
  }

  /** Locks a contract number series until COMMIT; its last number taken so far (0: none). */
  private async lockSeries(c: Conn, kind: ContractKind, town: string, year: number): Promise<number> {
    await c.query({
      name: 'lf_series_lock',
      text: 'SELECT pg_advisory_xact_lock($1, hashtext($2))',
      values: [SERIES_LOCK_CLASS, seriesName(kind, town, year)],
    });
    const max = await one<{ n: number | null }>(
      c,
      'SELECT max(seq) AS n FROM contract_numbers WHERE town = $1 AND year = $2 AND kind = $3',
      [town, year, kind],
      'lf_series_max',
    );
    return max?.n ?? 0;
  }

  /** Writes a command's rows after the case's head and seals them (contract numbers first, as SQLite); the case row after it. */
  private async commit(c: Conn, w: CommandWrite, contracts: ContractRow[]): Promise<CaseRow> {
    if (contracts.length) {
      await c.query({
        name: 'lf_contract_insert',
        text: `INSERT INTO contract_numbers (town, year, kind, seq, text, case_id, version, at)
          SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::int[], $8::text[])`,
        values: [
          contracts.map((r) => r.town),
          contracts.map((r) => r.year),
          contracts.map((r) => r.kind),
          contracts.map((r) => r.seq),
          contracts.map((r) => r.text),
          contracts.map((r) => r.case_id),
          contracts.map((r) => r.version),
          contracts.map((r) => r.at),
        ],
      });
    }
    await insertEvents(c, [w]);
    const r = w.row;
    const from = w.command.first_seq - 1;
    const updated = await c.query({
      name: 'lf_case_update',
      text: `UPDATE cases SET state = $1, version = $2, last_hash = $3, updated_at = $4, updated_by = $5, status = $6, head = $7,
        label = $8, current_steps = $9, contract_number = $10 WHERE id = $11 AND version = $12`,
      values: [
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
      ],
    });
    if (updated.rowCount !== 1) throw new ConflictError(r.id, from, -1); // unreachable under the row lock
    await c.query({ name: 'lf_tasks_delete', text: 'DELETE FROM case_tasks WHERE case_id = $1', values: [r.id] });
    await insertTasks(c, w.tasks);
    await insertCommands(c, [w.command]);
    await appendChain(c, this.key!, w.sealed);
    return r;
  }

  /** New cases' rows at their heads (rather than at version 0 and then moved: nothing reads between), and their seals. */
  private async insertCases(c: Conn, writes: CommandWrite[]): Promise<void> {
    const rows = writes.map((w) => w.row);
    const col = <K extends keyof CaseRow>(k: K) => rows.map((r) => r[k]);
    await c.query({
      name: 'lf_cases_insert',
      text: `INSERT INTO cases (id, policy_id, policy_hash, procedure, mode, town, village, grp, state, version,
          last_hash, created_at, created_by, updated_at, updated_by, status, head, label, current_steps, contract_number)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
          $9::bytea[], $10::int[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
          $18::text[], $19::text[], $20::text[])`,
      values: [
        col('id'),
        col('policy_id'),
        col('policy_hash'),
        col('procedure'),
        col('mode'),
        col('town'),
        col('village'),
        col('grp'),
        rows.map((r) => packState(r.state)),
        col('version'),
        col('last_hash'),
        col('created_at'),
        col('created_by'),
        col('updated_at'),
        col('updated_by'),
        col('status'),
        col('head'),
        col('label'),
        col('current_steps'),
        col('contract_number'),
      ],
    });
    await insertEvents(c, writes);
    await insertTasks(
      c,
      writes.flatMap((w) => w.tasks),
    );
    await insertCommands(
      c,
      writes.map((w) => w.command),
    );
    await appendChain(
      c,
      this.key!,
      writes.flatMap((w) => w.sealed),
    );
  }

  private async getCommand(c: Conn, key: string): Promise<CommandRow | undefined> {
    const r = await one<PackedCommandRow>(
      c,
      'SELECT case_id, fingerprint, first_seq, last_seq FROM commands WHERE idempotency_key = $1',
      [key],
      'lf_command_get',
    );
    return r && unpackCommand(r);
  }

  private async replay(
    c: Conn,
    prior: CommandRow,
    key: string,
    kind: RecordKind,
    fingerprint: string,
    caseId: string,
    reduce: Reducer | undefined,
  ): Promise<CommandResult> {
    checkReplay(prior, key, kind, fingerprint, caseId);
    const row = this.caseRow(await one<StoredCaseRow>(c, 'SELECT * FROM cases WHERE id = $1', [prior.case_id], 'lf_case_get'));
    const history = await this.eventRows(
      c,
      'SELECT * FROM events WHERE case_id = $1 AND seq <= $2 ORDER BY seq',
      [prior.case_id, prior.last_seq],
      'lf_events_up_to',
    );
    return replayRecord(row, prior, history, reduce);
  }

  /** A case row with its snapshot's JSON (../state.ts). */
  private caseRow(row: StoredCaseRow | undefined): CaseRow | undefined {
    return row && unpackCase(row, this.dicts);
  }

  /** Events rows read by `text`, unpacked (../packing.ts). */
  private async eventRows(c: Conn, text: string, values: unknown[], name: string): Promise<EventRow[]> {
    return unpackEvents(await all<PackedEventRow>(c, text, values, name), this.dicts);
  }

  async getCase(id: string): Promise<CaseRecord | undefined> {
    const row = this.caseRow(
      await one<StoredCaseRow>(this.pool, 'SELECT * FROM cases WHERE id = $1', [check.caseId('id', id)], 'lf_case_get'),
    );
    return row && toRecord(row);
  }

  async getCases(ids: string[]): Promise<CaseRecord[]> {
    const wanted = [...new Set(checkIds(ids))];
    if (wanted.length === 0) return [];
    const rows = await all<StoredCaseRow>(this.pool, 'SELECT * FROM cases WHERE id = ANY($1) ORDER BY id', [wanted], 'lf_cases_get');
    return rows.map((r) => toRecord(this.caseRow(r)!));
  }

  async listTasks(filter: TaskFilter = {}): Promise<TaskIndexRow[]> {
    const { limit, from } = checkTaskPage(filter);
    if (holdsNul(...TASK_FILTER_COLUMNS.map(([k]) => filter[k]))) return [];
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const [k, col] of TASK_FILTER_COLUMNS) {
      const v = filter[k];
      if (v === undefined) continue;
      params.push(String(v));
      clauses.push(`${col} = $${params.length}`);
    }
    if (from && from.ord === null) {
      params.push(from.caseId);
      clauses.push(`case_id > $${params.length}`);
    } else if (from) {
      params.push(from.caseId, from.ord);
      clauses.push(`(case_id, ord) >= ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit);
    const where = clauses.length ? ' WHERE ' + clauses.join(' AND ') : '';
    // Planned with the values each time (no prepared statement): how many rows a town or a policy
    // has tells the planner which index reads the page, which a generic plan cannot know.
    const text = `SELECT * FROM case_tasks${where} ORDER BY case_id, ord LIMIT $${params.length}`;
    const rows = await all<TaskRow>(this.pool, text, params);
    return rows.map(toTaskIndexRow);
  }

  /** A filter that names a text no row can hold (holdsNul). */
  private matchesNothing(filter: Omit<CaseFilter, 'limit' | 'offset'>): boolean {
    return holdsNul(...CASE_FILTER_COLUMNS.map(([k]) => filter[k]));
  }

  private where(filter: Omit<CaseFilter, 'limit' | 'offset'>, params: unknown[]): string {
    const clauses: string[] = [];
    for (const [k, col] of CASE_FILTER_COLUMNS) {
      const v = filter[k];
      if (v === undefined) continue;
      params.push(String(v));
      clauses.push(`${col} = $${params.length}`);
    }
    return clauses.length ? ' WHERE ' + clauses.join(' AND ') : '';
  }

  async listCases(filter: CaseFilter = {}): Promise<CaseListing[]> {
    const { limit, offset, after } = checkPage(filter);
    if (this.matchesNothing(filter)) return [];
    const params: unknown[] = [];
    let sql = this.where(filter, params);
    if (after !== undefined) {
      params.push(after);
      sql += `${sql ? ' AND' : ' WHERE'} id > $${params.length}`;
    }
    params.push(limit, offset);
    // Planned with the values each time, as listTasks.
    const text = `SELECT ${LISTING_COLUMNS} FROM cases${sql} ORDER BY id LIMIT $${params.length - 1} OFFSET $${params.length}`;
    const rows = await all<ListingRow>(this.pool, text, params);
    return rows.map(toListing);
  }

  async countCases(filter: Omit<CaseFilter, 'limit' | 'offset'> = {}): Promise<number> {
    if (this.matchesNothing(filter)) return 0;
    const params: unknown[] = [];
    const sql = this.where(filter, params);
    return (await one<{ n: number }>(this.pool, `SELECT count(*) AS n FROM cases${sql}`, params))!.n;
  }

  async getEvents(caseId: string): Promise<StoredEvent[]> {
    return toEvents(
      await this.eventRows(
        this.pool,
        'SELECT * FROM events WHERE case_id = $1 ORDER BY seq',
        [check.caseId('caseId', caseId)],
        'lf_events',
      ),
      GENESIS_HASH,
    );
  }

  async listContractNumbers(
    filter: { caseId?: string; town?: string; year?: number; kind?: ContractKind } = {},
  ): Promise<ContractNumberRecord[]> {
    if (holdsNul(filter.caseId, filter.town, filter.kind)) return [];
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const [v, col] of [
      [filter.caseId, 'case_id'],
      [filter.town, 'town'],
      [filter.year, 'year'],
      [filter.kind, 'kind'],
    ] as const) {
      if (v === undefined) continue;
      params.push(v);
      clauses.push(`${col} = $${params.length}`);
    }
    const where = clauses.length ? ' WHERE ' + clauses.join(' AND ') : '';
    const rows = await all<ContractRow>(this.pool, `SELECT * FROM contract_numbers${where} ORDER BY town, year, kind, seq`, params);
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
    return this.snapshot((c) => verifyPg(c, this.key, opts, this.dicts));
  }

  recordSecurityEvent(input: SecurityEventInput): Promise<SecurityEventRecord> {
    return this.write(async () => {
      return this.transaction((c) => this.sealSecurityEvent(c, input));
    });
  }

  /**
   * Writes a security event and seals it into the audit chain, in the caller's transaction (the
   * accounts write a change and its event together this way). Its id is taken under the chain's
   * lock, so ids are 1, 2, 3 … in commit order like SQLite's rowids; the lock is held to COMMIT, so
   * nothing may follow this in the transaction but more sealing.
   */
  async sealSecurityEvent(c: Conn, input: SecurityEventInput): Promise<SecurityEventRecord> {
    const e = check.securityEvent('securityEvent', input);
    await c.query({ name: 'lf_chain_lock', text: 'SELECT pg_advisory_xact_lock($1)', values: [CHAIN_LOCK] });
    const id = (await one<{ n: number }>(c, 'SELECT coalesce(max(id), 0) + 1 AS n FROM security_events', [], 'lf_security_next'))!.n;
    await c.query({
      name: 'lf_security_insert',
      text: 'INSERT INTO security_events (id, type, actor, subject, detail, at) VALUES ($1, $2, $3, $4, $5, $6)',
      values: [id, e.type, e.actor, e.subject, e.detailJson, e.at],
    });
    await appendChain(c, this.key!, [securityEntry(id, e)]);
    return { id, type: e.type, actor: e.actor, subject: e.subject, detail: JSON.parse(e.detailJson), at: e.at };
  }

  async listSecurityEvents(filter: SecurityEventFilter = {}): Promise<SecurityEventRecord[]> {
    const limit = checkLimit(filter.limit);
    if (holdsNul(filter.type, filter.actor, filter.subject)) return [];
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const [v, col] of [
      [filter.type, 'type'],
      [filter.actor, 'actor'],
      [filter.subject, 'subject'],
    ] as const) {
      if (v === undefined) continue;
      params.push(v);
      clauses.push(`${col} = $${params.length}`);
    }
    if (filter.afterId !== undefined) {
      params.push(filter.afterId);
      clauses.push(`id > $${params.length}`);
    }
    const where = clauses.length ? ' WHERE ' + clauses.join(' AND ') : '';
    params.push(limit);
    const rows = await all<SecurityEventRow>(
      this.pool,
      `SELECT * FROM security_events${where} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    return rows.map(
      (r) =>
        ({ id: r.id, type: r.type, actor: r.actor, subject: r.subject, detail: JSON.parse(r.detail), at: r.at }) as SecurityEventRecord,
    );
  }

  async checkpoint(at: string): Promise<AuditCheckpoint> {
    const when = check.instant('at', at);
    return this.snapshot(async (c) => {
      const head = chainHead(
        await one<{ gseq: number; mac: Buffer }>(c, 'SELECT gseq, mac FROM audit_chain ORDER BY gseq DESC LIMIT 1', []),
      );
      const n = await one<AuditCheckpoint['counts']>(
        c,
        `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM events) AS events,
          (SELECT count(*) FROM contract_numbers) AS "contractNumbers", (SELECT count(*) FROM security_events) AS "securityEvents"`,
        [],
      );
      return signCheckpoint(this.key, await sealedKeyId(c), head, { ...n! }, when);
    });
  }

  async backupTo(_file: string): Promise<void> {
    throw new StoreError('BACKUP_UNSUPPORTED', msg('store.pgBackup', { target: this.target }));
  }

  async schemaVersion(): Promise<number> {
    return (await one<{ v: number | null }>(this.pool, 'SELECT max(version) AS v FROM schema_migrations', []))?.v ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** The payload dictionaries of the database (none before migration 14), checked against their hashes. */
async function loadDictionaries(c: Conn): Promise<Dictionaries> {
  const has = await one<{ t: string | null }>(c, "SELECT to_regclass('dictionaries')::text AS t", []);
  return checkedDictionaries(
    has?.t ? await all<{ id: number; hash: string; body: Buffer }>(c, 'SELECT id, hash, body FROM dictionaries') : [],
  );
}

/**
 * A first start makes the key. A database already sealed by a key that is not there must not get
 * a new one (operations.ts missingKeyError).
 */
async function newKeyUnlessSealed(c: Conn, target: string, keyFile: string): Promise<MacKey> {
  const sealed = await sealedKeyId(c);
  const chain = await one<{ t: string | null }>(c, "SELECT to_regclass('audit_chain')::text AS t", []);
  const entries = sealed === undefined && chain?.t ? (await one<{ n: number }>(c, 'SELECT count(*) AS n FROM audit_chain', []))!.n : 0;
  if (sealed !== undefined || entries > 0) {
    // Another instance's first start may have made the key (and sealed the database) since we looked.
    const made = readKeyFile(keyFile);
    if (made) return made;
    throw missingKeyError(target, sealed, keyFile);
  }
  return createKeyFile(keyFile);
}

/** Records which key seals the database, or refuses a key that is not the one that did (under the chain's lock: two first starts agree). */
async function claimDatabase(c: Conn, target: string, key: MacKey, keyFile: string): Promise<void> {
  const id = await sealedKeyId(c);
  if (id === key.id) return;
  if (id !== undefined) throw wrongKeyError(target, keyFile, key, id);
  await c.query('BEGIN');
  try {
    await c.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const again = await sealedKeyId(c);
    if (again === undefined) await c.query("INSERT INTO audit_meta (name, value) VALUES ('key_id', $1)", [key.id]);
    else if (again !== key.id) throw wrongKeyError(target, keyFile, key, again);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  }
}
