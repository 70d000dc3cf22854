// Rate limits over several instances (engine/accounts/rate-limit.ts SharedRateLimiter): two apps
// on one database, on both backends, give a caller one limit between them, not one each — the
// anonymous read burst, the login attempts of an address — and refill by time for both. Each
// instance leases tokens in batches, so the database is written once per batch, not per request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_LIMITS } from '../../../engine/accounts/limits.ts';
import { registerAuth } from '../../../engine/accounts/plugin.ts';
import { buildApp, type App } from '../../../engine/server/app.ts';
import type { Store } from '../../../engine/store/index.ts';
import { bundledPolicies } from '../accounts/apps.ts';
import { FAST_HASH, manualClock, seedUsers } from '../accounts/helpers.ts';
import { BACKENDS, type TestDb } from '../store/backends.ts';

describe.each(BACKENDS)('$name: two instances on one database', (backend) => {
  let db: TestDb;
  let apps: App[];
  const clock = manualClock();

  async function instance(store: Store): Promise<App> {
    const policies = bundledPolicies();
    const app = await buildApp({
      store,
      policies,
      clock,
      uiDir: null,
      auth: (a) =>
        registerAuth(a, {
          store,
          clock: clock.now,
          rateLimit: {},
          hashOptions: FAST_HASH,
          policyRegion: (id) => policies.get(id)?.meta?.region,
        }),
    });
    await app.ready();
    return app;
  }

  beforeEach(async () => {
    db = await backend.open();
    await seedUsers(db.store);
    apps = [await instance(db.store), await instance(await db.another())];
  });
  afterEach(async () => {
    for (const a of apps) await a.close();
    await db.cleanup();
  });

  it('share one anonymous read burst per address: what one instance serves the other cannot, and time refills both', async () => {
    const get = (n: number, ip = '203.0.113.7') => apps[n % 2]!.inject({ method: 'GET', url: '/api/policies', remoteAddress: ip });
    let served = 0;
    for (let i = 0; i < 2 * ANONYMOUS_LIMITS.readBurst; i++) if ((await get(i)).statusCode === 200) served++;
    // Per instance it would be twice the burst.
    expect(served).toBe(ANONYMOUS_LIMITS.readBurst);
    for (const n of [0, 1]) {
      const r = await get(n);
      expect([r.statusCode, r.json().error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Another address has its own bucket, on either instance.
    expect((await get(1, '198.51.100.2')).statusCode).toBe(200);
    clock.advance(60_000);
    expect([(await get(0)).statusCode, (await get(1)).statusCode]).toEqual([200, 200]);
  });

  it('share the login attempts of an address: the 11th in a minute is refused, whichever instance it reaches', async () => {
    const attempt = (n: number) =>
      apps[n % 2]!.inject({
        method: 'POST',
        url: '/api/session',
        payload: { name: 'nobody', password: 'wrong password 1' },
        remoteAddress: '192.0.2.9',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt(i)).statusCode);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    expect((await attempt(11)).statusCode).toBe(429);
  });
});
