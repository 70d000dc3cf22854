// 案件办理: a clerk runs a 钦州 exit from opening to filing — the application form generated from
// the case model (身份证号 checked, co-owner consent per member), then each allowed action in turn:
// written notice, negotiation, the vote with its verdict shown before saving, contract, taking back
// the certificate, payment, filing — with the timeline, the documents and the audit trail.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openPage, useServerAndBrowser } from './harness.ts';
import { signInIfAsked } from './accounts.ts';

const e2e = useServerAndBrowser();

const field = (root: Locator | Page, path: string) => root.locator(`lf-form-field[data-path="${path}"]`);

/** How the clerk fills each action's form (blank dates mean today). */
async function fill(page: Page, type: string): Promise<void> {
  const form = page.locator('lf-command-form');
  switch (type) {
    case 'receiveWrittenNotice':
      // The household's written notice arrived on the day the case file says.
      await field(form, 'date').locator('input').fill('2026-01-15');
      break;
    case 'recordNegotiation':
      await field(form, 'agreed').locator('input').check();
      await field(form, 'payer').locator('select').selectOption('group');
      break;
    case 'recordVote': {
      const rec = form.locator('lf-vote-recorder');
      await rec.locator('select[name="body"]').selectOption('户主会议');
      for (const [k, v] of Object.entries({ entitled: 40, present: 30, yes: 16, no: 10, abstain: 4 })) {
        await rec.locator(`input[name="${k}"]`).fill(String(v));
      }
      // 过半数 of 30 present is 16: the verdict shows before anything is saved.
      await expect.poll(() => rec.locator('.verdict').getAttribute('data-verdict')).toBe('passed');
      expect(await rec.locator('.verdict').textContent()).toContain('至少须赞成 16 票');
      // 15 + 10 + 4 is not the 30 present: no verdict until the tally adds up (docs/votes.md).
      await rec.locator('input[name="yes"]').fill('15');
      await expect.poll(() => rec.locator('.verdict').getAttribute('data-verdict')).toBe('none');
      expect(await rec.locator('.verdict').textContent()).toContain('与到会 30 户不符');
      await rec.locator('input[name="abstain"]').fill('5');
      await expect.poll(() => rec.locator('.verdict').getAttribute('data-verdict')).toBe('failed');
      await rec.locator('input[name="yes"]').fill('16');
      await rec.locator('input[name="abstain"]').fill('4');
      await expect.poll(() => rec.locator('.verdict').getAttribute('data-verdict')).toBe('passed');
      break;
    }
    case 'recordPayment':
      await field(form, 'amount').locator('input').fill('53333.25');
      break;
    default:
      break;
  }
}

const ORDER = ['receiveWrittenNotice', 'recordNegotiation', 'recordVote', 'signContract', 'cancelContractAndCertificate', 'recordPayment', 'fileWithTown'];

