// 签订合同: takes the contract number (转让/退出 series) from its form's numbering.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'contract',
  label: { zh: '合同', en: 'contract' },
  takes: [],
  commands: ['signContract'],
  completes: ['signContract'],
  events: {
    ContractSigned: { zh: '签订合同', en: 'Contract signed' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
