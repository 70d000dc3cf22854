// Publishing a policy version over HTTP enters the audit chain as a security event, at the
// injected clock's time, by the acting user; a refused or check-only PUT records nothing.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../run/fixtures.ts';
import { testServer, type TestServer } from '../server/helpers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-publish-'));
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

describe('policy publication', () => {
  it('is sealed into the audit chain; a check without publishing and a refused publication are not', async () => {
    const original = readFileSync(path.join(pdir, 'qinzhou.yaml'), 'utf8');
    expect((await s.req('PUT', '/api/policies/qinzhou', { source: original })).status).toBe(200);
    expect(
      (await s.req('PUT', '/api/policies/qinzhou', { source: original.replace('value: 3 工作日', 'value: 3 光年'), publish: true })).status,
    ).toBe(422);
    expect(await s.store.listSecurityEvents({ type: 'policyPublished' })).toEqual([]);

    const edited = original.replace(/(  协商等待期:\n    label: [^\n]+\n    value: )半年/, '$13 月');
    const published = await s.req('PUT', '/api/policies/qinzhou', { source: edited, publish: true }, { 'x-landflow-user': 'officer1' });
    expect(published.status).toBe(200);
    const events = await s.store.listSecurityEvents({ type: 'policyPublished' });
    expect(events).toEqual([
      {
        id: events[0]!.id,
        type: 'policyPublished',
        actor: 'officer1',
        subject: 'qinzhou',
        detail: { hash: published.body.hash, version: published.body.meta.version },
        at: '2026-01-15T09:00:00.000+08:00',
      },
    ]);
    const db = new Database(s.store.target, { readonly: true });
    const entry = db.prepare('SELECT kind, ref FROM audit_chain ORDER BY gseq DESC LIMIT 1').get();
    db.close();
    expect(entry).toEqual({ kind: 'security', ref: JSON.stringify([events[0]!.id]) });
    expect(await s.store.verifyAll()).toMatchObject({ ok: true, mac: 'verified' });
  });
});
