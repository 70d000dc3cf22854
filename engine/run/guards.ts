// Guards: the policy's eligibility and consent rules on the commands they cover, and the timers
// that allow a command only after a period (「…后」), only within a window, or mark it late.
import type { CaseData } from '../../dsl/case-model.ts';
import type { CommandType, TimerSpec } from '../compile/workflow.ts';
import { evaluateCase, type Ctx } from './context.ts';
import { ev, type CoreEvent } from './events.ts';
import type { Refusal } from './result.ts';
import type { CaseState, TimerState } from './state.ts';
import { computeTimer, timerStart } from './timers.ts';
import { msg, type Text } from '../../dsl/message.ts';

/** Eligibility and consent guards on this command: the first failed rule is the refusal. */
export function checkGuards(c: Ctx<unknown>, type: CommandType, kase: CaseData): Refusal | null {
  const guards = c.wf.guards.filter((g) => (g.kind === 'eligibility' || g.kind === 'consent') && g.on.includes(type));
  if (guards.length === 0) return null;
  const r = evaluateCase(c, kase);
  if ('code' in r) return r;
  if (r.eligible) return null;
  const failedIds = r.failed.map((f) => f.rule);
  for (const g of guards) {
    for (const rule of g.rules ?? []) {
      if (!failedIds.includes(rule.id)) continue;
      const given = r.failed.find((f) => f.rule === rule.id);
      // A consent refusal names who is still missing, so the clerk knows whose consent to record.
      const missing = g.kind === 'consent' ? kase.household.members.filter((m) => m.coOwner && m.consents !== true).map((m) => m.name) : [];
      return {
        code: g.kind === 'consent' ? 'CONSENT_MISSING' : 'NOT_ELIGIBLE',
        kind: 'refusedByRule',
        message: msg('run.ruleFailed', {
          message: given?.message ?? rule.message ?? rule.label,
          cite: rule.cite,
          id: rule.id,
          label: rule.label,
          missing: missing.join('、'),
          missingEn: missing.join(', '),
        }),
        cite: rule.cite,
        rule: rule.id,
      };
    }
  }
  const first = r.failed[0];
  return {
    code: 'NOT_ELIGIBLE',
    kind: 'refusedByRule',
    message: msg('run.notEligible', { rule: first?.rule ?? '?', message: first?.message }),
    cite: first?.cite ?? c.wf.cite,
    ...(first ? { rule: first.rule } : {}),
  };
}

/** The timer's end, recomputed when the calendar could not tell before (e.g. a year's data arrived). */
function timerNow(c: Ctx<unknown>, spec: TimerSpec): { timer?: TimerState; fresh?: TimerState } {
  const t = c.state.timers[spec.id];
  if (t && !t.error) return { timer: t };
  const start = t?.start ?? timerStart(spec, c.state);
  if (!start) return {};
  const fresh = computeTimer(spec, start, c.run.calendar);
  return { timer: fresh, fresh };
}

