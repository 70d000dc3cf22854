// The PostgreSQL schema: the same numbered migrations as the SQLite store (engine/store/migrations.ts),
// with the same versions and names, so schema_migrations reads alike on both and one
// LATEST_SCHEMA_VERSION holds for both (test/engine/store/pg-migrations.test.ts holds them in step).
// Never edit a migration that has shipped: add the next one, here and there.
//
// What differs from SQLite, and why:
// - text columns that are sorted or compared (ids, places, names) are COLLATE "C": byte order, as
//   SQLite's BINARY, whatever locale the server was created with, so keyset paging and every
//   ORDER BY give the same rows on both backends;
// - canonical JSON (state, payload, results, details) stays text, never jsonb: hashes and MACs are
//   computed over those exact characters;
// - append-only is PL/pgSQL triggers, and TRUNCATE (which fires no row trigger) is refused too;
// - the SQLite INTEGER columns that can outgrow 2^31 (the audit chain's gseq, security event ids,
//   millisecond times) are bigint; the store reads bigint back as a JS number (pg/connection.ts);
// - security_events.id is not a sequence: the store takes max(id) + 1 under the audit chain's lock
//   (pg/audit-chain.ts), so ids are gapless and in commit order, as SQLite's rowid is;
// - migration 4 seals nothing: no PostgreSQL database has rows from before the audit chain (the
//   PostgreSQL store arrived with schema 5), and the store records the sealing key id when it first
//   opens the database (pg/open.ts), as SQLite's claimDatabase does.
import type pg from 'pg';
import { REQUIRED_TRIGGERS, checkApplied } from '../migrations.ts';
import { PAYLOAD_DICTIONARY, PAYLOAD_DICTIONARY_HASH, packPayload } from '../packing.ts';
import { packState } from '../state.ts';

/** The body of the function every append-only trigger runs; verify checks it is still this. */
export const REFUSE_CHANGE_BODY = `
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
`;

export interface PgMigration {
  version: number;
  name: string;
  /** SQL, or a function for what SQL cannot do (deflating payloads: migration 14). */
  up: string | ((c: Connection) => Promise<void>);
}

/** CREATE TRIGGERs refusing UPDATE, DELETE and TRUNCATE on `table`, saying `what` (Chinese, then English). */
function appendOnly(table: string, what: string): string {
  return ['update', 'delete']
    .map(
      (op) => `CREATE TRIGGER ${table}_append_only_${op} BEFORE ${op.toUpperCase()} ON ${table}
        FOR EACH ROW EXECUTE FUNCTION landflow_refuse_change('${what}: ${op.toUpperCase()} refused');`,
    )
    .concat(
      `CREATE TRIGGER ${table}_append_only_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION landflow_refuse_change('${what}: TRUNCATE refused');`,
    )
    .join('\n');
}

/** A hex hash column's value as its bytes (../packing.ts packHash); a value that is not hex as its UTF-8 bytes, for verify to report. */
function packedHash(col: string): string {
  return `CASE WHEN ${col} ~ '^[0-9a-f]{64}$' THEN decode(${col}, 'hex') ELSE convert_to(${col}, 'UTF8') END`;
}

