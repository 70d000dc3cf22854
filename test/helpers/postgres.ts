// A fresh PostgreSQL database for one test, on the run's throwaway cluster
// (test/helpers/postgres-cluster.ts, started once by vitest.config.ts's globalSetup). Without
// PostgreSQL the call throws the setup's message (which names the apt package): the test fails,
// it is never skipped.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migratePg } from '../../engine/store/pg/migrations.ts';

export interface PgTestDatabase {
  /** postgres://postgres@127.0.0.1:PORT/NAME */
  url: string;
  name: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

/** The cluster's admin URL; throws why there is no cluster. */
export function pgClusterUrl(): string {
  const cluster = inject('postgres');
  if (!cluster) {
    throw new Error(
      '没有 PostgreSQL 测试集群 no PostgreSQL test cluster: run the tests through vitest.config.ts (its globalSetup starts one)',
    );
  }
  if ('error' in cluster) throw new Error(cluster.error);
  return cluster.url;
}

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgClusterUrl() });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

let migratedTemplate: Promise<string> | undefined;

/**
 * This process's template of a database with every migration applied and nothing else (no audit
 * key is claimed: that is the first store's to do), made once: a copy of it is a fraction of
 * migrating a database from nothing, which the HTTP tests would do for each test.
 */
function migrated(): Promise<string> {
  migratedTemplate ??= (async () => {
    const name = `landflow_template_${process.pid}_${randomBytes(3).toString('hex')}`;
    await admin((c) =>
      c.query(`CREATE DATABASE ${name} TEMPLATE template0 STRATEGY FILE_COPY ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`),
    );
    const url = new URL(pgClusterUrl());
    url.pathname = '/' + name;
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      await migratePg(c);
    } finally {
      await c.end();
    }
    return name;
  })();
  return migratedTemplate;
}

/**
 * Creates a database and returns its URL: empty (from template0, so nothing in template1 leaks in),
 * or with `migrated` already at the latest schema, as a store's first start leaves it before it
 * claims the audit key. FILE_COPY: a few files copied beats WAL-logging them.
 */
export async function pgTestDatabase(opts: { migrated?: boolean } = {}): Promise<PgTestDatabase> {
  const name = `landflow_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  const template = opts.migrated ? await migrated() : 'template0';
  await admin((c) =>
    c.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`),
  );
  const url = new URL(pgClusterUrl());
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs SQL on a test database outside the store (to tamper with it, or to look at it). */
export async function pgQuery<R extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}
