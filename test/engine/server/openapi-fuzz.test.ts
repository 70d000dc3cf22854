// Requests made from the OpenAPI document itself — every path and method it lists, bodies and
// query strings generated from their schemas (and sometimes plain nonsense), random strings for
// path parameters — against a real app on a temporary SQLite file: never a 5xx, and every answer
// one its route declares (the harness checks each response against the document). Bounded: 300
// requests; simulations and population charts at most 200 households; PDFs not asked for.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../run/fixtures.ts';
import { testServer, type TestServer } from './helpers.ts';

type Schema = Record<string, any>;
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: Schema; required?: boolean }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

const EXAMPLE = JSON.parse(readFileSync(path.join(REPO, 'examples/household-qinzhou.json'), 'utf8'));

let s: TestServer;
let doc: Doc;
let caseId: string;
let policyCopy: string;

beforeAll(async () => {
  // A private copy of the policies: a PUT that publishes must never rewrite the checkout's files.
  policyCopy = mkdtempSync(path.join(os.tmpdir(), 'landflow-fuzz-policies-'));
  cpSync(path.join(REPO, 'policies'), path.join(policyCopy, 'policies'), { recursive: true });
  cpSync(path.join(REPO, 'examples'), path.join(policyCopy, 'examples'), { recursive: true });
  s = await testServer({ policyDir: path.join(policyCopy, 'policies') });
  doc = (await s.req('GET', '/api/openapi.json')).body;
  const open = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: EXAMPLE });
  expect(open.status).toBe(201);
  caseId = open.body.id;
}, 120_000);
afterAll(async () => {
  await s?.close();
  rmSync(policyCopy, { recursive: true, force: true });
});

/** Values for a schema: mostly what it allows, sometimes a near miss. */
function valueOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.jsonValue({ maxDepth: 1 });
  if (schema.$ref) {
    const name = String(schema.$ref).replace(/^#\/components\/schemas\//, '');
    // A real case for the case schema half the time: random objects stop at validation.
    if (name === 'CaseData') return fc.oneof(fc.constant(structuredClone(EXAMPLE)), valueOf(doc.components.schemas[name], depth + 1));
    return valueOf(doc.components.schemas[name], depth + 1);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((x: Schema) => valueOf(x, depth + 1)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((t: string) => valueOf({ ...schema, type: t }, depth)));
  switch (schema.type) {
    case 'string':
      return schema.pattern === '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
        ? fc.oneof(fc.constantFrom('2026-01-15', '2026-02-29', '2025-12-31', '2051-01-01'), fc.string({ maxLength: 12 }))
        : schema.pattern
          ? fc.oneof(
              { weight: 3, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) },
              { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
            )
          : fc.oneof(
              fc.string({ maxLength: schema.maxLength ? Math.min(schema.maxLength, 40) : 40 }),
              fc.constantFrom('qinzhou', 'neijiang', 'qinzhou-county', 'market.rentPerMuYear=300:600:100', '3 工作日', '钦南区某镇'),
            );
    case 'integer': {
      const min = schema.minimum ?? -3;
      return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? 400, min + 400)) });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueOf(schema.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) props[k] = valueOf(v as Schema, depth + 1);
      return fc.record(props, { requiredKeys: (schema.required ?? []).filter((k: string) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A path parameter: a real id, or any string at all (percent-encoded into the path). */
const param = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(caseId, 'qinzhou', 'neijiang', 'form4', 'dev', 'me') },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );

const HEAVY = new Set(['/api/simulate', '/api/charts/distribution.svg', '/api/charts/sweep.svg']);

function requestFor(method: string, template: string): fc.Arbitrary<{ url: string; body: unknown }> {
  const op = doc.paths[template]![method]!;
  const paramNames = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const queries = (op.parameters ?? []).filter((p) => p.in === 'query');
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const body = schema
    ? fc.oneof({ weight: 4, arbitrary: valueOf(schema) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })
    : fc.constant(undefined);
  const query = fc.record(Object.fromEntries(queries.map((q) => [q.name, valueOf(q.schema)])), { requiredKeys: [] });
  return fc.record({ params: fc.tuple(...paramNames.map(param)), query, body }).map(({ params, query: q, body: b }) => {
    let url = template;
    paramNames.forEach((n, i) => (url = url.replace(`{${n}}`, encodeURIComponent(params[i] as string))));
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    // Bounded: no PDF (a browser each), small populations.
    if (search.get('format') === 'pdf') search.set('format', 'html');
    if (HEAVY.has(template)) {
      search.set('n', String(1 + (url.length % 200)));
      if (b && typeof b === 'object' && !Array.isArray(b)) (b as Record<string, unknown>).n = 1 + (JSON.stringify(b).length % 200);
    }
    const qs = search.toString();
    return { url: qs ? `${url}?${qs}` : url, body: b };
  });
}

describe('requests generated from the OpenAPI document', () => {
  it('never get a 5xx, and every answer is one the route declares (600 requests over every operation)', async () => {
    const ops = Object.entries(doc.paths).flatMap(([template, methods]) => Object.keys(methods).map((m) => [m, template] as const));
    expect(ops.length).toBeGreaterThan(25);
    const seen = new Map<string, number[]>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ops).chain(([m, t]) => requestFor(m, t).map((r) => ({ method: m, template: t, ...r }))),
        async ({ method, template, url, body }) => {
          const r = await s.req(method.toUpperCase(), url, body === undefined ? undefined : JSON.stringify(body));
          seen.set(`${method} ${template}`, [...(seen.get(`${method} ${template}`) ?? []), r.status]);
          expect({ method, url, status: r.status, body: r.status >= 500 ? r.text : '' }).toEqual({
            method,
            url,
            status: expect.any(Number),
            body: '',
          });
          expect(r.status).toBeLessThan(500);
        },
      ),
      { numRuns: 600 },
    );
    // Not only refusals: some requests of most operations got through.
    if (process.env.FUZZ_DEBUG) console.log([...seen].map(([k, v]) => `${k} ${[...new Set(v)].join(',')}`).join('\n'));
    const through = [...seen.values()].filter((statuses) => statuses.some((x) => x < 300)).length;
    expect(through).toBeGreaterThan(ops.length / 3);
  }, 600_000);
});
