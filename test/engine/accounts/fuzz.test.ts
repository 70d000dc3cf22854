// Hostile input: random and mutated JSON bodies, as every kind of user, to every endpoint, through
// app.inject (loopback, no socket). Bounded in count and time. Properties: never a 5xx; a
// rejected request changes no case, event, contract number or account; the chains still verify.
import fs from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Store } from '../../../engine/store/index.ts';
import { APPS } from './apps.ts';
import { EXAMPLE_CASE, PASSWORD, TOWN_A, TOWN_B, freshStore, login, manualClock, seedUsers, tempDir, type Auth } from './helpers.ts';

let dir: string;
let store: Store;
let app: FastifyInstance;
const auth: Record<string, Auth> = {};
const ids: string[] = [];

const caseIn = (town: string) => ({
  ...EXAMPLE_CASE,
  household: { ...EXAMPLE_CASE.household, collective: { ...EXAMPLE_CASE.household.collective, town } },
});

async function snapshot() {
  const cases = await store.listCases({ limit: 1000 });
  return {
    cases,
    events: await Promise.all(cases.map(async (c) => (await store.getEvents(c.id)).map((e) => e.hash))),
    numbers: await store.listContractNumbers(),
    users: await store.users.listUsers(),
  };
}

// ---- arbitraries ----

const validBodies = (): Record<string, unknown>[] => [
  { policy: 'qinzhou', procedure: 'exit', case: caseIn(TOWN_A) },
  { policy: 'qinzhou', procedure: 'transfer', case: caseIn(TOWN_B) },
  { type: 'Noted', expectedVersion: 1, payload: { note: 'x' } },
  { type: 'receiveWrittenNotice', expectedVersion: 1, payload: { date: '2026-01-15' } },
  { type: 'recordNegotiation', expectedVersion: 2, payload: { date: '2026-07-20', agreed: true } },
  { source: 'landflow: 1\nmeta: {id: qinzhou}', publish: true },
  { policies: ['qinzhou', 'neijiang'], case: EXAMPLE_CASE },
  { name: 'clerk-a', password: PASSWORD },
  { name: 'new-user', role: 'clerk', town: TOWN_A, password: 'long enough 1' },
  { disabled: true },
  { start: '2026-03-10', period: '10 日' },
];

type Mutation = { path: number[]; op: 'delete' | 'replace' | 'wrap' | 'stringify'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(30), { minLength: 0, maxLength: 6 }),
  op: fc.constantFrom('delete', 'replace', 'wrap', 'stringify'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(
      '__proto__',
      '',
      '0',
      -1,
      1e308,
      2 ** 53,
      '2026-02-30',
      '450702196803151235',
      TOWN_B,
      'x'.repeat(5000),
      null,
      '../../etc/passwd',
      '{{constructor.constructor("return process")()}}',
    ),
  ),
});

/** Walks `path` (indexes taken modulo the keys present) and changes what it finds there. */
function mutate(body: unknown, muts: Mutation[]): unknown {
  let root = structuredClone(body);
  for (const m of muts) {
    if (root === null || typeof root !== 'object') {
      root = m.value;
      continue;
    }
    let parent: Record<string, unknown> | unknown[] = root as Record<string, unknown>;
    let key: string | number | undefined;
    for (const step of m.path) {
      const keys = Object.keys(parent);
      if (keys.length === 0) break;
      key = Array.isArray(parent) ? step % parent.length : keys[step % keys.length]!;
      const next = (parent as Record<string, unknown>)[key as string];
      if (next === null || typeof next !== 'object') break;
      parent = next as Record<string, unknown>;
    }
    const keys = Object.keys(parent);
    const k = key !== undefined && key in parent ? key : (keys[m.path.length % Math.max(1, keys.length)] ?? 'x');
    const p = parent as Record<string, unknown>;
    if (m.op === 'delete') delete p[k as string];
    else if (m.op === 'replace') p[k as string] = m.value;
    else if (m.op === 'wrap') p[k as string] = [p[k as string], m.value];
    else p[k as string] = JSON.stringify(p[k as string] ?? null);
  }
  return root;
}

const body = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...validBodies()), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([b, ms]) => mutate(b, ms)),
  },
  { weight: 1, arbitrary: fc.constantFrom(...validBodies()) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { __proto__: { admin: true } },
      JSON.parse('{"__proto__": {"role": "admin"}, "policy": "qinzhou"}'),
      { constructor: { prototype: { isAdmin: true } } },
      { case: { household: { collective: { town: { $ne: null } } } } },
    ),
  },
);

const rawText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"a":', '[1,2', 'null', '""', '{"__proto__":{"x":1}}', '\u0000', 'nul\u0000l'),
);

const who = fc.constantFrom(
  'anonymous',
  'admin',
  'officer-qz',
  'clerk-a',
  'clerk-b',
  'researcher',
  'clerk-a (no csrf)',
  'researcher (bearer-ish)',
);

