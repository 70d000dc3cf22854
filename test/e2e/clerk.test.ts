// 案件办理: a clerk runs a 钦州 exit from opening to filing — the application form generated from
// the case model (身份证号 checked, co-owner consent per member, a member added with ＋ a co-owner by
// default that the clerk confirms), the written notice refused under 第十一条 naming the member
// whose consent is missing, that consent recorded from the case page, then each allowed action in
// turn: negotiation, a failed and a passed vote (both kept on the page), contract, taking back the
// certificate, payment, filing — with the summary, the timeline, the documents and the audit trail.
// The steps share one page and run in order.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openPage, useServerAndBrowser, type TestPage } from './harness.ts';
import { signInIfAsked } from './accounts.ts';

const e2e = useServerAndBrowser();

const field = (root: Locator | Page, path: string) => root.locator(`lf-form-field[data-path="${path}"]`);

/** The household's daughter, added with ＋ (her 身份证号 is valid: check digit 0). */
const DAUGHTER = { name: '黄某丽', idNumber: '450702199503010020', relation: '女' };

/** 30 of 40 households at the 户主会议; the yes votes vary, no votes make up the rest beside 4 abstentions. */
const VOTE_COUNTS = { entitled: 40, present: 30, abstain: 4 };

/** How the clerk fills each action's form (blank dates mean today). */
async function fill(page: Page, type: string, yes = 16): Promise<void> {
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
      const no = VOTE_COUNTS.present - VOTE_COUNTS.abstain - yes;
      for (const [k, v] of Object.entries({ ...VOTE_COUNTS, yes, no: no + 1 })) {
        await rec.locator(`input[name="${k}"]`).fill(String(v));
      }
      // One vote too many is not the 30 present: no verdict until the tally adds up (docs/votes.md).
      await expect.poll(() => rec.locator('.verdict').getAttribute('data-verdict')).toBe('none');
      expect(await rec.locator('.verdict').textContent()).toContain('与到会 30 户不符');
      await rec.locator('input[name="no"]').fill(String(no));
      // 过半数 of 30 present is 16: the verdict shows before anything is saved.
      await expect.poll(() => rec.locator('.verdict').getAttribute('data-verdict')).toBe(yes >= 16 ? 'passed' : 'failed');
      expect(await rec.locator('.verdict').textContent()).toContain('至少须赞成 16 票');
      break;
    }
    case 'recordPayment':
      await field(form, 'amount').locator('input').fill('53333.25');
      break;
    default:
      break;
  }
}

/** Runs one allowed action through its form; returns the refusal shown, or '' when it was recorded. */
async function act(page: Page, type: string, yes?: number): Promise<string> {
  const version = () => page.locator('lf-case-page .head').textContent();
  const before = await version();
  await page.locator(`lf-case-actions button[data-command="${type}"]`).click();
  await page.locator('lf-command-form').waitFor();
  await fill(page, type, yes);
  await page.locator('lf-command-form button[type="submit"]').click();
  await expect
    .poll(async () => (await version()) !== before || (await page.locator('lf-command-form lf-notice').count()) > 0, { timeout: 45_000 })
    .toBe(true);
  // The notice draws its message in its shadow root: read the box inside it.
  const notice = page.locator('lf-command-form lf-notice div');
  return (await notice.count()) ? ((await notice.textContent()) ?? '') : '';
}

const ORDER = ['recordNegotiation', 'recordVote', 'signContract', 'cancelContractAndCertificate', 'recordPayment', 'fileWithTown'];

