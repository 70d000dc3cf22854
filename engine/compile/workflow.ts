// The workflow IR: what a checked policy's procedure becomes before a case runs through it. Plain,
// versioned JSON (no functions, no classes), so it can be stored in a case's first event, served
// over HTTP and diffed in a snapshot test. Guards name rule ids and timers name period parameters;
// engine/run gives them meaning.
import type { ProcedureKind } from '../../dsl/case-model.ts';
import type { Cite, Period, StepKind, VoteRule } from '../../dsl/policy-model.ts';
import type { StepCommand } from '../../dsl/steps/index.ts';
import type { Bilingual } from '../../dsl/message.ts';

export const WORKFLOW_VERSION = 1 as const;

/** A step kind's command (dsl/steps/), or one allowed in any open case. */
export type CommandType = StepCommand | 'terminate';

/** Where a timer starts counting (民法典第二百零一条: that day itself is not counted). */
export type TimerStart =
  | { on: 'step'; step: string } // the date another step was done
  | { on: 'activated' } // the date this step became active
  | { on: 'posted' } // the date a public notice was posted
  | { on: 'done' }; // the date this step itself was done (a written notice's notice period)

/**
 * What a timer means for the step that owns it:
 * - earliest: the act is allowed only from `end` (a 「…后」 act, or the close of a notice period);
 * - deadline: the act is due by `end`, later is overdue;
 * - window: an act (objection, withdrawal, re-entry) is allowed until `end`;
 * - notice: informational — the end of a notice period the household gave.
 */
export type TimerKind = 'earliest' | 'deadline' | 'window' | 'notice';

/**
 * A timer's id: its step and its role ("review:compliance", "notice:period", "review:deadline"),
 * unique in the workflow. The compiler names timers by it, a step kind finds its own by it.
 */
export function timerId(step: string, role: string): string {
  return `${step}:${role}`;
}

export interface TimerSpec {
  id: string; // timerId(step, role)
  step: string;
  kind: TimerKind;
  /** The commands this timer governs (refused outside it). */
  governs: CommandType[];
  /** Commands allowed only once a window has run out (ending a cooling-off period). */
  closes?: CommandType[];
  label: string; // Chinese
  /** The policy parameter holding the period, and its value as parsed. */
  parameter: string;
  period: Period;
  start: TimerStart;
  /** Give the first day a 「…后」 act is allowed (the day after the last day). */
  after: boolean;
  cite: Cite;
  /** 民法典第二百零四条: a counting rule the policy declares instead of the default. */
  override?: { rule: string; cite: Cite };
}

export interface GuardRule {
  id: string;
  label: string;
  cite: Cite;
  message: string;
}

export type GuardKind = 'eligibility' | 'consent' | 'vote' | 'registration';

export interface GuardSpec {
  id: string;
  kind: GuardKind;
  /**
   * The compiler's own guards (eligibility, consent, registration) in both languages; a vote guard
   * carries its step's label as the policy writes it.
   */
  label: Bilingual | string;
  /** Commands checked by the guard. */
  on: CommandType[];
  /** eligibility/consent: the procedure's (and mode's) eligibility rules, as the refusal cites them. */
  rules?: GuardRule[];
  /** vote: the rules a vote may be decided under (chosen by body and `when`). */
  votes?: VoteRule[];
  cite: Cite;
}

export interface WorkflowState {
  /** The step id as declared in the policy. */
  id: string;
  kind: StepKind;
  label: string;
  cite: Cite;
  /** Steps that must be done before this one becomes active. */
  after: string[];
  optional: boolean;
  /** An expression: the step applies only to cases where it holds (otherwise skipped). */
  when?: string;
  form?: string;
  /** Contract steps whose form is numbered (转让（2026）第 001 号): the series signContract draws from. */
  numbering?: '转让' | '退出';
  by?: string[];
  /** A case date path giving the step's date when a command does not say (e.g. exit.noticeDate). */
  defaultDate?: string;
  /** Commands allowed while this step is active. */
  commands: CommandType[];
  /** The command that completes the step. */
  completes: CommandType[];
  guards: string[];
  timers: string[];
  /**
   * A re-entry step: the share of the area given up that may be bought back (论文3.4: 「按原承包面积的
   * 一定比例」), from the policy's parameter with `compare: buyBackShare`, as an exact quotient.
   */
  buyBack?: { parameter: string; num: string; den: string; text: string; cite: Cite };
}

export interface CommandField {
  key: string;
  label: string;
  type: 'date' | 'string' | 'boolean' | 'integer' | 'decimal' | 'enum' | 'list' | 'object';
  required: boolean;
  unit?: string;
  values?: Record<string, string>;
}

export interface CommandSpec {
  type: CommandType;
  /**
   * What a clerk's button says, in each language (workflows stored before this was a text hold it
   * as one string in both languages: only a fresh compile's labels are shown).
   */
  label: Bilingual;
  fields: CommandField[];
}

export interface Workflow {
  version: typeof WORKFLOW_VERSION;
  /** "qinzhou@<hash12>/exit/permanent" — names the exact policy version. */
  id: string;
  policy: { id: string; hash: string; version: string; name: string; shortName: string; calendar: string[] };
  procedure: ProcedureKind;
  mode: string | null;
  label: string;
  cite: Cite;
  /** Steps active when the case opens. */
  initial: string[];
  states: WorkflowState[];
  guards: GuardSpec[];
  timers: TimerSpec[];
  /** Commands allowed in any open case, whatever the step (terminate; withdraw where a cooling-off exists). */
  anytime: CommandType[];
  commands: CommandSpec[];
  forms: { id: string; title: string; cite: Cite; step?: string }[];
}
