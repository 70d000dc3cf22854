// Rate limits at the edge, per caller (engine/accounts/limits.ts says how much): a token bucket for
// reads of the API and one for the heavy endpoints (simulations and population charts), each per
// signed-in user or, for anonymous callers, per client address. Writes are limited by the accounts
// layer (engine/accounts/plugin.ts); the size of a simulation by its route (engine/compare/routes.ts,
// from the same limits). Registered after the user is known (auth's onRequest), before any route.
// The buckets are the database's, leased in batches: one limit over every instance on it.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { limitsFor, type CallerLimits } from '../accounts/limits.ts';
import { SharedRateLimiter } from '../accounts/rate-limit.ts';
import type { RateBucketStore } from '../store/types.ts';
import { pathSegments } from '../accounts/routes.ts';
import { errorOf, sendError } from './errors.ts';
import { msg } from '../../dsl/message.ts';

export interface RequestLimitOptions {
  /** Milliseconds now (the injected clock). */
  now: () => number;
  /** The database's buckets (the app's store). */
  buckets: RateBucketStore;
}

type Kind = 'read' | 'heavy';

/** Which bucket a request draws on, or null for what is not limited here. */
function requestKind(method: string, url: string): Kind | null {
  const segs = pathSegments(url).map((s) => s.toLowerCase());
  if (segs[0] !== 'api') return null;
  const m = method.toUpperCase();
  if (segs[1] === 'simulate' && segs.length === 2) return 'heavy';
  if (segs[1] === 'charts' && (segs[2] === 'distribution.svg' || segs[2] === 'sweep.svg') && segs.length === 3) return 'heavy';
  if (m !== 'GET' && m !== 'HEAD') return null;
  // Who am I: answering costs no more than refusing (the session is resolved either way).
  if (segs[1] === 'session' && segs.length === 2) return null;
  return 'read';
}

export function installRequestLimits(app: FastifyInstance, opts: RequestLimitOptions): void {
  // One limiter per distinct limits and bucket kind: a role's bucket size is its limiter's capacity.
  const limiters = new Map<string, SharedRateLimiter>();
  const limiter = (l: Readonly<CallerLimits>, kind: Kind): SharedRateLimiter => {
    const perMinute = kind === 'read' ? l.readsPerMinute : l.heavyPerMinute;
    const capacity = kind === 'read' ? l.readBurst : l.heavyBurst;
    const key = `${kind} ${perMinute} ${capacity}`;
    let r = limiters.get(key);
    if (!r) limiters.set(key, (r = new SharedRateLimiter({ perMinute, capacity, now: opts.now, buckets: opts.buckets, name: key })));
    return r;
  };

  const refuse = (reply: FastifyReply, retryAfterSec: number) =>
    sendError(
      reply.header('retry-after', String(retryAfterSec)),
      429,
      errorOf('RATE_LIMITED', msg('auth.rateLimited', { seconds: retryAfterSec })),
    );

  app.addHook('onRequest', async (req, reply) => {
    const kind = requestKind(req.method, req.url);
    if (!kind) return;
    const user = req.user;
    const t = await limiter(limitsFor(user?.role ?? null), kind).take(user ? `user ${user.name}` : `ip ${req.ip}`);
    if (!t.ok) return refuse(reply, t.retryAfterSec);
  });
}
