// Holds responses to the OpenAPI document (GET /api/openapi.json): the response of a route must be
// one its document declares — the status (or its 4XX/5XX class), the media type, and for JSON the
// schema, validated with ajv (JSON Schema 2020-12, as OpenAPI 3.1 has it). Used in process by the
// HTTP test harnesses (an onSend hook: every response of every test) and over the network by the
// child-process harness and the property test.
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { FastifyInstance } from 'fastify';

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

// The CommonJS default export, as dsl/schema.ts takes it.
type AjvClass = new (opts: Record<string, unknown>) => {
  compile: (s: unknown) => ValidateFunction;
  addSchema: (s: object, key: string) => unknown;
};
const Ajv2020 = ((Ajv2020Import as unknown as { default?: AjvClass }).default ?? Ajv2020Import) as unknown as AjvClass;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; re: RegExp }[];

  constructor(readonly doc: Doc) {
    this.ajv.addSchema(doc as object, 'openapi');
    this.templates = Object.keys(doc.paths).map((template) => ({
      template,
      re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
    }));
  }

  /** The documented path for a request path (`/api/cases/01J…` → `/api/cases/{id}`), static segments first. */
  templateOf(path: string): string | undefined {
    const hits = this.templates.filter((t) => t.re.test(path));
    hits.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
    return hits[0]?.template;
  }

  /** Why this response is not one the document declares for the route, or null when it is. */
  problem(method: string, template: string, status: number, contentType: string, body: string | undefined): string | null {
    const where = `${method.toUpperCase()} ${template} → ${status}`;
    const op = this.doc.paths[template]?.[method.toLowerCase()];
    if (!op) return `${where}: no such operation in the OpenAPI document`;
    const responses = op.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) return `${where}: status not declared (declared: ${Object.keys(responses).join(', ')})`;
    const content = responses[key]!.content;
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    if (!content) return body ? `${where}: a body where none is declared` : null;
    if (!(type in content)) return `${where}: media type ${type || '(none)'} not declared (declared: ${Object.keys(content).join(', ')})`;
    if (!type.includes('json') || body === undefined) return null;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return `${where}: ${type} body is not JSON`;
    }
    const pointer = `openapi#/paths/${escape(template)}/${method.toLowerCase()}/responses/${key}/content/${escape(type)}/schema`;
    const validate = this.validator(pointer);
    if (validate(value)) return null;
    const e = validate.errors![0]!;
    return `${where}: ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`;
  }

  /** Why a response outside every route (a 404) is not the API's error shape, or null. */
  errorProblem(status: number, contentType: string, body: string | undefined): string | null {
    if (status < 400) return `${status}: a success from no route`;
    if (!contentType.includes('json')) return `${status}: ${contentType || '(none)'} where the error shape is JSON`;
    let value: unknown;
    try {
      value = JSON.parse(body ?? '');
    } catch {
      return `${status}: the error body is not JSON`;
    }
    const pointer = 'openapi#/components/schemas/ErrorBody';
    const validate = this.validator(pointer);
    return validate(value) ? null : `${status}: ${validate.errors![0]!.instancePath || '/'} ${validate.errors![0]!.message}`;
  }

  private validator(pointer: string): ValidateFunction {
    const hit = this.compiled.get(pointer);
    if (hit) return hit;
    const v = this.ajv.compile({ $ref: pointer });
    this.compiled.set(pointer, v);
    return v;
  }

  /** The operations of the document: [method, template]. */
  operations(): [string, string][] {
    return Object.entries(this.doc.paths).flatMap(([template, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.includes(m))
        .map((m): [string, string] => [m, template]),
    );
  }
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Fastify's `/api/cases/:id` as OpenAPI's `/api/cases/{id}`. */
export const openApiTemplate = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Checks every response of `app` against its own OpenAPI document. Mismatches are collected in
 * the returned list (the harness throws on them after each request) and make app.close() fail,
 * so that no test passes with a response its route does not declare.
 */
export function checkResponsesAgainstOpenApi(app: FastifyInstance): string[] {
  const problems: string[] = [];
  let checker: OpenApiChecker | undefined;
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url;
    // Not found: no route to hold it to, only the error shape.
    const template = url ? openApiTemplate(url) : undefined;
    if (req.method === 'HEAD' || (template && !template.startsWith('/api/')) || template?.startsWith('/api/docs')) return payload;
    checker ??= new OpenApiChecker(app.swagger() as unknown as Doc);
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!template) {
      if (!req.url.startsWith('/api')) return payload;
      const p = checker.errorProblem(reply.statusCode, type, text);
      if (p) problems.push(`(no route) ${req.method} ${req.url}: ${p}`);
      return payload;
    }
    const p = checker.problem(req.method, template, reply.statusCode, type, text);
    if (p) problems.push(`${p} (${req.method} ${req.url})`);
    return payload;
  });
  app.addHook('onClose', async () => {
    if (problems.length)
      throw new Error(`responses that do not match the OpenAPI document (engine/server/responses.ts):\n${problems.join('\n')}`);
  });
  return problems;
}
