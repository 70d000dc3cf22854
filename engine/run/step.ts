// The pure core: step(workflow, case, command, context) → the new case and its events, or a
// refusal naming the rule and article. Nothing here reads a clock, a file or a database: today,
// the calendar, the user, the pinned policy's evaluation and the contract-number allocator come
// in the context. The state returned is always the fold of the events returned.
import type { CaseData } from '../../dsl/case-model.ts';
import type { StepCommand } from '../../dsl/steps/index.ts';
import { COMMANDS } from '../compile/commands.ts';
import type { CommandType, Workflow, WorkflowState } from '../compile/workflow.ts';
import { checkPayload } from './payload.ts';
import { caseDateOf, doneBefore, type Ctx } from './context.ts';
import { ev, type CaseEvent } from './events.ts';
import { checkDateOrder, checkGuards, checkNotFuture, checkTimers } from './guards.ts';
import { fold, Folding, reduce } from './reduce.ts';
import type { Command, Refusal, RunContext, StepResult } from './result.ts';
import { CLOSED_STATUSES, clone, type CaseState } from './state.ts';
import type { ConsentEntry } from './steps/kind.ts';
import { STEP_COMMAND_DEFS } from './steps/index.ts';
import { dueTimers } from './timers.ts';
import { msg } from '../../dsl/message.ts';

const refuse = (r: Refusal): { ok: false; refusal: Refusal } => ({ ok: false, refusal: r });

/** What step() reads of any command's payload before the command's own handler does. */
interface GeneralFields {
  date?: string;
  step?: string;
  case?: CaseData;
  consents?: ConsentEntry[];
}

// ——— applying consents and case replacements

function applyConsents(kase: CaseData, consents: ConsentEntry[]): CaseData | Refusal {
  const next = clone(kase);
  for (let i = 0; i < consents.length; i++) {
    const { name, consents: yes } = consents[i]!;
    const members = next.household.members.filter((m) => m.name === name);
    if (members.length === 0) {
      return {
        code: 'BAD_PAYLOAD',
        kind: 'invalid',
        path: `/payload/consents/${i}/name`,
        message: msg('run.noMember', { name }),
      };
    }
    for (const m of members) m.consents = yes;
  }
  return next;
}

function samePlace(a: CaseData, b: CaseData): boolean {
  const x = a.household.collective;
  const y = b.household.collective;
  return x.town === y.town && x.village === y.village && x.group === y.group;
}

// ——— progression

/** Activates steps whose prerequisites are done, sets timers, notes completion: its events, applied to `folding`. */
function advance(wf: Workflow, folding: Folding, on: string, run: RunContext): CaseEvent[] {
  const events: CaseEvent[] = [];
  const apply = (e: CaseEvent) => {
    events.push(e);
    folding.apply(e);
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const def of wf.states) {
      const state = folding.state;
      if (state.steps[def.id]?.status !== 'pending') continue;
      const ready = def.after.every((a) => state.steps[a]?.status === 'done' || state.steps[a]?.status === 'skipped');
      if (!ready) continue;
      if (def.when && run.holds && !run.holds(def.when, state.case)) {
        apply(ev('StepSkipped', { step: def.id, on, reason: msg('run.skippedWhen', { when: def.when }) }));
      } else {
        apply(ev('StepActivated', { step: def.id, on }));
      }
      changed = true;
    }
  }
  for (const t of dueTimers(wf, folding.state, run.calendar)) apply(ev('TimerSet', { timer: t }));
  const state = folding.state;
  if (state.status === 'open') {
    const required = wf.states.filter((s) => !s.optional);
    if (required.every((s) => state.steps[s.id]?.status === 'done' || state.steps[s.id]?.status === 'skipped')) {
      apply(ev('CaseClosed', { status: 'completed', on, reason: msg('run.allDone'), cite: wf.cite }));
    }
  }
  return events;
}