export const pgMigrations: readonly PgMigration[] = [
  {
    version: 1,
    name: 'cases, append-only hash-chained events, command log, contract numbers',
    up: `
      CREATE FUNCTION landflow_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$${REFUSE_CHANGE_BODY}$$;

      CREATE TABLE cases (
        id          text COLLATE "C" PRIMARY KEY,
        policy_id   text COLLATE "C" NOT NULL,
        policy_hash text NOT NULL,
        procedure   text COLLATE "C" NOT NULL,
        mode        text,
        town        text COLLATE "C" NOT NULL,
        village     text COLLATE "C" NOT NULL,
        grp         text COLLATE "C" NOT NULL,
        state       text NOT NULL,          -- canonical JSON of the fold of the events
        version     integer NOT NULL,       -- seq of the last event
        last_hash   text NOT NULL,
        created_at  text NOT NULL,
        created_by  text NOT NULL,
        updated_at  text NOT NULL,
        updated_by  text NOT NULL
      );
      CREATE INDEX cases_by_place  ON cases (town, village, grp, id);
      CREATE INDEX cases_by_policy ON cases (policy_id, id);

      CREATE TABLE events (
        case_id   text COLLATE "C" NOT NULL REFERENCES cases (id),
        seq       integer NOT NULL,
        type      text NOT NULL,
        payload   text NOT NULL,            -- canonical JSON
        "user"    text NOT NULL,
        at        text NOT NULL,
        prev_hash text NOT NULL,
        hash      text NOT NULL,
        PRIMARY KEY (case_id, seq)
      );
      ${appendOnly('events', '事件只可追加 events are append-only')}

      -- One row per accepted command, keyed by its idempotency key: a repeat returns this result.
      CREATE TABLE commands (
        idempotency_key text COLLATE "C" PRIMARY KEY,
        case_id         text COLLATE "C" NOT NULL REFERENCES cases (id),
        kind            text NOT NULL,      -- create | command
        fingerprint     text NOT NULL,      -- sha256 of the canonical request
        first_seq       integer NOT NULL,
        last_seq        integer NOT NULL,
        result          text NOT NULL,      -- canonical JSON of the CaseRecord returned
        "user"          text NOT NULL,
        at              text NOT NULL
      );
      CREATE INDEX commands_by_case ON commands (case_id, last_seq);

      -- A number exists here iff the command that took it committed, so rollbacks take none.
      CREATE TABLE contract_numbers (
        town     text COLLATE "C" NOT NULL,
        year     integer NOT NULL,
        kind     text COLLATE "C" NOT NULL,
        seq      integer NOT NULL,
        text     text NOT NULL,
        case_id  text COLLATE "C" NOT NULL REFERENCES cases (id),
        version  integer NOT NULL,
        at       text NOT NULL,
        PRIMARY KEY (town, year, kind, seq)
      );
      CREATE INDEX contract_numbers_by_case ON contract_numbers (case_id);
      ${appendOnly('contract_numbers', '合同编号只可追加 contract numbers are append-only')}
    `,
  },
  {
    version: 2,
    name: 'users and sessions',
    // Sessions keep only a hash of their token: a stolen database opens no session.
    up: `
      CREATE TABLE users (
        name          text COLLATE "C" PRIMARY KEY,
        role          text NOT NULL CHECK (role IN ('admin', 'officer', 'clerk', 'researcher')),
        town          text,                 -- a clerk's 镇
        region        text,                 -- an officer's region (policy id, region code or name)
        password_hash text NOT NULL,        -- scrypt$N$r$p$salt$hash
        disabled      integer NOT NULL DEFAULT 0,
        created_at    text NOT NULL,
        updated_at    text NOT NULL,
        CHECK (role <> 'clerk' OR town IS NOT NULL),
        CHECK (role <> 'officer' OR region IS NOT NULL)
      );

      CREATE TABLE sessions (
        token_hash  text COLLATE "C" PRIMARY KEY,  -- sha256 hex of the cookie's token
        user_name   text COLLATE "C" NOT NULL REFERENCES users (name),
        created_ms  bigint NOT NULL,
        expires_ms  bigint NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_name);
      CREATE INDEX sessions_by_expiry ON sessions (expires_ms);
    `,
  },
  {
    version: 3,
    name: 'login failure counts and lock-out, session idle time',
    // The counts live in the database so that a restart does not wipe out an attacker's tally.
    up: `
      ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
      ALTER TABLE users ADD COLUMN last_failed_ms bigint;
      ALTER TABLE users ADD COLUMN locked_at text;
      ALTER TABLE sessions ADD COLUMN last_seen_ms bigint NOT NULL DEFAULT 0;
      UPDATE sessions SET last_seen_ms = created_ms;
      CREATE INDEX sessions_by_last_seen ON sessions (last_seen_ms);
    `,
  },
  {
    version: 4,
    name: 'audit chain: keyed MACs over cases, events, contract numbers and security events',
    up: `
      CREATE TABLE audit_meta (
        name  text COLLATE "C" PRIMARY KEY, -- key_id: which key seals this database (not the key)
        value text NOT NULL
      );

      CREATE TABLE security_events (
        id      bigint PRIMARY KEY,         -- 1, 2, 3 … taken under the audit chain's lock
        type    text NOT NULL,
        actor   text COLLATE "C" NOT NULL,
        subject text COLLATE "C",
        detail  text NOT NULL,              -- canonical JSON object
        at      text NOT NULL
      );

      CREATE TABLE audit_chain (
        gseq     bigint PRIMARY KEY,        -- 1, 2, 3 … in commit order, over all cases
        kind     text NOT NULL,             -- case | event | contract | security
        ref      text NOT NULL,             -- JSON array of the row's key
        digest   text NOT NULL,             -- the row's content (an event: its hash)
        prev_mac text NOT NULL,
        mac      text NOT NULL              -- HMAC-SHA256 with the key kept outside the database
      );
      ${['audit_meta', 'security_events', 'audit_chain'].map((t) => appendOnly(t, `审计记录只可追加 ${t} is append-only`)).join('\n')}
    `,
  },
  {
    version: 5,
    name: 'calendar feed tokens',
    // One per user, kept as a hash like session tokens: the feed URL is the credential.
    up: `
      CREATE TABLE feed_tokens (
        user_name  text COLLATE "C" PRIMARY KEY REFERENCES users (name),
        token_hash text COLLATE "C" NOT NULL UNIQUE,  -- sha256 hex of the token in the feed's URL
        created_at text NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'case index: status and task rows written with the events',
    // As SQLite's migration 6 (engine/store/migrations.ts): the status read out of the state, one
    // row without a task for each open case, which the task list works out until its next command.
    up: `
      ALTER TABLE cases ADD COLUMN status text COLLATE "C";
      UPDATE cases SET status = state::jsonb ->> 'status';
      CREATE INDEX cases_by_town ON cases (town, id);
      CREATE INDEX cases_by_town_status ON cases (town, status, id);
      CREATE INDEX cases_by_status ON cases (status, id);

      CREATE TABLE case_tasks (
        case_id   text COLLATE "C" NOT NULL REFERENCES cases (id),
        ord       integer NOT NULL,         -- 0, 1, 2 … the task's place among the case's tasks
        town      text COLLATE "C" NOT NULL,
        village   text COLLATE "C" NOT NULL,
        grp       text COLLATE "C" NOT NULL,
        policy_id text COLLATE "C" NOT NULL,
        as_of     text,                     -- the day the task was worked out for; NULL: not yet
        kind      text,
        step      text,
        label     text,
        due       text,
        timer     text,
        detail    text,                     -- canonical JSON: the rest of what the task list shows
        PRIMARY KEY (case_id, ord)
      );
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
    // As SQLite's migration 7 (engine/store/migrations.ts): the versions of existing cases are
    // copied out of their first events, which stay as they were.
    up: `
      CREATE TABLE policy_versions (
        hash      text COLLATE "C" PRIMARY KEY,
        policy_id text COLLATE "C" NOT NULL,
        file_name text NOT NULL,
        source    text NOT NULL,
        templates text,                     -- canonical JSON object: template name → source
        stored_at text NOT NULL,
        stored_by text NOT NULL
      );
      CREATE TABLE policy_publications (
        seq       bigint PRIMARY KEY,       -- 1, 2, 3 … taken under an advisory lock: in commit order
        policy_id text COLLATE "C" NOT NULL,
        hash      text COLLATE "C" NOT NULL REFERENCES policy_versions (hash),
        published_at text NOT NULL,
        published_by text NOT NULL
      );
      CREATE INDEX policy_publications_by_policy ON policy_publications (policy_id, seq);
      CREATE TABLE workflows (
        hash text COLLATE "C" PRIMARY KEY,  -- sha256 of the canonical JSON in body
        id   text NOT NULL,
        body text NOT NULL
      );
      ${['policy_versions', 'policy_publications', 'workflows'].map((t) => appendOnly(t, `政策版本只可追加 ${t} is append-only`)).join('\n')}
      INSERT INTO policy_versions (hash, policy_id, file_name, source, templates, stored_at, stored_by)
        SELECT DISTINCT ON (c.policy_hash) c.policy_hash, c.policy_id,
               coalesce(e.payload::jsonb ->> 'policyFile', c.policy_id || '.yaml'), e.payload::jsonb ->> 'policySource',
               (e.payload::jsonb -> 'policyTemplates')::text, c.created_at, c.created_by
          FROM cases c JOIN events e ON e.case_id = c.id AND e.seq = 1
          WHERE e.payload::jsonb ->> 'policySource' IS NOT NULL
          ORDER BY c.policy_hash, c.id;
    `,
  },
  {
    version: 8,
    name: "case index: the last day a case's tasks hold",
    // As SQLite's migration 8 (engine/store/migrations.ts).
    up: `
      ALTER TABLE case_tasks ADD COLUMN valid_through text;
      UPDATE case_tasks SET valid_through = as_of;
    `,
  },
  {
    version: 9,
    name: 'idempotency records name their events only',
    // As SQLite's migration 9 (engine/store/migrations.ts).
    up: `ALTER TABLE commands DROP COLUMN result;`,
  },
  {
    version: 10,
    name: "events without a copy of the previous event's hash",
    // As SQLite's migration 10 (engine/store/migrations.ts).
    up: `ALTER TABLE events DROP COLUMN prev_hash;`,
  },
  {
    version: 11,
    name: 'request-rate buckets shared by every instance',
    // As SQLite's migration 11 (engine/store/migrations.ts).
    up: `CREATE TABLE rate_buckets (
        key    text COLLATE "C" PRIMARY KEY,
        tokens double precision NOT NULL,
        at_ms  bigint NOT NULL
      );
      CREATE INDEX rate_buckets_by_time ON rate_buckets (at_ms);`,
  },
  {
    version: 12,
    name: 'snapshots kept compressed',
    // Nothing to do: PostgreSQL compresses a snapshot of more than ~2 kB itself (TOAST, pglz);
    // SQLite's migration 12 (engine/store/migrations.ts) packs its own.
    up: `SELECT 1;`,
  },
  {
    version: 13,
    name: 'case index: what a case list shows of each case',
    // As SQLite's migration 13 (engine/store/migrations.ts, summary-backfill.ts): the cases indexed
    // before get their summary from their snapshot and the workflow their first event names by hash
    // (or carries whole, before migration 7).
    up: `
      ALTER TABLE cases ADD COLUMN head text, ADD COLUMN label text, ADD COLUMN current_steps text, ADD COLUMN contract_number text;
      WITH indexed AS (
        SELECT c.id, c.procedure, c.state::jsonb AS st, e.payload::jsonb -> 'workflow' AS pinned
          FROM cases c LEFT JOIN events e ON e.case_id = c.id AND e.seq = 1
          WHERE c.status IS NOT NULL
      ), pinned AS (
        SELECT i.id, i.procedure, i.st,
               CASE WHEN jsonb_typeof(i.pinned -> 'hash') = 'string'
                    THEN (SELECT w.body::jsonb FROM workflows w WHERE w.hash = i.pinned ->> 'hash') ELSE i.pinned END AS wf
          FROM indexed i
      )
      UPDATE cases SET
        head = coalesce(p.st #>> '{case,household,head,name}', ''),
        label = coalesce(CASE WHEN jsonb_typeof(p.wf -> 'states') = 'array' THEN (p.wf #>> '{policy,shortName}') || '·' || (p.wf ->> 'label') END,
                         p.procedure),
        current_steps = coalesce((
          SELECT '[' || string_agg(to_json(s.step ->> 'label')::text, ',' ORDER BY s.ord) || ']'
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.wf -> 'states') = 'array' THEN p.wf -> 'states' ELSE '[]'::jsonb END)
                 WITH ORDINALITY AS s(step, ord)
            WHERE p.st #>> ARRAY['steps', s.step ->> 'id', 'status'] = 'active'), '[]'),
        contract_number = p.st #>> '{contract,number}'
        FROM pinned p WHERE cases.id = p.id;
    `,
  },
  {
    version: 14,
    name: 'hashes and MACs as bytes, payloads deflated with a stored dictionary, audit entries without the previous MAC',
    // As SQLite's migration 14 (engine/store/migrations.ts, ../packing.ts): the columns change type
    // in place (a value that is not hex, never written by landflow, is kept as its UTF-8 bytes for
    // verify to report), and the payloads are deflated here, a batch at a time, with the events'
    // UPDATE trigger held off for this transaction only.
    up: async (c) => {
      await c.query(`
        CREATE TABLE dictionaries (
          id   integer PRIMARY KEY,           -- the first byte of a payload packed with it
          hash text COLLATE "C" NOT NULL UNIQUE, -- sha256 of body, in hex
          body bytea NOT NULL                 -- the preset dictionary for raw DEFLATE
        );
        ${appendOnly('dictionaries', '压缩字典只可追加 dictionaries is append-only')}
        ALTER TABLE audit_chain DROP COLUMN prev_mac,
          ALTER COLUMN digest TYPE bytea USING ${packedHash('digest')},
          ALTER COLUMN mac TYPE bytea USING ${packedHash('mac')};
        ALTER TABLE events ALTER COLUMN hash TYPE bytea USING ${packedHash('hash')}, ADD COLUMN packed bytea;
        ALTER TABLE events DISABLE TRIGGER events_append_only_update;
      `);
      await c.query('INSERT INTO dictionaries (id, hash, body) VALUES ($1, $2, $3)', [
        PAYLOAD_DICTIONARY.id,
        PAYLOAD_DICTIONARY_HASH,
        PAYLOAD_DICTIONARY.body,
      ]);
      for (let after: [string, number] = ['', 0]; ;) {
        const rows = (
          await c.query<{ case_id: string; seq: number; payload: string }>(
            'SELECT case_id, seq, payload FROM events WHERE (case_id, seq) > ($1, $2) ORDER BY case_id, seq LIMIT 1000',
            after,
          )
        ).rows;
        if (rows.length === 0) break;
        await c.query(
          `UPDATE events e SET packed = v.p FROM unnest($1::text[], $2::int[], $3::bytea[]) AS v(c, s, p) WHERE e.case_id = v.c AND e.seq = v.s`,
          [rows.map((r) => r.case_id), rows.map((r) => r.seq), rows.map((r) => packPayload(r.payload))],
        );
        const last = rows[rows.length - 1]!;
        after = [last.case_id, last.seq];
      }
      await c.query(`
        ALTER TABLE events ENABLE TRIGGER events_append_only_update;
        ALTER TABLE events DROP COLUMN payload;
        ALTER TABLE events RENAME COLUMN packed TO payload;
        ALTER TABLE events ALTER COLUMN payload SET NOT NULL;
      `);
    },
  },
  {
    version: 15,
    name: 'snapshots deflated with the stored dictionary',
    // Nothing to do, as for migration 12: PostgreSQL compresses a snapshot itself (TOAST);
    // SQLite's migration 15 (engine/store/migrations.ts) repacks its own.
    up: `SELECT 1;`,
  },
  {
    version: 16,
    name: 'idempotency records: the fingerprint as bytes, their kind, user and time read from their events',
    // As SQLite's migration 16 (engine/store/migrations.ts): the fingerprint changes type in place,
    // and the columns its events hold go.
    up: `
      ALTER TABLE commands DROP COLUMN kind, DROP COLUMN "user", DROP COLUMN at,
        ALTER COLUMN fingerprint TYPE bytea USING ${packedHash('fingerprint')};
    `,
  },
  {
    version: 17,
    name: "audit entries: one per request's events, for the last of them",
    // As SQLite's migration 17 (engine/store/migrations.ts): no row changes.
    up: `SELECT 1;`,
  },
  {
    version: 18,
    name: "PostgreSQL's snapshots packed as SQLite's",
    // ../state.ts: the snapshot deflated with the stored dictionary (~1 kB for a finished case)
    // instead of text that TOAST compresses with pglz (~3.2 kB); the same JSON when read. Packed
    // here a batch at a time into a new column. Not hashed or sealed.
    up: async (c) => {
      await c.query('ALTER TABLE cases ADD COLUMN packed bytea');
      for (let after = ''; ;) {
        const rows = (
          await c.query<{ id: string; state: string }>('SELECT id, state FROM cases WHERE id > $1 ORDER BY id LIMIT 1000', [after])
        ).rows;
        if (rows.length === 0) break;
        await c.query('UPDATE cases SET packed = v.p FROM unnest($1::text[], $2::bytea[]) AS v(i, p) WHERE cases.id = v.i', [
          rows.map((r) => r.id),
          rows.map((r) => packState(r.state)),
        ]);
        after = rows[rows.length - 1]!.id;
      }
      await c.query(`
        ALTER TABLE cases DROP COLUMN state;
        ALTER TABLE cases RENAME COLUMN packed TO state;
        ALTER TABLE cases ALTER COLUMN state SET NOT NULL;
      `);
    },
  },
  {
    version: 19,
    name: 'events: a user and time the event before has are carried, not stored again',
    // As SQLite's migration 19 (engine/store/migrations.ts): the columns made nullable in place, and
    // set to NULL where the row before in the case has the same, the UPDATE trigger held off meanwhile.
    up: `
      ALTER TABLE events ALTER COLUMN "user" DROP NOT NULL, ALTER COLUMN at DROP NOT NULL;
      ALTER TABLE events DISABLE TRIGGER events_append_only_update;
      UPDATE events e
        SET "user" = CASE WHEN p.same_user THEN NULL ELSE e."user" END, at = CASE WHEN p.same_at THEN NULL ELSE e.at END
        FROM (SELECT case_id, seq, "user" IS NOT DISTINCT FROM lag("user") OVER w AS same_user, at IS NOT DISTINCT FROM lag(at) OVER w AS same_at
                FROM events WINDOW w AS (PARTITION BY case_id ORDER BY seq)) p
        WHERE e.case_id = p.case_id AND e.seq = p.seq AND (p.same_user OR p.same_at);
      ALTER TABLE events ENABLE TRIGGER events_append_only_update;
    `,
  },
];

