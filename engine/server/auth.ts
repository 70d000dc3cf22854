// Who is acting: every request carries `request.user` (the accounts layer's Principal, declared in
// engine/accounts/plugin.ts). With accounts, `auth` registers their plugin (sessions, 401/403)
// before any route; without it, one hook sets a fixed development user — or the one named by the
// X-Landflow-User header, for scripts and tests — so the case trail always says who acted.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../accounts/authorize.ts';
import { CaseError } from '../cases/errors.ts';
import type { User } from '../cases/service.ts';

export interface AuthOptions {
  /** Registers the accounts layer on the root instance (e.g. engine/accounts registerAuth); replaces the dev user. */
  auth?: (app: FastifyInstance) => Promise<unknown>;
  /** The identity used when no `auth` is given. */
  devUser?: Principal;
}

export const DEV_USER: Principal = { name: 'dev', role: 'admin', town: null, region: null };

const HEADER_USER = /^[A-Za-z0-9_.@-]{1,64}$/;

export async function installUserContext(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  if (opts.auth) {
    await opts.auth(app);
    return;
  }
  if (!app.hasRequestDecorator('user')) app.decorateRequest('user', null);
  const dev = opts.devUser ?? DEV_USER;
  app.addHook('onRequest', async (request) => {
    const h = request.headers['x-landflow-user'];
    request.user = typeof h === 'string' && HEADER_USER.test(h) ? { ...dev, name: h } : dev;
  });
}

/** The acting user for a write, or a 401 when nobody is signed in. */
export function requireUser(request: FastifyRequest): User {
  const p = request.user;
  if (!p) throw new CaseError(401, 'UNAUTHENTICATED', '请先登录 please sign in');
  return { id: p.name, name: p.name, role: p.role };
}
