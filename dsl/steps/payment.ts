// 支付: a payment against the contract price (or another amount the step stands for).
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'payment',
  label: { zh: '付款', en: 'payment' },
  takes: [],
  commands: ['recordPayment'],
  completes: ['recordPayment'],
  events: {
    PaymentRecorded: { zh: '记录付款', en: 'Payment recorded' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
