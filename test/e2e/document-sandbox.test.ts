// A case document comes from a template an officer wrote. One whose template carries a <script> and
// an onerror attribute is opened in the case page's document view and on its own: neither runs, in
// the preview frame or at the top level, and the page keeps no marker. The real server
// (`landflow serve --policies DIR`) on a copy of the bundled policies, and Debian's chromium.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, ROOT, startServer, type RunningServer } from './harness.ts';
import { signInIfAsked } from './accounts.ts';

const HOSTILE = `
<script>window.__lfScript = 1; try { parent.__lfScript = 1; } catch (e) {}</script>
<img src="data:," onerror="window.__lfOnerror = 1; try { parent.__lfOnerror = 1; } catch (e) {}">
<p>HOSTILE-TEMPLATE-MARKUP</p>
`;

const dir = mkdtempSync(join(tmpdir(), 'lf-e2e-sandbox-'));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const pdir = join(dir, 'policies');
  cpSync(join(ROOT, 'policies'), pdir, { recursive: true });
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  const file = join(pdir, 'templates/qinzhou/转让申请表.hbs');
  writeFileSync(file, readFileSync(file, 'utf8').replace('</body>', `${HOSTILE}</body>`));
  server = await startServer(150_000, ['--policies', pdir]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const markers = () => {
  const w = window as unknown as Record<string, unknown>;
  return { script: w.__lfScript ?? null, onerror: w.__lfOnerror ?? null };
};

describe('a case document with a <script> and an onerror attribute', () => {
  it('is live markup: in a page without the protections both run (the control)', async () => {
    const control = await browser.newPage();
    try {
      await control.setContent(`<!DOCTYPE html><html><body>${HOSTILE}</body></html>`, { waitUntil: 'load' });
      await expect.poll(() => control.evaluate(markers)).toEqual({ script: 1, onerror: 1 });
    } finally {
      await control.close();
    }
  });

  it('runs neither in the case page preview (sandboxed frame) nor opened on its own', { timeout: 240_000 }, async () => {
    const { page, shot } = await openPage(browser, { width: 1280, height: 900 }, 'sandbox-');
    await signInIfAsked(page, server);
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    const household = JSON.parse(readFileSync(join(ROOT, 'examples/household-qinzhou.json'), 'utf8'));
    const opened = await page.evaluate(async (kase) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken?: string };
      const r = await fetch('/api/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}) },
        body: JSON.stringify({ policy: 'qinzhou', procedure: 'transfer', case: kase }),
      });
      return { status: r.status, body: (await r.json()) as { id?: string } };
    }, household);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.id!;

    await page.goto(`${server.url}/#/cases/${encodeURIComponent(id)}`, { waitUntil: 'networkidle' });
    const row = page.locator('lf-case-documents li[data-form="转让申请表"]');
    await row.waitFor();
    await row.getByRole('button').first().click();
    const iframe = page.locator('lf-case-documents iframe');
    await iframe.waitFor();
    expect(await iframe.getAttribute('sandbox')).toBe('');
    const frame = page.frameLocator('lf-case-documents iframe');
    await expect
      .poll(async () => (await frame.locator('body').textContent({ timeout: 20_000 })) ?? '', { timeout: 30_000 })
      .toContain('HOSTILE-TEMPLATE-MARKUP');
    await iframe.scrollIntoViewIfNeeded();
    await shot('preview');
    const inner = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/documents/'));
    expect(
      inner,
      page
        .frames()
        .map((f) => f.url())
        .join(', '),
    ).toBeDefined();
    await page.waitForTimeout(500);
    expect(await inner!.evaluate(markers)).toEqual({ script: null, onerror: null });
    expect(await page.evaluate(markers)).toEqual({ script: null, onerror: null });
    // Printing goes through the PDF, which a sandboxed frame does not need to reach.
    expect(await page.locator('lf-case-documents a[data-print]').getAttribute('href')).toContain('format=pdf');

    // Opened on its own, the document is still sandboxed by its Content-Security-Policy.
    const alone = await page.context().newPage();
    const res = await alone.goto(`${server.url}/api/cases/${encodeURIComponent(id)}/documents/${encodeURIComponent('转让申请表')}`, {
      waitUntil: 'load',
    });
    expect(res?.headers()['content-security-policy']).toContain('sandbox');
    expect(await alone.locator('body').textContent()).toContain('HOSTILE-TEMPLATE-MARKUP');
    await alone.waitForTimeout(500);
    expect(await alone.evaluate(markers)).toEqual({ script: null, onerror: null });
  });
});
