// The HTTP edge under hostile load (issue #12), each finding through the real app (buildApp with
// the accounts layer, a temp SQLite file): security headers, deep JSON, per-caller limits, failing
// closed without auth, proxies and Secure cookies, request logs.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_LIMITS, MAX_JSON_DEPTH, SIGNED_IN_LIMITS, limitsFor } from '../../../engine/accounts/limits.ts';
import { registerAuth, type AuthOptions } from '../../../engine/accounts/plugin.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../../engine/accounts/sessions.ts';
import { buildApp, type App, type AppOptions } from '../../../engine/server/app.ts';
import type { Store } from '../../../engine/store/index.ts';
import { bundledPolicies } from '../accounts/apps.ts';
import { EXAMPLE_CASE, FAST_HASH, PASSWORD, freshStore, login, manualClock, seedUsers, tempDir } from '../accounts/helpers.ts';
import { expectErrorShape } from './helpers.ts';
import { render } from '../../../dsl/messages.ts';

interface Built {
  app: App;
  store: Store;
  clock: ReturnType<typeof manualClock>;
  logs: string[];
}

let open: Built[] = [];
let dirs: string[] = [];
afterEach(async () => {
  for (const b of open) {
    await b.app.close();
    await b.store.close();
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  open = [];
  dirs = [];
});

/** The app as `landflow serve` builds it, on a fresh database with one user per role. */
async function build(
  opts: Omit<Partial<AppOptions>, 'auth'> & { auth?: false; secureCookies?: AuthOptions['secureCookies'] } = {},
): Promise<Built> {
  const dir = tempDir();
  dirs.push(dir);
  const store = await freshStore(dir);
  await seedUsers(store);
  const clock = manualClock();
  const logs: string[] = [];
  const policies = bundledPolicies();
  const { auth, secureCookies, ...rest } = opts;
  const app = await buildApp({
    store,
    policies,
    clock,
    uiDir: null,
    logger: { level: 'info', stream: { write: (l: string) => void logs.push(l) } },
    ...(auth === false
      ? {}
      : {
          auth: (a) =>
            registerAuth(a, {
              store,
              clock: clock.now,
              rateLimit: false,
              hashOptions: FAST_HASH,
              ...(secureCookies !== undefined ? { secureCookies } : {}),
              policyRegion: (id) => policies.get(id)?.meta?.region,
            }),
        }),
    ...rest,
  });
  await app.ready();
  const b = { app, store, clock, logs };
  open.push(b);
  return b;
}

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe('security headers', () => {
  it('every response carries them: API JSON, the UI files, errors, refusals and 404s', async () => {
    const ui = tempDir();
    dirs.push(ui);
    fs.mkdirSync(path.join(ui, 'assets'));
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><html><body><landflow-app></landflow-app></body></html>');
    fs.writeFileSync(path.join(ui, 'assets', 'index-abc.js'), 'console.log(1)');
    const { app } = await build({ uiDir: ui });
    const answers = [
      await app.inject({ method: 'GET', url: '/api/policies' }),
      await app.inject({ method: 'GET', url: '/' }),
      await app.inject({ method: 'GET', url: '/cases/01ABC' }),
      await app.inject({ method: 'GET', url: '/assets/index-abc.js' }),
      await app.inject({ method: 'GET', url: '/assets/gone-123.js' }),
      await app.inject({ method: 'GET', url: '/api/nope' }),
      await app.inject({ method: 'POST', url: '/api/cases', payload: {} }),
      await app.inject({ method: 'POST', url: '/api/eval', headers: { 'content-type': 'application/json' }, payload: '{' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 404, 401, 401, 400]);
    for (const r of answers) {
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self' 'unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // A plain-HTTP office network must still load the page's own assets.
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it("a printed form keeps the document's own stricter policy and may be framed by the UI only", async () => {
    const { app } = await build();
    const clerk = await login(app, 'clerk-a');
    const opened = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: clerk.headers,
      payload: { policy: 'qinzhou', procedure: 'exit', case: EXAMPLE_CASE },
    });
    expect(opened.statusCode).toBe(201);
    const docs = (await app.inject({ method: 'GET', url: `/api/cases/${opened.json().id}/documents`, headers: clerk.headers })).json();
    const r = await app.inject({
      method: 'GET',
      url: `/api/cases/${opened.json().id}/documents/${encodeURIComponent(docs[0].form)}`,
      headers: clerk.headers,
    });
    expect(r.statusCode).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('deeply nested JSON', () => {
  it(`is a 400 TOO_DEEP on every JSON route before any handler or schema runs (limit ${MAX_JSON_DEPTH})`, async () => {
    const { app } = await build();
    const clerk = await login(app, 'clerk-a');
    for (const [url, headers] of [
      ['/api/eval', {}],
      ['/api/compare', {}],
      ['/api/simulate', {}],
      ['/api/deadline', {}],
      ['/api/session', {}],
      ['/api/cases', clerk.headers],
      ['/api/cases/C001/commands', clerk.headers],
    ] as const) {
      const r = await app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: deep(5000) });
      expect([url, r.statusCode, r.json().error.code]).toEqual([url, 400, 'TOO_DEEP']);
      expect(r.json().error.text).toEqual({ code: 'http.tooDeep', args: { max: MAX_JSON_DEPTH } });
      expectErrorShape(r.json());
    }
    // Arrays count as much as objects; strings holding brackets count for nothing.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/eval',
          headers: { 'content-type': 'application/json' },
          payload: '['.repeat(65) + ']'.repeat(65),
        })
      ).json().error.code,
    ).toBe('TOO_DEEP');
    const quoted = JSON.stringify({ policy: '{'.repeat(5000) });
    expect(
      (await app.inject({ method: 'POST', url: '/api/eval', headers: { 'content-type': 'application/json' }, payload: quoted })).json()
        .error.code,
    ).not.toBe('TOO_DEEP');
    // At the limit the body is parsed and goes on to the schema.
    const at = await app.inject({
      method: 'POST',
      url: '/api/eval',
      headers: { 'content-type': 'application/json' },
      payload: deep(MAX_JSON_DEPTH),
    });
    expect([at.statusCode, at.json().error.code]).toEqual([400, 'BAD_REQUEST']);
  });
});

describe('rate limits on reads', () => {
  it('anonymous GETs share a light bucket per client address; 429 with Retry-After, then refilled by time', async () => {
    const { app, clock } = await build();
    const get = (ip: string) => app.inject({ method: 'GET', url: '/api/policies', remoteAddress: ip });
    for (let i = 0; i < ANONYMOUS_LIMITS.readBurst; i++) expect((await get('203.0.113.7')).statusCode).toBe(200);
    const refused = await get('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    const seconds = Math.ceil(60 / ANONYMOUS_LIMITS.readsPerMinute);
    expect(Number(refused.headers['retry-after'])).toBe(seconds);
    expectErrorShape(refused.json());
    // The one message of a rate limit (the accounts layer's too), as data and in both languages.
    const { text, message } = refused.json().error;
    expect(text).toEqual({ code: 'auth.rateLimited', args: { seconds } });
    expect(render(text, 'zh')).toBe(`请求过于频繁，请 ${seconds} 秒后再试`);
    expect(render(text, 'en')).toBe(`too many requests, retry after ${seconds} s`);
    expect(message).toBe(`请求过于频繁，请 ${seconds} 秒后再试 too many requests, retry after ${seconds} s`);
    // Another address has its own bucket.
    expect((await get('198.51.100.2')).statusCode).toBe(200);
    clock.advance(60_000);
    expect((await get('203.0.113.7')).statusCode).toBe(200);
  });

  it('a signed-in user has a larger bucket of their own, whatever address they come from', async () => {
    const { app } = await build();
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'researcher', password: PASSWORD, bearer: true } });
    const auth = { authorization: `Bearer ${r.json().token}` };
    for (let i = 0; i < SIGNED_IN_LIMITS.readBurst; i++) {
      const g = await app.inject({ method: 'GET', url: '/api/policies', headers: auth, remoteAddress: `10.0.${i % 200}.1` });
      if (g.statusCode !== 200) throw new Error(`read ${i}: ${g.statusCode}`);
    }
    expect((await app.inject({ method: 'GET', url: '/api/policies', headers: auth, remoteAddress: '10.9.9.9' })).statusCode).toBe(429);
    // The anonymous bucket of that address is untouched.
    expect((await app.inject({ method: 'GET', url: '/api/policies', remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
  });
});

describe('heavy requests', () => {
  const sim = (n: number) => ({ population: 'qinzhou-county', policies: ['qinzhou'], n });

  it(`anonymous simulations are at most ${ANONYMOUS_LIMITS.simulateHouseholds} households; signed-in users get their role's limit`, async () => {
    const { app } = await build();
    const tooMany = (r: { statusCode: number; json: () => any }) => [r.statusCode, r.json().error.path];
    let r = await app.inject({ method: 'POST', url: '/api/simulate', payload: sim(ANONYMOUS_LIMITS.simulateHouseholds + 1) });
    expect(tooMany(r)).toEqual([400, '/n']);
    expect(r.json().error.message).toContain(`1 to ${ANONYMOUS_LIMITS.simulateHouseholds}`);
    r = await app.inject({
      method: 'GET',
      url: `/api/charts/distribution.svg?population=qinzhou-county&policies=qinzhou&n=${ANONYMOUS_LIMITS.simulateHouseholds + 1}`,
    });
    expect(tooMany(r)).toEqual([400, '/n']);
    const s = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'researcher', password: PASSWORD, bearer: true } });
    const auth = { authorization: `Bearer ${s.json().token}` };
    r = await app.inject({
      method: 'POST',
      url: '/api/simulate',
      headers: auth,
      payload: sim(limitsFor('researcher').simulateHouseholds + 1),
    });
    expect(tooMany(r)).toEqual([400, '/n']);
    const clerk = await login(app, 'clerk-a');
    r = await app.inject({
      method: 'POST',
      url: '/api/simulate',
      headers: clerk.headers,
      payload: sim(SIGNED_IN_LIMITS.simulateHouseholds + 1),
    });
    expect(tooMany(r)).toEqual([400, '/n']);
  });

  it('simulations and population charts draw on a small bucket of their own', async () => {
    const { app } = await build();
    // Refused by the route (n = 0), yet each one costs a token: the bucket guards the work behind the route.
    for (let i = 0; i < ANONYMOUS_LIMITS.heavyBurst; i++)
      expect((await app.inject({ method: 'POST', url: '/api/simulate', payload: sim(0) })).statusCode).toBe(400);
    const r = await app.inject({ method: 'GET', url: '/api/charts/distribution.svg?population=x&n=10' });
    expect(r.statusCode).toBe(429);
    // Ordinary reads are not held back by it.
    expect((await app.inject({ method: 'GET', url: '/api/policies' })).statusCode).toBe(200);
  });
});

