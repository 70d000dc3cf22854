import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { compareCase } from '../../../engine/compare/case.ts';
import { entries, household } from './helpers.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';
import type { Message } from '../../../dsl/message.ts';
import { formatCase } from '../../../engine/compare/format.ts';

const calendar = bundledCalendar();
const dates = (r: { timeline: { step: string; date: string | null }[] }) => Object.fromEntries(r.timeline.map((e) => [e.step, e.date]));

describe('one household through several policies (the shared household)', () => {
  const results = compareCase({ entries: entries('qinzhou', 'neijiang', 'liangping'), kase: household(), start: '2026-01-15', calendar });

  it('pays 钦州 53333.25, 内江 91650.00, 梁平 32900.00 元 in one call, with 大写', () => {
    expect(results.map((r) => [r.policy, r.eligible, r.compensation?.amount, r.compensation?.words])).toEqual([
      ['qinzhou', true, '53333.25', '伍万叁仟叁佰叁拾叁元贰角伍分'],
      ['neijiang', true, '91650.00', '玖万壹仟陆佰伍拾元整'],
      ['liangping', true, '32900.00', '叁万贰仟玖佰元整'],
    ]);
    expect(results.every((r) => r.failed.length === 0)).toBe(true);
    expect(results[0]!.compensation!.cite).toBe('第十条第二项');
  });

  it('钦州: notice on 2026-01-15, negotiation from the day after half a year (2026-07-16), done by 2026-07-16', () => {
    const q = results[0]!;
    expect(dates(q)).toEqual({
      'written-notice': '2026-01-15',
      negotiation: '2026-07-16',
      approval: '2026-07-16',
      contract: '2026-07-16',
      cancellation: '2026-07-16',
      payment: '2026-07-16',
      filing: '2026-07-16',
      registration: '2026-07-16',
    });
    const notice = q.timeline[0]!;
    expect(notice).toMatchObject({ role: 'notice', periodEnd: '2026-07-15', countedFrom: '2026-01-15' });
    const negotiation = q.timeline[1]!;
    expect(negotiation).toMatchObject({ role: 'earliest', periodEnd: '2026-07-15', countedFrom: '2026-01-15' });
    const text = negotiation.explanation.map(renderBoth).join('\n');
    expect(text).toContain('民法典第二百零一条'); // the start day is not counted
    expect(text).toContain('民法典第二百零二条'); // the corresponding day of the sixth month
    expect(text).toContain('2026-07-16 (周四 Thu) 起方可为之');
    expect(q.completeBy).toBe('2026-07-16');
  });

  it('内江 and 梁平: the contract may be signed at once, the land handed over after the half-year notice', () => {
    expect(dates(results[1]!)).toEqual({
      'written-notice': '2026-01-15',
      contract: '2026-01-15',
      'notice-period': '2026-07-16',
      handover: '2026-07-16',
      payment: '2026-01-15',
    });
    expect(dates(results[2]!)).toEqual({
      'written-notice': '2026-01-15',
      negotiation: '2026-01-15',
      'notice-period': '2026-07-16',
      contract: '2026-01-15',
      handover: '2026-07-16',
      payment: '2026-01-15',
    });
    expect(results.map((r) => r.completeBy)).toEqual(['2026-07-16', '2026-07-16', '2026-07-16']);
  });
});

