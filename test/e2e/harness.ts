// End-to-end harness: the REAL server (`node bin/landflow.js serve`) on a free port with a fresh
// database in a temp dir, Debian's chromium through playwright-core, and screenshots under
// test-output/e2e/. Every test file starts its own server so files can run alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = join(ROOT, 'test-output', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dir: string;
  db: string;
  /** What the server printed so far (for failure messages). */
  log: () => string;
  /** Runs `landflow <args>` against the same database (e.g. `user add`), with `stdin` as its input. */
  cli: (args: string[], stdin?: string) => Promise<{ code: number; out: string }>;
  stop: () => Promise<void>;
}

function runCli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'landflow.js'), ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    p.stdin.end(stdin);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

/**
 * Starts `landflow serve` (with `serveArgs`, e.g. --policies DIR) and waits until GET /api/policies
 * answers (the UI build may run first).
 * LANDFLOW_E2E_URL=http://host:port runs the tests against a server already running instead
 * (its LANDFLOW_DB, if set, is the database `cli` works on).
 */
export async function startServer(timeoutMs = 150_000, serveArgs: string[] = []): Promise<RunningServer> {
  const external = process.env.LANDFLOW_E2E_URL;
  if (external) {
    const db = process.env.LANDFLOW_DB ?? '';
    return {
      url: external.replace(/\/$/, ''),
      dir: '',
      db,
      log: () => '',
      cli: (args, stdin) => runCli(args, { ...process.env }, stdin),
      stop: async () => undefined,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'landflow-e2e-'));
  const db = join(dir, 'landflow.db');
  const port = await freePort();
  const env = { ...process.env, LANDFLOW_DB: db, PORT: String(port) };
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'landflow.js'), 'serve', '--port', String(port), ...serveArgs], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      if (exited === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) {
      await stop();
      throw new Error(`landflow serve exited with ${exited} before answering:\n${output.slice(-3000)}`);
    }
    try {
      const r = await fetch(`${url}/api/policies`);
      if (r.ok) return { url, dir, db, log: () => output, cli: (args, stdin) => runCli(args, env, stdin), stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`landflow serve did not answer /api/policies within ${timeoutMs} ms:\n${output.slice(-3000)}`);
}

export interface E2E {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** Starts the server and the browser before the file's tests and stops both after them. */
export function useServerAndBrowser(): E2E {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the e2e server is not started (use it inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the e2e browser is not launched (use it inside a test)');
      return browser;
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export interface TestPage {
  page: Page;
  /** Uncaught exceptions in the page. */
  errors: string[];
  shot: (name: string, fullPage?: boolean) => Promise<string>;
}

export async function openPage(browser: Browser, viewport = { width: 1280, height: 720 }, prefix = ''): Promise<TestPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  mkdirSync(OUT, { recursive: true });
  let n = 0;
  const shot = async (name: string, fullPage = false) => {
    const path = join(OUT, `${prefix}${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage });
    return path;
  };
  return { page, errors, shot };
}

/** All text of the page, shadow roots included (as the acceptance check reads it). */
export function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const walk = (n: Node): string =>
      ((n as Element).shadowRoot ? walk((n as Element).shadowRoot!) : '') +
      [...n.childNodes].map((c) => (c.nodeType === 3 ? c.textContent : walk(c))).join(' ');
    return walk(document.body);
  });
}

/** Time to the first screen: navigation start → the shell drew the three workspaces. */
export async function measureFirstScreen(
  page: Page,
  url: string,
): Promise<{ domContentLoaded: number; firstScreen: number; load: number }> {
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('lf-home a.card').first().waitFor();
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const ready = (window as unknown as { __landflowReady?: number }).__landflowReady ?? performance.now();
    return {
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
      load: Math.round(nav.loadEventEnd),
      firstScreen: Math.round(ready),
    };
  });
}

/**
 * Whether the server offers an endpoint at all: an unknown route is a 404 whatever the body, a
 * served one answers an empty request with something else (usually a 400).
 */
export async function serves(server: RunningServer, method: 'GET' | 'POST', path: string): Promise<boolean> {
  const r = await fetch(
    `${server.url}${path}`,
    method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : {},
  );
  return r.status !== 404;
}
