// Case timers carry the provisional flag, and a provisional one is set again (confirmed or changed)
// once the year's official arrangement is on the calendar the case runs on.
import { describe, expect, it } from 'vitest';
import { bundledCalendar, calendarFor, layersWithImported } from '../../../engine/calendar/index.ts';
import type { TimerSpec, Workflow } from '../../../engine/compile/workflow.ts';
import { computeTimer, confirmTimer, dueTimers } from '../../../engine/run/timers.ts';
import { deadlines } from '../../../engine/run/views.ts';
import type { CaseState } from '../../../engine/run/state.ts';
import { made2027 } from './fixtures.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const spec = (period: TimerSpec['period'], after = false): TimerSpec => ({
  id: 'notice:deadline',
  step: 'notice',
  kind: 'deadline',
  governs: [],
  label: '公示',
  parameter: 'p',
  period,
  start: { on: 'activated' },
  after,
  cite: '第十条',
});
const halfYear = spec({ amount: 6, unit: '月', text: '半年' });
const threeDays = spec({ amount: 3, unit: '工作日', text: '3 工作日' });
const official = calendarFor(['national'], layersWithImported([made2027]));

describe('provisional case timers', () => {
  it('a timer reaching 2027 is set with its date and flagged provisional', () => {
    const t = computeTimer(halfYear, '2026-12-01', bundledCalendar());
    expect(t).toMatchObject({ end: '2027-06-01', lastDay: '2027-06-01', provisional: true });
    expect(computeTimer(halfYear, '2026-01-15', bundledCalendar()).provisional).toBeUndefined();
  });

  it('is confirmed once the official 2027 arrangement is known, saying so', () => {
    const t = computeTimer(halfYear, '2026-12-01', bundledCalendar());
    expect(confirmTimer(t, halfYear, bundledCalendar())).toBeUndefined(); // still provisional: nothing to set
    const c = confirmTimer(t, halfYear, official)!;
    expect(c).toMatchObject({ end: '2027-06-01' });
    expect(c.provisional).toBeUndefined();
    expect(c.explanation.map(renderBoth).at(-1)).toBe(
      '暂定日期已确认 the provisional date is confirmed: 2027-06-01（正式安排已知 the official arrangement is now known）',
    );
  });

  it('is changed when the official arrangement moves it, and dueTimers sets it again', () => {
    const t = computeTimer(threeDays, '2027-02-10', bundledCalendar());
    expect(t).toMatchObject({ end: '2027-02-17', provisional: true });
    const state = { steps: { notice: { status: 'active', activatedOn: '2027-02-10' } }, timers: { [t.id]: t } } as unknown as CaseState;
    const wf = {
      timers: [threeDays],
      states: [{ id: 'notice', label: '公示', cite: '第十条', optional: false, kind: 'review' }],
    } as unknown as Workflow;
    expect(dueTimers(wf, state, bundledCalendar())).toEqual([]);
    const [again] = dueTimers(wf, state, official);
    expect(again).toMatchObject({ end: '2027-02-16' });
    expect(again!.explanation.map(renderBoth).at(-1)).toBe(
      '暂定日期已变更 the provisional date changed: 2027-02-17 → 2027-02-16（按正式安排 by the official arrangement）',
    );
    // Shown with its flag where case deadlines are listed.
    expect(deadlines(wf, state, '2027-02-11')[0]).toMatchObject({ due: '2027-02-17', provisional: true });
  });
});
