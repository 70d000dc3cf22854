import { describe, expect, it } from 'vitest';
import { allowedCommands, fold } from '../../../engine/run/index.ts';
import { household, Runner } from './fixtures.ts';

describe('模型方案 (model-scheme)', () => {
  const permanent = () => household((c) => (c.exit!.mode = 'permanent'));

  it('冷静期 30 日内可无条件撤回：撤回后案件结束', () => {
    const r = new Runner('model-scheme', 'exit', 'permanent', permanent(), '2026-01-15');
    expect(r.status('custody-application')).toBe('skipped');
    expect(r.status('custody-contract')).toBe('skipped');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    expect(r.state.timers['cooling-off:window']).toMatchObject({
      kind: 'window',
      start: '2026-01-15',
      lastDay: '2026-02-14',
      end: '2026-02-14',
    });
    const cmds = allowedCommands(r.wf, r.state).filter((c) => c.step === 'cooling-off');
    expect(cmds.map((c) => [c.type, c.until ?? null, c.notBefore ?? null])).toEqual([
      ['withdraw', '2026-02-14', null],
      ['endCoolingOff', null, '2026-02-15'],
    ]);
    expect(r.refused('2026-02-14', 'endCoolingOff')).toMatchObject({ code: 'TOO_EARLY', kind: 'refusedByRule', cite: '论文3.4冷静期' });
    const w = r.ok('2026-02-14', 'withdraw', { reason: '家里改变主意' });
    expect(w.events.map((e) => e.type)).toEqual(['Withdrawn', 'CaseClosed']);
    expect(r.state.status).toBe('withdrawn');
    expect(fold(r.events)).toEqual(r.state);
  });

  it('冷静期届满后不能撤回，只能继续：审查、合同 81075.00 元、保险与补偿两项付款、交地，反悔窗口 5 年', () => {
    const r = new Runner('model-scheme', 'exit', 'permanent', permanent(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    expect(r.refused('2026-02-15', 'withdraw')).toMatchObject({ code: 'WINDOW_CLOSED', kind: 'refusedByRule', cite: '论文3.4冷静期' });
    r.ok('2026-02-15', 'endCoolingOff');
    r.ok('2026-02-20', 'recordCollectiveAssessment', { approved: true });
    r.ok('2026-02-20', 'recordComplianceReview', { approved: true });
    r.ok('2026-03-02', 'signContract', { paymentDue: '2026-04-01' });
    expect(r.state.contract).toMatchObject({ number: '退出（2026）第 001 号', amount: '81075.00', pricePerMu: '34500.00' });
    // Two payment steps: the premium is recorded apart from the contract price.
    r.ok('2026-03-05', 'recordPayment', { step: 'insurance', amount: '360.00' });
    expect(r.state.contract!.outstanding).toBe('81075.00');
    expect(r.status('insurance')).toBe('done');
    r.ok('2026-03-10', 'recordPayment', { amount: '81075.00' });
    expect(r.status('payment')).toBe('done');
    expect(r.refused('2026-03-11', 'cancelContractAndCertificate')).toMatchObject({ code: 'NOT_ALLOWED', kind: 'notAllowedNow' });
    expect(r.refused('2026-07-15', 'endWaiting')).toMatchObject({ code: 'TOO_EARLY' });
    r.ok('2026-07-16', 'endWaiting');
    const handover = r.ok('2026-07-20', 'cancelContractAndCertificate');
    expect(handover.events.map((e) => e.type)).toContain('CaseClosed');
    expect(r.state.status).toBe('completed');
    // The 5-year re-entry window ends in 2031: placed on the provisional 2031 calendar (Sunday 07-20 → Monday), flagged 暂定.
    expect(r.state.timers['reentry:window']).toMatchObject({ start: '2026-07-20', end: '2031-07-21', provisional: true });
    expect(allowedCommands(r.wf, r.state).map((c) => c.type)).toEqual(['reEnter']);
    r.ok('2026-11-20', 'reEnter', { requalified: true, parcels: ['门口田'], area: '0.60' });
    expect(r.state.status).toBe('reentered');
    expect(fold(r.events)).toEqual(r.state);
  });

  it('托管：只有托管申请与托管合同，托管合同不取合同编号', () => {
    const r = new Runner(
      'model-scheme',
      'exit',
      'custody',
      household((c) => ((c.exit!.mode = 'custody'), (c.exit!.applicationDate = '2026-03-01'))),
      '2026-03-01',
    );
    expect(r.status('written-notice')).toBe('skipped');
    expect(r.status('custody-application')).toBe('active');
    r.ok('2026-03-01', 'submitApplication');
    r.ok('2026-03-05', 'signContract');
    expect(r.state.contract).toMatchObject({ number: null, amount: '0.00' });
    expect(r.state.status).toBe('completed');
    // Steps that do not apply stay skipped, never active.
    expect(
      Object.entries(r.state.steps)
        .filter(([, s]) => s.status === 'skipped')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['contract', 'cooling-off', 'handover', 'insurance', 'notice-period', 'payment', 'reentry', 'review', 'written-notice']);
  });
});

describe('其他试点的退出', () => {
  it('梁平：协商价格 14000 元/亩，合同 32900.00 元；交地须等通知期届满', () => {
    const r = new Runner('liangping', 'exit', null, household(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-02-10', 'recordNegotiation', { agreed: true, pricePerMu: '14000' });
    r.ok('2026-02-12', 'signContract');
    expect(r.state.contract).toMatchObject({ amount: '32900.00', number: '退出（2026）第 001 号' });
    expect(r.status('handover')).toBe('pending');
    r.ok('2026-02-20', 'recordPayment', { amount: '32900.00' });
    r.ok('2026-07-16', 'endWaiting');
    r.ok('2026-07-17', 'cancelContractAndCertificate');
    expect(r.state.status).toBe('completed');
  });

  it('平罗：审查不同意则结束；同意则合同 21150.00 元，户籍与成员资格登记', () => {
    const refused = new Runner('pingluo', 'exit', null, household(), '2026-01-15');
    refused.ok('2026-01-15', 'receiveWrittenNotice');
    refused.ok('2026-01-20', 'recordReview', { approved: false, reasons: '无稳定收入证明' });
    expect(refused.state.status).toBe('refused');

    const r = new Runner('pingluo', 'exit', null, household(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-01-20', 'recordReview', { approved: true });
    r.ok('2026-01-25', 'signContract');
    expect(r.state.contract!.amount).toBe('21150.00');
    r.ok('2026-02-01', 'recordPayment', { amount: '21150.00' });
    r.ok('2026-07-16', 'endWaiting');
    r.ok('2026-07-20', 'cancelContractAndCertificate');
    r.ok('2026-08-01', 'recordRegistration');
    expect(r.state.status).toBe('completed');
  });
});
