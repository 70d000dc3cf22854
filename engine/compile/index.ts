// Checked Policy → Workflow IR. One state per procedure step, active once every step in its
// `after:` list is done; the commands of each state come from its kind (commands.ts); guards name
// the eligibility rules and vote rules they enforce; timers name the period parameters they count.
// Pure: no fs, no clock.
import type { ProcedureKind } from '../../dsl/case-model.ts';
import type { Policy, Procedure, Rule, Step } from '../../dsl/policy-model.ts';
import { isFailure, legalTextMessage, readPeriod } from '../../dsl/legal-text/index.ts';
import { msg } from '../../dsl/message.ts';
import { isOptionalStep, periodRolesOf, STEP_KIND_DECLS } from '../../dsl/steps/index.ts';
import { STEP_RUNTIMES } from '../run/steps/index.ts';
import { COMMANDS, commandList, STEP_COMMANDS } from './commands.ts';
import { CompileError, noProcedureMessage, unknownModeMessage } from './errors.ts';
import {
  timerId,
  WORKFLOW_VERSION,
  type CommandType,
  type GuardSpec,
  type TimerSpec,
  type TimerStart,
  type Workflow,
  type WorkflowState,
} from './workflow.ts';

export * from './workflow.ts';
export { COMMANDS, STEP_COMMANDS } from './commands.ts';
export { CompileError, noProcedureMessage, unknownModeMessage } from './errors.ts';

/** Rules that ask for the co-owners' consent (钦州第十一条, 附件2). */
/** The consent guard is the rules that declare they implement co-owners' consent; ids and labels mean nothing. */
function isConsentRule(r: Rule): boolean {
  return r.implements.includes('coOwnerConsent');
}

const guardRule = (r: Rule) => ({ id: r.id, label: r.label, cite: r.cite, message: r.message });

function periodOf(policy: Policy, name: string, step: Step) {
  const p = policy.parameters.find((x) => x.name === name);
  if (!p) {
    throw new CompileError('BAD_PERIOD', msg('compile.undeclaredPeriod', { step: step.id, name }));
  }
  const text = p.value ?? '';
  const parsed = readPeriod(text);
  if (isFailure(parsed)) {
    throw new CompileError(
      'BAD_PERIOD',
      msg('compile.notAPeriod', { name, value: JSON.stringify(text), reason: legalTextMessage(parsed.error) }),
    );
  }
  return { parameter: p, period: parsed };
}

/** Declared order, checked to be a valid topological order of `after` (a checked policy is). */
function orderSteps(proc: Procedure): Step[] {
  const ids = new Set(proc.steps.map((s) => s.id));
  if (ids.size !== proc.steps.length)
    throw new CompileError('BAD_STEP', msg('compile.duplicateSteps', { procedure: msg(`proc.${proc.kind}`) }));
  for (const s of proc.steps) {
    for (const a of s.after ?? []) {
      if (!ids.has(a)) throw new CompileError('BAD_STEP', msg('compile.unknownAfter', { step: s.id, after: a }));
    }
  }
  const done = new Set<string>();
  const out: Step[] = [];
  let rest = [...proc.steps];
  while (rest.length) {
    const ready = rest.filter((s) => (s.after ?? []).every((a) => done.has(a)));
    if (ready.length === 0) {
      throw new CompileError('CYCLE', msg('compile.cycle', { steps: rest.map((s) => s.id).join(', ') }));
    }
    for (const s of ready) {
      out.push(s);
      done.add(s.id);
    }
    rest = rest.filter((s) => !done.has(s.id));
  }
  return out;
}

function timersOf(policy: Policy, proc: Procedure, step: Step): TimerSpec[] {
  const stepIds = new Set(proc.steps.map((s) => s.id));
  const { completes } = STEP_COMMANDS[step.kind];
  const fromStep = step.from && stepIds.has(step.from) ? step.from : undefined;
  const ownDate = step.from !== undefined && !fromStep; // a case date path: the step's own date
  const timers: TimerSpec[] = [];
  const base = (role: string, param: string) => {
    const { parameter, period } = periodOf(policy, param, step);
    return {
      id: timerId(step.id, role),
      step: step.id,
      parameter: param,
      period,
      label: parameter.label ?? param,
      cite: parameter.cite ?? step.cite,
      ...(step.countingOverride ? { override: step.countingOverride } : {}),
    };
  };
  const start = (fallback: TimerStart): TimerStart => (fromStep ? { on: 'step', step: fromStep } : ownDate ? { on: 'done' } : fallback);

  if (step.period) {
    const rule = STEP_KIND_DECLS[step.kind].timer;
    switch (rule.rule) {
      case 'fixed':
        timers.push({
          ...base(rule.role, step.period),
          kind: rule.timer,
          governs: commandList(rule.governs),
          ...(rule.closes ? { closes: commandList(rule.closes) } : {}),
          start: start({ on: rule.start }),
          after: rule.after,
        });
        break;
      case 'completion': {
        const waits = rule.waits === 'always' || step.allowedAfter === true;
        timers.push(
          waits
            ? { ...base('period', step.period), kind: 'earliest', governs: [...completes], start: start({ on: 'activated' }), after: true }
            : {
                ...base('deadline', step.period),
                kind: 'deadline',
                governs: [...completes],
                start: start({ on: 'activated' }),
                after: false,
              },
        );
        break;
      }
      default:
        rule satisfies never; // a new timer rule must be compiled here
    }
  }
  // The kind's named periods (a dual review: one deadline per reviewing body; a public notice's
  // objection window, counted from the posting), each governing its commands.
  for (const [role, decl] of Object.entries(periodRolesOf(step.kind))) {
    const param = step.periods?.[role];
    if (param === undefined) continue;
    timers.push({
      ...base(role, param),
      kind: decl.timer,
      governs: commandList(decl.governs),
      start: decl.start ? { on: decl.start } : start({ on: 'activated' }),
      after: decl.timer === 'earliest',
    });
  }
  return timers;
}

