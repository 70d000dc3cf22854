// An app on a fresh test database (a SQLite file, or PostgreSQL in the integration-postgres
// project: test/helpers/test-db.ts) with a settable clock, driven through app.inject().
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Principal } from '../../../engine/accounts/authorize.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { PolicyRegistry } from '../../../engine/cases/policies.ts';
import { buildApp, type App, type AppOptions } from '../../../engine/server/app.ts';
import type { Store } from '../../../engine/store/index.ts';
import { testDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { policies } from '../run/fixtures.ts';
import { checkResponsesAgainstOpenApi } from './openapi-check.ts';

export const TEST_ADMIN: Principal = { name: 'dev', role: 'admin', town: null, region: null };

/**
 * The tests' own identity layer, passed explicitly as `auth` (the server itself has no default
 * user): every request acts as `user`, renamed by an X-Landflow-User header. The accounts layer's
 * rules are tested on their own in test/engine/accounts.
 */
export function fixedUserAuth(user: Principal = TEST_ADMIN): NonNullable<AppOptions['auth']> {
  return async (app: FastifyInstance) => {
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (req) => {
      const h = req.headers['x-landflow-user'];
      req.user = typeof h === 'string' && /^[A-Za-z0-9_.@-]{1,64}$/.test(h) ? { ...user, name: h } : user;
    });
  };
}

export interface TestServer {
  app: App;
  store: Store;
  /** The database the app is on: open another store on it, or start another instance with `db`. */
  db: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  dir: string;
  /** Sets today (China time). */
  today(date: string): void;
  req(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Record<string, unknown>; text: string }>;
  close(): Promise<void>;
}

export async function testServer(
  opts: {
    uiDir?: string | null;
    bodyLimit?: number;
    policyDir?: string;
    /** Another instance's database instead of a new one (then close() leaves it). */ db?: TestDatabase;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-http-'));
  const db = opts.db ?? (await testDatabase(dir));
  const store = await db.open();
  const clock = fixedClock('2026-01-15T09:00:00+08:00');
  const app = await buildApp({
    store,
    policies: opts.policyDir ? PolicyRegistry.fromDir(opts.policyDir) : policies(),
    clock,
    uiDir: opts.uiDir ?? null,
    ...(opts.bodyLimit ? { bodyLimit: opts.bodyLimit } : {}),
    auth: fixedUserAuth(),
    // The clock stands still here, so buckets would never refill; the limits have their own tests.
    requestLimits: false,
  });
  const problems = checkResponsesAgainstOpenApi(app);
  return {
    app,
    store,
    db,
    clock,
    dir,
    today: (date) => clock.set(`${date}T10:00:00+08:00`),
    async req(method, url, body, headers = {}) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        ...(body === undefined
          ? {}
          : typeof body === 'string'
            ? { payload: body, headers: { 'content-type': 'application/json', ...headers } }
            : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
        ...(body === undefined ? { headers } : {}),
      });
      if (problems.length) throw new Error(`response not declared by the OpenAPI document: ${problems.splice(0).join('\n')}`);
      let parsed: unknown = undefined;
      if (String(res.headers['content-type'] ?? '').includes('json')) parsed = JSON.parse(res.body);
      return { status: res.statusCode, body: parsed, headers: res.headers as Record<string, unknown>, text: res.body };
    },
    async close() {
      await app.close();
      await store.close();
      if (!opts.db) await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a command at the case's current version and expects it accepted; returns the case. */
export async function send(s: TestServer, id: string, type: string, payload: Record<string, unknown> = {}, key?: string): Promise<any> {
  const cur = await s.req('GET', `/api/cases/${id}`);
  const res = await s.req('POST', `/api/cases/${id}/commands`, {
    type,
    expectedVersion: cur.body.version,
    payload,
    ...(key ? { idempotencyKey: key } : {}),
  });
  if (res.status !== 200) throw new Error(`${type} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.case;
}

/** Sends a command and expects the given refusal status; returns the error body. */
export async function refused(s: TestServer, id: string, type: string, payload: Record<string, unknown>, status: number): Promise<any> {
  const cur = await s.req('GET', `/api/cases/${id}`);
  const res = await s.req('POST', `/api/cases/${id}/commands`, { type, expectedVersion: cur.body.version, payload });
  expect({ type, status: res.status }).toEqual({ type, status });
  expectErrorShape(res.body);
  return res.body.error;
}

export function expectErrorShape(body: any): void {
  expect(body).toBeTypeOf('object');
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBeTypeOf('string');
  expect(body.error.message).toBeTypeOf('string');
  expect(body.error.message).not.toMatch(/\n\s+at |node:internal|\.ts:\d+:\d+/);
}
