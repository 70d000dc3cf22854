// 案件办理, timing (issue 14): a 钦州 transfer applied for on 2026-09-30 — its 7 days for written
// reasons end 2026-10-08, while the review can start only 2026-10-11, after three working days of
// public notice over 国庆; and closing the notice then cuts 附件3's 15 days of objections short.
// The case page says both, from GET /api/cases/:id/timing, in Chinese and in English, the English
// with the policy's own words marked as content.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, ROOT, useServerAndBrowser } from './harness.ts';
import { signInIfAsked } from './accounts.ts';

const e2e = useServerAndBrowser();

async function openTransfer(page: Page): Promise<string> {
  const kase = JSON.parse(readFileSync(join(ROOT, 'examples', 'household-qinzhou.json'), 'utf8'));
  kase.transfer.applicationDate = '2026-09-30';
  return page.evaluate(
    async (body) => {
      const csrf = /(?:^|;\s*)landflow_csrf=([^;]+)/.exec(document.cookie)?.[1];
      const r = await fetch('/api/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) },
        body: JSON.stringify(body),
      });
      const data = await r.json();
      if (!r.ok) throw new Error(JSON.stringify(data));
      return data.id as string;
    },
    { policy: 'qinzhou', procedure: 'transfer', case: kase },
  );
}

/** Text of the timing notice with Chinese in it that is not marked as Chinese content. */
function unmarkedChinese(page: Page): Promise<string[]> {
  return page.locator('lf-case-timing').evaluate((host) => {
    const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const out: string[] = [];
    const zh = (el: Element | null): boolean => {
      for (let e = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host as Element | undefined) ?? null) {
        const l = e.getAttribute('lang');
        if (l) return l.toLowerCase().startsWith('zh');
      }
      return false;
    };
    const walk = (root: Node) => {
      for (const n of root.childNodes) {
        if (n.nodeType === Node.TEXT_NODE && CJK.test(n.textContent ?? '') && !zh(n.parentElement)) out.push((n.textContent ?? '').trim());
        if (n.nodeType === Node.ELEMENT_NODE) {
          if ((n as Element).shadowRoot) walk((n as Element).shadowRoot!);
          walk(n);
        }
      }
    };
    walk(host.shadowRoot ?? host);
    return out;
  });
}

describe('the case page says when the case’s own dates conflict', () => {
  it(
    '钦州 transfer from 2026-09-30: the reasons deadline before the review, the notice closing inside the objections',
    { timeout: 120_000 },
    async () => {
      const { page, errors, shot } = await openPage(e2e.browser, undefined, 'timing-');
      try {
        await signInIfAsked(page, e2e.server, 'clerk');
        await page.goto(`${e2e.server.url}/`, { waitUntil: 'networkidle' });
        const id = await openTransfer(page);
        for (const lang of ['zh', 'en'] as const) {
          await page.evaluate((l) => localStorage.setItem('landflow.lang', l), lang);
          await page.goto(`${e2e.server.url}/#/cases/${id}`, { waitUntil: 'networkidle' });
          await page.reload({ waitUntil: 'networkidle' }); // the language is read when the page loads
          const notice = page.locator('lf-case-timing [data-testid="timing-conflicts"]');
          await notice.waitFor({ timeout: 30_000 });
          const items = page.locator('lf-case-timing li');
          expect(await items.evaluateAll((li) => li.map((x) => [x.getAttribute('data-code'), x.getAttribute('data-step')]))).toEqual([
            ['K806', 'public-notice'],
            ['K805', 'review'],
          ]);
          const review = (await items.nth(1).textContent()) ?? '';
          if (lang === 'zh') {
            expect(await notice.textContent()).toContain('时限冲突');
            expect(review).toContain('于 2026-10-08 届满');
            expect(review).toContain('最早 2026-10-11');
          } else {
            expect(await notice.textContent()).toContain('Timing conflicts');
            expect(review).toContain('ends on 2026-10-08');
            expect(review).toContain('on 2026-10-11 at the earliest');
            expect(await unmarkedChinese(page)).toEqual([]);
          }
          await shot(`case-page-${lang}`);
        }
        expect(errors).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
  );
});