/** Opens a case: the CaseOpened event (the workflow is pinned in it) and the first steps. */
export function openCase(wf: Workflow, kase: CaseData, run: RunContext): StepResult {
  const place = kase?.household?.collective;
  if (!place || typeof place.town !== 'string' || typeof place.village !== 'string' || typeof place.group !== 'string') {
    return refuse({
      code: 'BAD_PAYLOAD',
      kind: 'invalid',
      path: '/case/household/collective',
      message: msg('run.noPlace', { place: '{town, village, group}' }),
    });
  }
  if (wf.procedure === 'exit' && !kase.exit) {
    return refuse({
      code: 'BAD_PAYLOAD',
      kind: 'invalid',
      path: '/case/exit',
      message: msg('run.noExit'),
    });
  }
  if (wf.procedure === 'transfer' && !kase.transfer) {
    return refuse({
      code: 'BAD_PAYLOAD',
      kind: 'invalid',
      path: '/case/transfer',
      message: msg('run.noTransfer'),
    });
  }
  const opened = ev('CaseOpened', {
    workflow: wf,
    case: kase,
    place: { town: place.town, village: place.village, group: place.group },
    on: run.today,
    by: run.user,
  });
  const folding = new Folding(reduce(undefined, opened), true);
  const later = advance(wf, folding, run.today, run);
  return { ok: true, state: folding.state, events: [opened, ...later] };
}

/** Runs one command against a case. */
export function step(wf: Workflow, state: CaseState, command: Command, run: RunContext): StepResult {
  if (!command || typeof command.type !== 'string' || !Object.hasOwn(COMMANDS, command.type)) {
    return refuse({
      code: 'BAD_COMMAND',
      kind: 'invalid',
      path: '/type',
      message: msg('run.unknownCommand', {
        command: JSON.stringify(command?.type) ?? 'undefined',
        known: wf.commands.map((c) => c.type).join(', '),
      }),
    });
  }
  const type = command.type as CommandType;
  if (CLOSED_STATUSES.includes(state.status)) {
    return refuse({
      code: 'CASE_CLOSED',
      kind: 'notAllowedNow',
      message: msg('run.closed', { status: state.status, reason: state.outcome?.reason ?? state.status }),
      ...(state.outcome?.cite ? { cite: state.outcome.cite } : {}),
    });
  }
  const checked = checkPayload(COMMANDS[type], command.payload);
  if ('code' in checked) return refuse(checked);
  // The fields every command may carry, as checkPayload checked them against the command's fields.
  const p = checked.payload as Record<string, unknown> & GeneralFields;

  if (type === 'terminate') {
    const date = p.date ?? run.today;
    const future = checkNotFuture(date, run.today);
    if (future) return refuse(future);
    const backdated = checkDateOrder(state, date);
    if (backdated) return refuse(backdated);
    const reason = String(p.reason);
    const events = [
      ev('Terminated', { date, reason }),
      ev('CaseClosed', { status: 'terminated', on: date, reason: msg('run.terminated', { reason }) }),
    ];
    return { ok: true, state: fold(events, state)!, events };
  }

  const candidates = wf.states.filter((d) => d.commands.includes(type) && state.steps[d.id]?.status === 'active');
  let def: WorkflowState | undefined;
  if (p.step !== undefined) {
    def = candidates.find((d) => d.id === p.step);
    if (!def) {
      if (!wf.states.some((d) => d.id === p.step)) {
        return refuse({
          code: 'BAD_PAYLOAD',
          kind: 'invalid',
          path: '/payload/step',
          message: msg('run.noStep', { step: p.step, known: wf.states.map((d) => d.id).join(', ') }),
        });
      }
      const other = wf.states.find((d) => d.id === p.step)!;
      return refuse(notAllowed(wf, state, type, other));
    }
  } else {
    def = candidates.find((d) => !d.optional) ?? candidates[0];
  }
  if (!def) return refuse(notAllowed(wf, state, type));
  if (state.status === 'completed' && !def.optional) return refuse(notAllowed(wf, state, type));
  const st = state.steps[def.id]!;

  // A replaced case or consents change the facts the guards look at.
  let kase = state.case;
  if (p.case !== undefined) {
    const next = p.case;
    if (!next.household?.collective || !samePlace(next, state.case)) {
      return refuse({
        code: 'BAD_PAYLOAD',
        kind: 'invalid',
        path: '/payload/case/household/collective',
        message: msg('run.movePlace'),
      });
    }
    kase = next;
  }
  if (p.consents?.length) {
    const applied = applyConsents(kase, p.consents);
    if ('code' in applied) return refuse(applied);
    kase = applied;
  }
  if (kase !== state.case) p.case = kase;
  delete p.consents;

  const caseDate = caseDateOf(def, kase);
  const date = p.date ?? caseDate ?? run.today;
  const future = checkNotFuture(date, run.today);
  if (future) return refuse(future);
  // Not before the steps it follows were done; a first step may record what happened before the case was opened.
  const since = doneBefore(def, state);
  if (since && date < since) {
    return refuse({
      code: 'BAD_DATE',
      kind: 'refusedByRule',
      path: '/payload/date',
      message: msg('run.beforePrevious', { label: def.label, date, since }),
      cite: def.cite,
    });
  }
  const backdated = checkDateOrder(state, date, def.cite, caseDate);
  if (backdated) return refuse(backdated);

  const c: Ctx = { wf, state, def, st, p, date, run };

  const timers = checkTimers(c, type);
  if (timers.refusal) return refuse(timers.refusal);
  const guard = checkGuards(c, type, kase);
  if (guard) return refuse(guard);

  const out = STEP_COMMAND_DEFS[type].handle(c);
  if ('code' in out) return refuse(out);

  const events: CaseEvent[] = [];
  const folding = new Folding(state);
  const apply = (e: CaseEvent) => {
    events.push(e);
    folding.apply(e);
  };
  for (const e of timers.events) apply(e);
  for (const e of out.events) apply(e);
  if (out.complete) apply(ev('StepCompleted', { step: def.id, on: date, result: out.complete }));
  if (out.close) {
    apply(ev('CaseClosed', { status: out.close.status, on: date, reason: out.close.reason, cite: out.close.cite }));
    return { ok: true, state: folding.state, events };
  }
  const later = advance(wf, folding, date, run);
  return { ok: true, state: folding.state, events: [...events, ...later] };
}

