// 支付 (dsl/steps/payment.ts): payments against the contract price — the step is done once nothing
// is outstanding, with the penalty for a late last instalment — or, on another payment step (an
// insurance premium), one payment recorded apart from the price.
import { Decimal } from 'decimal.js';
import { daysBetween } from '../../calendar/date.ts';
import { ReduceError, type CaseState } from '../state.ts';
import { date, note } from './fields.ts';
import { stepKindTools } from './kind.ts';
import { msg, type Message } from '../../../dsl/message.ts';
import { mainPaymentStep } from '../../../dsl/steps/index.ts';

const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

interface Events {
  PaymentRecorded:
    | { step: string; date: string; amount: string; separate: true; note?: string }
    | {
        step: string;
        date: string;
        amount: string;
        paidTotal: string;
        outstanding: string;
        lateDays: number;
        penalty?: string;
        /** A message; events recorded before it was one hold the line in both languages as a string. */
        penaltyExplanation?: Message | string;
        note?: string;
      };
}

const { define, command, ev } = stepKindTools<'payment', Events>();

/** 附件1: 「每延迟一天，按应支付费用总额的万分之＿承担违约金」 — the penalty so far on an unpaid contract. */
function penaltyToDate(state: CaseState, today: string): Message[] {
  const k = state.contract;
  if (!k?.paymentDue || !k.penaltyPerDayPerTenThousand || today <= k.paymentDue || new Decimal(k.outstanding).isZero()) return [];
  const days = daysBetween(k.paymentDue, today);
  const p = money(new Decimal(k.amount).times(k.penaltyPerDayPerTenThousand).div(10000).times(days));
  return [
    msg('view.penaltyToDate', {
      today,
      days,
      outstanding: k.outstanding,
      penalty: p,
      amount: k.amount,
      rate: k.penaltyPerDayPerTenThousand,
    }),
  ];
}

export default define({
  kind: 'payment',
  commands: {
    recordPayment: command({
      label: { zh: '记录付款', en: 'record a payment' },
      fields: [date, { key: 'amount', label: '金额', type: 'decimal', unit: '元', required: true }, note],
      handle: (c) => {
        const amount = new Decimal(c.p.amount);
        // More than zero, to the 分: the payload's bounds (engine/run/payload.ts) have seen to that.
        if (c.def.id !== mainPaymentStep(c.wf.states)?.id) {
          // Another payment (e.g. an insurance premium): recorded, not counted against the contract price.
          return {
            events: [ev('PaymentRecorded', { step: c.def.id, date: c.date, amount: money(amount), separate: true, note: c.p.note })],
            complete: { date: c.date, paid: money(amount) },
          };
        }
        const k = c.state.contract;
        if (!k) return { code: 'NOT_ALLOWED', kind: 'notAllowedNow', message: msg('run.noContract'), cite: c.def.cite };
        const outstanding = new Decimal(k.outstanding);
        if (amount.gt(outstanding)) {
          return {
            code: 'BAD_PAYLOAD',
            kind: 'invalid',
            path: '/payload/amount',
            message: msg('run.overpaid', { amount: money(amount), outstanding: k.outstanding }),
          };
        }
        const lateDays = k.paymentDue && c.date > k.paymentDue ? daysBetween(k.paymentDue, c.date) : 0;
        const paidTotal = new Decimal(k.paid).plus(amount);
        const left = outstanding.minus(amount);
        let penalty: string | undefined;
        let penaltyExplanation: Message | undefined;
        if (left.isZero() && lateDays > 0 && k.penaltyPerDayPerTenThousand) {
          // 附件1: 「每延迟一天，按应支付费用总额的万分之＿承担违约金」 — the contract total, per day late.
          const p = new Decimal(k.amount).times(k.penaltyPerDayPerTenThousand).div(10000).times(lateDays);
          penalty = money(p);
          penaltyExplanation = msg('run.penaltyRecorded', {
            amount: k.amount,
            rate: k.penaltyPerDayPerTenThousand,
            days: lateDays,
            due: k.paymentDue ?? '',
            date: c.date,
            penalty,
          });
        }
        const events = [
          ev('PaymentRecorded', {
            step: c.def.id,
            date: c.date,
            amount: money(amount),
            paidTotal: money(paidTotal),
            outstanding: money(left),
            lateDays,
            penalty,
            penaltyExplanation,
            note: c.p.note,
          }),
        ];
        return left.isZero()
          ? { events, complete: { date: c.date, paid: money(paidTotal), penalty: penalty ?? '0.00', lateDays } }
          : { events };
      },
      // What is outstanding, else the contract's amount (or the least a payment can be: a separate premium).
      planned: ({ state }) => {
        const k = state.contract;
        const outstanding = k && Number(k.outstanding) > 0 ? k.outstanding : undefined;
        return [{ amount: outstanding ?? k?.amount ?? '0.01' }];
      },
    }),
  },
  reducers: {
    PaymentRecorded: (s, p) => {
      if ('separate' in p) {
        s.payments.push({ step: p.step, date: p.date, amount: p.amount, lateDays: 0 });
        return;
      }
      if (!s.contract) throw new ReduceError(msg('reduce.paymentBeforeContract'));
      s.payments.push({ step: p.step, date: p.date, amount: p.amount, lateDays: p.lateDays });
      s.contract.paid = p.paidTotal;
      s.contract.outstanding = p.outstanding;
      if (p.penalty !== undefined) s.contract.penalty = p.penalty;
    },
  },
  view: { dueNote: penaltyToDate },
});
