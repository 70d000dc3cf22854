// 等待期 (e.g. 半年后 公开协商): done only once its period has run out.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'waiting',
  label: { zh: '等待期', en: 'waiting period' },
  takes: [],
  needsPeriod: '等待',
  commands: ['endWaiting'],
  completes: ['endWaiting'],
  events: {
    WaitingEnded: { zh: '等待期届满', en: 'Waiting period over' },
  },
  timer: { rule: 'completion', waits: 'always' },
  optionalByDefault: false,
});
