// A comparison whose timeline cannot be computed over HTTP: each entry's error and its period's
// error, and the comparison's timelineError, are messages as data (engine/compare/timeline.ts), as
// the document declares them (engine/server/responses.ts CaseComparison) and the UI's generated
// type says. The harness holds the answer to the document (test/engine/server/openapi-check.ts):
// a schema declaring timelineError a string, as it once did, fails this file when it closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBoth, type Text } from '../../../dsl/index.ts';
import { household } from '../run/fixtures.ts';
import { testServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => {
  await s.close();
});

describe('POST /api/compare with a date beyond the calendar', () => {
  it('answers the timeline errors as messages, completeBy null, and the amount all the same', async () => {
    const kase = household((c) => {
      c.exit!.noticeDate = '2050-07-01'; // + half a year = 2051-01-01: beyond the provisional years
    });
    const r = await s.req('POST', '/api/compare', { policies: ['qinzhou'], case: kase });
    expect(r.status).toBe(200);
    const [q] = r.body as {
      completeBy: string | null;
      timelineError: Text;
      timeline: { step: string; date: string | null; error?: Text; periodError?: Text }[];
      compensation: { amount: string };
    }[];
    expect(q!.completeBy).toBeNull();
    expect(q!.compensation.amount).toBe('53333.25');
    expect(q!.timelineError).toEqual(expect.objectContaining({ code: expect.any(String) }));
    expect(renderBoth(q!.timelineError)).toContain('no holiday calendar for 2051');
    expect(q!.timeline[0]!.date).toBe('2050-07-01');
    expect(renderBoth(q!.timeline[0]!.periodError!)).toContain('2051');
    expect(q!.timeline[1]!.date).toBeNull();
    expect(renderBoth(q!.timeline[1]!.error!)).toContain('no holiday calendar for 2051');
  });
});
