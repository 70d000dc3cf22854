// The HTTP app as a value: buildApp() wires the case host, the policies and the calendar into a
// Fastify instance that tests drive with app.inject() — no socket. The listening adapter lives
// in engine/cli/commands/serve.ts.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { calendarFor as bundledCalendarFor, type Calendar } from '../calendar/index.ts';
import { MAX_BODY_BYTES } from '../accounts/limits.ts';
import { chinaInstant, systemClock, type Clock } from '../cases/clock.ts';
import type { PolicyCatalog } from '../cases/policies.ts';
import { CaseService } from '../cases/service.ts';
import type { Store } from '../store/index.ts';
import { installUserContext, type AuthOptions } from './auth.ts';
import { PdfService } from './documents.ts';
import { installErrorHandling } from './errors.ts';
import { installJsonParser } from './json-body.ts';
import { installOpenApi, openApiRoutes } from './openapi.ts';
import { installRequestLimits, type RequestLimitOptions } from './request-limits.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { registerCompareRoutes } from '../compare/routes.ts';
import { feedRoutes } from '../feeds/routes.ts';
import { registerXlsxExport } from '../compare/xlsx.ts';
import { caseRoutes } from './routes/cases.ts';
import { policyRoutes } from './routes/policies.ts';
import { policyDiffRoutes } from './routes/policy-diff.ts';
import { timeRoutes } from './routes/time.ts';
import { uiRoutes } from './routes/ui.ts';

export interface LogOptions {
  /** pino level: fatal, error, warn, info, debug, trace (default info). */
  level?: string;
  /** Where the JSON lines go (default stdout); tests pass a collecting stream. */
  stream?: { write(line: string): void };
}

export interface AppOptions extends AuthOptions {
  store: Store;
  policies: PolicyCatalog;
  /** One calendar for everything, or the calendar for a policy's layer ids. Default: the bundled layers. */
  calendar?: Calendar | ((layers: string[]) => Calendar);
  clock?: Clock;
  /** The built UI (ui/dist); null or missing index.html → a placeholder page. */
  uiDir?: string | null;
  /** Request body limit in bytes (default MAX_BODY_BYTES, 1 MiB → 413 beyond). */
  bodyLimit?: number;
  /** Structured request logs (JSON lines, one request id each); off unless given. */
  logger?: LogOptions | false;
  /**
   * Whether X-Forwarded-For/-Proto/-Host are believed (Fastify trustProxy): false (default) — the
   * socket's address is the client; true — whatever proxy sent the request; addresses or CIDRs —
   * only those proxies. Only a server behind a proxy of its own sets it.
   */
  trustProxy?: boolean | string[];
  /** Read and heavy-request limits per caller (engine/accounts/limits.ts); false turns them off (benches). */
  requestLimits?: Partial<RequestLimitOptions> | false;
}

export interface App extends FastifyInstance {
  cases: CaseService;
}

// Never logged, wherever they turn up in a logged object: credentials and request bodies.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'body',
  'req.body',
  '*.password',
  '*.token',
  '*.csrfToken',
];

/** A calendar feed's URL carries its credential: the log keeps the path, never the token. */
function redactUrl(url: string): string {
  return url.replace(/^(\/api\/feeds\/)[^/?#]+/i, '$1[redacted].ics');
}

function loggerOptions(opts: LogOptions | false | undefined) {
  if (!opts) return false;
  return {
    level: opts.level ?? 'info',
    ...(opts.stream ? { stream: opts.stream } : {}),
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      // What a request line says: no headers, no body — only where it went and from where.
      req: (r: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
        method: r.method,
        url: redactUrl(r.url),
        remoteAddress: r.ip ?? r.socket?.remoteAddress,
      }),
      res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
    },
  };
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    // Our own id for every request, never one a client sends: log lines cannot be forged into
    // another request's. Returned as X-Request-Id, so a user can quote it.
    genReqId: () => randomUUID(),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: opts.bodyLimit ?? MAX_BODY_BYTES,
    // Prototype poisoning is refused (400), not stripped silently.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: {
      // Validate, never repair: no coercion, no silently removed fields, one error at a time.
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false, strict: false },
    },
    routerOptions: { maxParamLength: 200 },
  }) as unknown as App;

  const clock = opts.clock ?? systemClock;
  const calendarFor =
    typeof opts.calendar === 'function'
      ? opts.calendar
      : opts.calendar
        ? () => opts.calendar as Calendar
        : (ids: string[]) => bundledCalendarFor(ids);
  const cases = new CaseService({ store: opts.store, policies: opts.policies, clock, calendarFor });
  app.decorate('cases', cases);
  const pdf = new PdfService();
  app.addHook('onClose', async () => {
    cases.close();
    await pdf.close();
  });

  // Before any route, so that every route's schemas are collected into the document.
  await installOpenApi(app);
  // First of all hooks, so that even a refusal in a later hook carries them.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await installSecurityHeaders(app);
  // The API speaks JSON only: text/plain is a 415 like any other type, not a string body.
  app.removeContentTypeParser('text/plain');
  installJsonParser(app);
  installErrorHandling(app);
  await installUserContext(app, opts);
  if (opts.requestLimits !== false)
    installRequestLimits(app, { now: () => clock.now().getTime(), buckets: opts.store.rateBuckets, ...opts.requestLimits });
  // Every API request sees the policy versions published on any instance (one cheap query when none was).
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/')) await cases.syncPolicies();
  });
  policyRoutes(
    app,
    opts.policies,
    () => cases.today(),
    (entry, e, compiled) => {
      const at = chinaInstant(clock.now());
      return opts.policies.publish(opts.store, entry, { at, by: e.actor, event: { ...e, at } }, compiled);
    },
  );
  policyDiffRoutes(app, { policies: opts.policies, cases, store: opts.store, calendarFor });
  caseRoutes(app, cases, pdf);
  feedRoutes(app, { store: opts.store, cases, clock });
  // Asked for by name, an unknown layer is the client's mistake (400), not a fallback.
  timeRoutes(app, typeof opts.calendar === 'function' ? opts.calendar : opts.calendar ? calendarFor : (ids) => bundledCalendarFor(ids));
  registerCompareRoutes(app, { policies: opts.policies, calendar: calendarFor });
  registerXlsxExport(app);
  await openApiRoutes(app);
  await uiRoutes(app, opts.uiDir);
  return app;
}
