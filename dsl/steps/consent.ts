// 家庭共有人同意: done when every co-owner has consented.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'consent',
  label: { zh: '共有人同意', en: 'co-owner consent' },
  takes: [],
  commands: ['recordConsent'],
  completes: ['recordConsent'],
  events: {
    ConsentRecorded: { zh: '记录共有人意见', en: "Co-owner's consent recorded" },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  records: ['household.members.*.consents'],
  optionalByDefault: false,
});
