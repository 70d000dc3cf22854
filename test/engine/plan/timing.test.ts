// A case's own timing conflicts (engine/plan/timing.ts, issue 14): what the checker warns of in
// 钦州's file (K805, K806), said for a case on its dates, and gone once the step is behind it;
// and a cooling-off counted from a notice that is over before the waiting period lets it start (K807).
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../../dsl/index.ts';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { compileWorkflow } from '../../../engine/compile/index.ts';
import { compilePolicy, evaluate } from '../../../engine/evaluate/index.ts';
import { conditionsOf } from '../../../engine/evaluate/when.ts';
import type { PlanContext } from '../../../engine/plan/index.ts';
import { timingWarnings, type TimingWarning } from '../../../engine/plan/timing.ts';
import { openCase, step } from '../../../engine/run/index.ts';
import { contextFor, household, Runner } from '../run/fixtures.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, renderBoth } from '../../../dsl/messages.ts';

const planContext = (r: Runner) => {
  const { today: _today, ...context } = contextFor(r.p, r.state.openedOn);
  return context;
};

const REVIEW = '发包方（村民小组）和村股份经济合作联合社审核；不同意的书面说明理由';
const NOTICE = '发包方（村民小组）对申请进行公示';

/** A warning with its message in each language. */
const inBoth = (w: TimingWarning) => ({ ...w, message: { zh: render(w.message, 'zh'), en: render(w.message, 'en') } });

function transfer(applied: string): Runner {
  const r = new Runner(
    'qinzhou',
    'transfer',
    null,
    household((c) => (c.transfer!.applicationDate = applied)),
    applied,
  );
  r.ok(applied, 'submitApplication');
  return r;
}

describe('钦州 transfer: the case page says what the checker says, on the case’s dates', () => {
  it('applied 2026-09-30: reasons due 2026-10-08, the review only from 2026-10-11; closing the notice from then cuts objections to 2026-10-15', () => {
    const r = transfer('2026-09-30');
    expect(timingWarnings(r.wf, r.state, planContext(r)).map(inBoth)).toEqual([
      {
        code: 'K806',
        step: 'public-notice',
        label: NOTICE,
        timer: 'public-notice:objections',
        end: '2026-10-15',
        earliest: '2026-10-11',
        after: [],
        cite: '附件3',
        message: {
          zh: `「${NOTICE}」最早 2026-10-11 可结束，而异议期「公示异议反馈期」（附件3）至 2026-10-15 届满：在此之前结束会提前截止异议，此后的异议无法再记录`,
          en: `"${NOTICE}" may be closed from 2026-10-11, but its objection window (公示异议反馈期, 附件3) runs to 2026-10-15: closing it before then cuts the objections short, and none can be recorded after`,
        },
      },
      {
        code: 'K805',
        step: 'review',
        label: REVIEW,
        timer: 'review:deadline',
        end: '2026-10-08',
        earliest: '2026-10-11',
        after: ['public-notice'],
        cite: '第七条第二项',
        message: {
          zh: `「${REVIEW}」的期限「不同意转让的书面说明理由期限（自收到申请）」（第七条第二项）于 2026-10-08 届满，但须待「${NOTICE}」之后方可办理，最早 2026-10-11：期限届满前无法办理`,
          en: `the deadline of "${REVIEW}" (不同意转让的书面说明理由期限（自收到申请）, 第七条第二项) ends on 2026-10-08, but the step can be done only after 「${NOTICE}」, on 2026-10-11 at the earliest: it cannot be done in time`,
        },
      },
    ]);
  });

  it('a case opened in December for an application of 2026-09-30 is planned from the application, not the opening', () => {
    const r = new Runner(
      'qinzhou',
      'transfer',
      null,
      household((c) => (c.transfer!.applicationDate = '2026-09-30')),
      '2026-12-03',
    );
    expect(timingWarnings(r.wf, r.state, planContext(r)).map((w) => [w.code, w.end, w.earliest])).toEqual([
      ['K806', '2026-10-15', '2026-10-11'],
      ['K805', '2026-10-08', '2026-10-11'],
    ]);
  });

  it('applied on an ordinary day (2026-01-15): the review can be done in time (notice closes 2026-01-21, reasons due 2026-01-22)', () => {
    const r = transfer('2026-01-15');
    expect(timingWarnings(r.wf, r.state, planContext(r)).map((w) => [w.code, w.earliest, w.end])).toEqual([
      ['K806', '2026-01-21', '2026-01-30'],
    ]);
  });

  it('a notice held open to the end of 附件3’s 15 days (2026-01-30) leaves the 7-day reasons deadline (2026-01-22) behind', () => {
    const r = transfer('2026-01-15');
    r.ok('2026-01-15', 'postPublicNotice');
    r.ok('2026-01-30', 'closePublicNotice');
    // The objection warning is history once the notice is closed; the two periods of 第七条 and 附件3 cannot both be kept.
    expect(timingWarnings(r.wf, r.state, planContext(r)).map((w) => [w.code, w.step, w.end, w.earliest])).toEqual([
      ['K805', 'review', '2026-01-22', '2026-01-30'],
    ]);
    r.ok('2026-01-30', 'recordReview', { approved: true });
    expect(timingWarnings(r.wf, r.state, planContext(r))).toEqual([]);
  });
});

