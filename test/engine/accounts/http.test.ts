// The accounts plugin through HTTP (app.inject): sessions, cookies, CSRF, 401/403, scope pinning,
// masking, size and rate limits, idle and absolute session expiry, lock-out, the /api/users routes
// and the security events they leave in the store's audit trail.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Store } from '../../../engine/store/index.ts';
import { BAD_LOGIN, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, SESSION_IDLE_MS, SESSION_TTL_MS } from '../../../engine/accounts/sessions.ts';
import { MAX_POLICY_BYTES } from '../../../engine/accounts/limits.ts';
import { buildStubApp } from './stub-app.ts';
import { EXAMPLE_CASE, FAST_HASH, PASSWORD, TOWN_A, TOWN_B, freshStore, login, manualClock, seedUsers, tempDir } from './helpers.ts';

let dir: string;
let store: Store;
let app: FastifyInstance;
let clock: ReturnType<typeof manualClock>;

async function build(extra: Parameters<typeof buildStubApp>[0] extends infer O ? Partial<O> : never = {}) {
  app = await buildStubApp({ store, clock: clock.now, hashOptions: FAST_HASH, ...extra });
  await app.ready();
}

beforeEach(async () => {
  dir = tempDir();
  store = await freshStore(dir);
  await seedUsers(store);
  clock = manualClock();
  await build();
});
afterEach(async () => {
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const caseIn = (town: string) => ({
  ...EXAMPLE_CASE,
  household: { ...EXAMPLE_CASE.household, collective: { ...EXAMPLE_CASE.household.collective, town } },
});
const createBody = (town = TOWN_A) => ({ policy: 'qinzhou', procedure: 'exit', case: caseIn(town) });

async function createAs(name: string, town: string): Promise<string> {
  const a = await login(app, name);
  const r = await app.inject({ method: 'POST', url: '/api/cases', headers: a.headers, payload: createBody(town) });
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

describe('anonymous', () => {
  it('POST /api/cases with a valid body gets 401 and creates nothing', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/cases', payload: createBody() });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: '需要登录 login required to create cases',
        text: { code: 'auth.loginRequired', args: { action: { code: 'action.case.create' } } },
      },
    });
    expect(await store.countCases()).toBe(0);
  });

  it('may read policies and compare, nothing else', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/policies' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/policies/qinzhou' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/compare', payload: { policies: ['qinzhou'] } })).statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/cases'],
      ['GET', '/api/cases/C001'],
      ['GET', '/api/cases/C001/events'],
      ['GET', '/api/tasks'],
      ['GET', '/api/users'],
      ['PUT', '/api/policies/qinzhou'],
      ['POST', '/api/cases/C001/commands'],
      ['GET', '/api/anything-new'],
    ] as const) {
      expect([method, url, (await app.inject({ method, url, payload: method === 'GET' ? undefined : {} })).statusCode]).toEqual([
        method,
        url,
        401,
      ]);
    }
  });

  it('no spelling of the path slips past: case, slashes, percent-encoding', async () => {
    for (const url of ['/api/CASES', '/api//cases', '/api/cases/', '/api/%63ases', '//api/cases', '/API/cases?x=1']) {
      const r = await app.inject({ method: 'POST', url, payload: createBody() });
      expect([url, r.statusCode]).toEqual([url, 401]);
    }
    expect(await store.countCases()).toBe(0);
  });
});

