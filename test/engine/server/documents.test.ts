// A case's forms: listed with availability, rendered as HTML from the case as it stands, and as PDF.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household } from '../run/fixtures.ts';
import { send, testServer, type TestServer } from './helpers.ts';
import { render } from '../../../dsl/messages.ts';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => {
  await s.close();
});

describe('case documents', () => {
  it('转让: the application form is available at once, the contract once its step starts; the contract prints number and 大写', async () => {
    s.today('2026-09-30');
    const o = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'transfer', case: household() });
    const id = o.body.id;
    let docs = await s.req('GET', `/api/cases/${id}/documents`);
    expect(docs.body.map((d: any) => [d.form, d.step, d.available])).toEqual([
      ['转让合同', 'contract', false],
      ['转让申请表', 'application', true],
      ['转让公示', 'public-notice', false],
    ]);
    const form = await s.req('GET', `/api/cases/${id}/documents/${encodeURIComponent('转让申请表')}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('韦某华');
    await send(s, id, 'submitApplication');
    await send(s, id, 'postPublicNotice');
    s.today('2026-10-12');
    await send(s, id, 'closePublicNotice');
    await send(s, id, 'recordReview', { approved: true });
    docs = await s.req('GET', `/api/cases/${id}/documents`);
    expect(docs.body.every((d: any) => d.available)).toBe(true);
    // Before signing, the contract is a draft without a number; after, it carries it.
    const draft = await s.req('GET', `/api/cases/${id}/documents/${encodeURIComponent('转让合同')}`);
    expect(draft.text).not.toContain('第 001 号');
    await send(s, id, 'signContract');
    const signed = await s.req('GET', `/api/cases/${id}/documents/${encodeURIComponent('转让合同')}`);
    expect(signed.text).toContain('转让（2026）第 001 号');
    expect(signed.text).toContain('贰万肆仟壹佰伍拾元整');
    // A form the procedure does not list is a message (doc.noCaseForm), the line in both languages as before.
    const none = await s.req('GET', `/api/cases/${id}/documents/${encodeURIComponent('退出合同')}`);
    expect(none.status).toBe(404);
    const known = '转让合同, 转让申请表, 转让公示';
    expect(none.body.error).toMatchObject({
      code: 'FORM_NOT_FOUND',
      text: { code: 'doc.noCaseForm', args: { form: '退出合同', known } },
      message: `本案没有表格 退出合同 — no such form for this case; 可用 known: ${known}`,
    });
    expect(render(none.body.error.text, 'zh')).toBe(`本案没有表格 退出合同；可用：${known}`);
    expect(render(none.body.error.text, 'en')).toBe(`no such form for this case: 退出合同; known: ${known}`);
  });

  it.runIf(existsSync('/usr/bin/chromium'))(
    '?format=pdf gives a PDF',
    async () => {
      const o = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() });
      const r = await s.app.inject({
        method: 'GET',
        url: `/api/cases/${o.body.id}/documents/${encodeURIComponent('退出申请书')}?format=pdf`,
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    },
    60_000,
  );
});