/** Timers of this step that govern the command: refuse outside their window. */
export function checkTimers(c: Ctx<unknown>, type: CommandType): { refusal?: Refusal; events: CoreEvent[] } {
  const events: CoreEvent[] = [];
  for (const spec of c.wf.timers.filter((t) => t.step === c.def.id)) {
    const closesWindow = spec.kind === 'window' && (spec.closes ?? []).includes(type);
    if (!spec.governs.includes(type) && !closesWindow) continue;
    if (spec.kind === 'deadline' || spec.kind === 'notice') continue; // lateness is recorded, not refused
    const { timer, fresh } = timerNow(c, spec);
    if (!timer) continue;
    if (timer.error || !timer.end) {
      // The calendar cannot place the last day yet; the nominal day still settles dates before it.
      const n = timer.nominal;
      if (n && c.date <= n && spec.kind === 'window' && !closesWindow) continue;
      if (n && c.date <= n) {
        return {
          events,
          refusal: {
            code: 'TOO_EARLY',
            kind: 'refusedByRule',
            message: msg('run.withinNominal', { label: timer.label, period: timer.period ?? undefined, date: c.date, nominal: n }),
            cite: spec.cite,
            explanation: timer.explanation,
          },
        };
      }
      return {
        events,
        refusal: {
          code: 'CALENDAR',
          kind: 'refusedByRule',
          message: timer.error ?? msg('run.cannotComputePeriod'),
          cite: spec.cite,
          explanation: timer.explanation,
        },
      };
    }
    if (fresh) events.push(ev('TimerSet', { timer: fresh }));
    if (spec.kind === 'earliest' && c.date < timer.end) {
      return {
        events,
        refusal: {
          code: 'TOO_EARLY',
          kind: 'refusedByRule',
          message: msg('run.tooEarly', { label: timer.label, period: timer.period ?? undefined, date: c.date, end: timer.end }),
          cite: spec.cite,
          explanation: timer.explanation,
        },
      };
    }
    if (spec.kind === 'window' && !closesWindow && c.date > timer.end) {
      return {
        events,
        refusal: {
          code: 'WINDOW_CLOSED',
          kind: 'refusedByRule',
          message: msg('run.windowClosed', { label: timer.label, period: timer.period ?? undefined, end: timer.end }),
          cite: spec.cite,
          explanation: timer.explanation,
        },
      };
    }
    if (closesWindow && c.date <= timer.end) {
      return {
        events,
        refusal: {
          code: 'TOO_EARLY',
          kind: 'refusedByRule',
          message: msg('run.onlyAfter', { label: timer.label, period: timer.period ?? undefined, end: timer.end }),
          cite: spec.cite,
          explanation: timer.explanation,
        },
      };
    }
  }
  return { events };
}

/**
 * The latest day a fact of the case is dated: a step done, a notice posted, an objection, a vote,
 * a signature, a payment. A command may not be dated before it, so the record reads in the order
 * things happened and a contract takes its number in the year it is signed, never in a year the
 * register has closed. Steps skipped are bookkeeping, not facts, and the case's opening day is the
 * day it was recorded: a first step may still record a notice received before the case was opened.
 */
export function lastRecordedDate(state: CaseState): string | undefined {
  let last: string | undefined;
  const see = (d: string | null | undefined) => {
    if (d && (!last || d > last)) last = d;
  };
  for (const st of Object.values(state.steps)) {
    if (st.status === 'done') see(st.doneOn);
    see(st.postedOn);
    for (const part of Object.values(st.parts ?? {})) see(part.date);
  }
  for (const o of state.objections) see(o.date);
  for (const v of state.votes) see(v.date);
  for (const p of state.payments) see(p.date);
  see(state.contract?.signedOn);
  return last;
}

/** The refusal for a command dated after today: nothing is recorded before it happened. */
export function checkNotFuture(date: string, today: string): Refusal | null {
  return date > today ? { code: 'BAD_PAYLOAD', kind: 'invalid', path: '/payload/date', message: msg('run.future', { date, today }) } : null;
}

/**
 * The refusal for a command dated before the case's last recorded fact, or before the date the
 * case itself gives the act (exit.noticeDate for the written notice: a notice dated 2026 cannot
 * be recorded as received in 2020), or null.
 */
export function checkDateOrder(state: CaseState, date: string, cite?: string, caseDate?: string): Refusal | null {
  const last = lastRecordedDate(state);
  const at = (message: Text): Refusal => ({
    code: 'BAD_DATE',
    kind: 'refusedByRule',
    path: '/payload/date',
    message,
    ...(cite ? { cite } : {}),
  });
  if (last && date < last) {
    return at(msg('run.backdated', { date, last }));
  }
  if (caseDate && date < caseDate) {
    return at(msg('run.beforeCaseDate', { date, caseDate }));
  }
  return null;
}
