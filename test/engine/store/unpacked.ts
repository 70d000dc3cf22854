// A database of the current schema turned back into the form migrations 14, 15 and 16 convert
// (schema 12's): events' payloads as JSON text and hashes as hex, the audit chain's digests and MACs
// as hex with each entry's copy of the previous MAC, SQLite's snapshots deflated without a
// dictionary and PostgreSQL's as text, no dictionaries, idempotency records with their kind, user
// and time and the fingerprint as hex. The migration tests build their "older database" this way (migrations 4, 9,
// 10, 12, 14 and 16 on existing rows), on either backend.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { GENESIS_MAC } from '../../../engine/store/mac.ts';
import { payloadJsonOf } from '../../../engine/store/packing.ts';
import { pgQuery } from '../../helpers/postgres.ts';

/** The payload dictionaries of a raw connection's SQLite database (engine/store/packing.ts). */
export function dictionariesOf(db: Database.Database): Map<number, Buffer> {
  return new Map((db.prepare('SELECT id, body FROM dictionaries').all() as { id: number; body: Buffer }[]).map((r) => [r.id, r.body]));
}

/** A snapshot's JSON as migration 12 deflated it (what unpackSqlite leaves). */
export function plainStateJson(blob: Buffer): string {
  return inflateRawSync(blob).toString('utf8');
}

/** An event's user or time, carried from the rows before it where NULL (migration 19). */
const carried = (col: string) =>
  `coalesce(e.${col}, (SELECT p.${col} FROM events p WHERE p.case_id = e.case_id AND p.seq < e.seq AND p.${col} IS NOT NULL ORDER BY p.seq DESC LIMIT 1))`;

/** Whether migration `version` is recorded. */
function appliedSqlite(db: Database.Database, version: number): boolean {
  return db.prepare('SELECT count(*) FROM schema_migrations WHERE version = ?').pluck().get(version) === 1;
}

/** SQLite's events as migration 19 found them (schema 18's): every row with its user and time. */
export function unpackCarriedSqlite(db: Database.Database): void {
  if (!appliedSqlite(db, 19)) return;
  const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'").pluck().all() as string[];
  db.transaction(() => {
    db.exec(`
      CREATE TABLE events_stored (
        case_id TEXT NOT NULL REFERENCES cases (id), seq INTEGER NOT NULL, type TEXT NOT NULL, payload BLOB NOT NULL,
        user TEXT NOT NULL, at TEXT NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (case_id, seq)
      ) WITHOUT ROWID;
      INSERT INTO events_stored SELECT case_id, seq, type, payload, ${carried('user')}, ${carried('at')}, hash FROM events e;
      DROP TABLE events;
      ALTER TABLE events_stored RENAME TO events;
      DELETE FROM schema_migrations WHERE version >= 19;
    `);
    for (const t of triggers) db.exec(t);
  })();
}

async function appliedPg(url: string, version: number): Promise<boolean> {
  return (
    Number((await pgQuery<{ n: string }>(url, 'SELECT count(*) AS n FROM schema_migrations WHERE version = $1', [version]))[0]!.n) === 1
  );
}

/** PostgreSQL's events as migration 19 found them. */
export async function unpackCarriedPg(url: string): Promise<void> {
  if (!(await appliedPg(url, 19))) return;
  await pgQuery(
    url,
    `ALTER TABLE events DISABLE TRIGGER events_append_only_update;
     UPDATE events e SET "user" = ${carried('"user"')}, at = ${carried('at')} WHERE e."user" IS NULL OR e.at IS NULL;
     ALTER TABLE events ALTER COLUMN "user" SET NOT NULL, ALTER COLUMN at SET NOT NULL;
     ALTER TABLE events ENABLE TRIGGER events_append_only_update;
     DELETE FROM schema_migrations WHERE version >= 19;`,
  );
}