describe('clerk: a 钦州 exit from opening to filing', () => {
  let t: TestPage;

  it(
    'opens the case from the generated form; a member added with ＋ is a co-owner by default that the clerk confirms',
    { timeout: 120_000 },
    async () => {
      t = await openPage(e2e.browser, { width: 1280, height: 720 }, 'clerk-');
      const { page, shot } = t;
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

      // The daughter, added with ＋: a co-owner by default (marked as such), not consenting yet.
      await page
        .locator('lf-record-table', { has: page.locator('table[data-path="/household/members"]') })
        .getByRole('button', { name: /添加/ })
        .click();
      await expect.poll(() => members.count()).toBe(4);
      for (const [k, v] of Object.entries(DAUGHTER)) {
        const input = field(page, `/household/members/3/${k}`).locator('input');
        await input.fill(v);
        await input.press('Tab');
      }
      expect(await field(page, '/household/members/3/coOwner').locator('input').isChecked()).toBe(true);
      expect(await field(page, '/household/members/3/consents').locator('input').isChecked()).toBe(false);
      expect(await field(page, '/household/members/3/coOwner').locator('[data-hint]').textContent()).toContain('默认');
      await shot('application-form', true);

      // Submitting asks to confirm the default before the case opens.
      await page.locator('lf-case-new .actions > button.primary').click();
      const confirm = page.locator('lf-case-new [data-testid="confirm-defaults"]');
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('黄某丽（女）');
      await shot('confirm-defaults');
      await confirm.getByRole('button', { name: '已核实，提交立案' }).click();
      await page.waitForURL((u) => /^#\/cases\/(?!new)/.test(u.hash), { timeout: 60_000 });
      await page.locator('lf-case-actions button[data-command]').first().waitFor();
      await shot('case-opened');
      expect(t.errors).toEqual([]);
    },
  );

  it(
    'a clerk resolves a missing consent from the case page: the refusal names her, her consent is recorded with how it was given',
    { timeout: 90_000 },
    async () => {
      const { page, shot } = t;
      const consent = page.locator('lf-case-consent');
      expect(await consent.locator('tr[data-member="黄某丽"] [data-status]').getAttribute('data-status')).toBe('missing');
      expect(await consent.locator('p.note').textContent()).toContain('尚缺以下家庭共有人的同意');

      // The written notice is refused under 第十一条, and the refusal says whose consent is missing.
      const refusal = await act(page, 'receiveWrittenNotice');
      expect(refusal).toContain('第十一条');
      expect(refusal).toContain('尚缺 黄某丽 的同意');
      const met = page.locator('lf-case-page [data-testid="refusals"]');
      await met.waitFor();
      expect(await met.textContent()).toContain('黄某丽');
      await shot('consent-refused');
      await page.locator('lf-command-form').getByRole('button', { name: '取消' }).click();

      // Her consent, signed and thumbprinted on 2026-01-14, taken down on the case page.
      await consent.locator('button[data-record="黄某丽"]').click();
      const form = consent.locator('form[data-member="黄某丽"]');
      await form.locator('input[name="date"]').fill('2026-01-14');
      await form.locator('select[name="how"]').selectOption('书面签字并按手印');
      await form.getByRole('button', { name: '记录', exact: true }).click();
      await expect.poll(() => consent.locator('tr[data-member="黄某丽"] [data-status]').getAttribute('data-status')).toBe('pending');
      expect(await consent.locator('[data-testid="consent-carrier"]').textContent()).toContain('收到书面通知');
      await shot('consent-taken-down');

      // The written notice again: it carries her consent and is recorded.
      await page.locator('lf-case-actions button[data-command="receiveWrittenNotice"]').click();
      expect(await page.locator('lf-case-actions [data-testid="carried-consents"]').textContent()).toContain('黄某丽');
      expect(await act(page, 'receiveWrittenNotice')).toBe('');
      await expect.poll(() => page.locator('lf-case-timeline li[data-step="written-notice"]').getAttribute('data-kind')).toBe('done');
      await expect.poll(() => consent.locator('tr[data-member="黄某丽"] [data-status]').getAttribute('data-status')).toBe('yes');
      // The record says when and how: the note travels with the written notice into the trail.
      expect(await consent.locator('tr[data-member="黄某丽"]').textContent()).toContain('书面签字并按手印，2026-01-14');
      expect(await page.locator('lf-audit-trail tr[data-type="WrittenNoticeReceived"]').textContent()).toContain('收到书面通知');
      await shot('consent-recorded');
      expect(t.errors).toEqual([]);
    },
  );

  it('a failed then a passed vote both show on the case page, each with its tally and verdict', { timeout: 90_000 }, async () => {
    const { page, shot } = t;
    expect(await act(page, 'recordNegotiation')).toBe('');
    // 15 of 30 present is short of 过半数 (16): recorded, the step stays open.
    expect(await act(page, 'recordVote', 15)).toBe('');
    const votes = page.locator('lf-case-votes [data-testid="votes"] tbody tr');
    await expect.poll(() => votes.count()).toBe(1);
    expect(await votes.nth(0).locator('[data-verdict]').getAttribute('data-verdict')).toBe('failed');
    expect(await page.locator('lf-case-actions button[data-command="recordVote"]').count()).toBe(1);
    expect(await act(page, 'recordVote', 16)).toBe('');
    await expect.poll(() => votes.count()).toBe(2);
    expect(await votes.nth(1).locator('[data-verdict]').getAttribute('data-verdict')).toBe('passed');
    expect(await votes.nth(0).textContent()).toContain('户主会议');
    expect(await votes.nth(0).textContent()).toContain('15');
    expect(await votes.nth(1).textContent()).toContain('16');
    // Both are in the audit trail under their name, never the internal event type.
    expect(await page.locator('lf-audit-trail tr[data-type="VoteRecorded"]').count()).toBe(2);
    expect(await page.locator('lf-audit-trail tbody').textContent()).not.toContain('VoteRecorded');
    await page.locator('lf-case-votes').scrollIntoViewIfNeeded();
    await shot('votes');
    expect(t.errors).toEqual([]);
  });

  it('runs the case to filing, with the summary of amount, contract and payment', { timeout: 150_000 }, async () => {
    const { page, shot } = t;
    // Before the contract, the summary shows the policy's amount as an estimate.
    const summary = page.locator('lf-case-summary');
    expect(await summary.locator('[data-testid="summary-amount"]').textContent()).toContain('53333.25');
    expect(await summary.locator('dl').textContent()).toContain('伍万叁仟叁佰叁拾叁元贰角伍分');
    for (const next of ORDER.slice(2)) {
      expect(await act(page, next), `${next} was refused`).toBe('');
      await shot(`${next}-done`);
    }
    expect(await page.locator('lf-case-timeline li[data-step="filing"][data-kind="done"]').count()).toBe(1);
    expect(await summary.locator('[data-testid="summary-contract"]').textContent()).toMatch(/退出（2026）第 ?\d+ ?号|退出/);
    expect((await summary.locator('[data-testid="summary-outstanding"]').textContent())?.trim()).toBe('0.00 元');
    expect(await summary.locator('dl').textContent()).toContain('53333.25 元');
    await summary.scrollIntoViewIfNeeded();
    await shot('summary');

    // Documents: the exit contract previews in the page and prints as PDF.
    const docs = page.locator('lf-case-documents li[data-form="退出合同"]');
    await docs.waitFor();
    await docs.getByRole('button').first().click();
    const frame = page.frameLocator('lf-case-documents iframe');
    await expect
      .poll(async () => (await frame.locator('body').textContent({ timeout: 20_000 })) ?? '', { timeout: 20_000 })
      .toContain('53333.25');
    await page.locator('lf-case-documents iframe').scrollIntoViewIfNeeded();
    await shot('contract-preview');
    const pdf = await page.request.get(`${e2e.server.url}${await docs.locator('a').getAttribute('href')}`);
    expect(
      pdf.headers()['content-type'],
      `${pdf.status()} ${pdf.headers()['content-type']?.includes('json') ? await pdf.text() : ''}`,
    ).toContain('application/pdf');

    // The audit trail lists every event, chained, each under its name.
    const rows = page.locator('lf-audit-trail tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(ORDER.length + 2);
    expect(await page.locator('lf-audit-trail .broken').count()).toBe(0);
    await page.locator('lf-audit-trail').scrollIntoViewIfNeeded();
    await shot('audit-trail');

    // The summary prints: actions, documents and the trail are left out.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('lf-case-page section[aria-labelledby="h-actions"]').isVisible()).toBe(false);
    expect(await summary.isVisible()).toBe(true);
    await shot('print', true);
    await page.emulateMedia({ media: 'screen' });
    expect(t.errors).toEqual([]);
    await page.context().close();
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
    await page.locator('lf-case-new .actions > button.primary').click();
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
