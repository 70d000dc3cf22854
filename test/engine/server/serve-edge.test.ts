// `landflow serve` and its environment (engine/server/edge-options.ts): a real server process on
// loopback with a temp database — security headers, request ids and JSON logs on its output, a
// proxy believed only when LANDFLOW_TRUST_PROXY says so, and bad values refused with exit 2.
// SQLite-only: what it tests is the process's edge (headers, logs, proxy), not the store.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { edgeOptionsFromEnv } from '../../../engine/server/edge-options.ts';
import { ROOT, startServer, type Server } from '../accounts/server-harness.ts';

describe('edge options from the environment', () => {
  it('defaults: no proxy believed, Secure cookies when the request came over HTTPS, info logs', () => {
    expect(edgeOptionsFromEnv({})).toEqual({ trustProxy: false, secureCookies: 'auto', logLevel: 'info' });
  });

  it('reads each variable, and names the variable when a value is wrong', () => {
    expect(edgeOptionsFromEnv({ LANDFLOW_TRUST_PROXY: 'true', LANDFLOW_SECURE_COOKIES: 'true', LANDFLOW_LOG_LEVEL: 'warn' })).toEqual({
      trustProxy: true,
      secureCookies: true,
      logLevel: 'warn',
    });
    expect(edgeOptionsFromEnv({ LANDFLOW_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
    ]);
    expect(edgeOptionsFromEnv({ LANDFLOW_TRUST_PROXY: '0', LANDFLOW_SECURE_COOKIES: 'false' })).toMatchObject({
      trustProxy: false,
      secureCookies: false,
    });
    for (const [env, name] of [
      [{ LANDFLOW_TRUST_PROXY: 'yes please' }, 'LANDFLOW_TRUST_PROXY'],
      [{ LANDFLOW_TRUST_PROXY: '10.0.0.1/33' }, 'LANDFLOW_TRUST_PROXY'],
      [{ LANDFLOW_SECURE_COOKIES: 'always' }, 'LANDFLOW_SECURE_COOKIES'],
      [{ LANDFLOW_LOG_LEVEL: 'loud' }, 'LANDFLOW_LOG_LEVEL'],
    ] as const) {
      expect(() => edgeOptionsFromEnv(env)).toThrow(name);
    }
  });
});

describe('landflow serve behind a proxy', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-serve-edge-'));
  let server: Server | undefined;
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'answers with the security headers and a request id, and logs that id with the forwarded client address',
    { timeout: 120_000 },
    async () => {
      server = await startServer(path.join(dir, 't.db'), { env: { LANDFLOW_TRUST_PROXY: '127.0.0.1', LANDFLOW_LOG_LEVEL: 'info' } });
      const r = await fetch(`${server.base}/api/policies`, { headers: { 'x-forwarded-for': '203.0.113.50' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const id = r.headers.get('x-request-id')!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const deepBody = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      const deep = await fetch(`${server.base}/api/eval`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: deepBody,
      });
      expect(deep.status).toBe(400);
      await new Promise((res) => setTimeout(res, 200));
      const lines = server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      expect(lines.find((l) => l.reqId === id && l.req)?.req.remoteAddress).toBe('203.0.113.50');
      expect(lines.find((l) => l.reqId === id && l.res)?.res.statusCode).toBe(200);
    },
  );

  it('refuses a wrong LANDFLOW_TRUST_PROXY with exit 2 before opening anything', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/landflow.js'), 'serve', '--no-ui-build'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LANDFLOW_DB: path.join(dir, 'never.db'), LANDFLOW_TRUST_PROXY: 'everyone' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('LANDFLOW_TRUST_PROXY');
    expect(fs.existsSync(path.join(dir, 'never.db'))).toBe(false);
  });
});
