// The accounts layer on the real app (engine/server buildApp, `auth` = registerAuth), with the
// real workflow: who may open and run a case, who the trail names, what researchers see.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../engine/store/index.ts';
import { realApp } from './apps.ts';
import { EXAMPLE_CASE, TOWN_A, freshStore, login, manualClock, seedUsers, tempDir } from './helpers.ts';

let dir: string;
let store: Store;
let app: FastifyInstance;

beforeEach(async () => {
  dir = tempDir();
  store = await freshStore(dir);
  await seedUsers(store);
  app = await realApp({ store, clock: manualClock('2026-03-02T02:00:00.000Z').now });
});
afterEach(async () => {
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const body = (town = TOWN_A) => ({
  policy: 'qinzhou',
  procedure: 'exit',
  case: { ...EXAMPLE_CASE, household: { ...EXAMPLE_CASE.household, collective: { ...EXAMPLE_CASE.household.collective, town } } },
});

describe('the real app with accounts', () => {
  it('an anonymous POST /api/cases with a valid body gets 401 (the acceptance check), and policies stay public', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/cases', payload: body() });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: '需要登录 login required to create cases',
        text: { code: 'auth.loginRequired', args: { action: { code: 'action.case.create' } } },
      },
    });
    expect(await store.countCases()).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/policies' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/policies/qinzhou' })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/api/eval', payload: { policy: 'qinzhou', procedure: 'exit', case: EXAMPLE_CASE } }))
        .statusCode,
    ).toBe(200);
  });

  it('the trail names each user: the clerk who opened, the admin who acted next', async () => {
    const clerk = await login(app, 'clerk-a');
    const open = await app.inject({ method: 'POST', url: '/api/cases', headers: clerk.headers, payload: body() });
    expect(open.statusCode).toBe(201);
    const id = open.json().id;
    expect(open.json().createdBy).toBe('clerk-a');
    const admin = await login(app, 'admin');
    const cmd = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/commands`,
      headers: admin.headers,
      payload: { type: 'receiveWrittenNotice', expectedVersion: open.json().version, payload: { date: '2026-01-15' } },
    });
    expect(cmd.statusCode, cmd.body).toBe(200);
    const users = [...new Set((await store.getEvents(id)).map((e) => e.user))];
    expect(users).toEqual(['clerk-a', 'admin']);
    const events = await app.inject({ method: 'GET', url: `/api/cases/${id}/events`, headers: clerk.headers });
    expect(events.json().every((e: { user: string }) => e.user === 'clerk-a' || e.user === 'admin')).toBe(true);
  });

  it("another town's clerk is refused (403) on every case route, and the case does not change", async () => {
    const a = await login(app, 'clerk-a');
    const id = (await app.inject({ method: 'POST', url: '/api/cases', headers: a.headers, payload: body() })).json().id;
    const before = await store.getCase(id);
    const b = await login(app, 'clerk-b');
    for (const url of ['', '/events', '/deadlines', '/commands', '/workflow', '/documents', '/documents/form4']) {
      const r = await app.inject({ method: 'GET', url: `/api/cases/${id}${url}`, headers: b.headers });
      expect([url, r.statusCode]).toEqual([url, 403]);
    }
    const cmd = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/commands`,
      headers: b.headers,
      payload: { type: 'receiveWrittenNotice', expectedVersion: before!.version, payload: { date: '2026-01-15' } },
    });
    expect(cmd.statusCode).toBe(403);
    expect(cmd.json().error.message).toMatch(/^无权限：办事员 clerk-b 只能办理 大寺镇 的案件/);
    expect(await store.getCase(id)).toEqual(before);
    const open = await app.inject({ method: 'POST', url: '/api/cases', headers: b.headers, payload: body(TOWN_A) });
    expect(open.statusCode).toBe(403);
    expect(await store.countCases()).toBe(1);
    const list = await app.inject({ method: 'GET', url: '/api/cases', headers: b.headers });
    expect([list.statusCode, list.json()]).toEqual([200, { items: [], next: null }]);
  });

  it('researchers read cases with ID numbers masked and cannot print the forms', async () => {
    const a = await login(app, 'clerk-a');
    const id = (await app.inject({ method: 'POST', url: '/api/cases', headers: a.headers, payload: body() })).json().id;
    const r = await login(app, 'researcher');
    for (const url of [`/api/cases/${id}`, `/api/cases/${id}/events`, '/api/cases', '/api/tasks']) {
      const res = await app.inject({ method: 'GET', url, headers: r.headers });
      expect([url, res.statusCode]).toEqual([url, 200]);
      expect(res.body).not.toMatch(/450702196803151235|450702197006212247|450702199209080319|450702197504191530/);
    }
    const c = (await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: r.headers })).json();
    expect(c.state.case.household.head.idNumber).toBe('4507**********1235');
    expect(c.state.case.household.head.name).toBe('黄某明');
    const forms = (await app.inject({ method: 'GET', url: `/api/cases/${id}/documents`, headers: r.headers })).json() as { form: string }[];
    expect(forms.length).toBeGreaterThan(0);
    for (const f of forms) {
      expect((await app.inject({ method: 'GET', url: `/api/cases/${id}/documents/${f.form}`, headers: r.headers })).statusCode).toBe(403);
    }
    const full = (await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: a.headers })).json();
    expect(full.state.case.household.head.idNumber).toBe('450702196803151235');
  });

  it('a write with the cookie but without the CSRF token is refused, with it accepted', async () => {
    const a = await login(app, 'clerk-a');
    const no = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: a.cookie }, payload: body() });
    expect([no.statusCode, no.json().error.code]).toEqual([403, 'CSRF']);
    expect(await store.countCases()).toBe(0);
    expect((await app.inject({ method: 'POST', url: '/api/cases', headers: a.headers, payload: body() })).statusCode).toBe(201);
  });

  it('officers and researchers cannot open or run cases', async () => {
    for (const who of ['officer-qz', 'researcher']) {
      const u = await login(app, who);
      const r = await app.inject({ method: 'POST', url: '/api/cases', headers: u.headers, payload: body() });
      expect([who, r.statusCode]).toEqual([who, 403]);
    }
    expect(await store.countCases()).toBe(0);
  });
});

