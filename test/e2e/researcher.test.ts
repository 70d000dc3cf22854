// 方案比较: a researcher picks 钦州, 内江 and 梁平, reads their parameters side by side, runs the
// example household through all three (the results follow every change of the household; an
// ineligible policy gets no amount and no bar), downloads the outcome as CSV (with a BOM) and as
// Excel (the same numbers), runs a population with a progress bar that can be cancelled, and
// draws sweeps — the 补偿年限 sweep with its own default values included.
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, OUT, serves, useServerAndBrowser, type TestPage } from './harness.ts';

const e2e = useServerAndBrowser();

const PICK = ['qinzhou', 'neijiang', 'liangping'];

/** Opens the comparison workspace with exactly the policies in PICK ticked. */
async function openCompareWithPick(prefix: string): Promise<TestPage> {
  const opened = await openPage(e2e.browser, { width: 1280, height: 720 }, prefix);
  const { page } = opened;
  await page.goto(`${e2e.server.url}/#/compare`, { waitUntil: 'networkidle' });
  await page.locator('lf-compare-page label[data-policy="qinzhou"]').waitFor();
  const labels = page.locator('lf-compare-page label[data-policy]');
  for (let i = 0; i < (await labels.count()); i++) {
    const label = labels.nth(i);
    const id = await label.getAttribute('data-policy');
    await label.locator('input').setChecked(PICK.includes(id!));
  }
  return opened;
}

