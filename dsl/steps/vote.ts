// 表决: decided by its voting rules (votes:).
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'vote',
  label: { zh: '表决', en: 'vote' },
  takes: ['votes'],
  commands: ['recordVote'],
  completes: ['recordVote'],
  events: {
    VoteRecorded: { zh: '记录表决', en: 'Vote recorded' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  records: ['exit.vote'],
  optionalByDefault: false,
});
