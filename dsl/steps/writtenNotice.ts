// 书面通知 (exit: 提前半年以上): the step is the notice itself; its period runs from the notice's date.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'writtenNotice',
  label: { zh: '书面通知', en: 'written notice' },
  takes: [],
  commands: ['receiveWrittenNotice'],
  completes: ['receiveWrittenNotice'],
  events: {
    WrittenNoticeReceived: { zh: '收到书面通知', en: 'Written notice received' },
  },
  timer: { rule: 'fixed', role: 'period', timer: 'notice', governs: [], start: 'done', after: false },
  optionalByDefault: false,
});
