// 审核: its period is the deadline for the decision (and for written reasons when refused).
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'review',
  label: { zh: '审核', en: 'review' },
  takes: [],
  commands: ['recordReview'],
  completes: ['recordReview'],
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
