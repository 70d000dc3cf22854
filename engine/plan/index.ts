// Planning a case: the earliest day each step can be done, found by driving the pure runner
// (engine/run) the way a clerk would — each step's next command sent on the first day the runner
// allows it, the commands of all steps in the order of their days, with a synthetic clock that
// jumps to that day. Nothing about periods, timers or step kinds is decided here: the runner's
// timers (engine/run/timers.ts), its views (allowedCommands) and its refusals say when a command
// may be sent, so a researcher's timeline (engine/compare/timeline.ts) and a clerk's deadlines
// are equal by construction (test/engine/plan/plan-equals-runner.test.ts holds that for every
// bundled policy and procedure). Pure: the calendar, the evaluation and the start come in.
import type { CaseData } from '../../dsl/case-model.ts';
import type { CommandType, TimerSpec, Workflow, WorkflowState } from '../compile/workflow.ts';
import {
  allowedCommands,
  caseDateOf,
  CLOSED_STATUSES,
  doneBefore,
  lastRecordedDate,
  openCase,
  step,
  type AllowedCommand,
  type CaseState,
  type RunContext,
  type TimerState,
} from '../run/index.ts';
import { STEP_COMMAND_DEFS } from '../run/steps/index.ts';
import { msg, type Text } from '../../dsl/message.ts';

/** What a plan needs of the host: everything of a RunContext but the day, which the plan sets. */
export type PlanContext = Omit<RunContext, 'today'>;

export interface PlanInput {
  workflow: Workflow;
  /** A case to open, or `state`: a case under way, planned on from where it stands. */
  kase?: CaseData;
  state?: CaseState;
  /**
   * The day the case is opened, and the day of a first step the case gives no date for; the
   * case's own dates (a step's `from:` such as exit.noticeDate) win. Ignored with `state`.
   */
  start?: string;
  context: PlanContext;
}

export type PlannedStatus = 'done' | 'skipped' | 'right' | 'blocked' | 'waiting';

export interface PlannedStep {
  step: string;
  /**
   * done: the day the plan did it; right: the first day the household may exercise it (a re-entry,
   * which the plan leaves to the household: doing it would end the case); otherwise null.
   */
  date: string | null;
  status: PlannedStatus;
  /** A right: the last day it may be exercised. */
  until?: string;
  /** blocked: why the runner would not take the step's command (or why no day can be given). */
  error?: Text;
  /** Where the day came from (the steps it follows, the case's own date, the start). */
  explanation: Text[];
}

export interface Plan {
  /** By step, in the workflow's order. */
  steps: PlannedStep[];
  /** The case as the plan leaves it (null when it could not be opened). */
  state: CaseState | null;
  /** The day the case completes (every obligatory step done); null when it cannot. */
  completedOn: string | null;
}

const later = (a: string, b: string | undefined): string => (b !== undefined && b > a ? b : a);

/** The timers of the step that decide whether `type` may be sent yet (a 「…后」 act, the end of a window it waits for). */
function gatingTimers(wf: Workflow, def: WorkflowState, type: CommandType): TimerSpec[] {
  return wf.timers.filter(
    (t) =>
      t.step === def.id &&
      ((t.kind === 'earliest' && t.governs.includes(type)) || (t.kind === 'window' && (t.closes ?? []).includes(type))),
  );
}

/** A household's right within a window (re-entry): optional, and governed by the window it must be used in. */
function isRight(wf: Workflow, def: WorkflowState, type: CommandType): boolean {
  return def.optional && wf.timers.some((t) => t.step === def.id && t.kind === 'window' && t.governs.includes(type));
}

/**
 * The commands that move a step on, among those allowed now: those completing it first (a step
 * decided in parts has one per part), then those that are nobody's right within a window (posting
 * a notice before it can be closed; objections and withdrawals are other people's acts, never the plan's).
 */
function commandsOf(wf: Workflow, def: WorkflowState, allowed: AllowedCommand[]): AllowedCommand[] {
  const mine = allowed.filter((c) => c.step === def.id);
  const windowed = (c: AllowedCommand) => wf.timers.some((t) => t.step === def.id && t.kind === 'window' && t.governs.includes(c.type));
  const completing = mine.filter((c) => def.completes.includes(c.type));
  return completing.length ? completing : mine.filter((c) => !windowed(c));
}

/**
 * What a clerk sends for the command when all goes the household's way (the review approves, the
 * negotiation agrees, the vote passes, each co-owner consents), in the order to try: the planning
 * rule of the command's step kind (engine/run/steps/).
 */
function payloadsFor(wf: Workflow, def: WorkflowState, state: CaseState, type: CommandType, date: string, ctx: PlanContext) {
  if (type === 'terminate') return [];
  const planned = STEP_COMMAND_DEFS[type].planned?.({ wf, def, state, date, ...(ctx.holds ? { holds: ctx.holds } : {}) }) ?? [{}];
  return planned.map((p) => ({ date, step: def.id, ...p }));
}

function nameOf(wf: Workflow, id: string): string {
  return wf.states.find((s) => s.id === id)?.label ?? id;
}

