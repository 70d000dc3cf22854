// The OpenAPI 3.1 document of the HTTP API, generated from the routes' own schemas (@fastify/swagger,
// dynamic mode): request schemas are what Fastify validates, response schemas what the tests hold
// every response to (engine/server/responses.ts). Served at /api/openapi.json, with an interactive
// reference at /api/docs (@fastify/swagger-ui) under a content security policy of its own.
//
// Responses are written with JSON.stringify (responses.ts jsonSerializerCompiler): a schema that
// falls behind the engine fails a test (test/engine/server/openapi-check.ts), it never loses data.
import { PACKAGE_VERSION } from '../version.ts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { addResponseComponents, jsonSerializerCompiler, openApiResponse, ref } from './responses.ts';
import { caseSchema } from './schemas.ts';
import { API_DOCS } from './security-headers.ts';

const OPENAPI_PATH = '/api/openapi.json';
const DOCS_PREFIX = '/api/docs';

const ERRORS = {
  '4xx': {
    description: 'A client error: { error: { code, message, path?, cite? } } (engine/server/API.md lists the codes).',
    ...ref('ErrorBody'),
  },
  '5xx': {
    description: 'PDF rendering or the simulation pool unavailable (503), or an unexpected fault (500, generic message).',
    ...ref('ErrorBody'),
  },
};

const DESCRIPTION = `土地承包经营权有偿转让、退出 — policies, comparisons and the clerks' workflow over HTTP.

Errors are always \`{ "error": { "code", "message", "path"?, "cite"? } }\`, the message Chinese first,
English after; \`path\` is a JSON pointer into the request body or query. Sign in with
\`POST /api/session\`: a browser gets an HttpOnly session cookie (send the CSRF token in
\`x-csrf-token\` with every write), a script asks for \`bearer: true\` and sends
\`Authorization: Bearer …\`. See engine/server/API.md for rate limits, paging and the case commands.`;

/**
 * Before any route: the shared response schemas, JSON.stringify for responses, the error responses
 * on every route, and the collector of route schemas. Routes outside /api (the UI's files) are
 * left out of the document.
 */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema({ $id: 'CaseData', title: 'CaseData', description: 'A case file (docs/case-model.md)', ...caseSchema });
  addResponseComponents(app);
  app.setSerializerCompiler(jsonSerializerCompiler);
  app.addHook('onRoute', (route: RouteOptions & { helmet?: unknown }) => {
    const url = route.url ?? '';
    if (url.startsWith(DOCS_PREFIX)) route.helmet = API_DOCS;
    if (!url.startsWith('/api/') || url.startsWith(DOCS_PREFIX)) {
      route.schema = { ...route.schema, hide: true } as typeof route.schema;
      return;
    }
    const schema = (route.schema ?? {}) as { response?: Record<string, unknown> };
    route.schema = { ...schema, response: { ...ERRORS, ...schema.response } } as typeof route.schema;
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'landflow', version: PACKAGE_VERSION, description: DESCRIPTION },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'landflow_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    // Shared schemas keep their names: #/components/schemas/Case, not def-4.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
}

/** After the routes: the document itself and the interactive reference. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    OPENAPI_PATH,
    { schema: { summary: 'This API as an OpenAPI 3.1 document', tags: ['meta'], response: openApiResponse } },
    async () => app.swagger(),
  );
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // No call to the public validator badge: the page talks to this server only.
    validatorUrl: false,
    uiConfig: { deepLinking: true, docExpansion: 'list', defaultModelsExpandDepth: 0 },
    theme: { title: 'landflow API' },
  });
}
