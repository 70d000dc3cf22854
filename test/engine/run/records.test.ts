// What a step kind writes into the case is declared once, in its declaration's `records`
// (dsl/steps/<kind>.ts), and the checker's coverage reads it there (dsl/check/coverage.ts, P643: a
// formula may count on a field an earlier step records). This test holds the declarations to the
// reducers of engine/run/steps/: every bundled policy's every procedure and mode is driven through
// the pure runner, each command sent with every optional field filled in, and each event applied
// on its own. A case field an event changes must be declared by the event's kind (core events
// change none), and every declared field must be changed by some run.
import { describe, expect, it } from 'vitest';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import { STEP_KIND_DECLS, STEP_KINDS, type StepKind } from '../../../dsl/steps/index.ts';
import { compileWorkflow, type Workflow } from '../../../engine/compile/index.ts';
import type { CommandField } from '../../../engine/compile/workflow.ts';
import { allowedCommands, openCase, reduce, step, type CaseEvent, type CaseState } from '../../../engine/run/index.ts';
import { STEP_COMMAND_DEFS } from '../../../engine/run/steps/index.ts';
import { contextFor, household, pinned, POLICY_IDS } from './fixtures.ts';

const KIND_OF_EVENT = new Map<string, StepKind>(STEP_KINDS.flatMap((k) => Object.keys(STEP_KIND_DECLS[k].events).map((e) => [e, k])));
const declared = (k: StepKind): readonly string[] => (STEP_KIND_DECLS[k] as { records?: readonly string[] }).records ?? [];

/** The leaf paths whose values differ between two cases, a list's items as `*`. */
function changedPaths(a: unknown, b: unknown, at = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => changedPaths(a[k], b[k], at ? `${at}.${/^\d+$/.test(k) ? '*' : k}` : k));
  }
  if (isObj(a) || isObj(b)) {
    // A record appears or disappears: each of its leaves changed (exit.vote written whole).
    return [...new Set(changedPaths(isObj(a) ? a : {}, isObj(b) ? b : {}, at))];
  }
  return a === b ? [] : [at];
}

/** A value of the field's type that the fixture's case does not hold already. */
function filled(f: CommandField, date: string): unknown {
  switch (f.type) {
    case 'date':
      return date;
    case 'string':
      return '测试';
    case 'boolean':
      return true;
    case 'integer':
      return 1;
    case 'decimal':
      return '12345';
    case 'enum':
      // The second value: the fixture holds the first (exit.payer group), and a county payer
      // would leave 钦州's vote without a rule.
      return Object.keys(f.values ?? {})[1];
    case 'list':
    case 'object':
      return undefined;
  }
}

/** A case holding none of the facts a step records: no negotiated price, no vote (the co-owners' consent is needed to open it). */
function blankCase(mode: string | null): CaseData {
  return household((c) => {
    delete c.exit!.negotiatedPricePerMu;
    delete c.exit!.vote;
    if (mode) c.exit!.mode = mode as 'permanent';
    if (mode === 'custody') c.exit!.applicationDate = '2026-01-15';
  });
}

const SKIP = new Set(['terminate', 'withdraw', 'reEnter', 'recordObjection']);
const later = (a: string, b: string | undefined) => (b && b > a ? b : a);

