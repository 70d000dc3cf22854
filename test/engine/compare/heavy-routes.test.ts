// Heavy work off the answering thread (#12): the worker pool's queue cap, time limit and cancel;
// the compare routes' 503 when the queue is full, server-sent progress with the same result as a
// plain request, a job stopped when its client disconnects, the callers' size limits, and the API
// answering a light read quickly while the largest simulations run.
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { basename, dirname } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../engine/accounts/authorize.ts';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { JobCancelledError, JobError, PoolBusyError, PoolTimeoutError, WorkerPool } from '../../../engine/compare/population/pool.ts';
import type { PopulationRequest, WorkerJob } from '../../../engine/compare/population/worker.ts';
import { registerCompareRoutes, type ComparePolicySource } from '../../../engine/compare/routes.ts';
import { buildApp } from '../../../engine/server/app.ts';
import { addResponseComponents } from '../../../engine/server/responses.ts';
import { openStore } from '../../../engine/store/index.ts';
import { policies as policyRegistry } from '../run/fixtures.ts';
import { expectErrorShape, fixedUserAuth } from '../server/helpers.ts';
import { county, entries, POLICY_IDS } from './helpers.ts';

const list = entries(...POLICY_IDS);
const spec = county();
const request = (n: number, extra: Partial<PopulationRequest> = {}): WorkerJob => ({
  type: 'population',
  request: {
    spec: { source: spec.source, file: spec.file },
    policies: list.map((e) => e.policy),
    n,
    seed: 1,
    sweep: null,
    output: 'result',
    ...extra,
  },
});

const source: ComparePolicySource = {
  list: () => list.map((e) => ({ id: e.id })),
  current: (id) => {
    const e = list.find((x) => x.id === id);
    return e
      ? { id: e.id, source: e.source, fileName: basename(e.file), dir: dirname(e.file), policy: e.policy, compiled: e.compiled }
      : undefined;
  },
};

/** A compare-only app with its own pool; `user` acts on every request (none: anonymous). */
function compareApp(pool: WorkerPool, user?: Principal): FastifyInstance {
  const app = Fastify();
  addResponseComponents(app);
  app.decorateRequest('user', null);
  if (user) app.addHook('onRequest', async (req) => void (req.user = user));
  registerCompareRoutes(app, { policies: source, calendar: bundledCalendar(), pool });
  return app;
}

const RESEARCHER: Principal = { name: 'r', role: 'researcher', town: null, region: null };

async function until(what: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Server-sent events of a body: [event, data] in order. */
const events = (body: string): [string, any][] =>
  body
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const ev = /^event: (.*)$/m.exec(block)![1]!;
      return [ev, JSON.parse(/^data: (.*)$/m.exec(block)![1]!)];
    });

describe('the worker pool', () => {
  const pool = new WorkerPool({ size: 1, maxQueue: 1 });
  afterAll(() => pool.close());

  it('refuses a job beyond its queue, cancels queued and running jobs, and runs the next job on a fresh thread', async () => {
    const a = new AbortController();
    const b = new AbortController();
    const running = pool.run(request(1_000_000), { signal: a.signal });
    const queued = pool.run(request(1_000_000), { signal: b.signal });
    await expect(pool.run(request(10))).rejects.toBeInstanceOf(PoolBusyError);
    expect(pool.load).toEqual({ running: 1, queued: 1 });
    b.abort();
    await expect(queued).rejects.toBeInstanceOf(JobCancelledError);
    a.abort();
    await expect(running).rejects.toBeInstanceOf(JobCancelledError);
    expect(pool.load).toEqual({ running: 0, queued: 0 });
    const small = await pool.run<{ population: { n: number } }>(request(50));
    expect(small.population.n).toBe(50);
  }, 120_000);

  it('stops a job at its time limit', async () => {
    await expect(pool.run(request(1_000_000), { timeoutMs: 300 })).rejects.toBeInstanceOf(PoolTimeoutError);
    expect((await pool.run<{ population: { n: number } }>(request(20))).population.n).toBe(20);
  }, 120_000);

  it('reports an error inside the job by its class name', async () => {
    const e = await pool.run(request(20, { sweep: 'param:compensationYears=1:2:0' })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JobError);
    expect((e as JobError).errorName).toBe('SweepError');
  }, 120_000);
});

