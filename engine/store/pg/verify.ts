// ../verify.ts's checks on a PostgreSQL database, in the caller's REPEATABLE READ READ ONLY
// transaction (one snapshot: a concurrent writer on any instance cannot cause a false alarm).
// PostgreSQL has no PRAGMA integrity_check; what is checked instead:
// - schema: every append-only trigger present, enabled, still BEFORE UPDATE/DELETE/TRUNCATE on its
//   table and running landflow_refuse_change, whose body is still migration 1's; and this
//   database not set to session_replication_role = replica (which silences every trigger);
// - integrity: no index left invalid (a failed CREATE INDEX CONCURRENTLY, a crash mid-REINDEX) and,
//   when the amcheck extension is installed, bt_index_check of every index of landflow's tables;
//   an error the server raises as data corruption (SQLSTATE XX001/XX002) while reading stops the
//   verification with that finding, as SQLite's SQLITE_CORRUPT does.
// Rows are read in batches (cases and their events and commands 500 at a time, the audit chain
// 10 000 entries at a time), so memory does not grow with the events of the whole database.
import { msg, type Message } from '../../../dsl/message.ts';
import type { MacKey } from '../mac.ts';
import {
  UNREADABLE_PAYLOAD,
  unpackChainRow,
  unpackEvents,
  type Dictionaries,
  type PackedChainRow,
  type PackedEventRow,
} from '../packing.ts';
import type { SecurityEventRow } from '../rows.ts';
import { stateJsonOf } from '../state.ts';
import type { VerifyOptions, VerifyResult } from '../types.ts';
import { ChainScanner, type ChainScan } from '../verify-chain.ts';
import {
  missingTriggers,
  runVerifyAsync,
  stoppedVerification,
  verification,
  type CaseBundle,
  type CaseHead,
  type CommandCheckRow,
  type ContractNumberRow,
  type VerifyReads,
} from '../verify.ts';
import { all, one, type Conn } from './connection.ts';
import { PG_REQUIRED_TRIGGERS, REFUSE_CHANGE_BODY } from './migrations.ts';

const CASE_BATCH = 500;
const CHAIN_BATCH = 10_000;

const TRIGGER_NAME = /^(.+)_append_only_(update|delete|truncate)$/;