/** Drives one case to its end, calling `see` with each event and the case before and after it. */
function drive(policyId: string, wf: Workflow, kase: CaseData, see: (e: CaseEvent, before: CaseData, after: CaseData) => void): void {
  const p = pinned(policyId);
  let today = '2026-10-01'; // after the transfer's application date
  const first = openCase(wf, kase, contextFor(p, today));
  if (!first.ok) return;
  let state: CaseState = first.state;
  for (let i = 0; i < 80 && state.status === 'open'; i++) {
    let moved = false;
    for (const c of allowedCommands(wf, state).filter((x) => !SKIP.has(x.type))) {
      const date = later(today, c.notBefore);
      const def = wf.states.find((s) => s.id === c.step)!;
      const spec = STEP_COMMAND_DEFS[c.type as keyof typeof STEP_COMMAND_DEFS];
      if (!spec) continue;
      const plans = spec.planned?.({ wf, def, state, date, holds: contextFor(p, date).holds }) ?? [{}];
      const full = (plan: object) => {
        const out: Record<string, unknown> = {};
        for (const f of spec.fields) if (!f.required && f.key !== 'date' && f.key !== 'step') out[f.key] = filled(f, date);
        return { ...out, ...plan };
      };
      for (const payload of [...plans.map(full), ...plans]) {
        const r = step(
          wf,
          state,
          { type: c.type, payload: { date, ...(c.step ? { step: c.step } : {}), ...payload } },
          contextFor(p, date),
        );
        if (!r.ok) continue;
        let s = state;
        for (const e of r.events) {
          const next = reduce(s, e);
          see(e, s.case, next.case);
          s = next;
        }
        state = r.state;
        today = date;
        moved = true;
        break;
      }
      if (moved) break;
    }
    if (!moved) return;
  }
}

describe("a step kind's records are what its reducers write (dsl/steps/ records, engine/run/steps/ reducers)", () => {
  const seen = new Map<StepKind, Set<string>>(STEP_KINDS.map((k) => [k, new Set()]));
  const runs: { id: string; procedure: ProcedureKind; mode: string | null }[] = [];
  for (const id of POLICY_IDS)
    for (const procedure of ['exit', 'transfer'] as const) {
      const proc = pinned(id).policy.procedures[procedure];
      if (!proc) continue;
      const modes = procedure === 'exit' && proc.modes.length ? proc.modes.map((m) => m.id) : [null];
      for (const mode of modes) runs.push({ id, procedure, mode });
    }

  for (const { id, procedure, mode } of runs) {
    it(`${id} ${procedure}${mode ? ` ${mode}` : ''}: every case field an event changes is declared by its kind`, () => {
      const wf = compileWorkflow(pinned(id).policy, procedure, mode);
      let events = 0;
      drive(id, wf, blankCase(mode), (e, before, after) => {
        events++;
        if (e.type === 'CaseOpened') return;
        const changed = changedPaths(before, after);
        const kind = KIND_OF_EVENT.get(e.type);
        // The declared record a changed path lies in (exit.vote.yes in exit.vote), or undefined.
        const recordOf = (p: string) => (kind ? declared(kind).find((r) => p === r || p.startsWith(`${r}.`)) : undefined);
        expect(changed, `${e.type} (${kind ?? 'core event'})`).toEqual(changed.filter((p) => recordOf(p) !== undefined));
        for (const p of changed) seen.get(kind!)!.add(recordOf(p)!);
      });
      expect(events).toBeGreaterThan(3);
    });
  }

  it('every declared record is written by some bundled policy (consent, which none uses, by its reducer)', () => {
    const used = new Set(runs.flatMap(({ id, procedure }) => pinned(id).policy.procedures[procedure]!.steps.map((s) => s.kind)));
    expect(STEP_KINDS.filter((k) => !used.has(k))).toEqual(['consent']);
    for (const k of STEP_KINDS) if (used.has(k)) expect([...seen.get(k)!].sort(), k).toEqual([...declared(k)].sort());

    const p = pinned('qinzhou');
    const opened = openCase(compileWorkflow(p.policy, 'exit', 'permanent'), household(), contextFor(p, '2026-02-01'));
    if (!opened.ok) throw new Error('open refused');
    const waiting = structuredClone(opened.state);
    waiting.case.household.members[1]!.consents = false;
    const after = reduce(waiting, {
      type: 'ConsentRecorded',
      payload: { step: 'consent', date: '2026-02-01', name: waiting.case.household.members[1]!.name, consents: true },
    });
    expect(changedPaths(waiting.case, after.case)).toEqual([...declared('consent')]);
  });
});