describe('the compare routes under load', () => {
  it('answer 503 BUSY with the error shape when the queue is full', async () => {
    const pool = new WorkerPool({ size: 1, maxQueue: 0 });
    const app = compareApp(pool, RESEARCHER);
    try {
      const first = app.inject({
        method: 'POST',
        url: '/api/simulate',
        payload: { population: 'qinzhou-county', policies: ['qinzhou'], n: 1_000_000 },
      });
      await until(() => pool.load.running === 1, 30_000);
      const busy = await app.inject({
        method: 'POST',
        url: '/api/simulate',
        payload: { population: 'qinzhou-county', policies: ['qinzhou'], n: 999 },
      });
      expect(busy.statusCode).toBe(503);
      expectErrorShape(busy.json());
      expect(busy.json().error.code).toBe('BUSY');
      const chart = await app.inject({
        method: 'GET',
        url: '/api/charts/distribution.svg?population=qinzhou-county&policies=qinzhou&n=999',
      });
      expect(chart.statusCode).toBe(503);
      const streamed = await app.inject({
        method: 'POST',
        url: '/api/simulate',
        headers: { accept: 'text/event-stream' },
        payload: { population: 'qinzhou-county', policies: ['qinzhou'], n: 998 },
      });
      expect(streamed.statusCode).toBe(503);
      await pool.close();
      await first.catch(() => undefined);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('stream progress events then the same result as a plain request', async () => {
    const payload = { population: 'qinzhou-county', policies: ['qinzhou', 'neijiang', 'liangping'], n: 30_000, seed: 4 };
    const plainPool = new WorkerPool({ size: 1 });
    const streamPool = new WorkerPool({ size: 1 });
    const plain = compareApp(plainPool, RESEARCHER);
    const streaming = compareApp(streamPool, RESEARCHER);
    try {
      const a = await plain.inject({ method: 'POST', url: '/api/simulate', payload });
      const b = await streaming.inject({ method: 'POST', url: '/api/simulate', headers: { accept: 'text/event-stream' }, payload });
      expect(b.statusCode).toBe(200);
      expect(b.headers['content-type']).toContain('text/event-stream');
      const evs = events(b.body);
      expect(evs.at(-1)![0]).toBe('result');
      expect(evs.slice(0, -1).every(([e]) => e === 'progress')).toBe(true);
      expect(evs.length).toBeGreaterThan(1);
      const last = evs.at(-2)![1];
      expect(last).toEqual({ done: 30_000, total: 30_000 });
      expect(evs.at(-1)![1]).toEqual(a.json());
    } finally {
      await plain.close();
      await streaming.close();
      await plainPool.close();
      await streamPool.close();
    }
  }, 180_000);

  it('stop the job and free its thread when the client disconnects', async () => {
    const pool = new WorkerPool({ size: 1 });
    const app = compareApp(pool, RESEARCHER);
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      const body = JSON.stringify({ population: 'qinzhou-county', policies: ['qinzhou'], n: 1_000_000 });
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/simulate',
            headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          },
          (res) => {
            res.once('data', () => {
              // The first progress event: the job is running. Hang up.
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', () => undefined);
        req.setTimeout(60_000, () => reject(new Error('no progress event')));
        req.end(body);
      });
      await until(() => pool.load.running === 0, 10_000);
      const next = await app.inject({
        method: 'POST',
        url: '/api/simulate',
        payload: { population: 'qinzhou-county', policies: ['qinzhou'], n: 100 },
      });
      expect(next.statusCode).toBe(200);
    } finally {
      await app.close();
      await pool.close();
    }
  }, 180_000);

  it('limit anonymous callers to 20 000 households and let researchers ask for 10^6', async () => {
    const pool = new WorkerPool({ size: 1 });
    const anonymous = compareApp(pool);
    const researcher = compareApp(pool, RESEARCHER);
    try {
      // The form learns the limit from the list of populations.
      const most = async (app: typeof anonymous) =>
        ((await app.inject({ method: 'GET', url: '/api/populations' })).json() as { maxHouseholds: number }[]).map((p) => p.maxHouseholds);
      expect(new Set(await most(anonymous))).toEqual(new Set([20_000]));
      expect(new Set(await most(researcher))).toEqual(new Set([1_000_000]));
      const refused = await anonymous.inject({
        method: 'POST',
        url: '/api/simulate',
        payload: { population: 'qinzhou-county', policies: ['qinzhou'], n: 20_001 },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'BAD_REQUEST', path: '/n' });
      expect(refused.json().error.message).toContain('20000');
      const ok = await anonymous.inject({
        method: 'POST',
        url: '/api/simulate',
        payload: { population: 'qinzhou-county', policies: ['qinzhou'], n: 20_000 },
      });
      expect(ok.statusCode).toBe(200);
      const tooMany = await researcher.inject({
        method: 'POST',
        url: '/api/simulate',
        payload: { population: 'qinzhou-county', policies: ['qinzhou'], n: 1_000_001 },
      });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error.message).toContain('1000000');
    } finally {
      await anonymous.close();
      await researcher.close();
      await pool.close();
    }
  }, 120_000);

  it('keep a light read (GET /api/policies) under 200 ms at p99 while several 10^6-household simulations run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-load-'));
    const store = await openStore(path.join(dir, 'landflow.db'));
    const app = await buildApp({
      store,
      policies: policyRegistry(),
      clock: fixedClock('2026-01-15T09:00:00+08:00'),
      uiDir: null,
      auth: fixedUserAuth(RESEARCHER),
      requestLimits: false,
    });
    try {
      const sims = [1, 2, 3].map((seed) =>
        app
          .inject({
            method: 'POST',
            url: '/api/simulate',
            payload: { population: 'qinzhou-county', policies: POLICY_IDS, n: 1_000_000, seed },
          })
          .catch(() => undefined),
      );
      // Let the first jobs start, then read while they run.
      await new Promise((r) => setTimeout(r, 500));
      const times: number[] = [];
      let running = true;
      void Promise.all(sims).then(() => (running = false));
      while (times.length < 150 && (running || times.length < 30)) {
        const t0 = performance.now();
        const r = await app.inject({ method: 'GET', url: '/api/policies' });
        times.push(performance.now() - t0);
        expect(r.statusCode).toBe(200);
        await new Promise((res) => setTimeout(res, 20));
      }
      times.sort((a, b) => a - b);
      const p99 = times[Math.ceil(times.length * 0.99) - 1]!;
      expect(running, 'the simulations were still running while the reads were measured').toBe(true);
      expect(p99).toBeLessThan(200);
    } finally {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
