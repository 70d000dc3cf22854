// The store backends the benches measure: a SQLite file in a temporary folder, and a database on a
// throwaway PostgreSQL 15 cluster with PostgreSQL's own durability left on (fsync, synchronous
// commit), started once for the run like the tests' (test/helpers/postgres-cluster.ts).
// BENCH_BACKENDS=sqlite (or postgres) measures one; without PostgreSQL its benches say why and are skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store, type StoreBackend } from '../../engine/store/index.ts';
import { missingPostgres, startPgCluster, type StartedCluster } from '../helpers/postgres-cluster.ts';

export interface BenchDb {
  /** The file or the URL. */
  target: string;
  /** Opens a store on it (the first one creates the schema). */
  open(opts?: { newId?: (at: string) => string }): Promise<Store>;
  /** The database's size in bytes as its engine counts it (SQLite: the pages in use; PostgreSQL: every relation). */
  bytes(): Promise<number>;
  drop(): Promise<void>;
}

export interface BenchBackend {
  name: StoreBackend;
  fresh(): Promise<BenchDb>;
}

let cluster: StartedCluster | undefined;
let made = 0;

const sqlite: BenchBackend = {
  name: 'sqlite',
  async fresh() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-bench-'));
    const file = path.join(dir, 'bench.db');
    return {
      target: file,
      open: (opts = {}) => openStore(file, opts),
      async bytes() {
        const Database = (await import('better-sqlite3')).default;
        const d = new Database(file, { readonly: true });
        try {
          return d.prepare('SELECT sum(pgsize - unused) FROM dbstat').pluck().get() as number;
        } finally {
          d.close();
        }
      },
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

async function admin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

const postgres: BenchBackend = {
  name: 'postgres',
  async fresh() {
    cluster ??= await startPgCluster({ durable: true });
    const name = `bench_${process.pid}_${++made}`;
    await admin(cluster.url, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
    const url = cluster.url.replace(/\/postgres$/, `/${name}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-bench-'));
    const keyFile = path.join(dir, 'landflow.key');
    return {
      target: url,
      open: (opts = {}) => openStore(url, { keyFile, ...opts }),
      bytes: () =>
        admin(url, async (c) => {
          const r = await c.query(
            "SELECT sum(pg_total_relation_size(c.oid))::bigint AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'",
          );
          return Number(r.rows[0].n);
        }),
      async drop() {
        await admin(cluster!.url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** The backends to measure, by BENCH_BACKENDS (default both); PostgreSQL only when it is installed. */
export function benchBackends(): BenchBackend[] {
  const wanted = (process.env.BENCH_BACKENDS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const out: BenchBackend[] = [];
  if (wanted.includes('sqlite')) out.push(sqlite);
  if (wanted.includes('postgres')) {
    const missing = missingPostgres();
    if (missing) console.log(`postgres: skipped — ${missing}`);
    else out.push(postgres);
  }
  return out;
}

/** Stops the cluster, if one was started (call once, at the end of a suite). */
export function stopBenchCluster(): void {
  cluster?.stop();
  cluster = undefined;
}