describe('researcher: comparison', () => {
  it('compares three policies for one household and downloads the CSV', { timeout: 150_000 }, async (ctx) => {
    // Needs GET /api/compare/parameters and POST /api/compare (engine/compare/routes.ts, registered
    // by engine/server/app.ts): skipped, not failed, on a server that does not offer them yet.
    if (
      !(await serves(e2e.server, 'GET', '/api/compare/parameters?policies=qinzhou')) ||
      !(await serves(e2e.server, 'POST', '/api/compare'))
    )
      ctx.skip();
    const { page, errors, shot } = await openCompareWithPick('researcher-');

    // Parameters side by side, one column per policy, each value with its article.
    const table = page.locator('lf-compare-parameters [data-testid="parameter-table"]');
    await table.waitFor({ timeout: 20_000 });
    const headings = await table.locator('thead th').allTextContents();
    expect(headings[0]).toBe('参数');
    expect(headings.slice(1).sort()).toEqual(['内江', '梁平', '钦州'].sort());
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await table.locator('.cite').count()).toBeGreaterThan(3);
    await shot('parameters');

    // The example household (钦州, 2.35 亩) under each policy.
    await page.locator('lf-compare-outcomes button.primary').click();
    const outcomes = page.locator('lf-compare-outcomes [data-testid="outcome-table"]');
    await outcomes.waitFor({ timeout: 30_000 });
    const amount = async (id: string) => (await outcomes.locator(`tr[data-policy="${id}"] td.num`).textContent())?.trim() ?? '';
    expect(await amount('qinzhou')).toMatch(/^53333\.25 元/);
    expect(await amount('neijiang')).toMatch(/^91650\.00 元/);
    expect(await amount('liangping')).toMatch(/^32900\.00 元/);
    await outcomes.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('outcomes');
    await page.locator('lf-compare-outcomes .timelines').scrollIntoViewIfNeeded();
    expect(await page.locator('lf-compare-outcomes .timelines section').count()).toBe(3);
    await shot('timelines');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="compare-csv"]').click()]);
    expect(download.suggestedFilename()).toBe('landflow-compare.csv');
    const bytes = readFileSync((await download.path())!);
    // The CSV starts with the UTF-8 byte order mark, so that Excel reads the Chinese as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    writeFileSync(join(OUT, 'researcher-compare.csv'), csv);
    expect(csv).toContain('伍万叁仟叁佰叁拾叁元贰角伍分');
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('政策,是否符合条件,不符合的条件,补偿金额,大写,每亩,最早办结日期');
    expect(lines.find((l) => l.startsWith('钦州,'))).toContain('53333.25');
    expect(lines.find((l) => l.startsWith('内江,'))).toContain('91650.00');
    expect(lines.find((l) => l.startsWith('梁平,'))).toContain('32900.00');

    // The same table as Excel: the amounts are number cells with the same values.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="compare-xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toBe('landflow-compare.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const ws = wb.worksheets[0]!;
    const byPolicy = new Map<string, unknown>();
    // The outcome rows come first, up to the blank row before the timelines.
    for (let r = 2; ws.getRow(r).getCell(1).value; r++) byPolicy.set(String(ws.getRow(r).getCell(1).value), ws.getRow(r).getCell(4).value);
    expect(byPolicy.get('钦州')).toBe(53333.25);
    expect(byPolicy.get('内江')).toBe(91650);
    expect(byPolicy.get('梁平')).toBe(32900);
    expect(String(ws.getRow(1).getCell(1).value)).toBe('政策');

    // The parameters' CSV, from the server, starts with the byte order mark too.
    const [params] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="parameters-csv"]').click()]);
    const paramBytes = readFileSync((await params.path())!);
    expect([...paramBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(paramBytes.toString('utf8')).toContain('退出程序步骤');
    // And as Excel: a row per row of the table on the page, in its order, under the same heading.
    const [paramsXlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="parameters-xlsx"]').click()]);
    expect(paramsXlsx.suggestedFilename()).toBe('landflow-parameters.xlsx');
    const pwb = new ExcelJS.Workbook();
    await pwb.xlsx.readFile((await paramsXlsx.path())!);
    const pws = pwb.worksheets[0]!;
    expect([pws.getRow(1).getCell(1).value, pws.getRow(1).getCell(2).value]).toEqual(['key', 'label']);
    const shownKeys = await page
      .locator('lf-compare-parameters tr[data-key]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    const sheetKeys: unknown[] = [];
    for (let r = 2; r <= pws.rowCount; r++) sheetKeys.push(pws.getRow(r).getCell(1).value);
    expect(sheetKeys).toEqual(shownKeys);
    expect(errors).toEqual([]);
  });

  it(
    'follows the household: an edit runs the comparison again, and an ineligible policy gets no amount and no bar',
    { timeout: 150_000 },
    async (ctx) => {
      if (!(await serves(e2e.server, 'POST', '/api/compare'))) ctx.skip();
      const { page, errors, shot } = await openCompareWithPick('researcher-live-');
      const outcomes = page.locator('lf-compare-outcomes [data-testid="outcome-table"]');
      // No click: the example household is compared as soon as it is loaded.
      await outcomes.waitFor({ timeout: 30_000 });
      const amount = async (id: string) => (await outcomes.locator(`tr[data-policy="${id}"] td.num`).textContent())?.trim() ?? '';
      await expect.poll(() => amount('qinzhou'), { timeout: 30_000 }).toMatch(/^53333\.25 元/);
      await page.locator('lf-household-editor summary').click();
      // Rent 650 → 700 元/亩/年: 钦州 pays (700 + 106.5) × 30 × 2.35 = 56858.25.
      const rent = page.locator('lf-household-editor lf-form-field[data-path="/market/rentPerMuYear"] input');
      await rent.fill('700');
      await rent.press('Tab');
      await expect.poll(() => amount('qinzhou'), { timeout: 30_000 }).toMatch(/^56858\.25 元/);
      const bars = page.locator('lf-compare-outcomes lf-chart svg rect');
      await expect.poll(() => bars.count()).toBe(3);
      // 李某芳 withdraws her consent: every policy asks the co-owners' consent (钦州 第十一条, the others
      // 农村土地承包法 第十六条), so none pays anything, and none draws a bar.
      const consent = page.locator('lf-household-editor lf-form-field[data-path="/household/members/1/consents"] input');
      await consent.uncheck();
      await expect
        .poll(() => outcomes.locator('tr[data-policy="qinzhou"]').getAttribute('data-eligible'), { timeout: 30_000 })
        .toBe('false');
      for (const id of PICK) expect(await amount(id)).toBe('不符合条件，无补偿');
      await expect.poll(() => bars.count()).toBe(0);
      await outcomes.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('ineligible');
      // Her consent again: the amounts and the bars come back.
      await consent.check();
      await expect.poll(() => amount('qinzhou'), { timeout: 30_000 }).toMatch(/^56858\.25 元/);
      await expect.poll(() => bars.count()).toBe(3);
      expect(errors).toEqual([]);
    },
  );

  it('runs a simulated population through the three policies, with its chart and CSV', { timeout: 150_000 }, async (ctx) => {
    // Needs GET /api/populations, POST /api/simulate and GET /api/charts/distribution.svg.
    if (!(await serves(e2e.server, 'GET', '/api/populations')) || !(await serves(e2e.server, 'POST', '/api/simulate'))) ctx.skip();
    const { page, errors, shot } = await openCompareWithPick('researcher-population-');
    const run = page.locator('lf-population-run');
    await run.locator('select[name="population"] option').first().waitFor({ state: 'attached' });
    // A run that is cancelled: the bar shows while the server works, the cancel stops it.
    await page.route('**/api/simulate', async (route) => {
      await new Promise((r) => setTimeout(r, 2_000));
      await route.continue().catch(() => undefined);
    });
    await run.locator('input[name="n"]').fill('2000');
    await run.locator('button.primary').click();
    await run.locator('lf-run-progress progress').waitFor();
    await shot('running');
    await run.locator('[data-testid="cancel-run"]').click();
    await expect.poll(() => run.locator('lf-notice').count()).toBe(1);
    expect(await run.locator('lf-notice div').textContent()).toContain('已取消');
    await page.unroute('**/api/simulate');

    // The run streams its progress (server-sent events) and ends with the result.
    const streamed = page.waitForResponse((r) => r.url().endsWith('/api/simulate'));
    await run.locator('button.primary').click();
    const response = await streamed;
    expect(response.request().headers()['accept']).toBe('text/event-stream');
    expect(response.headers()['content-type']).toContain('text/event-stream');
    const table = run.locator('[data-testid="simulation-table"]');
    await table.waitFor({ timeout: 60_000 });
    for (const id of PICK) expect(await table.locator(`tr[data-policy="${id}"]`).count()).toBe(1);
    // The distribution chart is the server's SVG for the same run.
    await expect
      .poll(() => run.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 60_000 })
      .toBe(true);
    await run.locator('img').scrollIntoViewIfNeeded();
    await shot('population');
    const [download] = await Promise.all([page.waitForEvent('download'), run.locator('[data-testid="simulation-csv"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    writeFileSync(join(OUT, 'researcher-simulation.csv'), csv);
    expect(
      csv
        .replace(/^\ufeff/, '')
        .split('\r\n')
        .filter(Boolean),
    ).toHaveLength(1 + PICK.length);
    // The same rows as Excel: the policies' names in the CSV's order, and as many columns.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), run.locator('[data-testid="simulation-xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const ws = wb.worksheets[0]!;
    const csvRows = csv
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean)
      .map((l) => l.split(','));
    expect(ws.rowCount).toBe(csvRows.length);
    for (let r = 1; r <= ws.rowCount; r++) {
      expect([r, String(ws.getRow(r).getCell(1).value)]).toEqual([r, csvRows[r - 1]![0]]);
      expect([r, ws.getRow(r).cellCount]).toEqual([r, csvRows[r - 1]!.length]);
    }
    expect(errors).toEqual([]);
  });

  it('draws a sweep of the rent for the three policies', { timeout: 150_000 }, async (ctx) => {
    // Needs POST /api/compare/sweep.
    if (!(await serves(e2e.server, 'POST', '/api/compare/sweep'))) ctx.skip();
    const { page, errors, shot } = await openCompareWithPick('researcher-sweep-');
    const sweep = page.locator('lf-sweep-chart');
    await sweep.locator('input[name="steps"]').fill('4');
    await sweep.locator('button.primary').click();
    await sweep.locator('lf-chart svg polyline').first().waitFor({ timeout: 60_000 });
    expect(await sweep.locator('lf-chart svg polyline').count()).toBe(3);
    await sweep.scrollIntoViewIfNeeded();
    await shot('sweep');
    expect(errors).toEqual([]);
  });

  it("a researcher's sweep of 补偿年限 with its default values draws", { timeout: 150_000 }, async (ctx) => {
    if (!(await serves(e2e.server, 'POST', '/api/compare/sweep'))) ctx.skip();
    const { page, errors, shot } = await openCompareWithPick('researcher-sweep-years-');
    const sweep = page.locator('lf-sweep-chart');
    await sweep.locator('select[name="variable"]').selectOption({ label: '补偿年限（政策参数） (年)' });
    // The defaults as shown (10 to 40, 10 points): whole years, so every value is a period the policies read.
    expect(await sweep.locator('input[name="from"]').inputValue()).toBe('10');
    expect(await sweep.locator('input[name="to"]').inputValue()).toBe('40');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/compare/sweep'));
    await sweep.locator('button.primary').click();
    expect(JSON.parse((await sent).postData() ?? '{}').sweep).toBe('param:compensationYears=10:40:3');
    await sweep.locator('lf-chart svg polyline').first().waitFor({ timeout: 60_000 });
    expect(await sweep.locator('lf-notice').count()).toBe(0);
    expect(await sweep.locator('lf-chart svg polyline').count()).toBe(3);
    await sweep.scrollIntoViewIfNeeded();
    await shot('sweep-years');
    expect(errors).toEqual([]);
  });
});
