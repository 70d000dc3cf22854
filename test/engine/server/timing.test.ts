// GET /api/cases/:id/timing: the case page's timing conflicts, from the server on the case's own
// dates (engine/plan/timing.ts), held to the API's own document like every response here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { household } from '../run/fixtures.ts';
import { render } from '../../../dsl/messages.ts';
import { send, testServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => {
  await s.close();
});

describe('a case’s timing conflicts over HTTP', () => {
  it('钦州 transfer applied on 2026-09-30: the reasons deadline before the review, the notice closing inside the objections', async () => {
    s.today('2026-09-30');
    const opened = await s.req('POST', '/api/cases', {
      policy: 'qinzhou',
      procedure: 'transfer',
      case: household((c) => (c.transfer!.applicationDate = '2026-09-30')),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    // Foreseen from the opening (the case gives the application's date), and the same once it is recorded.
    const foreseen = await s.req('GET', `/api/cases/${id}/timing`);
    await send(s, id, 'submitApplication');
    const r = await s.req('GET', `/api/cases/${id}/timing`);
    expect(foreseen.body).toEqual(r.body);
    expect(r.status).toBe(200);
    expect(r.body.map((w: { code: string; step: string; end: string; earliest: string }) => [w.code, w.step, w.end, w.earliest])).toEqual([
      ['K806', 'public-notice', '2026-10-15', '2026-10-11'],
      ['K805', 'review', '2026-10-08', '2026-10-11'],
    ]);
    expect(r.body[1].message).toMatchObject({ code: 'timing.K805', args: { end: '2026-10-08' } });
    expect(render(r.body[1].message, 'zh')).toContain('于 2026-10-08 届满');
    expect(render(r.body[1].message, 'en')).toContain('ends on 2026-10-08');
    expect((await s.req('GET', '/api/cases/NOPE/timing')).status).toBe(404);
  });
});