describe('without auth the server fails closed', () => {
  it('there is no default user: public reads answer, everything else is 401, and no header makes anyone', async () => {
    const { app, store } = await build({ auth: false });
    expect((await app.inject({ method: 'GET', url: '/api/policies' })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/api/eval', payload: { policy: 'qinzhou', procedure: 'exit', case: EXAMPLE_CASE } }))
        .statusCode,
    ).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/cases'],
      ['GET', '/api/tasks'],
      ['GET', '/api/cases/C001'],
      ['POST', '/api/cases'],
      ['PUT', '/api/policies/qinzhou'],
      ['GET', '/api/users'],
    ] as const) {
      const r = await app.inject({
        method,
        url,
        headers: { 'x-landflow-user': 'admin' },
        ...(method === 'GET' ? {} : { payload: { policy: 'qinzhou', procedure: 'exit', case: EXAMPLE_CASE, source: 'x' } }),
      });
      expect([method, url, r.statusCode, r.json().error.code]).toEqual([method, url, 401, 'UNAUTHENTICATED']);
    }
    expect(await store.countCases()).toBe(0);
  });
});

describe('behind a proxy', () => {
  const clientOf = (logs: string[], id: string) => logs.map((l) => JSON.parse(l)).find((l) => l.reqId === id && l.req)?.req.remoteAddress;

  it('X-Forwarded-For is believed only when trustProxy says so — for logs and for rate limits alike', async () => {
    const plain = await build();
    let r = await plain.app.inject({
      method: 'GET',
      url: '/api/policies',
      remoteAddress: '10.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(clientOf(plain.logs, String(r.headers['x-request-id']))).toBe('10.0.0.1');
    const trusted = await build({ trustProxy: ['10.0.0.1'] });
    r = await trusted.app.inject({
      method: 'GET',
      url: '/api/policies',
      remoteAddress: '10.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(clientOf(trusted.logs, String(r.headers['x-request-id']))).toBe('203.0.113.9');
    // From a peer that is not the trusted proxy, the header is ignored.
    r = await trusted.app.inject({
      method: 'GET',
      url: '/api/policies',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(clientOf(trusted.logs, String(r.headers['x-request-id']))).toBe('10.0.0.2');
    // Untrusted, forged addresses do not buy fresh buckets.
    for (let i = 0; i < ANONYMOUS_LIMITS.readBurst; i++)
      await plain.app.inject({
        method: 'GET',
        url: '/api/policies',
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
    expect(
      (
        await plain.app.inject({
          method: 'GET',
          url: '/api/policies',
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': '192.0.2.1' },
        })
      ).statusCode,
    ).toBe(429);
  });

  it('session cookies carry Secure when configured, or when a trusted proxy says the request came over HTTPS', async () => {
    const secureOf = async (b: Built, headers: Record<string, string> = {}) => {
      const r = await b.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { name: 'clerk-a', password: PASSWORD },
        headers,
        remoteAddress: '10.0.0.1',
      });
      expect(r.statusCode).toBe(200);
      return r.cookies.filter((c) => c.name === SESSION_COOKIE || c.name === CSRF_COOKIE).map((c) => c.secure === true);
    };
    expect(await secureOf(await build({ secureCookies: true }))).toEqual([true, true]);
    expect(await secureOf(await build({ secureCookies: false }), { 'x-forwarded-proto': 'https' })).toEqual([false, false]);
    expect(await secureOf(await build(), { 'x-forwarded-proto': 'https' })).toEqual([false, false]);
    expect(await secureOf(await build({ trustProxy: true }), { 'x-forwarded-proto': 'https' })).toEqual([true, true]);
    expect(await secureOf(await build({ trustProxy: true }))).toEqual([false, false]);
  });
});

describe('request logs', () => {
  it('one JSON line set per request under the id returned as X-Request-Id; never a password, cookie, token or body', async () => {
    const { app, logs } = await build();
    const secret = 'Sekret-Body-Text-42';
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'clerk-a', password: PASSWORD, bearer: true } });
    const token = r.json().token as string;
    const browser = await login(app, 'clerk-a');
    await app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: `Bearer ${token}` } });
    await app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: browser.cookie } });
    await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: browser.headers,
      payload: { policy: 'qinzhou', procedure: 'exit', note: secret, case: EXAMPLE_CASE },
    });
    const ids = new Set(logs.map((l) => JSON.parse(l).reqId));
    expect(ids.has(r.headers['x-request-id'])).toBe(true);
    // Incoming and completed, for each of the five requests and the login inside login().
    expect(logs.filter((l) => JSON.parse(l).msg === 'request completed').length).toBe(5);
    const all = logs.join('\n');
    for (const s of [PASSWORD, token, browser.cookie.split('=')[1]!, browser.csrf, secret, EXAMPLE_CASE.household.head.idNumber])
      expect(all).not.toContain(s);
  });

  it('is off unless asked for, and ids never come from the client', async () => {
    const { app } = await build({ logger: false });
    const r = await app.inject({ method: 'GET', url: '/api/policies', headers: { 'x-request-id': 'forged\nline' } });
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
