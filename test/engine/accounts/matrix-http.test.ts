// The permission matrix through HTTP: every role × action × own/other scope, on the real app (and
// on the stub, whose routes all exist). Expected statuses come from authorize() (whose table is
// pinned in authorize.test.ts); this file checks that HTTP agrees, that a refused request changes
// nothing, and that an allowed one is never refused by the accounts layer.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../engine/store/index.ts';
import { authorize, type Action, type Principal, type Resource } from '../../../engine/accounts/authorize.ts';
import { httpStatus } from '../../../engine/server/errors.ts';
import { renderBoth } from '../../../dsl/messages.ts';
import { APPS } from './apps.ts';
import { EXAMPLE_CASE, TOWN_A, TOWN_B, freshStore, login, manualClock, seedUsers, tempDir, type Auth } from './helpers.ts';

let dir: string;
let store: Store;
let app: FastifyInstance;
const auth: Record<string, Auth | null> = {};
const caseOf: Record<'own' | 'other', string> = { own: '', other: '' };

const who: Record<string, Principal | null> = {
  anonymous: null,
  admin: { name: 'admin', role: 'admin', town: null, region: null },
  'officer-qz': { name: 'officer-qz', role: 'officer', town: null, region: 'qinzhou' },
  'clerk-a': { name: 'clerk-a', role: 'clerk', town: TOWN_A, region: null },
  researcher: { name: 'researcher', role: 'researcher', town: null, region: null },
};

const scopes = {
  own: { town: TOWN_A, policyId: 'qinzhou', region: { province: '广西壮族自治区', city: '钦州市', code: '450700' } },
  other: { town: TOWN_B, policyId: 'neijiang', region: { province: '四川省', city: '内江市', code: '511000' } },
};

const caseIn = (town: string) => ({
  ...EXAMPLE_CASE,
  household: { ...EXAMPLE_CASE.household, collective: { ...EXAMPLE_CASE.household.collective, town } },
});

interface Req {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  payload?: object;
}

const requests: Record<Action, (s: 'own' | 'other') => Req | Promise<Req>> = {
  'policy.read': (s) => ({ method: 'GET', url: `/api/policies/${scopes[s].policyId}` }),
  'policy.edit': (s) => ({ method: 'PUT', url: `/api/policies/${scopes[s].policyId}`, payload: { source: 'landflow: 1' } }),
  'policy.publish': (s) => ({
    method: 'PUT',
    url: `/api/policies/${scopes[s].policyId}`,
    payload: { source: 'landflow: 1', publish: true },
  }),
  'compare.read': () => ({ method: 'POST', url: '/api/compare', payload: { policies: ['qinzhou', 'neijiang'] } }),
  'case.create': (s) => ({
    method: 'POST',
    url: '/api/cases',
    payload: { policy: 'qinzhou', procedure: 'exit', case: caseIn(scopes[s].town) },
  }),
  'case.read': (s) => ({ method: 'GET', url: `/api/cases/${caseOf[s]}` }),
  'case.readFull': (s) => ({ method: 'GET', url: `/api/cases/${caseOf[s]}/documents/form5` }),
  // The first step of an exit; on the stub any type goes. A repeat may be refused by the workflow (409), never by the accounts layer.
  'case.command': async (s) => ({
    method: 'POST',
    url: `/api/cases/${caseOf[s]}/commands`,
    payload: { type: 'receiveWrittenNotice', expectedVersion: (await store.getCase(caseOf[s]))!.version, payload: { date: '2026-01-15' } },
  }),
  'task.read': (s) => ({ method: 'GET', url: `/api/tasks?town=${encodeURIComponent(scopes[s].town)}` }),
  'user.manage': () => ({ method: 'GET', url: '/api/users' }),
  'system.read': () => ({ method: 'GET', url: '/api/some-future-read' }),
  'system.write': () => ({ method: 'POST', url: '/api/some-future-write', payload: {} }),
};

async function snapshot() {
  const cases = await store.listCases({ limit: 1000 });
  return {
    cases,
    events: (await Promise.all(cases.map((c) => store.getEvents(c.id)))).reduce((n, e) => n + e.length, 0),
    numbers: (await store.listContractNumbers()).length,
  };
}

describe.each(APPS)('%s', (appName, factory) => {
  beforeAll(async () => {
    dir = tempDir();
    store = await freshStore(dir);
    await seedUsers(store);
    const clock = manualClock();
    app = await factory({ store, clock: clock.now });
    for (const name of Object.keys(who)) auth[name] = name === 'anonymous' ? null : await login(app, name);
    for (const s of ['own', 'other'] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: auth.admin!.headers,
        payload: (await requests['case.create'](s)).payload,
      });
      if (r.statusCode !== 201) throw new Error(`${appName}: setup case ${s}: ${r.statusCode} ${r.body}`);
      caseOf[s] = r.json().id;
    }
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const results: { name: string; action: Action; scope: string; status: number; allowed: boolean }[] = [];

  for (const name of Object.keys(who)) {
    for (const action of Object.keys(requests) as Action[]) {
      for (const s of ['own', 'other'] as const) {
        it(`${name} ${action} ${s}`, async () => {
          const resource: Resource = { town: scopes[s].town, policy: { id: scopes[s].policyId, region: scopes[s].region } };
          const d = authorize(who[name]!, action, resource);
          const req = await requests[action](s);
          const before = await snapshot();
          const r = await app.inject({ ...req, headers: auth[name]?.headers ?? {} });
          results.push({ name, action, scope: s, status: r.statusCode, allowed: d.ok });
          if (d.ok) {
            // Allowed: the route itself answers — never 401/403, never 5xx.
            expect(r.statusCode, r.body).not.toBe(401);
            expect(r.statusCode, r.body).not.toBe(403);
            expect(r.statusCode, r.body).toBeLessThan(500);
            if (action === 'case.create') expect(r.statusCode, r.body).toBe(201);
            if (['case.read', 'task.read', 'user.manage', 'policy.read'].includes(action)) expect(r.statusCode, r.body).toBe(200);
            if (appName === 'stub app')
              expect(r.statusCode, r.body).toBe(action.startsWith('system.') ? 404 : action === 'case.create' ? 201 : 200);
          } else {
            expect(r.statusCode, r.body).toBe(httpStatus(d.kind));
            // A 401 is decided before the body is read (a publish reads as an edit then); a 403 names the exact reason.
            if (d.kind === 'unauthenticated') expect(r.json().error.message).toMatch(/^需要登录 login required to /);
            else expect(r.json().error).toMatchObject({ message: renderBoth(d.text), text: d.text });
            expect(await snapshot()).toEqual(before);
          }
        });
      }
    }
  }

  it('no unauthorized success, and every allowed cell was let through', () => {
    expect(results).toHaveLength(Object.keys(who).length * Object.keys(requests).length * 2);
    expect(results.filter((r) => !r.allowed && r.status < 400)).toEqual([]);
    expect(results.filter((r) => r.allowed).length).toBe(61);
  });
});
