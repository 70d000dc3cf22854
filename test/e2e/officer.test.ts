// 政策编辑: an officer opens 钦州, renames a name inside the compensation formula, and sees the
// checker's error underlined on that very line (the in-browser checker, no round trip), with the
// message in the diagnostics list; a policy with errors cannot be published. A failing example is
// an error in the editor as on the server, and the server's findings leave once the text changes.
// An unsaved edit survives leaving the page: a prompt first, then a draft offered on return.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, ROOT, useServerAndBrowser } from './harness.ts';
import { signInIfAsked } from './accounts.ts';

const e2e = useServerAndBrowser();

/** The 1-based line number of the first element matching `selector` in the editor, read from the line-number gutter beside it. */
function markerLine(page: Page, selector: string): Promise<number | null> {
  return page.locator('lf-code-editor').evaluate((host, sel) => {
    const root = host.shadowRoot!;
    const mark = root.querySelector(sel);
    if (!mark) return null;
    const line = mark.closest('.cm-line') ?? mark.closest('.cm-gutterElement') ?? mark;
    const top = line.getBoundingClientRect().top;
    const numbers = [...root.querySelectorAll('.cm-lineNumbers .cm-gutterElement')];
    const hit = numbers.find((n) => Math.abs(n.getBoundingClientRect().top - top) < 3 && /^\d+$/.test(n.textContent ?? ''));
    return hit ? Number(hit.textContent) : null;
  }, selector);
}

