// Nothing a client sends may reach the 500 handler: every malformed body, wrong type, unknown id
// and refused command is a 4xx JSON error with a pointer or an article, never a stack trace.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household } from '../run/fixtures.ts';
import { expectErrorShape, testServer, type TestServer } from './helpers.ts';

let s: TestServer;
let caseId: string;
beforeAll(async () => {
  s = await testServer({ bodyLimit: 64 * 1024 });
  const r = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() });
  caseId = r.body.id;
});
afterAll(async () => {
  await s.close();
});

async function raw(method: string, url: string, payload: string | Buffer | undefined, contentType = 'application/json') {
  const res = await s.app.inject({
    method: method as 'POST',
    url,
    ...(payload === undefined ? {} : { payload }),
    headers: payload === undefined ? {} : { 'content-type': contentType },
  });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : res.body };
}

describe("POST /api/cases with bad bodies (the acceptance check's seven, and more)", () => {
  const cases: [string, string, number, string?][] = [
    ['empty', '', 400],
    ['null', 'null', 400, ''],
    ['truncated', '{', 400],
    ['an array', '[]', 400, ''],
    ['an unknown policy, nothing else', '{"policy":"nope"}', 400, '/procedure'],
    ['parcels not a list', '{"policy":"qinzhou","procedure":"exit","case":{"parcels":"x"}}', 400, '/case'],
    ['base64 junk', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)).toString('base64'), 400],
    ['prototype poisoning', '{"__proto__":{"x":1},"policy":"qinzhou"}', 400],
    ['a string', '"case"', 400, ''],
    ['a wrong procedure', JSON.stringify({ policy: 'qinzhou', procedure: 'sell', case: household() }), 400, '/procedure'],
    ['an extra field', JSON.stringify({ policy: 'qinzhou', procedure: 'exit', case: household(), colour: 'red' }), 400, '/colour'],
  ];
  for (const [name, body, status, path] of cases) {
    it(`${name} → ${status}${path !== undefined ? ` at "${path}"` : ''}`, async () => {
      const r = await raw('POST', '/api/cases', body);
      expect(r.status).toBe(status);
      expectErrorShape(r.body);
      if (path !== undefined) expect(r.body.error.path?.startsWith(path)).toBe(true);
    });
  }

  it('a bad field deep in the case is named by its JSON pointer', async () => {
    const c = household() as any;
    c.parcels[0].area = 1.2;
    let r = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: c });
    expect(r.status).toBe(400);
    expect(r.body.error.path).toBe('/case/parcels/0/area');
    expect(r.body.error.message).toMatch(/^请求体 \/case\/parcels\/0\/area 类型不对 — /);
    const d = household() as any;
    d.parcels = 'x';
    r = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: d });
    expect(r.body.error.path).toBe('/case/parcels');
    const e = household() as any;
    delete e.household.head;
    r = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: e });
    expect(r.body.error.path).toBe('/case/household/head');
  });

  it('an unknown policy with a valid body is 404 at /policy; a procedure the policy lacks is 400 at /procedure', async () => {
    let r = await s.req('POST', '/api/cases', { policy: 'nope', procedure: 'exit', case: household() });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'POLICY_NOT_FOUND', path: '/policy' });
    r = await s.req('POST', '/api/cases', { policy: 'neijiang', procedure: 'transfer', case: household() });
    expect(r.status).toBe(400);
    expect(r.body.error.path).toBe('/procedure');
    const noExit = household() as any;
    delete noExit.exit;
    r = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: noExit });
    expect(r.status).toBe(400);
    expect(r.body.error.path).toBe('/case/exit');
  });

  it('too large → 413; not JSON → 415; both as the error shape', async () => {
    const big = JSON.stringify({ policy: 'qinzhou', procedure: 'exit', case: household(), pad: 'x'.repeat(70 * 1024) });
    let r = await raw('POST', '/api/cases', big);
    expect(r.status).toBe(413);
    expectErrorShape(r.body);
    r = await raw('POST', '/api/cases', 'policy=qinzhou', 'application/x-www-form-urlencoded');
    expect(r.status).toBe(415);
    expectErrorShape(r.body);
    r = await raw('POST', '/api/cases', 'hello', 'text/plain');
    expect(r.status).toBe(415);
  });
});

