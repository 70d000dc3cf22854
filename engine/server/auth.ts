// Who is acting: every request carries `request.user` (the accounts layer's Principal, declared in
// engine/accounts/plugin.ts). `auth` registers the accounts layer (sessions, 401/403 by role and
// scope) before any route — `landflow serve` passes engine/accounts registerAuth. Without it the
// server fails closed: nobody is signed in, public reads answer and everything else is a 401 by the
// same rules (engine/accounts/routes.ts, authorize.ts). There is no default user.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize } from '../accounts/authorize.ts';
import { classify } from '../accounts/routes.ts';
import { CaseError } from '../cases/errors.ts';
import type { User } from '../cases/service.ts';
import { msg } from '../../dsl/message.ts';
import { errorOf, httpStatus, sendError } from './errors.ts';

export interface AuthOptions {
  /** Registers the accounts layer on the root instance (e.g. engine/accounts registerAuth). */
  auth?: (app: FastifyInstance) => Promise<unknown>;
}

export async function installUserContext(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  if (opts.auth) {
    await opts.auth(app);
    return;
  }
  if (!app.hasRequestDecorator('user')) app.decorateRequest('user', null);
  app.addHook('onRequest', async (request, reply) => {
    request.user = null;
    const rule = classify(request.method, request.url);
    if (!rule) return;
    const d = authorize(null, rule.action);
    if (!d.ok) return sendError(reply, httpStatus(d.kind), errorOf(d.code, d.text));
  });
}

/** The acting user for a write, or a 401 when nobody is signed in. */
export function requireUser(request: FastifyRequest): User {
  const p = request.user;
  if (!p) throw new CaseError('unauthenticated', 'UNAUTHENTICATED', msg('auth.signIn'));
  return { id: p.name, name: p.name, role: p.role };
}
