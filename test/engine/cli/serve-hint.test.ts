// The first start tells how to create the admin, and the command it prints writes to the
// server's own database: run as printed from another folder, the server then logs the admin in.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Starts `landflow serve` and resolves with what it printed once the admin hint is complete. */
function serve(cwd: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/landflow.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--no-ui-build'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANDFLOW_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const started = new Promise<string>((ok, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (/add clerks, officers and researchers/.test(out)) ok(out);
    });
    child.once('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
  const stopped = new Promise<number | null>((ok) => child.once('exit', ok));
  return { started, stop: () => (child.kill('SIGTERM'), stopped) };
}

/** The hint's command line: `VAR=value … npx landflow ARGS`, with the shell's single quotes undone. */
function parseHint(line: string): { env: Record<string, string>; argv: string[] } {
  const words = [...line.trim().matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!,
  );
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0]!)) {
    const [k, ...v] = words.shift()!.split('=');
    env[k!] = v.join('=');
  }
  expect(words.slice(0, 2)).toEqual(['npx', 'landflow']);
  return { env, argv: words.slice(2) };
}

describe('serve: the first-start hint', () => {
  it('prints a user add that, run as printed from another folder, creates the admin in the database the server uses (LANDFLOW_DB and a key file elsewhere)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-hint-'));
    const here = join(dir, 'server folder');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(here);
    mkdirSync(elsewhere);
    mkdirSync(join(dir, 'keys'));
    const db = join(here, 'data', 'cases.db');
    const key = join(dir, 'keys', 'audit.key');
    const server = serve(here, { LANDFLOW_DB: 'data/cases.db', LANDFLOW_MAC_KEY_FILE: key });
    try {
      const out = await server.started;
      const line = out.split('\n').find((l) => l.includes('npx landflow user add admin'))!;
      expect(line).toBe(`  LANDFLOW_MAC_KEY_FILE=${key} npx landflow user add admin --role admin --db '${db}'`);
      const url = /listening on (http:\/\/\S+)/.exec(out)![1]!.replace('localhost', '127.0.0.1');
      const { env, argv } = parseHint(line);
      const added = await runMain([...argv, '--password-stdin'], { cwd: elsewhere, env, stdin: ['a long enough secret 42\n'] });
      expect(added.err).toBe('');
      expect(added.code).toBe(0);
      expect(added.out).toContain(`→ ${db}`);
      const login = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'admin', password: 'a long enough secret 42' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { user: { name: string; role: string } }).user).toMatchObject({ name: 'admin', role: 'admin' });
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('names the default database by its full path and no key variable when the key is the one beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-hint-'));
    const server = serve(dir, {});
    try {
      const out = await server.started;
      expect(out).toContain(`  npx landflow user add admin --role admin --db ${join(dir, 'data', 'landflow.db')}\n`);
      expect(out).not.toContain('LANDFLOW_MAC_KEY_FILE=');
    } finally {
      await server.stop();
    }
  }, 60_000);
});
