// Why a case cannot be evaluated under a policy at all (engine/evaluate: EvaluateError): the
// policy lacks the procedure or the mode asked for — the one wording the compiler, the case host
// and the comparisons say too (engine/compile/errors.ts noProcedureMessage, unknownModeMessage) —
// or the case's vote cannot be counted; and the notes of an evaluation (Evaluation.notes): what a
// reader of the outcome should know besides it.
// Chinese first, then English, on the command line and in the error body's `message`; one
// language in the UI. Ids, dates and names as written are arguments.
import type { PhraseDef } from '../messages.ts';

export const EVALUATE_PHRASES: readonly PhraseDef[] = [
  // {procedure} and {have} are proc.exit / proc.transfer; {have} only when the policy has the other.
  {
    code: 'evaluate.noProcedure',
    zh: '政策「{policy}」没有{procedure}程序{?have:（有：{have}）}',
    en: 'policy {policy} has no {procedure} procedure{?have: (it has: {have})}',
  },
  {
    code: 'evaluate.unknownMode',
    zh: '未知的退出方式：{mode}（可选：{have}）',
    en: 'unknown mode: {mode} (available: {have})',
    both: '未知的退出方式 unknown mode: {mode}（可选 available: {have}）',
  },
  { code: 'evaluate.none', zh: '无', en: 'none' },
  // A rule that refuses the case (FailedRule.message): the policy's own message, content as written,
  // and why the rule could not be decided when so.
  { code: 'evaluate.ruleFailed', zh: '{message}{?why:（{why}）}', en: '{message}{?why: ({why})}', both: '{message}{?why:（{why}）}' },
  { code: 'evaluate.ruleNoTest', zh: '规则无法计算', en: 'the rule cannot be evaluated' },
  { code: 'evaluate.ruleError', zh: '无法计算：{error}', en: 'cannot evaluate: {error}', both: '无法计算 cannot evaluate: {error}' },
  { code: 'evaluate.ruleDataMissing', zh: '案件缺少所需数据', en: 'data missing' },
  {
    code: 'evaluate.badVote',
    zh: '表决数据无效（{field}）：{problem}',
    en: 'invalid vote ({field}): {problem}',
    both: '表决数据无效 invalid vote ({field}): {problem}',
  },
  // Notes (engine/evaluate/evaluate.ts): `both` keeps the lines the command line printed before.
  {
    code: 'evaluate.beforeEffective',
    zh: '评估日期 {at} 早于政策生效日期 {from}{assumed}',
    en: 'the date {at} is before the policy takes effect ({from}){assumed}',
    both: '评估日期 {at} 早于政策生效日期 {from} / the date is before the policy takes effect{assumed}',
  },
  {
    code: 'evaluate.afterExpiry',
    zh: '评估日期 {at} 晚于政策失效日期 {to}{assumed}',
    en: 'the date {at} is after the policy expires ({to}){assumed}',
    both: '评估日期 {at} 晚于政策失效日期 {to} / the date is after the policy expires{assumed}',
  },
  {
    code: 'evaluate.assumedDate',
    zh: '（生效日期系推定：{note}）',
    en: ' (an assumed date: {note})',
    both: '（生效日期系推定 an assumed date: {note}）',
  },
  {
    code: 'evaluate.modeNotInPolicy',
    zh: '案件的退出方式不是本政策的方式之一（{modes}）',
    en: "the case's mode is not one of the policy's modes ({modes})",
    both: "案件的退出方式不是本政策的方式之一（{modes}）/ the case's mode is not one of the policy's modes",
  },
  {
    code: 'evaluate.noFormula',
    zh: '补偿公式无法计算',
    en: 'the compensation formula cannot be evaluated',
    both: '补偿公式无法计算 / the compensation formula cannot be evaluated',
  },
  {
    code: 'evaluate.compensationError',
    zh: '补偿无法计算：{error}',
    en: 'compensation cannot be computed: {error}',
    both: '补偿无法计算 compensation cannot be computed: {error}',
  },
  {
    code: 'evaluate.compensationDataMissing',
    zh: '补偿无法计算：案件缺少所需数据',
    en: 'compensation cannot be computed: data missing',
    both: '补偿无法计算：案件缺少所需数据 / compensation cannot be computed: data missing',
  },
  {
    code: 'evaluate.wordsFailed',
    zh: '金额大写失败：{error}',
    en: 'amount in words failed: {error}',
    both: '金额大写失败 amount in words failed: {error}',
  },
  // The case's exit.payer when the policy names others: {asked} is the case's, or evaluate.payerNotGiven.
  { code: 'evaluate.payerNotGiven', zh: '（未填）', en: '(not given)', both: '（未填）' },
  {
    code: 'evaluate.payerReplaced',
    zh: '案件的支付方 {asked} 不是本政策的支付方，按政策由 {name} 支付',
    en: "the case's payer {asked} is not the policy's; {party} ({name}) pays",
    both: "案件的支付方 {asked} 不是本政策的支付方，按政策由 {name} 支付 / the case's payer is not the policy's; {party} pays",
  },
  {
    code: 'evaluate.payerNotListed',
    zh: '案件的支付方 {asked} 不是本政策的支付方之一（{parties}）',
    en: "the case's payer {asked} is not one of the policy's ({parties})",
    both: "案件的支付方 {asked} 不是本政策的支付方之一（{parties}）/ the case's payer is not one of the policy's",
  },
];
