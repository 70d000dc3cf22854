// Declared semantics the checker reads instead of guessing from names. `implements:` tags say what
// a rule means in law; `compare:` keys say which parameters are comparable across regions.
// A tag outside these lists is allowed (regions differ) but one close to a listed tag is flagged.

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

export const COMPARE_KEYS: string[] = [
  'noticePeriod',
  'negotiationWait',
  'publicNoticePeriod',
  'objectionWindow',
  'reasonsDeadline',
  'coolingOff',
  'reentryWindow',
  'compensationYears',
  'rentInput',
  'subsidyInput',
  'negotiatedPriceInput',
  'acquisitionStandardInput',
  'partialExitCap',
  'referencePricePerMu',
  'zoneLandPriceMin',
  'zoneLandPriceMax',
  'rentMultiplier',
  'nationalBase',
  'provincialCoefficient',
  'countyAdjustment',
  'socialInsuranceShare',
  'premiumPublicShare',
  'buyBackShare',
  'currentTermIncomeShareMin',
  'permanentIncomeShareMin',
];
