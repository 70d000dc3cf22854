// One language at a time, and accessible: every main page state (home, policy list, editor,
// comparison, population run, task list, new case, case page, login) in Chinese and in English, at
// 1280×720 and 768×1024 — axe-core finds no violation, no page scrolls sideways, each has one h1,
// `<html lang>` follows the choice (also after a reload), and the English UI shows no Chinese
// outside policy content. Policy content is what a policy or a case file says, shown as written
// and marked lang="zh-CN" (docs/ui-language.md): names of policies, people and places, article
// texts and cites, step, rule, parameter, form and meeting labels, units and periods as the policy
// writes them, amounts in words, and Chinese quoted inside an English server message. Also: the
// skip link, the login dialog keeping and returning the focus, a keyboard-reachable editor, and a
// researcher refused a document in words. Screenshots: test-output/ui/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, useServerAndBrowser } from './harness.ts';
import { signInIfAsked } from './accounts.ts';

const e2e = useServerAndBrowser();
const OUT = join(ROOT, 'test-output', 'ui');
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 768, height: 1024 },
] as const;
type Lang = 'zh' | 'en';

/** Visible text with Chinese in it whose nearest lang (across shadow roots) is not Chinese. */
function chineseOutsideContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const up = (e: Element): Element | null => e.parentElement ?? (e.getRootNode() as ShadowRoot).host ?? null;
    const zhLang = (el: Element) => {
      for (let e: Element | null = el; e; e = up(e)) {
        const l = e.getAttribute('lang');
        if (l) return l.toLowerCase().startsWith('zh');
      }
      return false;
    };
    const out: string[] = [];
    const walk = (root: Node) => {
      for (const n of root.childNodes) {
        if (n.nodeType === Node.TEXT_NODE) {
          const p = n.parentElement;
          const text = n.textContent ?? '';
          if (p && CJK.test(text) && !zhLang(p) && p.checkVisibility({ visibilityProperty: true }) && !p.closest('title, style, script'))
            out.push(text.trim().slice(0, 80));
        } else if (n.nodeType === Node.ELEMENT_NODE) {
          const el = n as Element;
          if (el.shadowRoot) walk(el.shadowRoot);
          walk(el);
        }
      }
    };
    walk(document.body);
    return out;
  });
}

/** h1 elements anywhere in the page, shadow roots included. */
function h1Count(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    const walk = (root: Document | ShadowRoot) => {
      n += root.querySelectorAll('h1').length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return n;
  });
}

/** The element that has the focus, inside shadow roots. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el
      ? `${el.localName}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}:${(el.textContent ?? '').trim().slice(0, 20)}`
      : '';
  });
}

async function newContext(lang: Lang): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({
    viewport: VIEWPORTS[0],
    acceptDownloads: false,
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript((l) => localStorage.setItem('landflow.lang', l), lang);
  return { context, page: await context.newPage() };
}

/** Opens a 钦州 exit case through the API as the signed-in clerk; its id. */
async function openCase(page: Page): Promise<string> {
  const kase = JSON.parse(readFileSync(join(ROOT, 'examples', 'household-qinzhou.json'), 'utf8'));
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
    { policy: 'qinzhou', procedure: 'exit', case: kase },
  );
}

interface PageState {
  name: string;
  open: (page: Page, lang: Lang) => Promise<void>;
}

const go = async (page: Page, hash: string, ready: string) => {
  await page.goto(`${e2e.server.url}/${hash}`, { waitUntil: 'networkidle' });
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
};

function states(caseId: () => string): PageState[] {
  return [
    { name: 'home', open: (p) => go(p, '', 'lf-home a.card') },
    { name: 'policy-list', open: (p) => go(p, '#/policies', 'lf-policy-list tr[data-policy="qinzhou"]') },
    {
      name: 'editor',
      open: async (p, lang) => {
        await go(p, '#/policies/qinzhou', 'lf-code-editor .cm-content');
        await expect
          .poll(() => p.locator('[data-testid="error-count"]').textContent(), { timeout: 30_000 })
          .toBe(lang === 'zh' ? '0 个错误' : '0 error(s)');
      },
    },
    {
      name: 'comparison',
      open: async (p) => {
        await go(p, '#/compare', 'lf-compare-parameters [data-testid="parameter-table"]');
        await p.locator('lf-compare-outcomes [data-testid="outcome-table"]').waitFor({ timeout: 30_000 });
        await p.locator('lf-compare-outcomes lf-chart svg').waitFor();
      },
    },
    {
      name: 'population-run',
      open: async (p) => {
        const run = p.locator('lf-population-run');
        await run.locator('select[name="population"] option').first().waitFor({ state: 'attached' });
        await run.locator('input[name="n"]').fill('500');
        await run.locator('button.primary').click();
        await run.locator('[data-testid="simulation-table"]').waitFor({ timeout: 60_000 });
        await run.scrollIntoViewIfNeeded();
      },
    },
    { name: 'task-list', open: (p) => go(p, '#/cases', 'lf-task-list section.due') },
    {
      name: 'new-case',
      open: async (p) => {
        await go(p, '#/cases/new?policy=qinzhou&procedure=exit', 'lf-case-form');
        await p.locator('lf-case-new select[name="example"]').selectOption('household-qinzhou.json');
        await p.locator('lf-record-table table[data-path="/household/members"] tbody tr').first().waitFor();
      },
    },
    { name: 'case-page', open: (p) => go(p, `#/cases/${caseId()}`, 'lf-case-summary dl') },
  ];
}

