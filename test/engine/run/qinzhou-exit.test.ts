import { describe, expect, it } from 'vitest';
import { fold, allowedCommands, deadlines } from '../../../engine/run/index.ts';
import { household, Runner } from './fixtures.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const village = () => household((c) => (c.exit!.payer = 'village'));

describe('钦州 退出 through step()', () => {
  it('整户退出，村集体支付：书面通知 2026-01-15 → 2026-07-16 起协商 → 成员大会 20/30 通过 → 合同 53333.25 元 → 办结', () => {
    const r = new Runner('qinzhou', 'exit', 'permanent', village(), '2026-01-15');
    expect(r.status('written-notice')).toBe('active');
    expect(r.status('negotiation')).toBe('pending');

    // The notice date defaults to the case's exit.noticeDate.
    r.ok('2026-01-20', 'receiveWrittenNotice');
    expect(r.state.steps['written-notice']!.doneOn).toBe('2026-01-15');
    expect(r.state.timers['written-notice:period']).toMatchObject({ start: '2026-01-15', end: '2026-07-15', lastDay: '2026-07-15' });
    expect(r.state.timers['negotiation:period']).toMatchObject({
      kind: 'earliest',
      start: '2026-01-15',
      end: '2026-07-16',
      lastDay: '2026-07-15',
    });

    // 「半年后」: not on the period's last day, from the next day.
    const early = r.refused('2026-07-15', 'recordNegotiation', { agreed: true });
    expect(early).toMatchObject({ code: 'TOO_EARLY', kind: 'refusedByRule', cite: '第十条第二项' });
    expect(early.message).toContain('2026-07-16');
    expect(early.explanation!.map(renderBoth).some((l) => l.includes('民法典第二百零二条'))).toBe(true);
    r.ok('2026-07-16', 'recordNegotiation', { agreed: true });

    // 19 of 30 entitled is short of 三分之二以上: recorded, the step stays open for another vote.
    const failed = r.ok('2026-07-20', 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 19, no: 4, abstain: 2 });
    expect(failed.events.map((e) => e.type)).toEqual(['VoteRecorded']);
    expect(r.state.votes[0]).toMatchObject({ passed: false, decidedBy: 'threshold', cite: '第十条第二项' });
    expect(r.status('approval')).toBe('active');
    // Exactly two thirds passes (民法典第一千二百五十九条: 以上 includes the number).
    r.ok('2026-07-27', 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 });
    expect(r.state.votes[1]).toMatchObject({ passed: true, decidedBy: 'threshold', cite: '第十条第二项' });
    expect(r.state.case.exit!.vote).toEqual({ body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 });
    expect(r.status('contract')).toBe('active');

    r.ok('2026-08-03', 'signContract', { paymentDue: '2026-08-31' });
    expect(r.state.contract).toMatchObject({
      number: '退出（2026）第 001 号',
      year: 2026,
      seq: 1,
      amount: '53333.25',
      words: '伍万叁仟叁佰叁拾叁元贰角伍分',
      area: '2.35',
      paymentDue: '2026-08-31',
      outstanding: '53333.25',
    });
    expect(['cancellation', 'payment', 'filing'].map((s) => r.status(s))).toEqual(['active', 'active', 'active']);
    expect(r.status('registration')).toBe('pending');

    r.ok('2026-08-05', 'cancelContractAndCertificate');
    expect(r.state.steps.cancellation!.result).toMatchObject({
      contractNo: '4507022023000123',
      certificateNo: '450702202300123J',
      full: true,
    });
    r.ok('2026-08-10', 'recordPayment', { amount: '30000' });
    expect(r.state.contract).toMatchObject({ paid: '30000.00', outstanding: '23333.25' });
    expect(r.status('payment')).toBe('active');
    r.ok('2026-08-28', 'recordPayment', { amount: '23333.25' });
    expect(r.state.contract).toMatchObject({ paid: '53333.25', outstanding: '0.00', penalty: '0.00' });
    expect(r.status('payment')).toBe('done');
    r.ok('2026-09-01', 'fileWithTown', { filingNo: '钦南备 2026-17' });
    expect(r.state.steps.filing!.result).toMatchObject({ office: '钦南区某镇人民政府农村土地承包管理部门', filingNo: '钦南备 2026-17' });

    // A full exit is a cancellation (注销), not a change (第十六条).
    expect(r.refused('2026-09-02', 'recordRegistration', { kind: 'change' })).toMatchObject({
      code: 'REGISTRATION_KIND',
      kind: 'refusedByRule',
      cite: '第十六条',
      path: '/payload/kind',
    });
    const done = r.ok('2026-09-02', 'recordRegistration');
    expect(done.events.map((e) => e.type)).toEqual(['RegistrationRecorded', 'StepCompleted', 'CaseClosed']);
    expect(r.state.status).toBe('completed');
    expect(r.state.outcome).toMatchObject({ status: 'completed', on: '2026-09-02' });
    expect(allowedCommands(r.wf, r.state)).toEqual([]);

    // The state is exactly the fold of the events, and plain JSON.
    expect(fold(r.events)).toEqual(r.state);
    expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
  });

  it('家庭共有人李某芳不同意：书面通知被拒（第十一条），补上同意后受理', () => {
    const r = new Runner(
      'qinzhou',
      'exit',
      null,
      household((c) => (c.household.members[1]!.consents = false)),
      '2026-01-15',
    );
    expect(r.refused('2026-01-15', 'receiveWrittenNotice')).toMatchObject({
      code: 'CONSENT_MISSING',
      kind: 'refusedByRule',
      cite: '第十一条',
      rule: 'co-owner-consent',
    });
    expect(r.status('written-notice')).toBe('active');
    r.ok('2026-01-16', 'receiveWrittenNotice', { date: '2026-01-16', consents: [{ name: '李某芳', consents: true }] });
    expect(r.state.case.household.members[1]!.consents).toBe(true);
    expect(r.state.timers['negotiation:period']!.end).toBe('2026-07-17');
  });

  it('an unknown co-owner name in consents is a 400 at its pointer', () => {
    const r = new Runner('qinzhou', 'exit', null, household(), '2026-01-15');
    expect(r.refused('2026-01-15', 'receiveWrittenNotice', { consents: [{ name: '王某', consents: true }] })).toMatchObject({
      kind: 'invalid',
      path: '/payload/consents/0/name',
    });
  });

  it('组集体支付：户主会议 以户计票，三分之二以上的户到会、到会户过半数同意（村民委员会组织法第二十八条）', () => {
    const r = new Runner('qinzhou', 'exit', null, household(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-07-16', 'recordNegotiation', { agreed: true, pricePerMu: '14000' });
    expect(r.state.case.exit!.negotiatedPricePerMu).toBe('14000');
    // The village's 成员大会 does not decide a group-paid exit.
    expect(
      r.refused('2026-07-20', 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 25, no: 0, abstain: 0 }),
    ).toMatchObject({ code: 'VOTE_BODY', kind: 'refusedByRule', path: '/payload/body' });
    // Every count is of households. 26 of 40 households present is under two thirds: the quorum decides.
    r.ok('2026-07-20', 'recordVote', { body: '户主会议', entitled: 40, present: 26, yes: 26, no: 0, abstain: 0 });
    expect(r.state.votes[0]).toMatchObject({ passed: false, decidedBy: 'quorum', cite: '村民委员会组织法第二十八条' });
    // 27 of 40 present (27×3 ≥ 40×2); 14 of 27 households present is more than half.
    const passed = r.ok('2026-07-21', 'recordVote', { body: '户主会议', entitled: 40, present: 27, yes: 14, no: 13, abstain: 0 });
    expect(r.state.votes[1]).toMatchObject({ passed: true, decidedBy: 'threshold' });
    expect(passed.events[0]!.payload).toMatchObject({ rule: 'approval.votes.0', unit: 'household', cite: '村民委员会组织法第二十八条' });
    // The former household fields are a second unit the tally no longer has.
    expect(
      r.refused('2026-07-21', 'recordVote', { body: '户主会议', entitled: 40, present: 27, yes: 14, no: 13, abstain: 0, households: 40 }),
    ).toMatchObject({ kind: 'invalid', path: '/payload/households' });
    expect(r.status('contract')).toBe('active');
  });

  it('成员大会只到 19 人（不足应到 30 人的三分之二）：法定人数不足，表决不成立', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-07-16', 'recordNegotiation', { agreed: true });
    r.ok('2026-07-20', 'recordVote', { body: '成员大会', entitled: 30, present: 19, yes: 19, no: 0, abstain: 0 });
    expect(r.state.votes[0]).toMatchObject({ passed: false, decidedBy: 'quorum' });
  });

  it('a vote whose numbers do not add up is a 400 at the field', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-07-16', 'recordNegotiation', { agreed: true });
    expect(
      r.refused('2026-07-20', 'recordVote', { body: '成员大会', entitled: 30, present: 31, yes: 20, no: 0, abstain: 0 }),
    ).toMatchObject({ kind: 'invalid', path: '/payload/present' });
  });

  it('a partial exit (门口田 only) is a change of registration, and 27234.00 元', () => {
    const r = new Runner(
      'qinzhou',
      'exit',
      null,
      household((c) => ((c.exit!.parcels = ['门口田']), (c.exit!.payer = 'village'))),
      '2026-01-15',
    );
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-07-16', 'recordNegotiation', { agreed: true });
    r.ok('2026-07-20', 'recordVote', { body: '成员代表大会', entitled: 21, present: 21, yes: 14, no: 7, abstain: 0 });
    r.ok('2026-07-21', 'signContract');
    expect(r.state.contract).toMatchObject({ amount: '27234.00', area: '1.20', paymentDue: null });
    r.ok('2026-07-22', 'fileWithTown');
    expect(r.refused('2026-07-23', 'recordRegistration', { kind: 'cancellation' }).message).toContain('变更');
    r.ok('2026-07-23', 'recordRegistration');
    expect(r.state.steps.registration!.result).toMatchObject({ kind: 'change', full: false });
  });

  it('commands out of turn: 409 naming the step it waits for; unknown commands and fields: 400', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    expect(r.refused('2026-01-15', 'signContract')).toMatchObject({ code: 'NOT_ALLOWED', kind: 'notAllowedNow', cite: '第十条第三项' });
    expect(r.refused('2026-01-15', 'signContract').message).toContain('approval');
    expect(r.refused('2026-01-15', 'withdraw')).toMatchObject({ code: 'NOT_ALLOWED', kind: 'notAllowedNow' });
    expect(r.refused('2026-01-15', 'withdraw').message).toContain('没有冷静期');
    expect(r.refused('2026-01-15', 'postPublicNotice').message).toContain('没有此命令');
    expect(r.refused('2026-01-15', 'fly')).toMatchObject({ code: 'BAD_COMMAND', kind: 'invalid', path: '/type' });
    expect(r.refused('2026-01-15', 'receiveWrittenNotice', { colour: 'red' })).toMatchObject({ kind: 'invalid', path: '/payload/colour' });
    expect(r.refused('2026-01-15', 'receiveWrittenNotice', { date: '2026-02-30' })).toMatchObject({
      kind: 'invalid',
      path: '/payload/date',
    });
    r.ok('2026-01-15', 'receiveWrittenNotice');
    expect(r.refused('2026-01-16', 'receiveWrittenNotice').message).toContain('已于 2026-01-15 完成');
  });

  it('dates: not after today, not before the step it follows', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    expect(r.refused('2026-01-10', 'receiveWrittenNotice', { date: '2026-01-11' })).toMatchObject({
      kind: 'invalid',
      path: '/payload/date',
    });
    r.ok('2026-01-15', 'receiveWrittenNotice');
    r.ok('2026-07-16', 'recordNegotiation', { agreed: true });
    expect(
      r.refused('2026-07-20', 'recordVote', {
        date: '2026-07-10',
        body: '成员大会',
        entitled: 30,
        present: 25,
        yes: 20,
        no: 3,
        abstain: 2,
      }),
    ).toMatchObject({
      code: 'BAD_DATE',
      kind: 'refusedByRule',
      cite: '第十条第二项',
    });
  });

  it('terminate closes the case; nothing runs after it', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    const t = r.ok('2026-02-01', 'terminate', { reason: '农户撤回申请' });
    expect(t.events.map((e) => e.type)).toEqual(['Terminated', 'CaseClosed']);
    expect(r.state.status).toBe('terminated');
    expect(r.refused('2026-02-02', 'receiveWrittenNotice')).toMatchObject({ code: 'CASE_CLOSED', kind: 'notAllowedNow' });
    expect(r.refused('2026-02-02', 'terminate', { reason: 'again' })).toMatchObject({ code: 'CASE_CLOSED' });
  });

  it('deadlines on a day: done, waiting on the 半年, then due', () => {
    const r = new Runner('qinzhou', 'exit', null, village(), '2026-01-15');
    r.ok('2026-01-15', 'receiveWrittenNotice');
    expect(deadlines(r.wf, r.state, '2026-03-01').map((d) => [d.step, d.kind, d.due])).toEqual([
      ['written-notice', 'done', '2026-01-15'],
      ['negotiation', 'waiting', '2026-07-16'],
    ]);
    expect(deadlines(r.wf, r.state, '2026-07-16').map((d) => [d.step, d.kind, d.due])).toEqual([
      ['written-notice', 'done', '2026-01-15'],
      ['negotiation', 'due', null],
    ]);
    const cmds = allowedCommands(r.wf, r.state);
    expect(cmds.map((c) => [c.type, c.notBefore])).toEqual([
      ['recordNegotiation', '2026-07-16'],
      ['terminate', undefined],
    ]);
  });

  it('a notice given in late 2026: the 半年 is placed on the provisional 2027 calendar and flagged 暂定; earlier dates are refused', () => {
    const r = new Runner(
      'qinzhou',
      'exit',
      null,
      household((c) => (c.exit!.noticeDate = '2026-11-02')),
      '2026-11-02',
    );
    r.ok('2026-11-02', 'receiveWrittenNotice');
    const t = r.state.timers['negotiation:period']!;
    // 2027-05-02 falls in the provisional 劳动节 (05-01 … 05-05): last day 05-06, allowed from 05-07.
    expect(t).toMatchObject({ lastDay: '2027-05-06', end: '2027-05-07', provisional: true });
    expect(t.error).toBeUndefined();
    const d = deadlines(r.wf, r.state, '2026-11-25').find((x) => x.step === 'negotiation')!;
    expect(d).toMatchObject({ kind: 'waiting', due: '2027-05-07', provisional: true });
    expect(r.refused('2026-11-25', 'recordNegotiation', { agreed: true })).toMatchObject({ code: 'TOO_EARLY', kind: 'refusedByRule' });
  });
});
