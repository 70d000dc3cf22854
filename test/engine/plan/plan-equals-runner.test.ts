// A researcher's timeline and a clerk's case agree to the day (issue 13): for every bundled policy,
// procedure and mode, and for cases whose first date falls on an ordinary day, before 春节 and
// before 国庆, a clerk drives the pure runner day by day — coming in every day from the case's
// first date, sending every command the case page offers with what a clerk would enter, each as
// soon as the runner takes it — and the timeline `landflow compare` prints for the same household
// must give every step the day the clerk did it, every period the last day the clerk's timers
// have, and the day the case completed. The clerk here knows nothing of engine/plan: it only tries.
import { describe, expect, it } from 'vitest';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import { addDays, bundledCalendar } from '../../../engine/calendar/index.ts';
import { compileWorkflow, type Workflow } from '../../../engine/compile/index.ts';
import { compareCase } from '../../../engine/compare/case.ts';
import { allowedCommands, openCase, step, type CaseState } from '../../../engine/run/index.ts';
import { entries } from '../compare/helpers.ts';
import { contextFor, household, pinned, POLICY_IDS } from '../run/fixtures.ts';

const calendar = bundledCalendar();

/** The household with its first date (the written notice, or the application) on `first`. */
function caseFor(procedure: ProcedureKind, mode: string | null, first: string): CaseData {
  return household((c) => {
    if (mode) c.exit!.mode = mode as 'permanent';
    c.exit!.noticeDate = first;
    c.exit!.applicationDate = first;
    c.transfer!.applicationDate = first;
    c.transfer!.paymentDate = addDays(first, 120);
    if (procedure === 'transfer') c.transfer!.parcels = ['坡地'];
  });
}

/** What a clerk types for a command: each try in turn (a vote: each body the rules name, unanimous). */
function entered(wf: Workflow, state: CaseState, type: string, stepId: string | null, date: string): Record<string, unknown>[] {
  // Every yes-or-no of the form answered yes: the review approves, the negotiation agrees, both reviewers pass.
  const fields = wf.commands.find((c) => c.type === type)?.fields ?? [];
  const yes = Object.fromEntries(fields.filter((f) => f.required && f.type === 'boolean').map((f) => [f.key, true]));
  const base = { date, ...(stepId ? { step: stepId } : {}), ...yes };
  switch (type) {
    case 'recordVote': {
      const def = wf.states.find((s) => s.id === stepId)!;
      const rules = wf.guards.find((g) => g.kind === 'vote' && def.guards.includes(g.id))?.votes ?? [];
      return [...new Set(rules.flatMap((r) => r.body))].map((body) => ({
        ...base,
        body,
        entitled: 25,
        present: 25,
        yes: 25,
        no: 0,
        abstain: 0,
      }));
    }
    case 'signContract':
      return [base, { ...base, paymentDue: date }];
    case 'recordPayment':
      return [{ ...base, amount: state.contract && Number(state.contract.outstanding) > 0 ? state.contract.outstanding : '100.00' }];
    case 'recordConsent':
      return state.case.household.members
        .filter((m) => m.coOwner && m.consents !== true)
        .map((m) => ({ ...base, name: m.name, consents: true }));
    case 'reEnter':
      // A small part of one parcel given up, after the re-review: within any buy-back share.
      return [{ ...base, requalified: true, parcels: state.case.exit!.parcels.slice(0, 1), area: '0.01' }];
    default:
      return [base];
  }
}

// Other people's acts and the household's choices to end the case: never the clerk's to try here.
const NOT_THE_CLERKS = new Set(['terminate', 'withdraw', 'recordObjection']);

interface Driven {
  state: CaseState;
  /** The first day the runner took a re-entry (tried on a copy: doing it would end the case). */
  rightFrom: Record<string, string>;
}