describe('clerk: a 钦州 exit from opening to filing', () => {
  it('opens the case from the generated form and runs it to filing', { timeout: 240_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'clerk-');
    await signInIfAsked(page, e2e.server);
    await page.goto(`${e2e.server.url}/#/cases/new?policy=qinzhou&procedure=exit`, { waitUntil: 'networkidle' });
    await page.locator('lf-case-form').waitFor();
    await page.locator('lf-case-new select[name="example"]').selectOption('household-qinzhou.json');
    await expect.poll(() => field(page, '/household/head/name').locator('input').inputValue()).toBe('黄某明');

    // 身份证号 is checked as the clerk leaves the field: a wrong check digit is named next to it.
    const id = field(page, '/household/head/idNumber').locator('input');
    await id.fill('450702196803151234');
    await id.press('Tab');
    await expect.poll(() => field(page, '/household/head/idNumber').locator('.msg').textContent()).toContain('校验码应为5');
    await shot('id-number-checked');
    await id.fill('450702196803151235');
    await id.press('Tab');
    await expect.poll(() => field(page, '/household/head/idNumber').locator('.msg').count()).toBe(0);

    // Co-owner consent per member: each family member has its own 家庭共有人 and 同意 boxes.
    const members = page.locator('lf-record-table table[data-path="/household/members"] tbody tr');
    expect(await members.count()).toBe(3);
    expect(await field(page, '/household/members/1/consents').locator('input').isChecked()).toBe(true);
    await shot('application-form', true);

    await page.locator('lf-case-new .actions button.primary').click();
    await page.waitForURL((u) => /^#\/cases\/(?!new)/.test(u.hash), { timeout: 30_000 });
    await page.locator('lf-case-actions button[data-command]').first().waitFor();
    await shot('case-opened');

    const version = () => page.locator('lf-case-page .head').textContent();
    const done: string[] = [];
    for (let round = 0; round < 12; round++) {
      const filed = await page.locator('lf-case-timeline li[data-step="filing"][data-kind="done"]').count();
      if (filed) break;
      const available = await page.locator('lf-case-actions button[data-command]').evaluateAll((els) => els.map((e) => e.getAttribute('data-command')!));
      const next = ORDER.find((c) => available.includes(c) && !done.includes(c)) ?? ORDER.find((c) => available.includes(c));
      expect(next, `no next action among ${available.join(', ')}`).toBeTruthy();
      const before = await version();
      await page.locator(`lf-case-actions button[data-command="${next}"]`).click();
      await page.locator('lf-command-form').waitFor();
      await fill(page, next!);
      await shot(`${next}-form`);
      await page.locator('lf-command-form button[type="submit"]').click();
      await expect.poll(async () => (await version()) !== before || (await page.locator('lf-command-form lf-notice').count()) > 0, { timeout: 20_000 }).toBe(true);
      const refusal = await page.locator('lf-command-form lf-notice').count();
      expect(refusal ? await page.locator('lf-command-form lf-notice').textContent() : '', `${next} was refused`).toBe('');
      done.push(next!);
      await shot(`${next}-done`);
    }
    expect(await page.locator('lf-case-timeline li[data-step="filing"][data-kind="done"]').count()).toBe(1);
    expect(done).toEqual(ORDER);

    // The timeline shows the computed dates: the negotiation could start only after half a year.
    const negotiation = page.locator('lf-case-timeline li[data-step="negotiation"]');
    expect(await negotiation.getAttribute('data-kind')).toBe('done');

    // Documents: the exit contract previews in the page and prints as PDF.
    const docs = page.locator('lf-case-documents li[data-form="退出合同"]');
    await docs.waitFor();
    await docs.getByRole('button').first().click();
    const frame = page.frameLocator('lf-case-documents iframe');
    await expect.poll(async () => (await frame.locator('body').textContent({ timeout: 20_000 })) ?? '', { timeout: 20_000 }).toContain('53333.25');
    await page.locator('lf-case-documents iframe').scrollIntoViewIfNeeded();
    await shot('contract-preview');
    const pdf = await page.request.get(`${e2e.server.url}${await docs.locator('a').getAttribute('href')}`);
    expect(pdf.headers()['content-type'], `${pdf.status()} ${pdf.headers()['content-type']?.includes('json') ? await pdf.text() : ''}`).toContain('application/pdf');

    // The audit trail lists every event, chained.
    const rows = page.locator('lf-audit-trail tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(ORDER.length + 1);
    expect(await page.locator('lf-audit-trail .broken').count()).toBe(0);
    await page.locator('lf-audit-trail').scrollIntoViewIfNeeded();
    await shot('audit-trail');
    expect(errors).toEqual([]);
  });

  it('keeps what was typed when the server refuses, and shows the reason next to the field', { timeout: 120_000 }, async () => {
    const { page, errors, shot } = await openPage(e2e.browser, { width: 1280, height: 720 }, 'clerk-refused-');
    await signInIfAsked(page, e2e.server);
    await page.goto(`${e2e.server.url}/#/cases/new?policy=qinzhou&procedure=exit`, { waitUntil: 'networkidle' });
    await page.locator('lf-case-new select[name="example"]').selectOption('household-qinzhou.json');
    await expect.poll(() => field(page, '/household/head/name').locator('input').inputValue()).toBe('黄某明');
    // 钦州 knows only permanent exit (第十条): the form accepts any mode of the case model, the server refuses this one.
    await field(page, '/exit/mode').locator('select').selectOption('currentTerm');
    await field(page, '/parcels/1/area').locator('input').fill('1.25');
    await page.locator('lf-case-new .actions button.primary').click();
    const message = field(page, '/exit/mode').locator('.msg');
    await expect.poll(() => message.count(), { timeout: 20_000 }).toBe(1);
    expect(await message.textContent()).toContain('currentTerm');
    await shot('refused');
    // Nothing typed is lost.
    expect(await field(page, '/exit/mode').locator('select').inputValue()).toBe('currentTerm');
    expect(await field(page, '/parcels/1/area').locator('input').inputValue()).toBe('1.25');
    expect(await field(page, '/household/head/idNumber').locator('input').inputValue()).toBe('450702196803151235');
    // Correcting the field clears the message.
    await field(page, '/exit/mode').locator('select').selectOption('permanent');
    await expect.poll(() => message.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
