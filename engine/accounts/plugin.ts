// The accounts layer of the HTTP server: sessions, CSRF, rate limits, permissions and masking,
// applied to every route by hooks, plus the /api/session and /api/users routes. Register it on the
// root instance before any other route:  await registerAuth(app, { store, clock, policyRegion }).
//
// Order per request: onRequest resolves the session, rate-limits, checks CSRF and answers 401 to
// anonymous requests for protected routes before their body is even parsed; preValidation (body
// parsed, not yet validated) checks role and scope (403), pins a clerk's lists to their town and
// refuses oversized policy sources (413); onSend masks personal data in case JSON for those who
// may not read it in full. A request whose session has ended (idle or past its lifetime) gets 401
// SESSION_EXPIRED where an anonymous one would get 401 UNAUTHENTICATED, so the page can say why.
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LastAdminError, UserExistsError, UserNotFoundError, isCaseId, type Store, type UserStore } from '../store/index.ts';
import {
  authorize,
  mayEver,
  mustMask,
  type Decision,
  type PolicyRegion,
  type Principal,
  type Refused,
  type Resource,
} from './authorize.ts';
import { policySizeProblem } from './limits.ts';
import { maskPersonalData } from './mask.ts';
import type { LockoutPolicy } from './lockout.ts';
import type { HashOptions } from './password.ts';
import { SharedRateLimiter } from './rate-limit.ts';
import { SAFE_METHODS, classify, isApiPath, isSessionRoute, pathSegments, type RouteRule } from './routes.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, SessionService, csrfMatches, type ActiveSession } from './sessions.ts';
import {
  AccountInputError,
  changePassword,
  checkPassword,
  createUser,
  publicUser,
  setUserDisabled,
  unlockUser,
  type AccountAudit,
} from './users.ts';
import { isJsonObject } from '../../dsl/json-text.ts';
import { msg, type Message } from '../../dsl/message.ts';
import type { ErrorKind } from '../cases/errors.ts';
import { badRequest, describeValidation, errorOf, httpStatus, sendError } from '../server/errors.ts';
import { BAD_LOGIN_TEXT } from './sessions.ts';
import {
  anonymousSession,
  loginBody as loginAnswer,
  okBody,
  publicUser as publicUserSchema,
  sessionBody as sessionBodySchema,
} from '../server/responses.ts';
import { loginBody, newUserBody, userParams, userPatchBody } from '../server/schemas.ts';

type Instant = Date | string | number;
/** The injected clock: a function, or an object with now() (engine/cases/clock.ts's Clock). */
export type Clock = (() => Instant) | { now(): Instant };

export interface RateLimitSettings {
  /** Login attempts per minute per client address (default 10, burst 10). */
  loginPerMinute?: number;
  /** Writes (non-GET requests) per minute per user, or per address when anonymous (default 1200, burst 300). */
  writesPerMinute?: number;
}

export interface AuthOptions {
  store: Store;
  /** The injected clock: session expiry, account timestamps, rate limits. */
  clock: Clock;
  /** The region of a loaded policy (its meta.region), for officers' scope. */
  policyRegion?: (policyId: string) => PolicyRegion | undefined;
  /** Absolute session lifetime (default 10 h). */
  sessionTtlMs?: number;
  /** A session with no request for this long ends (default 30 min). */
  sessionIdleMs?: number;
  /** Per-account back-off and lock-out (default engine/accounts/lockout.ts LOCKOUT). */
  lockout?: LockoutPolicy;
  /** false turns rate limiting off (tests that fire many requests). */
  rateLimit?: RateLimitSettings | false;
  /** The Secure cookie flag: 'auto' (default) sets it when the request came over HTTPS. */
  secureCookies?: boolean | 'auto';
  /** scrypt cost for passwords set through /api/users (tests pass a small N). */
  hashOptions?: HashOptions;
}

export interface AuthContext {
  users: UserStore;
  sessions: SessionService;
}

export type RequestSession = ActiveSession & { via: 'cookie' | 'bearer' };

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. Set by the accounts plugin on every request. */
    user: Principal | null;
    /** The session behind `user`, or null. */
    authSession: RequestSession | null;
  }
}

