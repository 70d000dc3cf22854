// The OpenAPI document (engine/server/openapi.ts): 3.1, every route with its success and error
// responses, the UI's generated types up to date, and the response check the HTTP tests run on
// every response (openapi-check.ts) catching a response its route does not declare.
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesText, openApiDocument } from '../../../engine/server/gen-api-types.ts';
import { installOpenApi } from '../../../engine/server/openapi.ts';
import { closed, json, str } from '../../../engine/server/responses.ts';
import type { OpenApiDocument } from '../../../engine/server/api-types.ts';
import { checkResponsesAgainstOpenApi, OpenApiChecker } from './openapi-check.ts';

let doc: OpenApiDocument & { openapi?: string; components: { schemas: Record<string, unknown> } };

beforeAll(async () => {
  doc = (await openApiDocument()) as typeof doc;
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0, with named components for the shared shapes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'CaseData',
        'ErrorBody',
        'CaseView',
        'CaseSummary',
        'Task',
        'Deadline',
        'Workflow',
        'Evaluation',
        'SimulationResult',
      ]),
    );
  });

  it('names every route of the server as `landflow serve` builds it, the accounts and the feeds included', () => {
    const ops = new OpenApiChecker(doc).operations().map(([m, p]) => `${m.toUpperCase()} ${p}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        'POST /api/session',
        'GET /api/users',
        'PATCH /api/users/{name}',
        'POST /api/users/me/feed-token',
        'DELETE /api/users/me/feed-token',
        'GET /api/feeds/{token}.ics',
        'GET /api/cases/{id}/deadlines.ics',
        'POST /api/cases/{id}/commands',
        'GET /api/compare/parameters',
        'POST /api/compare/export.xlsx',
        'POST /api/simulate',
        'GET /api/openapi.json',
      ]),
    );
    expect(ops.some((o) => /\/api\/docs|^GET \/$|\/\*/.test(o))).toBe(false);
  });

  it('every operation declares a success response with its media types and the error shape for 4XX and 5XX', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const responses = op.responses ?? {};
        const ok = Object.entries(responses).filter(([s]) => /^2\d\d$/.test(s));
        expect([method, path, ok.length]).not.toEqual([method, path, 0]);
        for (const [, r] of ok) expect([method, path, Object.keys(r.content ?? {}).length > 0]).toEqual([method, path, true]);
        for (const k of ['4XX', '5XX']) {
          expect([method, path, k, responses[k]?.content?.['application/json']?.schema]).toEqual([
            method,
            path,
            k,
            expect.objectContaining({}),
          ]);
        }
      }
    }
  });

  it('ui/src/api-types.ts is what `npm run gen:api-types` writes from the current document (run it after changing a schema)', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await apiTypesText());
  });
});

describe('the response check of the HTTP tests', () => {
  let app: FastifyInstance;
  let problems: string[];

  beforeAll(async () => {
    app = Fastify();
    await installOpenApi(app);
    const shape = { 200: json(closed({ a: str }), 'a') };
    app.get('/api/ok', { schema: { response: shape } }, async () => ({ a: 'x' }));
    app.get('/api/extra', { schema: { response: shape } }, async () => ({ a: 'x', b: 1 }));
    app.get('/api/wrong', { schema: { response: shape } }, async () => ({ a: 1 }));
    app.get('/api/csv', { schema: { response: shape } }, async (_req, reply) => reply.type('text/csv').send('a,b\n'));
    app.get('/api/teapot', { schema: { response: shape } }, async (_req, reply) => reply.code(418 as 200).send({ nope: true }));
    problems = checkResponsesAgainstOpenApi(app);
    await app.ready();
  });
  afterAll(async () => {
    problems.length = 0;
    await app.close();
  });

  it('passes a declared response and sends it unchanged: no property dropped, none coerced', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/extra' });
    // JSON.stringify, not the compiled serializer: b is kept (and reported), never silently lost.
    expect(r.json()).toEqual({ a: 'x', b: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/wrong' })).json()).toEqual({ a: 1 });
    problems.length = 0;
    await app.inject({ method: 'GET', url: '/api/ok' });
    expect(problems).toEqual([]);
  });

  it('reports an extra property, a wrong type, an undeclared media type and an undeclared error shape', async () => {
    problems.length = 0;
    for (const url of ['/api/extra', '/api/wrong', '/api/csv', '/api/teapot', '/api/nowhere']) await app.inject({ method: 'GET', url });
    expect(problems).toEqual([
      'GET /api/extra → 200: / must NOT have additional properties {"additionalProperty":"b"} (GET /api/extra)',
      'GET /api/wrong → 200: /a must be string {"type":"string"} (GET /api/wrong)',
      'GET /api/csv → 200: media type text/csv not declared (declared: application/json) (GET /api/csv)',
      expect.stringMatching(/^GET \/api\/teapot → 418: \/ must have required property 'error'/),
      expect.stringMatching(/^\(no route\) GET \/api\/nowhere: 404: /),
    ]);
  });

  it('makes app.close() fail while a problem is unresolved, so no test passes over one', async () => {
    const other = Fastify();
    await installOpenApi(other);
    other.get('/api/wrong', { schema: { response: { 200: json(closed({ a: str }), 'a') } } }, async () => ({ a: 1 }));
    checkResponsesAgainstOpenApi(other);
    await other.inject({ method: 'GET', url: '/api/wrong' });
    await expect(other.close()).rejects.toThrow(/responses that do not match the OpenAPI document/);
  });
});