/** A case's events rows as a raw connection reads them, each user and time carried where NULL (migration 19). */
export function carriedEventRows(db: Database.Database, caseId: string): Record<string, unknown>[] {
  return db
    .prepare(
      `SELECT e.case_id, e.seq, e.type, e.payload, ${carried('user')} AS user, ${carried('at')} AS at, e.hash FROM events e WHERE e.case_id = ? ORDER BY e.seq`,
    )
    .all(caseId) as Record<string, unknown>[];
}

/** What migration 16 reads a record's kind, user and time from: its first seq, its last event. */
const RECORD_KIND = "CASE WHEN m.first_seq = 1 THEN 'create' ELSE 'command' END";
const LAST_EVENT = 'FROM events e WHERE e.case_id = m.case_id AND e.seq = m.last_seq';

/** SQLite: the file's tables rebuilt as migrations 1 and 4 declared them, their triggers as they were. */
export function unpackSqlite(db: Database.Database): void {
  unpackCarriedSqlite(db);
  const dicts = dictionariesOf(db);
  db.function('lf_json', (p: unknown) => (typeof p === 'string' ? p : payloadJsonOf(p as Buffer, dicts)!));
  db.function('lf_hex', (h: unknown) => (h === null || typeof h === 'string' ? h : (h as Buffer).toString('hex')));
  const triggers = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('events', 'audit_chain')")
    .pluck()
    .all() as string[];
  db.transaction(() => {
    db.exec(`
      CREATE TABLE events_text (
        case_id TEXT NOT NULL REFERENCES cases (id), seq INTEGER NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,
        user TEXT NOT NULL, at TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)
      ) WITHOUT ROWID;
      INSERT INTO events_text SELECT case_id, seq, type, lf_json(payload), user, at, lf_hex(hash) FROM events;
      DROP TABLE events;
      ALTER TABLE events_text RENAME TO events;
      CREATE TABLE audit_chain_text (
        gseq INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, digest TEXT NOT NULL, prev_mac TEXT NOT NULL, mac TEXT NOT NULL
      );
      INSERT INTO audit_chain_text
        SELECT gseq, kind, ref, lf_hex(digest), coalesce(lf_hex(lag(mac) OVER (ORDER BY gseq)), '${GENESIS_MAC}'), lf_hex(mac) FROM audit_chain;
      DROP TABLE audit_chain;
      ALTER TABLE audit_chain_text RENAME TO audit_chain;
      DROP TABLE dictionaries;
      DELETE FROM schema_migrations WHERE version >= 14;
    `);
    unpackCommandsSqlite(db);
    for (const t of triggers) db.exec(t);
    const cases = db.prepare("SELECT id, state FROM cases WHERE typeof(state) = 'blob'").all() as { id: string; state: Buffer }[];
    for (const c of cases) {
      db.prepare('UPDATE cases SET state = ? WHERE id = ?').run(deflateRawSync(Buffer.from(payloadJsonOf(c.state, dicts)!, 'utf8')), c.id);
    }
  })();
}

/** SQLite's idempotency records as migration 16 found them (schema 15's), with their kind, user and time and the fingerprint as hex. */
export function unpackCommandsSqlite(db: Database.Database): void {
  unpackCarriedSqlite(db);
  db.function('lf_hex', (h: unknown) => (h === null || typeof h === 'string' ? h : (h as Buffer).toString('hex')));
  db.transaction(() =>
    db.exec(`
      CREATE TABLE commands_text (
        idempotency_key TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), kind TEXT NOT NULL, fingerprint TEXT NOT NULL,
        first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL, user TEXT NOT NULL, at TEXT NOT NULL
      );
      INSERT INTO commands_text
        SELECT idempotency_key, case_id, ${RECORD_KIND}, lf_hex(fingerprint), first_seq, last_seq,
               coalesce((SELECT e.user ${LAST_EVENT}), '?'), coalesce((SELECT e.at ${LAST_EVENT}), '?') FROM commands m;
      DROP TABLE commands;
      ALTER TABLE commands_text RENAME TO commands;
      CREATE INDEX commands_by_case ON commands (case_id, last_seq);
      DELETE FROM schema_migrations WHERE version >= 16;
    `),
  )();
}