describe('policies on the real app', () => {
  it('an officer checks and publishes only the policies of their region; others may not even check', async () => {
    const source = (await app.inject({ method: 'GET', url: '/api/policies/qinzhou' })).json().source as string;
    const o = await login(app, 'officer-qz');
    const check = await app.inject({ method: 'PUT', url: '/api/policies/qinzhou', headers: o.headers, payload: { source } });
    expect([check.statusCode, check.json().published]).toEqual([200, false]);
    const publish = await app.inject({
      method: 'PUT',
      url: '/api/policies/qinzhou',
      headers: o.headers,
      payload: { source, publish: true },
    });
    expect([publish.statusCode, publish.json().published]).toEqual([200, true]);
    const nj = (await app.inject({ method: 'GET', url: '/api/policies/neijiang' })).json().source as string;
    const other = await app.inject({
      method: 'PUT',
      url: '/api/policies/neijiang',
      headers: o.headers,
      payload: { source: nj, publish: true },
    });
    expect(other.statusCode).toBe(403);
    // An officer whose region is a code (内江市中区 511002) or the path of names covers the policies with that meta.region.
    const admin = await login(app, 'admin');
    for (const [name, region] of [
      ['nj-code', '511002'],
      ['nj-path', '四川省内江市'],
    ]) {
      const add = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { name, role: 'officer', region, password: 'long enough 1' },
      });
      expect(add.statusCode).toBe(201);
      const u = await login(app, name, 'long enough 1');
      expect(
        (await app.inject({ method: 'PUT', url: '/api/policies/neijiang', headers: u.headers, payload: { source: nj } })).statusCode,
      ).toBe(200);
      expect((await app.inject({ method: 'PUT', url: '/api/policies/qinzhou', headers: u.headers, payload: { source } })).statusCode).toBe(
        403,
      );
    }
    // A bare district name would match every 市中区 in the country: refused when the account is made.
    const bare = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { name: 'nj-bare', role: 'officer', region: '市中区', password: 'long enough 1' },
    });
    expect([bare.statusCode, bare.json().error.path]).toEqual([400, '/region']);
    const nuser = await login(app, 'officer-nj');
    expect(
      (await app.inject({ method: 'PUT', url: '/api/policies/neijiang', headers: nuser.headers, payload: { source: nj } })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'PUT', url: '/api/policies/qinzhou', headers: nuser.headers, payload: { source } })).statusCode,
    ).toBe(403);
    for (const who of ['clerk-a', 'researcher']) {
      const u = await login(app, who);
      expect((await app.inject({ method: 'PUT', url: '/api/policies/qinzhou', headers: u.headers, payload: { source } })).statusCode).toBe(
        403,
      );
    }
    expect((await app.inject({ method: 'PUT', url: '/api/policies/qinzhou', payload: { source } })).statusCode).toBe(401);
  });

  it('refuses a policy source over 256 KiB with 413 before checking it', async () => {
    const a = await login(app, 'admin');
    const r = await app.inject({
      method: 'PUT',
      url: '/api/policies/qinzhou',
      headers: a.headers,
      payload: { source: '#'.repeat(300 * 1024) },
    });
    expect([r.statusCode, r.json().error.code, r.json().error.path]).toEqual([413, 'POLICY_TOO_LARGE', '/source']);
    expect(r.json().error.message).toMatch(/^政策文件过大 policy file too large: qinzhou 有 is 307200 字节 bytes/);
  });
});
