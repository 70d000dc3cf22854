// No case the policy lets in gets stuck: for every bundled policy, cases of every payer, declared
// mode, whole or partial exit (or transfer), with or without the co-owners' consent and with the
// household facts eligibility reads, are driven by the pure step() from open toward completion —
// each time the commands allowedCommands offers, on the earliest day they allow, with a payload a
// clerk would send. Whenever nothing but 终止办理 (terminate) succeeds, the policy's own
// evaluation of the case must say it is not eligible. The static side of the same promise is
// `landflow check`'s coverage (dsl/check/coverage.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import { mainPaymentStep } from '../../../dsl/steps/index.ts';
import { compileWorkflow, type Workflow } from '../../../engine/compile/index.ts';
import { allowedCommands, openCase, step, type CaseState, type Refusal } from '../../../engine/run/index.ts';
import { contextFor, household, pinned, policies, POLICY_IDS } from './fixtures.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './fixtures.ts';

interface Facts {
  payer: 'group' | 'village' | 'county';
  mode: string;
  whole: boolean;
  consent: boolean;
  urbanHome: boolean;
  stableNonFarmIncome: boolean;
  socialInsurance: boolean;
  hukou: 'rural' | 'urban';
  nonFarmIncomeShare: string;
}

function caseOf(procedure: ProcedureKind, f: Facts): CaseData {
  return household((c) => {
    c.household.members[1]!.consents = f.consent;
    c.household.urbanHome = f.urbanHome;
    c.household.stableNonFarmIncome = f.stableNonFarmIncome;
    c.household.socialInsurance = f.socialInsurance;
    c.household.hukou = f.hukou;
    c.household.nonFarmIncomeShare = f.nonFarmIncomeShare;
    c.exit!.payer = f.payer;
    c.exit!.mode = f.mode as 'permanent';
    if (procedure === 'exit') c.exit!.parcels = f.whole ? ['门口田', '坡地'] : ['门口田'];
    else c.transfer!.parcels = f.whole ? ['门口田', '坡地'] : ['坡地'];
    // A custody application carries its own date, as a case file would.
    if (f.mode === 'custody') c.exit!.applicationDate = '2026-01-15';
  });
}

const later = (a: string, b: string | undefined) => (b && b > a ? b : a);

/** What a clerk sends for a command, or the payloads to try in turn (a vote: each body the step's rules name). */
function payloads(wf: Workflow, state: CaseState, type: string, stepId: string | null, date: string): Record<string, unknown>[] {
  const base = { date, ...(stepId ? { step: stepId } : {}) };
  switch (type) {
    case 'recordReview':
    case 'recordComplianceReview':
    case 'recordCollectiveAssessment':
      return [{ ...base, approved: true }];
    case 'recordNegotiation':
      return [{ ...base, agreed: true }];
    case 'recordVote': {
      const def = wf.states.find((s) => s.id === stepId)!;
      const rules = wf.guards.find((g) => g.kind === 'vote' && def.guards.includes(g.id))?.votes ?? [];
      const bodies = [...new Set(rules.flatMap((r) => r.body))];
      return bodies.map((body) => ({ ...base, body, entitled: 30, present: 30, yes: 30, no: 0, abstain: 0 }));
    }
    case 'signContract':
      return [{ ...base, paymentDue: later(date, state.case.transfer?.paymentDate) }];
    case 'recordPayment':
      return [{ ...base, amount: state.contract && stepId === mainPaymentStep(wf.states)?.id ? state.contract.outstanding : '100.00' }];
    case 'recordConsent':
      // Consent is a fact of the case: a member who did not consent does not consent later here.
      return state.case.household.members
        .filter((m) => m.coOwner && m.consents === true)
        .map((m) => ({ ...base, name: m.name, consents: true }));
    default:
      return [base];
  }
}

/** Commands that move a case on: not ending it, not the household's own rights to withdraw or re-enter, not objections. */
const PROGRESS = (type: string) => !['terminate', 'withdraw', 'reEnter', 'recordObjection'].includes(type);

interface Outcome {
  status: string;
  stuck?: { state: CaseState; refusals: Refusal[] };
}

