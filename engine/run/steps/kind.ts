// What a step kind means at run time, declared once per kind (engine/run/steps/<kind>.ts, beside
// its declaration in dsl/steps/<kind>.ts): the commands it accepts (their fields, which the server's
// request schemas and the UI's forms are built from, their handlers, and the planning rule: what a
// clerk sends when all goes the household's way, engine/plan), the events they write and how each
// changes the case (its reducers), what the compiler adds to a step of the kind (guards, numbering,
// a bound), and how the views show it. The types tie the module to its declaration: a command or
// event the declaration names and the module does not define, or a field the handler reads that
// the command does not carry, does not compile.
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import type { Policy, Step } from '../../../dsl/policy-model.ts';
import type { STEP_KIND_DECLS, StepKind } from '../../../dsl/steps/index.ts';
import type { CommandField, GuardSpec, Workflow, WorkflowState } from '../../compile/workflow.ts';
import type { Ctx, Outcome } from '../context.ts';
import { eventOf, type CaseEvent, type CoreEventPayloads, type EventUnion } from '../events.ts';
import type { Refusal, RunContext } from '../result.ts';
import type { CaseState, StepState, TimerState } from '../state.ts';
import type { DeadlineEntry } from '../views.ts';
import type { Bilingual, Text } from '../../../dsl/message.ts';

type Decl<K extends StepKind> = (typeof STEP_KIND_DECLS)[K];
/** The commands the kind's declaration names. */
export type CommandOf<K extends StepKind> = Decl<K>['commands'][number];
/** The events the kind's declaration names. */
export type EventOf<K extends StepKind> = keyof Decl<K>['events'] & string;

export interface ConsentEntry {
  name: string;
  consents: boolean;
}

/** The value a field carries once engine/run/payload.ts has checked it (decimals and dates as text). */
type ValueOf<F> = F extends { type: 'boolean' }
  ? boolean
  : F extends { type: 'integer' }
    ? number
    : F extends { type: 'enum'; values: infer V }
      ? Extract<keyof V, string>
      : F extends { type: 'list'; key: 'consents' }
        ? ConsentEntry[]
        : F extends { type: 'list' }
          ? string[]
          : F extends { type: 'object'; key: 'case' }
            ? CaseData
            : F extends { type: 'object' }
              ? Record<string, unknown>
              : string;

/** A command's payload as its fields describe it: required fields present, the others optional. */
export type PayloadOf<Fs extends readonly CommandField[]> = {
  [F in Fs[number] as F extends { required: true } ? F['key'] : never]: ValueOf<F>;
} & {
  [F in Fs[number] as F extends { required: true } ? never : F['key']]?: ValueOf<F>;
};

/** What the events of a kind may be: its own, and a timer it sets (a contract's payment date). */
export type Emitted<E> = EventUnion<E> | EventUnion<Pick<CoreEventPayloads, 'TimerSet'>>;

/** What the planning rule of a command sees: the step, the case as it stands, the day and the `when` reader. */
export interface PlanningView {
  wf: Workflow;
  def: WorkflowState;
  state: CaseState;
  date: string;
  holds?: RunContext['holds'];
}

export interface CommandDef<Fs extends readonly CommandField[], Ev> {
  /** What the clerk's button says, in each language. */
  label: Bilingual;
  fields: Fs;
  /** Why a workflow with no step taking the command refuses it (default: the procedure has no such command). */
  absent?: Text;
  handle(c: Ctx<PayloadOf<Fs>>): Outcome<Ev> | Refusal;
  /**
   * The planning rule (engine/plan): the payloads a clerk sends when all goes the household's way
   * (the review approves, the vote passes), in the order to try, without the date and step the
   * planner adds. Default: the command with no other field.
   */
  planned?(v: PlanningView): Partial<PayloadOf<Fs>>[];
}

/** A command as the runner dispatches it, whatever its kind: the payload checked against `fields` (engine/run/payload.ts). */
export interface RunnableCommand {
  label: Bilingual;
  fields: readonly CommandField[];
  absent?: Text;
  handle(c: Ctx): Outcome<CaseEvent> | Refusal;
  planned?(v: PlanningView): object[];
}

/** A command as a kind's module holds it, whatever its fields (each checked where it is declared, by `command`). */
interface DeclaredCommand<Ev> {
  label: Bilingual;
  fields: readonly CommandField[];
  absent?: Text;
  handle(c: Ctx<never>): Outcome<Ev> | Refusal;
  planned?(v: PlanningView): object[];
}

/** The fields every entry of a step in deadlines() carries. */
export type EntryBase = Pick<DeadlineEntry, 'step' | 'label' | 'cite' | 'optional'>;

/** An active step as deadlines() sees it. */
export interface ActiveStepView {
  wf: Workflow;
  def: WorkflowState;
  st: StepState;
  state: CaseState;
  today: string;
  /** The step's timers that are set: the workflow's and those a command set for it (a payment date agreed). */
  timers: TimerState[];
  base: EntryBase;
}

export interface KindView<C extends string> {
  /** Whether an active step offers the command now (default: every command of the step). */
  offers?(type: C, st: StepState): boolean;
  /** The step's entries in deadlines() while active, where the kind has its own (undefined: the general rule). */
  active?(v: ActiveStepView): DeadlineEntry[] | undefined;
  /** Lines a deadline of the step adds to its explanation (a payment's penalty so far). */
  dueNote?(state: CaseState, today: string): Text[];
}

/** What the compiler adds to a workflow state of the kind beside its commands and timers. */
export interface Compiled {
  guards?: GuardSpec[];
  numbering?: WorkflowState['numbering'];
  buyBack?: WorkflowState['buyBack'];
}

/** A kind's compiling rule: guards and state the compiler adds to a step of the kind. */
export type CompileRule = (x: { step: Step; policy: Policy; procedure: ProcedureKind }) => Compiled;

export interface StepRuntime<K extends StepKind, E extends { [T in EventOf<K>]: object }> {
  kind: K;
  commands: { [C in CommandOf<K>]: DeclaredCommand<Emitted<Pick<E, EventOf<K>>>> };
  /** How each event of the kind changes (a copy of) the case. */
  reducers: { [T in EventOf<K>]: (s: CaseState, p: E[T]) => void };
  /** Commands of the kind the procedure's eligibility and consent guards check, besides the first step's. */
  eligibilityOn?: readonly CommandOf<K>[];
  compile?: CompileRule;
  view?: KindView<CommandOf<K>>;
}

/**
 * The module of kind K whose events carry the payloads E, and the helpers its handlers use: a
 * command whose payload type follows from its fields, and the events it may write.
 */
export function stepKindTools<K extends StepKind, E extends { [T in EventOf<K>]: object }>() {
  type Ev = Emitted<Pick<E, EventOf<K>>>;
  return {
    define: (r: StepRuntime<K, E>): StepRuntime<K, E> => r,
    command: <const Fs extends readonly CommandField[]>(d: CommandDef<Fs, Ev>): CommandDef<Fs, Ev> => d,
    ev: eventOf<Pick<E, EventOf<K>> & Pick<CoreEventPayloads, 'TimerSet'>>(),
  };
}
