// The full 钦州 transfer and exit driven through the HTTP app on a temporary SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reduceStored } from '../../../engine/cases/service.ts';
import { household } from '../run/fixtures.ts';
import { refused, send, testServer, type TestServer } from './helpers.ts';
import { renderBoth } from '../../../dsl/messages.ts';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => {
  await s.close();
});

describe('钦州 over HTTP', () => {
  it('整户退出：通知、半年后协商、成员大会 19/30 未通过后 20/30 通过、合同、作废、付款、备案、注销登记', async () => {
    s.today('2026-01-15');
    const opened = await s.req('POST', '/api/cases', {
      policy: 'qinzhou',
      procedure: 'exit',
      case: household((c) => (c.exit!.payer = 'village')),
    });
    expect(opened.status).toBe(201);
    expect(opened.headers.location).toBe(`/api/cases/${opened.body.id}`);
    expect(opened.body).toMatchObject({ policy: 'qinzhou', procedure: 'exit', mode: 'permanent', status: 'open', version: 2 });
    const id = opened.body.id as string;

    let c = await send(s, id, 'receiveWrittenNotice');
    expect(c.state.timers['negotiation:period']).toMatchObject({ end: '2026-07-16', lastDay: '2026-07-15' });

    s.today('2026-03-01');
    const dl = await s.req('GET', `/api/cases/${id}/deadlines`);
    expect(dl.body.map((d: any) => [d.step, d.kind, d.due])).toEqual([
      ['written-notice', 'done', '2026-01-15'],
      ['negotiation', 'waiting', '2026-07-16'],
    ]);
    expect(dl.body[1].explanation.map(renderBoth).join('\n')).toContain('民法典第二百零二条');

    s.today('2026-07-15');
    const early = await refused(s, id, 'recordNegotiation', { agreed: true }, 422);
    expect(early).toMatchObject({ code: 'TOO_EARLY', cite: '第十条第二项' });
    s.today('2026-07-16');
    c = await send(s, id, 'recordNegotiation', { agreed: true });

    s.today('2026-07-20');
    c = await send(s, id, 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 19, no: 4, abstain: 2 });
    expect(c.state.votes[0]).toMatchObject({ passed: false, decidedBy: 'threshold', cite: '第十条第二项' });
    expect(c.state.steps.approval.status).toBe('active');
    c = await send(s, id, 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 });
    expect(c.state.votes[1]).toMatchObject({ passed: true, decidedBy: 'threshold' });

    const cmds = await s.req('GET', `/api/cases/${id}/commands`);
    expect(cmds.body.map((x: any) => [x.type, x.step])).toEqual([
      ['signContract', 'contract'],
      ['terminate', null],
    ]);
    expect(cmds.body[0].expectedVersion).toBe(c.version);

    s.today('2026-08-03');
    c = await send(s, id, 'signContract', { paymentDue: '2026-08-31' });
    expect(c.state.contract).toMatchObject({
      number: '退出（2026）第 001 号',
      amount: '53333.25',
      words: '伍万叁仟叁佰叁拾叁元贰角伍分',
      paymentDue: '2026-08-31',
    });

    const docs = await s.req('GET', `/api/cases/${id}/documents`);
    expect(docs.body.map((d: any) => [d.form, d.available])).toEqual([
      ['退出申请书', true],
      ['退出合同', true],
    ]);
    const html = await s.req('GET', `/api/cases/${id}/documents/${encodeURIComponent('退出合同')}`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('退出（2026）第 001 号');
    expect(html.text).toContain('伍万叁仟叁佰叁拾叁元贰角伍分');
    expect((await s.req('GET', `/api/cases/${id}/documents/${encodeURIComponent('转让合同')}`)).status).toBe(404);

    s.today('2026-08-05');
    c = await send(s, id, 'cancelContractAndCertificate');
    s.today('2026-09-03');
    c = await send(s, id, 'recordPayment', { amount: '53333.25' });
    expect(c.state.contract).toMatchObject({ paid: '53333.25', outstanding: '0.00', penalty: '0.00' });
    expect(c.state.payments[0].lateDays).toBe(3);
    c = await send(s, id, 'fileWithTown');
    const wrong = await refused(s, id, 'recordRegistration', { kind: 'change' }, 422);
    expect(wrong).toMatchObject({ code: 'REGISTRATION_KIND', cite: '第十六条', path: '/payload/kind' });
    c = await send(s, id, 'recordRegistration');
    expect(c.status).toBe('completed');
    expect(c.state.steps.registration.result).toMatchObject({ kind: 'cancellation', full: true });

    const events = await s.req('GET', `/api/cases/${id}/events`);
    expect(events.body[0].type).toBe('CaseOpened');
    expect(events.body.at(-1)).toMatchObject({ type: 'CaseClosed', payload: { status: 'completed', on: '2026-09-03' }, user: 'dev' });
    for (let i = 1; i < events.body.length; i++) expect(events.body[i].prevHash).toBe(events.body[i - 1].hash);
    expect((await s.store.verifyAll({ reduce: reduceStored })).ok).toBe(true);
  });

  it('转让：公示、异议、审核、合同 24150.00 元、逾期 10 日付清违约金 120.75 元、备案', async () => {
    s.today('2026-09-30');
    const opened = await s.req(
      'POST',
      '/api/cases',
      { policy: 'qinzhou', procedure: 'transfer', case: household() },
      { 'idempotency-key': 'open-transfer-1' },
    );
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    let c = await send(s, id, 'submitApplication');
    c = await send(s, id, 'postPublicNotice');
    expect(c.state.timers['public-notice:period']).toMatchObject({ lastDay: '2026-10-10', end: '2026-10-11' });
    expect(c.state.timers['review:deadline']).toMatchObject({ end: '2026-10-08' });

    s.today('2026-10-09');
    const tasks = await s.req('GET', `/api/tasks?date=2026-10-09&town=${encodeURIComponent('钦南区某镇')}`);
    const of = (kind: string) => tasks.body.items.filter((t: any) => t.kind === kind);
    expect(of('waiting').map((t: any) => [t.caseId, t.step, t.deadline])).toEqual([[id, 'public-notice', '2026-10-11']]);
    expect(of('overdue').map((t: any) => [t.step, t.deadline])).toEqual([['review', '2026-10-08']]);
    c = await send(s, id, 'recordObjection', { by: '黄某光', text: '地界有争议' });

    s.today('2026-10-10');
    expect(await refused(s, id, 'closePublicNotice', { objectionsResolved: true }, 422)).toMatchObject({
      code: 'TOO_EARLY',
      cite: '第七条第二项',
    });
    s.today('2026-10-12');
    expect(await refused(s, id, 'closePublicNotice', {}, 422)).toMatchObject({ code: 'OBJECTIONS_PENDING' });
    c = await send(s, id, 'closePublicNotice', { objectionsResolved: true });
    c = await send(s, id, 'recordReview', { approved: true });
    s.today('2026-10-14');
    c = await send(s, id, 'signContract');
    expect(c.state.contract).toMatchObject({
      number: '转让（2026）第 001 号',
      amount: '24150.00',
      paymentDue: '2026-11-30',
      penaltyPerDayPerTenThousand: '5',
    });

    s.today('2026-12-10');
    const overdue = await s.req('GET', `/api/cases/${id}/deadlines`);
    expect(overdue.body.find((d: any) => d.step === 'payment')).toMatchObject({ kind: 'overdue', due: '2026-11-30' });
    c = await send(s, id, 'recordPayment', { amount: '24150.00' });
    expect(c.state.contract).toMatchObject({ paid: '24150.00', penalty: '120.75' });
    c = await send(s, id, 'cancelContractAndCertificate');
    c = await send(s, id, 'fileWithTown');
    expect(c.status).toBe('completed');
    const html = await s.req('GET', `/api/cases/${id}/documents/${encodeURIComponent('转让合同')}`);
    expect(html.text).toContain('转让（2026）第 001 号');
    expect(html.text).toContain('贰万肆仟壹佰伍拾元整');
  });

  it('edges: 20 of 30 passes and 19 fails under 「应到成员三分之二以上」; a missing co-owner consent is refused', async () => {
    s.today('2026-01-15');
    const bad = await s.req('POST', '/api/cases', {
      policy: 'qinzhou',
      procedure: 'exit',
      case: household((c) => (c.household.members[2]!.consents = false)),
    });
    expect(bad.status).toBe(201);
    expect(await refused(s, bad.body.id, 'receiveWrittenNotice', {}, 422)).toMatchObject({ code: 'CONSENT_MISSING', cite: '第十一条' });

    for (const [yes, passed] of [
      [20, true],
      [19, false],
    ] as const) {
      s.today('2026-01-15');
      const o = await s.req('POST', '/api/cases', {
        policy: 'qinzhou',
        procedure: 'exit',
        case: household((c) => (c.exit!.payer = 'village')),
      });
      await send(s, o.body.id, 'receiveWrittenNotice');
      s.today('2026-07-20');
      await send(s, o.body.id, 'recordNegotiation', { agreed: true });
      const c = await send(s, o.body.id, 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes, no: 25 - yes, abstain: 0 });
      expect(c.state.votes[0]).toMatchObject({ passed, decidedBy: 'threshold', cite: '第十条第二项' });
      expect(c.state.steps.approval.status).toBe(passed ? 'done' : 'active');
    }
    // The same through POST /api/eval.
    const ev = await s.req('POST', '/api/eval', {
      policy: 'qinzhou',
      procedure: 'exit',
      case: household(
        (c) => ((c.exit!.payer = 'village'), (c.exit!.vote = { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 })),
      ),
    });
    expect(ev.body).toMatchObject({ eligible: true, compensation: { amount: '53333.25' }, vote: { passed: true, decidedBy: 'threshold' } });
  });

  it('a stale version gets 409; a repeated idempotency key is a no-op returning the first result', async () => {
    const o = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() });
    const id = o.body.id;
    const first = await s.req(
      'POST',
      `/api/cases/${id}/commands`,
      { type: 'receiveWrittenNotice', expectedVersion: 2, payload: {} },
      { 'idempotency-key': 'notice-1' },
    );
    expect(first.status).toBe(200);
    const count = (await s.req('GET', `/api/cases/${id}/events`)).body.length;
    const again = await s.req(
      'POST',
      `/api/cases/${id}/commands`,
      { type: 'receiveWrittenNotice', expectedVersion: 2, payload: {} },
      { 'idempotency-key': 'notice-1' },
    );
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await s.req('GET', `/api/cases/${id}/events`)).body.length).toBe(count);
    const stale = await s.req('POST', `/api/cases/${id}/commands`, { type: 'terminate', expectedVersion: 2, payload: { reason: '测试' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'STALE_VERSION',
      path: '/expectedVersion',
      expectedVersion: 2,
      actualVersion: first.body.case.version,
    });
    const mismatch = await s.req(
      'POST',
      `/api/cases/${id}/commands`,
      { type: 'terminate', expectedVersion: first.body.case.version, payload: { reason: '测试' }, idempotencyKey: 'other' },
      { 'idempotency-key': 'notice-1' },
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.path).toBe('/idempotencyKey');
    const reused = await s.req(
      'POST',
      `/api/cases/${id}/commands`,
      { type: 'terminate', expectedVersion: first.body.case.version, payload: { reason: '测试' } },
      { 'idempotency-key': 'notice-1' },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lists cases by place and policy; reads a case, its workflow and its events; 404 for unknown ids', async () => {
    const a = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: household() });
    await s.req('POST', '/api/cases', {
      policy: 'neijiang',
      procedure: 'exit',
      case: household((c) => (c.household.collective.village = '另一村')),
    });
    const list = await s.req('GET', `/api/cases?village=${encodeURIComponent('某村')}`);
    expect(list.body.next).toBeNull();
    expect(list.body.items.map((x: any) => [x.id, x.policy, x.head, x.label, x.current])).toEqual([
      [
        a.body.id,
        'qinzhou',
        '黄某明',
        '钦州·退出（永久退出）',
        ['承包方提前半年以上以书面形式通知发包方（村民小组）和村股份经济合作联合社'],
      ],
    ]);
    expect((await s.req('GET', '/api/cases?policy=neijiang')).body.items.length).toBe(1);
    expect((await s.req('GET', `/api/cases/${a.body.id}/workflow`)).body.id).toBe(a.body.state.workflow);
    for (const url of [
      '/api/cases/NOPE',
      '/api/cases/NOPE/events',
      '/api/cases/NOPE/deadlines',
      '/api/cases/NOPE/commands',
      '/api/cases/NOPE/documents',
    ]) {
      const r = await s.req('GET', url);
      expect({ url, status: r.status, code: r.body.error.code }).toEqual({ url, status: 404, code: 'CASE_NOT_FOUND' });
    }
    const cmd = await s.req('POST', '/api/cases/NOPE/commands', { type: 'terminate', expectedVersion: 1, payload: { reason: 'x' } });
    expect(cmd.status).toBe(404);
  });
});
