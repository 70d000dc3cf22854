// A feed's URL is its credential: the request log (engine/server/app.ts) keeps the path with the
// token redacted, and the answer that makes the token is never cached.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAuth } from '../../../engine/accounts/plugin.ts';
import { buildApp, type App } from '../../../engine/server/app.ts';
import type { Store } from '../../../engine/store/index.ts';
import { bundledPolicies } from '../accounts/apps.ts';
import { FAST_HASH, freshStore, login, manualClock, seedUsers, tempDir } from '../accounts/helpers.ts';

let dir: string;
let store: Store;
let app: App;
const lines: string[] = [];

beforeAll(async () => {
  dir = tempDir();
  store = await freshStore(dir);
  await seedUsers(store);
  const clock = manualClock('2026-03-02T02:00:00.000Z').now;
  app = await buildApp({
    store,
    policies: bundledPolicies(),
    clock: { now: clock },
    uiDir: null,
    requestLimits: false,
    logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } },
    auth: (a) => registerAuth(a, { store, clock, rateLimit: false, hashOptions: FAST_HASH }),
  });
});
afterAll(async () => {
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('feed tokens in the logs', () => {
  it('a feed request is logged as /api/feeds/[redacted].ics; the token appears in no log line', async () => {
    const a = await login(app, 'clerk-a');
    const made = await app.inject({ method: 'POST', url: '/api/users/me/feed-token', headers: a.headers });
    expect(made.statusCode).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    const token = made.json().token as string;
    expect((await app.inject({ method: 'GET', url: `/api/feeds/${token}.ics?x=1` })).statusCode).toBe(200);
    const logged = lines.filter((l) => l.includes('/api/feeds/'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((l) => l.includes('/api/feeds/[redacted].ics'))).toBe(true);
    expect(lines.some((l) => l.includes(token))).toBe(false);
  });
});
