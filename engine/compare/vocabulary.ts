// The shared vocabulary of comparable rows. A policy says which of its parameters is which row by
// its `compare:` key, which rules mean what by `implements:`, and what exit does to membership by
// its modes' `membership:` — the table is read from those declarations, never guessed from names.
// Rows marked `derived` come from the procedure itself (modes, rules, votes, compensation).

export type RowGroup = 'time' | 'compensation' | 'vote' | 'eligibility' | 'modes' | 'procedure' | 'other';

export interface VocabularyRow {
  key: string;
  group: RowGroup;
  zh: string;
  en: string;
  /** parameter: a `compare:` key; derived: read from the procedure. */
  source: 'parameter' | 'derived';
}

const p = (key: string, group: RowGroup, zh: string, en: string): VocabularyRow => ({ key, group, zh, en, source: 'parameter' });
const d = (key: string, group: RowGroup, zh: string, en: string): VocabularyRow => ({ key, group, zh, en, source: 'derived' });

/** Every row in table order. Per-mode rows (perMu.*) are expanded for the modes the policies offer. */
export const VOCABULARY: readonly VocabularyRow[] = [
  d('exit.modes', 'modes', '退出模式', 'exit modes'),
  d('exit.membership', 'modes', '退出后的集体成员身份', 'collective membership after exit'),
  d('exit.keepsNextRound', 'modes', '保留下一轮承包权利', 'keeps the right to the next contract round'),
  p('buyBackShare', 'modes', '反悔可购回面积比例', 'share of the area that may be bought back'),

  d('exit.eligibility', 'eligibility', '退出条件（不满足即不予退出）', 'exit conditions (refusing)'),
  d('exit.implements.coOwnerConsent', 'eligibility', '家庭共有人一致同意', 'unanimous consent of the co-owners'),
  d('exit.implements.exit.stableIncome', 'eligibility', '稳定非农收入', 'stable non-farm income'),
  d('exit.implements.exit.urbanHome', 'eligibility', '城镇住所', 'a home in town'),
  d('exit.implements.exit.socialInsurance', 'eligibility', '社会保障', 'social insurance'),
  d('exit.implements.exit.partialCap', 'eligibility', '部分退出面积上限（规则）', 'partial-exit cap (rule)'),
  p('partialExitCap', 'eligibility', '部分退出面积上限', 'partial-exit cap'),
  p('currentTermIncomeShareMin', 'eligibility', '本轮承包期退出的非农收入占比下限', 'non-farm income share needed for a current-term exit'),
  p('permanentIncomeShareMin', 'eligibility', '永久退出的非农收入占比下限', 'non-farm income share needed for a permanent exit'),
  d('exit.advice', 'eligibility', '提示性条件（不拒绝）', 'advisory conditions (not refusing)'),

  p('noticePeriod', 'time', '提前书面通知期', 'written notice ahead of exit'),
  p('negotiationWait', 'time', '通知后开展协商的等待期', 'wait after notice before negotiation'),
  p('coolingOff', 'time', '冷静期（可无条件撤回）', 'cooling-off (withdrawal without conditions)'),
  p('reentryWindow', 'time', '反悔窗口', 're-entry window'),
  p('publicNoticePeriod', 'time', '转让公示期', 'public notice of a transfer'),
  p('objectionWindow', 'time', '公示异议期', 'objection window'),
  p('reasonsDeadline', 'time', '不同意转让的书面说明理由期限', 'deadline for written reasons of a refusal'),
  d('exit.steps', 'procedure', '退出程序步骤', 'exit procedure steps'),
  d('exit.completeBy', 'procedure', '参考农户最早办结日', 'earliest completion for the reference household'),

  d('exit.compensationRule', 'compensation', '补偿规则', 'compensation rule'),
  d('exit.perMu', 'compensation', '每亩补偿（参考市场）', 'compensation per mu (reference market)'),
  p('compensationYears', 'compensation', '补偿年限', 'years of compensation'),
  p('rentInput', 'compensation', '流转费（案件输入）', 'land rent (case input)'),
  p('subsidyInput', 'compensation', '耕地地力保护补贴（案件输入）', 'farmland subsidy (case input)'),
  p('rentMultiplier', 'compensation', '流转费倍数', 'rent multiplier'),
  p('negotiatedPriceInput', 'compensation', '协商价格（案件输入）', 'negotiated price (case input)'),
  p('acquisitionStandardInput', 'compensation', '征地补偿标准（案件输入）', 'land-acquisition standard (case input)'),
  p('zoneInput', 'compensation', '补偿片区（案件输入）', 'compensation zone (case input)'),
  p('referencePricePerMu', 'compensation', '表1退地补偿价格', 'Table 1 exit price'),
  p('zonePriceGrade2', 'compensation', '二级片区价格', 'grade-2 zone price'),
  p('zonePriceGrade3', 'compensation', '三级片区价格', 'grade-3 zone price'),
  p('zoneLandPriceMin', 'compensation', '表1区片综合地价下限', 'Table 1 zone land price, low'),
  p('zoneLandPriceMax', 'compensation', '表1区片综合地价上限', 'Table 1 zone land price, high'),
  p('nationalBase', 'compensation', '全国补偿基准', 'national base price'),
  p('provincialCoefficient', 'compensation', '省级调节系数', 'provincial coefficient'),
  p('countyAdjustment', 'compensation', '县级调整系数', 'county adjustment'),
  p('socialInsuranceShare', 'compensation', '以社保缴费给付的比例', 'share paid as social insurance'),
  p('premiumPublicShare', 'compensation', '财政承担的保费比例', 'premium share from public funds'),
  d('exit.payer', 'compensation', '支付方', 'payer'),
  d('exit.rounding', 'compensation', '舍入', 'rounding'),

  d('exit.vote', 'vote', '表决（会议、基数、通过比例、出席要求）', 'vote (body, base, threshold, quorum)'),

  d('transfer.eligibility', 'procedure', '转让条件', 'transfer conditions'),
  d('transfer.steps', 'procedure', '转让程序步骤', 'transfer procedure steps'),
];

export const GROUP_LABELS: Record<RowGroup, string> = {
  modes: '退出模式 modes',
  eligibility: '条件 eligibility',
  time: '期间 periods',
  procedure: '程序 procedure',
  compensation: '补偿 compensation',
  vote: '表决 votes',
  other: '其他 other',
};

export const MEMBERSHIP_LABELS: Record<string, string> = {
  kept: '保留成员身份 membership kept',
  mayLeave: '可自愿申请退出成员身份 may apply to leave',
  mustLeave: '须放弃成员身份 must leave membership',
};

export const VOTE_BASE_LABELS: Record<string, string> = {
  entitled: '应到成员',
  present: '到会成员',
  households: '户代表',
  all: '全体成员',
};

export function vocabularyRow(key: string): VocabularyRow | undefined {
  return VOCABULARY.find((r) => r.key === key);
}
