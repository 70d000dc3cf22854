// 收回合同证书 加盖作废章.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'cancellation',
  label: { zh: '收回作废', en: 'cancellation' },
  takes: [],
  commands: ['cancelContractAndCertificate'],
  completes: ['cancelContractAndCertificate'],
  events: {
    ContractCancelled: { zh: '收回合同和权证', en: 'Contract and certificate taken back' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
