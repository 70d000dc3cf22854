// The apps the HTTP tests run against: the real one (engine/server buildApp with the accounts
// plugin passed as its `auth`, as `landflow serve` does) and the stub (stub-app.ts), which keeps
// the plugin's own tests independent of the server's routes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PolicyRegistry } from '../../../engine/cases/policies.ts';
import { buildApp } from '../../../engine/server/app.ts';
import type { Store } from '../../../engine/store/index.ts';
import { registerAuth, type AuthOptions } from '../../../engine/accounts/plugin.ts';
import { buildStubApp } from './stub-app.ts';
import { FAST_HASH } from './helpers.ts';
import { ROOT } from './server-harness.ts';
import { checkResponsesAgainstOpenApi } from '../server/openapi-check.ts';

export interface AppInput {
  store: Store;
  clock: () => Date;
  rateLimit?: AuthOptions['rateLimit'];
}
export type AppFactory = (o: AppInput) => Promise<FastifyInstance>;

let policyCopy: string | undefined;

/**
 * The bundled policies, from a private copy of policies/ (templates included): a publish through
 * PUT /api/policies/:id rewrites the file, and tests must never touch the checkout's.
 */
export function bundledPolicies(): PolicyRegistry {
  if (!policyCopy) {
    // examples/ beside it: the policies' own examples name ../examples/*.json.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-accounts-policies-'));
    fs.cpSync(path.join(ROOT, 'policies'), path.join(root, 'policies'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
    process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    policyCopy = path.join(root, 'policies');
  }
  return PolicyRegistry.fromDir(policyCopy);
}

export const realApp: AppFactory = async ({ store, clock, rateLimit = false }) => {
  const policies = bundledPolicies();
  const app = await buildApp({
    store,
    policies,
    clock: { now: clock },
    uiDir: null,
    auth: (a) => registerAuth(a, { store, clock, rateLimit, hashOptions: FAST_HASH, policyRegion: (id) => policies.get(id)?.meta?.region }),
    // The server's read limits go with the accounts layer's: on only where a test asks for limits.
    ...(rateLimit === false ? { requestLimits: false as const } : {}),
  });
  checkResponsesAgainstOpenApi(app);
  await app.ready();
  return app;
};

export const stubApp: AppFactory = async ({ store, clock, rateLimit = false }) => {
  const app = await buildStubApp({ store, clock, rateLimit, hashOptions: FAST_HASH });
  await app.ready();
  return app;
};

export const APPS: [string, AppFactory][] = [
  ['real app', realApp],
  ['stub app', stubApp],
];
