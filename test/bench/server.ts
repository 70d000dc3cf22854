// Bench: case reads over HTTP. GET /api/cases/:id on the real app (Fastify: routing, hooks, a
// SQLite read, JSON out) against a bare node:http server answering the same bytes, both on
// loopback, both measured by autocannon in this process. Goal: ratio ≥ 0.5.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../engine/cases/clock.ts';
import { PolicyRegistry } from '../../engine/cases/policies.ts';
import { buildApp } from '../../engine/server/app.ts';
import { openStore } from '../../engine/store/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

type Autocannon = (
  opts: Record<string, unknown>,
) => Promise<{ requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number }>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function measure(url: string): Promise<{ rps: number; p99: number; bad: number }> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1 });
  return { rps: r.requests.average, p99: r.latency.p99, bad: r.non2xx + r.errors };
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

export const suite = {
  name: `server (GET /api/cases/:id, ${CONNECTIONS} connections × ${SECONDS} s, vs bare node:http with the same bytes)`,
  async run(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-bench-server-'));
    const store = await openStore(path.join(dir, 'bench.db'));
    const clock = fixedClock('2026-01-15T09:00:00+08:00');
    const app = await buildApp({
      store,
      policies: PolicyRegistry.fromDir(path.join(REPO, 'policies')),
      clock,
      uiDir: null,
      // The server has no default user: the bench acts as one admin, with no read limits.
      auth: async (a) => {
        a.decorateRequest('user', null);
        a.addHook('onRequest', async (req) => {
          req.user = { name: 'bench', role: 'admin', town: null, region: null };
        });
      },
      requestLimits: false,
    });
    const bare = http.createServer();
    try {
      // A case part-way through: notice, negotiation, vote, contract (a realistic state size).
      const kase = JSON.parse(fs.readFileSync(path.join(REPO, 'examples/household-qinzhou.json'), 'utf8'));
      kase.exit.payer = 'village';
      const inject = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
        const r = await app.inject({ method, url, ...(body ? { payload: body as object } : {}) });
        if (r.statusCode >= 300) throw new Error(`${url} → ${r.statusCode} ${r.body}`);
        return JSON.parse(r.body);
      };
      let c = await inject('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: kase });
      const id = c.id as string;
      const steps: [string, string, Record<string, unknown>][] = [
        ['2026-01-15', 'receiveWrittenNotice', {}],
        ['2026-07-16', 'recordNegotiation', { agreed: true }],
        ['2026-07-20', 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 }],
        ['2026-07-21', 'signContract', {}],
      ];
      for (const [day, type, payload] of steps) {
        clock.set(`${day}T10:00:00+08:00`);
        c = (await inject('POST', `/api/cases/${id}/commands`, { type, expectedVersion: c.version, payload })).case;
      }

      const port = await listen(app.server);
      await app.ready();
      const url = `http://127.0.0.1:${port}/api/cases/${id}`;
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
      bare.on('request', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
        res.end(bytes);
      });
      const barePort = await listen(bare);

      // Warm both, then measure each twice, interleaved, keeping the better run.
      await measure(`http://127.0.0.1:${barePort}/`);
      await measure(url);
      let ref = { rps: 0, p99: 0, bad: 0 };
      let ours = { rps: 0, p99: 0, bad: 0 };
      for (let i = 0; i < 2; i++) {
        const b = await measure(`http://127.0.0.1:${barePort}/`);
        if (b.rps > ref.rps) ref = b;
        const o = await measure(url);
        if (o.rps > ours.rps) ours = o;
      }
      const ratio = ours.rps / ref.rps;
      console.log(`case body: ${bytes.length} bytes`);
      console.log(`bare node:http  ${ref.rps.toFixed(0)} req/s  p99 ${ref.p99} ms`);
      console.log(`landflow        ${ours.rps.toFixed(0)} req/s  p99 ${ours.p99} ms  (${ours.bad} non-2xx/errors)`);
      console.log(`ratio ${ratio.toFixed(2)} (goal ≥ 0.5) ${ratio >= 0.5 ? 'ok' : 'BELOW GOAL'}`);
    } finally {
      await new Promise((r) => bare.close(r));
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
