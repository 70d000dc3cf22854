// What a step kind is, declared once: its labels, the policy keys only it takes, the commands a
// clerk sends while it is active, the events it writes, the timer its period becomes, and whether
// a case may finish without it. The checker, the compiler, the schema generator and the UI all
// read these declarations (dsl/steps/index.ts); what the commands and events do at run time is the
// kind's module under engine/run/steps/ (CONTRIBUTING.md: add a step kind).
// Pure data: no Node, no engine imports (the browser and the checker load it).

/** Step keys that belong to one kind only; every other step key is accepted by all kinds. */
export type KindKey = 'votes' | 'registration';

/** Where a timer's period is counted from when the step has no `from:`. */
export type TimerStartOn = 'posted' | 'done' | 'activated';

/**
 * How the step's `period:` becomes a timer. `fixed`: one timer of the given kind whatever the
 * step says. `completion`: the period governs the commands that complete the step: an earliest
 * date when the act is allowed only after it (`always`, or when the step says `allowedAfter: true`),
 * otherwise a deadline.
 */
export type TimerRule<C extends string = string> =
  | {
      rule: 'fixed';
      role: 'period' | 'window';
      timer: 'earliest' | 'notice' | 'window';
      governs: readonly C[];
      closes?: readonly C[];
      start: TimerStartOn;
      after: boolean;
    }
  | { rule: 'completion'; waits: 'always' | 'ifAllowedAfter' };

/**
 * A period a step of the kind names under `periods.<role>` besides its `period:` (a dual review: one
 * deadline per reviewing body; a public notice's objection window), and the timer it becomes,
 * governing the commands given: counted from the step's start (or its `from:`), or from `start`.
 * Every role the kind declares is expected (P631) unless it is `optional`.
 */
export interface PeriodRole<C extends string = string> {
  label: { zh: string; en: string };
  timer: 'deadline' | 'earliest' | 'window';
  governs: readonly C[];
  /** Where the period is counted from, if not from the step's start: `posted` (a notice's posting day). */
  start?: 'posted';
  /** A step of the kind may leave the period out: no timer, and its commands are not bounded by one. */
  optional?: boolean;
}

export interface StepKindDecl<K extends string = string, C extends string = string, E extends string = string, R extends string = string> {
  id: K;
  label: { zh: string; en: string };
  /** The kind-specific keys this kind takes (see KindKey). */
  takes: readonly KindKey[];
  /** Set when the kind runs for a period and must declare one (P619); the noun the message uses. */
  needsPeriod?: string;
  /** The named periods it takes under `periods:` (see PeriodRole). */
  periods?: Readonly<Record<R, PeriodRole<C>>>;
  /** The commands accepted while the step is active, and those that complete it. */
  commands: readonly C[];
  completes: readonly C[];
  /** The events its commands write, with their names on the case page (never the internal type). */
  events: Readonly<Record<E, { zh: string; en: string }>>;
  timer: TimerRule<C>;
  /**
   * The case fields its events write into the case (dot paths, a list's items as `*`): a later
   * formula may read them without the case file bringing them (dsl/check/coverage.ts, P643). The
   * reducers of engine/run/steps/<kind>.ts write these and no others
   * (test/engine/run/records.test.ts).
   */
  records?: readonly string[];
  /** A household's right rather than an obligation: the case may finish without it. */
  optionalByDefault: boolean;
}

/** Keeps the literal types of a declaration (its id, command, event and period names). */
export function stepKind<const K extends string, const C extends string, const E extends string, const R extends string = never>(
  d: StepKindDecl<K, C, E, R>,
): StepKindDecl<K, C, E, R> {
  return d;
}
