// What step() takes and gives. The context is everything a step may know about the world: today's
// date, the calendar, the acting user, and the pinned policy's evaluation bound by the host.
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import type { Calendar } from '../calendar/index.ts';
import type { CaseEvent } from './events.ts';
import type { CaseState } from './state.ts';
import type { Text } from '../../dsl/message.ts';

/**
 * Why the runner says no: the command itself is malformed (`invalid`), the case is not where the
 * command could apply (`notAllowedNow`), or a rule of the policy or the law forbids it
 * (`refusedByRule`). The host maps a kind to its answer (engine/server/errors.ts httpStatus).
 */
export type RefusalKind = 'invalid' | 'notAllowedNow' | 'refusedByRule';

export interface Refusal {
  /** BAD_PAYLOAD, NOT_ALLOWED, CASE_CLOSED, RULE_VIOLATION, TOO_EARLY, WINDOW_CLOSED, CALENDAR, … */
  code: string;
  kind: RefusalKind;
  /** Why, as a message (dsl/phrases/run.ts): the host says it in both languages or in the reader's. */
  message: Text;
  /** The article the refusal rests on. */
  cite?: string;
  /** JSON pointer into the command request (/payload/date). */
  path?: string;
  /** The rule id, for eligibility refusals. */
  rule?: string;
  /** How a date in the refusal was computed. */
  explanation?: Text[];
}

export type StepResult = { ok: true; state: CaseState; events: CaseEvent[] } | { ok: false; refusal: Refusal };

/** What engine/evaluate answers for a case under the pinned policy (only the parts step() reads). */
export interface EvalOutcome {
  eligible: boolean;
  failed: { rule: string; message?: Text; cite?: string; label?: string }[];
  compensation?: { amount: string; words?: string; perMu?: string } | null;
  vote?: { passed: boolean; decidedBy: string; cite?: string; detail?: Text } | null;
}

export interface ContractNumberAllocation {
  text: string;
  seq: number;
  year: number;
}

export interface RunContext {
  /** The day the command is handled (the host's clock, in China time); commands may not be dated later. */
  today: string;
  calendar: Calendar;
  user: string;
  /** engine/evaluate bound to the case's pinned policy. */
  evaluate: (input: { procedure: ProcedureKind; mode?: string | null; kase: CaseData; at?: string }) => EvalOutcome;
  /** Evaluates a policy expression (a step's or a vote rule's `when`) on the case; absent → every `when` holds. */
  holds?: (expr: string, kase: CaseData) => boolean;
  /** Takes the next contract number inside the host's transaction (the store's allocateContractNumber). */
  allocateContractNumber?: (kind: '转让' | '退出', town: string, year: number) => ContractNumberAllocation;
}

export interface Command {
  type: string;
  payload?: unknown;
}