describe('officer: policy editor', () => {
  it('underlines a misspelt name in a formula at the right line, with the message', { timeout: 120_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'officer-');
    await signInIfAsked(page, e2e.server, 'officer');
    await page.goto(`${e2e.server.url}/#/policies`, { waitUntil: 'networkidle' });
    await page.locator('lf-policy-list tr[data-policy="qinzhou"]').waitFor();
    await shot('policy-list');
    await page.locator('lf-policy-list a', { hasText: '钦州' }).click();
    await page.waitForURL((u) => u.hash === '#/policies/qinzhou');
    await page.locator('lf-code-editor .cm-content').waitFor();
    // The checker runs in the browser: the bundled policy has no errors.
    await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 20_000 }).toBe('0 个错误');
    await shot('opened');

    const source = readFileSync(join(ROOT, 'policies', 'qinzhou.yaml'), 'utf8');
    const formula = '每亩补偿: (流转费 + 地力补贴)';
    const at = source.indexOf(formula);
    expect(at).toBeGreaterThan(0);
    const offset = at + formula.indexOf('流转费');
    const expectedLine = source.slice(0, offset).split('\n').length;

    // Put the cursor before 流转费, select it with the keyboard, and type a name the policy does not define.
    await page.locator('lf-code-editor').evaluate((el, off) => (el as unknown as { goto(o: number): void }).goto(off), offset);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('流转费用');

    await page.locator('lf-code-editor .cm-lintRange-error').first().waitFor({ timeout: 20_000 });
    expect(await markerLine(page, '.cm-lintRange-error')).toBe(expectedLine);
    expect(await markerLine(page, '.cm-lint-marker-error')).toBe(expectedLine);
    expect(await page.locator('lf-code-editor .cm-lintRange-error').first().textContent()).toBe('流转费用');

    // The diagnostics list names the line, the code and the message (Chinese, then English).
    const item = page.locator(`lf-diagnostics-list button.diag[data-line="${expectedLine}"]`);
    await expect.poll(() => item.count()).toBeGreaterThan(0);
    const text = await item.first().textContent();
    expect(text).toContain('未定义的名称');
    expect(text).toContain('流转费用');
    expect(text).toContain(`${expectedLine}:`);
    // Every finding shows its article: this one has none of its own, the formula it sits in cites 第十条第二项.
    expect(await item.first().locator('.cite').textContent()).toContain('第十条');
    expect(await page.locator('[data-testid="error-count"]').textContent()).toBe('1 个错误');
    // A policy with errors cannot be published.
    expect(await page.getByRole('button', { name: '保存并发布新版本' }).isDisabled()).toBe(true);

    // Hovering the underline shows the message in the editor too.
    await page.locator('lf-code-editor .cm-lintRange-error').first().hover();
    await page.locator('lf-code-editor .cm-tooltip-lint').waitFor({ timeout: 10_000 });
    expect(await page.locator('lf-code-editor .cm-tooltip-lint').textContent()).toContain('流转费用');
    await shot('error-underlined');

    // The server's checker agrees (a check only: nothing is saved): its finding is the same one, listed once.
    await page.getByRole('button', { name: '服务器检查' }).click();
    await page.locator('lf-policy-page aside lf-notice[kind="info"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('lf-diagnostics-list button.diag[data-code="E201"]').count()).toBe(1);
    expect(await page.locator('[data-testid="error-count"]').textContent()).toBe('1 个错误');
    await shot('server-check');

    // Fixing the name clears the error.
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 20_000 }).toBe('0 个错误');
    expect(errors).toEqual([]);
  });

  it(
    'before publishing, shows what the new text changes, with its article, and lets the officer cancel',
    { timeout: 120_000 },
    async () => {
      const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 900 }, 'officer-review-');
      await signInIfAsked(page, e2e.server, 'officer');
      await page.goto(`${e2e.server.url}/#/policies/qinzhou`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 30_000 }).toBe('0 个错误');
      const file = join(ROOT, 'policies', 'qinzhou.yaml');
      const source = readFileSync(file, 'utf8');
      // 退出通知期 半年 → 一年: no example depends on it, so the text stays publishable.
      const at = source.indexOf('半年', source.indexOf('  退出通知期:'));
      await page.locator('lf-code-editor').evaluate((el, off) => (el as unknown as { goto(o: number): void }).goto(off), at);
      for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type('一年');
      await page.locator('[data-testid="unsaved"]').waitFor();
      await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 30_000 }).toBe('0 个错误');

      await page.getByRole('button', { name: '保存并发布新版本' }).click();
      const review = page.locator('[data-testid="publish-review"]');
      await review.waitFor({ timeout: 30_000 });
      const changes = review.locator('[data-testid="diff-change"]');
      expect(await changes.count()).toBe(1);
      const change = (await changes.first().textContent()) ?? '';
      expect(change).toContain('parameters.退出通知期');
      expect(change).toContain('半年 → 一年');
      expect(change).toContain('第十条第一项');
      // The diff lays itself out in its own shadow root: getByText looks inside it.
      expect(await review.getByText(/按现行版本办理中的案件/).count()).toBe(1);
      await shot('publish-review');

      // Cancelled: nothing was written, and the text stays as typed.
      await review.getByRole('button', { name: '取消' }).click();
      await review.waitFor({ state: 'detached' });
      expect(readFileSync(file, 'utf8')).toBe(source);
      expect(await page.locator('[data-testid="unsaved"]').count()).toBe(1);
      expect(errors).toEqual([]);
    },
  );

  it('shows the compiled workflow, the parameters with units and articles, and the examples passing', { timeout: 120_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'officer-panel-');
    await page.goto(`${e2e.server.url}/#/policies/qinzhou`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 20_000 }).toBe('0 个错误');

    await page.getByRole('tab', { name: '流程' }).click();
    await page.locator('lf-workflow-diagram .step[data-step="approval"]').waitFor();
    const approval = await page.locator('lf-workflow-diagram .step[data-step="approval"]').textContent();
    expect(approval).toContain('三分之二以上');
    expect(approval).toContain('成员大会');
    expect(await page.locator('lf-workflow-diagram .step[data-step="negotiation"]').textContent()).toContain('半年');
    await shot('workflow');

    await page.getByRole('tab', { name: '参数' }).click();
    const rent = await page.locator('lf-parameter-table tr[data-param="流转费"]').textContent();
    expect(rent).toContain('元/亩/年');
    expect(rent).toContain('第十条');
    await shot('parameters');

    await page.getByRole('tab', { name: '示例' }).click();
    await expect
      .poll(() => page.locator('[data-testid="examples-summary"]').textContent(), { timeout: 30_000 })
      .toMatch(/^(\d+) \/ \1 通过$/);
    await shot('examples');

    // Each form previews with the example case: the exit contract carries the computed amount in words.
    await page.getByRole('tab', { name: '表单' }).click();
    await page.locator('lf-form-preview button[data-form="退出合同"]').click();
    const preview = page.frameLocator('lf-form-preview iframe');
    await expect
      .poll(async () => (await preview.locator('body').textContent({ timeout: 20_000 })) ?? '', { timeout: 30_000 })
      .toContain('伍万叁仟叁佰叁拾叁元贰角伍分');
    await shot('form-preview');
    expect(errors).toEqual([]);
  });

  it(
    'a failing example is an error in the editor as on the server: badge, list, underline, no publishing; server findings leave when the text changes',
    { timeout: 120_000 },
    async () => {
      const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'officer-example-');
      await signInIfAsked(page, e2e.server, 'officer');
      await page.goto(`${e2e.server.url}/#/policies/qinzhou`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 30_000 }).toBe('0 个错误');
      const source = readFileSync(join(ROOT, 'policies', 'qinzhou.yaml'), 'utf8');
      const expected = 'compensation: "27234.00"';
      const at = source.indexOf(expected) + expected.indexOf('27234.00') + '27234.0'.length;
      const line = source.slice(0, at).split('\n').length;
      // 27234.00 → 27234.01: the example's expectation no longer holds.
      await page.locator('lf-code-editor').evaluate((el, off) => (el as unknown as { goto(o: number): void }).goto(off), at);
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type('1');
      await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 30_000 }).toBe('1 个错误');
      const item = page.locator('lf-diagnostics-list button.diag[data-code="X901"]');
      expect(await item.count()).toBe(1);
      expect(await item.getAttribute('data-line')).toBe(String(line));
      expect(await markerLine(page, '.cm-lintRange-error')).toBe(line);
      expect(await page.getByRole('button', { name: '保存并发布新版本' }).isDisabled()).toBe(true);
      await shot('example-fails');

      // The server finds the same, once; its findings are marked as the server's while they hold.
      await page.getByRole('button', { name: '服务器检查' }).click();
      await page.locator('lf-policy-page aside lf-notice[kind="info"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('lf-diagnostics-list button.diag[data-code="X901"]').count()).toBe(1);
      expect(await page.locator('[data-testid="error-count"]').textContent()).toBe('1 个错误');
      // The 钦州 file's K801 warning is found by the server too: listed once, not twice.
      expect(await page.locator('lf-diagnostics-list button.diag[data-code="K801"]').count()).toBe(1);
      await shot('server-agrees');
      // A server result is for the text it was given: a change drops it at once.
      await page.keyboard.press('Control+z');
      await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 30_000 }).toBe('0 个错误');
      expect(await page.locator('lf-policy-page aside lf-notice[kind="info"]').count()).toBe(0);
      expect(errors).toEqual([]);
    },
  );

  it(
    "an officer's unsaved edit survives a tab change: asked first, then kept as a draft offered on return",
    { timeout: 120_000 },
    async () => {
      const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'officer-draft-');
      await page.goto(`${e2e.server.url}/#/policies/qinzhou`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.locator('[data-testid="error-count"]').textContent(), { timeout: 30_000 }).toBe('0 个错误');
      await page.locator('lf-code-editor').evaluate((el) => (el as unknown as { goto(o: number): void }).goto(0));
      await page.keyboard.type('# 草稿修改 draft edit\n');
      await page.locator('[data-testid="unsaved"]').waitFor();

      // Leaving by a header tab asks first; declining keeps the page and the text.
      const questions: string[] = [];
      page.once('dialog', (d) => {
        questions.push(d.message());
        void d.dismiss();
      });
      await page.locator('lf-app-header nav a[href="#/compare"]').click();
      await expect.poll(() => questions.length).toBe(1);
      expect(questions[0]).toContain('未保存');
      expect(page.url()).toContain('#/policies/qinzhou');
      expect(await page.locator('lf-code-editor .cm-content').textContent()).toContain('# 草稿修改 draft edit');
      await shot('asked');

      // Leaving anyway: the text is kept as a draft in the browser.
      page.once('dialog', (d) => void d.accept());
      await page.locator('lf-app-header nav a[href="#/compare"]').click();
      await page.locator('lf-compare-page').waitFor();
      await page.locator('lf-app-header nav a[href="#/policies"]').click();
      await page.locator('lf-policy-list a', { hasText: '钦州' }).click();
      const offer = page.locator('[data-testid="draft-offer"]');
      await offer.waitFor({ timeout: 30_000 });
      await shot('draft-offered');
      await offer.getByRole('button', { name: '恢复草稿' }).click();
      await expect.poll(() => page.locator('lf-code-editor .cm-content').textContent()).toContain('# 草稿修改 draft edit');
      await page.locator('[data-testid="unsaved"]').waitFor();
      // Back to the saved text: the draft is gone, and leaving asks nothing.
      await page.keyboard.press('Control+z');
      await page.locator('lf-code-editor').evaluate((el) => (el as unknown as { goto(o: number): void }).goto(0));
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Delete');
      await expect.poll(() => page.locator('[data-testid="unsaved"]').count()).toBe(0);
      await page.locator('lf-app-header nav a[href="#/compare"]').click();
      await page.locator('lf-compare-page').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('landflow.policyDraft.qinzhou'))).toBeNull();
      expect(errors).toEqual([]);
    },
  );
});
