// Bench: a light read while the heavy pools are full. The real app on loopback answers
// GET /api/policies under autocannon twice: once idle (the reference) and once while three
// 10^6-household simulations fill the simulation worker pool and its queue and a batch of PDF
// renders fills the page pool. Goal: the loaded p99 stays under 200 ms (issue 12), reported next
// to the idle p99 of the same run.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../engine/cases/clock.ts';
import { PolicyRegistry } from '../../engine/cases/policies.ts';
import { buildApp } from '../../engine/server/app.ts';
import { openStore } from '../../engine/store/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 4;
const GOAL_MS = 200;
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const POLICIES = ['qinzhou', 'liangping', 'pingluo', 'neijiang', 'leling', 'model-scheme'];
const PDF_REQUESTS = 12;

type Autocannon = (
  opts: Record<string, unknown>,
) => Promise<{ requests: { average: number; total: number }; latency: { p99: number }; non2xx: number; errors: number }>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function measure(url: string): Promise<{ rps: number; p99: number; bad: number }> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1 });
  return { rps: r.requests.average, p99: r.latency.p99, bad: r.non2xx + r.errors };
}

export const suite = {
  name: `pools (GET /api/policies, ${CONNECTIONS} connections × ${SECONDS} s, idle vs heavy pools full)`,
  async run(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-bench-pools-'));
    const store = await openStore(path.join(dir, 'bench.db'));
    const app = await buildApp({
      store,
      policies: PolicyRegistry.fromDir(path.join(REPO, 'policies')),
      clock: fixedClock('2026-01-15T09:00:00+08:00'),
      uiDir: null,
      auth: async (a) => {
        a.decorateRequest('user', null);
        a.addHook('onRequest', async (req) => {
          req.user = { name: 'bench', role: 'admin', town: null, region: null };
        });
      },
      requestLimits: false,
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const base = `http://127.0.0.1:${port}`;
      const light = `${base}/api/policies`;
      const policies = POLICIES.filter((id) => fs.existsSync(path.join(REPO, 'policies', `${id}.yaml`)));
      const kase = JSON.parse(fs.readFileSync(path.join(REPO, 'examples/household-qinzhou.json'), 'utf8'));
      const opened = await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ policy: 'qinzhou', procedure: 'exit', case: kase }),
      });
      if (!opened.ok) throw new Error(`POST /api/cases → ${opened.status} ${await opened.text()}`);
      const caseId = ((await opened.json()) as { id: string }).id;
      const docs = (await (await fetch(`${base}/api/cases/${caseId}/documents`)).json()) as { form: string; available: boolean }[];
      const form = (docs.find((d) => d.available) ?? docs[0])?.form;
      if (!form) throw new Error('the bench case has no printable form');

      await measure(light); // warm
      const idle = await measure(light);

      // Fill the pools: simulations beyond the worker count (the rest wait in the queue), and
      // documents rendered to PDF (the page pool and its queue).
      const heavy = new AbortController();
      let rejected = 0;
      const load = (url: string, init: RequestInit) =>
        fetch(url, { ...init, signal: heavy.signal })
          .then(async (r) => {
            if (r.status === 503) rejected++;
            await r.arrayBuffer();
          })
          .catch(() => undefined);
      const jobs: Promise<void>[] = [1, 2, 3].map((seed) =>
        load(`${base}/api/simulate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ population: 'qinzhou-county', policies, n: 1_000_000, seed }),
        }),
      );
      const pdfUrl = `${base}/api/cases/${caseId}/documents/${encodeURIComponent(form)}?format=pdf`;
      for (let i = 0; i < PDF_REQUESTS; i++) jobs.push(load(pdfUrl, {}));
      await new Promise((r) => setTimeout(r, 500));
      const loaded = await measure(light);
      heavy.abort();
      await Promise.all(jobs);

      console.log(`idle          p99 ${idle.p99} ms  ${idle.rps.toFixed(0)} req/s`);
      console.log(
        `pools full    p99 ${loaded.p99} ms  ${loaded.rps.toFixed(0)} req/s  (${loaded.bad} non-2xx/errors; ${rejected} heavy requests refused 503)`,
      );
      console.log(`p99 ratio loaded/idle ${(loaded.p99 / Math.max(idle.p99, 1)).toFixed(2)}`);
      console.log(`loaded p99 ${loaded.p99} ms (goal < ${GOAL_MS} ms) ${loaded.p99 < GOAL_MS && loaded.bad === 0 ? 'ok' : 'BELOW GOAL'}`);
    } finally {
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