/**
 * Compiles one procedure of a checked policy (and one of its modes, default the first) into a
 * workflow. Throws CompileError for what a checked policy cannot contain (unknown step, cycle).
 */
export function compileWorkflow(policy: Policy, procedure: ProcedureKind, mode?: string | null): Workflow {
  const proc = policy.procedures[procedure];
  if (!proc) throw new CompileError('NO_PROCEDURE', noProcedureMessage(policy, procedure));
  const modes = proc.modes ?? [];
  let modeDecl = undefined as (typeof modes)[number] | undefined;
  if (mode != null && mode !== '') {
    modeDecl = modes.find((m) => m.id === mode);
    if (!modeDecl) throw new CompileError('UNKNOWN_MODE', unknownModeMessage(modes, mode));
  } else {
    modeDecl = modes[0];
  }

  const steps = orderSteps(proc);
  const rules = [...(proc.eligibility ?? []), ...(modeDecl?.eligibility ?? [])];
  const initial = steps.filter((s) => (s.after ?? []).length === 0).map((s) => s.id);
  const initialCommands = [...new Set(steps.filter((s) => initial.includes(s.id)).flatMap((s) => STEP_COMMANDS[s.kind].completes))];

  const guards: GuardSpec[] = [];
  const eligibilityRules = rules.filter((r) => !isConsentRule(r));
  const consentRules = rules.filter(isConsentRule);
  // The first steps' commands, and those a kind re-checks (signing a contract).
  const checkedOn: CommandType[] = [...new Set([...initialCommands, ...steps.flatMap((s) => STEP_RUNTIMES[s.kind].eligibilityOn ?? [])])];
  if (eligibilityRules.length) {
    guards.push({
      id: 'eligibility',
      kind: 'eligibility',
      label: { zh: '申请条件', en: 'eligibility' },
      on: checkedOn,
      rules: eligibilityRules.map(guardRule),
      cite: proc.cite,
    });
  }
  if (consentRules.length) {
    guards.push({
      id: 'consent',
      kind: 'consent',
      label: { zh: '家庭共有人同意', en: "co-owners' consent" },
      on: checkedOn,
      rules: consentRules.map(guardRule),
      cite: consentRules[0]!.cite,
    });
  }

  const timers: TimerSpec[] = [];
  const states: WorkflowState[] = steps.map((s) => {
    const { commands, completes } = STEP_COMMANDS[s.kind];
    const own: string[] = guards.filter((g) => g.on.some((c) => completes.includes(c))).map((g) => g.id);
    const extra = STEP_RUNTIMES[s.kind].compile?.({ step: s, policy, procedure }) ?? {};
    for (const g of extra.guards ?? []) {
      guards.push(g);
      own.push(g.id);
    }
    const mine = timersOf(policy, proc, s);
    timers.push(...mine);
    const stepIds = new Set(proc.steps.map((x) => x.id));
    const state: WorkflowState = {
      id: s.id,
      kind: s.kind,
      label: s.label,
      cite: s.cite,
      after: [...(s.after ?? [])],
      optional: isOptionalStep(s),
      commands: [...commands],
      completes: [...completes],
      guards: own,
      timers: mine.map((t) => t.id),
    };
    if (s.when) state.when = s.when;
    if (s.form) state.form = s.form;
    if (extra.numbering) state.numbering = extra.numbering;
    if (s.by?.length) state.by = [...s.by];
    if (s.from && !stepIds.has(s.from)) state.defaultDate = s.from;
    if (extra.buyBack) state.buyBack = extra.buyBack;
    return state;
  });

  // The cooling-off and re-entry windows are rights of the household, never obligations: they
  // stay optional, so the case completes once every obligatory step is done.
  const used = new Set<CommandType>(states.flatMap((s) => s.commands));
  const anytime: CommandType[] = ['terminate'];
  for (const c of anytime) used.add(c);

  return {
    version: WORKFLOW_VERSION,
    id: `${policy.meta.id}@${policy.hash.slice(0, 12)}/${procedure}${modeDecl ? `/${modeDecl.id}` : ''}`,
    policy: {
      id: policy.meta.id,
      hash: policy.hash,
      version: policy.meta.version,
      name: policy.meta.name,
      shortName: policy.meta.shortName,
      calendar: [...(policy.meta.calendar ?? ['national'])],
    },
    procedure,
    mode: modeDecl?.id ?? null,
    label: modeDecl ? `${proc.label}（${modeDecl.label}）` : proc.label,
    cite: proc.cite,
    initial,
    states,
    guards,
    timers,
    anytime,
    commands: [...used].map((t) => COMMANDS[t]),
    forms: policy.forms
      .filter((f) => f.procedure === procedure)
      .map((f) => {
        const step = steps.find((s) => s.form === f.id)?.id;
        return { id: f.id, title: f.title, cite: f.cite, ...(step ? { step } : {}) };
      }),
  };
}
