// engine/run: the pure workflow runner. step() and openCase() take the workflow, the case state,
// a command and the context (today, calendar, user, the pinned policy's evaluation) and return
// the events and the new state — or a refusal citing its rule. No store, no server, no clock.
// What each step kind does is its module in engine/run/steps/.
export { openCase, step } from './step.ts';
export { reduce, fold, EVENT_TYPES } from './reduce.ts';
export { ReduceError, CASE_STATE_FORMAT, CASE_STATUSES, CLOSED_STATUSES } from './state.ts';
export type { CaseState, CaseStatus, StepState, TimerState, ContractState, VoteRecord, PaymentRecord, ObjectionRecord } from './state.ts';
export type { CaseEvent, StoredEvent } from './events.ts';
export type { Command, Refusal, RefusalKind, RunContext, StepResult, EvalOutcome, ContractNumberAllocation } from './result.ts';
export { allowedCommands, deadlines, type AllowedCommand, type DeadlineEntry, type DeadlineKind } from './views.ts';
export { checkPayload } from './payload.ts';
export { computeTimer } from './timers.ts';
export { caseDateOf, doneBefore } from './context.ts';
export { lastRecordedDate } from './guards.ts';