describe('the UI in one language at a time, accessible', () => {
  let caseId = '';

  for (const lang of ['zh', 'en'] as const) {
    it(
      `${lang}: axe finds no violation on any page state at 1280×720 and 768×1024, nothing scrolls sideways, one h1 each${lang === 'en' ? ', and no Chinese outside policy content' : ''}`,
      { timeout: 240_000 },
      async () => {
        mkdirSync(OUT, { recursive: true });
        const { context, page } = await newContext(lang);
        const errors: string[] = [];
        const problems: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        const check = async (name: string) => {
          for (const vp of VIEWPORTS) {
            await page.setViewportSize(vp);
            await page.waitForTimeout(150);
            const axe = await new AxeBuilder({ page }).analyze();
            for (const v of axe.violations)
              problems.push(
                `${lang} ${name} ${vp.width}: axe ${v.id} (${v.impact}) ${v.nodes
                  .map((n) => n.target.join(' '))
                  .slice(0, 3)
                  .join(' | ')}`,
              );
            const wide = await page.evaluate(() => document.documentElement.scrollWidth);
            if (wide > vp.width) problems.push(`${lang} ${name} ${vp.width}: scrolls sideways (${wide} px)`);
            await page.screenshot({ path: join(OUT, `${lang}-${name}-${vp.width}.png`) });
          }
          const h1 = await h1Count(page);
          if (name !== 'login' && h1 !== 1) problems.push(`${lang} ${name}: ${h1} h1 elements`);
          if (lang === 'en')
            for (const text of await chineseOutsideContent(page)) problems.push(`en ${name}: Chinese outside policy content: ${text}`);
          await page.setViewportSize(VIEWPORTS[0]);
        };

        // The login dialog, signed out: it keeps the focus while open and gives it back when closed.
        await page.goto(`${e2e.server.url}/`, { waitUntil: 'networkidle' });
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');
        await page.locator('lf-app-header .session button').click();
        await page.locator('lf-login input[name="username"]').waitFor();
        await check('login');
        const inside = new Set<string>();
        for (let i = 0; i < 6; i++) {
          await page.keyboard.press('Tab');
          inside.add(await focused(page));
        }
        expect(
          [...inside].every((f) => /^(input|button)/.test(f)),
          [...inside].join(', '),
        ).toBe(true);
        expect(await page.locator('lf-login').evaluate((el) => el.shadowRoot!.contains(el.shadowRoot!.activeElement))).toBe(true);
        await page.keyboard.press('Escape');
        await page.locator('lf-login').waitFor({ state: 'detached' });
        await expect.poll(() => focused(page)).toMatch(/^button:(登录|Sign in)/);

        // The skip link is the first stop and moves the focus to the page's content.
        await page.goto(`${e2e.server.url}/#/policies`, { waitUntil: 'networkidle' });
        // A fresh load (the hash change alone would keep the focus where it was).
        await page.reload({ waitUntil: 'networkidle' });
        await page.locator('lf-policy-list tr[data-policy]').first().waitFor();
        await page.keyboard.press('Tab');
        expect(await focused(page)).toMatch(/^a:(跳到正文|Skip to content)/);
        await page.keyboard.press('Enter');
        expect(await focused(page)).toMatch(/^main/);

        await signInIfAsked(page, e2e.server, 'clerk');
        if (!caseId) caseId = await openCase(page);
        for (const s of states(() => caseId)) {
          await s.open(page, lang);
          await check(s.name);
          if (s.name === 'editor') {
            // The editor's scroller is reachable from the keyboard.
            expect(await page.locator('lf-code-editor .cm-scroller').getAttribute('tabindex')).toBe('0');
          }
        }

        // The choice survives a reload, and <html lang> with it.
        await page.reload({ waitUntil: 'networkidle' });
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');
        expect(errors).toEqual([]);
        await context.close();
        expect(problems).toEqual([]);
      },
    );
  }

  it("a researcher's document preview is refused in words, not as the server's JSON", { timeout: 60_000 }, async () => {
    const { context, page } = await newContext('zh');
    await signInIfAsked(page, e2e.server, 'researcher');
    await go(page, `#/cases/${caseId}`, 'lf-case-documents li');
    await page.locator('lf-case-documents li button:not([disabled])').first().click();
    const refused = page.locator('lf-case-documents [data-testid="document-refused"]');
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.textContent()).toContain('您的账户不能查看此文书');
    expect(await page.locator('lf-case-documents iframe').count()).toBe(0);
    await page.screenshot({ path: join(OUT, 'researcher-document-refused.png') });
    await context.close();
  });
});
