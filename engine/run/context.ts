// What a command handler and a guard see: the workflow, the case, the step the command is for,
// the checked payload, the command's date and the run context; and the facts of a case several
// step kinds read (the parcels concerned, the policy's evaluation, a deadline passed).
import { Decimal } from 'decimal.js';
import type { CaseData } from '../../dsl/case-model.ts';
import type { Workflow, WorkflowState } from '../compile/workflow.ts';
import type { EvalOutcome, Refusal, RunContext } from './result.ts';
import type { CaseState, StepState } from './state.ts';
import { msg, type Text } from '../../dsl/message.ts';
import { isRealDate } from '../../dsl/calendar-date.ts';

function getPath(obj: unknown, path: string): unknown {
  let cur = obj as Record<string, unknown> | undefined;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[k] as Record<string, unknown> | undefined;
  }
  return cur;
}

/**
 * The day the case itself gives a step's act (the step's `from:` path, its workflow defaultDate,
 * such as exit.noticeDate), when it holds a real date: the act's date when the command gives none,
 * and a day the act cannot precede.
 */
export function caseDateOf(def: WorkflowState, kase: CaseData): string | undefined {
  const d = def.defaultDate ? getPath(kase, def.defaultDate) : undefined;
  return isRealDate(d) ? d : undefined;
}

/** The latest day a step the given one follows was done ('' for a first step): its act cannot precede it. */
export function doneBefore(def: WorkflowState, state: CaseState): string {
  return def.after.map((a) => state.steps[a]?.doneOn ?? '').reduce((m, d) => (d > m ? d : m), '');
}

/** Parcels the procedure concerns (exit.parcels or transfer.parcels), as listed in the case. */
export function procedureParcels(kase: CaseData, procedure: string) {
  const names = (procedure === 'exit' ? kase.exit?.parcels : kase.transfer?.parcels) ?? [];
  return kase.parcels.filter((p) => names.includes(p.name));
}

export function isFull(kase: CaseData, procedure: string): boolean {
  const names = new Set(procedureParcels(kase, procedure).map((p) => p.name));
  return kase.parcels.length > 0 && kase.parcels.every((p) => names.has(p.name));
}

/** The area exited or transferred, written to as many places as the most precise parcel (1.20 + 1.15 = 2.35). */
export function sumArea(kase: CaseData, procedure: string): string {
  const parcels = procedureParcels(kase, procedure);
  const places = Math.max(0, ...parcels.map((p) => (p.area.split('.')[1] ?? '').length));
  return parcels.reduce((s, p) => s.plus(p.area), new Decimal(0)).toFixed(places);
}

/** Everything a handler needs for one command on one step; `p` is the payload its fields describe. */
export interface Ctx<P = Record<string, unknown>> {
  wf: Workflow;
  state: CaseState;
  def: WorkflowState;
  st: StepState;
  p: P;
  date: string;
  run: RunContext;
}

/** What a command did: the events that record it, whether the step is done, whether the case ends. */
export interface Outcome<E> {
  events: E[];
  /** The step is done; `result` goes into StepCompleted. */
  complete?: Record<string, unknown>;
  close?: { status: 'refused' | 'withdrawn' | 'terminated' | 'reentered'; reason: Text; cite?: string };
}

export function evaluateCase(c: Ctx<unknown>, kase: CaseData): EvalOutcome | Refusal {
  try {
    return c.run.evaluate({ procedure: c.wf.procedure, mode: c.wf.mode, kase, at: c.date });
  } catch (e) {
    return {
      code: 'EVALUATION_FAILED',
      kind: 'refusedByRule',
      message: msg('run.cannotEvaluate', { error: (e as Error)?.message ?? String(e) }),
      cite: c.wf.cite,
    };
  }
}

/** A deadline of this step's timers (all, or those named) that `date` is past, if any (recorded as lateness). */
export function lateness(c: Ctx<unknown>, timers?: readonly string[]): { deadline: string; timer: string } | undefined {
  for (const spec of c.wf.timers.filter((t) => t.step === c.def.id && t.kind === 'deadline' && (!timers || timers.includes(t.id)))) {
    const t = c.state.timers[spec.id];
    if (t?.end && c.date > t.end) return { deadline: t.end, timer: t.id };
  }
  return undefined;
}
