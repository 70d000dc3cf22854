// The shared vocabulary of comparable rows. A policy says which of its parameters is which row by
// its `compare:` key, which rules mean what by `implements:`, and what exit does to membership by
// its modes' `membership:` — the table is read from those declarations, never guessed from names.
// Rows marked `derived` come from the procedure itself (modes, rules, votes, compensation).

import { COMPARE_PARAMETERS, type CompareKey } from '../../dsl/vocabulary.ts';
import type { Bilingual } from '../../dsl/message.ts';

export type RowGroup = 'time' | 'compensation' | 'vote' | 'eligibility' | 'modes' | 'procedure' | 'other';

export interface VocabularyRow {
  key: string;
  group: RowGroup;
  zh: string;
  en: string;
  /** parameter: a `compare:` key; derived: read from the procedure. */
  source: 'parameter' | 'derived';
}

// A parameter row's labels are the comparable parameter's own (dsl/vocabulary.ts).
const p = (key: CompareKey, group: RowGroup): VocabularyRow => ({ key, group, ...COMPARE_PARAMETERS[key], source: 'parameter' });
const d = (key: string, group: RowGroup, zh: string, en: string): VocabularyRow => ({ key, group, zh, en, source: 'derived' });

/** Every row in table order. Per-mode rows (perMu.*) are expanded for the modes the policies offer. */
export const VOCABULARY: readonly VocabularyRow[] = [
  d('exit.modes', 'modes', '退出模式', 'exit modes'),
  d('exit.membership', 'modes', '退出后的集体成员身份', 'collective membership after exit'),
  d('exit.keepsNextRound', 'modes', '保留下一轮承包权利', 'keeps the right to the next contract round'),
  p('buyBackShare', 'modes'),

  d('exit.eligibility', 'eligibility', '退出条件（不满足即不予退出）', 'exit conditions (refusing)'),
  d('exit.implements.coOwnerConsent', 'eligibility', '家庭共有人一致同意', 'unanimous consent of the co-owners'),
  d('exit.implements.exit.stableIncome', 'eligibility', '稳定非农收入', 'stable non-farm income'),
  d('exit.implements.exit.urbanHome', 'eligibility', '城镇住所', 'a home in town'),
  d('exit.implements.exit.socialInsurance', 'eligibility', '社会保障', 'social insurance'),
  d('exit.implements.exit.partialCap', 'eligibility', '部分退出面积上限（规则）', 'partial-exit cap (rule)'),
  p('partialExitCap', 'eligibility'),
  p('currentTermIncomeShareMin', 'eligibility'),
  p('permanentIncomeShareMin', 'eligibility'),
  d('exit.advice', 'eligibility', '提示性条件（不拒绝）', 'advisory conditions (not refusing)'),

  p('noticePeriod', 'time'),
  p('negotiationWait', 'time'),
  p('coolingOff', 'time'),
  p('reentryWindow', 'time'),
  p('publicNoticePeriod', 'time'),
  p('objectionWindow', 'time'),
  p('reasonsDeadline', 'time'),
  d('exit.steps', 'procedure', '退出程序步骤', 'exit procedure steps'),
  d('exit.completeBy', 'procedure', '参考农户最早办结日', 'earliest completion for the reference household'),

  d('exit.compensationRule', 'compensation', '补偿规则', 'compensation rule'),
  d('exit.perMu', 'compensation', '每亩补偿（参考市场）', 'compensation per mu (reference market)'),
  p('compensationYears', 'compensation'),
  p('rentInput', 'compensation'),
  p('subsidyInput', 'compensation'),
  p('rentMultiplier', 'compensation'),
  p('negotiatedPriceInput', 'compensation'),
  p('acquisitionStandardInput', 'compensation'),
  p('zoneInput', 'compensation'),
  p('referencePricePerMu', 'compensation'),
  p('zonePriceGrade2', 'compensation'),
  p('zonePriceGrade3', 'compensation'),
  p('zoneLandPriceMin', 'compensation'),
  p('zoneLandPriceMax', 'compensation'),
  p('nationalBase', 'compensation'),
  p('provincialCoefficient', 'compensation'),
  p('countyAdjustment', 'compensation'),
  p('socialInsuranceShare', 'compensation'),
  p('premiumPublicShare', 'compensation'),
  d('exit.payer', 'compensation', '支付方', 'payer'),
  d('exit.rounding', 'compensation', '舍入', 'rounding'),

  d('exit.vote', 'vote', '表决（会议、基数、通过比例、出席要求）', 'vote (body, base, threshold, quorum)'),

  d('transfer.eligibility', 'procedure', '转让条件', 'transfer conditions'),
  d('transfer.steps', 'procedure', '转让程序步骤', 'transfer procedure steps'),
];

export const GROUP_LABELS: Record<RowGroup, Bilingual> = {
  modes: { zh: '退出模式', en: 'modes' },
  eligibility: { zh: '条件', en: 'eligibility' },
  time: { zh: '期间', en: 'periods' },
  procedure: { zh: '程序', en: 'procedure' },
  compensation: { zh: '补偿', en: 'compensation' },
  vote: { zh: '表决', en: 'votes' },
  other: { zh: '其他', en: 'other' },
};

export const MEMBERSHIP_LABELS: Record<string, Bilingual> = {
  kept: { zh: '保留成员身份', en: 'membership kept' },
  mayLeave: { zh: '可自愿申请退出成员身份', en: 'may apply to leave' },
  mustLeave: { zh: '须放弃成员身份', en: 'must leave membership' },
};

/** A mode's yes or no (keepsNextRound). */
export const YES_NO: Record<'yes' | 'no', Bilingual> = { yes: { zh: '是', en: 'yes' }, no: { zh: '否', en: 'no' } };
