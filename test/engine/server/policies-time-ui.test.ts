import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_HTML } from '../../../engine/server/routes/ui.ts';
import { household, POLICY_IDS } from '../run/fixtures.ts';
import { testServer, type TestServer } from './helpers.ts';
import { render, renderBoth, type Text } from '../../../dsl/index.ts';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => {
  await s.close();
});

describe('policies', () => {
  it('GET /api/policies lists the six bundled policies with id, name, region, hash and counts', async () => {
    const r = await s.req('GET', '/api/policies');
    expect(r.status).toBe(200);
    expect(r.body.map((p: any) => p.id).sort()).toEqual([...POLICY_IDS].sort());
    const q = r.body.find((p: any) => p.id === 'qinzhou');
    expect(q).toMatchObject({
      shortName: '钦州',
      region: { province: '广西壮族自治区', city: '钦州市' },
      status: '征求意见稿',
      version: '2022-07-15',
      errors: 0,
    });
    expect(q.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('GET /api/policies/:id gives the source, diagnostics with positions, parameters and procedures', async () => {
    const r = await s.req('GET', '/api/policies/qinzhou');
    expect(r.body.source).toContain('meta:\n  id: qinzhou');
    expect(r.body.meta.shortName).toBe('钦州');
    expect(r.body.parameters.find((p: any) => p.name === '公示期')).toMatchObject({ value: '3 工作日', cite: '第七条第二项' });
    expect(Object.keys(r.body.procedures).sort()).toEqual(['exit', 'transfer']);
    for (const d of r.body.diagnostics)
      expect(d).toMatchObject({
        line: expect.any(Number),
        column: expect.any(Number),
        severity: expect.any(String),
        code: expect.any(String),
      });
    expect(r.body.forms.map((f: any) => f.id)).toContain('退出合同');
  });

  it('GET /api/policies/:id/workflow compiles the procedure (default exit)', async () => {
    let r = await s.req('GET', '/api/policies/qinzhou/workflow');
    expect(r.body).toMatchObject({ version: 1, procedure: 'exit', mode: 'permanent' });
    r = await s.req('GET', '/api/policies/qinzhou/workflow?procedure=transfer');
    expect(r.body.states.map((x: any) => x.id)).toEqual([
      'application',
      'public-notice',
      'review',
      'contract',
      'payment',
      'new-contracts',
      'filing',
      'registration',
    ]);
    r = await s.req('GET', '/api/policies/neijiang/workflow?procedure=transfer');
    expect(r.status).toBe(400);
    expect(r.body.error.path).toBe('/procedure');
    r = await s.req('GET', '/api/policies/model-scheme/workflow?mode=custody');
    expect(r.body.initial).toEqual(['written-notice', 'custody-application']);
  });

  it('POST /api/eval evaluates a case under a policy, vote included', async () => {
    const r = await s.req('POST', '/api/eval', { policy: 'neijiang', procedure: 'exit', case: household() });
    expect(r.body).toMatchObject({ eligible: true, failed: [], compensation: { amount: '91650.00', words: '玖万壹仟陆佰伍拾元整' } });
    const v = await s.req('POST', '/api/eval', {
      policy: 'qinzhou',
      procedure: 'exit',
      case: household(
        (c) => ((c.exit!.payer = 'village'), (c.exit!.vote = { body: '成员大会', entitled: 30, present: 25, yes: 19, no: 4, abstain: 2 })),
      ),
    });
    expect(v.body.vote).toMatchObject({ passed: false, decidedBy: 'threshold' });
    const m = await s.req('POST', '/api/eval', { policy: 'qinzhou', procedure: 'exit', mode: 'custody', case: household() });
    expect(m.status).toBe(400);
    expect(m.body.error.path).toBe('/mode');
  });
});

describe('time', () => {
  it("GET /api/calendar lists a year's holidays and 调休 days; a year without data is a 422 naming it", async () => {
    const r = await s.req('GET', '/api/calendar?year=2026');
    expect(r.body.year).toBe(2026);
    expect(r.body.provisional).toBe(false);
    expect(r.body.days).toContainEqual({ date: '2026-10-07', name: '国庆节', isOffDay: true, layer: 'national', provisional: false });
    const computed = await s.req('GET', '/api/calendar?year=2031');
    expect(computed.status).toBe(200);
    expect(computed.body.provisional).toBe(true);
    const none = await s.req('GET', '/api/calendar?year=2051');
    expect(none.status).toBe(422);
    expect(none.body.error.message).toContain('2051');
    expect((await s.req('GET', '/api/calendar?year=2026&calendar=atlantis')).body.error.path).toBe('/calendar');
  });

  it('POST /api/deadline computes a period with its explanation', async () => {
    const r = await s.req('POST', '/api/deadline', { start: '2025-09-30', period: '3 工作日' });
    expect(r.body.end).toBe('2025-10-11');
    // Each line as data: in both languages as the command line prints it, or in one.
    expect(r.body.explanation.map(renderBoth).join('\n')).toContain('调休');
    expect(r.body.explanation.map((l: Text) => render(l, 'en')).join('\n')).toContain('make-up working day');
    expect((await s.req('POST', '/api/deadline', { start: '2026-01-15', period: '半年', after: true })).body.end).toBe('2026-07-16');
    const bad = await s.req('POST', '/api/deadline', { start: '2026-01-15', period: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/period');
    const provisional = await s.req('POST', '/api/deadline', { start: '2026-12-01', period: '6 月' });
    expect(provisional.status).toBe(200);
    expect(provisional.body).toMatchObject({ end: '2027-06-01', provisional: true, provisionalYears: [2027] });
    const noData = await s.req('POST', '/api/deadline', { start: '2050-12-01', period: '6 月' });
    expect(noData.status).toBe(422);
    expect(noData.body.error.message).toContain('2051');
  });
});

describe('the UI', () => {
  it('without a built UI, / and app routes serve a page saying so; unknown API paths stay 404 JSON', async () => {
    let r = await s.req('GET', '/');
    expect(r.status).toBe(200);
    expect(r.text).toBe(PLACEHOLDER_HTML);
    r = await s.req('GET', '/cases/123');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<html');
    r = await s.req('GET', '/api/unknown');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });

  it('with a built UI: files as they are, app routes get index.html, a missing asset is 404', async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'landflow-ui-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><body><landflow-app></landflow-app></body></html>');
    writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    const ui = await testServer({ uiDir: dist });
    try {
      let r = await ui.req('GET', '/');
      expect(r.status).toBe(200);
      expect(r.text).toContain('<landflow-app>');
      r = await ui.req('GET', '/assets/index-abc.js');
      expect(r.text).toBe('console.log(1)');
      expect(r.headers['cache-control']).toContain('immutable');
      r = await ui.req('GET', '/cases/01ABC');
      expect(r.status).toBe(200);
      expect(r.text).toContain('<landflow-app>');
      expect((await ui.req('GET', '/assets/old-xyz.js')).status).toBe(404);
      expect((await ui.req('GET', '/api/policies')).body.length).toBe(6);
    } finally {
      await ui.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('writes carry the acting user (request.user, here the test identity renamed by its header)', async () => {
    const r = await s.req(
      'POST',
      '/api/cases',
      { policy: 'qinzhou', procedure: 'exit', case: household() },
      { 'x-landflow-user': 'clerk-wang' },
    );
    expect(r.body.createdBy).toBe('clerk-wang');
    const e = await s.req('GET', `/api/cases/${r.body.id}/events`);
    expect(e.body[0].user).toBe('clerk-wang');
    const d = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() });
    expect(d.body.createdBy).toBe('dev');
  });
});
