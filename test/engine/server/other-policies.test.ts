// One exit for each other bundled policy, through the HTTP app: exact amounts, dates, final state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reduceStored } from '../../../engine/cases/service.ts';
import { household } from '../run/fixtures.ts';
import { refused, send, testServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => {
  expect(await s.store.verifyAll({ reduce: reduceStored })).toMatchObject({ ok: true, contractNumbers: 5 });
  await s.close();
});

async function open(policy: string, edit?: Parameters<typeof household>[0]): Promise<string> {
  s.today('2026-01-15');
  const r = await s.req('POST', '/api/cases', { policy, procedure: 'exit', case: household(edit) });
  expect(r.status).toBe(201);
  return r.body.id;
}

describe('each other bundled policy: one exit over HTTP', () => {
  it('梁平：协商 14000 元/亩 → 合同 32900.00 元 → 通知期届满 2026-07-16 后交地 → 办结', async () => {
    const id = await open('liangping');
    await send(s, id, 'receiveWrittenNotice');
    s.today('2026-02-10');
    await send(s, id, 'recordNegotiation', { agreed: true, pricePerMu: '14000' });
    let c = await send(s, id, 'signContract', { paymentDue: '2026-03-10' });
    expect(c.state.contract).toMatchObject({ amount: '32900.00', number: '退出（2026）第 001 号' });
    s.today('2026-03-01');
    c = await send(s, id, 'recordPayment', { amount: '32900.00' });
    s.today('2026-07-15');
    expect(await refused(s, id, 'endWaiting', {}, 422)).toMatchObject({ code: 'TOO_EARLY' });
    s.today('2026-07-16');
    await send(s, id, 'endWaiting');
    c = await send(s, id, 'cancelContractAndCertificate');
    expect(c.status).toBe('completed');
    expect(c.state.outcome.on).toBe('2026-07-16');
  });

  it('平罗：审查同意 → 合同 21150.00 元（一级片区 9000 元/亩）→ 付款 → 交地 → 户籍与成员资格 → 办结', async () => {
    const id = await open('pingluo');
    await send(s, id, 'receiveWrittenNotice');
    s.today('2026-02-02');
    await send(s, id, 'recordReview', { approved: true });
    let c = await send(s, id, 'signContract');
    expect(c.state.contract).toMatchObject({ amount: '21150.00', number: '退出（2026）第 002 号' });
    await send(s, id, 'recordPayment', { amount: '21150.00' });
    s.today('2026-07-20');
    await send(s, id, 'endWaiting');
    await send(s, id, 'cancelContractAndCertificate');
    c = await send(s, id, 'recordRegistration');
    expect(c.status).toBe('completed');
  });

  it('内江：合同 91650.00 元（流转费 650 × 2 × 30 年 × 2.35 亩），分两次付款 → 办结', async () => {
    const id = await open('neijiang');
    await send(s, id, 'receiveWrittenNotice');
    s.today('2026-03-02');
    let c = await send(s, id, 'signContract', { paymentDue: '2026-04-01' });
    expect(c.state.contract).toMatchObject({ amount: '91650.00', number: '退出（2026）第 003 号' });
    await send(s, id, 'recordPayment', { amount: '50000' });
    s.today('2026-04-01');
    c = await send(s, id, 'recordPayment', { amount: '41650' });
    expect(c.state.contract).toMatchObject({ paid: '91650.00', outstanding: '0.00', penalty: '0.00' });
    s.today('2026-07-16');
    await send(s, id, 'endWaiting');
    c = await send(s, id, 'cancelContractAndCertificate');
    expect(c.status).toBe('completed');
  });

  it('乐陵：本轮承包期退出与永久退出两种方式；永久退出合同 53333.25 元 → 办结', async () => {
    const id = await open('leling', (c) => (c.exit!.mode = 'permanent'));
    const wf = await s.req('GET', `/api/cases/${id}/workflow`);
    expect(wf.body.mode).toBe('permanent');
    await send(s, id, 'receiveWrittenNotice');
    s.today('2026-02-01');
    let c = await send(s, id, 'signContract');
    expect(c.state.contract).toMatchObject({ amount: '53333.25', number: '退出（2026）第 004 号' });
    await send(s, id, 'recordPayment', { amount: '53333.25' });
    s.today('2026-07-16');
    await send(s, id, 'endWaiting');
    c = await send(s, id, 'cancelContractAndCertificate');
    expect(c.status).toBe('completed');
    // A mode the policy does not offer is refused at the pointer.
    const bad = await s.req('POST', '/api/cases', {
      policy: 'leling',
      procedure: 'exit',
      mode: 'custody',
      case: household((x) => (x.exit!.mode = 'custody')),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/mode');
  });

  it('模型方案：冷静期 30 日（至 2026-02-14）→ 审查 → 合同 81075.00 元 → 保险与补偿 → 交地 → 办结，反悔窗口仍开', async () => {
    const id = await open('model-scheme', (c) => (c.exit!.mode = 'permanent'));
    let c = await send(s, id, 'receiveWrittenNotice');
    expect(c.state.timers['cooling-off:window']).toMatchObject({ end: '2026-02-14' });
    s.today('2026-02-14');
    expect(await refused(s, id, 'endCoolingOff', {}, 422)).toMatchObject({ code: 'TOO_EARLY', cite: '论文3.4冷静期' });
    s.today('2026-02-15');
    expect(await refused(s, id, 'withdraw', {}, 422)).toMatchObject({ code: 'WINDOW_CLOSED' });
    await send(s, id, 'endCoolingOff');
    await send(s, id, 'recordComplianceReview', { approved: true });
    await send(s, id, 'recordCollectiveAssessment', { approved: true });
    c = await send(s, id, 'signContract');
    expect(c.state.contract).toMatchObject({ amount: '81075.00', number: '退出（2026）第 005 号' });
    await send(s, id, 'recordPayment', { step: 'insurance', amount: '360.00' });
    await send(s, id, 'recordPayment', { amount: '81075.00' });
    s.today('2026-07-16');
    await send(s, id, 'endWaiting');
    c = await send(s, id, 'cancelContractAndCertificate');
    expect(c.status).toBe('completed');
    const cmds = await s.req('GET', `/api/cases/${id}/commands`);
    expect(cmds.body.map((x: any) => x.type)).toEqual(['reEnter']);
  });

  it('模型方案：冷静期内撤回，案件以 withdrawn 结束', async () => {
    const id = await open('model-scheme', (c) => (c.exit!.mode = 'permanent'));
    await send(s, id, 'receiveWrittenNotice');
    s.today('2026-02-01');
    const c = await send(s, id, 'withdraw', { reason: '改变主意' });
    expect(c).toMatchObject({ status: 'withdrawn' });
    expect((await s.req('GET', `/api/cases/${id}/commands`)).body).toEqual([]);
    expect(await refused(s, id, 'endCoolingOff', {}, 409)).toMatchObject({ code: 'CASE_CLOSED' });
  });
});