const caseIdInPath = fc.oneof(
  fc.constantFrom(0, 1).map((i) => () => ids[i]!),
  fc.string({ maxLength: 40 }).map((s) => () => encodeURIComponent(s) || 'x'),
  fc.constantFrom(
    () => '..%2F..%2Fusers',
    () => '%00',
    () => 'C001%20OR%201=1',
  ),
);

const endpoint = fc.oneof(
  fc
    .constantFrom(
      ['POST', '/api/session'],
      ['DELETE', '/api/session'],
      ['GET', '/api/session'],
      ['POST', '/api/users'],
      ['PATCH', '/api/users/clerk-b'],
      ['PATCH', '/api/users/admin'],
      ['POST', '/api/cases'],
      ['GET', '/api/cases'],
      ['PUT', '/api/policies/qinzhou'],
      ['PUT', '/api/policies/neijiang'],
      ['POST', '/api/policies'],
      ['POST', '/api/compare'],
      ['POST', '/api/eval'],
      ['POST', '/api/simulate'],
      ['POST', '/api/deadline'],
      ['GET', '/api/tasks'],
      ['GET', '/api/policies'],
    )
    .map(
      ([m, u]) =>
        () =>
          [m!, u!] as const,
    ),
  fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      caseIdInPath,
      fc.constantFrom('', '/commands', '/events', '/documents/form5', '/deadlines'),
    )
    .map(
      ([m, id, tail]) =>
        () =>
          [m, `/api/cases/${id()}${tail}`] as const,
    ),
  fc.tuple(fc.constantFrom('GET', 'POST'), fc.string({ maxLength: 30 })).map(
    ([m, s]) =>
      () =>
        [m, `/api/${encodeURIComponent(s)}?town=${encodeURIComponent(s)}`] as const,
  ),
);

function headersFor(w: string): Record<string, string> {
  if (w === 'anonymous') return {};
  if (w === 'clerk-a (no csrf)') return { cookie: auth['clerk-a']!.cookie };
  if (w === 'researcher (bearer-ish)') return { authorization: `Bearer ${auth.researcher!.csrf}` };
  return auth[w]!.headers;
}

describe.each(APPS)('fuzzing every endpoint: %s', (_name, factory) => {
  beforeAll(async () => {
    ids.length = 0;
    dir = tempDir();
    store = await freshStore(dir);
    await seedUsers(store);
    app = await factory({ store, clock: manualClock().now });
    for (const name of ['admin', 'officer-qz', 'clerk-a', 'clerk-b', 'researcher']) auth[name] = await login(app, name);
    for (const [who, town] of [
      ['clerk-a', TOWN_A],
      ['clerk-b', TOWN_B],
    ] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: auth[who]!.headers,
        payload: { policy: 'qinzhou', procedure: 'exit', case: caseIn(town) },
      });
      if (r.statusCode !== 201) throw new Error(`setup: ${r.statusCode} ${r.body}`);
      ids.push(r.json().id);
    }
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never answers 5xx, and a rejected request changes nothing', async () => {
    let runs = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        endpoint,
        who,
        fc.oneof({ weight: 5, arbitrary: body.map((b) => ({ json: b })) }, { weight: 1, arbitrary: rawText.map((t) => ({ raw: t })) }),
        async (ep, w, b) => {
          runs++;
          const [method, url] = ep();
          const before = await snapshot();
          const headers: Record<string, string> = { ...headersFor(w) };
          let payload: string | undefined;
          if (method !== 'GET') {
            headers['content-type'] = 'application/json';
            payload = 'json' in b ? (JSON.stringify(b.json) ?? 'null') : b.raw;
          }
          const r = await app.inject({ method: method as 'GET', url, headers, payload });
          statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
          expect(r.statusCode, `${method} ${url} as ${w}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
          if (r.statusCode >= 400) {
            expect(r.json().error.code, r.body).toMatch(/^[A-Z_]+$/);
            expect(await snapshot(), `${method} ${url} as ${w} → ${r.statusCode} changed the store`).toEqual(before);
          }
          // Those who may not write never changed anything, whatever the status.
          if (['anonymous', 'researcher', 'clerk-a (no csrf)', 'researcher (bearer-ish)'].includes(w) && !url.startsWith('/api/session')) {
            expect((await snapshot()).cases).toEqual(before.cases);
          }
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 25_000, seed: Number(process.env.FUZZ_SEED ?? 20260302) },
    );
    expect(runs).toBeGreaterThan(100);
    // The fuzzer reached the routes, not only the doors.
    expect([...statuses.keys()].some((s) => s === 200 || s === 201)).toBe(true);
    expect(statuses.has(401) && statuses.has(403) && statuses.has(400)).toBe(true);
    expect((await store.verifyAll()).ok).toBe(true);
  }, 60_000);
});