/** The triggers verifyAll requires on PostgreSQL: SQLite's, and the TRUNCATE guard of each table. */
export const PG_REQUIRED_TRIGGERS: readonly string[] = [
  ...REQUIRED_TRIGGERS,
  ...[
    'events',
    'contract_numbers',
    'audit_meta',
    'security_events',
    'audit_chain',
    'policy_versions',
    'policy_publications',
    'workflows',
    'dictionaries',
  ].map((t) => `${t}_append_only_truncate`),
];

/** Any one connection (a pool's client or a plain client). */
type Connection = Pick<pg.ClientBase, 'query'>;

/** Serialises migrations across every process opening the same database (an advisory lock, released at COMMIT). */
const MIGRATION_LOCK = 0x6c66_6d67; // 'lfmg'

export async function readAppliedPg(c: Connection): Promise<{ version: number; name: string }[]> {
  return (await c.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
}

/**
 * Applies the pending migrations, each in its own transaction under an advisory lock, re-reading
 * what is applied once the lock is held: safe on every open and from several instances at once.
 */
export async function migratePg(c: Connection, list: readonly PgMigration[] = pgMigrations): Promise<number[]> {
  const done: number[] = [];
  for (let i = 0; i <= list.length; i++) {
    await c.query('BEGIN');
    try {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at text NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      )`);
      const applied = await readAppliedPg(c);
      checkApplied(applied, list);
      const next = list[applied.length];
      if (next) {
        if (typeof next.up === 'string') await c.query(next.up);
        else await next.up(c);
        await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [next.version, next.name]);
        done.push(next.version);
      }
      await c.query('COMMIT');
      if (!next) break;
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  }
  return done;
}