async function schemaProblems(c: Conn): Promise<Message[]> {
  const rows = await all<{ name: string; enabled: string; def: string }>(
    c,
    `SELECT t.tgname AS name, t.tgenabled AS enabled, pg_get_triggerdef(t.oid) AS def
      FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND r.relnamespace = current_schema()::regnamespace`,
  );
  const byName = new Map(rows.map((r) => [r.name, r]));
  const tables = await all<{ name: string }>(c, 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()');
  const out = missingTriggers(PG_REQUIRED_TRIGGERS, new Set(byName.keys()), new Set(tables.map((t) => t.name)));
  for (const name of PG_REQUIRED_TRIGGERS) {
    const t = byName.get(name);
    if (!t) continue;
    // 'O' fires normally, 'A' always; 'D' is disabled, 'R' fires only on a replica.
    if (t.enabled === 'D' || t.enabled === 'R') out.push(msg('audit.triggerDisabled', { name }));
    const [, table, op] = TRIGGER_NAME.exec(name)!;
    const each = op === 'truncate' ? 'STATEMENT' : 'ROW';
    const shape = new RegExp(
      `^CREATE TRIGGER ${name} BEFORE ${op!.toUpperCase()} ON (\\S+\\.)?${table} FOR EACH ${each} EXECUTE FUNCTION (\\S+\\.)?landflow_refuse_change\\(`,
    );
    if (!shape.test(t.def)) out.push(msg('audit.triggerAltered', { name, def: t.def }));
  }
  const fn = await one<{ src: string }>(
    c,
    "SELECT prosrc AS src FROM pg_proc WHERE proname = 'landflow_refuse_change' AND pronamespace = current_schema()::regnamespace",
    [],
  );
  if (!fn) out.push(msg('audit.refuseChangeMissing'));
  else if (fn.src !== REFUSE_CHANGE_BODY) out.push(msg('audit.refuseChangeReplaced'));
  const role = await one<{ role: string }>(c, "SELECT current_setting('session_replication_role') AS role", []);
  if (role?.role !== 'origin') {
    out.push(msg('audit.replicationRole', { role: String(role?.role) }));
  }
  return out;
}

async function integrityProblems(c: Conn): Promise<Message[]> {
  const out: Message[] = [];
  const indexes = await all<{ name: string; valid: boolean; btree: boolean; oid: number }>(
    c,
    `SELECT x.indexrelid::regclass::text AS name, x.indisvalid AND x.indisready AS valid, am.amname = 'btree' AS btree, x.indexrelid::int8 AS oid
      FROM pg_index x JOIN pg_class r ON r.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
      WHERE r.relnamespace = current_schema()::regnamespace ORDER BY 1`,
  );
  for (const x of indexes) if (!x.valid) out.push(msg('audit.indexInvalid', { name: x.name }));
  const amcheck = await one<{ n: number }>(c, "SELECT count(*) AS n FROM pg_extension WHERE extname = 'amcheck'", []);
  if (amcheck?.n) {
    for (const x of indexes.filter((i) => i.valid && i.btree)) {
      await c.query('SAVEPOINT amcheck');
      try {
        await c.query('SELECT bt_index_check($1::oid)', [x.oid]);
        await c.query('RELEASE SAVEPOINT amcheck');
      } catch (e) {
        await c.query('ROLLBACK TO SAVEPOINT amcheck');
        out.push(msg('audit.indexCorrupt', { name: x.name, error: (e as Error).message }));
      }
    }
  }
  return out.map((detail) => msg('audit.databaseDamaged', { detail }));
}

async function scanAuditChain(c: Conn, key: MacKey | undefined, opts: { wantSeq?: number }): Promise<ChainScan> {
  const keyId = (await one<{ value: string }>(c, "SELECT value FROM audit_meta WHERE name = 'key_id'", []))?.value;
  const scanner = new ChainScanner(key, keyId, opts);
  for (let after = -1; ;) {
    const rows = await all<PackedChainRow>(
      c,
      'SELECT gseq, kind, ref, digest, mac FROM audit_chain WHERE gseq > $1 ORDER BY gseq LIMIT $2',
      [after, CHAIN_BATCH],
    );
    for (const r of rows) scanner.add(unpackChainRow(r));
    if (rows.length < CHAIN_BATCH) break;
    after = rows[rows.length - 1]!.gseq;
  }
  return scanner.finish();
}

type AsyncReads = { [K in keyof VerifyReads]: (...a: Parameters<VerifyReads[K]>) => Promise<ReturnType<VerifyReads[K]>> };

function reads(c: Conn, dicts: Dictionaries): AsyncReads {
  let ids: string[] = [];
  let position = new Map<string, number>();
  const ready = new Map<string, CaseBundle>();
  // Cases, their events and their commands, CASE_BATCH ids at a time from the one asked for.
  const fetch = async (from: number) => {
    const batch = ids.slice(from, from + CASE_BATCH);
    for (const id of batch) ready.set(id, { row: undefined, events: [], commands: [] });
    // The snapshot's JSON (../state.ts); one that does not inflate reads as no JSON at all, which verify reports.
    for (const r of await all<Omit<CaseHead, 'state'> & { state: string | Buffer }>(c, 'SELECT * FROM cases WHERE id = ANY($1)', [batch]))
      ready.get(r.id)!.row = { ...r, state: stateJsonOf(r.state, dicts) ?? '' };
    const events = await all<PackedEventRow>(c, 'SELECT * FROM events WHERE case_id = ANY($1) ORDER BY case_id, seq', [batch]);
    for (const e of unpackEvents(events, dicts, UNREADABLE_PAYLOAD)) ready.get(e.case_id)!.events.push(e);
    for (const m of await all<CommandCheckRow & { case_id: string }>(
      c,
      'SELECT case_id, idempotency_key, first_seq, last_seq FROM commands WHERE case_id = ANY($1) ORDER BY case_id, first_seq, last_seq',
      [batch],
    )) {
      const { case_id, ...row } = m;
      ready.get(case_id)!.commands.push(row);
    }
  };
  return {
    caseIds: async () => {
      ids = (await all<{ id: string }>(c, 'SELECT id FROM cases UNION SELECT case_id FROM events ORDER BY 1')).map((r) => r.id);
      position = new Map(ids.map((id, i) => [id, i]));
      return ids;
    },
    caseBundle: async (caseId) => {
      if (!ready.has(caseId)) await fetch(position.get(caseId) ?? 0);
      const b = ready.get(caseId) ?? { row: undefined, events: [], commands: [] };
      ready.delete(caseId);
      return b;
    },
    contractNumbers: () =>
      all<ContractNumberRow>(
        c,
        'SELECT town, year, kind, seq, text, case_id, version, at FROM contract_numbers ORDER BY town, year, kind, seq',
      ),
    orphanCommands: () =>
      all(
        c,
        `SELECT idempotency_key, case_id, last_seq FROM commands m
          WHERE NOT EXISTS (SELECT 1 FROM cases WHERE id = m.case_id) AND NOT EXISTS (SELECT 1 FROM events WHERE case_id = m.case_id)
          ORDER BY case_id, first_seq`,
      ),
    securityEvents: () => all<SecurityEventRow>(c, 'SELECT id, type, actor, subject, detail, at FROM security_events ORDER BY id'),
    policyVersions: async () =>
      (await hasTable(c, 'policy_versions')) ? all(c, 'SELECT hash, policy_id, source, templates FROM policy_versions ORDER BY hash') : [],
    workflows: async () => ((await hasTable(c, 'workflows')) ? all(c, 'SELECT hash, id, body FROM workflows ORDER BY hash') : []),
  };
}

async function hasTable(c: Conn, name: string): Promise<boolean> {
  return (await one<{ t: string | null }>(c, 'SELECT to_regclass($1)::text AS t', [name]))?.t != null;
}

/** SQLSTATE class XX: the server found its own data damaged. */
function isCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('XX');
}

/** Verifies the database `c` reads, inside the caller's read-only snapshot. */
export async function verifyPg(c: Conn, key: MacKey | undefined, opts: VerifyOptions, dicts: Dictionaries): Promise<VerifyResult> {
  let integrity: Message[] = [];
  try {
    integrity = await integrityProblems(c);
    const sealedSchema = (await one<{ t: string | null }>(c, "SELECT to_regclass('audit_chain')::text AS t", []))?.t != null;
    const schema = await schemaProblems(c);
    const scan = sealedSchema ? await scanAuditChain(c, key, opts.against ? { wantSeq: opts.against.globalSeq } : {}) : undefined;
    return await runVerifyAsync(verification({ key, opts, integrityProblems: integrity, schemaProblems: schema, scan }), reads(c, dicts));
  } catch (e) {
    if (!isCorruption(e)) throw e;
    return stoppedVerification(integrity, e);
  }
}
