// Timing conflicts (dsl/check/timing.ts, issue 14): a deadline that can fall before its step can
// be done (K805), a step that can close while its objection window runs (K806), a window that can
// be over before its step starts (K807) — exactly, on 钦州's file and on small policies at the
// edge, and the edge itself held against the calendar the runner counts on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy, printDiagnostics } from '../../dsl/index.ts';
import { addDays, addWorkingDays, bundledCalendar, computeDeadline } from '../../engine/calendar/index.ts';
import { checkOptionsFor } from '../../engine/policies/load.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TIMING = /^K80[567]$/;

interface Shown {
  at: string;
  code: string;
  severity: string;
  message: string;
  related: string[];
}

function timing(text: string, file: string, options = {}): Shown[] {
  return printDiagnostics(checkPolicy(text, file, options).diagnostics, text)
    .filter((d) => TIMING.test(d.code))
    .map((d) => ({
      at: `${d.line}:${d.column}`,
      code: d.code,
      severity: d.severity,
      message: d.message,
      related: (d.related ?? []).map((r) => `${r.line}:${r.column} ${r.message}`),
    }));
}

/** line:column of the first `needle` after the line holding `after`. */
function where(text: string, after: string, needle: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.includes(after));
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  return `${i + 1}:${lines[i]!.indexOf(needle) + 1}`;
}

describe('钦州: 第七条 against itself and 附件3', () => {
  const file = join(ROOT, 'policies', 'qinzhou.yaml');
  const text = readFileSync(file, 'utf8');
  const review = '发包方（村民小组）和村股份经济合作联合社审核；不同意的书面说明理由';
  const notice = '发包方（村民小组）对申请进行公示';
  const application = '承包方向发包方（村民小组）提出书面转让申请';

  it('the 7-day reasons deadline can end before the review can start; closing the notice cuts the 15 days of objections', () => {
    expect(timing(text, file, checkOptionsFor(file))).toEqual([
      {
        at: where(text, '- id: public-notice', '公示期'),
        code: 'K806',
        severity: 'warning',
        message:
          `「${notice}」的期间 3 工作日（第七条第二项）届满后即可结束，最早第 4 日，而异议期 15 日（附件3）至少到第 15 日：结束「${notice}」会提前截止异议期，此后的异议无法再记录 / ` +
          `"${notice}" may be closed once its period 3 工作日 (第七条第二项) is over, from day 4, while its objection window 15 日 (附件3) runs to day 15 at least: closing it cuts the objection window short, and no objection can be recorded after that`,
        related: [
          `${where(text, '- id: public-notice', '公示异议期')} 异议期：15 日，至少到第 15 日 the objection window: 15 日, to day 15 at least`,
        ],
      },
      {
        at: where(text, '- id: review', '书面说明理由期限'),
        code: 'K805',
        severity: 'warning',
        message:
          `步骤「${review}」的期限 7 日（第七条第二项）自「${application}」之日起算，最短 7 日即届满，而该步骤须待「${notice}」3 工作日之后方可办理，最长要到第 14 日：期限可能在能够办理之前届满 / ` +
          `the deadline 7 日 of step "${review}" (第七条第二项) counts from the day of "${application}" and can end after 7 days, but the step can be done only after 「${notice}」3 工作日, as late as day 14: the deadline can run out before the step can be done`,
        related: [
          `${where(text, '- id: public-notice', '公示期')} 须等待：3 工作日 最长 13 日（如自 2020-01-21 起，跨春节） a wait: 3 工作日 takes up to 13 days (e.g. from 2020-01-21, across 春节)`,
          `${where(text, '- id: application', 'application')} 期间自此步骤之日起算 the period counts from this step's date`,
        ],
      },
    ]);
  });
});

// A small exit procedure: the written notice, a public notice, then a review whose deadline counts
// from the notice (or a cooling-off counted from the notice after a waiting period).
const BASE = readFileSync(join(ROOT, 'test', 'cases', 'good', 'minimal.yaml'), 'utf8');

function policy(steps: string, params: Record<string, string>): string {
  const declared = Object.entries(params)
    .map(([name, value]) => `  ${name}:\n    value: ${value}\n    cite: 第一条\n`)
    .join('');
  const text = BASE.replace('  每亩价格:\n', `${declared}  每亩价格:\n`)
    .replace(/ {6}- id: contract\n[\s\S]*?cite: 第三条\n/, steps)
    .replace(/examples:[\s\S]*$/, '');
  expect(text).not.toBe(BASE);
  return text;
}

const reviewAfterNotice = (reasons: string, objections: string) =>
  policy(
    `      - id: public
        kind: publicNotice
        label: 公示
        after: [notice]
        period: 公示期
        periods: { objections: 异议期 }
        cite: 第一条
      - id: review
        kind: review
        label: 审核
        after: [public]
        from: notice
        period: 理由期限
        cite: 第一条
`,
    { 公示期: '3 工作日', 异议期: objections, 理由期限: reasons },
  );

const coolingOffAfterWaiting = (window: string) =>
  policy(
    `      - id: wait
        kind: waiting
        label: 等待
        after: [notice]
        period: 等待期
        cite: 第一条
      - id: cooling
        kind: coolingOff
        label: 冷静期
        after: [wait]
        from: notice
        period: 冷静期
        cite: 第一条
`,
    { 等待期: '3 工作日', 冷静期: window },
  );

