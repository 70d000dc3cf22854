// 收回合同证书 加盖作废章 (dsl/steps/cancellation.ts): the contract and certificates of the parcels
// given up, taken back and stamped 作废.
import { isFull, procedureParcels } from '../context.ts';
import { date, note } from './fields.ts';
import { stepKindTools } from './kind.ts';

interface Events {
  ContractCancelled: { step: string; date: string; contractNo: string; certificateNo?: string; full: boolean; note?: string };
}

const { define, command, ev } = stepKindTools<'cancellation', Events>();

export default define({
  kind: 'cancellation',
  commands: {
    cancelContractAndCertificate: command({
      label: { zh: '收回承包合同和权证并加盖作废章', en: 'take back the contract and certificate and stamp them void' },
      fields: [
        date,
        { key: 'contractNo', label: '承包合同编号', type: 'string', required: false },
        { key: 'certificateNo', label: '权证编号', type: 'string', required: false },
        note,
      ],
      handle: (c) => {
        const kase = c.state.case;
        const certs = [
          ...new Set(
            procedureParcels(kase, c.wf.procedure)
              .map((p) => p.certificateNo)
              .filter((x): x is string => !!x),
          ),
        ];
        const result = {
          date: c.date,
          contractNo: c.p.contractNo ?? kase.contract.number,
          certificateNo: c.p.certificateNo ?? (certs.join('、') || undefined),
          full: isFull(kase, c.wf.procedure),
        };
        return { events: [ev('ContractCancelled', { step: c.def.id, ...result, note: c.p.note })], complete: result };
      },
    }),
  },
  reducers: {
    ContractCancelled: (s) => {
      if (s.contract) s.contract.cancelled = true;
    },
  },
});