/** Drives one case as far as it goes. */
function drive(policyId: string, procedure: ProcedureKind, kase: CaseData, opened: string): Outcome {
  const p = pinned(policyId);
  const wf = compileWorkflow(p.policy, procedure, procedure === 'exit' ? kase.exit!.mode : null);
  const first = openCase(wf, kase, contextFor(p, opened));
  if (!first.ok) throw new Error(`open refused: ${first.refusal.message}`);
  let state = first.state;
  let today = opened;
  for (let i = 0; i < 60 && state.status === 'open'; i++) {
    const allowed = allowedCommands(wf, state).filter((c) => PROGRESS(c.type));
    // Required steps first: an optional one (a premium, a re-entry) is the household's or the collective's choice.
    const ordered = [
      ...allowed.filter((c) => !wf.states.find((s) => s.id === c.step)?.optional),
      ...allowed.filter((c) => wf.states.find((s) => s.id === c.step)?.optional),
    ];
    const refusals: Refusal[] = [];
    let moved = false;
    for (const c of ordered) {
      const date = later(today, c.notBefore);
      for (const payload of payloads(wf, state, c.type, c.step, date)) {
        const r = step(wf, state, { type: c.type, payload }, contextFor(p, date));
        if (r.ok) {
          state = r.state;
          today = date;
          moved = true;
          break;
        }
        refusals.push(r.refusal);
      }
      if (moved) break;
    }
    if (!moved) return { status: state.status, stuck: { state, refusals } };
  }
  return { status: state.status };
}

function factsFor(modes: string[]): fc.Arbitrary<Facts> {
  return fc.record({
    payer: fc.constantFrom('group' as const, 'village' as const, 'county' as const),
    mode: fc.constantFrom(...(modes.length ? modes : ['permanent'])),
    whole: fc.boolean(),
    consent: fc.boolean(),
    urbanHome: fc.boolean(),
    stableNonFarmIncome: fc.boolean(),
    socialInsurance: fc.boolean(),
    hukou: fc.constantFrom('rural' as const, 'urban' as const),
    nonFarmIncomeShare: fc.constantFrom('0.30', '0.60', '0.90'),
  });
}

describe('no eligible case is left with only terminate (every bundled policy, every combination)', () => {
  for (const id of POLICY_IDS) {
    for (const procedure of ['exit', 'transfer'] as const) {
      const proc = pinned(id).policy.procedures[procedure];
      if (!proc) continue;
      it(`${id} ${procedure}: a case that stops short is one the policy's eligibility refuses`, () => {
        const seen = { completed: 0, stuck: 0 };
        fc.assert(
          fc.property(factsFor(proc.modes.map((m) => m.id)), (f) => {
            const kase = caseOf(procedure, f);
            const out = drive(id, procedure, kase, procedure === 'exit' ? '2026-01-15' : '2026-09-30');
            if (out.status === 'completed') seen.completed++;
            if (!out.stuck) return true;
            seen.stuck++;
            const evaluation = pinned(id).evaluate({ procedure, mode: procedure === 'exit' ? f.mode : null, kase: out.stuck.state.case });
            if (evaluation.eligible) {
              const active = Object.entries(out.stuck.state.steps)
                .filter(([, s]) => s.status === 'active')
                .map(([k]) => k);
              throw new Error(
                `eligible but stuck at ${active.join(', ')}: ${out.stuck.refusals.map((r) => `${r.code} ${r.message}`).join(' | ')}`,
              );
            }
            return true;
          }),
          { numRuns: 80, seed: 16 },
        );
        // Not vacuous: some cases go all the way.
        expect(seen.completed).toBeGreaterThan(0);
      });
    }
  }

  it('the finding: 钦州 without its payer rule (a group- or county-paid case voted on by nobody) no longer checks, so it can never be pinned and run', () => {
    const text = readFileSync(path.join(REPO, 'policies/qinzhou.yaml'), 'utf8')
      .replace(/      # 第十条第二项只写组集体支付[\s\S]*?本办法没有县级支付的规定\n/, '')
      .replace(/- when: 退出\.支付方 == "group"/g, '- when: 退出.支付方 == "village"');
    expect(() => policies().pin(text, 'qinzhou.yaml')).toThrow(/P641|表决步骤「approval」在以下情形没有 when 成立的表决规则/);
  });
});
