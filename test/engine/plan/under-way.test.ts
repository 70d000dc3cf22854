// A plan of a case under way goes on from the case's last recorded fact, as the runner reads it
// (engine/run/guards.ts lastRecordedDate, the one definition): a part of a dual review decided
// counts, so the plan never dates the other part before it (a plan that read only the steps done
// sent the collective's assessment on the day the cooling-off ended, and the runner refused it
// as backdated).
import { describe, expect, it } from 'vitest';
import { planCase } from '../../../engine/plan/index.ts';
import { lastRecordedDate } from '../../../engine/run/index.ts';
import { contextFor, modelSchemeUnderReview } from '../run/fixtures.ts';

describe('planning a case under way', () => {
  it('the model scheme with its compliance review decided on 2026-03-10: the assessment is planned on that day, not before', () => {
    const r = modelSchemeUnderReview();
    r.ok('2026-03-10', 'recordComplianceReview', { approved: true });
    expect(r.status('review')).toBe('active');
    expect(lastRecordedDate(r.state)).toBe('2026-03-10');

    const { today: _today, ...context } = contextFor(r.p, '2026-03-10');
    const plan = planCase({ workflow: r.wf, state: r.state, context });
    expect(plan.steps.find((s) => s.step === 'review')).toMatchObject({ status: 'done', date: '2026-03-10' });
    expect(plan.completedOn).not.toBeNull();
  });
});
