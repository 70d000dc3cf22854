// Bench: a bounded concurrent load on a real `landflow serve` over loopback (autocannon, fixed
// time). Each connection plays a clerk: open a case, record the written notice, sign the contract
// (a contract number), read the case, the policies, the case list and the task list — 3 durable
// commands and 5 reads per round, every request through sessions, permissions and masking.
// Reference, same server, same process: GET /api/session (the lightest route through the same
// hooks). Reports throughput, p99 latency and error responses; the goal is zero errors, and the
// store must still verify afterwards. On Linux it also reports the server process's CPU time per
// request in each phase (/proc/<pid>/stat): on a machine shared with other work the throughputs
// move with the others' load, the CPU a request costs much less. It leaves out the time a commit
// waits for the disk (fsync), which the throughput counts.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../engine/store/index.ts';
import { NOTICE, SIGN, exitCase, loginBearer, prepareDb, startServer, type Clerk } from '../engine/accounts/server-harness.ts';

const DURATION_S = Number(process.env.LOAD_SECONDS ?? 5);
const CONNECTIONS = 8;
// At most 10: the server allows 10 logins a minute from one address; 10 clerks also keep each
// clerk well inside the per-user write burst (300) over a 5 s run.
const CLERKS = 10;
const TOWNS = 4;

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
export interface Result {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Ctx = Record<string, unknown>;
interface Req {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface RequestSpec {
  method: string;
  path: string;
  setupRequest?: (req: Req, ctx: Ctx) => Req;
  onResponse?: (status: number, body: string, ctx: Ctx) => void;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests?: RequestSpec[];
  headers?: Record<string, string>;
}) => Promise<Result>;

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export function mixedRequests(clerks: Clerk[], tokens: string[]): RequestSpec[] {
  let next = 0;
  let key = 0;
  const auth = (ctx: Ctx) => ({ authorization: `Bearer ${ctx.token as string}`, 'content-type': 'application/json' });
  const command = (cmd: { type: string; payload: object }): RequestSpec => ({
    method: 'POST',
    path: '/',
    setupRequest: (req, ctx) => ({
      ...req,
      path: `/api/cases/${ctx.id as string}/commands`,
      headers: { ...auth(ctx), 'idempotency-key': `load-${process.pid}-${++key}` },
      body: JSON.stringify({ ...cmd, expectedVersion: ctx.version }),
    }),
    onResponse: (status, body, ctx) => {
      if (status === 200) ctx.version = (JSON.parse(body) as { case: { version: number } }).case.version;
    },
  });
  const read = (p: (ctx: Ctx) => string): RequestSpec => ({
    method: 'GET',
    path: '/',
    setupRequest: (req, ctx) => ({ ...req, path: p(ctx), headers: auth(ctx) }),
  });
  return [
    {
      method: 'POST',
      path: '/api/cases',
      setupRequest: (req, ctx) => {
        const i = next++ % clerks.length;
        ctx.token = tokens[i];
        return {
          ...req,
          headers: { ...auth(ctx), 'idempotency-key': `load-${process.pid}-${++key}` },
          body: JSON.stringify(exitCase(clerks[i]!.town, key)),
        };
      },
      onResponse: (status, body, ctx) => {
        if (status === 201) {
          const c = JSON.parse(body) as { id: string; version: number };
          ctx.id = c.id;
          ctx.version = c.version;
        }
      },
    },
    command(NOTICE),
    command(SIGN),
    read((ctx) => `/api/cases/${ctx.id as string}`),
    read(() => '/api/policies'),
    read(() => '/api/cases?limit=20'),
    read(() => '/api/tasks'),
    read(() => '/api/policies/neijiang'),
  ];
}

/** The CPU time (user + system, ms) process `pid` has used, or undefined where /proc cannot tell. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ, 100 on Linux
  } catch {
    return undefined;
  }
}

/** Runs one phase of the load, with the server's CPU time per request when it can be read. */
async function phase(pid: number | undefined, opts: Parameters<Autocannon>[0]): Promise<Result & { cpuPerRequest?: number }> {
  const before = cpuMs(pid);
  const r = await autocannon(opts);
  const after = cpuMs(pid);
  return before === undefined || after === undefined ? r : { ...r, cpuPerRequest: (after - before) / r.requests.total };
}

function line(label: string, r: Result): string {
  const errs = r.errors + r.non2xx;
  return `${label.padEnd(44)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  errors ${errs}`;
}

export const suite = {
  name: `load (autocannon, ${CONNECTIONS} connections × ${DURATION_S} s on loopback, real landflow serve)`,
  async run(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-bench-load-'));
    const db = path.join(dir, 'load.db');
    try {
      const clerks = await prepareDb(db, CLERKS, TOWNS);
      const server = await startServer(db);
      let mixed: Result & { cpuPerRequest?: number };
      let reference: Result & { cpuPerRequest?: number };
      try {
        const tokens = await Promise.all(clerks.map((c) => loginBearer(server.base, c.name)));
        reference = await phase(server.child.pid, {
          url: server.base,
          connections: CONNECTIONS,
          duration: DURATION_S,
          requests: [
            { method: 'GET', path: '/api/session', setupRequest: (r) => ({ ...r, headers: { authorization: `Bearer ${tokens[0]}` } }) },
          ],
        });
        mixed = await phase(server.child.pid, {
          url: server.base,
          connections: CONNECTIONS,
          duration: DURATION_S,
          requests: mixedRequests(clerks, tokens),
        });
      } finally {
        await server.stop();
      }
      const store = await openStore(db, { readonly: true });
      let verified: boolean;
      let cases: number;
      let numbers: number;
      try {
        const v = await store.verifyAll();
        verified = v.ok;
        cases = v.cases;
        numbers = v.contractNumbers;
      } finally {
        await store.close();
      }
      console.log(line('reference: GET /api/session (auth hooks only)', reference));
      console.log(line('mixed: 3 commands + 5 reads per round', mixed));
      console.log(`ratio mixed/reference throughput ${(mixed.requests.average / reference.requests.average).toFixed(2)}`);
      if (mixed.cpuPerRequest !== undefined && reference.cpuPerRequest !== undefined) {
        console.log(
          `server CPU per request: reference ${reference.cpuPerRequest.toFixed(2)} ms, mixed ${mixed.cpuPerRequest.toFixed(2)} ms; ` +
            `ratio reference/mixed ${(reference.cpuPerRequest / mixed.cpuPerRequest).toFixed(2)}`,
        );
      }
      console.log(`durable: ${cases} cases opened, ${numbers} contract numbers taken; audit ${verified ? 'ok' : 'FAILED'}`);
      const errors = mixed.errors + mixed.non2xx + reference.errors + reference.non2xx;
      const codes = Object.entries(mixed.statusCodeStats)
        .map(([k, v]) => `${k}×${v.count}`)
        .join(' ');
      console.log(`statuses: ${codes}; error responses: ${errors} (goal 0) ${errors === 0 && verified ? 'ok' : 'BELOW GOAL'}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
