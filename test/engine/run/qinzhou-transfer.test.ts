import { describe, expect, it } from 'vitest';
import { deadlines, fold } from '../../../engine/run/index.ts';
import { household, Runner } from './fixtures.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';
import { msg, type Message } from '../../../dsl/message.ts';

describe('钦州 转让 through step()', () => {
  it('申请 2026-09-30 → 公示至 2026-10-10（国庆后 3 个工作日）→ 审核 → 合同 24150.00 元 → 逾期 10 日付清，违约金 120.75 元', () => {
    const r = new Runner('qinzhou', 'transfer', null, household(), '2026-09-30');
    r.ok('2026-09-30', 'submitApplication');
    expect(r.state.steps.application!.doneOn).toBe('2026-09-30'); // transfer.applicationDate
    // The 7-day deadline for written reasons runs from the application (第七条第二项): 10-07 is 国庆, so 10-08.
    expect(r.state.timers['review:deadline']).toMatchObject({
      start: '2026-09-30',
      lastDay: '2026-10-08',
      end: '2026-10-08',
      kind: 'deadline',
    });

    expect(r.refused('2026-09-30', 'closePublicNotice')).toMatchObject({ code: 'NOT_ALLOWED', kind: 'notAllowedNow' });
    r.ok('2026-09-30', 'postPublicNotice', { place: '村务公开栏' });
    expect(r.state.steps['public-notice']!.postedOn).toBe('2026-09-30');
    // 3 working days after 国庆 (10-01…10-07): 10-08, 10-09, 10-10 (a 调休 Saturday); closable from 10-11.
    expect(r.state.timers['public-notice:period']).toMatchObject({ lastDay: '2026-10-10', end: '2026-10-11' });
    expect(r.state.timers['public-notice:objections']).toMatchObject({ lastDay: '2026-10-15', end: '2026-10-15', cite: '附件3' });
    expect(r.refused('2026-10-10', 'closePublicNotice')).toMatchObject({ code: 'TOO_EARLY', kind: 'refusedByRule', cite: '第七条第二项' });

    expect(deadlines(r.wf, r.state, '2026-10-09').map((d) => [d.step, d.kind, d.due])).toEqual([
      ['application', 'done', '2026-09-30'],
      ['public-notice', 'waiting', '2026-10-11'],
      ['review', 'overdue', '2026-10-08'],
    ]);

    r.ok('2026-10-09', 'recordObjection', { by: '黄某光', text: '东至地界有争议' });
    expect(r.refused('2026-10-12', 'closePublicNotice')).toMatchObject({ code: 'OBJECTIONS_PENDING', kind: 'refusedByRule' });
    r.ok('2026-10-12', 'closePublicNotice', { objectionsResolved: true, note: '经村民小组调解，地界已确认' });
    expect(r.state.steps['public-notice']!.result).toMatchObject({ objections: 1, resolved: true });

    r.ok('2026-10-13', 'recordReview', { approved: true });
    r.ok('2026-10-14', 'signContract');
    expect(r.state.contract).toMatchObject({
      number: '转让（2026）第 001 号',
      amount: '24150.00',
      words: '贰万肆仟壹佰伍拾元整',
      area: '1.15',
      pricePerMu: '21000',
      paymentDue: '2026-11-30',
      penaltyPerDayPerTenThousand: '5',
    });
    expect(r.state.timers['payment:due']).toMatchObject({ kind: 'deadline', end: '2026-11-30', parameter: null });
    expect(['payment', 'new-contracts', 'filing'].map((s) => r.status(s))).toEqual(['active', 'active', 'active']);

    r.ok('2026-11-20', 'recordPayment', { amount: '10000.00' });
    const overdue = deadlines(r.wf, r.state, '2026-12-05').find((d) => d.step === 'payment')!;
    expect(overdue).toMatchObject({ kind: 'overdue', due: '2026-11-30' });
    expect(overdue.explanation.map(renderBoth).at(-1)).toContain('违约金累计 60.38 元');
    expect(r.refused('2026-12-10', 'recordPayment', { amount: '14150.01' })).toMatchObject({ kind: 'invalid', path: '/payload/amount' });
    const settled = r.ok('2026-12-10', 'recordPayment', { amount: '14150' });
    // 附件1: 24150.00 × 5/10000 × 10 days late, recorded with the payment as a message.
    const recorded = settled.events.find((e) => e.type === 'PaymentRecorded')!.payload as { penaltyExplanation: Message };
    expect(recorded.penaltyExplanation).toEqual(
      msg('run.penaltyRecorded', { amount: '24150.00', rate: '5', days: 10, due: '2026-11-30', date: '2026-12-10', penalty: '120.75' }),
    );
    expect(render(recorded.penaltyExplanation, 'zh')).toBe(
      '违约金 = 应支付费用总额 24150.00 元 × 万分之 5 × 逾期 10 日（2026-11-30 之后至 2026-12-10）= 120.75 元',
    );
    expect(render(recorded.penaltyExplanation, 'en')).toBe(
      'penalty = contract total 24150.00 元 × 5/10000 × 10 days late (after 2026-11-30, to 2026-12-10) = 120.75 元',
    );
    expect(renderBoth(recorded.penaltyExplanation)).toBe(
      '违约金 = 应支付费用总额 24150.00 元 × 万分之 5 × 逾期 10 日（2026-11-30 之后至 2026-12-10）= 120.75 元 — penalty: total × 5/10000 × 10 days late',
    );
    expect(r.state.contract).toMatchObject({ paid: '24150.00', outstanding: '0.00', penalty: '120.75' });
    expect(r.state.payments.map((p) => [p.date, p.amount, p.lateDays])).toEqual([
      ['2026-11-20', '10000.00', 0],
      ['2026-12-10', '14150.00', 10],
    ]);

    r.ok('2026-12-11', 'cancelContractAndCertificate', { note: '部分转让，重新签订承包合同' });
    const filed = r.ok('2026-12-11', 'fileWithTown');
    // Registration is optional for a transfer (第十五条 可以申请): the case completes, registration stays possible.
    expect(filed.events.at(-1)).toMatchObject({ type: 'CaseClosed', payload: { status: 'completed', on: '2026-12-11' } });
    expect(r.status('registration')).toBe('active');
    r.ok('2026-12-14', 'recordRegistration', { kind: 'change', registrationNo: '钦南登 2026-88' });
    expect(r.state.status).toBe('completed');
    expect(fold(r.events)).toEqual(r.state);
  });

  it('家庭共有人未同意：转让申请被拒（附件2）', () => {
    const r = new Runner(
      'qinzhou',
      'transfer',
      null,
      household((c) => (c.household.members[2]!.consents = false)),
      '2026-09-30',
    );
    expect(r.refused('2026-09-30', 'submitApplication')).toMatchObject({ code: 'CONSENT_MISSING', kind: 'refusedByRule', cite: '附件2' });
  });

  it('受让方为外村农户：转让申请被拒（第六条）', () => {
    const r = new Runner(
      'qinzhou',
      'transfer',
      null,
      household((c) => (c.transfer!.transferee.collective.village = '另一村')),
      '2026-09-30',
    );
    expect(r.refused('2026-09-30', 'submitApplication')).toMatchObject({
      code: 'NOT_ELIGIBLE',
      kind: 'refusedByRule',
      cite: '第六条',
      rule: 'same-collective',
    });
  });

  it('a replacement case in the application is checked, and may not move the case to another place', () => {
    const r = new Runner('qinzhou', 'transfer', null, household(), '2026-09-30');
    const moved = household((c) => (c.household.collective.town = '别的镇'));
    expect(r.refused('2026-09-30', 'submitApplication', { case: moved })).toMatchObject({
      kind: 'invalid',
      path: '/payload/case/household/collective',
    });
    const fixed = household((c) => (c.transfer!.termEnd = '2027-12-31'));
    r.ok('2026-09-30', 'submitApplication', { case: fixed });
    expect(r.state.case.transfer!.termEnd).toBe('2027-12-31');
  });

  it('审核不同意须书面说明理由；不同意则案件结束（refused），逾期说明记为 late', () => {
    const r = new Runner('qinzhou', 'transfer', null, household(), '2026-09-30');
    r.ok('2026-09-30', 'submitApplication');
    r.ok('2026-09-30', 'postPublicNotice');
    r.ok('2026-10-11', 'closePublicNotice');
    expect(r.refused('2026-10-12', 'recordReview', { approved: false })).toMatchObject({
      code: 'REASONS_REQUIRED',
      kind: 'refusedByRule',
      cite: '第七条第二项',
      path: '/payload/reasons',
    });
    const out = r.ok('2026-10-12', 'recordReview', { approved: false, reasons: '受让方已有承包地超过本组人均两倍' });
    expect(out.events[0]).toMatchObject({ type: 'ReviewDecided', payload: { approved: false, late: true, deadline: '2026-10-08' } });
    expect(r.state.status).toBe('refused');
    expect(renderBoth(r.state.outcome!.reason)).toContain('书面说明理由逾期');
    expect(r.refused('2026-10-13', 'signContract')).toMatchObject({ code: 'CASE_CLOSED', kind: 'notAllowedNow' });
  });

  it('an objection after the 15-day window is refused with 附件3', () => {
    const r = new Runner('qinzhou', 'transfer', null, household(), '2026-09-30');
    r.ok('2026-09-30', 'submitApplication');
    r.ok('2026-09-30', 'postPublicNotice');
    expect(r.refused('2026-10-16', 'recordObjection', { by: '某人', text: '迟到的异议' })).toMatchObject({
      code: 'WINDOW_CLOSED',
      kind: 'refusedByRule',
      cite: '附件3',
    });
  });
});
