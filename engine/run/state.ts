// A case's state is the fold of its events: `reduce` (engine/run/reduce.ts, with each step kind's
// reducers) is the only code that changes it, and every event carries the facts it needs (computed
// deadlines included), so replaying the stored events gives back the stored snapshot byte for
// byte — `landflow audit verify` checks exactly that. Plain JSON throughout: no undefined values,
// no classes.
import type { CaseData, Vote } from '../../dsl/case-model.ts';
import type { TimerKind } from '../compile/workflow.ts';
import { msg, type Message, type Text } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';

export const CASE_STATE_FORMAT = 1 as const;

export const CASE_STATUSES = ['open', 'completed', 'refused', 'withdrawn', 'terminated', 'reentered'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSED_STATUSES: readonly CaseStatus[] = ['refused', 'withdrawn', 'terminated', 'reentered'];

export interface StepState {
  status: 'pending' | 'active' | 'done' | 'skipped';
  activatedOn?: string;
  doneOn?: string;
  /** Public notices: the day it was posted. */
  postedOn?: string;
  /** A step decided in several parts (one per reviewing body): each part's decision so far. */
  parts?: Record<string, { date: string; passed: boolean; reasons?: string }>;
  /** What the completing command established (decision, reasons, numbers…). */
  result?: Record<string, unknown>;
}

export interface TimerState {
  id: string;
  step: string;
  kind: TimerKind;
  label: string;
  /** The policy parameter counted, or null for a date agreed in a contract (payment due). */
  parameter: string | null;
  period: string | null;
  start: string;
  /** Last day, or with a 「…后」 timer the first day the act is allowed; null when not computable. */
  end: string | null;
  lastDay: string | null;
  /** How it was counted, line by line (dsl/phrases/time.ts). */
  explanation: Text[];
  cite: string;
  /**
   * 暂定: `end` relies on a year whose official arrangement was not known (engine/calendar
   * Deadline.provisional); re-checked at each step until the calendar confirms or changes it.
   */
  provisional?: boolean;
  /** Why `end` is null (e.g. no holiday calendar for 2051); recomputed when a command needs it. */
  error?: Text;
  /**
   * With an error: the last day before 民法典第二百零三条's roll past rest days, which needs no
   * calendar. The real last day is this day or later, so a date up to it is surely inside the period.
   */
  nominal?: string;
}

export interface ObjectionRecord {
  step: string;
  date: string;
  by: string;
  text: string;
}

export interface VoteRecord {
  step: string;
  date: string;
  vote: Vote;
  passed: boolean;
  decidedBy: string;
  cite: string;
  /** Why it passed or not (engine/rules/vote.ts), as a message. */
  detail: Text;
}

export interface ContractState {
  number: string | null;
  /** The number's parts (转让（2026）第 001 号 → year 2026, seq 1), for the printed forms. */
  year: number | null;
  seq: number | null;
  kind: '转让' | '退出';
  signedOn: string;
  amount: string; // 元, 2 places
  words: string | null;
  area: string | null; // 亩
  pricePerMu: string | null;
  paymentDue: string | null;
  penaltyPerDayPerTenThousand: string | null;
  paid: string;
  outstanding: string;
  penalty: string; // 违约金 settled when the last instalment arrives late
  cancelled: boolean; // 原承包合同和权证已加盖作废章
}

export interface PaymentRecord {
  step: string;
  date: string;
  amount: string;
  lateDays: number;
}

export interface CaseState {
  format: typeof CASE_STATE_FORMAT;
  workflow: string; // Workflow.id
  policy: { id: string; hash: string };
  procedure: string;
  mode: string | null;
  status: CaseStatus;
  openedOn: string;
  place: { town: string; village: string; group: string };
  case: CaseData;
  steps: Record<string, StepState>;
  timers: Record<string, TimerState>;
  objections: ObjectionRecord[];
  votes: VoteRecord[];
  contract: ContractState | null;
  payments: PaymentRecord[];
  /** How the case ended (or completed): set by CaseClosed. */
  /** How the case ended; the reason as a message. */
  outcome: { on: string; status: CaseStatus; reason: Text; cite?: string } | null;
}

/** Events that cannot be folded into a case, said as a message (dsl/phrases/run.ts reduce.*). */
export class ReduceError extends TextError {
  override name = 'ReduceError';
  constructor(message: Message) {
    super(message);
  }
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The step an event is about; an event naming no step of the case cannot be applied. */
export function stepOf(s: CaseState, id: unknown): StepState {
  const st = typeof id === 'string' ? s.steps[id] : undefined;
  if (!st) throw new ReduceError(msg('reduce.unknownStep', { step: JSON.stringify(id) }));
  return st;
}
