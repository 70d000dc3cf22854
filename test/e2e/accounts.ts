// Accounts for the e2e runs: when the server asks for a session (an anonymous write is refused),
// a user of the right role and scope is created in the test's database with `landflow user add`,
// and the browser signs in through the UI's own form.
import type { Page } from 'playwright-core';
import type { RunningServer } from './harness.ts';

const PASSWORD = 'e2e-Password-123';
const ROLES = {
  clerk: { name: 'clerk-e2e', args: ['--role', 'clerk', '--town', '钦南区某镇'] },
  officer: { name: 'officer-e2e', args: ['--role', 'officer', '--region', 'qinzhou'] },
  researcher: { name: 'researcher-e2e', args: ['--role', 'researcher'] },
} as const;

const made = new WeakMap<RunningServer, Set<string>>();

/** Whether the server has accounts: an anonymous case list is then a 401. */
export async function accountsOn(server: RunningServer): Promise<boolean> {
  return (await fetch(`${server.url}/api/cases`)).status === 401;
}

export async function signInIfAsked(page: Page, server: RunningServer, role: keyof typeof ROLES = 'clerk'): Promise<void> {
  if (!(await accountsOn(server))) return;
  const user = ROLES[role];
  const done = made.get(server) ?? new Set<string>();
  made.set(server, done);
  if (!done.has(user.name)) {
    const r = await server.cli(['user', 'add', user.name, ...user.args, '--password-stdin'], `${PASSWORD}\n`);
    // A server reused across runs (LANDFLOW_E2E_URL) already has the user from the last one.
    if (r.code !== 0 && !r.out.includes('already exists')) throw new Error(`landflow user add failed (${r.code}): ${r.out}`);
    done.add(user.name);
  }
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await page.locator('lf-app-header .session button').click();
  await page.locator('lf-login input[name="username"]').fill(user.name);
  await page.locator('lf-login input[name="password"]').fill(PASSWORD);
  await page.locator('lf-login button[type="submit"]').click();
  await page.locator('lf-login').waitFor({ state: 'detached' });
}
