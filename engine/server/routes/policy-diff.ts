// 发布前比较: before an officer publishes a new text, what it changes in meaning and what it would do
// to the open cases pinned to the version it replaces — the same diff and impact as
// `landflow diff OLD NEW --db` (engine/diff). Nothing is written. Who may ask: whoever may edit the
// policy (engine/accounts/routes.ts classifies the POST as policy.edit on this policy).
import type { FastifyInstance } from 'fastify';
import type { Calendar } from '../../calendar/index.ts';
import { CaseError } from '../../cases/errors.ts';
import { PolicyRegistry, type PolicyCatalog } from '../../cases/policies.ts';
import type { CaseService } from '../../cases/service.ts';
import { openCaseImpacts } from '../../diff/open-cases.ts';
import { diffPolicies } from '../../diff/policy-diff.ts';
import type { Store } from '../../store/index.ts';
import { checkAsReplacing, sendPolicyErrors } from './policies.ts';
import { msg } from '../../../dsl/message.ts';
import { policyDiffResponse } from '../responses.ts';
import { idParams, policyDiffBody } from '../schemas.ts';

export interface PolicyDiffRouteOptions {
  policies: PolicyCatalog;
  cases: CaseService;
  store: Store;
  calendarFor: (layers: string[]) => Calendar;
}

export function policyDiffRoutes(app: FastifyInstance, opts: PolicyDiffRouteOptions): void {
  app.post<{ Params: { id: string }; Body: { source: string } }>(
    '/api/policies/:id/diff',
    {
      schema: {
        summary: 'Compare a new text of a policy with the current version, and its impact on open cases',
        tags: ['policies'],
        params: idParams,
        body: policyDiffBody,
        response: policyDiffResponse,
      },
    },
    async (req, reply) => {
      const current = opts.policies.get(req.params.id);
      const pinnedNow = current && opts.policies.current(req.params.id);
      if (!current) throw new CaseError('notFound', 'POLICY_NOT_FOUND', msg('http.unknownPolicy', { id: req.params.id }));
      if (!pinnedNow) {
        throw new CaseError('conflict', 'POLICY_HAS_ERRORS', msg('http.policyErrors.current'));
      }
      // Checked as the file it would replace, like a publish (examples not run: a diff is asked while typing).
      const { next } = checkAsReplacing(req.body.source, current.file, 'checkWithoutRunning');
      if (!next.policy) return sendPolicyErrors(reply, next, msg('http.policyErrors.next', { errors: next.errors }));
      const nextPinned = new PolicyRegistry([next]).current(next.id)!;
      const impact = await openCaseImpacts({
        store: opts.store,
        cases: opts.cases,
        policyId: current.id,
        oldHash: pinnedNow.hash,
        next: nextPinned,
        calendarFor: opts.calendarFor,
        today: opts.cases.today(),
      });
      return { policy: current.id, changes: diffPolicies(pinnedNow.policy, next.policy), impact };
    },
  );
}
