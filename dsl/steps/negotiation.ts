// 公开协商: the price and payer agreed.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'negotiation',
  label: { zh: '协商', en: 'negotiation' },
  takes: [],
  commands: ['recordNegotiation'],
  completes: ['recordNegotiation'],
  events: {
    NegotiationRecorded: { zh: '记录协商结果', en: 'Negotiation recorded' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  records: ['exit.negotiatedPricePerMu', 'exit.payer'],
  optionalByDefault: false,
});
