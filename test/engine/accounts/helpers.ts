// Shared fixtures for the accounts tests: a temp store with one user of every role and scope, a
// step-able clock, and log-in helpers that return the headers a browser would send.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../../engine/store/index.ts';
import { openTestStore } from '../../helpers/test-db.ts';
import { createUser } from '../../../engine/accounts/users.ts';
import { SESSION_COOKIE, CSRF_HEADER } from '../../../engine/accounts/sessions.ts';

/** Fast scrypt for tests: the format and the checks are the same, only the cost differs. */
export const FAST_HASH = { N: 1024 } as const;

export const PASSWORD = 'correct horse 1';

export const TOWN_A = '钦南区某镇';
export const TOWN_B = '大寺镇';

export const EXAMPLE_CASE = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../examples/household-qinzhou.json'), 'utf8'),
);

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-accounts-'));
}

/** A clock the test moves by hand. */
export function manualClock(startIso = '2026-03-02T01:00:00.000Z') {
  let ms = Date.parse(startIso);
  return {
    now: () => new Date(ms),
    ms: () => ms,
    advance: (d: number) => {
      ms += d;
    },
  };
}

export interface Seeded {
  admin: string;
  officer: string;
  officerOther: string;
  clerkA: string;
  clerkB: string;
  researcher: string;
  disabled: string;
}

/** One user per role (and per scope), all with PASSWORD. */
export async function seedUsers(store: Store, at = '2026-03-01T00:00:00.000Z'): Promise<Seeded> {
  const us = store.users;
  const add = (name: string, role: string, scope: { town?: string; region?: string } = {}) =>
    createUser(us, { name, role, ...scope, password: PASSWORD }, at, FAST_HASH);
  await add('admin', 'admin');
  await add('officer-qz', 'officer', { region: 'qinzhou' });
  await add('officer-nj', 'officer', { region: 'neijiang' });
  await add('clerk-a', 'clerk', { town: TOWN_A });
  await add('clerk-b', 'clerk', { town: TOWN_B });
  await add('researcher', 'researcher');
  await add('gone', 'clerk', { town: TOWN_A });
  await us.setDisabled('gone', true, at);
  return {
    admin: 'admin',
    officer: 'officer-qz',
    officerOther: 'officer-nj',
    clerkA: 'clerk-a',
    clerkB: 'clerk-b',
    researcher: 'researcher',
    disabled: 'gone',
  };
}

/** A store on a new test database (SQLite, or PostgreSQL in the integration-postgres project), its cases C001, C002, … */
export async function freshStore(dir: string, name = 't.db'): Promise<Store> {
  let n = 0;
  return openTestStore(dir, name, { newId: () => `C${String(++n).padStart(3, '0')}` });
}

export interface Auth {
  cookie: string;
  csrf: string;
  /** The headers of a browser request that writes: session cookie + CSRF token. */
  headers: Record<string, string>;
}

export async function login(app: FastifyInstance, name: string, password = PASSWORD): Promise<Auth> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  if (res.statusCode !== 200) throw new Error(`login ${name} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((k) => k.name === SESSION_COOKIE);
  if (!c) throw new Error('no session cookie');
  const csrf = res.json().csrfToken as string;
  const cookie = `${SESSION_COOKIE}=${c.value}`;
  return { cookie, csrf, headers: { cookie, [CSRF_HEADER]: csrf } };
}
