// Logging in from other tests that drive a real server: make a user in the database before the
// server starts, then get a bearer token (scripts) or cookie + CSRF headers (what a browser sends).
import { openStore, type UserRole } from '../../../engine/store/index.ts';
import { createUser } from '../../../engine/accounts/users.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../engine/accounts/sessions.ts';

export const TEST_PASSWORD = 'test password 1';

/** Adds a user to the database file (created if missing), with a cheap scrypt cost. */
export async function addUser(
  db: string,
  u: { name: string; role: UserRole; town?: string; region?: string },
  password = TEST_PASSWORD,
): Promise<void> {
  const store = await openStore(db);
  try {
    await createUser(store.users, { ...u, password }, new Date().toISOString(), { N: 1024 });
  } finally {
    await store.close();
  }
}

/** Logs in for a bearer token: the headers to add to every request (no CSRF token needed). */
export async function bearerLogin(base: string, name: string, password = TEST_PASSWORD): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, bearer: true }),
  });
  if (r.status !== 200) throw new Error(`login ${name}: ${r.status} ${await r.text()}`);
  return { authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
}

/** Logs in as a browser would: the session cookie and the CSRF token header for writes. */
export async function cookieLogin(base: string, name: string, password = TEST_PASSWORD): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (r.status !== 200) throw new Error(`login ${name}: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
    .split(';')[0]!;
  return { cookie, [CSRF_HEADER]: ((await r.json()) as { csrfToken: string }).csrfToken };
}
