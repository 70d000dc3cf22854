// Declared semantics the checker reads instead of guessing from names. `implements:` tags say what
// a rule means in law; `compare:` keys say which parameters are comparable across regions.
// A tag or key outside these lists is allowed (regions differ) but one close to a listed one is flagged.

export const IMPLEMENTS_TAGS: string[] = [
  'coOwnerConsent', // 家庭共有人同意 (农村土地承包法第十六条)
  'transfer.sameCollective', // 受让方为本集体经济组织农户 (第三十四条)
  'transfer.termWithinContract', // 转让期限不超过承包期剩余期限
  'transfer.issuerConsent', // 经发包方同意 (第三十四条)
  'settlement.requiresExit', // 以退出为进城落户条件 — forbidden (第二十七条)
  'exit.partialCap', // 部分退出面积上限
  'exit.stableIncome', // 稳定非农收入
  'exit.urbanHome', // 城镇住所
  'exit.socialInsurance', // 社会保障
  'exit.permanentMode', // 永久退出
  'exit.parcelsOwned', // 退出地块为本户承包地
  'exit.noticeGiven', // 已提前书面通知
];

/**
 * The comparable parameters: each `compare:` key with what it is, in Chinese and English. The
 * comparison table (engine/compare/vocabulary.ts) places each in its rows and reads its labels
 * from here; the checker knows exactly these keys.
 */
export const COMPARE_PARAMETERS = {
  noticePeriod: { zh: '提前书面通知期', en: 'written notice ahead of exit' },
  negotiationWait: { zh: '通知后开展协商的等待期', en: 'wait after notice before negotiation' },
  publicNoticePeriod: { zh: '转让公示期', en: 'public notice of a transfer' },
  objectionWindow: { zh: '公示异议期', en: 'objection window' },
  reasonsDeadline: { zh: '不同意转让的书面说明理由期限', en: 'deadline for written reasons of a refusal' },
  coolingOff: { zh: '冷静期（可无条件撤回）', en: 'cooling-off (withdrawal without conditions)' },
  reentryWindow: { zh: '反悔窗口', en: 're-entry window' },
  compensationYears: { zh: '补偿年限', en: 'years of compensation' },
  rentInput: { zh: '流转费（案件输入）', en: 'land rent (case input)' },
  subsidyInput: { zh: '耕地地力保护补贴（案件输入）', en: 'farmland subsidy (case input)' },
  negotiatedPriceInput: { zh: '协商价格（案件输入）', en: 'negotiated price (case input)' },
  acquisitionStandardInput: { zh: '征地补偿标准（案件输入）', en: 'land-acquisition standard (case input)' },
  zoneInput: { zh: '补偿片区（案件输入）', en: 'compensation zone (case input)' },
  partialExitCap: { zh: '部分退出面积上限', en: 'partial-exit cap' },
  referencePricePerMu: { zh: '表1退地补偿价格', en: 'Table 1 exit price' },
  zonePriceGrade2: { zh: '二级片区价格', en: 'grade-2 zone price' },
  zonePriceGrade3: { zh: '三级片区价格', en: 'grade-3 zone price' },
  zoneLandPriceMin: { zh: '表1区片综合地价下限', en: 'Table 1 zone land price, low' },
  zoneLandPriceMax: { zh: '表1区片综合地价上限', en: 'Table 1 zone land price, high' },
  rentMultiplier: { zh: '流转费倍数', en: 'rent multiplier' },
  nationalBase: { zh: '全国补偿基准', en: 'national base price' },
  provincialCoefficient: { zh: '省级调节系数', en: 'provincial coefficient' },
  countyAdjustment: { zh: '县级调整系数', en: 'county adjustment' },
  socialInsuranceShare: { zh: '以社保缴费给付的比例', en: 'share paid as social insurance' },
  premiumPublicShare: { zh: '财政承担的保费比例', en: 'premium share from public funds' },
  buyBackShare: { zh: '反悔可购回面积比例', en: 'share of the area that may be bought back' },
  currentTermIncomeShareMin: { zh: '本轮承包期退出的非农收入占比下限', en: 'non-farm income share needed for a current-term exit' },
  permanentIncomeShareMin: { zh: '永久退出的非农收入占比下限', en: 'non-farm income share needed for a permanent exit' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type CompareKey = keyof typeof COMPARE_PARAMETERS;

export const COMPARE_KEYS: string[] = Object.keys(COMPARE_PARAMETERS);
