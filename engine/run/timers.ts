// Timers are data: each is computed once, when its start date becomes known, and stored in the
// case (TimerSet event) with the calendar's explanation. A timer the calendar cannot compute yet
// (no holiday data for that year) is stored with its error and recomputed when a command needs it;
// a provisional one (暂定) is set again once the calendar confirms or changes it.
import { addDays, addMonthsCorresponding, CalendarError, computeDeadline, confirmProvisional, type Calendar } from '../calendar/index.ts';
import type { TimerSpec, Workflow } from '../compile/workflow.ts';
import type { CaseState, TimerState } from './state.ts';
import { msg } from '../../dsl/message.ts';

export function computeTimer(spec: TimerSpec, start: string, calendar: Calendar): TimerState {
  const base = {
    id: spec.id,
    step: spec.step,
    kind: spec.kind,
    label: spec.label,
    parameter: spec.parameter,
    period: spec.period.text,
    start,
    cite: spec.cite,
  };
  try {
    const d = computeDeadline({
      start,
      period: spec.period,
      calendar,
      after: spec.after,
      ...(spec.override ? { override: spec.override } : {}),
    });
    return {
      ...base,
      end: d.end,
      lastDay: d.lastDay,
      ...(d.provisional ? { provisional: true } : {}),
      explanation: [msg('timer.head', { label: spec.label, cite: spec.cite, note: msg(`timer.note.${spec.kind}`) }), ...d.explanation],
    };
  } catch (e) {
    if (!(e instanceof CalendarError)) throw e;
    const nominal = nominalLastDay(spec, start);
    return {
      ...base,
      end: null,
      lastDay: null,
      explanation: [
        msg('timer.labelCite', { label: spec.label, cite: spec.cite }),
        e.text ?? { zh: e.message, en: e.message },
        ...(nominal ? [msg('timer.nominal', { date: nominal })] : []),
      ],
      error: e.text ?? { zh: e.message, en: e.message },
      ...(nominal ? { nominal } : {}),
    };
  }
}

/** 民法典第二百零一、二百零二条 without the rest-day roll (no calendar needed); none for 工作日. */
function nominalLastDay(spec: TimerSpec, start: string): string | undefined {
  const { amount, unit } = spec.period;
  if (spec.override) return undefined;
  try {
    if (unit === '日') return addDays(start, amount);
    if (unit === '月' || unit === '年') return addMonthsCorresponding(start, unit === '年' ? amount * 12 : amount).date;
  } catch {
    return undefined;
  }
  return undefined;
}

/** The date a timer counts from, if it is known in this state. */
export function timerStart(spec: TimerSpec, state: CaseState): string | undefined {
  const own = state.steps[spec.step];
  switch (spec.start.on) {
    case 'step': {
      const other = state.steps[spec.start.step];
      return other?.status === 'done' ? other.doneOn : undefined;
    }
    case 'activated':
      return own?.status === 'active' || own?.status === 'done' ? own.activatedOn : undefined;
    case 'posted':
      return own?.postedOn;
    case 'done':
      return own?.status === 'done' ? own.doneOn : undefined;
  }
}

/**
 * A provisional timer on today's calendar: the timer to set again when the calendar now confirms
 * its date or gives another one (e.g. the year's notice was imported), else undefined.
 */
export function confirmTimer(timer: TimerState, spec: TimerSpec, calendar: Calendar): TimerState | undefined {
  if (!timer.provisional || !timer.end || !timer.lastDay) return undefined;
  const request = {
    start: timer.start,
    period: spec.period,
    after: spec.after === true,
    ...(spec.override ? { override: spec.override } : {}),
    calendar: calendar.id,
  };
  let check;
  try {
    check = confirmProvisional({ end: timer.end, lastDay: timer.lastDay, request }, calendar);
  } catch (e) {
    if (e instanceof CalendarError) return undefined;
    throw e;
  }
  if (check.status === 'provisional') return undefined;
  const fresh = computeTimer(spec, timer.start, calendar);
  const note =
    check.status === 'confirmed'
      ? msg('timer.confirmed', { end: timer.end })
      : msg('timer.changed', {
          before: timer.end,
          after: fresh.end ?? undefined,
          why: msg(fresh.provisional ? 'timer.stillProvisional' : 'timer.byOfficial'),
        });
  return { ...fresh, explanation: [...fresh.explanation, note] };
}

/** Timers whose start became known and that are not set yet, and provisional ones now settled. */
export function dueTimers(workflow: Workflow, state: CaseState, calendar: Calendar): TimerState[] {
  const out: TimerState[] = [];
  for (const spec of workflow.timers) {
    const set = state.timers[spec.id];
    if (set) {
      const settled = confirmTimer(set, spec, calendar);
      if (settled) out.push(settled);
      continue;
    }
    if (state.steps[spec.step]?.status === 'skipped') continue;
    const start = timerStart(spec, state);
    if (start) out.push(computeTimer(spec, start, calendar));
  }
  return out;
}
