// PUT /api/policies/:id: a new version checked, published to the file, and running cases untouched.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household, REPO } from '../run/fixtures.ts';
import { send, testServer, type TestServer } from './helpers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-edit-'));
const pdir = path.join(dir, 'policies');
let s: TestServer;
beforeAll(async () => {
  cpSync(path.join(REPO, 'policies'), pdir, { recursive: true });
  cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
  s = await testServer({ policyDir: pdir });
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PUT /api/policies/:id', () => {
  it('checks without publishing; refuses to publish errors (422 with diagnostics); publishes a good version; running cases keep theirs', async () => {
    const file = path.join(pdir, 'qinzhou.yaml');
    const original = readFileSync(file, 'utf8');
    const running = (await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() })).body;
    await send(s, running.id, 'receiveWrittenNotice');

    const broken = original.replace('value: 3 工作日', 'value: 3 光年');
    const checked = await s.req('PUT', '/api/policies/qinzhou', { source: broken });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ published: false });
    expect(checked.body.errors).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).toBe(original);

    const refused = await s.req('PUT', '/api/policies/qinzhou', { source: broken, publish: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('POLICY_HAS_ERRORS');
    expect(refused.body.error.diagnostics.some((d: any) => d.severity === 'error' && d.line > 0)).toBe(true);

    // The checker itself refuses a file whose meta.id is not its name.
    const other = await s.req('PUT', '/api/policies/qinzhou', { source: original.replace('id: qinzhou', 'id: neijiang'), publish: true });
    expect(other.status).toBe(422);
    expect(readFileSync(file, 'utf8')).toBe(original);

    const edited = original.replace(/(  协商等待期:\n    label: [^\n]+\n    value: )半年/, '$13 月');
    const published = await s.req('PUT', '/api/policies/qinzhou', { source: edited, publish: true });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ published: true, errors: 0 });
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const list = (await s.req('GET', '/api/policies')).body.find((p: any) => p.id === 'qinzhou');
    expect(list.hash).toBe(published.body.hash);

    // The running case still waits the old 半年; a new case waits 3 months.
    const old = (await s.req('GET', `/api/cases/${running.id}`)).body;
    expect(old.state.timers['negotiation:period'].end).toBe('2026-07-16');
    const fresh = (await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() })).body;
    const f = await send(s, fresh.id, 'receiveWrittenNotice');
    expect(f.policyHash).toBe(published.body.hash);
    expect(f.state.timers['negotiation:period'].end).toBe('2026-04-16');
    expect((await s.req('PUT', '/api/policies/nope', { source: 'x' })).status).toBe(404);
    expect((await s.req('PUT', '/api/policies/qinzhou', { source: 7 })).status).toBe(400);
  });
});

describe('a publication on one instance', () => {
  it('is what another instance on the same database lists and opens new cases under, from its next request', async () => {
    const other = await testServer({ policyDir: pdir, db: s.db });
    try {
      const before = (await other.req('GET', '/api/policies/qinzhou')).body.hash;
      const text = readFileSync(path.join(pdir, 'qinzhou.yaml'), 'utf8');
      const next = text.replace(/(  协商等待期:\n    label: [^\n]+\n    value: )[^\n]+/, '$12 月');
      expect(next).not.toBe(text);
      const published = await s.req('PUT', '/api/policies/qinzhou', { source: next, publish: true });
      expect(published.status).toBe(200);
      expect(published.body.hash).not.toBe(before);
      // The other instance never reads the file again: it learns of the version from the database.
      expect((await other.req('GET', '/api/policies/qinzhou')).body.hash).toBe(published.body.hash);
      const opened = (await other.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() })).body;
      const sent = await send(other, opened.id, 'receiveWrittenNotice');
      expect(sent.policyHash).toBe(published.body.hash);
      // Two months from 01-15 end on Sunday 03-15, so on Monday 03-16 (the timer's end is the day after).
      expect(sent.state.timers['negotiation:period'].end).toBe('2026-03-17');
    } finally {
      await other.close();
    }
  });
});
