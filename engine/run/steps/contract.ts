// 签订合同 (dsl/steps/contract.ts): signed for the amount the policy gives the case, numbered from
// its form's series (转让/退出) when the form is numbered; an agreed payment date becomes the
// deadline of the payment step that settles the price.
import { evaluateCase, sumArea } from '../context.ts';
import type { TimerState } from '../state.ts';
import { date, note } from './fields.ts';
import { stepKindTools, type Emitted } from './kind.ts';
import { mainPaymentStep } from '../../../dsl/steps/index.ts';
import { msg } from '../../../dsl/message.ts';

interface Events {
  ContractSigned: {
    step: string;
    date: string;
    kind: '转让' | '退出';
    number?: string;
    seq?: number;
    year?: number;
    amount: string;
    words?: string;
    area: string;
    pricePerMu?: string;
    paymentDue?: string;
    penaltyPerDayPerTenThousand?: string;
  };
}

const { define, command, ev } = stepKindTools<'contract', Events>();

export default define({
  kind: 'contract',
  commands: {
    signContract: command({
      label: { zh: '签订合同', en: 'sign the contract' },
      fields: [
        date,
        { key: 'paymentDue', label: '约定付款日期', type: 'date', required: false },
        { key: 'penaltyPerDayPerTenThousand', label: '逾期违约金（每日万分之）', type: 'decimal', unit: '', required: false },
        note,
      ],
      handle: (c) => {
        const kase = c.state.case;
        const r = evaluateCase(c, kase);
        if ('code' in r) return r;
        const amount = r.compensation?.amount;
        if (!amount) {
          return {
            code: 'NO_AMOUNT',
            kind: 'refusedByRule',
            message: msg('run.noAmount'),
            cite: c.def.cite,
          };
        }
        const transfer = c.wf.procedure === 'transfer';
        const paymentDue = c.p.paymentDue ?? (transfer ? kase.transfer?.paymentDate : undefined);
        if (paymentDue && paymentDue < c.date) {
          return {
            code: 'BAD_DATE',
            kind: 'refusedByRule',
            path: c.p.paymentDue ? '/payload/paymentDue' : '/payload',
            message: msg('run.paymentBeforeSigning', { due: paymentDue, date: c.date }),
            cite: c.def.cite,
          };
        }
        const penalty = c.p.penaltyPerDayPerTenThousand ?? (transfer ? kase.transfer?.penaltyPerDayPerTenThousand : undefined);
        // Only a numbered form takes a number (a 托管 agreement has none).
        const series = c.def.numbering;
        const number = series ? c.run.allocateContractNumber?.(series, c.state.place.town, Number(c.date.slice(0, 4))) : undefined;
        // The contract's 每亩 is the policy's own per-亩 figure; a negotiated price is only an input to it.
        const pricePerMu = transfer ? kase.transfer?.pricePerMu : r.compensation?.perMu;
        const events: Emitted<Events>[] = [
          ev('ContractSigned', {
            step: c.def.id,
            date: c.date,
            kind: series ?? (transfer ? '转让' : '退出'),
            number: number?.text,
            seq: number?.seq,
            year: number?.year,
            amount,
            words: r.compensation?.words,
            area: sumArea(kase, c.wf.procedure),
            pricePerMu,
            paymentDue,
            penaltyPerDayPerTenThousand: penalty,
          }),
        ];
        const pay = mainPaymentStep(c.wf.states);
        if (pay && paymentDue) {
          const timer: TimerState = {
            id: `${pay.id}:due`,
            step: pay.id,
            kind: 'deadline',
            label: '合同约定的付款日期',
            parameter: null,
            period: null,
            start: c.date,
            end: paymentDue,
            lastDay: paymentDue,
            explanation: [
              msg('timer.paymentAgreed', { date: paymentDue, cite: pay.cite }),
              ...(penalty ? [msg('timer.penaltyRate', { rate: penalty })] : []),
            ],
            cite: pay.cite,
          };
          events.push(ev('TimerSet', { timer }));
        }
        return { events, complete: { date: c.date, number: number?.text ?? null, amount } };
      },
      // A payment date agreed before the day of signing is given anew, as the refusal asks a clerk to.
      planned: ({ date }) => [{}, { paymentDue: date }],
    }),
  },
  reducers: {
    ContractSigned: (s, p) => {
      s.contract = {
        number: p.number ?? null,
        year: p.year ?? null,
        seq: p.seq ?? null,
        kind: p.kind,
        signedOn: p.date,
        amount: p.amount,
        words: p.words ?? null,
        area: p.area ?? null,
        pricePerMu: p.pricePerMu ?? null,
        paymentDue: p.paymentDue ?? null,
        penaltyPerDayPerTenThousand: p.penaltyPerDayPerTenThousand ?? null,
        paid: '0.00',
        outstanding: p.amount,
        penalty: '0.00',
        cancelled: false,
      };
    },
  },
  // Signing re-checks the procedure's eligibility and consent (the facts may have changed since the application).
  eligibilityOn: ['signContract'],
  compile: ({ step, policy }) => {
    const prefix = policy.forms.find((f) => f.id === step.form)?.numbering?.prefix;
    return prefix === '转让' || prefix === '退出' ? { numbering: prefix } : {};
  },
});
