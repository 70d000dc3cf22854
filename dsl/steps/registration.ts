// 变更或注销登记; `registration: byExtent` declares that the registration follows the exit's extent
// (a partial exit changes it, a full exit cancels it: 钦州第十六条).
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'registration',
  label: { zh: '登记', en: 'registration' },
  takes: ['registration'],
  commands: ['recordRegistration'],
  completes: ['recordRegistration'],
  events: {
    RegistrationRecorded: { zh: '变更或注销登记', en: 'Registration recorded' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
