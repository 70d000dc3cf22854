// The step kinds a policy may use: the registry every consumer derives from (the schema's kind
// enum, the checker's per-kind rules, the compiler's commands and timers, the UI's labels). What
// each kind does at run time is its module in engine/run/steps/, registered in the same order. The
// order is the documented order of docs/policy-format.md and the schema's enum.
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
import type { PeriodRole, StepKindDecl } from './kind.ts';

const DECLS = [
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
] as const;

type Decl = (typeof DECLS)[number];
export type StepKind = Decl['id'];
/** Every command some step kind accepts (its engine/run/steps/ module describes and handles each). */
export type StepCommand = Decl['commands'][number];
type EventsOf<D> = D extends { events: Readonly<Record<infer E, unknown>> } ? E : never;
/** Every event some step kind writes (its engine/run/steps/ module reduces each). */
export type StepEvent = EventsOf<Decl>;

export const STEP_KINDS: readonly StepKind[] = DECLS.map((d) => d.id);

export const STEP_KIND_DECLS = Object.fromEntries(DECLS.map((d) => [d.id, d])) as { [K in StepKind]: Extract<Decl, { id: K }> };

/** Whether a case may finish without the step: it says `optional: true`, or its kind is a household's right. */
export function isOptionalStep(s: { kind: StepKind; optional?: boolean }): boolean {
  return s.optional === true || STEP_KIND_DECLS[s.kind].optionalByDefault;
}

/**
 * The payment step that settles the contract price: the first obligatory one, else the first (an
 * insurance premium on another payment step is paid apart from the price). Read on the policy's
 * steps (the checker's coverage) and on the workflow's (engine/run/steps/payment.ts).
 */
export function mainPaymentStep<S extends { kind: StepKind; optional?: boolean }>(steps: readonly S[]): S | undefined {
  const pays = steps.filter((s) => s.kind === 'payment');
  return pays.find((s) => !isOptionalStep(s)) ?? pays[0];
}

/** The named periods a kind takes under `periods:`, by role (none for most kinds). */
export function periodRolesOf(kind: StepKind): Readonly<Record<string, PeriodRole<StepCommand>>> {
  const d: StepKindDecl<StepKind, StepCommand> = STEP_KIND_DECLS[kind];
  return d.periods ?? {};
}

/**
 * The period parameters a step names, each with the key that names it (`period`, `periods.<role>`):
 * what the checker resolves, the symbols link and rename, the compiler counts.
 */
export function periodRefs(s: { period?: string; periods?: Record<string, string> }): { key: string; name: string }[] {
  const refs = [
    { key: 'period', name: s.period },
    ...Object.entries(s.periods ?? {}).map(([role, name]) => ({ key: `periods.${role}`, name })),
  ];
  return refs.filter((r): r is { key: string; name: string } => r.name !== undefined);
}

export type { KindKey, PeriodRole, StepKindDecl, TimerRule, TimerStartOn } from './kind.ts';
