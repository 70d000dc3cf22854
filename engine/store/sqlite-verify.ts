// verify.ts's checks on a SQLite file: the file itself first (PRAGMA quick_check, then
// integrity_check), the append-only triggers in sqlite_master, the audit chain read back, then every
// row, all in one read transaction so that a concurrent writer cannot cause a false alarm. Damage
// SQLite itself reports while reading is a finding, not an exception.
import type Database from 'better-sqlite3';
import { msg, type Message } from '../../dsl/message.ts';
import type { MacKey } from './mac.ts';
import { REQUIRED_TRIGGERS } from './migrations.ts';
import {
  UNREADABLE_PAYLOAD,
  unpackChainRow,
  unpackEvents,
  type Dictionaries,
  type PackedChainRow,
  type PackedEventRow,
} from './packing.ts';
import { stateJsonOf } from './state.ts';
import type { VerifyOptions, VerifyResult } from './types.ts';
import { ChainScanner, type ChainScan } from './verify-chain.ts';
import {
  missingTriggers,
  runVerifySync,
  stoppedVerification,
  verification,
  type CaseBundle,
  type CaseHead,
  type CommandCheckRow,
  type ContractNumberRow,
  type VerifyReads,
} from './verify.ts';

/** SQLite's own word that the file is damaged: reported as a finding, not thrown. */
function isCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** PRAGMA quick_check (fast, catches most damage), then integrity_check (also every index against its table). */
function integrity(db: Database.Database): Message[] {
  const out: Message[] = [];
  for (const pragma of ['quick_check', 'integrity_check'] as const) {
    try {
      const rows = (db.prepare(`PRAGMA ${pragma}(20)`).pluck().all() as string[]).filter((m) => m !== 'ok');
      for (const detail of rows) out.push(msg('audit.fileDamaged', { pragma, detail }));
    } catch (e) {
      out.push(msg('audit.fileDamaged', { pragma, detail: (e as Error).message }));
    }
    if (out.length) break; // integrity_check would repeat what quick_check already found
  }
  return out;
}

function hasTable(db: Database.Database, name: string): boolean {
  return (db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) as number) > 0;
}

function hasAuditChain(db: Database.Database): boolean {
  return hasTable(db, 'audit_chain');
}

function scanAuditChain(db: Database.Database, key: MacKey | undefined, opts: { wantSeq?: number }): ChainScan {
  const keyId = db.prepare("SELECT value FROM audit_meta WHERE name = 'key_id'").pluck().get() as string | undefined;
  const scanner = new ChainScanner(key, keyId, opts);
  for (const r of db
    .prepare('SELECT gseq, kind, ref, digest, mac FROM audit_chain ORDER BY gseq')
    .iterate() as IterableIterator<PackedChainRow>) {
    scanner.add(unpackChainRow(r));
  }
  return scanner.finish();
}

/** The row with its snapshot's JSON (state.ts); a BLOB that does not inflate reads as no JSON at all, which verify reports. */
function caseHead(
  row: (Omit<CaseHead, 'state'> & { state: string | Buffer }) | undefined,
  dicts: Dictionaries | undefined,
): CaseHead | undefined {
  return row && { ...row, state: stateJsonOf(row.state, dicts) ?? '' };
}

function reads(db: Database.Database, dicts: Dictionaries, stateDicts: Dictionaries | undefined): VerifyReads {
  const getCase = db.prepare('SELECT * FROM cases WHERE id = ?');
  const getEvents = db.prepare('SELECT * FROM events WHERE case_id = ? ORDER BY seq');
  const getCommands = db.prepare(
    'SELECT idempotency_key, first_seq, last_seq FROM commands WHERE case_id = ? ORDER BY first_seq, last_seq',
  );
  return {
    caseIds: () => db.prepare('SELECT id FROM cases UNION SELECT case_id FROM events ORDER BY 1').pluck().all() as string[],
    caseBundle: (caseId): CaseBundle => ({
      row: caseHead(getCase.get(caseId) as (Omit<CaseHead, 'state'> & { state: string | Buffer }) | undefined, stateDicts),
      events: unpackEvents(getEvents.all(caseId) as PackedEventRow[], dicts, UNREADABLE_PAYLOAD),
      commands: getCommands.all(caseId) as CommandCheckRow[],
    }),
    contractNumbers: () =>
      db
        .prepare('SELECT town, year, kind, seq, text, case_id, version, at FROM contract_numbers ORDER BY town, year, kind, seq')
        .all() as ContractNumberRow[],
    orphanCommands: () =>
      db
        .prepare(
          'SELECT idempotency_key, case_id, last_seq FROM commands WHERE case_id NOT IN (SELECT id FROM cases) AND case_id NOT IN (SELECT case_id FROM events) ORDER BY case_id, first_seq',
        )
        .all() as ReturnType<VerifyReads['orphanCommands']>,
    securityEvents: () =>
      db.prepare('SELECT id, type, actor, subject, detail, at FROM security_events ORDER BY id').all() as ReturnType<
        VerifyReads['securityEvents']
      >,
    policyVersions: () =>
      hasTable(db, 'policy_versions')
        ? (db.prepare('SELECT hash, policy_id, source, templates FROM policy_versions ORDER BY hash').all() as ReturnType<
            VerifyReads['policyVersions']
          >)
        : [],
    workflows: () =>
      hasTable(db, 'workflows')
        ? (db.prepare('SELECT hash, id, body FROM workflows ORDER BY hash').all() as ReturnType<VerifyReads['workflows']>)
        : [],
  };
}

export function verifyDatabase(
  db: Database.Database,
  key: MacKey | undefined,
  opts: VerifyOptions,
  dicts: Dictionaries,
  stateDicts: Dictionaries | undefined,
): VerifyResult {
  const integrityProblems = integrity(db);
  try {
    return db.transaction(() => {
      const sealedSchema = hasAuditChain(db);
      const triggers = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
      const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
      const schemaProblems = missingTriggers(REQUIRED_TRIGGERS, triggers, tables);
      const scan = sealedSchema ? scanAuditChain(db, key, opts.against ? { wantSeq: opts.against.globalSeq } : {}) : undefined;
      return runVerifySync(verification({ key, opts, integrityProblems, schemaProblems, scan }), reads(db, dicts, stateDicts));
    })();
  } catch (e) {
    if (!isCorruption(e)) throw e;
    return stoppedVerification(integrityProblems, e);
  }
}