function notAllowed(wf: Workflow, state: CaseState, type: StepCommand, named?: WorkflowState): Refusal {
  const owners = named ? [named] : wf.states.filter((d) => d.commands.includes(type));
  if (owners.length === 0) {
    const why = STEP_COMMAND_DEFS[type].absent ?? msg('run.noSuchCommand', { procedure: wf.label, type });
    return {
      code: 'NOT_ALLOWED',
      kind: 'notAllowedNow',
      message: msg('run.commandNot', { command: COMMANDS[type].label, why }),
      cite: wf.cite,
    };
  }
  if (named && !named.commands.includes(type)) {
    return {
      code: 'NOT_ALLOWED',
      kind: 'notAllowedNow',
      message: msg('run.stepTakesNo', { step: named.label, command: COMMANDS[type].label, id: named.id, type }),
      cite: named.cite,
    };
  }
  const d = owners.find((x) => state.steps[x.id]?.status === 'pending') ?? owners[0]!;
  const st = state.steps[d.id];
  const now = wf.states.filter((x) => state.steps[x.id]?.status === 'active').map((x) => x.label);
  const where =
    st?.status === 'done'
      ? msg('run.stepDone', { step: d.label, date: st.doneOn, id: d.id })
      : st?.status === 'skipped'
        ? msg('run.stepSkipped', { step: d.label, id: d.id })
        : state.status === 'completed'
          ? msg('run.caseComplete')
          : msg('run.stepWaits', { step: d.label, after: d.after.join('、'), afterEn: d.after.join(', '), id: d.id });
  return {
    code: 'NOT_ALLOWED',
    kind: 'notAllowedNow',
    message: msg('run.notNow', { command: COMMANDS[type].label, where, now: now.join('；') }),
    cite: d.cite,
  };
}
