// The impact of a new policy version on the open cases pinned to the version it replaces: the one
// loop behind `landflow diff --db` and the policy editor's 发布前比较 (POST /api/policies/:id/diff).
// Cases pinned to any other version are counted, not compared: their own version is not the OLD
// side of this diff.
import type { Calendar } from '../calendar/index.ts';
import type { PinnedPolicy } from '../cases/policies.ts';
import type { CaseService } from '../cases/service.ts';
import { compileWorkflow } from '../compile/index.ts';
import { CLOSED_STATUSES, type CaseState } from '../run/index.ts';
import type { Store } from '../store/index.ts';
import { caseImpact, type CaseImpact } from './impact.ts';

export interface OpenCaseImpacts {
  /** The date deadlines are shown as of. */
  date: string;
  cases: CaseImpact[];
  /** Open cases of the policy pinned to other versions (not compared). */
  otherVersions: number;
}

export interface OpenCaseImpactInput {
  store: Store;
  cases: CaseService;
  policyId: string;
  /** The version hash the compared cases are pinned to (the OLD side). */
  oldHash: string;
  next: PinnedPolicy;
  calendarFor: (layers: string[]) => Calendar;
  today: string;
}

const PAGE = 500;

export async function openCaseImpacts(input: OpenCaseImpactInput): Promise<OpenCaseImpacts> {
  const { store, cases, next, today } = input;
  const out: CaseImpact[] = [];
  let otherVersions = 0;
  const calendar = input.calendarFor(next.policy.meta.calendar);
  for (let after: string | undefined; ;) {
    const page = await store.listCases({ policyId: input.policyId, limit: PAGE, ...(after ? { after } : {}) });
    // The index's status tells the closed cases: only the others are read whole.
    const closed = (l: (typeof page)[number]) => l.status !== null && (CLOSED_STATUSES as readonly string[]).includes(l.status);
    for (const rec of await store.getCases(page.filter((l) => !closed(l)).map((l) => l.id))) {
      const state = rec.state as CaseState;
      if (CLOSED_STATUSES.includes(state.status)) continue;
      if (rec.policyHash !== input.oldHash) {
        otherVersions++;
        continue;
      }
      const procedure = state.procedure as 'exit' | 'transfer';
      out.push(
        caseImpact({
          caseId: rec.id,
          state,
          old: { pinned: await cases.pinnedOf(rec), workflow: await cases.workflowOf(rec) },
          new: { pinned: next, workflow: compileWorkflow(next.policy, procedure, state.mode) },
          calendar,
          today,
        }),
      );
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  return { date: today, cases: out, otherVersions };
}