describe('a window over before its step starts (K807)', () => {
  const text = readFileSync(join(import.meta.dirname, '..', '..', 'cases', 'good', 'minimal.yaml'), 'utf8')
    .replace(
      '  每亩价格:\n',
      '  等待期:\n    value: 3 工作日\n    cite: 第一条\n  冷静期:\n    value: 13 日\n    cite: 第一条\n  每亩价格:\n',
    )
    .replace(
      /      - id: contract\n[\s\S]*?cite: 第三条\n/,
      '      - id: wait\n        kind: waiting\n        label: 等待\n        after: [notice]\n        period: 等待期\n        cite: 第一条\n' +
        '      - id: cooling\n        kind: coolingOff\n        label: 冷静期\n        after: [wait]\n        from: notice\n        period: 冷静期\n        cite: 第一条\n',
    )
    .replace(/examples:[\s\S]*$/, '');

  it('a notice on 2020-01-21: the 13-day cooling-off ends 2020-02-03, the waiting period lets it start 2020-02-04', () => {
    const policy = checkPolicy(text, 'minimal.yaml').policy!;
    const compiled = compilePolicy(policy);
    const wf = compileWorkflow(policy, 'exit', null);
    const context: PlanContext = {
      calendar: bundledCalendar(),
      user: 'clerk-1',
      evaluate: (i) => evaluate(compiled, { procedure: i.procedure, kase: i.kase }),
      holds: conditionsOf(compiled),
    };
    const kase = household((c) => (c.exit!.noticeDate = '2020-01-21'));
    const opened = openCase(wf, kase, { ...context, today: '2020-01-21' });
    if (!opened.ok) throw new Error(renderBoth(opened.refusal.message));
    const noticed = step(wf, opened.state, { type: 'receiveWrittenNotice', payload: {} }, { ...context, today: '2020-01-21' });
    if (!noticed.ok) throw new Error(renderBoth(noticed.refusal.message));
    expect(timingWarnings(wf, noticed.state, context).map((w) => [w.code, w.step, w.end, w.earliest, render(w.message, 'en')])).toEqual([
      [
        'K807',
        'cooling',
        '2020-02-03',
        '2020-02-04',
        'the window of "冷静期" (冷静期, 第一条) ends on 2020-02-03, but the step starts only after 「等待」, on 2020-02-04 at the earliest: it cannot be used in time',
      ],
    ]);
  });
});

describe('the checker and the case agree on 钦州', () => {
  it('the codes a case can draw are the ones the checker gives the file', () => {
    const file = join(import.meta.dirname, '..', '..', '..', 'policies', 'qinzhou.yaml');
    const codes = checkPolicy(readFileSync(file, 'utf8'), file)
      .diagnostics.map((d) => d.code)
      .filter((c) => /^K80[567]$/.test(c));
    const r = transfer('2026-09-30');
    expect(
      timingWarnings(r.wf, r.state, planContext(r))
        .map((w) => w.code)
        .sort(),
    ).toEqual([...codes].sort());
  });
});
