// 书面申请: the case opens with the household's written application.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'application',
  label: { zh: '申请', en: 'application' },
  takes: [],
  commands: ['submitApplication'],
  completes: ['submitApplication'],
  events: {
    ApplicationSubmitted: { zh: '提交书面申请', en: 'Written application submitted' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
