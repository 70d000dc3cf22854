// A fresh PostgreSQL database for one test, on the run's throwaway cluster
// (test/helpers/postgres-cluster.ts, started once by vitest.config.ts's globalSetup). Without
// PostgreSQL the call throws the setup's message (which names the apt package): the test fails,
// it is never skipped.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

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

/** Creates an empty database (from template0, so nothing in template1 leaks in; FILE_COPY: a few files copied beats WAL-logging them) and returns its URL. */
export async function pgTestDatabase(): Promise<PgTestDatabase> {
  const name = `landflow_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 STRATEGY FILE_COPY ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
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
