// The API reference (/api/docs, @fastify/swagger-ui) in Debian's chromium under its own content
// security policy (engine/server/security-headers.ts API_DOCS): it loads the document from
// /api/docs/json, lists every operation, runs "Try it out" against this server, and the browser
// reports not one violation. The UI's own policy is not loosened for it.
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from './helpers.ts';

let s: TestServer;
let base: string;
let browser: Browser;

beforeAll(async () => {
  s = await testServer();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('/api/docs', () => {
  it('renders every operation and tries one out under its own CSP with no violation', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`), true);
    });
    const res = await page.goto(`${base}/api/docs`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');

    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    const operations = await page.locator('.opblock').count();
    const doc = (await s.req('GET', '/api/openapi.json')).body as { paths: Record<string, object> };
    expect(operations).toBe(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0));

    // Try it out: GET /api/policies from the page itself.
    const op = page.locator('#operations-policies-get_api_policies');
    await op.locator('.opblock-summary').click();
    await op.locator('button.try-out__btn').click();
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor({ timeout: 30_000 });
    expect((await status.textContent())?.trim()).toBe('200');
    // And a response's schema, the models expanded.
    await op.locator('.responses-wrapper button[data-name="model"]').first().click();
    await op.locator('.responses-wrapper .model-box').first().waitFor({ timeout: 10_000 });

    const events = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect([...refused, ...events]).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the UI policy everywhere else: the API reference has a policy of its own, nothing global changed', async () => {
    const ui = await s.req('GET', '/');
    const docs = await s.req('GET', '/api/docs');
    expect(ui.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(ui.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-eval'");
    expect(docs.headers['content-security-policy']).not.toBe(ui.headers['content-security-policy']);
    expect(docs.headers['content-security-policy']).toContain("default-src 'none'");
    // Public: the reference and the document need no session.
    expect((await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
  });
});
