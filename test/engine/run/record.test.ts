// Issues #12 and #14, "a legal record that agrees with itself", through the pure runner: each
// finding with its exact refusal.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../engine/evaluate/index.ts';
import { household, modelSchemeHandedOver, pinned, Runner } from './fixtures.ts';

const village = () => household((c) => (c.exit!.payer = 'village'));

/** 钦州 exit, village payer, up to the signed contract (2026-07-21). */
function signedQinzhou(): Runner {
  const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
  r.ok('2026-01-15', 'receiveWrittenNotice');
  r.ok('2026-07-16', 'recordNegotiation', { agreed: true });
  r.ok('2026-07-20', 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 });
  r.ok('2026-07-21', 'signContract');
  return r;
}

const handedOver = modelSchemeHandedOver;

describe('a command that replaces the case is checked like a case file', () => {
  it('a 308-digit price in payload.case is refused at /payload/case/transfer/pricePerMu, and nothing is recorded', () => {
    const r = new Runner('qinzhou', 'transfer', null, household(), '2026-09-30');
    const big = household((c) => (c.transfer!.pricePerMu = '9'.repeat(308)));
    expect(r.refused('2026-09-30', 'submitApplication', { case: big })).toEqual({
      code: 'BAD_PAYLOAD',
      kind: 'invalid',
      path: '/payload/case/transfer/pricePerMu',
      message: '案件无效 invalid case at /payload/case/transfer/pricePerMu: 数值应为十进制文字 a decimal must be a string like "1.20"',
    });
    expect(r.events.map((e) => e.type)).toEqual(['CaseOpened', 'StepActivated']);
  });

  it('a negative area in payload.case is refused at /payload/case/parcels/1/area', () => {
    const r = new Runner('qinzhou', 'exit', null, household(), '2026-01-15');
    const neg = household((c) => (c.parcels[1]!.area = '-1.15'));
    expect(r.refused('2026-01-15', 'receiveWrittenNotice', { case: neg })).toMatchObject({
      kind: 'invalid',
      path: '/payload/case/parcels/1/area',
      message: '案件无效 invalid case at /payload/case/parcels/1/area: 面积：-1.15 应大于 0 must be more than 0',
    });
  });

  it('a negotiated price of 0 元/亩 or of more than 10^10 元/亩 is refused at /payload/pricePerMu', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    expect(r.refused('2026-07-16', 'recordNegotiation', { agreed: true, pricePerMu: '0' })).toMatchObject({
      kind: 'invalid',
      path: '/payload/pricePerMu',
      message: '协商价格：0 应大于 0 must be more than 0',
    });
    expect(r.refused('2026-07-16', 'recordNegotiation', { agreed: true, pricePerMu: '10000000001' })).toMatchObject({
      kind: 'invalid',
      path: '/payload/pricePerMu',
    });
  });

  it('a command dated 2026-02-30 is refused at /payload/date', () => {
    const r = new Runner('qinzhou', 'exit', null, household(), '2026-03-01');
    expect(r.refused('2026-03-01', 'receiveWrittenNotice', { date: '2026-02-30' })).toMatchObject({
      kind: 'invalid',
      path: '/payload/date',
      message: '日期：2026-02-30 不是真实的日期 is not a real calendar date (YYYY-MM-DD)',
    });
  });
});

describe('commands are never dated before the record', () => {
  it('a notice the case dates 2026-01-15 cannot be received in 2020 (which would have numbered the contract 退出（2020）)', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    expect(r.refused('2026-01-15', 'receiveWrittenNotice', { date: '2020-01-15' })).toEqual({
      code: 'BAD_DATE',
      kind: 'refusedByRule',
      path: '/payload/date',
      message: '日期 2020-01-15 早于案件所载的日期 2026-01-15 — before the date the case itself gives (2026-01-15)',
      cite: '第十条第一项',
    });
  });

  it('the contract takes its number in the year it is signed: 退出（2026）第 001 号', () => {
    const r = signedQinzhou();
    expect(r.state.contract).toMatchObject({ number: '退出（2026）第 001 号', year: 2026, seq: 1, signedOn: '2026-07-21' });
  });

  it('after a payment on 2026-08-10, filing dated 2026-08-01 is refused though the contract came first', () => {
    const r = signedQinzhou();
    r.ok('2026-08-10', 'recordPayment', { amount: '53333.25' });
    expect(r.refused('2026-08-12', 'fileWithTown', { date: '2026-08-01' })).toEqual({
      code: 'BAD_DATE',
      kind: 'refusedByRule',
      path: '/payload/date',
      message:
        "日期 2026-08-01 早于本案已记录的最后日期 2026-08-10，不能倒签 — a command cannot be dated before the case's last recorded date (2026-08-10)",
      cite: '第十四条',
    });
    r.ok('2026-08-12', 'fileWithTown', { date: '2026-08-10' });
    // terminate is held to the same order.
    expect(r.refused('2026-08-12', 'terminate', { date: '2026-08-09', reason: '撤销' })).toMatchObject({
      code: 'BAD_DATE',
      path: '/payload/date',
    });
  });
});

