// 书面申请: the case opens with the household's written application.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'application',
  label: { zh: '申请', en: 'application' },
  takes: [],
  commands: ['submitApplication'],
  completes: ['submitApplication'],
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
