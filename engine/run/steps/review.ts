// 审核 (dsl/steps/review.ts): approved, or refused with written reasons — which ends the case; its
// period is the deadline for the decision (and for the written reasons when refused).
import { lateness } from '../context.ts';
import { date, reasonsMissing } from './fields.ts';
import { stepKindTools } from './kind.ts';
import { msg } from '../../../dsl/message.ts';

interface Events {
  ReviewDecided: { step: string; date: string; approved: boolean; reasons?: string; late?: true; deadline?: string };
}

const { define, command, ev } = stepKindTools<'review', Events>();

export default define({
  kind: 'review',
  commands: {
    recordReview: command({
      label: { zh: '审核决定', en: 'review decision' },
      fields: [
        date,
        { key: 'approved', label: '同意', type: 'boolean', required: true },
        { key: 'reasons', label: '书面理由（不同意时必填）', type: 'string', required: false },
      ],
      handle: (c) => {
        const unreasoned = reasonsMissing(c, msg('run.reasonsRequired'));
        if (unreasoned) return unreasoned;
        const late = lateness(c);
        const events = [
          ev('ReviewDecided', {
            step: c.def.id,
            date: c.date,
            approved: c.p.approved,
            reasons: c.p.reasons,
            late: late ? true : undefined,
            deadline: late?.deadline,
          }),
        ];
        if (c.p.approved) return { events, complete: { date: c.date, approved: true } };
        return {
          events,
          close: {
            status: 'refused',
            reason: msg('run.reviewRefused', { reasons: c.p.reasons, late: late?.deadline }),
            cite: c.def.cite,
          },
        };
      },
      planned: () => [{ approved: true }],
    }),
  },
  // A fact kept in the trail only; the step's result (StepCompleted) or CaseClosed carries what the state needs.
  reducers: { ReviewDecided: () => {} },
});