describe('votes', () => {
  it('recording an empty 成员大会 (entitled 0) is refused at /payload/entitled', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-07-16', 'recordNegotiation', { agreed: true });
    expect(r.refused('2026-07-20', 'recordVote', { body: '成员大会', entitled: 0, present: 0, yes: 0, no: 0, abstain: 0 })).toEqual({
      code: 'BAD_PAYLOAD',
      kind: 'invalid',
      path: '/payload/entitled',
      message: '成员大会：应到 0 人：无人有表决权，表决不成立 — nobody is entitled to vote, so nothing can pass',
      cite: '第十条第二项',
    });
    expect(r.state.votes).toEqual([]);
  });

  it('a 成员代表大会 of 9 does not pass, citing 农村集体经济组织法第二十八条; the contract stays closed', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-07-16', 'recordNegotiation', { agreed: true });
    r.ok('2026-07-20', 'recordVote', { body: '成员代表大会', entitled: 9, present: 9, yes: 9, no: 0, abstain: 0 });
    expect(r.state.votes[0]).toMatchObject({ passed: false, decidedBy: 'size', cite: '农村集体经济组织法第二十八条' });
    expect(r.status('contract')).toBe('pending');
  });

  it('eval of the empty 成员大会 on the 钦州 case: passed false, decided by the tally of rule approval.votes.2', () => {
    const e = evaluate(pinned('qinzhou').compiled, {
      procedure: 'exit',
      kase: household(
        (c) => ((c.exit!.payer = 'village'), (c.exit!.vote = { body: '成员大会', entitled: 0, present: 0, yes: 0, no: 0, abstain: 0 })),
      ),
    });
    expect(e.vote).toMatchObject({ passed: false, decidedBy: 'tally', rule: 'approval.votes.2', unit: 'member' });
  });
});

describe('钦州 第六条: the same collective means the same town too', () => {
  it('a transferee of 钦北区另一镇 某村 第三村民小组 is refused; of 钦南区某镇 accepted', () => {
    const other = evaluate(pinned('qinzhou').compiled, {
      procedure: 'transfer',
      kase: household((c) => (c.transfer!.transferee.collective.town = '钦北区另一镇')),
    });
    expect(other).toMatchObject({ eligible: false, failed: [{ rule: 'same-collective', cite: '第六条' }] });
    expect(evaluate(pinned('qinzhou').compiled, { procedure: 'transfer', kase: household() }).eligible).toBe(true);
  });
});

describe('模型方案 re-entry keeps to its own rules (论文3.4反悔窗口)', () => {
  it('99 亩 on a parcel the household never held is refused at /payload/parcels/0', () => {
    const r = handedOver();
    expect(r.refused('2026-11-20', 'reEnter', { requalified: true, parcels: ['菜地'], area: '99' })).toEqual({
      code: 'REENTRY_RULE',
      kind: 'refusedByRule',
      path: '/payload/parcels/0',
      message: '「菜地」不是本户退出的地块，只能重新承包退出的地块（门口田、坡地）— only parcels given up may be re-entered',
      cite: '论文3.4反悔窗口',
    });
    expect(r.state.status).toBe('completed');
  });

  it('99 亩 on 门口田 (1.20 亩) is more than the parcel', () => {
    expect(handedOver().refused('2026-11-20', 'reEnter', { requalified: true, parcels: ['门口田'], area: '99' })).toMatchObject({
      path: '/payload/area',
      message: '重新承包面积 99 亩大于所列地块面积合计 1.2 亩 — more than the parcels named',
    });
  });

  it('at most 50% of the 2.35 亩 given up: 1.175 亩 passes, 1.18 亩 does not', () => {
    expect(handedOver().refused('2026-11-20', 'reEnter', { requalified: true, parcels: ['门口田', '坡地'], area: '1.18' })).toEqual({
      code: 'REENTRY_RULE',
      kind: 'refusedByRule',
      path: '/payload/area',
      message:
        '重新承包面积 1.18 亩超过退出面积 2.35 亩的50%（至多 1.175 亩，回购比例）— more than the share of the area given up that may be bought back',
      cite: '论文3.4反悔窗口',
    });
    const r = handedOver();
    r.ok('2026-11-20', 'reEnter', { requalified: true, parcels: ['门口田', '坡地'], area: '1.175' });
    expect(r.state.status).toBe('reentered');
  });

  it('without the qualification re-review there is no re-entry', () => {
    expect(handedOver().refused('2026-11-20', 'reEnter', { requalified: false, parcels: ['门口田'], area: '0.60' })).toMatchObject({
      code: 'REENTRY_RULE',
      path: '/payload/requalified',
    });
  });
});
