// Calendar feeds over HTTP. A signed-in user makes a feed token (POST /api/users/me/feed-token)
// and gives its URL to a calendar program, which fetches GET /api/feeds/<token>.ics without a
// session: the user's tasks as GET /api/tasks gives them (a clerk's town only, personal data
// masked for those who see it masked), one all-day event per dated task. DELETE revokes the token,
// as does a new one. GET /api/cases/:id/deadlines.ics is one case's deadlines, under the session.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorize, mustMask } from '../accounts/authorize.ts';
import { MAX_PAGE_SIZE } from '../accounts/limits.ts';
import { maskPersonalData } from '../accounts/mask.ts';
import { newSessionToken, sessionTokenHash, TOKEN } from '../accounts/sessions.ts';
import { toPrincipal } from '../accounts/users.ts';
import { CaseError } from '../cases/errors.ts';
import { chinaInstant, type Clock } from '../cases/clock.ts';
import type { CaseService, Task } from '../cases/service.ts';
import type { CaseState } from '../run/index.ts';
import { UserNotFoundError, type Store } from '../store/index.ts';
import { requireUser } from '../server/auth.ts';
import { errorOf, httpStatus, sendError } from '../server/errors.ts';
import { msg } from '../../dsl/message.ts';
import { deadlinesIcsResponse, feedResponse, feedTokenResponse, okBody, json } from '../server/responses.ts';
import { dateQuery, feedParams, idParams } from '../server/schemas.ts';
import { calendarEvents, deadlineEntry, taskEntry } from './events.ts';
import { icsText } from './ics.ts';

/** A feed this long is a town's whole year: beyond it the feed is cut, never unbounded. */
const MAX_FEED_EVENTS = 5000;

export interface FeedRouteOptions {
  store: Store;
  cases: CaseService;
  clock: Clock;
}

function sendIcs(reply: FastifyReply, text: string, filename: string): FastifyReply {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-cache')
    .send(text);
}

export function feedRoutes(app: FastifyInstance, opts: FeedRouteOptions): void {
  const tokens = opts.store.feedTokens;
  const stamp = () => chinaInstant(opts.clock.now());

  const tokenSchema = (summary: string, response: Record<string, unknown>) => ({ schema: { summary, tags: ['feeds'], response } });

  app.post('/api/users/me/feed-token', tokenSchema('Make (or replace) your calendar feed token', feedTokenResponse), async (req, reply) => {
    const user = requireUser(req);
    const token = newSessionToken();
    try {
      // The token and its record in the audit trail: one transaction.
      await tokens.set(user.id, sessionTokenHash(token), stamp(), { type: 'feedTokenCreated', actor: user.id, at: stamp() });
    } catch (e) {
      if (e instanceof UserNotFoundError) throw new CaseError('notFound', 'USER_NOT_FOUND', e.text);
      throw e;
    }
    const url = `${req.protocol}://${req.host}/api/feeds/${token}.ics`;
    return reply.code(201).header('cache-control', 'no-store').send({ url, token });
  });

  app.delete(
    '/api/users/me/feed-token',
    tokenSchema('Revoke your calendar feed token', { 200: json(okBody, 'The token no longer opens the feed') }),
    async (req) => {
      const user = requireUser(req);
      await tokens.delete(user.id, { type: 'feedTokenRevoked', actor: user.id, at: stamp() });
      return { ok: true };
    },
  );

  app.get<{ Params: { token: string } }>(
    '/api/feeds/:token.ics',
    {
      schema: {
        summary: 'Your tasks as an iCalendar feed (the token is the credential)',
        tags: ['feeds'],
        params: feedParams,
        response: feedResponse,
      },
    },
    async (req, reply) => {
      const found = TOKEN.test(req.params.token) ? await tokens.find(sessionTokenHash(req.params.token)) : undefined;
      // Unknown, revoked and disabled alike: one answer, nothing about which.
      if (!found || found.user.disabled) return sendError(reply, 401, errorOf('UNAUTHENTICATED', msg('auth.feedLink')));
      const principal = toPrincipal(found.user);
      const town = principal.role === 'clerk' ? (principal.town ?? undefined) : undefined;
      const allowed = authorize(principal, 'task.read', { town });
      if (!allowed.ok) return sendError(reply, httpStatus(allowed.kind), errorOf(allowed.code, allowed.text));
      const tasks = await allTasks(opts.cases, town);
      const shown = mustMask(principal, town) ? (maskPersonalData(tasks) as Task[]) : tasks;
      const entries = shown.map(taskEntry).filter((e) => e !== null);
      const name = `landflow 待办 tasks · ${town ?? '全部 all towns'}`;
      return sendIcs(reply, icsText({ name, stamp: stamp(), events: calendarEvents(entries) }), 'landflow.ics');
    },
  );

  app.get<{ Params: { id: string }; Querystring: { date?: string } }>(
    '/api/cases/:id/deadlines.ics',
    {
      schema: {
        summary: "A case's open deadlines as iCalendar",
        tags: ['cases'],
        params: idParams,
        querystring: dateQuery,
        response: deadlinesIcsResponse,
      },
    },
    async (req, reply) => {
      const view = await opts.cases.get(req.params.id);
      const state = view.state as CaseState;
      const c = { id: view.id, policy: view.policy, head: state.case?.household?.head?.name ?? '' };
      const entries = (await opts.cases.deadlines(view.id, req.query.date ?? opts.cases.today()))
        .map((d) => deadlineEntry(c, d))
        .filter((e) => e !== null);
      const name = `landflow ${c.head ? `${c.head} ` : ''}${view.id}`;
      return sendIcs(reply, icsText({ name, stamp: stamp(), events: calendarEvents(entries) }), `${view.id}.ics`);
    },
  );
}

/** Today's tasks of a town (or of all towns), every page, up to MAX_FEED_EVENTS. */
async function allTasks(cases: CaseService, town: string | undefined): Promise<Task[]> {
  const out: Task[] = [];
  const date = cases.today();
  let after: string | undefined;
  do {
    const page = await cases.tasks({ date, ...(town ? { town } : {}) }, { limit: MAX_PAGE_SIZE, ...(after ? { after } : {}) });
    out.push(...page.items);
    after = page.next ?? undefined;
  } while (after && out.length < MAX_FEED_EVENTS);
  if (out.length > MAX_FEED_EVENTS) out.length = MAX_FEED_EVENTS;
  return out;
}
