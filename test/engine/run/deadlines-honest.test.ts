// An active step's deadline entry says what its explanation says: a re-entry window is due on its
// last day and closed after it (never `due: null` above "allowed until …"), and a step that waited
// for a period is open from the day the period allows, not from the day it became active.
import { describe, expect, it } from 'vitest';
import { deadlines } from '../../../engine/run/index.ts';
import { household, modelSchemeHandedOver, modelSchemeNoticed, Runner } from './fixtures.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const completedModelScheme = modelSchemeHandedOver;

const entry = (r: Runner, step: string, today: string) => deadlines(r.wf, r.state, today).find((d) => d.step === step)!;

describe('deadlines of active steps never contradict their explanation', () => {
  it('the re-entry window is due on its last day (2031-07-21, provisional) while it runs', () => {
    const r = completedModelScheme();
    expect(r.state.status).toBe('completed');
    const e = entry(r, 'reentry', '2026-08-01');
    expect(e).toMatchObject({ due: '2031-07-21', kind: 'due', timer: 'reentry:window', provisional: true });
    expect(e.explanation.map(renderBoth)[0]).toContain('2031-07-21 前（含当日）可办理 open until 2031-07-21');
    expect(e.explanation.map(renderBoth)).toContain(
      "结果 result: 2031-07-21 (周一 Mon) 为期间的最后一日（暂定 provisional） — the period's last day",
    );
    // The last day itself is still inside the window.
    expect(entry(r, 'reentry', '2031-07-21').kind).toBe('due');
  });

  it('after the window the entry says it closed, with the day, instead of a due step with no date', () => {
    const e = entry(completedModelScheme(), 'reentry', '2031-07-22');
    expect(e).toMatchObject({ due: '2031-07-21', kind: 'overdue' });
    expect(e.explanation.map(renderBoth)[0]).toContain('已于 2031-07-21 届满，不能再办理 — the window closed on 2031-07-21');
  });

  it('a posted notice past its period is open from the day its 「…后」 allows (2026-10-14), not from the day the step began (2026-09-30), and has no due date', () => {
    const t = new Runner('qinzhou', 'transfer', null, household(), '2026-09-30');
    t.ok('2026-09-30', 'submitApplication');
    t.ok('2026-10-09', 'postPublicNotice');
    expect(t.state.steps['public-notice']!.activatedOn).toBe('2026-09-30');
    const e = entry(t, 'public-notice', '2026-10-20');
    expect(e).toMatchObject({ due: null, kind: 'due' });
    expect(e.explanation.map(renderBoth)[0]).toBe(
      '发包方（村民小组）对申请进行公示（第七条第二项）：自 2026-10-14 起可办理 open since 2026-10-14，无办理期限 no date it is due by',
    );
    // While the period runs it is waiting, due the first day allowed.
    expect(entry(t, 'public-notice', '2026-10-13')).toMatchObject({ due: '2026-10-14', kind: 'waiting' });
  });

  it('after a cooling-off window, ending it is open from the day after its last day', () => {
    const r = modelSchemeNoticed();
    expect(entry(r, 'cooling-off', '2026-02-01')).toMatchObject({ due: '2026-02-15', kind: 'waiting' });
    expect(entry(r, 'cooling-off', '2026-03-01').explanation.map(renderBoth)[0]).toContain('自 2026-02-15 起可办理 open since 2026-02-15');
  });
});