describe('login, cookies and CSRF', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and a script-readable CSRF cookie', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'clerk-a', password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.user).toEqual({ name: 'clerk-a', role: 'clerk', town: TOWN_A, region: null });
    expect(body.token).toBeUndefined();
    expect(body.expiresAt).toBe(new Date(clock.ms() + SESSION_TTL_MS).toISOString());
    const s = r.cookies.find((c) => c.name === SESSION_COOKIE)!;
    const c = r.cookies.find((k) => k.name === CSRF_COOKIE)!;
    expect(s).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(c.httpOnly).toBeUndefined();
    expect(c).toMatchObject({ sameSite: 'Strict', path: '/', value: body.csrfToken });
    expect(s.secure).toBeUndefined(); // plain HTTP on loopback; 'auto' sets it behind HTTPS
    const raw = ([] as string[]).concat(r.headers['set-cookie'] as string[]);
    expect(raw.find((x) => x.startsWith(SESSION_COOKIE))).toMatch(/; HttpOnly/);
  });

  it('GET /api/session says who is logged in and returns the CSRF token', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/session' })).json()).toEqual({ user: null });
    const a = await login(app, 'researcher');
    const r = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: a.cookie } });
    expect(r.json()).toMatchObject({ user: { name: 'researcher', role: 'researcher' }, csrfToken: a.csrf });
  });

  it('refuses bad logins with 401 and malformed ones with 400 and a path', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'clerk-a', password: 'nope nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toEqual({ code: 'BAD_LOGIN', message: BAD_LOGIN, text: { code: 'auth.badLogin' } });
    expect(bad.cookies).toEqual([]);
    const disabled = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'gone', password: PASSWORD } });
    expect([disabled.statusCode, disabled.json()]).toEqual([401, bad.json()]);
    const m = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'x' } });
    expect([m.statusCode, m.json().error.path]).toEqual([400, '/password']);
    const n = await app.inject({ method: 'POST', url: '/api/session', payload: [1] });
    expect(n.statusCode).toBe(400);
  });

  it('a write with the session cookie but no CSRF token is 403 and changes nothing', async () => {
    const a = await login(app, 'clerk-a');
    const r = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: a.cookie }, payload: createBody() });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CSRF');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: a.cookie, [CSRF_HEADER]: a.csrf.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) },
      payload: createBody(),
    });
    expect(wrong.statusCode).toBe(403);
    expect(await store.countCases()).toBe(0);
    const ok = await app.inject({ method: 'POST', url: '/api/cases', headers: a.headers, payload: createBody() });
    expect(ok.statusCode).toBe(201);
  });

  it("another session's CSRF token does not do", async () => {
    const a = await login(app, 'clerk-a');
    const b = await login(app, 'clerk-a');
    const r = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: a.cookie, [CSRF_HEADER]: b.csrf },
      payload: createBody(),
    });
    expect(r.statusCode).toBe(403);
  });

  it('scripts may log in for a bearer token, which needs no CSRF token and sets no cookie', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'clerk-a', password: PASSWORD, bearer: true } });
    expect(r.cookies).toEqual([]);
    const token = r.json().token as string;
    const c = await app.inject({ method: 'POST', url: '/api/cases', headers: { authorization: `Bearer ${token}` }, payload: createBody() });
    expect(c.statusCode).toBe(201);
    expect((await store.getEvents(c.json().id))[0]!.user).toBe('clerk-a');
  });

  it('logout ends the session; the old cookie is then anonymous', async () => {
    const a = await login(app, 'admin');
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: a.headers });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: a.cookie } })).statusCode).toBe(401);
  });

  it('logging out needs the CSRF token (a forged logout is refused)', async () => {
    const a = await login(app, 'admin');
    expect((await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: a.cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: a.cookie } })).statusCode).toBe(200);
  });

  it('a session expires on the injected clock however active, with 401 SESSION_EXPIRED', async () => {
    const a = await login(app, 'clerk-a');
    const get = () => app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: a.cookie } });
    for (let t = 0; t < SESSION_TTL_MS - 1000; t += 25 * 60_000) {
      clock.advance(Math.min(25 * 60_000, SESSION_TTL_MS - 1000 - t));
      expect((await get()).statusCode).toBe(200);
    }
    clock.advance(1000);
    const r = await get();
    expect([r.statusCode, r.json().error]).toEqual([
      401,
      {
        code: 'SESSION_EXPIRED',
        message: '会话已到期（最长 600 分钟），请重新登录 session expired (sessions last at most 600 minutes): please sign in again',
        text: { code: 'auth.sessionExpired', args: { minutes: 600 } },
      },
    ]);
    expect(r.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: a.cookie } })).json()).toEqual({ user: null });
  });

  it('a session left alone for 30 minutes ends: 401 SESSION_EXPIRED, public routes still open', async () => {
    const a = await login(app, 'clerk-a');
    clock.advance(SESSION_IDLE_MS - 1);
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: a.cookie } })).statusCode).toBe(200);
    clock.advance(SESSION_IDLE_MS);
    const r = await app.inject({ method: 'POST', url: '/api/cases', headers: a.headers, payload: createBody() });
    expect([r.statusCode, r.json().error]).toEqual([
      401,
      {
        code: 'SESSION_EXPIRED',
        message: '会话已因 30 分钟无操作而结束，请重新登录 session ended after 30 minutes without activity: please sign in again',
        text: { code: 'auth.sessionIdle', args: { minutes: 30 } },
      },
    ]);
    expect(await store.countCases()).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/policies', headers: { cookie: a.cookie } })).statusCode).toBe(200);
    // An unknown token is simply anonymous.
    const none = await app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: `Bearer ${'x'.repeat(43)}` } });
    expect(none.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('disabling a user ends their sessions at once', async () => {
    const a = await login(app, 'clerk-a');
    await store.users.setDisabled('clerk-a', true, '2026-03-02T02:00:00.000Z');
    expect((await app.inject({ method: 'POST', url: '/api/cases', headers: a.headers, payload: createBody() })).statusCode).toBe(401);
  });
});

