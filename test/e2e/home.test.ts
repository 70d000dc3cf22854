// The first screen: the three workspaces named and one click away, no uncaught exception, readable
// at 1280×720 and on a tablet, in Chinese and in English; the load time is measured and printed.
import { describe, expect, it } from 'vitest';
import { deepText, measureFirstScreen, openPage, useServerAndBrowser } from './harness.ts';

const e2e = useServerAndBrowser();

describe('home page', () => {
  it('names 政策编辑, 方案比较, 案件办理 with no page errors, and reports the first-screen time', { timeout: 90_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'home-');
    // A warm-up visit fills the HTTP cache the way a returning user's browser would be; the
    // measured visit is the second. Both are printed: the goal is < 1 s (reported, not asserted).
    const cold = await measureFirstScreen(page, `${e2e.server.url}/`);
    const warm = await measureFirstScreen(page, `${e2e.server.url}/`);
    console.log(
      `first screen 首屏: cold ${cold.firstScreen} ms (DOMContentLoaded ${cold.domContentLoaded} ms), warm ${warm.firstScreen} ms (goal < 1000 ms)`,
    );
    await page.waitForLoadState('networkidle');
    const text = await deepText(page);
    for (const w of ['政策编辑', '方案比较', '案件办理']) expect(text).toContain(w);
    expect(text).toContain('土地承包经营权有偿转让退出');
    await shot('1280x720');
    // No horizontal overflow at 1280 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(errors).toEqual([]);
  });

  it('reaches each workspace in one click', { timeout: 60_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'home-click-');
    for (const [name, hash, element] of [
      ['政策编辑', '#/policies', 'lf-policy-list'],
      ['方案比较', '#/compare', 'lf-compare-page'],
      ['案件办理', '#/cases', 'lf-cases-page'],
    ] as const) {
      await page.goto(`${e2e.server.url}/`);
      await page.locator('lf-home a.card', { hasText: name }).click();
      await page.waitForURL((u) => u.hash === hash);
      await page.locator(element).waitFor();
      await shot(hash.slice(2));
    }
    expect(errors).toEqual([]);
  });

  it('is readable on a tablet and switches to English', { timeout: 60_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 768, height: 1024 }, 'home-tablet-');
    await page.goto(`${e2e.server.url}/`, { waitUntil: 'networkidle' });
    await shot('zh');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.getByRole('button', { name: 'English' }).click();
    const text = await deepText(page);
    expect(text).toContain('Policies');
    expect(text).toContain('Compare');
    expect(text).toContain('Cases');
    await shot('en');
    // The choice is kept for the next visit.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await deepText(page)).toContain('For researchers');
    await page.getByRole('button', { name: '中文' }).click();
    expect(errors).toEqual([]);
  });

  it('can be used with the keyboard: Tab reaches the workspace links with a visible focus ring', { timeout: 60_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'home-keyboard-');
    await page.goto(`${e2e.server.url}/`, { waitUntil: 'networkidle' });
    let reached = '';
    for (let i = 0; i < 12 && !reached.includes('方案比较'); i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent ?? '';
      });
    }
    expect(reached).toContain('方案比较');
    await shot('focus');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.hash === '#/compare');
    expect(errors).toEqual([]);
  });
});
