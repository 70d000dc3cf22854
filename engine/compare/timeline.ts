// The earliest dates of a procedure for one case, as a researcher reads them: the compiled
// workflow planned by the clerk's own machinery (engine/plan drives engine/run at the earliest
// day each command is allowed), each step shown with the timer the runner set for it. Nothing is
// counted here, so a clerk's deadlines and a researcher's timeline are the same dates.
import type { CaseData } from '../../dsl/case-model.ts';
import { isLocalDate } from '../calendar/index.ts';
import type { TimerKind, Workflow, WorkflowState } from '../compile/workflow.ts';
import { planCase, type PlanContext, type PlannedStep } from '../plan/index.ts';
import type { CaseState, TimerState } from '../run/index.ts';
import { msg, type Arg, type Text } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';

export type TimelineRole = 'act' | 'notice' | 'earliest' | 'deadline' | 'window';

export interface TimelineEntry {
  step: string;
  label: string;
  kind: WorkflowState['kind'];
  cite: string;
  /** The earliest date the step can be done; null when skipped or not computable. */
  date: string | null;
  role: TimelineRole;
  /** The date its period is counted from (the start day, not itself counted). */
  countedFrom?: string;
  /** The last day of the step's period (a notice period, a deadline, a window). */
  periodEnd?: string;
  /** A public notice's objection window, counted from its posting. */
  objectionsUntil?: string;
  /** Every period the runner counts for the step but the objection window (a step decided in parts has one per part). */
  periods: { timer: string; label: string; kind: TimerKind; countedFrom: string; lastDay: string | null }[];
  optional: boolean;
  /** The step's `when:` does not hold for this case. */
  skipped?: boolean;
  /** Why no date could be computed (a year without calendar data, a missing date, a refusal). */
  error?: Text;
  /** The step's date is known but its period's end is not (a written notice into a year without data). */
  periodError?: Text;
  /** How each date was reached, line by line (dsl/phrases/time.ts). */
  explanation: Text[];
}

export interface Timeline {
  entries: TimelineEntry[];
  /** The day the case completes when every step is done at its earliest. */
  completeBy: string | null;
  /** Set when completeBy cannot be computed. */
  error?: Text;
}

export interface PlanTimelineInput {
  workflow: Workflow;
  kase: CaseData;
  /** Where steps without a date of their own start; the case's own dates win where it has them. */
  start?: string;
  context: PlanContext;
}

export class TimelineError extends TextError {
  override name = 'TimelineError';
}

const ROLE: Record<TimerKind, TimelineRole> = { earliest: 'earliest', deadline: 'deadline', window: 'window', notice: 'notice' };

/** Plans the earliest timeline of a procedure for a case. Never throws for calendar gaps. */
export function planTimeline(input: PlanTimelineInput): Timeline {
  if (input.start !== undefined && !isLocalDate(input.start)) {
    throw new TimelineError(msg('compare.badStart', { start: JSON.stringify(input.start) }));
  }
  const wf = input.workflow;
  const plan = planCase({ workflow: wf, kase: input.kase, ...(input.start ? { start: input.start } : {}), context: input.context });
  const byId = new Map(plan.steps.map((p) => [p.step, p]));
  const entries = wf.states.map((def) => entryOf(wf, def, byId.get(def.id)!, plan.state, byId));
  if (plan.completedOn) return { entries, completeBy: plan.completedOn };
  const failed =
    entries.find((e) => !e.optional && !e.skipped && e.error && byId.get(e.step)!.status === 'blocked') ??
    entries.find((e) => !e.optional && !e.skipped && e.error);
  return {
    entries,
    completeBy: null,
    error: failed ? msg('timeline.stepFailed', { step: failed.step, error: failed.error }) : msg('timeline.cannotComplete'),
  };
}

function entryOf(
  wf: Workflow,
  def: WorkflowState,
  planned: PlannedStep,
  state: CaseState | null,
  byId: Map<string, PlannedStep>,
): TimelineEntry {
  const specs = wf.timers.filter((t) => t.step === def.id);
  // The objection window is the one others use (objections); the step's own period is the other.
  const objections = specs.find((t) => t.governs.includes('recordObjection'));
  const main = specs.find((t) => t !== objections);
  const timer = (id: string | undefined): TimerState | undefined => (id ? state?.timers[id] : undefined);
  const own = timer(main?.id);
  const objTimer = timer(objections?.id);
  const entry: TimelineEntry = {
    step: def.id,
    label: def.label,
    kind: def.kind,
    cite: def.cite,
    date: planned.date,
    role: main ? ROLE[main.kind] : 'act',
    optional: def.optional,
    periods: [],
    explanation: [],
  };
  const ex = entry.explanation;
  if (planned.status === 'skipped') {
    entry.skipped = true;
    ex.push(msg('timeline.notApplicable', { when: def.when ?? '' }));
    return entry;
  }
  // Steps are named by their labels: a step id is the policy's internal name, not for people.
  if (def.after.length) {
    const preds = def.after.map((a) => {
      const p = byId.get(a);
      const date = p?.status === 'skipped' ? msg('timeline.skipped') : (p?.date ?? '—');
      return msg('timeline.pred', { label: wf.states.find((s) => s.id === a)?.label ?? a, date });
    });
    ex.push(
      msg('timeline.after', { preds: preds.reduce<Arg>((a, b) => (a === undefined ? b : msg('timeline.list', { a, b })), undefined) }),
    );
  }
  ex.push(...planned.explanation);
  if (own) {
    entry.countedFrom = own.start;
    if (own.lastDay) entry.periodEnd = own.lastDay;
    ex.push(...own.explanation);
  }
  if (objTimer) {
    if (objTimer.end) entry.objectionsUntil = objTimer.end;
    ex.push(...objTimer.explanation);
  }
  for (const spec of specs.filter((t) => t !== objections)) {
    const t = timer(spec.id);
    if (!t) continue;
    entry.periods.push({ timer: spec.id, label: t.label, kind: spec.kind, countedFrom: t.start, lastDay: t.lastDay });
    if (spec !== main) ex.push(...t.explanation);
  }
  switch (planned.status) {
    case 'done':
      ex.push(msg('timeline.earliest', { date: planned.date ?? undefined }));
      if (own?.error) entry.periodError = own.error;
      break;
    case 'right':
      ex.push(msg('timeline.right', { date: planned.date ?? undefined, until: planned.until }));
      break;
    case 'blocked':
    case 'waiting':
      entry.error = planned.error;
      ex.push(msg('evaluate.ruleError', { error: planned.error }));
      break;
    default:
      planned.status satisfies 'skipped';
  }
  return entry;
}
