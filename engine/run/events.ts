// The events every case writes whatever its steps (opening, a step starting, done or skipped, a
// timer set, the case closed or terminated), and the union of every event the runner writes: these
// and the events of each step kind (engine/run/steps/). Pure and light: the case page names the
// event types from this list and the step registry (ui/src/cases/events.ts).
import type { CaseData } from '../../dsl/case-model.ts';
import type { Workflow, WorkflowState } from '../compile/workflow.ts';
import type { CaseStatus, TimerState } from './state.ts';
import type { Text } from '../../dsl/message.ts';
import type { KindEvent } from './steps/index.ts';

/**
 * What the fold needs of the workflow a case opens under. The runner writes the whole workflow;
 * the host stores it by `hash` (the sha256 of its canonical JSON, engine/store/policy-versions.ts)
 * and keeps only this in the stored event. Cases opened before schema 7 carry it whole.
 */
export interface WorkflowRef {
  hash?: string;
  id: string;
  policy: Pick<Workflow['policy'], 'id' | 'hash'>;
  procedure: Workflow['procedure'];
  mode: string | null;
  states: Pick<WorkflowState, 'id'>[];
}

/** The reference to a stored workflow (see WorkflowRef). */
export function workflowRef(wf: Workflow, hash: string): WorkflowRef {
  return {
    hash,
    id: wf.id,
    policy: { id: wf.policy.id, hash: wf.policy.hash },
    procedure: wf.procedure,
    mode: wf.mode,
    states: wf.states.map((s) => ({ id: s.id })),
  };
}

export interface CoreEventPayloads {
  CaseOpened: {
    workflow: WorkflowRef;
    case: CaseData;
    place: { town: string; village: string; group: string };
    on: string;
    by: string;
    /** Cases opened before schema 7 only (the host added them): the policy text and templates, now in the store's policy_versions. */
    policySource?: string;
    policyFile?: string;
    policyTemplates?: Record<string, string>;
  };
  StepActivated: { step: string; on: string };
  StepCompleted: { step: string; on: string; result: Record<string, unknown> };
  StepSkipped: { step: string; on: string; reason: Text };
  TimerSet: { timer: TimerState };
  CaseClosed: { status: CaseStatus; on: string; reason: Text; cite?: string };
  Terminated: { date: string; reason: string };
}

export type CoreEventType = keyof CoreEventPayloads;

/** In the order the case page lists them; the step kinds' events follow (dsl/steps/). */
export const CORE_EVENT_TYPES = [
  'CaseOpened',
  'StepActivated',
  'StepCompleted',
  'StepSkipped',
  'TimerSet',
  'CaseClosed',
  'Terminated',
] as const satisfies readonly CoreEventType[];

/** The events of a payload map as a discriminated union: { type, payload }. */
export type EventUnion<M> = { [T in keyof M & string]: { type: T; payload: M[T] } }[keyof M & string];

export type CoreEvent = EventUnion<CoreEventPayloads>;

/** Every event the runner writes. */
export type CaseEvent = CoreEvent | KindEvent;

/** An event as the store gives it back: typed only once its type is known (engine/run/reduce.ts). */
export interface StoredEvent {
  type: string;
  payload: unknown;
}

/** Drops undefined fields so that the fold and the stored snapshot serialise alike. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** An event of the payload map M, its undefined fields dropped. */
export function eventOf<M>() {
  return <T extends keyof M & string>(type: T, payload: M[T]): { type: T; payload: M[T] } => ({
    type,
    payload: defined(payload as M[T] & object),
  });
}

/** A core event (engine/run/step.ts). */
export const ev = eventOf<CoreEventPayloads>();
