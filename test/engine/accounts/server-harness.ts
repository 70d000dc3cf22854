// A real `landflow serve` in a child process on loopback, for the load bench and the crash test:
// users made in its database beforehand, bearer-token logins, and the neijiang exit flow (open,
// written notice, sign the contract — which takes a contract number) as HTTP calls.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../../engine/store/index.ts';
import { createUser } from '../../../engine/accounts/users.ts';
import { OpenApiChecker } from '../server/openapi-check.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PASSWORD = 'load test password';
export const EXAMPLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/household-qinzhou.json'), 'utf8'));

export interface Clerk {
  name: string;
  town: string;
}

/** `clerks` clerks spread over `towns` towns (镇1, 镇2, …), plus an admin. */
export async function prepareDb(file: string, clerks: number, towns: number): Promise<Clerk[]> {
  const store = await openStore(file);
  const list: Clerk[] = [];
  try {
    const us = store.users;
    const at = '2026-01-01T00:00:00.000Z';
    // A cheap scrypt cost: logins are not what is measured.
    await createUser(us, { name: 'admin', role: 'admin', password: PASSWORD }, at, { N: 1024 });
    for (let i = 0; i < clerks; i++) {
      const c = { name: `clerk${i + 1}`, town: `负载测试${(i % towns) + 1}镇` };
      await createUser(us, { name: c.name, role: 'clerk', town: c.town, password: PASSWORD }, at, { N: 1024 });
      list.push(c);
    }
  } finally {
    await store.close();
  }
  return list;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  base: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait. */
  stop: () => Promise<void>;
  /** SIGKILL (kill -9) and wait. */
  kill9: () => Promise<void>;
}

/** Starts `node bin/landflow.js serve` with PORT and LANDFLOW_DB; resolves once /api/policies answers. */
export async function startServer(
  db: string,
  opts: { port?: number; env?: Record<string, string>; timeoutMs?: number; argv?: string[] } = {},
): Promise<Server> {
  const port = opts.port ?? (await freePort());
  // LANDFLOW_TEST_SERVE: another entry point (e.g. `--import tsx some-serve.ts`) for trying the harness itself.
  const argv =
    opts.argv ??
    (process.env.LANDFLOW_TEST_SERVE
      ? process.env.LANDFLOW_TEST_SERVE.split(' ')
      : [path.join(ROOT, 'bin/landflow.js'), 'serve', '--no-ui-build']);
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LANDFLOW_DB: db, HOST: '127.0.0.1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`landflow serve exited (${child.exitCode ?? child.signalCode}):\n${out}`);
    try {
      const r = await fetch(`${base}/api/policies`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`landflow serve did not answer within ${opts.timeoutMs ?? 60_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stopWith = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { base, child, output: () => out, stop: () => stopWith('SIGTERM'), kill9: () => stopWith('SIGKILL') };
}

export async function loginBearer(base: string, name: string, password = PASSWORD): Promise<string> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, bearer: true }),
  });
  if (r.status !== 200) throw new Error(`login ${name}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

/** The example household, moved to `town`, as a neijiang exit (whose contract comes right after the notice). */
export function exitCase(town: string, n: number) {
  const c = structuredClone(EXAMPLE);
  c.household.collective.town = town;
  c.household.head.name = `负载${n}`;
  c.household.members[0].name = `负载${n}`;
  c.exit.noticeDate = '2026-01-15';
  return { policy: 'neijiang', procedure: 'exit', case: c };
}

export const NOTICE = { type: 'receiveWrittenNotice', payload: { date: '2026-01-15' } };
export const SIGN = { type: 'signContract', payload: { date: '2026-03-02', paymentDue: '2026-04-01' } };

export interface Ack {
  caseId: string;
  key: string;
  type: 'open' | 'receiveWrittenNotice' | 'signContract';
  /** The case version the acknowledged response reported. */
  version: number;
  /** The expectedVersion the command was sent with (commands only). */
  sentVersion?: number;
  town: string;
  contract?: { number: string; seq: number };
}

export interface FlowStats {
  acks: Ack[];
  reads: number;
  /** Responses that were neither 2xx nor a dropped connection: each one is a failure. */
  errors: string[];
}

const checkers = new Map<string, Promise<OpenApiChecker>>();

/** The server's own OpenAPI document, fetched once per server. */
function checkerFor(base: string): Promise<OpenApiChecker> {
  let c = checkers.get(base);
  if (!c) {
    c = fetch(`${base}/api/openapi.json`).then(async (r) => new OpenApiChecker(await r.json()));
    // A server killed before it answered: ask the next one again.
    c.catch(() => checkers.delete(base));
    checkers.set(base, c);
  }
  return c;
}

/** Throws when a response is not one its route declares in the server's OpenAPI document. */
async function checkResponse(base: string, method: string, url: string, status: number, type: string, text: string): Promise<void> {
  const checker = await checkerFor(base);
  const template = checker.templateOf(new URL(url, base).pathname);
  const problem = template ? checker.problem(method, template, status, type, text) : checker.errorProblem(status, type, text);
  if (problem) throw new Error(`response not declared by the OpenAPI document: ${problem}`);
}

async function call(
  base: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  key?: string,
): Promise<{ status: number; json: any; headers: Headers }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key) headers['idempotency-key'] = key;
  const r = await fetch(base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  await checkResponse(base, method, url, r.status, r.headers.get('content-type') ?? '', text);
  let json: any = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: r.status, json, headers: r.headers };
}

/**
 * One clerk's loop until `stop()`: open a case, record the written notice, sign the contract, read
 * the case back. Every 2xx is an acknowledgement; a refused connection (the server was killed)
 * ends the loop; any other status is an error.
 */
export async function clerkFlow(
  base: string,
  token: string,
  clerk: Clerk,
  tag: string,
  stats: FlowStats,
  stop: () => boolean,
): Promise<void> {
  for (let n = 1; !stop(); n++) {
    const k = `${tag}-${clerk.name}-${n}`;
    try {
      const open = await call(base, token, 'POST', '/api/cases', exitCase(clerk.town, n), `${k}-open`);
      if (open.status !== 201) return void stats.errors.push(`open ${open.status} ${JSON.stringify(open.json).slice(0, 300)}`);
      const id = open.json.id as string;
      stats.acks.push({ caseId: id, key: `${k}-open`, type: 'open', version: open.json.version, town: clerk.town });
      let version = open.json.version as number;
      for (const cmd of [NOTICE, SIGN]) {
        if (stop()) return;
        const key = `${k}-${cmd.type}`;
        const sentVersion = version;
        const r = await call(base, token, 'POST', `/api/cases/${id}/commands`, { ...cmd, expectedVersion: sentVersion }, key);
        if (r.status !== 200) return void stats.errors.push(`${cmd.type} ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
        version = r.json.case.version;
        const c = r.json.case.state.contract;
        stats.acks.push({
          caseId: id,
          key,
          type: cmd.type as Ack['type'],
          version,
          sentVersion,
          town: clerk.town,
          ...(cmd === SIGN ? { contract: { number: c.number, seq: c.seq } } : {}),
        });
      }
      const read = await call(base, token, 'GET', `/api/cases/${id}`);
      if (read.status !== 200) return void stats.errors.push(`read ${read.status}`);
      stats.reads++;
    } catch (e) {
      // The server went away (kill -9): what was acknowledged before is what must survive.
      if (stop()) return;
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return;
      stats.errors.push(`fetch: ${(e as Error).message} ${code ?? ''}`);
      return;
    }
  }
}

export { call };
