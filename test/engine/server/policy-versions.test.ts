// A policy version is its text with its form templates: every publish runs the template checker, a
// case prints with the templates of the version it is pinned to (also after a restart with edited
// files), and a served document can run nothing.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { PolicyRegistry } from '../../../engine/cases/policies.ts';
import { buildApp, type App } from '../../../engine/server/app.ts';
import Fastify from 'fastify';
import { DocumentError } from '../../../engine/documents/index.ts';
import { DOCUMENT_CSP, sendPdfError } from '../../../engine/server/documents.ts';
import type { Store } from '../../../engine/store/index.ts';
import { openTestStore } from '../../helpers/test-db.ts';
import { household, REPO } from '../run/fixtures.ts';
import { fixedUserAuth } from './helpers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-versions-'));
const pdir = path.join(dir, 'policies');
const policyFile = path.join(pdir, 'qinzhou.yaml');
const contractTemplate = path.join(pdir, 'templates/qinzhou/转让合同.hbs');
const clock = fixedClock('2026-09-30T09:00:00+08:00');
let store: Store;
let app: App;

async function start(): Promise<App> {
  return buildApp({ store, policies: PolicyRegistry.fromDir(pdir), clock, uiDir: null, auth: fixedUserAuth(), requestLimits: false });
}

