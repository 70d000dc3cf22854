// The UI under its content security policy (engine/server/security-headers.ts): the real server,
// Debian's chromium, and every workspace — the policy editor (CodeMirror, the checker with its
// JSON Schema), the comparison with a simulation, the clerk's case list, a new case and a case with
// its printed form in a frame — with not one violation reported by the browser.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInIfAsked } from './accounts.ts';
import { openPage, useServerAndBrowser } from './harness.ts';

const e2e = useServerAndBrowser();

/** Collects what the browser refused: securitypolicyviolation events and CSP console messages. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  return async () => {
    const events = await Promise.all(
      page.frames().map((f) => f.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [] as string[])),
    );
    return [...console, ...events.flat()];
  };
}

describe('the UI under its content security policy', () => {
  it('loads and works in every workspace with no violation', { timeout: 180_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 800 }, 'csp-');
    const violations = await watchViolations(page);
    const res = await page.goto(`${e2e.server.url}/`, { waitUntil: 'networkidle' });
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('lf-home a.card').first().waitFor();

    await page.goto(`${e2e.server.url}/#/policies/qinzhou`, { waitUntil: 'networkidle' });
    await page.locator('lf-code-editor .cm-content').waitFor();
    await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 30_000 }).toBe('0 个错误');
    await shot('policy-editor');

    await page.goto(`${e2e.server.url}/#/compare`, { waitUntil: 'networkidle' });
    await page.locator('lf-compare-page').waitFor();
    const run = page.locator('lf-population-run button.primary');
    if (await run.isEnabled().catch(() => false)) {
      await run.click();
      await page.locator('lf-population-run [data-testid="simulation-csv"]').waitFor({ timeout: 60_000 });
    }
    await shot('compare');

    await signInIfAsked(page, e2e.server, 'clerk');
    await page.goto(`${e2e.server.url}/#/cases`, { waitUntil: 'networkidle' });
    await page.locator('lf-cases-page').waitFor();
    await page.goto(`${e2e.server.url}/#/cases/new?policy=qinzhou&procedure=exit`, { waitUntil: 'networkidle' });
    await page.locator('lf-case-form').waitFor();
    await page.locator('lf-case-new select[name="example"]').selectOption('household-qinzhou.json');
    await shot('case-new');

    await page.locator('lf-case-new .actions button.primary').click();
    await page.waitForURL((u) => /^#\/cases\/(?!new)/.test(u.hash), { timeout: 30_000 });
    await page.locator('lf-case-actions button[data-command]').first().waitFor();
    // A printed form in its frame: framed by this origin, under the document's own policy.
    const preview = page.locator('lf-case-documents li button:not([disabled])').first();
    await preview.click();
    const frame = page.frameLocator('lf-case-documents iframe');
    await expect
      .poll(async () => ((await frame.locator('body').textContent({ timeout: 20_000 })) ?? '').length, { timeout: 20_000 })
      .toBeGreaterThan(20);
    await shot('case-with-form');
    expect(await violations()).toEqual([]);
    // The control: an inline script is refused, and the watch above does see a refusal.
    const ran = await page.evaluate(async () => {
      const el = document.createElement('script');
      el.textContent = 'window.__injected = 1';
      document.body.append(el);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __injected?: number }).__injected ?? 0;
    });
    expect(ran).toBe(0);
    const seen = await violations();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((v) => /script-src/.test(v))).toBe(true);
    expect(errors).toEqual([]);
  });
});
