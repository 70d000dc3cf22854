// 公开协商 (dsl/steps/negotiation.ts): the price and payer agreed, written into the exit the
// compensation is computed on (declared as its `records`, so the checker's coverage knows a later
// formula may read them).
import type { ExitRequest } from '../../../dsl/case-model.ts';
import { date, note } from './fields.ts';
import { stepKindTools } from './kind.ts';

interface Events {
  NegotiationRecorded: { step: string; date: string; agreed: boolean; pricePerMu?: string; payer?: ExitRequest['payer']; note?: string };
}

const { define, command, ev } = stepKindTools<'negotiation', Events>();

export default define({
  kind: 'negotiation',
  commands: {
    recordNegotiation: command({
      label: { zh: '记录公开协商结果', en: 'record the negotiation result' },
      fields: [
        date,
        { key: 'agreed', label: '达成一致', type: 'boolean', required: true },
        { key: 'pricePerMu', label: '协商价格', type: 'decimal', unit: '元/亩', required: false },
        { key: 'payer', label: '支付方', type: 'enum', values: { group: '组集体', village: '村集体', county: '县级' }, required: false },
        note,
      ],
      handle: (c) => {
        const events = [
          ev('NegotiationRecorded', {
            step: c.def.id,
            date: c.date,
            agreed: c.p.agreed,
            pricePerMu: c.p.pricePerMu,
            payer: c.p.payer,
            note: c.p.note,
          }),
        ];
        return c.p.agreed
          ? { events, complete: { date: c.date, agreed: true, ...(c.p.pricePerMu ? { pricePerMu: c.p.pricePerMu } : {}) } }
          : { events };
      },
      planned: () => [{ agreed: true }],
    }),
  },
  reducers: {
    NegotiationRecorded: (s, p) => {
      if (p.agreed && s.case.exit) {
        if (p.pricePerMu !== undefined) s.case.exit.negotiatedPricePerMu = p.pricePerMu;
        if (p.payer !== undefined) s.case.exit.payer = p.payer;
      }
    },
  },
});