async function req(a: App, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const r = await a.inject({
    method,
    url,
    ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return {
    status: r.statusCode,
    headers: r.headers,
    text: r.body,
    body: String(r.headers['content-type']).includes('json') ? JSON.parse(r.body) : undefined,
  };
}

async function send(a: App, id: string, type: string, payload: Record<string, unknown> = {}) {
  const cur = await req(a, 'GET', `/api/cases/${id}`);
  const r = await req(a, 'POST', `/api/cases/${id}/commands`, { type, expectedVersion: cur.body.version, payload });
  if (r.status !== 200) throw new Error(`${type} → ${r.status} ${r.text}`);
  return r.body.case;
}

const doc = (id: string, form: string) => `/api/cases/${id}/documents/${encodeURIComponent(form)}`;

beforeAll(async () => {
  cpSync(path.join(REPO, 'policies'), pdir, { recursive: true });
  cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
  store = await openTestStore(dir);
  app = await start();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('publishing a policy runs the template checker', () => {
  it('a form template with an unknown field refuses the publish (422, TPL002 at the template line) and leaves the file', async () => {
    const source = readFileSync(policyFile, 'utf8');
    const template = readFileSync(contractTemplate, 'utf8');
    writeFileSync(contractTemplate, `${template}\n<p>{{household.head.nmae}}</p>\n`);
    try {
      const r = await req(app, 'PUT', '/api/policies/qinzhou', { source, publish: true });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('POLICY_HAS_ERRORS');
      expect(r.body.error.diagnostics).toContainEqual(
        expect.objectContaining({ code: 'TPL002', severity: 'error', line: template.split('\n').length + 1 }),
      );
      expect(readFileSync(policyFile, 'utf8')).toBe(source);
    } finally {
      writeFileSync(contractTemplate, template);
    }
  });

  it('template: qinzhou.yaml refuses the publish with P627 at the template line; the YAML is never served as a document', async () => {
    const source = readFileSync(policyFile, 'utf8');
    const evil = `# <script>window.__lf = 1</script>\n${source.replace('template: templates/qinzhou/转让合同.hbs', 'template: qinzhou.yaml')}`;
    const r = await req(app, 'PUT', '/api/policies/qinzhou', { source: evil, publish: true });
    expect(r.status).toBe(422);
    const line = evil.split('\n').findIndex((l) => l.includes('template: qinzhou.yaml')) + 1;
    expect(r.body.error.diagnostics).toContainEqual(expect.objectContaining({ code: 'P627', line }));
    expect(readFileSync(policyFile, 'utf8')).toBe(source);
  });

  it('a checked-only PUT naming /proc/self/environ as an example case reports X910 and shows nothing of it', async () => {
    const source = readFileSync(policyFile, 'utf8').replace('caseFile: ../examples/household-qinzhou.json', 'caseFile: /proc/self/environ');
    const r = await req(app, 'PUT', '/api/policies/qinzhou', { source });
    expect(r.status).toBe(200);
    expect(r.body.published).toBe(false);
    expect(r.body.diagnostics).toContainEqual(expect.objectContaining({ code: 'X910', severity: 'error' }));
    expect(r.text).not.toContain(String(process.env.PATH));
  });
});

describe('a case prints with the templates of its pinned version', () => {
  it('a template edited after signing changes neither the signed contract nor its version, before or after a restart; a new case gets it', async () => {
    const o = await req(app, 'POST', '/api/cases', { policy: 'qinzhou', procedure: 'transfer', case: household() });
    expect(o.status).toBe(201);
    const id = o.body.id;
    await send(app, id, 'submitApplication');
    await send(app, id, 'postPublicNotice');
    clock.set('2026-10-12T10:00:00+08:00');
    await send(app, id, 'closePublicNotice');
    await send(app, id, 'recordReview', { approved: true });
    await send(app, id, 'signContract');
    const signed = await req(app, 'GET', doc(id, '转让合同'));
    expect(signed.status).toBe(200);
    expect(signed.text).toContain('转让（2026）第 001 号');

    // The template file changes after signing.
    appendFileSync(contractTemplate, '\n<p>CHANGED-AFTER-SIGNING</p>\n');
    expect((await req(app, 'GET', doc(id, '转让合同'))).text).toBe(signed.text);

    // A new server process loads the edited file: a new version; the signed case keeps its own.
    await app.close();
    app = await start();
    const after = await req(app, 'GET', doc(id, '转让合同'));
    expect(after.text).toBe(signed.text);
    const listed = (await req(app, 'GET', '/api/policies')).body.find((p: { id: string }) => p.id === 'qinzhou');
    expect(listed.hash).not.toBe(o.body.policyHash);
    expect((await req(app, 'GET', `/api/cases/${id}`)).body.policyHash).toBe(o.body.policyHash);

    const fresh = await req(app, 'POST', '/api/cases', { policy: 'qinzhou', procedure: 'transfer', case: household() });
    expect(fresh.body.policyHash).toBe(listed.hash);
    expect((await req(app, 'GET', doc(fresh.body.id, '转让申请表'))).status).toBe(200);
    await send(app, fresh.body.id, 'submitApplication');
    await send(app, fresh.body.id, 'postPublicNotice');
    clock.set('2026-10-26T10:00:00+08:00');
    await send(app, fresh.body.id, 'closePublicNotice');
    await send(app, fresh.body.id, 'recordReview', { approved: true });
    expect((await req(app, 'GET', doc(fresh.body.id, '转让合同'))).text).toContain('CHANGED-AFTER-SIGNING');
  });

  it('every served document carries a policy that runs nothing and loads nothing', async () => {
    const o = await req(app, 'POST', '/api/cases', { policy: 'qinzhou', procedure: 'transfer', case: household() });
    const r = await req(app, 'GET', doc(o.body.id, '转让申请表'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(DOCUMENT_CSP);
    expect(DOCUMENT_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:;.*; sandbox$/);
  });
});

describe('a PDF that cannot be made now', () => {
  it('a full renderer queue is 503 PDF_BUSY with Retry-After; any other renderer failure 503 PDF_UNAVAILABLE', async () => {
    const f = Fastify();
    f.get('/busy', (_req, reply) => sendPdfError(reply, new DocumentError('PDF_BUSY', 'full')));
    f.get('/down', (_req, reply) => sendPdfError(reply, new DocumentError('PDF_TIMEOUT', 'slow')));
    try {
      const busy = await f.inject({ url: '/busy' });
      expect([busy.statusCode, busy.headers['retry-after'], busy.json().error.code]).toEqual([503, '5', 'PDF_BUSY']);
      const down = await f.inject({ url: '/down' });
      expect([down.statusCode, down.headers['retry-after'], down.json().error.code]).toEqual([503, undefined, 'PDF_UNAVAILABLE']);
    } finally {
      await f.close();
    }
  });
});
