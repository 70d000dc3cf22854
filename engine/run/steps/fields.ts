// Command fields several kinds share, and the opening act two kinds share (a written application,
// a written notice): what it brings into the record is the same.
import type { CaseData } from '../../../dsl/case-model.ts';
import type { Ctx } from '../context.ts';
import { clone } from '../state.ts';
import type { Refusal } from '../result.ts';
import type { Message } from '../../../dsl/message.ts';

export const date = { key: 'date', label: '日期', type: 'date', required: false } as const;
export const note = { key: 'note', label: '备注', type: 'string', required: false } as const;
const consents = { key: 'consents', label: '家庭共有人意见 [{name, consents}]', type: 'list', required: false } as const;
const caseField = { key: 'case', label: '案件资料（整份替换）', type: 'object', required: false } as const;

/** The fields of an opening act: it may bring the co-owners' consents or replace the case. */
export const openingFields = [date, consents, caseField, note] as const;

/** The payload of an opening event: the case as it now stands when the command replaced it, and the note. */
export type Opening = { step: string; date: string; case?: CaseData; note?: string };

/** The note keeps what the record needs beside the facts (e.g. how each co-owner consented: 书面签字, 按手印). */
export const opening = (c: Ctx<{ case?: CaseData; note?: string }>): Opening => ({
  step: c.def.id,
  date: c.date,
  case: c.p.case,
  note: c.p.note,
});

/** An opening event brings the case as the command left it (consents applied, a replaced case). */
export function reduceOpening(s: { case: CaseData }, p: Opening): void {
  if (p.case) s.case = clone(p.case);
}

/**
 * A review that does not approve must say why in writing (a review, each part of a dual review):
 * the refusal when it gives no reasons, with the kind's words for it, or null.
 */
export function reasonsMissing(c: Ctx<{ approved: boolean; reasons?: string }>, message: Message): Refusal | null {
  if (c.p.approved || c.p.reasons?.trim()) return null;
  return { code: 'REASONS_REQUIRED', kind: 'refusedByRule', path: '/payload/reasons', message, cite: c.def.cite };
}
