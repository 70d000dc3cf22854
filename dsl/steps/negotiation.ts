// 公开协商: the price and payer agreed.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'negotiation',
  label: { zh: '协商', en: 'negotiation' },
  takes: [],
  commands: ['recordNegotiation'],
  completes: ['recordNegotiation'],
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