function clerk(policy: string, procedure: ProcedureKind, mode: string | null, kase: CaseData, first: string): Driven {
  const p = pinned(policy);
  const wf = compileWorkflow(p.policy, procedure, mode);
  const opened = openCase(wf, kase, contextFor(p, first));
  if (!opened.ok) throw new Error(`open refused: ${opened.refusal.message}`);
  let state = opened.state;
  const rightFrom: Record<string, string> = {};
  const rights = wf.states.filter((s) => s.commands.includes('reEnter')).map((s) => s.id);
  for (let day = first; day <= addDays(first, 400); day = addDays(day, 1)) {
    for (let moved = true; moved;) {
      moved = false;
      for (const c of allowedCommands(wf, state).filter((x) => !NOT_THE_CLERKS.has(x.type))) {
        for (const payload of entered(wf, state, c.type, c.step, day)) {
          const r = step(wf, state, { type: c.type, payload }, contextFor(p, day));
          if (!r.ok) continue;
          if (c.type === 'reEnter') {
            rightFrom[c.step!] ??= day;
            break;
          }
          state = r.state;
          moved = true;
          break;
        }
        if (moved) break;
      }
    }
    const settled = wf.states.every(
      (s) => ['done', 'skipped'].includes(state.steps[s.id]!.status) || (rights.includes(s.id) && rightFrom[s.id]),
    );
    if (state.status !== 'open' && settled) break;
  }
  return { state, rightFrom };
}

const CASES: { policy: string; procedure: ProcedureKind; mode: string | null }[] = POLICY_IDS.flatMap((id) => {
  const { policy } = pinned(id);
  return (['exit', 'transfer'] as const).flatMap((procedure) => {
    const proc = policy.procedures[procedure];
    if (!proc) return [];
    return (proc.modes.length ? proc.modes.map((m) => m.id) : [null]).map((mode) => ({ policy: id, procedure, mode }));
  });
});

// An ordinary day, the Friday before 春节 2026 (a 调休 Saturday follows), and the eve of 国庆 2026.
const FIRST_DAYS = ['2026-01-15', '2026-02-13', '2026-09-30'];

describe('the timeline is the clerk’s case, day for day', () => {
  it('covers every bundled policy, procedure and mode', () => {
    expect(CASES.map((c) => `${c.policy}/${c.procedure}${c.mode ? `/${c.mode}` : ''}`)).toEqual([
      'qinzhou/exit/permanent',
      'qinzhou/transfer',
      'liangping/exit/permanent',
      'pingluo/exit/permanent',
      'neijiang/exit/permanent',
      'leling/exit/permanent',
      'leling/exit/currentTerm',
      'model-scheme/exit/custody',
      'model-scheme/exit/currentTerm',
      'model-scheme/exit/permanent',
    ]);
  });

  for (const { policy, procedure, mode } of CASES) {
    for (const first of FIRST_DAYS) {
      it(`${policy} ${procedure}${mode ? ` ${mode}` : ''} from ${first}`, () => {
        const kase = caseFor(procedure, mode, first);
        const { state, rightFrom } = clerk(policy, procedure, mode, kase, first);
        const [r] = compareCase({ entries: entries(policy), kase, procedure, ...(mode ? { mode } : {}), calendar });
        const wf = compileWorkflow(pinned(policy).policy, procedure, mode);
        expect(state.status).toBe('completed');

        // Every step on the day the clerk did it (a re-entry: the first day the runner would take it).
        const clerkDays = Object.fromEntries(
          wf.states.map((s) => {
            const st = state.steps[s.id]!;
            return [s.id, st.status === 'skipped' ? 'skipped' : st.status === 'done' ? st.doneOn : (rightFrom[s.id] ?? null)];
          }),
        );
        const timelineDays = Object.fromEntries(r!.timeline.map((e) => [e.step, e.skipped ? 'skipped' : e.date]));
        expect(timelineDays).toEqual(clerkDays);
        expect(r!.completeBy).toBe(state.outcome!.on);
        expect(r!.timeline.map((e) => e.error ?? null)).toEqual(r!.timeline.map(() => null));

        // Every period the runner set for the clerk ends where the timeline says (the first one also as periodEnd).
        for (const e of r!.timeline.filter((x) => x.periods.length))
          expect([e.countedFrom, e.periodEnd ?? null]).toEqual([e.periods[0]!.countedFrom, e.periods[0]!.lastDay]);
        for (const spec of wf.timers) {
          const t = state.timers[spec.id];
          const e = r!.timeline.find((x) => x.step === spec.step)!;
          if (!t) {
            expect(e.skipped, `${spec.id} was never set: its step is skipped`).toBe(true);
            continue;
          }
          if (spec.governs.includes('recordObjection')) expect(e.objectionsUntil, spec.id).toBe(t.end);
          else {
            const shown = e.periods.find((p) => p.timer === spec.id);
            expect([shown?.countedFrom, shown?.lastDay], spec.id).toEqual([t.start, t.lastDay]);
          }
        }
      });
    }
  }
});
