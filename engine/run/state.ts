// A case's state is the fold of its events: `reduce` below is the only code that changes it, and
// every event carries the facts it needs (computed deadlines included), so replaying the stored
// events gives back the stored snapshot byte for byte — `landflow audit verify` checks exactly that.
// Plain JSON throughout: no undefined values, no classes.
import type { CaseData, Vote } from '../../dsl/case-model.ts';
import type { TimerKind } from '../compile/workflow.ts';

export const CASE_STATE_FORMAT = 1 as const;

export type CaseStatus = 'open' | 'completed' | 'refused' | 'withdrawn' | 'terminated' | 'reentered';

export const CLOSED_STATUSES: readonly CaseStatus[] = ['refused', 'withdrawn', 'terminated', 'reentered'];

export interface StepState {
  status: 'pending' | 'active' | 'done' | 'skipped';
  activatedOn?: string;
  doneOn?: string;
  /** Public notices: the day it was posted. */
  postedOn?: string;
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
  explanation: string[];
  cite: string;
  /**
   * 暂定: `end` relies on a year whose official arrangement was not known (engine/calendar
   * Deadline.provisional); re-checked at each step until the calendar confirms or changes it.
   */
  provisional?: boolean;
  /** Why `end` is null (e.g. no holiday calendar for 2051); recomputed when a command needs it. */
  error?: string;
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
  detail: string;
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
  outcome: { on: string; status: CaseStatus; reason: string; cite?: string } | null;
}

export interface EventInput {
  type: string;
  payload: Record<string, unknown>;
}

export class ReduceError extends Error {
  override name = 'ReduceError';
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function need(state: CaseState | undefined, type: string): CaseState {
  if (!state) throw new ReduceError(`事件 ${type} 出现在 CaseOpened 之前 event ${type} before CaseOpened`);
  return state;
}

function stepOf(s: CaseState, id: unknown): StepState {
  const st = typeof id === 'string' ? s.steps[id] : undefined;
  if (!st) throw new ReduceError(`未知步骤 unknown step ${JSON.stringify(id)}`);
  return st;
}

/** Drops undefined fields so that the fold and the stored snapshot serialise alike. */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Applies one event to the state. Pure: returns a new state, never mutates its argument. */
export function reduce(prev: CaseState | undefined, event: { type: string; payload: unknown }): CaseState {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are not yet typed per command (issue #13: typed commands and events)
  const p = (event.payload ?? {}) as Record<string, any>;
  if (event.type === 'CaseOpened') {
    if (prev) throw new ReduceError('CaseOpened 只能是第一个事件 CaseOpened must be the first event');
    return {
      format: CASE_STATE_FORMAT,
      workflow: p.workflow.id,
      policy: { id: p.workflow.policy.id, hash: p.workflow.policy.hash },
      procedure: p.workflow.procedure,
      mode: p.workflow.mode ?? null,
      status: 'open',
      openedOn: p.on,
      place: clone(p.place),
      case: clone(p.case),
      steps: Object.fromEntries((p.workflow.states as { id: string }[]).map((st) => [st.id, { status: 'pending' }])),
      timers: {},
      objections: [],
      votes: [],
      contract: null,
      payments: [],
      outcome: null,
    };
  }
  const s = clone(need(prev, event.type));
  switch (event.type) {
    case 'StepActivated': {
      const st = stepOf(s, p.step);
      st.status = 'active';
      st.activatedOn = p.on;
      break;
    }
    case 'StepCompleted': {
      const st = stepOf(s, p.step);
      st.status = 'done';
      st.doneOn = p.on;
      if (p.result) st.result = clone(p.result);
      break;
    }
    case 'StepSkipped': {
      const st = stepOf(s, p.step);
      st.status = 'skipped';
      st.doneOn = p.on;
      st.result = { reason: p.reason };
      break;
    }
    case 'TimerSet':
      s.timers[p.timer.id] = clone(p.timer);
      break;
    case 'CaseClosed':
      s.status = p.status;
      s.outcome = defined({ on: p.on, status: p.status, reason: p.reason, cite: p.cite });
      break;
    case 'ApplicationSubmitted':
    case 'WrittenNoticeReceived':
      if (p.case) s.case = clone(p.case);
      break;
    case 'ConsentRecorded': {
      for (const m of s.case.household.members) if (m.name === p.name) m.consents = p.consents;
      break;
    }
    case 'PublicNoticePosted':
      stepOf(s, p.step).postedOn = p.date;
      break;
    case 'ObjectionRecorded':
      s.objections.push({ step: p.step, date: p.date, by: p.by, text: p.text });
      break;
    case 'NegotiationRecorded':
      if (p.agreed && s.case.exit) {
        if (p.pricePerMu !== undefined) s.case.exit.negotiatedPricePerMu = p.pricePerMu;
        if (p.payer !== undefined) s.case.exit.payer = p.payer;
      }
      break;
    case 'VoteRecorded':
      s.votes.push(
        defined({
          step: p.step,
          date: p.date,
          vote: clone(p.vote),
          passed: p.passed,
          decidedBy: p.decidedBy,
          cite: p.cite,
          detail: p.detail,
        }),
      );
      if (s.case.exit) s.case.exit.vote = clone(p.vote);
      break;
    case 'ContractSigned':
      s.contract = {
        number: p.number ?? null,
        year: p.year ?? null,
        seq: p.seq ?? null,
        kind: p.kind,
        signedOn: p.date,
        amount: p.amount,
        words: p.words ?? null,
        area: p.area ?? null,
        pricePerMu: p.pricePerMu ?? null,
        paymentDue: p.paymentDue ?? null,
        penaltyPerDayPerTenThousand: p.penaltyPerDayPerTenThousand ?? null,
        paid: '0.00',
        outstanding: p.amount,
        penalty: '0.00',
        cancelled: false,
      };
      break;
    case 'PaymentRecorded':
      if (p.separate) {
        s.payments.push({ step: p.step, date: p.date, amount: p.amount, lateDays: 0 });
        break;
      }
      if (!s.contract) throw new ReduceError('付款前没有合同 a payment before any contract');
      s.payments.push({ step: p.step, date: p.date, amount: p.amount, lateDays: p.lateDays });
      s.contract.paid = p.paidTotal;
      s.contract.outstanding = p.outstanding;
      if (p.penalty !== undefined) s.contract.penalty = p.penalty;
      break;
    case 'ContractCancelled':
      if (s.contract) s.contract.cancelled = true;
      break;
    // Facts kept in the trail only; the step's result (StepCompleted) carries what the state needs.
    case 'PublicNoticeClosed':
    case 'ReviewDecided':
    case 'WaitingEnded':
    case 'CoolingOffEnded':
    case 'FiledWithTown':
    case 'RegistrationRecorded':
    case 'Withdrawn':
    case 'ReEntered':
    case 'Terminated':
      break;
    default:
      throw new ReduceError(`未知事件类型 unknown event type: ${event.type}`);
  }
  return s;
}

/** The state after all the events, in order (undefined for none). */
export function fold(events: readonly { type: string; payload: unknown }[], from?: CaseState): CaseState | undefined {
  let s = from;
  for (const e of events) s = reduce(s, e);
  return s;
}
