// What a command handler and a guard see: the workflow, the case, the step the command is for,
// the checked payload, the command's date and the run context.
import { Decimal } from 'decimal.js';
import type { CaseData } from '../../dsl/case-model.ts';
import type { Workflow, WorkflowState } from '../compile/workflow.ts';
import type { Refusal, RunContext } from './result.ts';
import type { CaseState, EventInput, StepState } from './state.ts';

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur = obj as Record<string, unknown> | undefined;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[k] as Record<string, unknown> | undefined;
  }
  return cur;
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

/** The payment step that settles the contract price: the first obligatory one. */
export function mainPaymentStep(wf: Workflow): string | undefined {
  const pays = wf.states.filter((s) => s.kind === 'payment');
  return (pays.find((s) => !s.optional) ?? pays[0])?.id;
}

export const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Everything a handler needs for one command on one step. */
export interface Ctx {
  wf: Workflow;
  state: CaseState;
  def: WorkflowState;
  st: StepState;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are not yet typed per command (issue #13: typed commands and events)
  p: Record<string, any>;
  date: string;
  run: RunContext;
}

export interface Outcome {
  events: EventInput[];
  /** The step is done; `result` goes into StepCompleted. */
  complete?: Record<string, unknown>;
  close?: { status: 'refused' | 'withdrawn' | 'terminated' | 'reentered'; reason: string; cite?: string };
}

export type Handler = (c: Ctx) => Outcome | Refusal;

export const ev = (type: string, payload: Record<string, unknown>): EventInput => ({
  type,
  payload: Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined)),
});