describe('small policies at the edge', () => {
  it('K805: a 13-day deadline after 3 working days of notice can be missed; 14 days cannot', () => {
    const text = reviewAfterNotice('13 日', '3 工作日');
    expect(timing(text, 'minimal.yaml')).toEqual([
      {
        at: where(text, '- id: review', '理由期限'),
        code: 'K805',
        severity: 'warning',
        message:
          '步骤「审核」的期限 13 日（第一条）自「书面通知」之日起算，最短 13 日即届满，而该步骤须待「公示」3 工作日之后方可办理，最长要到第 14 日：期限可能在能够办理之前届满 / ' +
          'the deadline 13 日 of step "审核" (第一条) counts from the day of "书面通知" and can end after 13 days, but the step can be done only after 「公示」3 工作日, as late as day 14: the deadline can run out before the step can be done',
        related: [
          `${where(text, '- id: public', '公示期')} 须等待：3 工作日 最长 13 日（如自 2020-01-21 起，跨春节） a wait: 3 工作日 takes up to 13 days (e.g. from 2020-01-21, across 春节)`,
          `${where(text, '- id: notice', 'notice')} 期间自此步骤之日起算 the period counts from this step's date`,
        ],
      },
    ]);
    expect(timing(reviewAfterNotice('14 日', '3 工作日'), 'minimal.yaml')).toEqual([]);
  });

  it('K805 on a named period: of a dual review counted from the notice, the 13-day compliance review can be missed, the 14-day assessment cannot', () => {
    const text = policy(
      `      - id: public
        kind: publicNotice
        label: 公示
        after: [notice]
        period: 公示期
        periods: { objections: 异议期 }
        cite: 第一条
      - id: review
        kind: dualReview
        label: 双主体审查
        after: [public]
        from: notice
        periods:
          compliance: 合规期限
          assessment: 评估期限
        cite: 第一条
`,
      { 公示期: '3 工作日', 异议期: '3 工作日', 合规期限: '13 日', 评估期限: '14 日' },
    );
    expect(timing(text, 'minimal.yaml').map((d) => [d.at, d.code, d.message.split(' / ')[1]])).toEqual([
      [
        where(text, 'compliance:', '合规期限'),
        'K805',
        'the deadline 13 日 of step "双主体审查" (第一条) counts from the day of "书面通知" and can end after 13 days, but the step can be done only after 「公示」3 工作日, as late as day 14: the deadline can run out before the step can be done',
      ],
    ]);
  });

  it('K806: an objection window of 4 日 outlasts the earliest close of a 3-working-day notice; 3 日 does not', () => {
    const text = reviewAfterNotice('14 日', '4 日');
    expect(timing(text, 'minimal.yaml')).toEqual([
      {
        at: where(text, '- id: public', '公示期'),
        code: 'K806',
        severity: 'warning',
        message:
          '「公示」的期间 3 工作日（第一条）届满后即可结束，最早第 4 日，而异议期 4 日（第一条）至少到第 4 日：结束「公示」会提前截止异议期，此后的异议无法再记录 / ' +
          '"公示" may be closed once its period 3 工作日 (第一条) is over, from day 4, while its objection window 4 日 (第一条) runs to day 4 at least: closing it cuts the objection window short, and no objection can be recorded after that',
        related: [`${where(text, '- id: public', '异议期')} 异议期：4 日，至少到第 4 日 the objection window: 4 日, to day 4 at least`],
      },
    ]);
    expect(timing(reviewAfterNotice('14 日', '3 日'), 'minimal.yaml')).toEqual([]);
  });

  it('K807: a 13-day cooling-off counted from the notice can be over before it starts after 3 working days; 14 days cannot', () => {
    const text = coolingOffAfterWaiting('13 日');
    expect(timing(text, 'minimal.yaml').map((d) => [d.at, d.code, d.message.split(' / ')[1]])).toEqual([
      [
        where(text, '- id: cooling', 'period: 冷静期').replace(/\d+$/, (c) => String(Number(c) + 'period: '.length)),
        'K807',
        'the window 13 日 of step "冷静期" (第一条) counts from the day of "书面通知" and can end after 13 days, but the step starts only after 「等待」3 工作日, as late as day 14: the window can be over before the step starts, and the household could not use it',
      ],
    ]);
    expect(timing(coolingOffAfterWaiting('14 日'), 'minimal.yaml')).toEqual([]);
  });
});

describe('the edge is the calendar’s', () => {
  const cal = bundledCalendar();
  const close = (s: string) => addDays(addWorkingDays(cal, s, 3), 1); // a 3-working-day notice closes the day after
  const due = (s: string, days: number) => computeDeadline({ start: s, period: `${days} 日`, calendar: cal }).end;

  it('a notice posted 2020-01-21 (春节, extended) closes on 2020-02-04, after a 13-day deadline (2020-02-03)', () => {
    expect([close('2020-01-21'), due('2020-01-21', 13)]).toEqual(['2020-02-04', '2020-02-03']);
  });

  it('钦州: an application on 2026-09-30 has its 7-day reasons deadline on 2026-10-08, the review from 2026-10-11', () => {
    expect([due('2026-09-30', 7), close('2026-09-30')]).toEqual(['2026-10-08', '2026-10-11']);
  });

  it('no start from 2020 to 2050 lets a 3-working-day notice close after a 14-day deadline', () => {
    const late: string[] = [];
    for (let s = '2020-01-01'; s <= '2050-11-30'; s = addDays(s, 1)) if (close(s) > due(s, 14)) late.push(s);
    expect(late).toEqual([]);
  });
});