describe('timelines on the working-day calendar', () => {
  it('a half year ending on 国庆节 runs on to 2026-10-08; the negotiation is allowed from 2026-10-09', () => {
    const kase = household();
    kase.exit!.noticeDate = '2026-04-04';
    const [q] = compareCase({ entries: entries('qinzhou'), kase, calendar });
    expect(q!.timeline[0]!.periodEnd).toBe('2026-10-08');
    expect(q!.timeline[1]!.date).toBe('2026-10-09');
    expect(q!.timeline[1]!.explanation.map(renderBoth).join('\n')).toContain('国庆节');
    expect(q!.completeBy).toBe('2026-10-09');
  });

  it('the case date wins over --start; without one the step starts at --start', () => {
    const kase = household();
    const [a] = compareCase({ entries: entries('neijiang'), kase, start: '2026-03-02', calendar });
    expect(a!.timeline[0]!.date).toBe('2026-01-15');
    delete kase.exit!.noticeDate;
    const [b] = compareCase({ entries: entries('neijiang'), kase, start: '2026-03-02', calendar });
    expect(b!.timeline[0]!.date).toBe('2026-03-02');
    expect(b!.timeline[0]!.explanation.map(renderBoth)[0]).toContain('取起算日 2026-03-02');
    expect(b!.completeBy).toBe('2026-09-03'); // 2026-09-02 + 1 day
  });

  it('a year without a notice yet (2027) gives dates explained as 暂定', () => {
    const kase = household();
    kase.exit!.noticeDate = '2026-07-01'; // + half a year = 2027-01-01, in the provisional 元旦 (Fri–Sun)
    const [q] = compareCase({ entries: entries('qinzhou'), kase, calendar });
    expect(q!.timeline[1]!.date).toBe('2027-01-05');
    expect(q!.timeline[1]!.explanation.map(renderBoth).join('\n')).toContain('暂定 provisional');
  });

  it('a year beyond what can be computed is an error entry, never a guess, and completeBy is null', () => {
    const kase = household();
    kase.exit!.noticeDate = '2050-07-01'; // + half a year = 2051-01-01: beyond the provisional years
    const [q] = compareCase({ entries: entries('qinzhou'), kase, calendar });
    expect(q!.timeline[0]!.date).toBe('2050-07-01'); // the notice itself is given on its day
    expect(renderBoth(q!.timeline[0]!.periodError!)).toContain('2051');
    expect(q!.timeline[1]!.date).toBeNull();
    expect(renderBoth(q!.timeline[1]!.error!)).toContain('no holiday calendar for 2051');
    expect(renderBoth(q!.timeline[2]!.error!)).toContain('negotiation'); // depends on a step that could not be computed
    expect(q!.completeBy).toBeNull();
    expect(renderBoth(q!.timelineError!)).toContain('no holiday calendar for 2051');
    expect(q!.compensation!.amount).toBe('53333.25'); // the money does not depend on the calendar
  });

  it('no date anywhere: the timeline says to give a start date', () => {
    const kase = household();
    delete kase.exit!.noticeDate;
    const [q] = compareCase({ entries: entries('qinzhou'), kase, calendar });
    expect(renderBoth(q!.timeline[0]!.error!)).toContain('--start');
    expect(q!.completeBy).toBeNull();
  });

  it('钦州 transfer: 3 working days of public notice over 国庆 (the Saturday 2026-10-10 is a 调休 working day)', () => {
    const [q] = compareCase({ entries: entries('qinzhou'), kase: household(), procedure: 'transfer', calendar });
    expect(dates(q!)).toEqual({
      application: '2026-09-30',
      'public-notice': '2026-10-11',
      review: '2026-10-11',
      contract: '2026-10-11',
      payment: '2026-10-11',
      'new-contracts': '2026-10-11',
      filing: '2026-10-11',
      registration: '2026-10-11',
    });
    const notice = q!.timeline[1]!;
    expect(notice).toMatchObject({ periodEnd: '2026-10-10', objectionsUntil: '2026-10-15' });
    expect(notice.explanation.map(renderBoth).join('\n')).toContain(
      '第 3 个工作日 working day 3: 2026-10-10 (周六 Sat)，国庆节 (调休上班日 make-up working day)',
    );
    // 7 日 for written reasons, counted from the application: 2026-10-07 is a holiday → 2026-10-08.
    expect(q!.timeline[2]).toMatchObject({ role: 'deadline', periodEnd: '2026-10-08' });
    expect(q!.timeline.find((e) => e.step === 'registration')!.optional).toBe(true);
    expect(q!.compensation!.amount).toBe('24150.00');
  });

  it('model scheme: a 30-day cooling-off ending on the 调休 Saturday 2026-02-14; custody skips the exit steps', () => {
    const [p] = compareCase({ entries: entries('model-scheme'), kase: household(), calendar });
    const cooling = p!.timeline.find((e) => e.step === 'cooling-off')!;
    expect(cooling).toMatchObject({ role: 'window', periodEnd: '2026-02-14', date: '2026-02-15' });
    expect(p!.timeline.find((e) => e.step === 'review')!.date).toBe('2026-02-15');
    expect(p!.timeline.filter((e) => e.skipped).map((e) => e.step)).toEqual(['custody-application', 'custody-contract']);
    const reentry = p!.timeline.find((e) => e.step === 'reentry')!;
    expect(reentry.optional).toBe(true);
    // The household may re-enter from the handover; the window runs five years, on the provisional 2031 calendar.
    expect(reentry).toMatchObject({ role: 'window', date: '2026-07-16', periodEnd: '2031-07-16' });
    expect(reentry.explanation.map(renderBoth).join('\n')).toContain('暂定 provisional');
    expect(p!.completeBy).toBe('2026-07-16');

    const [c] = compareCase({ entries: entries('model-scheme'), kase: household(), mode: 'custody', start: '2026-03-02', calendar });
    expect(c!.mode).toBe('custody');
    expect(c!.compensation!.amount).toBe('0.00');
    expect(c!.timeline.filter((e) => !e.skipped).map((e) => [e.step, e.date])).toEqual([
      ['custody-application', '2026-03-02'],
      ['custody-contract', '2026-03-02'],
    ]);
    expect(c!.completeBy).toBe('2026-03-02');
  });
});

