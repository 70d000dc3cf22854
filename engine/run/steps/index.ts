// What each step kind does at run time, one module per kind beside its declaration in dsl/steps/:
// the registry the runner, the reducer, the views and the compiler derive from (the command
// catalogue, the event types and their reducers, the planning rules). Same order as dsl/steps/.
import { STEP_KIND_DECLS, STEP_KINDS, type StepCommand, type StepKind } from '../../../dsl/steps/index.ts';
import type { CommandSpec } from '../../compile/workflow.ts';
import type { CaseState } from '../state.ts';
import type { EventUnion } from '../events.ts';
import type { CompileRule, KindView, RunnableCommand } from './kind.ts';
import application from './application.ts';
import writtenNotice from './writtenNotice.ts';
import publicNotice from './publicNotice.ts';
import waiting from './waiting.ts';
import review from './review.ts';
import dualReview from './dualReview.ts';
import vote from './vote.ts';
import consent from './consent.ts';
import negotiation from './negotiation.ts';
import coolingOff from './coolingOff.ts';
import contract from './contract.ts';
import payment from './payment.ts';
import cancellation from './cancellation.ts';
import filing from './filing.ts';
import registration from './registration.ts';
import reentry from './reentry.ts';

// Keyed by kind: a kind declared in dsl/steps/ without its module here does not compile (STEP_RUNTIMES).
const RUNTIMES = {
  application,
  writtenNotice,
  publicNotice,
  waiting,
  review,
  dualReview,
  vote,
  consent,
  negotiation,
  coolingOff,
  contract,
  payment,
  cancellation,
  filing,
  registration,
  reentry,
};

type Runtime = (typeof RUNTIMES)[StepKind];
type EventsOf<R> = R extends { reducers: infer M }
  ? EventUnion<{ [T in keyof M]: M[T] extends (s: CaseState, p: infer P) => void ? P : never }>
  : never;
/** Every event a step kind writes, as { type, payload }. */
export type KindEvent = EventsOf<Runtime>;

/** A kind's module as the runner sees every kind: payloads checked by their fields, events of any kind. */
export interface AnyStepRuntime {
  kind: StepKind;
  commands: Partial<Record<StepCommand, RunnableCommand>>;
  eligibilityOn?: readonly StepCommand[];
  compile?: CompileRule;
  view?: KindView<StepCommand>;
}

export const STEP_RUNTIMES: Record<StepKind, AnyStepRuntime> = RUNTIMES satisfies { [K in StepKind]: { kind: K } };

/** Every step command, with the module that handles it. */
export const STEP_COMMAND_DEFS = Object.fromEntries(
  STEP_KINDS.flatMap((k) => STEP_KIND_DECLS[k].commands.map((type) => [type, STEP_RUNTIMES[k].commands[type]!])),
) as Record<StepCommand, RunnableCommand>;

/** What a step's command carries, as the server's request schemas and the UI's forms read it. */
export const STEP_COMMAND_SPECS = Object.fromEntries(
  Object.entries(STEP_COMMAND_DEFS).map(([type, d]) => [type, { type, label: d.label, fields: [...d.fields] }]),
) as Record<StepCommand, CommandSpec>;

/** Each kind's reducers, by event type, in registry order (engine/run/reduce.ts). */
export const KIND_REDUCERS: [string, (s: CaseState, p: never) => void][] = STEP_KINDS.flatMap((k) =>
  Object.entries(RUNTIMES[k].reducers as Record<string, (s: CaseState, p: never) => void>),
);