/** Plans a case from its opening (or from where it stands) to its completion, at the earliest days. */
export function planCase(input: PlanInput): Plan {
  const wf = input.workflow;
  const ctx = input.context;
  const notes = new Map<string, Text[]>(wf.states.map((s) => [s.id, []]));
  const blocked = new Map<string, Text>();
  const rights = new Map<string, { date: string; until?: string }>();
  const initial = wf.states.filter((s) => s.after.length === 0);

  let state: CaseState;
  let opened: string;
  // The day of the last command sent: no command may be dated before it (engine/run/guards.ts).
  let clock = '';
  if (input.state) {
    state = input.state;
    opened = state.openedOn;
    // The facts, not the day the case was opened or a step started (the runner's date order).
    clock = lastRecordedDate(state) ?? '';
  } else {
    const kase = input.kase!;
    const own = initial.map((s) => caseDateOf(s, kase)).filter((d): d is string => d !== undefined);
    const first = input.start ?? own.sort()[0];
    if (!first) {
      for (const s of initial) blocked.set(s.id, msg('plan.noStart', { field: s.defaultDate }));
      return finish(wf, null, notes, blocked, rights);
    }
    opened = first;
    const r = openCase(wf, kase, { ...ctx, today: opened });
    if (!r.ok) {
      for (const s of initial) blocked.set(s.id, r.refusal.message);
      return finish(wf, null, notes, blocked, rights);
    }
    state = r.state;
  }

  // Each round sends the command whose earliest day comes first (ties in the workflow's order).
  const rounds = 4 * wf.states.length + 2 * (state.case.household?.members?.length ?? 0) + 8;
  const refused = new Map<string, Text>();
  for (let round = 0; round < rounds && !CLOSED_STATUSES.includes(state.status); round++) {
    const allowed = allowedCommands(wf, state);
    const candidates: { def: WorkflowState; cmd: AllowedCommand; date: string; why: Text[]; order: number }[] = [];
    for (const def of wf.states) {
      if (state.steps[def.id]?.status !== 'active' || blocked.has(def.id) || rights.has(def.id)) continue;
      const why: Text[] = [];
      let from = clock;
      const own = caseDateOf(def, state.case);
      if (def.after.length === 0) {
        // A first step: on the case's own date (it may precede the day the case was opened), else the start.
        if (own) why.push(msg('plan.caseDate', { field: def.defaultDate, date: own }));
        else if (def.defaultDate) why.push(msg('plan.noCaseDate', { field: def.defaultDate, date: opened }));
        else why.push(msg('plan.start', { date: opened }));
        from = later(from, own ?? opened);
      } else {
        from = later(later(from, doneBefore(def, state)), own);
      }
      for (const cmd of commandsOf(wf, def, allowed)) {
        const broken = gatingTimers(wf, def, cmd.type)
          .map((t) => state.timers[t.id])
          .find((t): t is TimerState => !!t && !t.end);
        if (broken) {
          blocked.set(def.id, broken.error ?? msg('plan.cannotCompute', { label: broken.label }));
          break;
        }
        candidates.push({ def, cmd, date: later(from, cmd.notBefore), why, order: candidates.length });
      }
    }
    // The earliest first; on the same day in the workflow's order.
    const open = candidates.filter((c) => !blocked.has(c.def.id));
    open.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.order - y.order));
    let moved = false;
    for (const { def, cmd, date, why } of open) {
      if (isRight(wf, def, cmd.type)) {
        notes.get(def.id)!.push(...why);
        rights.set(def.id, { date, ...(cmd.until ? { until: cmd.until } : {}) });
        moved = true;
        break;
      }
      for (const payload of payloadsFor(wf, def, state, cmd.type, date, ctx)) {
        const r = step(wf, state, { type: cmd.type, payload }, { ...ctx, today: date });
        if (!r.ok) {
          if (!refused.has(def.id)) refused.set(def.id, r.refusal.message);
          continue;
        }
        // Only the household ends a case otherwise than by completing it; a plan never does.
        if (CLOSED_STATUSES.includes(r.state.status)) {
          if (!refused.has(def.id)) refused.set(def.id, r.state.outcome?.reason ?? { zh: r.state.status, en: r.state.status });
          continue;
        }
        if (!notes.get(def.id)!.length) notes.get(def.id)!.push(...why);
        state = r.state;
        clock = date;
        refused.delete(def.id);
        moved = true;
        break;
      }
      if (moved) break;
    }
    if (!moved) break;
  }
  // What the runner would not take when nothing else could move any more.
  for (const [id, reason] of refused) if (state.steps[id]?.status === 'active') blocked.set(id, reason);
  return finish(wf, state, notes, blocked, rights);
}

function finish(
  wf: Workflow,
  state: CaseState | null,
  notes: Map<string, Text[]>,
  blocked: Map<string, Text>,
  rights: Map<string, { date: string; until?: string }>,
): Plan {
  const out = new Map<string, PlannedStep>();
  for (const def of wf.states) {
    const st = state?.steps[def.id];
    const explanation = notes.get(def.id)!;
    const base = { step: def.id, explanation };
    if (st?.status === 'done') {
      out.set(def.id, { ...base, date: st.doneOn ?? null, status: 'done' });
      continue;
    }
    if (st?.status === 'skipped') {
      out.set(def.id, { ...base, date: null, status: 'skipped' });
      continue;
    }
    const right = rights.get(def.id);
    if (right) {
      out.set(def.id, { ...base, date: right.date, status: 'right', ...(right.until ? { until: right.until } : {}) });
      continue;
    }
    const own = blocked.get(def.id);
    if (own) {
      out.set(def.id, { ...base, date: null, status: 'blocked', error: own });
      continue;
    }
    // Waiting on a step before it that the plan could not do (workflow order: those are decided already).
    const stuck = def.after.find((a) => out.get(a)?.status === 'blocked' || out.get(a)?.status === 'waiting');
    const error = stuck ? msg('plan.dependsOn', { step: stuck, label: nameOf(wf, stuck) }) : msg('plan.neverStarted', { label: def.label });
    out.set(def.id, { ...base, date: null, status: 'waiting', error });
  }
  const completedOn = state?.status === 'completed' ? (state.outcome?.on ?? null) : null;
  return { steps: wf.states.map((s) => out.get(s.id)!), state, completedOn };
}
