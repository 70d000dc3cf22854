// Shared inputs for the document tests: the shared 钦州 household and the policy/form metadata
// the lead's policy file will hand over.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseData } from '../../../dsl/case-model.ts';
import { amountInWords } from '../../../engine/documents/amount-words.ts';
import type { DocumentModelInput } from '../../../engine/documents/model.ts';

/** The repository's copy of the shared household (examples/household-qinzhou.json). */
export const CASE_FILE = fileURLToPath(new URL('../../../examples/household-qinzhou.json', import.meta.url));

export function loadCase(): CaseData {
  return JSON.parse(readFileSync(CASE_FILE, 'utf8')) as CaseData;
}

export const QINZHOU_POLICY: DocumentModelInput['policy'] = {
  id: 'qinzhou',
  name: '广西钦州市城乡融合发展试验区农村土地承包经营权有偿转让退出管理办法（试行）',
  shortName: '钦州',
  region: { province: '广西壮族自治区', city: '钦州市' },
  articles: ['第十条', '第十一条'],
};

export const QINZHOU_FORMS = ['转让合同', '转让申请表', '转让公示', '退出申请书', '退出合同'] as const;

/** What the engine gives for the shared household under 钦州 (engine/documents/case-input.ts builds it from an Evaluation). */
export const EXIT_RESULT: NonNullable<DocumentModelInput['result']> = {
  compensation: { amount: '53333.25', words: amountInWords('53333.25'), perMu: '22695.00' },
  mode: { id: 'permanent', label: '永久退出', membership: 'mayLeave' },
  modes: [{ id: 'permanent', label: '永久退出', membership: 'mayLeave' }],
  payer: { party: 'group', name: '村民小组（组集体）' },
  notice: { period: '半年', cite: '第十条第一项' },
};

/** 坡地 1.15 亩 × 21000 元/亩, as 钦州's transfer formula gives it. */
export const TRANSFER_RESULT: NonNullable<DocumentModelInput['result']> = {
  transferTotal: '24150.00',
  objection: { period: '15日', cite: '附件3' },
};

export function qinzhouInput(formId: string, kase: CaseData = loadCase()): DocumentModelInput {
  return {
    policy: QINZHOU_POLICY,
    form: { id: formId, title: `试验区农村土地承包经营权${formId}`, copies: formId === '转让合同' ? 4 : undefined },
    kase,
    result: formId.startsWith('转让') ? TRANSFER_RESULT : EXIT_RESULT,
    contractNumber: formId.endsWith('合同') ? { year: 2026, seq: 1 } : undefined,
    date: '2026-08-20',
  };
}
