// POST /api/policies/:id/diff (发布前比较): the policy editor asks, before publishing, what a new text
// changes in meaning and what it does to the open cases pinned to the current version — the same
// answer as `landflow diff --db` — and nothing is written.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../../engine/accounts/routes.ts';
import { household, REPO } from '../run/fixtures.ts';
import { send, testServer, type TestServer } from './helpers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-diff-route-'));
const pdir = path.join(dir, 'policies');
let s: TestServer;
let original: string;
let edited: string;
beforeAll(async () => {
  cpSync(path.join(REPO, 'policies'), pdir, { recursive: true });
  cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
  s = await testServer({ policyDir: pdir });
  original = readFileSync(path.join(pdir, 'qinzhou.yaml'), 'utf8');
  edited = original
    .replace(/(退出通知期:\n(?: {4}.*\n)*? {4}value: )半年/, '$1一年')
    .replace(/(补偿年限:\n(?: {4}.*\n)*? {4}value: )30 年/, '$125 年');
  expect(edited).not.toBe(original);
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/policies/:id/diff', () => {
  it('lists the two changes with their articles and the open case under the new text, writing nothing', async () => {
    const opened = (await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() })).body;
    await send(s, opened.id, 'receiveWrittenNotice');
    const hashBefore = (await s.req('GET', '/api/policies')).body.find((p: { id: string }) => p.id === 'qinzhou').hash;

    const r = await s.req('POST', '/api/policies/qinzhou/diff', { source: edited });
    expect(r.status).toBe(200);
    expect(r.body.policy).toBe('qinzhou');
    expect(
      r.body.changes.map((c: { path: string; before: string; after: string; cite: string }) => [c.path, c.before, c.after, c.cite]),
    ).toEqual([
      ['parameters.补偿年限', '30 年', '25 年', '第十条第二项'],
      ['parameters.退出通知期', '半年', '一年', '第十条第一项'],
    ]);
    expect(r.body.impact.date).toBe('2026-01-15');
    expect(r.body.impact.otherVersions).toBe(0);
    const [c] = r.body.impact.cases;
    expect(r.body.impact.cases).toHaveLength(1);
    expect(c).toMatchObject({ caseId: opened.id, status: 'open', migratable: true });
    // 2.35 亩 × (650 + 106.5) × 30 年, then × 25 年
    expect(c.before.amount).toBe('53333.25');
    expect(c.after.amount).toBe('44444.38');
    // Notice given on Thursday 2026-01-15: half a year ends on Wednesday 07-15, a year on Friday 2027-01-15.
    expect(c.deadlines.find((d: { step: string }) => d.step === 'written-notice')).toMatchObject({
      before: '2026-07-15',
      after: '2027-01-15',
    });

    expect(readFileSync(path.join(pdir, 'qinzhou.yaml'), 'utf8')).toBe(original);
    const hashAfter = (await s.req('GET', '/api/policies')).body.find((p: { id: string }) => p.id === 'qinzhou').hash;
    expect(hashAfter).toBe(hashBefore);
  });

  it('the current text against itself: no change, every open case unchanged', async () => {
    const r = await s.req('POST', '/api/policies/qinzhou/diff', { source: original });
    expect(r.status).toBe(200);
    expect(r.body.changes).toEqual([]);
    for (const c of r.body.impact.cases) {
      expect(c.after).toEqual(c.before);
      expect(c.deadlines).toEqual([]);
    }
  });

  it('a text with errors is 422 with its diagnostics; an unknown policy 404; a body without source 400', async () => {
    const bad = await s.req('POST', '/api/policies/qinzhou/diff', { source: original.replace('value: 3 工作日', 'value: 3 光年') });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('POLICY_HAS_ERRORS');
    expect(bad.body.error.diagnostics.some((d: { severity: string; line: number }) => d.severity === 'error' && d.line > 0)).toBe(true);
    expect((await s.req('POST', '/api/policies/nowhere/diff', { source: original })).status).toBe(404);
    expect((await s.req('POST', '/api/policies/qinzhou/diff', {})).status).toBe(400);
  });

  it('is asked as an edit of that policy: officers of its region and admins only', () => {
    expect(classify('POST', '/api/policies/qinzhou/diff', { source: '' })).toMatchObject({
      action: 'policy.edit',
      scope: { kind: 'policy', policyId: 'qinzhou' },
    });
  });
});