/** PostgreSQL's idempotency records as migration 16 found them (the later migrations undone first). */
export async function unpackCommandsPg(url: string): Promise<void> {
  await unpackStatePg(url);
  await pgQuery(
    url,
    `ALTER TABLE commands ALTER COLUMN fingerprint TYPE text USING encode(fingerprint, 'hex'),
       ADD COLUMN kind text, ADD COLUMN "user" text, ADD COLUMN at text;
     UPDATE commands m SET kind = ${RECORD_KIND}, "user" = coalesce((SELECT e."user" ${LAST_EVENT}), '?'),
       at = coalesce((SELECT e.at ${LAST_EVENT}), '?');
     ALTER TABLE commands ALTER COLUMN kind SET NOT NULL, ALTER COLUMN "user" SET NOT NULL, ALTER COLUMN at SET NOT NULL;
     DELETE FROM schema_migrations WHERE version >= 16;`,
  );
}

/** PostgreSQL's snapshots as migration 18 found them: canonical JSON text (TOAST compresses it). */
export async function unpackStatePg(url: string): Promise<void> {
  await unpackCarriedPg(url);
  if (!(await appliedPg(url, 18))) return;
  const dicts = new Map((await pgQuery<{ id: number; body: Buffer }>(url, 'SELECT id, body FROM dictionaries')).map((r) => [r.id, r.body]));
  const rows = await pgQuery<{ id: string; state: Buffer }>(url, 'SELECT id, state FROM cases');
  await pgQuery(url, "ALTER TABLE cases ALTER COLUMN state TYPE text USING ''");
  for (const r of rows) await pgQuery(url, 'UPDATE cases SET state = $1 WHERE id = $2', [payloadJsonOf(r.state, dicts), r.id]);
  await pgQuery(url, 'DELETE FROM schema_migrations WHERE version >= 18');
}

/** PostgreSQL: the columns changed back in place, the triggers held off meanwhile. */
export async function unpackPg(url: string): Promise<void> {
  await unpackStatePg(url);
  const dicts = new Map((await pgQuery<{ id: number; body: Buffer }>(url, 'SELECT id, body FROM dictionaries')).map((r) => [r.id, r.body]));
  const rows = await pgQuery<{ case_id: string; seq: number; payload: Buffer }>(url, 'SELECT case_id, seq, payload FROM events');
  await pgQuery(
    url,
    `ALTER TABLE events DISABLE TRIGGER events_append_only_update;
     ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_append_only_update;
     ALTER TABLE events ADD COLUMN payload_text text, ALTER COLUMN hash TYPE text USING encode(hash, 'hex');
     ALTER TABLE audit_chain ALTER COLUMN digest TYPE text USING encode(digest, 'hex'), ALTER COLUMN mac TYPE text USING encode(mac, 'hex'),
       ADD COLUMN prev_mac text;
     UPDATE audit_chain a SET prev_mac = coalesce((SELECT p.mac FROM audit_chain p WHERE p.gseq = a.gseq - 1), '${GENESIS_MAC}');
     ALTER TABLE audit_chain ALTER COLUMN prev_mac SET NOT NULL;`,
  );
  await unpackCommandsPg(url);
  for (const r of rows) {
    await pgQuery(url, 'UPDATE events SET payload_text = $1 WHERE case_id = $2 AND seq = $3', [
      payloadJsonOf(r.payload, dicts),
      r.case_id,
      r.seq,
    ]);
  }
  await pgQuery(
    url,
    `ALTER TABLE events DROP COLUMN payload;
     ALTER TABLE events RENAME COLUMN payload_text TO payload;
     ALTER TABLE events ALTER COLUMN payload SET NOT NULL;
     ALTER TABLE events ENABLE TRIGGER events_append_only_update;
     ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_append_only_update;
     DROP TABLE dictionaries;
     DELETE FROM schema_migrations WHERE version >= 14;`,
  );
}
