// What a new policy version would do to a case opened under the old one: its eligibility and amount
// under both, its deadlines under both (the new workflow's timers counted from the dates the case
// has already recorded, by the same computeTimer the clerk's case runs), and whether the case could
// move to the new version or must finish under the one it was opened with. Pure: the caller loads.
import type { Calendar } from '../calendar/index.ts';
import type { PinnedPolicy } from '../cases/policies.ts';
import type { Workflow } from '../compile/workflow.ts';
import { computeTimer, deadlines, type CaseState, type DeadlineEntry, type TimerState } from '../run/index.ts';
import { timerStart } from '../run/timers.ts';

export interface Outcome {
  eligible: boolean;
  amount?: string;
  failed: string[];
}

export interface DeadlineChange {
  step: string;
  /** The period (timer) whose end moved, when it is not the step's own due date. */
  timer?: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface CaseImpact {
  caseId: string;
  status: string;
  before: Outcome;
  after: Outcome;
  /** Deadlines whose date differs (or that exist in one version only). */
  deadlines: DeadlineChange[];
  migratable: boolean;
  /** Why the case must finish under its version (empty when migratable). */
  reasons: { zh: string; en: string }[];
}

export interface ImpactInput {
  caseId: string;
  state: CaseState;
  old: { pinned: PinnedPolicy; workflow: Workflow };
  new: { pinned: PinnedPolicy; workflow: Workflow };
  calendar: Calendar;
  today: string;
}

function outcome(pinned: PinnedPolicy, state: CaseState): Outcome {
  const e = pinned.evaluate({ procedure: state.procedure as 'exit' | 'transfer', mode: state.mode, kase: state.case });
  return { eligible: e.eligible, ...(e.compensation ? { amount: e.compensation.amount } : {}), failed: e.failed.map((f) => f.rule) };
}

/** The case's state with the new workflow's timers, started from the dates the case recorded. */
function underNewTimers(state: CaseState, old: Workflow, wf: Workflow, calendar: Calendar): CaseState {
  // Timers no workflow declares (a payment date agreed in the contract) belong to the case: kept.
  const timers: Record<string, TimerState> = {};
  for (const [id, t] of Object.entries(state.timers)) if (!old.timers.some((s) => s.id === id)) timers[id] = t;
  for (const spec of wf.timers) {
    const start = timerStart(spec, state);
    if (start) timers[spec.id] = computeTimer(spec, start, calendar);
  }
  return { ...state, timers };
}

const dueOf = (list: DeadlineEntry[]) => new Map(list.map((d) => [d.step, d]));

export function caseImpact(input: ImpactInput): CaseImpact {
  const { state } = input;
  const before = outcome(input.old.pinned, state);
  const after = outcome(input.new.pinned, state);
  const moved = underNewTimers(state, input.old.workflow, input.new.workflow, input.calendar);
  const changes: DeadlineChange[] = [];
  // What the clerk sees (the due date of each step), then every period's end (a notice period runs
  // on after its step is done, and it decides when the next act is allowed).
  const oldDue = dueOf(deadlines(input.old.workflow, state, input.today));
  const newDue = dueOf(deadlines(input.new.workflow, moved, input.today));
  for (const step of new Set([...oldDue.keys(), ...newDue.keys()])) {
    const a = oldDue.get(step);
    const b = newDue.get(step);
    if ((a?.due ?? null) !== (b?.due ?? null))
      changes.push({ step, label: (b ?? a)!.label, before: a?.due ?? null, after: b?.due ?? null });
  }
  for (const id of new Set([...Object.keys(state.timers), ...Object.keys(moved.timers)])) {
    const a = state.timers[id];
    const b = moved.timers[id];
    const t = (b ?? a)!;
    if ((a?.end ?? null) !== (b?.end ?? null) && !changes.some((c) => c.step === t.step && c.after === (b?.end ?? null))) {
      changes.push({ step: t.step, timer: id, label: t.label, before: a?.end ?? null, after: b?.end ?? null });
    }
  }

  const reasons: CaseImpact['reasons'] = [];
  const newKinds = new Map(input.new.workflow.states.map((s) => [s.id, s.kind]));
  for (const def of input.old.workflow.states) {
    const st = state.steps[def.id];
    if (!st || st.status === 'pending' || st.status === 'skipped') continue;
    const kind = newKinds.get(def.id);
    if (kind === undefined)
      reasons.push({
        zh: `已开始的步骤「${def.label}」在新版本中不存在`,
        en: `step "${def.id}", already started, does not exist in the new version`,
      });
    else if (kind !== def.kind)
      reasons.push({
        zh: `已开始的步骤「${def.label}」在新版本中种类不同（${def.kind} → ${kind}）`,
        en: `step "${def.id}", already started, changes kind (${def.kind} → ${kind})`,
      });
  }
  if (before.eligible && !after.eligible)
    reasons.push({
      zh: `按新版本不再符合条件（${after.failed.join('、')}）`,
      en: `no longer eligible under the new version (${after.failed.join(', ')})`,
    });
  if (state.contract && before.amount !== after.amount) {
    reasons.push({
      zh: `合同已按 ${state.contract.amount} 元签订，新版本金额为 ${after.amount ?? '无'} 元`,
      en: `the contract was signed for ${state.contract.amount} 元; the new version gives ${after.amount ?? 'none'}`,
    });
  }
  for (const t of Object.values(moved.timers)) {
    const st = state.steps[t.step];
    if (t.kind === 'earliest' && t.end && st?.status === 'done' && st.doneOn && st.doneOn < t.end) {
      reasons.push({
        zh: `步骤「${t.step}」已于 ${st.doneOn} 办理，早于新版本允许的 ${t.end}`,
        en: `step "${t.step}" was done on ${st.doneOn}, before the new version allows it (${t.end})`,
      });
    }
  }
  return { caseId: input.caseId, status: state.status, before, after, deadlines: changes, migratable: reasons.length === 0, reasons };
}
