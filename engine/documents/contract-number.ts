// Contract numbers as the 钦州 forms print them: 转让（2026）第 001 号 / 退出（2026）第 001 号.
// The store allocates (kind, year, seq); this module only formats. Full-width brackets as in the
// forms; the sequence is zero-padded to three digits (longer sequences are printed whole).

import { DocumentError } from './errors.ts';
import { msg } from '../../dsl/message.ts';

export type ContractKind = '转让' | '退出';

export interface ContractNumber {
  kind: ContractKind;
  year: number;
  seq: number;
}

export function formatContractNumber({ kind, year, seq }: ContractNumber): string {
  if (kind !== '转让' && kind !== '退出') {
    throw new DocumentError('NUMBER_INVALID', msg('doc.contractKind', { value: JSON.stringify(kind) }));
  }
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new DocumentError('NUMBER_INVALID', msg('doc.contractYear', { value: String(year) }));
  }
  if (!Number.isInteger(seq) || seq < 1) {
    throw new DocumentError('NUMBER_INVALID', msg('doc.contractSeq', { value: String(seq) }));
  }
  return `${kind}（${year}）第 ${String(seq).padStart(3, '0')} 号`;
}