describe('scope', () => {
  it('every event names the user who caused it', async () => {
    const id = await createAs('clerk-a', TOWN_A);
    const a = await login(app, 'admin');
    const r = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/commands`,
      headers: a.headers,
      payload: { type: 'Noted', expectedVersion: 1, payload: {} },
    });
    expect(r.statusCode).toBe(200);
    expect((await store.getEvents(id)).map((e) => e.user)).toEqual(['clerk-a', 'admin']);
  });

  it('a clerk cannot create, read or run a case of another town; the case stays as it was', async () => {
    const id = await createAs('clerk-a', TOWN_A);
    const before = await store.getCase(id);
    const b = await login(app, 'clerk-b');
    const create = await app.inject({ method: 'POST', url: '/api/cases', headers: b.headers, payload: createBody(TOWN_A) });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.message).toBe(
      `无权限：办事员 clerk-b 只能办理 ${TOWN_B} 的案件，此案件属于 ${TOWN_A} forbidden: clerk clerk-b may only create cases of ${TOWN_B}; this case is in ${TOWN_A}`,
    );
    expect((await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: b.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/cases/${id}/events`, headers: b.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/cases/${id}/documents/form5`, headers: b.headers })).statusCode).toBe(403);
    const cmd = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/commands`,
      headers: b.headers,
      payload: { type: 'Noted', expectedVersion: 1 },
    });
    expect(cmd.statusCode).toBe(403);
    expect(await store.getCase(id)).toEqual(before);
    expect(await store.countCases()).toBe(1);
  });

  it("a clerk's lists are pinned to their town; asking for another town is 403", async () => {
    await createAs('clerk-a', TOWN_A);
    await createAs('clerk-b', TOWN_B);
    const a = await login(app, 'clerk-a');
    const list = await app.inject({ method: 'GET', url: '/api/cases', headers: a.headers });
    expect(list.json().map((c: { place: { town: string } }) => c.place.town)).toEqual([TOWN_A]);
    expect((await app.inject({ method: 'GET', url: `/api/cases?town=${encodeURIComponent(TOWN_B)}`, headers: a.headers })).statusCode).toBe(
      403,
    );
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/cases?town=${encodeURIComponent(TOWN_A)}&town=${encodeURIComponent(TOWN_B)}`,
          headers: a.headers,
        })
      ).statusCode,
    ).toBe(403);
    const tasks = await app.inject({ method: 'GET', url: '/api/tasks', headers: a.headers });
    expect(tasks.json().due.map((t: { town: string }) => t.town)).toEqual([TOWN_A]);
    const admin = await login(app, 'admin');
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: admin.headers })).json()).toHaveLength(2);
  });

  it("a clerk must say the new case's town, and cannot name two", async () => {
    const a = await login(app, 'clerk-a');
    const none = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: a.headers,
      payload: { policy: 'qinzhou', procedure: 'exit', case: {} },
    });
    expect([none.statusCode, none.json().error.path]).toEqual([400, '/case/household/collective/town']);
    const two = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: a.headers,
      payload: { ...createBody(TOWN_A), place: { town: TOWN_B, village: 'v', group: 'g' } },
    });
    expect(two.statusCode).toBe(400);
    expect(await store.countCases()).toBe(0);
  });

  it('an unknown case is 404 for those who could read one, 403 for those who could not', async () => {
    const a = await login(app, 'clerk-a');
    expect((await app.inject({ method: 'GET', url: '/api/cases/NOPE', headers: a.headers })).statusCode).toBe(404);
    const r = await login(app, 'researcher');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/cases/NOPE/commands',
          headers: r.headers,
          payload: { type: 'x', expectedVersion: 1 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('officers edit the policies of their region only; clerks and researchers none', async () => {
    const o = await login(app, 'officer-qz');
    expect(
      (await app.inject({ method: 'PUT', url: '/api/policies/qinzhou', headers: o.headers, payload: { source: 'x: 1', publish: true } }))
        .statusCode,
    ).toBe(200);
    const nj = await app.inject({ method: 'PUT', url: '/api/policies/neijiang', headers: o.headers, payload: { source: 'x: 1' } });
    expect(nj.statusCode).toBe(403);
    expect(nj.json().error.message).toMatch(/officer officer-qz may only edit policies of region qinzhou; neijiang is not one of them/);
    for (const who of ['clerk-a', 'researcher']) {
      const u = await login(app, who);
      expect(
        (await app.inject({ method: 'PUT', url: '/api/policies/qinzhou', headers: u.headers, payload: { source: 'x: 1' } })).statusCode,
      ).toBe(403);
    }
  });
});

describe('personal data', () => {
  it('researchers and officers see ID numbers masked in cases, lists and events; clerks of the town and admins in full', async () => {
    const id = await createAs('clerk-a', TOWN_A);
    for (const who of ['researcher', 'officer-qz']) {
      const u = await login(app, who);
      for (const url of [`/api/cases/${id}`, '/api/cases', `/api/cases/${id}/events`, '/api/tasks']) {
        const r = await app.inject({ method: 'GET', url, headers: u.headers });
        expect([who, url, r.statusCode]).toEqual([who, url, 200]);
        expect(r.body).not.toContain('450702196803151235');
        if (url !== '/api/tasks') expect(r.body).toContain('4507**********1235');
      }
      expect((await app.inject({ method: 'GET', url: `/api/cases/${id}/documents/form5`, headers: u.headers })).statusCode).toBe(403);
    }
    for (const who of ['clerk-a', 'admin']) {
      const u = await login(app, who);
      const r = await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: u.headers });
      expect(r.json().state.case.household.head.idNumber).toBe('450702196803151235');
      const d = await app.inject({ method: 'GET', url: `/api/cases/${id}/documents/form5`, headers: u.headers });
      expect([d.statusCode, d.body]).toEqual([200, '<p>身份证号 450702196803151235</p>']);
    }
  });
});

describe('limits', () => {
  it('refuses a policy source over 256 KiB with 413 and a clear message, even from an admin', async () => {
    const a = await login(app, 'admin');
    const big = 'a'.repeat(MAX_POLICY_BYTES + 1);
    const r = await app.inject({ method: 'PUT', url: '/api/policies/qinzhou', headers: a.headers, payload: { source: big } });
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toEqual({
      code: 'POLICY_TOO_LARGE',
      message: '政策文件过大 policy file too large: qinzhou 有 is 262145 字节 bytes (256.0 KiB), 上限 the limit is 262144 (256.0 KiB)',
      text: {
        code: 'limit.policySize',
        args: { where: 'qinzhou', bytes: 262145, size: '256.0 KiB', max: 262144, maxSize: '256.0 KiB' },
      },
      path: '/source',
    });
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/policies/qinzhou',
          headers: a.headers,
          payload: { source: 'a'.repeat(MAX_POLICY_BYTES) },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const a = await login(app, 'admin');
    const r = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...a.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }),
    });
    expect(r.statusCode).toBe(413);
  });

  it('rate-limits logins per address: the 11th attempt in a minute is 429 with Retry-After', async () => {
    await app.close();
    await build({ rateLimit: {} });
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(
        (await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'nobody', password: 'wrong password' } })).statusCode,
      );
    expect(codes).toEqual([...Array(10).fill(401), 429]);
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'admin', password: PASSWORD } });
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe('6');
    expect(r.json().error.code).toBe('RATE_LIMITED');
    clock.advance(6000);
    expect((await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'admin', password: PASSWORD } })).statusCode).toBe(
      200,
    );
  }, 20_000);

  it('rate-limits writes per user: a burst beyond the bucket is 429 and creates nothing more', async () => {
    await app.close();
    await build({ rateLimit: { writesPerMinute: 8 } });
    const a = await login(app, 'clerk-a');
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await app.inject({ method: 'POST', url: '/api/cases', headers: a.headers, payload: createBody() })).statusCode);
    expect(codes).toEqual([201, 201, 429, 429]);
    expect(await store.countCases()).toBe(2);
    // Reads are not limited.
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: a.headers })).statusCode).toBe(200);
  });
});

describe('/api/users', () => {
  it('admins list users (never a hash) and add one, who can then log in', async () => {
    const a = await login(app, 'admin');
    const list = await app.inject({ method: 'GET', url: '/api/users', headers: a.headers });
    expect(list.json().map((u: { name: string }) => u.name)).toEqual([
      'admin',
      'clerk-a',
      'clerk-b',
      'gone',
      'officer-nj',
      'officer-qz',
      'researcher',
    ]);
    expect(list.body).not.toContain('scrypt');
    const add = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: a.headers,
      payload: { name: '王芳', role: 'clerk', town: '那丽镇', password: 'another pass 9' },
    });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({
      name: '王芳',
      role: 'clerk',
      town: '那丽镇',
      region: null,
      disabled: false,
      failedLogins: 0,
      lockedAt: null,
    });
    await login(app, '王芳', 'another pass 9');
    expect(await store.listSecurityEvents({ type: 'userCreated' })).toMatchObject([
      { actor: 'admin', subject: '王芳', detail: { role: 'clerk', town: '那丽镇', ip: '127.0.0.1' } },
    ]);
  });

  it('refuses bad users with 400 and the field, duplicates with 409', async () => {
    const a = await login(app, 'admin');
    const post = (payload: unknown) => app.inject({ method: 'POST', url: '/api/users', headers: a.headers, payload: payload as object });
    const cases: [unknown, number, string][] = [
      [{ name: 'x1', role: 'root', password: 'long enough' }, 400, '/role'],
      [{ name: 'x2', role: 'clerk', password: 'long enough' }, 400, '/town'],
      [{ name: 'x3', role: 'admin', town: 'a', password: 'long enough' }, 400, '/town'],
      [{ name: 'x4', role: 'admin', password: 'short' }, 400, '/password'],
      [{ name: 'x5', role: 'admin', password: 'qwertyuiop' }, 400, '/password'],
      [{ name: 'operator.x6', role: 'admin', password: 'Operator.X6' }, 400, '/password'],
      [{ name: '-x', role: 'admin', password: 'long enough' }, 400, '/name'],
      [{ name: 'admin', role: 'admin', password: 'long enough' }, 409, '/name'],
      [[], 400, ''],
    ];
    for (const [body, code, path] of cases) {
      const r = await post(body);
      expect([body, r.statusCode, r.json().error.path]).toEqual([body, code, path]);
    }
  });

  it('only admins manage users', async () => {
    for (const who of ['officer-qz', 'clerk-a', 'researcher']) {
      const u = await login(app, who);
      expect((await app.inject({ method: 'GET', url: '/api/users', headers: u.headers })).statusCode).toBe(403);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/users',
            headers: u.headers,
            payload: { name: 'evil', role: 'admin', password: 'long enough' },
          })
        ).statusCode,
      ).toBe(403);
    }
    expect(await store.users.getUser('evil')).toBeUndefined();
  });

  it('PATCH disables (ending sessions) or sets a password; the last admin cannot be disabled', async () => {
    const a = await login(app, 'admin');
    const c = await login(app, 'clerk-a');
    const r = await app.inject({ method: 'PATCH', url: '/api/users/clerk-a', headers: a.headers, payload: { disabled: true } });
    expect([r.statusCode, r.json().disabled]).toEqual([200, true]);
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: c.headers })).statusCode).toBe(401);
    const last = await app.inject({ method: 'PATCH', url: '/api/users/admin', headers: a.headers, payload: { disabled: true } });
    // The store's message, passed on as data beside its line (engine/store/errors.ts).
    expect([last.statusCode, last.json().error]).toEqual([
      409,
      {
        code: 'LAST_ADMIN',
        message: '不能停用最后一个管理员 cannot disable the last active admin: admin',
        text: { code: 'account.lastAdmin', args: { name: 'admin' } },
        path: '/disabled',
      },
    ]);
    // Refused as a whole: a password sent with it is not set either.
    const hashBefore = (await store.users.getUser('admin'))!.passwordHash;
    const both = await app.inject({
      method: 'PATCH',
      url: '/api/users/admin',
      headers: a.headers,
      payload: { disabled: true, password: 'another new pass' },
    });
    expect([both.statusCode, both.json().error.code, both.json().error.path]).toEqual([409, 'LAST_ADMIN', '/disabled']);
    expect((await store.users.getUser('admin'))!).toMatchObject({ disabled: false, passwordHash: hashBefore });
    const pw = await app.inject({
      method: 'PATCH',
      url: '/api/users/researcher',
      headers: a.headers,
      payload: { password: 'brand new pass' },
    });
    expect(pw.statusCode).toBe(200);
    await login(app, 'researcher', 'brand new pass');
    const nobody = await app.inject({ method: 'PATCH', url: '/api/users/nobody', headers: a.headers, payload: { disabled: true } });
    expect([nobody.statusCode, nobody.json().error]).toEqual([
      404,
      {
        code: 'USER_NOT_FOUND',
        message: '用户不存在 no such user: nobody',
        text: { code: 'store.userNotFound', args: { name: 'nobody' } },
      },
    ]);
    expect(
      (await app.inject({ method: 'PATCH', url: '/api/users/researcher', headers: a.headers, payload: { password: 'short' } })).statusCode,
    ).toBe(400);
    const common = await app.inject({
      method: 'PATCH',
      url: '/api/users/researcher',
      headers: a.headers,
      payload: { password: '1q2w3e4r5t' },
    });
    expect([common.statusCode, common.json().error]).toEqual([
      400,
      {
        code: 'BAD_REQUEST',
        message: 'password: 密码过于常见，请另选一个 this password is one of the most common ones: choose another',
        text: { code: 'at.problem', args: { where: 'password', problem: { code: 'password.common' } } },
        path: '/password',
      },
    ]);
    expect((await store.listSecurityEvents({ actor: 'admin' })).map((e) => [e.type, e.subject, e.detail.change ?? null])).toEqual([
      ['login', null, null],
      ['userDisabled', 'clerk-a', null],
      ['userChanged', 'researcher', 'password'],
    ]);
  });

  it('POST /api/users/:name/unlock lifts a lock-out (admins only) and is in the trail', async () => {
    for (let i = 0; i < 10; i++) {
      await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'clerk-a', password: 'wrong password' } });
      clock.advance(5 * 60_000);
    }
    const locked = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'clerk-a', password: PASSWORD } });
    expect([locked.statusCode, locked.json().error]).toEqual([
      401,
      { code: 'BAD_LOGIN', message: BAD_LOGIN, text: { code: 'auth.badLogin' } },
    ]);
    const a = await login(app, 'admin');
    const list = (await app.inject({ method: 'GET', url: '/api/users', headers: a.headers })).json();
    expect(list.find((u: { name: string }) => u.name === 'clerk-a')).toMatchObject({
      failedLogins: 10,
      lockedAt: '2026-03-02T01:45:00.000Z',
    });
    const c = await login(app, 'clerk-b');
    expect((await app.inject({ method: 'POST', url: '/api/users/clerk-a/unlock', headers: c.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/users/clerk-a/unlock', headers: { cookie: a.cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/users/nobody/unlock', headers: a.headers })).statusCode).toBe(404);
    const r = await app.inject({ method: 'POST', url: '/api/users/clerk-a/unlock', headers: a.headers });
    expect([r.statusCode, r.json()]).toMatchObject([200, { name: 'clerk-a', failedLogins: 0, lockedAt: null }]);
    await login(app, 'clerk-a');
    expect((await store.listSecurityEvents({ subject: 'clerk-a' })).map((e) => [e.type, e.actor, e.detail.reason ?? null])).toEqual([
      ...Array(10).fill(['loginFailed', 'clerk-a', 'wrong-password']),
      ['lockout', 'clerk-a', null],
      ['loginFailed', 'clerk-a', 'locked'],
      ['unlock', 'admin', null],
    ]);
    expect(await store.listSecurityEvents({ type: 'login', actor: 'clerk-a' })).toHaveLength(1);
  });
});
