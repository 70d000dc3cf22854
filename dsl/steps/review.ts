// 审核: its period is the deadline for the decision (and for written reasons when refused).
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'review',
  label: { zh: '审核', en: 'review' },
  takes: [],
  commands: ['recordReview'],
  completes: ['recordReview'],
  events: {
    ReviewDecided: { zh: '审核决定', en: 'Review decided' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
