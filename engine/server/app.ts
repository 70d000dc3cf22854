// The HTTP app as a value: buildApp() wires the case host, the policies and the calendar into a
// Fastify instance that tests drive with app.inject() — no socket. The listening adapter lives
// in engine/cli/commands/serve.ts.
import Fastify, { type FastifyInstance } from 'fastify';
import { calendarFor as bundledCalendarFor, calendarForOrNational, type Calendar } from '../calendar/index.ts';
import { systemClock, type Clock } from '../cases/clock.ts';
import type { PolicyCatalog } from '../cases/policies.ts';
import { CaseService } from '../cases/service.ts';
import type { Store } from '../store/index.ts';
import { installUserContext, type AuthOptions } from './auth.ts';
import { PdfService } from './documents.ts';
import { installErrorHandling } from './errors.ts';
import { registerCompareRoutes } from '../compare/routes.ts';
import { caseRoutes } from './routes/cases.ts';
import { policyRoutes } from './routes/policies.ts';
import { timeRoutes } from './routes/time.ts';
import { uiRoutes } from './routes/ui.ts';

export interface AppOptions extends AuthOptions {
  store: Store;
  policies: PolicyCatalog;
  /** One calendar for everything, or the calendar for a policy's layer ids. Default: the bundled layers. */
  calendar?: Calendar | ((layers: string[]) => Calendar);
  clock?: Clock;
  /** The built UI (ui/dist); null or missing index.html → a placeholder page. */
  uiDir?: string | null;
  /** Request body limit in bytes (default 1 MiB → 413 beyond). */
  bodyLimit?: number;
  logger?: boolean;
}

export interface App extends FastifyInstance {
  cases: CaseService;
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    // Prototype poisoning is refused (400), not stripped silently.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: {
      // Validate, never repair: no coercion, no silently removed fields, one error at a time.
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false, strict: false },
    },
    routerOptions: { maxParamLength: 200 },
  }) as unknown as App;

  const calendarFor = typeof opts.calendar === 'function' ? opts.calendar : opts.calendar ? () => opts.calendar as Calendar : calendarForOrNational;
  const cases = new CaseService({ store: opts.store, policies: opts.policies, clock: opts.clock ?? systemClock, calendarFor });
  app.decorate('cases', cases);
  const pdf = new PdfService();
  app.addHook('onClose', async () => {
    cases.close();
    await pdf.close();
  });

  // The API speaks JSON only: text/plain is a 415 like any other type, not a string body.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  await installUserContext(app, opts);
  policyRoutes(app, opts.policies, () => cases.today());
  caseRoutes(app, cases, pdf);
  // Asked for by name, an unknown layer is the client's mistake (400), not a fallback.
  timeRoutes(app, typeof opts.calendar === 'function' ? opts.calendar : opts.calendar ? calendarFor : (ids) => bundledCalendarFor(ids));
  registerCompareRoutes(app, { policies: opts.policies, calendar: calendarFor });
  await uiRoutes(app, opts.uiDir);
  return app;
}
