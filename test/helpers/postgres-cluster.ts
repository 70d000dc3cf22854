// A throwaway PostgreSQL 15 cluster for the tests, like Chromium for the browser tests: Debian's
// `postgresql` package (installed by .ci/run), initdb'd into a fresh temporary folder owned by the
// `postgres` OS user (the server refuses to run as root), listening on a free port of 127.0.0.1
// with trust authentication, stopped and removed at the end. vitest.config.ts runs it once per test
// run as a globalSetup; each test takes its own database from it (test/helpers/postgres.ts).
// Missing binaries do not skip anything: the setup records why, and every PostgreSQL test fails
// with that message.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's layout; LANDFLOW_PG_BIN points elsewhere (e.g. another major version's bin folder). */
export const PG_BIN = process.env.LANDFLOW_PG_BIN || '/usr/lib/postgresql/15/bin';

/** What the tests get from the setup: the cluster's admin URL, or why there is none. */
export type PgCluster = { url: string; dir: string } | { error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PgCluster;
  }
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres OS user when we are root. */
function pg(bin: string, args: string[]): string {
  const exe = path.join(PG_BIN, bin);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Why no cluster can be started here, or undefined when it can. */
export function missingPostgres(): string | undefined {
  for (const bin of ['initdb', 'pg_ctl', 'postgres']) {
    if (!fs.existsSync(path.join(PG_BIN, bin))) {
      return (
        `PostgreSQL 15 不在 ${PG_BIN}（缺少 ${bin}）：请安装 Debian 软件包 postgresql（apt-get install -y postgresql；.ci/run 会安装） ` +
        `PostgreSQL 15 is not in ${PG_BIN} (no ${bin}): install Debian's package postgresql (apt-get install -y postgresql; .ci/run installs it)`
      );
    }
  }
  if (isRoot()) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return "no postgres OS user to run the server as (Debian's package postgresql creates it): apt-get install -y postgresql";
    }
  }
  return undefined;
}

export interface StartedCluster {
  /** Admin connection (superuser postgres, database postgres). */
  url: string;
  port: number;
  dir: string;
  stop(): void;
}

/**
 * initdb + pg_ctl start; the cluster lives in a fresh temporary folder until stop(). `durable`
 * keeps PostgreSQL's own fsync and synchronous commit (the benches measure durable commands).
 */
export async function startPgCluster(opts: { durable?: boolean } = {}): Promise<StartedCluster> {
  const missing = missingPostgres();
  if (missing) throw new Error(missing);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot()) execFileSync('chown', ['postgres:postgres', dir]);
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone (e.g. killed with the test run): the folder goes all the same.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // C locale: text sorts by byte, as in SQLite, whatever this machine's locale is.
    pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    // Durability settings off: the tests never crash the server itself, only landflow processes.
    const options = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories=${dir}`,
      ...(opts.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
      '-c max_connections=300',
    ].join(' ');
    pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    started = true;
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
  } catch (e) {
    const log = path.join(dir, 'server.log');
    const tail = fs.existsSync(log) ? '\n' + fs.readFileSync(log, 'utf8').slice(-2000) : '';
    stop();
    throw new Error(`无法启动 PostgreSQL 测试集群 cannot start the PostgreSQL test cluster: ${(e as Error).message}${tail}`);
  }
}

/** vitest globalSetup: one cluster for the whole run, provided to the tests as `postgres`. */
export default async function setup({ provide }: { provide: (key: 'postgres', value: PgCluster) => void }): Promise<() => void> {
  let cluster: StartedCluster | undefined;
  try {
    cluster = await startPgCluster();
    provide('postgres', { url: cluster.url, dir: cluster.dir });
  } catch (e) {
    provide('postgres', { error: (e as Error).message });
  }
  // A run stopped by a signal skips the teardown: the server must not outlive it.
  const onExit = () => cluster?.stop();
  process.once('exit', onExit);
  return () => {
    process.off('exit', onExit);
    cluster?.stop();
  };
}
