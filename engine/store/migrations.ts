// Numbered schema migrations, applied in order, each once, each in its own transaction, and
// recorded in schema_migrations. Never edit a migration that has shipped: add the next one.
import type Database from 'better-sqlite3';
import { backfillAuditChain } from './audit-backfill.ts';
import { backfillSummaries } from './summary-backfill.ts';
import type { MacKey } from './mac.ts';
import { msg, type Text } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { PAYLOAD_DICTIONARY, PAYLOAD_DICTIONARY_HASH, packHash, packPayload } from './packing.ts';

/** The migration that repacked SQLite's snapshots with the dictionary: before it, they are deflated alone (state.ts). */
export const STATE_DICTIONARY_MIGRATION = 15;

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database, ctx: MigrationContext) => void);
}

/** What a migration may need besides the database: the audit key, to seal rows it back-fills. */
export interface MigrationContext {
  key?: MacKey;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, append-only hash-chained events, command log, contract numbers',
    up: `
      CREATE TABLE cases (
        id          TEXT PRIMARY KEY,
        policy_id   TEXT NOT NULL,
        policy_hash TEXT NOT NULL,
        procedure   TEXT NOT NULL,
        mode        TEXT,
        town        TEXT NOT NULL,
        village     TEXT NOT NULL,
        grp         TEXT NOT NULL,
        state       TEXT NOT NULL,          -- canonical JSON of the fold of the events
        version     INTEGER NOT NULL,       -- seq of the last event
        last_hash   TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
      );
      CREATE INDEX cases_by_place  ON cases (town, village, grp, id);
      CREATE INDEX cases_by_policy ON cases (policy_id, id);

      CREATE TABLE events (
        case_id   TEXT NOT NULL REFERENCES cases (id),
        seq       INTEGER NOT NULL,
        type      TEXT NOT NULL,
        payload   TEXT NOT NULL,            -- canonical JSON
        user      TEXT NOT NULL,
        at        TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
      ) WITHOUT ROWID;
      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, '事件只可追加 events are append-only: UPDATE refused'); END;
      CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, '事件只可追加 events are append-only: DELETE refused'); END;

      -- One row per accepted command, keyed by its idempotency key: a repeat returns this result.
      CREATE TABLE commands (
        idempotency_key TEXT PRIMARY KEY,
        case_id         TEXT NOT NULL REFERENCES cases (id),
        kind            TEXT NOT NULL,      -- create | command
        fingerprint     TEXT NOT NULL,      -- sha256 of the canonical request
        first_seq       INTEGER NOT NULL,
        last_seq        INTEGER NOT NULL,
        result          TEXT NOT NULL,      -- canonical JSON of the CaseRecord returned
        user            TEXT NOT NULL,
        at              TEXT NOT NULL
      );
      CREATE INDEX commands_by_case ON commands (case_id, last_seq);

      -- A number exists here iff the command that took it committed, so rollbacks take none.
      CREATE TABLE contract_numbers (
        town     TEXT NOT NULL,
        year     INTEGER NOT NULL,
        kind     TEXT NOT NULL,
        seq      INTEGER NOT NULL,
        text     TEXT NOT NULL,
        case_id  TEXT NOT NULL REFERENCES cases (id),
        version  INTEGER NOT NULL,
        at       TEXT NOT NULL,
        PRIMARY KEY (town, year, kind, seq)
      ) WITHOUT ROWID;
      CREATE INDEX contract_numbers_by_case ON contract_numbers (case_id);
      CREATE TRIGGER contract_numbers_append_only_update BEFORE UPDATE ON contract_numbers
        BEGIN SELECT RAISE(ABORT, '合同编号只可追加 contract numbers are append-only: UPDATE refused'); END;
      CREATE TRIGGER contract_numbers_append_only_delete BEFORE DELETE ON contract_numbers
        BEGIN SELECT RAISE(ABORT, '合同编号只可追加 contract numbers are append-only: DELETE refused'); END;
    `,
  },
  {
    version: 2,
    name: 'users and sessions',
    // Sessions keep only a hash of their token: a stolen database file opens no session.
    up: `
      CREATE TABLE users (
        name          TEXT PRIMARY KEY,
        role          TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'clerk', 'researcher')),
        town          TEXT,                 -- a clerk's 镇
        region        TEXT,                 -- an officer's region (policy id, region code or name)
        password_hash TEXT NOT NULL,        -- scrypt$N$r$p$salt$hash
        disabled      INTEGER NOT NULL DEFAULT 0,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK (role <> 'clerk' OR town IS NOT NULL),
        CHECK (role <> 'officer' OR region IS NOT NULL)
      );

      CREATE TABLE sessions (
        token_hash  TEXT PRIMARY KEY,       -- sha256 hex of the cookie's token
        user_name   TEXT NOT NULL REFERENCES users (name),
        created_ms  INTEGER NOT NULL,
        expires_ms  INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_user ON sessions (user_name);
      CREATE INDEX sessions_by_expiry ON sessions (expires_ms);
    `,
  },
  {
    version: 3,
    name: 'login failure counts and lock-out, session idle time',
    // The counts live in the database so that a restart does not wipe out an attacker's tally.
    up: `
      ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE users ADD COLUMN last_failed_ms INTEGER;
      ALTER TABLE users ADD COLUMN locked_at TEXT;
      ALTER TABLE sessions ADD COLUMN last_seen_ms INTEGER NOT NULL DEFAULT 0;
      UPDATE sessions SET last_seen_ms = created_ms;
      CREATE INDEX sessions_by_last_seen ON sessions (last_seen_ms);
    `,
  },
  {
    version: 4,
    name: 'audit chain: keyed MACs over cases, events, contract numbers and security events',
    // The chain is what makes a deleted case, a cut tail or a deleted contract number visible:
    // each row's entry outlives it. Rows that predate the chain are sealed here, once.
    up: (db, ctx) => {
      db.exec(`
        CREATE TABLE audit_meta (
          name  TEXT PRIMARY KEY,           -- key_id: which key seals this database (not the key)
          value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE security_events (
          id      INTEGER PRIMARY KEY,      -- 1, 2, 3 …
          type    TEXT NOT NULL,
          actor   TEXT NOT NULL,
          subject TEXT,
          detail  TEXT NOT NULL,            -- canonical JSON object
          at      TEXT NOT NULL
        );

        CREATE TABLE audit_chain (
          gseq     INTEGER PRIMARY KEY,     -- 1, 2, 3 … in commit order, over all cases
          kind     TEXT NOT NULL,           -- case | event | contract | security
          ref      TEXT NOT NULL,           -- JSON array of the row's key
          digest   TEXT NOT NULL,           -- the row's content (an event: its hash)
          prev_mac TEXT NOT NULL,
          mac      TEXT NOT NULL            -- HMAC-SHA256 with the key kept outside the database
        );
      `);
      for (const t of ['audit_meta', 'security_events', 'audit_chain']) {
        db.exec(`
          CREATE TRIGGER ${t}_append_only_update BEFORE UPDATE ON ${t}
            BEGIN SELECT RAISE(ABORT, '审计记录只可追加 ${t} is append-only: UPDATE refused'); END;
          CREATE TRIGGER ${t}_append_only_delete BEFORE DELETE ON ${t}
            BEGIN SELECT RAISE(ABORT, '审计记录只可追加 ${t} is append-only: DELETE refused'); END;
        `);
      }
      backfillAuditChain(db, ctx.key);
    },
  },
  {
    version: 5,
    name: 'calendar feed tokens',
    // One per user, kept as a hash like session tokens: the feed URL is the credential.
    up: `
      CREATE TABLE feed_tokens (
        user_name  TEXT PRIMARY KEY REFERENCES users (name),
        token_hash TEXT NOT NULL UNIQUE,    -- sha256 hex of the token in the feed's URL
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'case index: status and task rows written with the events',
    // What the case lists and the task list read without the state (case-index.ts, docs/database.md).
    // Cases from before keep their state: the status is read out of it here, and an open case gets
    // one row without a task (as_of NULL), which a reader of the task list works out from the state
    // until the case's next command writes its rows. The status values are the host's (CaseState).
    up: `
      ALTER TABLE cases ADD COLUMN status TEXT;
      UPDATE cases SET status = json_extract(state, '$.status');
      CREATE INDEX cases_by_town ON cases (town, id);
      CREATE INDEX cases_by_town_status ON cases (town, status, id);
      CREATE INDEX cases_by_status ON cases (status, id);

      CREATE TABLE case_tasks (
        case_id   TEXT NOT NULL REFERENCES cases (id),
        ord       INTEGER NOT NULL,         -- 0, 1, 2 … the task's place among the case's tasks
        town      TEXT NOT NULL,            -- the case's place and policy, copied to order by case id within them
        village   TEXT NOT NULL,
        grp       TEXT NOT NULL,
        policy_id TEXT NOT NULL,
        as_of     TEXT,                     -- the day the task was worked out for; NULL: not yet (see above)
        kind      TEXT,                     -- due | overdue | waiting on as_of
        step      TEXT,
        label     TEXT,
        due       TEXT,                     -- YYYY-MM-DD
        timer     TEXT,
        detail    TEXT,                     -- canonical JSON: the rest of what the task list shows
        PRIMARY KEY (case_id, ord)
      ) WITHOUT ROWID;
      CREATE INDEX case_tasks_by_town   ON case_tasks (town, case_id, ord);
      CREATE INDEX case_tasks_by_place  ON case_tasks (town, village, grp, case_id, ord);
      CREATE INDEX case_tasks_by_policy ON case_tasks (policy_id, case_id, ord);
      INSERT INTO case_tasks (case_id, ord, town, village, grp, policy_id)
        SELECT id, 0, town, village, grp, policy_id FROM cases WHERE status = 'open';
    `,
  },
  {
    version: 7,
    name: 'policy versions, their publications and compiled workflows, content-addressed',
    // engine/store/policy-versions.ts. A case names its version by hash (cases.policy_hash) and,
    // from this schema on, its workflow by hash in its CaseOpened event. Cases opened before keep
    // the text, templates and workflow in their first event (events are hashed and append-only:
    // never rewritten); their versions are copied here, so every case reads its version from this
    // table. templates NULL: a case opened before templates were pinned (read from the policy folder).
    up: `
      CREATE TABLE policy_versions (
        hash      TEXT PRIMARY KEY,         -- the version hash: text and templates (engine/policies/load.ts versionHash)
        policy_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        source    TEXT NOT NULL,
        templates TEXT,                     -- canonical JSON object: template name → source
        stored_at TEXT NOT NULL,
        stored_by TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE policy_publications (
        seq       INTEGER PRIMARY KEY,      -- 1, 2, 3 … in commit order
        policy_id TEXT NOT NULL,
        hash      TEXT NOT NULL REFERENCES policy_versions (hash),
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL
      );
      CREATE INDEX policy_publications_by_policy ON policy_publications (policy_id, seq);
      CREATE TABLE workflows (
        hash TEXT PRIMARY KEY,              -- sha256 of the canonical JSON in body
        id   TEXT NOT NULL,                 -- Workflow.id, e.g. qinzhou@<hash12>/exit/permanent
        body TEXT NOT NULL
      ) WITHOUT ROWID;
      ${['policy_versions', 'policy_publications', 'workflows']
        .map(
          (t) => `
        CREATE TRIGGER ${t}_append_only_update BEFORE UPDATE ON ${t}
          BEGIN SELECT RAISE(ABORT, '政策版本只可追加 ${t} is append-only: UPDATE refused'); END;
        CREATE TRIGGER ${t}_append_only_delete BEFORE DELETE ON ${t}
          BEGIN SELECT RAISE(ABORT, '政策版本只可追加 ${t} is append-only: DELETE refused'); END;`,
        )
        .join('')}
      INSERT OR IGNORE INTO policy_versions (hash, policy_id, file_name, source, templates, stored_at, stored_by)
        SELECT c.policy_hash, c.policy_id, coalesce(json_extract(e.payload, '$.policyFile'), c.policy_id || '.yaml'),
               json_extract(e.payload, '$.policySource'), json_extract(e.payload, '$.policyTemplates'), c.created_at, c.created_by
          FROM cases c JOIN events e ON e.case_id = c.id AND e.seq = 1
          WHERE json_extract(e.payload, '$.policySource') IS NOT NULL
          ORDER BY c.id;
    `,
  },
  {
    version: 8,
    name: "case index: the last day a case's tasks hold",
    // A task row holds from its as_of to valid_through (engine/run/deadlines-hold.ts); NULL: until the
    // case's next command. Rows written before this hold on their as_of only: one day is what they claimed.
    up: `
      ALTER TABLE case_tasks ADD COLUMN valid_through TEXT;
      UPDATE case_tasks SET valid_through = as_of;
    `,
  },
  {
    version: 9,
    name: 'idempotency records name their events only',
    // A record's result was a copy of the case record its request answered (the whole state, at
    // every command): what its events, the case row and the record's user and time give back
    // (operations.ts replayRecord), and what audit verify held equal to them. Events stay as they were.
    up: `ALTER TABLE commands DROP COLUMN result;`,
  },
  {
    version: 10,
    name: "events without a copy of the previous event's hash",
    // prev_hash was the hash of the event before (GENESIS_HASH for seq 1): the store links each
    // event to the row before it when it reads them (operations.ts toEvents) and verify recomputes
    // every hash over that row's hash (verify.ts), so a copy that disagreed was caught the same way
    // before as after: by the hash it was computed into. The hashes themselves stay as they were.
    up: `ALTER TABLE events DROP COLUMN prev_hash;`,
  },
  {
    version: 11,
    name: 'request-rate buckets shared by every instance',
    // One row per limited caller and limit (rate-buckets.ts): the tokens left and when they were
    // last refilled. Instances lease tokens in batches, so a caller's limit is one over all of them.
    up: `CREATE TABLE rate_buckets (
        key    TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        at_ms  INTEGER NOT NULL
      );
      CREATE INDEX rate_buckets_by_time ON rate_buckets (at_ms);`,
  },
  {
    version: 12,
    name: 'snapshots kept compressed',
    // engine/store/state.ts: the snapshot deflated, the same JSON when read. Not hashed or sealed.
    up: (db) => {
      const update = db.prepare('UPDATE cases SET state = ? WHERE id = ?');
      const texts = db.prepare("SELECT id, state FROM cases WHERE typeof(state) = 'text'").all() as { id: string; state: string }[];
      // Raw DEFLATE alone, as this migration wrote it then (migration 15 repacks it with the dictionary).
      for (const r of texts) update.run(deflateRawSync(Buffer.from(r.state, 'utf8')), r.id);
    },
  },
  {
    version: 13,
    name: 'case index: what a case list shows of each case',
    // CaseIndex.summary (case-index.ts), written with the events like the status, so that a page of
    // a case list reads these columns and no snapshot. The cases indexed before (status not NULL)
    // get theirs from their snapshot and workflow here (summary-backfill.ts); a case created
    // without an index has none, as it has no status.
    up: (db) => {
      db.exec(`
        ALTER TABLE cases ADD COLUMN head TEXT;             -- the household head's name
        ALTER TABLE cases ADD COLUMN label TEXT;            -- what kind of case it is
        ALTER TABLE cases ADD COLUMN current_steps TEXT;    -- canonical JSON array: the labels of the steps active now
        ALTER TABLE cases ADD COLUMN contract_number TEXT;
      `);
      backfillSummaries(db);
    },
  },
  {
    version: 14,
    name: 'hashes and MACs as bytes, payloads deflated with a stored dictionary, audit entries without the previous MAC',
    // engine/store/packing.ts. Every hash and MAC is the one computed before, over the same text:
    // only its form changes (32 bytes for 64 hex digits), and prev_mac, the MAC of the entry before,
    // goes (the MAC still covers it: verify-chain.ts takes it from that row, as migration 10 did for
    // events' prev_hash). A value written outside landflow that is not hex is kept as text, which
    // verify then reports as before. The tables are rebuilt with their declared types, their
    // append-only triggers made again as migrations 1 and 4 made them.
    up: (db) => {
      db.function('lf_pack_payload', (json: unknown) => (typeof json === 'string' ? packPayload(json) : json));
      db.function('lf_pack_hash', (hex: unknown) => (typeof hex === 'string' ? packHash(hex) : hex));
      db.exec(`
        CREATE TABLE dictionaries (
          id   INTEGER PRIMARY KEY,          -- the first byte of a payload packed with it
          hash TEXT NOT NULL UNIQUE,         -- sha256 of body, in hex
          body BLOB NOT NULL                 -- the preset dictionary (RFC 1950 FDICT) for raw DEFLATE
        );
        ${appendOnlySqlite('dictionaries', '压缩字典只可追加 dictionaries is append-only')}

        CREATE TABLE events_packed (
          case_id   TEXT NOT NULL REFERENCES cases (id),
          seq       INTEGER NOT NULL,
          type      TEXT NOT NULL,
          payload   BLOB NOT NULL,           -- canonical JSON, deflated (packing.ts)
          user      TEXT NOT NULL,
          at        TEXT NOT NULL,
          hash      BLOB NOT NULL,           -- sha256, 32 bytes
          PRIMARY KEY (case_id, seq)
        ) WITHOUT ROWID;
        INSERT INTO events_packed SELECT case_id, seq, type, lf_pack_payload(payload), user, at, lf_pack_hash(hash) FROM events;
        DROP TABLE events;
        ALTER TABLE events_packed RENAME TO events;
        ${appendOnlySqlite('events', '事件只可追加 events are append-only')}

        CREATE TABLE audit_chain_packed (
          gseq     INTEGER PRIMARY KEY,      -- 1, 2, 3 … in commit order, over all cases
          kind     TEXT NOT NULL,            -- case | event | contract | security
          ref      TEXT NOT NULL,            -- JSON array of the row's key
          digest   BLOB NOT NULL,            -- the row's content (an event: its hash), 32 bytes
          mac      BLOB NOT NULL             -- HMAC-SHA256 over the entry and the previous entry's MAC
        );
        INSERT INTO audit_chain_packed SELECT gseq, kind, ref, lf_pack_hash(digest), lf_pack_hash(mac) FROM audit_chain ORDER BY gseq;
        DROP TABLE audit_chain;
        ALTER TABLE audit_chain_packed RENAME TO audit_chain;
        ${appendOnlySqlite('audit_chain', '审计记录只可追加 audit_chain is append-only')}
      `);
      db.prepare('INSERT INTO dictionaries (id, hash, body) VALUES (?, ?, ?)').run(
        PAYLOAD_DICTIONARY.id,
        PAYLOAD_DICTIONARY_HASH,
        PAYLOAD_DICTIONARY.body,
      );
    },
  },
  {
    version: STATE_DICTIONARY_MIGRATION,
    name: 'snapshots deflated with the stored dictionary',
    // engine/store/state.ts: the snapshot packed as an event's payload is (packing.ts), the
    // same JSON when read. A BLOB of migration 12 that does not inflate is left as it is: verify
    // reports it, as it did. Not hashed or sealed.
    up: (db) => {
      const update = db.prepare('UPDATE cases SET state = ? WHERE id = ?');
      const blobs = db.prepare("SELECT id, state FROM cases WHERE typeof(state) = 'blob'").all() as { id: string; state: Buffer }[];
      for (const r of blobs) {
        let json: string;
        try {
          json = inflateRawSync(r.state).toString('utf8');
        } catch {
          continue;
        }
        update.run(packPayload(json), r.id);
      }
    },
  },
  {
    version: 16,
    name: 'idempotency records: the fingerprint as bytes, their kind, user and time read from their events',
    // A record's kind is whether it starts at seq 1 (operations.ts recordKind: a creation writes a
    // case's first events, a command those after), and its user and time are those of every event
    // its request wrote (commandWrite gives them all the request's), so a replay takes them from its
    // last event; verify held both equal before. The fingerprint is the sha256 it was, as 32 bytes
    // (packing.ts; a value that is not hex stays text, and simply matches no request). The table
    // is rebuilt keyed by its idempotency key alone (WITHOUT ROWID: no separate index for the key).
    up: (db) => {
      db.function('lf_pack_hash', (hex: unknown) => (typeof hex === 'string' ? packHash(hex) : hex));
      db.exec(`
        CREATE TABLE commands_packed (
          idempotency_key TEXT PRIMARY KEY,
          case_id         TEXT NOT NULL REFERENCES cases (id),
          fingerprint     BLOB NOT NULL,     -- sha256 of the canonical request, 32 bytes
          first_seq       INTEGER NOT NULL,
          last_seq        INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO commands_packed
          SELECT idempotency_key, case_id, lf_pack_hash(fingerprint), first_seq, last_seq FROM commands;
        DROP TABLE commands;
        ALTER TABLE commands_packed RENAME TO commands;
        CREATE INDEX commands_by_case ON commands (case_id, last_seq);
      `);
    },
  },
  {
    version: 17,
    name: "audit entries: one per request's events, for the last of them",
    // No row changes: from here on a command's events are sealed by one entry, for its last event
    // (operations.ts commandWrite), whose hash covers every event of the case before it; the
    // entries already in the chain stay as they are, one per event. Recorded as a migration so that
    // a landflow from before, whose verify wants an entry for every event, refuses this database
    // (store.schemaNewer) instead of reporting its events as written outside landflow.
    up: 'SELECT 1;',
  },
  {
    version: 18,
    name: "PostgreSQL's snapshots packed as SQLite's",
    // Nothing to do here: SQLite's snapshots are packed since migrations 12 and 15 (state.ts);
    // PostgreSQL's migration 18 (engine/store/pg/migrations.ts) packs its own.
    up: 'SELECT 1;',
  },
  {
    version: 19,
    name: 'events: a user and time the event before has are carried, not stored again',
    // packing.ts unpackEvents: an event's user or time is NULL where the event before it in its
    // case has the same (every event of a request after its first, and the next requests of the
    // same clerk), and is read as that one's; the hashes are computed over the values as before.
    // The table is rebuilt with the two columns nullable, its append-only triggers made again.
    up: `
      CREATE TABLE events_carried (
        case_id   TEXT NOT NULL REFERENCES cases (id),
        seq       INTEGER NOT NULL,
        type      TEXT NOT NULL,
        payload   BLOB NOT NULL,           -- canonical JSON, deflated (packing.ts)
        user      TEXT,                    -- NULL: the user of the row before it in this case
        at        TEXT,                    -- NULL: the time of the row before it in this case
        hash      BLOB NOT NULL,           -- sha256, 32 bytes
        PRIMARY KEY (case_id, seq)
      ) WITHOUT ROWID;
      INSERT INTO events_carried
        SELECT case_id, seq, type, payload,
               CASE WHEN user IS lag(user) OVER w THEN NULL ELSE user END,
               CASE WHEN at IS lag(at) OVER w THEN NULL ELSE at END,
               hash
          FROM events WINDOW w AS (PARTITION BY case_id ORDER BY seq);
      DROP TABLE events;
      ALTER TABLE events_carried RENAME TO events;
      ${appendOnlySqlite('events', '事件只可追加 events are append-only')}
    `,
  },
];

/** The triggers refusing UPDATE and DELETE on `table`, saying `what` (Chinese, then English), as migrations 1 and 4 write them. */
function appendOnlySqlite(table: string, what: string): string {
  return ['UPDATE', 'DELETE']
    .map(
      (op) => `CREATE TRIGGER ${table}_append_only_${op.toLowerCase()} BEFORE ${op} ON ${table}
          BEGIN SELECT RAISE(ABORT, '${what}: ${op} refused'); END;`,
    )
    .join('\n');
}

/**
 * Triggers whose absence verifyAll reports: the database's own half of "append-only". Those of a
 * table a later migration made (the audit tables: 4; policy versions: 7; dictionaries: 14) only once it exists
 * (verify.ts missingTriggers): a database opened read-only before that migration has none.
 */
export const REQUIRED_TRIGGERS = [
  'events_append_only_update',
  'events_append_only_delete',
  'contract_numbers_append_only_update',
  'contract_numbers_append_only_delete',
  'audit_meta_append_only_update',
  'audit_meta_append_only_delete',
  'security_events_append_only_update',
  'security_events_append_only_delete',
  'audit_chain_append_only_update',
  'audit_chain_append_only_delete',
  'policy_versions_append_only_update',
  'policy_versions_append_only_delete',
  'policy_publications_append_only_update',
  'policy_publications_append_only_delete',
  'workflows_append_only_update',
  'workflows_append_only_delete',
  'dictionaries_append_only_update',
  'dictionaries_append_only_delete',
] as const;

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

interface Applied {
  version: number;
  name: string;
}

export class MigrationError extends TextError {
  declare readonly text: Text;
}

/** Applied versions must be a prefix of `list`; anything else is a database this code must not touch. */
export function checkApplied(applied: Applied[], list: readonly Pick<Migration, 'version' | 'name'>[] = migrations): void {
  for (let i = 0; i < applied.length; i++) {
    const a = applied[i]!;
    const m = list[i];
    if (!m) {
      throw new MigrationError(msg('store.schemaNewer', { version: a.version, known: list[list.length - 1]?.version ?? 0 }));
    }
    if (m.version !== a.version || m.name !== a.name) {
      throw new MigrationError(
        msg('store.migrationsDiffer', { applied: a.version, appliedName: a.name, expected: m.version, expectedName: m.name }),
      );
    }
  }
}

export function readApplied(db: Database.Database): Applied[] {
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as Applied[];
}

/** Applies the pending migrations; safe to call on every open and from several processes at once. */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations, ctx: MigrationContext = {}): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
  const before = readApplied(db);
  checkApplied(before, list);
  if (before.length === list.length) return [];
  const done: number[] = [];
  for (const m of list) {
    // IMMEDIATE takes the write lock before re-reading, so two processes cannot both apply m.
    db.transaction(() => {
      const applied = readApplied(db);
      checkApplied(applied, list);
      if (applied.some((a) => a.version === m.version)) return;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db, ctx);
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      done.push(m.version);
    }).immediate();
  }
  return done;
}