const MASK = Symbol('landflow.mask');
type Masked = FastifyRequest & { [MASK]?: boolean };

export function toMs(v: Date | string | number): number {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(ms)) throw new RangeError(`clock returned an invalid time: ${String(v)}`);
  return ms;
}

/** A refusal's answer: its kind's status (engine/server/errors.ts), its code and why. */
export function sendDecision(reply: FastifyReply, d: Refused): FastifyReply {
  return sendError(reply, httpStatus(d.kind), errorOf(d.code, d.text));
}

function bearerToken(h: unknown): string | undefined {
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1] : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The towns a new case names: its place, and its household's collective. */
function newCaseTowns(body: unknown): string[] {
  if (!isJsonObject(body)) return [];
  const towns = new Set<string>();
  const place = body.place;
  if (isJsonObject(place) && str(place.town) !== undefined) towns.add(place.town as string);
  const c = body.case;
  const coll = isJsonObject(c) && isJsonObject(c.household) && isJsonObject(c.household.collective) ? c.household.collective : undefined;
  if (coll && str(coll.town) !== undefined) towns.add(coll.town as string);
  return [...towns];
}

export async function registerAuth(app: FastifyInstance, opts: AuthOptions): Promise<AuthContext> {
  const clock = opts.clock;
  const now = () => toMs(typeof clock === 'function' ? clock() : clock.now());
  const iso = () => new Date(now()).toISOString();
  const users = opts.store.users;
  const sessions = new SessionService(opts.store, {
    now,
    ttlMs: opts.sessionTtlMs,
    idleMs: opts.sessionIdleMs,
    lockout: opts.lockout,
  });
  const limits = opts.rateLimit === false ? undefined : (opts.rateLimit ?? {});
  // In the database, leased in batches: one limit over every instance (rate-limit.ts SharedRateLimiter).
  const buckets = opts.store.rateBuckets;
  const loginPerMinute = limits?.loginPerMinute ?? 10;
  const loginLimiter = limits && new SharedRateLimiter({ perMinute: loginPerMinute, now, buckets, name: `login ${loginPerMinute}` });
  const writesPerMinute = limits?.writesPerMinute ?? 1200;
  const writeLimiter =
    limits &&
    new SharedRateLimiter({
      perMinute: writesPerMinute,
      capacity: Math.max(1, Math.floor(writesPerMinute / 4)),
      now,
      buckets,
      name: `write ${writesPerMinute}`,
    });

  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  if (!app.hasRequestDecorator('user')) app.decorateRequest('user', null);
  app.decorateRequest('authSession', null);

  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: opts.secureCookies ?? ('auto' as const) };

  app.addHook('onRequest', async (req, reply) => {
    req.user = null;
    req.authSession = null;
    if (!isApiPath(req.url)) return;
    const bearer = bearerToken(req.headers.authorization);
    const token = bearer ?? req.cookies?.[SESSION_COOKIE];
    const found = await sessions.lookup(token);
    const s = found.state === 'active' ? found.session : undefined;
    if (s) {
      req.user = s.user;
      req.authSession = { ...s, via: bearer ? 'bearer' : 'cookie' };
    }
    const unsafe = !SAFE_METHODS.has(req.method);
    const login = unsafe && req.method === 'POST' && isSessionRoute(req.url);

    if (loginLimiter && writeLimiter && unsafe) {
      const t = await (login ? loginLimiter.take(`login ${req.ip}`) : writeLimiter.take(s ? `user ${s.user.name}` : `ip ${req.ip}`));
      if (!t.ok) {
        reply.header('retry-after', String(t.retryAfterSec));
        return sendError(
          reply,
          httpStatus('tooManyRequests'),
          errorOf('RATE_LIMITED', msg('auth.rateLimited', { seconds: t.retryAfterSec })),
        );
      }
    }
    // A browser sends the cookie on its own; only our page can read the CSRF token to echo it.
    // A bearer token is never sent by a browser on its own, so it needs no CSRF token.
    if (unsafe && s && !bearer && !login && !csrfMatches(s.token, req.headers[CSRF_HEADER])) {
      return sendError(reply, httpStatus('forbidden'), errorOf('CSRF', msg('auth.csrf', { header: CSRF_HEADER })));
    }
    const rule = classify(req.method, req.url);
    if (rule && !s) {
      const d = authorize(null, rule.action);
      if (!d.ok && d.kind === 'unauthenticated' && found.state === 'ended') {
        if (!bearer) clearSessionCookies(reply);
        return sendError(reply, httpStatus(d.kind), errorOf('SESSION_EXPIRED', endedMessage(found.reason)));
      }
      if (!d.ok) return sendDecision(reply, d);
    }
  });

  const minutes = (ms: number) => Math.round(ms / 60_000);
  function endedMessage(reason: 'idle' | 'expired') {
    switch (reason) {
      case 'idle':
        return msg('auth.sessionIdle', { minutes: minutes(sessions.idleMs) });
      case 'expired':
        return msg('auth.sessionExpired', { minutes: minutes(sessions.ttlMs) });
    }
  }

  app.addHook('preValidation', async (req, reply) => {
    if (!isApiPath(req.url)) return;
    const body = req.body;
    if (!SAFE_METHODS.has(req.method) && isJsonObject(body) && typeof body.source === 'string') {
      const segs = pathSegments(req.url);
      const problem = policySizeProblem(body.source, segs[1] === 'policies' && segs[2] ? segs[2] : 'source');
      if (problem) return sendError(reply, httpStatus('tooLarge'), errorOf('POLICY_TOO_LARGE', problem, { path: '/source' }));
    }
    const rule = classify(req.method, req.url, body);
    if (!rule) return;
    const refusal = await check(req, rule);
    if (refusal)
      return sendError(reply, httpStatus(refusal.kind), errorOf(refusal.code, refusal.text, refusal.path ? { path: refusal.path } : {}));
  });

  interface Refusal {
    kind: ErrorKind;
    code: string;
    text: Message;
    path?: string;
  }

  const refused = (d: Decision): Refusal | null => (d.ok ? null : d);

  // A case's town is one of its fixed fields (sealed when it opens, never written again), so the
  // scope check reads each case once, not its whole record at every request about it.
  const caseTowns = new Map<string, string>();
  async function townOf(caseId: string): Promise<string | undefined> {
    const known = caseTowns.get(caseId);
    if (known !== undefined) return known;
    const rec = isCaseId(caseId) ? await opts.store.getCase(caseId) : undefined;
    if (!rec) return undefined;
    if (caseTowns.size >= 10_000) caseTowns.clear();
    caseTowns.set(caseId, rec.place.town);
    return rec.place.town;
  }

  /** Role and scope of a request whose body is parsed: null when allowed. */
  async function check(req: FastifyRequest, rule: RouteRule): Promise<Refusal | null> {
    const user = req.user;
    const scope = rule.scope;
    let resource: Resource = {};
    switch (scope.kind) {
      case 'policy': {
        if (scope.policyId === undefined) return refused(mayEver(user, rule.action));
        resource = { policy: { id: scope.policyId, region: opts.policyRegion?.(scope.policyId) } };
        break;
      }
      case 'case': {
        const town = await townOf(scope.caseId);
        // Unknown case: those who may act on some case get the route's own 404.
        if (town === undefined) return refused(mayEver(user, rule.action));
        resource = { town };
        if (rule.personalData && mustMask(user, town)) (req as Masked)[MASK] = true;
        break;
      }
      case 'newCase': {
        const towns = newCaseTowns(req.body);
        if (towns.length > 1) {
          return { kind: 'invalid', code: 'BAD_REQUEST', text: msg('auth.twoTowns', { towns: towns.join(' / ') }), path: '/place/town' };
        }
        if (towns.length === 0 && user?.role === 'clerk') {
          const who = refused(mayEver(user, rule.action));
          return who ?? { kind: 'invalid', code: 'BAD_REQUEST', text: msg('auth.noCaseTown'), path: '/case/household/collective/town' };
        }
        resource = { town: towns[0] };
        break;
      }
      case 'townList': {
        const q = (isJsonObject(req.query) ? req.query : {}) as Record<string, unknown>;
        const asked = Array.isArray(q.town) ? q.town : q.town === undefined ? [] : [q.town];
        if (user?.role === 'clerk' && user.town !== null) {
          // A clerk's list is their town's, whether or not they asked for it.
          for (const t of asked) {
            if (t !== user.town) return refused(authorize(user, rule.action, { town: String(t) }));
          }
          if (isJsonObject(req.query)) (req.query as Record<string, unknown>).town = user.town;
          resource = { town: user.town };
        } else {
          resource = { town: typeof asked[0] === 'string' ? asked[0] : undefined };
          if (rule.personalData && mustMask(user, undefined)) (req as Masked)[MASK] = true;
        }
        break;
      }
      case 'none':
        break;
    }
    return refused(authorize(user, rule.action, resource));
  }

  // Not JSON we can mask: withheld rather than shown with personal data.
  const withheld = (reply: FastifyReply): string => {
    reply.code(httpStatus('forbidden')).header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify({ error: errorOf('FORBIDDEN', msg('auth.personalData')) });
  };

  app.addHook('onSend', async (req, reply, payload) => {
    if (!(req as Masked)[MASK] || reply.statusCode >= 300) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    if (text === undefined || !type.includes('json')) {
      // Not JSON we can mask (a stream, HTML): withhold it rather than show personal data.
      return withheld(reply);
    }
    try {
      return JSON.stringify(maskPersonalData(JSON.parse(text)));
    } catch {
      return withheld(reply);
    }
  });

  // ---- /api/session: log in, who am I, log out ----

  const sessionBody = (s: ActiveSession) => ({ user: s.user, csrfToken: s.csrfToken, expiresAt: new Date(s.expiresMs).toISOString() });

  // Inline schemas (no shared components): this layer also runs in apps other than engine/server's.
  // Its error responses are the API's one error shape, which engine/server/openapi.ts declares on
  // every route. A body or path that fails its schema is answered here, in that shape, whatever
  // error handler the host app has: attachValidation hands the failure to the route.
  const answer = (summary: string, tags: string[], ok: Record<string, unknown>, parts: Record<string, unknown> = {}) => ({
    schema: { summary, tags, ...parts, response: ok },
    attachValidation: true,
  });
  const invalid = (req: FastifyRequest, reply: FastifyReply): FastifyReply | null => {
    const v = req.validationError as
      (Error & { validation?: Parameters<typeof describeValidation>[0][]; validationContext?: string }) | undefined;
    if (!v) return null;
    const first = v.validation?.[0]
      ? describeValidation(v.validation[0], v.validationContext ?? 'body')
      : { text: badRequest(v.message), path: '' };
    return sendError(reply, 400, errorOf('BAD_REQUEST', first.text, { path: first.path }));
  };
  const jsonOf = (schema: Record<string, unknown>, description: string) => ({ description, content: { 'application/json': { schema } } });

  app.post(
    '/api/session',
    answer('Sign in', ['session'], { 200: jsonOf(loginAnswer, 'The session (and its token with bearer: true)') }, { body: loginBody }),
    async (req, reply) => {
      if (invalid(req, reply)) return reply;
      const b = req.body as { name: string; password: string; bearer?: boolean };
      const r = await sessions.login(b.name, b.password, { ip: req.ip, bearer: b.bearer === true });
      if (!r.ok) return sendError(reply, httpStatus('unauthenticated'), errorOf('BAD_LOGIN', BAD_LOGIN_TEXT));
      // Scripts ask for a bearer token; browsers get it only as an HttpOnly cookie, out of scripts' reach.
      if (b.bearer === true) return reply.code(200).send({ ...sessionBody(r), token: r.token });
      // A new login replaces the session this browser had.
      const old = req.authSession;
      if (old && old.via === 'cookie') await sessions.logout(old.token);
      const expires = new Date(r.expiresMs);
      reply.setCookie(SESSION_COOKIE, r.token, { ...cookieBase, httpOnly: true, expires });
      reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...cookieBase, httpOnly: false, expires });
      return reply.code(200).send(sessionBody(r));
    },
  );

  app.get(
    '/api/session',
    answer('Who am I', ['session'], { 200: jsonOf({ anyOf: [sessionBodySchema, anonymousSession] }, 'The session, or { user: null }') }),
    async (req) => {
      const s = req.authSession;
      return s ? sessionBody(s) : { user: null };
    },
  );

  function clearSessionCookies(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  app.delete('/api/session', answer('Sign out', ['session'], { 200: jsonOf(okBody, 'Signed out') }), async (req, reply) => {
    const s = req.authSession;
    if (s) await sessions.logout(s.token);
    clearSessionCookies(reply);
    return { ok: true };
  });

  // ---- /api/users: admins only (the hooks have checked user.manage already) ----

  const guard = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const d = authorize(req.user, 'user.manage');
    if (!d.ok) sendDecision(reply, d);
    return d.ok;
  };

  const auditOf = (req: FastifyRequest): AccountAudit => ({ actor: req.user!.name, actorDetail: { ip: req.ip } });

  const accountError = (reply: FastifyReply, e: unknown): FastifyReply => {
    if (e instanceof AccountInputError) return sendError(reply, 400, errorOf('BAD_REQUEST', e.text, { path: `/${e.field}` }));
    // The store's refusals say themselves (engine/store/errors.ts): their message as data is passed on.
    if (e instanceof UserExistsError) return sendError(reply, 409, errorOf('USER_EXISTS', e.text, { path: '/name' }));
    if (e instanceof UserNotFoundError) return sendError(reply, 404, errorOf('USER_NOT_FOUND', e.text));
    if (e instanceof LastAdminError) return sendError(reply, httpStatus('conflict'), errorOf('LAST_ADMIN', e.text, { path: '/disabled' }));
    throw e;
  };

  app.get(
    '/api/users',
    answer('The accounts (admins only)', ['users'], { 200: jsonOf({ type: 'array', items: publicUserSchema }, 'Every account') }),
    async (req, reply) => {
      if (!guard(req, reply)) return reply;
      return (await users.listUsers()).map(publicUser);
    },
  );

  app.post(
    '/api/users',
    answer('Create an account (admins only)', ['users'], { 201: jsonOf(publicUserSchema, 'The account') }, { body: newUserBody }),
    async (req, reply) => {
      if (!guard(req, reply) || invalid(req, reply)) return reply;
      const b = req.body as Record<string, unknown>;
      try {
        const u = await createUser(
          users,
          { name: b.name, role: b.role, town: b.town, region: b.region, password: b.password },
          iso(),
          opts.hashOptions,
          auditOf(req),
        );
        return reply.code(201).send(publicUser(u));
      } catch (e) {
        return accountError(reply, e);
      }
    },
  );

  app.patch(
    '/api/users/:name',
    answer(
      'Disable, enable or set the password of an account (admins only)',
      ['users'],
      { 200: jsonOf(publicUserSchema, 'The account') },
      { params: userParams, body: userPatchBody },
    ),
    async (req, reply) => {
      if (!guard(req, reply) || invalid(req, reply)) return reply;
      const name = (req.params as { name: string }).name;
      const b = req.body as { disabled?: boolean; password?: string };
      if (b.disabled === undefined && b.password === undefined) {
        return sendError(reply, 400, errorOf('BAD_REQUEST', msg('account.patchBody'), { path: '' }));
      }
      try {
        const u = await users.getUser(name);
        if (!u) throw new UserNotFoundError(name);
        // Nothing changes when either part is refused: the password is checked first, and the
        // account disabled (which may be refused: the last active admin) before the password is set.
        if (b.password !== undefined) checkPassword(b.password, name);
        if (typeof b.disabled === 'boolean' && b.disabled !== u.disabled)
          await setUserDisabled(users, name, b.disabled, iso(), auditOf(req));
        if (b.password !== undefined) await changePassword(users, name, b.password, iso(), opts.hashOptions, auditOf(req));
        return publicUser((await users.getUser(name))!);
      } catch (e) {
        return accountError(reply, e);
      }
    },
  );

  app.post(
    '/api/users/:name/unlock',
    answer('Lift a lock-out (admins only)', ['users'], { 200: jsonOf(publicUserSchema, 'The account') }, { params: userParams }),
    async (req, reply) => {
      if (!guard(req, reply) || invalid(req, reply)) return reply;
      try {
        return publicUser(await unlockUser(users, (req.params as { name: string }).name, iso(), auditOf(req)));
      } catch (e) {
        return accountError(reply, e);
      }
    },
  );

  return { users, sessions };
}
