// Why a form cannot be filled in (engine/documents: DocumentError): an amount, an area, a date or a
// number the form could not print, a case without what the form needs, a template that is
// missing. Chinese first, then English, on the command line and in the error body's `message`;
// one language in the UI. {what} is a field's name in both languages; values as written are
// arguments.
import type { PhraseDef } from '../messages.ts';

export const DOCUMENT_PHRASES: readonly PhraseDef[] = [
  // What a value is (amount-words.ts, model.ts)
  { code: 'doc.what.amount', zh: '金额', en: 'amount' },
  { code: 'doc.what.area', zh: '面积', en: 'area' },
  { code: 'doc.what.compensation', zh: '补偿金额', en: 'compensation' },
  { code: 'doc.what.perMu', zh: '每亩补偿', en: 'compensation per {=亩}' },
  { code: 'doc.what.pricePerMu', zh: '每亩价款', en: 'price per {=亩}' },
  { code: 'doc.what.transferTotal', zh: '转让总价', en: 'transfer total' },
  // Amounts and areas
  {
    code: 'doc.notDecimal',
    zh: '{what}不是十进制数：{value}',
    en: '{what} is not a decimal number: {value}',
    both: '{what.zh}不是十进制数 {what.en} is not a decimal number: {value}',
  },
  {
    code: 'doc.notFinite',
    zh: '{what}不是有限数：{value}',
    en: '{what} is not finite: {value}',
    both: '{what.zh}不是有限数 {what.en} is not finite: {value}',
  },
  {
    code: 'doc.negative',
    zh: '{what}不能为负：{value}',
    en: '{what} must not be negative: {value}',
    both: '{what.zh}不能为负 {what.en} must not be negative: {value}',
  },
  {
    code: 'doc.tooManyPlaces',
    zh: '{what}超过{places}位小数，须先按政策舍入：{value}',
    en: '{what} has more than {places} decimal places; round it by the policy first: {value}',
    both: '{what.zh}超过{places}位小数，须先按政策舍入 {what.en} has more than {places} decimal places; round it by the policy first: {value}',
  },
  {
    code: 'doc.notRounded',
    zh: '{what}超过两位小数，须先按政策舍入到分：{value}',
    en: '{what} has more than 2 decimal places; round it by the policy first: {value}',
    both: '{what.zh}超过两位小数，须先按政策舍入到分 {what.en} has more than 2 decimal places; round it by the policy first: {value}',
  },
  {
    code: 'doc.tooLarge',
    zh: '{what}过大：{value}',
    en: '{what} is too large: {value}',
    both: '{what.zh}过大 {what.en} is too large: {value}',
  },
  {
    code: 'doc.missingDecimal',
    zh: '{what}缺失或不是十进制数',
    en: '{what} is missing or not a decimal',
    both: '{what.zh}缺失或不是十进制数 {what.en} is missing or not a decimal',
  },
  {
    code: 'doc.count',
    zh: '份数/块数须为 0–9999 的整数：{value}',
    en: 'count must be an integer 0–9999: {value}',
    both: '份数/块数须为 0–9999 的整数 count must be an integer 0–9999: {value}',
  },
  {
    code: 'doc.money',
    zh: '金额须为最多两位小数的非负十进制数：{value}',
    en: 'money must be a non-negative decimal with at most 2 places: {value}',
    both: '金额须为最多两位小数的非负十进制数 money must be a non-negative decimal with at most 2 places: {value}',
  },
  {
    code: 'doc.wordsMismatch',
    zh: '大写金额与小写不一致：{amount} → {expected}，实为 {words}',
    en: 'amount in words does not match the figures: {amount} → {expected}, got {words}',
    both: '大写金额与小写不一致 amount in words does not match the figures: {amount} → {expected}, got {words}',
  },
  // Dates and contract numbers
  {
    code: 'doc.dateForm',
    zh: '日期须为 YYYY-MM-DD：{value}',
    en: 'date must be YYYY-MM-DD: {value}',
    both: '日期须为 YYYY-MM-DD date must be YYYY-MM-DD: {value}',
  },
  { code: 'doc.noSuchDate', zh: '不存在的日期：{value}', en: 'no such date: {value}', both: '不存在的日期 no such date: {value}' },
  {
    code: 'doc.contractKind',
    zh: '合同类别须为"转让"或"退出"：{value}',
    en: 'contract kind must be {=转让} or {=退出}: {value}',
    both: '合同类别须为"转让"或"退出" contract kind must be 转让 or 退出: {value}',
  },
  {
    code: 'doc.contractYear',
    zh: '合同年份须为四位整数：{value}',
    en: 'contract year must be a 4-digit integer: {value}',
    both: '合同年份须为四位整数 contract year must be a 4-digit integer: {value}',
  },
  {
    code: 'doc.contractSeq',
    zh: '合同序号须为正整数：{value}',
    en: 'contract sequence must be a positive integer: {value}',
    both: '合同序号须为正整数 contract sequence must be a positive integer: {value}',
  },
  // The case and the form (model.ts, case-document.ts)
  { code: 'doc.noName', zh: '缺少姓名', en: 'missing person name' },
  { code: 'doc.noCollective', zh: '缺少集体经济组织', en: 'missing collective' },
  { code: 'doc.noParcelList', zh: '缺少地块列表', en: 'missing parcel list' },
  {
    code: 'doc.unknownParcel',
    zh: '未知地块：{name}（已有：{known}）',
    en: 'unknown parcel: {name} (known: {known})',
    both: '未知地块 unknown parcel: {name}（已有 known: {known}）',
  },
  { code: 'doc.noHousehold', zh: '案件缺少 household 或 parcels', en: 'case lacks household or parcels' },
  {
    code: 'doc.copies',
    zh: '份数须为正整数：{value}',
    en: 'copies must be a positive integer: {value}',
    both: '份数须为正整数 copies must be a positive integer: {value}',
  },
  { code: 'doc.noTermEnd', zh: '缺少转让期限终止日', en: 'missing transfer term end' },
  {
    code: 'doc.unknownForm',
    zh: '政策 {policy} 没有表单「{form}」；可用：{known}',
    en: 'policy {policy} has no form "{form}"; available: {known}',
    both: '政策 {policy} 没有表单「{form}」 policy {policy} has no form "{form}"; 可用 available: {known}',
  },
  // A form the case's procedure does not list (engine/server/documents.ts renderCaseForm).
  {
    code: 'doc.noCaseForm',
    zh: '本案没有表格 {form}；可用：{known}',
    en: 'no such form for this case: {form}; known: {known}',
    both: '本案没有表格 {form} — no such form for this case; 可用 known: {known}',
  },
  {
    code: 'doc.needsSection',
    zh: '表单「{form}」需要案件的 {section} 部分',
    en: 'form "{form}" needs the case\'s "{section}" section',
    both: '表单「{form}」需要案件的 {section} 部分 form "{form}" needs the case\'s "{section}" section',
  },
  // Templates (templates.ts)
  {
    code: 'doc.templateNotFound',
    zh: '找不到模板：{path}（已查找：{lookedIn}）',
    en: 'template not found: {path} (looked in: {lookedIn})',
    both: '找不到模板 template not found: {path}（已查找 looked in: {lookedIn}）',
  },
  {
    code: 'doc.noStoredTemplate',
    zh: '此政策版本没有模板：{name}',
    en: 'this policy version has no template: {name}',
    both: '此政策版本没有模板 this policy version has no template: {name}',
  },
  {
    code: 'doc.templateRefused',
    zh: '模板路径不得超出政策目录：{path}（{rule}）',
    en: 'template path must stay inside the policy folder: {path} ({rule})',
    both: '模板路径不得超出政策目录 template path must stay inside the policy folder: {path}（{rule.zh} / {rule.en}）',
  },
  {
    code: 'doc.renderFailed',
    zh: '模板渲染失败：{detail}',
    en: 'template rendering failed: {detail}',
    both: '模板渲染失败 template rendering failed: {detail}',
  },
  // PDF (pdf.ts): what Chromium said is an argument
  {
    code: 'pdf.cannotStart',
    zh: '无法启动 Chromium：{detail}',
    en: 'cannot start Chromium: {detail}',
    both: '无法启动 Chromium cannot start Chromium: {detail}',
  },
  { code: 'pdf.closed', zh: 'Chromium 已关闭', en: 'Chromium has closed' },
  {
    code: 'pdf.cannotOpenPage',
    zh: '无法打开页面：{detail}',
    en: 'cannot open a page: {detail}',
    both: '无法打开页面 cannot open a page: {detail}',
  },
  {
    code: 'pdf.queueFull',
    zh: 'PDF 排队已满（{running} 个在生成，{waiting} 个在等待），请稍后再试',
    en: 'the PDF queue is full; try again shortly',
  },
  { code: 'pdf.navigated', zh: '文书试图跳转到别处', en: 'the document tried to navigate away' },
  {
    code: 'pdf.timeout',
    zh: '生成 PDF 超过 {seconds} 秒',
    en: 'PDF rendering took longer than {seconds} s',
  },
  {
    code: 'pdf.failed',
    zh: '生成 PDF 失败：{detail}',
    en: 'PDF rendering failed: {detail}',
    both: '生成 PDF 失败 PDF rendering failed: {detail}',
  },
  {
    code: 'pdf.cannotWrite',
    zh: '无法写入 PDF：{detail}',
    en: 'cannot write the PDF: {detail}',
    both: '无法写入 PDF cannot write the PDF: {detail}',
  },
  // Why Chromium runs without its sandbox (engine/documents/pdf.ts sandboxNote).
  {
    code: 'doc.sandboxRoot',
    zh: '以 root 运行，Chromium 无法启用沙箱',
    en: 'running as root: Chromium cannot start its sandbox',
    both: '以 root 运行，Chromium 无法启用沙箱 running as root: Chromium cannot start its sandbox',
  },
  {
    code: 'doc.sandboxUnavailable',
    zh: '沙箱不可用：{detail}',
    en: 'the sandbox is unavailable here: {detail}',
    both: '沙箱不可用 the sandbox is unavailable here: {detail}',
  },
];