describe('eligibility across policies', () => {
  it('a mode the policy does not offer is refused by it (mode-not-offered), citing the procedure', () => {
    const kase = household();
    kase.exit!.mode = 'currentTerm';
    const [n, l] = compareCase({ entries: entries('neijiang', 'leling'), kase, start: '2026-01-15', calendar });
    expect(n!.eligible).toBe(false);
    expect(n!.failed.map((f) => [f.rule, f.cite])).toEqual([['mode-not-offered', '论文表1']]);
    // Its reason is a message: the policy's modes quoted as written, the wording in the reader's language.
    const why = n!.failed[0]!.message;
    expect(why.code).toBe('compare.modeNotOffered');
    const modes = why.args!.modes as string;
    expect(modes).toContain('permanent');
    expect(render(why, 'zh')).toBe(`所申请的退出模式不在本政策规定的模式之内（${modes}）`);
    expect(render(why, 'en')).toBe(`the requested exit mode is not one this policy offers (${modes})`);
    expect(renderBoth(why)).toBe(
      `所申请的退出模式不在本政策规定的模式之内（${modes}）the requested exit mode is not one this policy offers`,
    );
    expect(l!.eligible).toBe(true);
    expect(l!.mode).toBe('currentTerm');
  });

  it("labels that reason in the catalogue's words, not as a rule the policy writes, and the command line prints it in both", () => {
    const kase = household();
    kase.exit!.mode = 'currentTerm';
    const results = compareCase({ entries: entries('neijiang'), kase, start: '2026-01-15', calendar });
    const label = results[0]!.failed[0]!.label;
    expect(label).toEqual({ code: 'compare.modeNotOfferedLabel' });
    expect(render(label as Message, 'zh')).toBe('本政策没有所申请的退出模式');
    expect(render(label as Message, 'en')).toBe('the policy does not offer the mode asked for');
    expect(formatCase(results, 'text')).toContain(
      '  ✗ 本政策没有所申请的退出模式 the policy does not offer the mode asked for — 所申请的退出模式',
    );
  });

  it('failed rules carry their articles; warnings do not refuse', () => {
    const kase = household();
    kase.household.members[1]!.consents = false;
    kase.household.urbanHome = false;
    const [q, n, p] = compareCase({ entries: entries('qinzhou', 'neijiang', 'pingluo'), kase, calendar, start: '2026-01-15' });
    expect(q!.failed.map((f) => [f.rule, f.cite])).toEqual([['co-owner-consent', '第十一条']]);
    expect(n!.failed.map((f) => f.rule)).toEqual(['co-owner-consent']);
    expect(n!.warnings.map((f) => f.rule)).toEqual(['guidance-non-farm']);
    expect(p!.failed.map((f) => f.rule).sort()).toEqual(['co-owner-consent', 'housing']);
    // Refused or not, what the rule would pay is still shown.
    expect(q!.compensation!.amount).toBe('53333.25');
  });
});
