// Until when a case's deadlines() (views.ts) answer as they do on a day, with no command in
// between: the case index keeps a case's tasks that long (engine/cases/service.ts, docs/database.md).
//
// deadlines() reads the day only by comparing it with days the runner recorded in the case's state
// (a timer's end, a payment's due day, the day a step started …) — never with the case's data as
// entered (state.case: its dates become timers first) — so its answer can change only on such a
// day or on the day after it; a line that changes every day (a late payment's penalty so far)
// already differs on the next day, which is asked too. The answer is then the same from `today` up
// to the day before the first of those days still to come. A view that compares the day with a day
// it works out itself (a due day plus some days), or with one of the case's own data, would make
// this answer run past it: test/engine/cases/tasks-index.test.ts holds every case of its scenario,
// on every day, to it.
import { addDays, isLocalDate } from '../calendar/date.ts';
import type { Workflow } from '../compile/workflow.ts';
import type { CaseState } from './state.ts';
import { deadlines } from './views.ts';

const DAY = /\d{4}-\d{2}-\d{2}/g;

/** The last day on which deadlines(wf, state, ·) still answers what it answers on `today`; null: every day after too. */
export function deadlinesHoldThrough(wf: Workflow, state: CaseState, today: string): string | null {
  const tomorrow = addDays(today, 1);
  let first: string | null = null;
  const { case: _entered, ...recorded } = state;
  for (const [day] of JSON.stringify(recorded).matchAll(DAY)) {
    if (!isLocalDate(day)) continue;
    for (const d of [day, addDays(day, 1)]) if (d > today && (first === null || d < first)) first = d;
  }
  if (first === tomorrow) return today;
  if (JSON.stringify(deadlines(wf, state, tomorrow)) !== JSON.stringify(deadlines(wf, state, today))) return today;
  return first === null ? null : addDays(first, -1);
}
