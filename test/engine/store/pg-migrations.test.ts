// The PostgreSQL schema: in step with SQLite's migrations, applied once even by two instances at
// once, append-only in the database itself (UPDATE, DELETE and TRUNCATE refused), and refusing a
// database from a newer or a different landflow.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, migrations } from '../../../engine/store/migrations.ts';
import { PG_REQUIRED_TRIGGERS, migratePg, pgMigrations, readAppliedPg } from '../../../engine/store/pg/migrations.ts';
import { pgTestDatabase, type PgTestDatabase } from '../../helpers/postgres.ts';

describe('PostgreSQL migrations beside SQLite', () => {
  it('have the same versions and names, in the same order', () => {
    expect(pgMigrations.map((m) => [m.version, m.name])).toEqual(migrations.map((m) => [m.version, m.name]));
  });
});

/** The case row's columns a bare row needs (migration 18 moved state to the end of the table). */
const CASE_COLUMNS =
  '(id, policy_id, policy_hash, procedure, mode, town, village, grp, state, version, last_hash, created_at, created_by, updated_at, updated_by)';

describe('PostgreSQL migrations on a database', () => {
  let db: PgTestDatabase;
  const clients: pg.Client[] = [];
  async function client(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    clients.push(c);
    return c;
  }

  beforeEach(async () => {
    db = await pgTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end()));
    await db.drop();
  });

  const all = migrations.map((m) => m.version);

  it('apply 1, 2, 3 … once, then nothing', async () => {
    const c = await client();
    expect(await migratePg(c)).toEqual(all);
    expect(await migratePg(c)).toEqual([]);
    expect((await readAppliedPg(c)).map((a) => a.version)).toEqual(all);
    const tables = (await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.tablename);
    expect(tables).toEqual([
      'audit_chain',
      'audit_meta',
      'case_tasks',
      'cases',
      'commands',
      'contract_numbers',
      'dictionaries',
      'events',
      'feed_tokens',
      'policy_publications',
      'policy_versions',
      'rate_buckets',
      'schema_migrations',
      'security_events',
      'sessions',
      'users',
      'workflows',
    ]);
    const applied = (await c.query('SELECT applied_at FROM schema_migrations WHERE version = 1')).rows[0].applied_at as string;
    expect(applied).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('from two connections at once are applied once', async () => {
    const [a, b] = [await client(), await client()];
    const [da, dbb] = await Promise.all([migratePg(a), migratePg(b)]);
    expect([...da, ...dbb].sort((x, y) => x - y)).toEqual(all);
    expect((await a.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(all.length);
  });

  it('put every append-only trigger in place, enabled', async () => {
    const c = await client();
    await migratePg(c);
    const rows = (await c.query('SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname')).rows;
    expect(rows.map((r) => r.tgname)).toEqual([...PG_REQUIRED_TRIGGERS].sort());
    expect(new Set(rows.map((r) => r.tgenabled))).toEqual(new Set(['O']));
  });

  it('refuse UPDATE, DELETE and TRUNCATE of events, contract numbers and the audit tables', async () => {
    const c = await client();
    await migratePg(c);
    await c.query(
      `INSERT INTO cases ${CASE_COLUMNS} VALUES ('C1', 'p', 'h', 'exit', NULL, 't', 'v', 'g', '\\x00', 1, 'x', 'a', 'u', 'a', 'u')`,
    );
    await c.query(`INSERT INTO events (case_id, seq, type, payload, "user", at, hash) VALUES ('C1', 1, 'T', '\\x00', 'u', 'a', '\\x00')`);
    await c.query(`INSERT INTO contract_numbers VALUES ('t', 2026, '退出', 1, 'x', 'C1', 1, 'a')`);
    await c.query(`INSERT INTO audit_meta VALUES ('key_id', 'k')`);
    await c.query(`INSERT INTO security_events VALUES (1, 'login', 'a', NULL, '{}', 'a')`);
    await c.query(`INSERT INTO audit_chain VALUES (1, 'case', '["C1"]', '\\x00', '\\x00')`);
    const refused = async (sql: string) => {
      const e = await c.query(sql).then(
        () => undefined,
        (err: unknown) => err as { code: string; message: string },
      );
      expect(e, sql).toBeDefined();
      expect(e!.code).toBe('23001'); // restrict_violation
      return e!.message;
    };
    expect(await refused("UPDATE events SET type = 'X'")).toBe('事件只可追加 events are append-only: UPDATE refused');
    expect(await refused('DELETE FROM events')).toBe('事件只可追加 events are append-only: DELETE refused');
    expect(await refused('TRUNCATE events CASCADE')).toBe('事件只可追加 events are append-only: TRUNCATE refused');
    expect(await refused('UPDATE contract_numbers SET seq = 2')).toBe('合同编号只可追加 contract numbers are append-only: UPDATE refused');
    expect(await refused('DELETE FROM contract_numbers')).toBe('合同编号只可追加 contract numbers are append-only: DELETE refused');
    expect(await refused('TRUNCATE contract_numbers')).toBe('合同编号只可追加 contract numbers are append-only: TRUNCATE refused');
    for (const t of ['audit_meta', 'security_events', 'audit_chain']) {
      expect(await refused(`UPDATE ${t} SET ${t === 'audit_chain' ? 'mac' : t === 'audit_meta' ? 'value' : 'actor'} = 'z'`)).toBe(
        `审计记录只可追加 ${t} is append-only: UPDATE refused`,
      );
      expect(await refused(`DELETE FROM ${t}`)).toBe(`审计记录只可追加 ${t} is append-only: DELETE refused`);
      expect(await refused(`TRUNCATE ${t}`)).toBe(`审计记录只可追加 ${t} is append-only: TRUNCATE refused`);
    }
    expect(await refused("UPDATE dictionaries SET body = '\\x00'")).toBe('压缩字典只可追加 dictionaries is append-only: UPDATE refused');
    expect(await refused('DELETE FROM dictionaries')).toBe('压缩字典只可追加 dictionaries is append-only: DELETE refused');
    expect(await refused('TRUNCATE dictionaries')).toBe('压缩字典只可追加 dictionaries is append-only: TRUNCATE refused');
    expect((await c.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(1);
  });

  it('sort text by byte, as SQLite does, whatever the server locale', async () => {
    const c = await client();
    await migratePg(c);
    const ids = ['b', 'B', 'a_1', 'a-1', 'Z', '那丽镇', '大寺镇', 'a'];
    for (const id of ids)
      await c.query(
        `INSERT INTO cases ${CASE_COLUMNS} VALUES ($1, 'p', 'h', 'exit', NULL, $1, 'v', 'g', '\\x00', 1, 'x', 'a', 'u', 'a', 'u')`,
        [id],
      );
    const byId = (await c.query('SELECT id FROM cases ORDER BY id')).rows.map((r) => r.id);
    const byTown = (await c.query('SELECT town FROM cases ORDER BY town')).rows.map((r) => r.town);
    const bytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(byId).toEqual(bytes);
    expect(byTown).toEqual(bytes);
    expect((await c.query("SELECT count(*)::int AS n FROM cases WHERE id > 'a-1'")).rows[0].n).toBe(
      bytes.length - bytes.indexOf('a-1') - 1,
    );
  });

  it('refuse a database migrated by a newer landflow, or by a different one', async () => {
    const c = await client();
    await migratePg(c);
    const next = all[all.length - 1]! + 1;
    await c.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')", [next]);
    await expect(migratePg(c)).rejects.toThrow(MigrationError);
    await expect(migratePg(c)).rejects.toThrow(`schema version ${next} is newer than this landflow (knows up to ${all[all.length - 1]})`);
    await c.query('DELETE FROM schema_migrations WHERE version = $1', [next]);
    await c.query("UPDATE schema_migrations SET name = 'something else' WHERE version = 3");
    await expect(migratePg(c)).rejects.toThrow(/applied #3 "something else", expected #3 "login failure counts/);
  });
});
