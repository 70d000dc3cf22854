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
  /**
   * The database's size in bytes as its engine counts it, by table with its indexes (SQLite: the
   * pages in use, the schema's own under sqlite_schema; PostgreSQL: each table's relations with TOAST,
   * packed by VACUUM FULL).
   */
  tables(): Promise<Map<string, number>>;
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
      async tables() {
        const Database = (await import('better-sqlite3')).default;
        const d = new Database(file, { readonly: true });
        try {
          // dbstat names each b-tree; an index's table is its tbl_name (the schema's own pages under sqlite_schema).
          const rows = d
            .prepare(
              `SELECT coalesce(s.tbl_name, d.name) AS t, sum(d.pgsize - d.unused) AS n FROM dbstat d
                 LEFT JOIN sqlite_schema s ON s.name = d.name GROUP BY t`,
            )
            .all() as { t: string; n: number }[];
          return new Map(rows.map((r) => [r.t, r.n]));
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
      tables: () =>
        admin(url, async (c) => {
          // Live rows only: an update leaves the row's old version behind until vacuum makes its space
          // reusable, which autovacuum does in a running database; VACUUM FULL packs the tables as they hold now.
          await c.query('VACUUM FULL');
          const r = await c.query(
            "SELECT c.relname AS t, pg_total_relation_size(c.oid)::bigint AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'",
          );
          return new Map(r.rows.map((row: { t: string; n: string }) => [row.t, Number(row.n)]));
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