describe('commands with bad bodies', () => {
  const url = () => `/api/cases/${caseId}/commands`;
  const cases: [string, unknown, number, string?][] = [
    ['no type', { expectedVersion: 2 }, 400, '/type'],
    ['no version', { type: 'terminate' }, 400, '/expectedVersion'],
    ['version 0', { type: 'terminate', expectedVersion: 0 }, 400, '/expectedVersion'],
    ['version as text', { type: 'terminate', expectedVersion: '2' }, 400, '/expectedVersion'],
    ['payload a list', { type: 'terminate', expectedVersion: 2, payload: [] }, 400, '/payload'],
    ['unknown command', { type: 'sell', expectedVersion: 2, payload: {} }, 400, '/type'],
    ['missing required field', { type: 'terminate', expectedVersion: 2, payload: {} }, 400, '/payload/reason'],
    [
      'a date that does not exist',
      { type: 'receiveWrittenNotice', expectedVersion: 2, payload: { date: '2026-02-30' } },
      400,
      '/payload/date',
    ],
    [
      'a float where a count goes',
      { type: 'recordVote', expectedVersion: 2, payload: { body: '成员大会', entitled: 30.5, present: 1, yes: 1, no: 0, abstain: 0 } },
      400,
      '/payload/entitled',
    ],
    ['a command of a later step', { type: 'signContract', expectedVersion: 2, payload: {} }, 409],
    ['a stale version', { type: 'terminate', expectedVersion: 7, payload: { reason: 'x' } }, 409, '/expectedVersion'],
  ];
  for (const [name, body, status, path] of cases) {
    it(`${name} → ${status}`, async () => {
      const r = await s.req('POST', url(), body);
      expect(r.status).toBe(status);
      expectErrorShape(r.body);
      if (path !== undefined) expect(r.body.error.path).toBe(path);
    });
  }

  it('bad query strings are 400 with the parameter named', async () => {
    let r = await s.req('GET', '/api/tasks?date=tomorrow');
    expect(r.status).toBe(400);
    expect(r.body.error.path).toBe('/date');
    r = await s.req('GET', '/api/cases?limit=many');
    expect(r.status).toBe(400);
    r = await s.req('GET', '/api/cases?colour=red');
    expect(r.status).toBe(400);
    r = await s.req('GET', `/api/cases/${caseId}/documents/${encodeURIComponent('退出合同')}?format=docx`);
    expect(r.status).toBe(400);
    r = await s.req('GET', '/api/policies/qinzhou/workflow?procedure=sell');
    expect(r.status).toBe(400);
  });

  it('unknown API paths and methods are 404 JSON', async () => {
    for (const [m, u] of [
      ['GET', '/api/nothing'],
      ['DELETE', `/api/cases/${caseId}`],
      ['POST', '/api/policies'],
      ['GET', '/api/policies/nope'],
      ['GET', '/api/policies/nope/workflow'],
    ] as const) {
      const r = await s.req(m, u);
      expect({ m, u, status: r.status }).toEqual({ m, u, status: 404 });
      expectErrorShape(r.body);
    }
  });
});

describe('property: no client input reaches the 500 handler', () => {
  it('arbitrary JSON values as a new case or a command get a 4xx JSON error or a success, never a 5xx', async () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    const caseLike = fc.record(
      {
        policy: fc.oneof(fc.constant('qinzhou'), fc.constant('model-scheme'), fc.string()),
        procedure: fc.oneof(fc.constant('exit'), fc.constant('transfer'), fc.string()),
        mode: fc.oneof(fc.constant(null), fc.constant('permanent'), fc.string()),
        case: fc.oneof(value, fc.constant(household()), fc.constant({ ...household(), parcels: [] })),
      },
      { requiredKeys: [] },
    );
    const command = fc.record(
      {
        type: fc.oneof(
          fc.constantFrom('receiveWrittenNotice', 'recordVote', 'signContract', 'recordPayment', 'terminate', 'withdraw'),
          fc.string(),
        ),
        expectedVersion: fc.oneof(fc.integer({ min: -1, max: 5 }), value),
        payload: fc.oneof(
          value,
          fc.dictionary(fc.constantFrom('date', 'amount', 'body', 'yes', 'reason', 'consents', 'case', 'step'), value),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(value, caseLike), fc.oneof(value, command), async (a, b) => {
        for (const [url, body] of [
          ['/api/cases', a],
          [`/api/cases/${caseId}/commands`, b],
          ['/api/eval', a],
        ] as const) {
          const r = await s.req('POST', url, JSON.stringify(body));
          if (r.status >= 500) throw new Error(`${url} ${JSON.stringify(body).slice(0, 300)} → ${r.status} ${r.text.slice(0, 300)}`);
          if (r.status >= 400) expectErrorShape(r.body);
        }
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });
});
