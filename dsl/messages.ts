// The message catalogue, keyed by code (as the TypeScript compiler keeps its diagnostics), and the
// one renderer of every message landflow shows (dsl/message.ts says what a message is). Each code
// has one wording in Chinese and one in English; diagnostics also have a severity. Ranges:
//   Y0xx YAML syntax · S0xx schema · N4xx names · U45x types and units · C5xx citations ·
//   P6xx parameters, procedures, steps, forms · L7xx national law · K8xx consistency · X9xx examples ·
//   A0xx advice (the paper's proposals: not law, notes an officer may read and waive).
// Other families join the same lookup: E1xx–E4xx the expression language (dsl/expr/messages.ts),
// the legal-text readers' codes (dsl/legal-text/errors.ts), the phrases below (dotted ids) and the
// engine's families in dsl/phrases/ — kept under dsl/ so that every edge, the browser included,
// renders every message with this one table.
//
// Templates: {name} is an argument; {name.zh} / {name.en} an argument in one language; {=text} a
// literal the way a policy writes it (元, 半年, 三分之二以上), content rather than wording;
// {?name:…} a part shown only when the argument is given. A template for both languages at once
// (`both`, the command line's line) is optional: by default the two are joined, " / " for
// diagnostics and a space for phrases.

import { editDistance } from './expr/suggest.ts';
import { EXPR_MESSAGE_DEFS } from './expr/messages.ts';
import { LEGAL_TEXT_MESSAGE_DEFS } from './legal-text/errors.ts';
import { CASE_PHRASES } from './phrases/case.ts';
import { TEMPLATE_PHRASES } from './phrases/templates.ts';
import { RUN_PHRASES } from './phrases/run.ts';
import { HTTP_PHRASES } from './phrases/http.ts';
import { COMPARE_PHRASES } from './phrases/compare.ts';
import { ACCOUNT_PHRASES } from './phrases/accounts.ts';
import { EVALUATE_PHRASES } from './phrases/evaluate.ts';
import { DOCUMENT_PHRASES } from './phrases/documents.ts';
import { COMPILE_PHRASES } from './phrases/compile.ts';
import { TIME_PHRASES } from './phrases/time.ts';
import { STORE_PHRASES } from './phrases/store.ts';
import { AUDIT_PHRASES } from './phrases/audit.ts';
import { CLI_PHRASES } from './phrases/cli.ts';
import { HOVER_PHRASES } from './phrases/hover.ts';
import { isBilingual, isMessage, msg, type Arg, type Lang, type Message, type Text } from './message.ts';

export type Severity = 'error' | 'warning' | 'note';

/** A diagnostic's entry: a code of the ranges above. */
export interface MessageDef {
  code: string;
  severity: Severity;
  zh: string;
  en: string;
  /** The law article the finding rests on (law checks). */
  cite?: string;
}

/** Any other entry: a phrase, a line of an explanation, a family's code. */
export interface PhraseDef {
  code: string;
  zh: string;
  en: string;
  /** The line in both languages, when it is not the two joined by a space. */
  both?: string;
}

const LAW = '农村土地承包法';

export const catalogue: readonly MessageDef[] = [
  // YAML
  { code: 'Y001', severity: 'error', zh: 'YAML 语法错误：{detail}', en: 'YAML syntax error: {detail}' },
  { code: 'Y002', severity: 'warning', zh: 'YAML 警告：{detail}', en: 'YAML warning: {detail}' },
  { code: 'Y003', severity: 'error', zh: '政策文件应为一个映射（键: 值）', en: 'a policy file must be one mapping (key: value)' },
  { code: 'Y004', severity: 'error', zh: '一个政策文件只能有一个 YAML 文档', en: 'a policy file holds exactly one YAML document' },
  // Schema
  { code: 'S001', severity: 'error', zh: '未知的键「{key}」{hint}', en: 'unknown key "{key}"{hint}' },
  { code: 'S002', severity: 'error', zh: '缺少必需的键「{key}」', en: 'missing required key "{key}"' },
  {
    code: 'S003',
    severity: 'error',
    zh: '类型错误：应为{expected}，实为{actual}',
    en: 'wrong type: expected {expected}, got {actual}',
  },
  {
    code: 'S004',
    severity: 'error',
    zh: '无效的值「{value}」，允许的值：{allowed}{hint}',
    en: 'invalid value "{value}"; allowed: {allowed}{hint}',
  },
  { code: 'S005', severity: 'error', zh: '格式不符：{detail}', en: 'bad format: {detail}' },
  // Also an empty case field (dsl/case-json-schema.ts) or typed text (dsl/text.ts): one concept, one message.
  { code: 'S006', severity: 'error', zh: '不能为空', en: 'must not be empty' },
  // Names
  { code: 'N401', severity: 'warning', zh: '参数「{name}」未被使用', en: 'parameter "{name}" is never used' },
  { code: 'N402', severity: 'warning', zh: '未知的 implements 标记「{tag}」{hint}', en: 'unknown implements tag "{tag}"{hint}' },
  { code: 'N403', severity: 'warning', zh: '未知的比较键「{key}」{hint}', en: 'unknown compare key "{key}"{hint}' },
  {
    code: 'N404',
    severity: 'warning',
    zh: '中间量「{name}」与参数同名，遮蔽了参数',
    en: 'let binding "{name}" shadows the parameter of that name',
  },
  { code: 'N405', severity: 'note', zh: '中间量「{name}」未被使用', en: 'let binding "{name}" is never used' },
  { code: 'N406', severity: 'error', zh: '案件中没有字段「{path}」{hint}', en: 'the case has no field "{path}"{hint}' },
  {
    code: 'N407',
    severity: 'error',
    zh: '「{name}」既不是本程序的步骤，也不是案件的日期字段{hint}',
    en: '"{name}" is neither a step of this procedure nor a date field of the case{hint}',
  },
  // Types and units
  { code: 'U451', severity: 'error', zh: '规则应为真假值，实为{type}', en: 'a rule must be true or false, but this is {type}' },
  {
    code: 'U452',
    severity: 'error',
    zh: '补偿金额应以「元」计，实为{type}',
    en: 'compensation must be money in {=元}, but this is {type}',
  },
  {
    code: 'U453',
    severity: 'error',
    zh: '参数「{name}」声明的单位「{declared}」与其取值的单位「{actual}」不一致',
    en: 'parameter "{name}" declares unit "{declared}" but its value is in "{actual}"',
  },
  {
    code: 'U454',
    severity: 'error',
    zh: '参数「{name}」的值无法识别{?detail:：{detail}}',
    en: 'cannot read the value of parameter "{name}": {detail}',
  },
  {
    code: 'U455',
    severity: 'error',
    zh: '补偿上限应以「元」或与补偿相同的单位计，实为{type}',
    en: 'a compensation cap must be in {=元}, but this is {type}',
  },
  {
    code: 'U456',
    severity: 'error',
    zh: '适用条件（when）应为真假值，实为{type}',
    en: 'a condition (when) must be true or false, but this is {type}',
  },
  {
    code: 'U457',
    severity: 'error',
    zh: '每亩金额应以「元/亩」计，实为{type}',
    en: 'the amount per {=亩} must be in {=元/亩}, but this is {type}',
  },
  {
    code: 'U458',
    severity: 'error',
    zh: '舍入单位「{to}」无法识别，应如「0.01 元」',
    en: 'rounding unit "{to}" not understood; write e.g. "{=0.01 元}"',
  },
  {
    code: 'U459',
    severity: 'error',
    zh: '案件字段「{path}」不是数值，不能作为参数',
    en: 'case field "{path}" is not a number and cannot supply a parameter',
  },
  // Citations
  {
    code: 'C501',
    severity: 'error',
    zh: '引用的条文「{cite}」不在本文件的 articles 中{hint}',
    en: 'cited article "{cite}" is not among the file\'s articles{hint}',
  },
  // Parameters, procedures, steps, forms
  { code: 'P601', severity: 'error', zh: '步骤编号「{id}」重复', en: 'duplicate step id "{id}"' },
  { code: 'P602', severity: 'error', zh: 'after 中的步骤「{id}」不存在{hint}', en: 'after: no step "{id}" in this procedure{hint}' },
  { code: 'P603', severity: 'error', zh: '步骤顺序成环：{cycle}', en: 'the steps form a cycle: {cycle}' },
  {
    code: 'P604',
    severity: 'error',
    zh: '步骤「{id}」永远无法开始（其前序步骤成环）',
    en: 'step "{id}" can never start (its predecessors form a cycle)',
  },
  {
    code: 'P605',
    severity: 'error',
    zh: '期间引用了未声明的参数「{name}」{hint}',
    en: 'the period names an undeclared parameter "{name}"{hint}',
  },
  {
    code: 'P606',
    severity: 'error',
    zh: '参数「{name}」（{value}）不是期间，应如「15 日」「3 工作日」「半年」',
    en: 'parameter "{name}" ({value}) is not a period; write e.g. "{=15 日}", "{=3 工作日}", "{=半年}"',
  },
  {
    code: 'P607',
    severity: 'error',
    zh: '步骤使用的文书「{form}」未在 forms 中声明{hint}',
    en: 'form "{form}" used by the step is not declared under forms{hint}',
  },
  { code: 'P608', severity: 'error', zh: '文书模板「{path}」不存在', en: 'form template "{path}" does not exist' },
  { code: 'P627', severity: 'error', zh: '不允许的文书模板「{path}」：{rule}', en: 'form template "{path}" is not allowed: {rule}' },
  { code: 'P609', severity: 'error', zh: '规则编号「{id}」重复', en: 'duplicate rule id "{id}"' },
  { code: 'P610', severity: 'error', zh: '退出方式编号「{id}」重复', en: 'duplicate mode id "{id}"' },
  { code: 'P611', severity: 'error', zh: '文书编号「{id}」重复', en: 'duplicate form id "{id}"' },
  { code: 'P612', severity: 'error', zh: '表决步骤应有 votes（表决规则）', en: 'a vote step needs votes (its voting rules)' },
  {
    code: 'P613',
    severity: 'error',
    zh: '无法识别的表决比例「{text}」，应如「三分之二以上」「过半数」「半数以上」',
    en: 'voting threshold "{text}" not understood; write e.g. {=三分之二以上}, {=过半数}, {=半数以上}',
  },
  {
    code: 'P614',
    severity: 'error',
    zh: '参数「{name}」应有 value（取值）或 from（由案件提供）之一，且只能有一个',
    en: 'parameter "{name}" needs exactly one of value or from',
  },
  {
    code: 'P615',
    severity: 'error',
    zh: '标为假定（assumed: true）的内容应以 note 说明依据',
    en: 'an assumption (assumed: true) needs a note saying what it rests on',
  },
  {
    code: 'P617',
    severity: 'error',
    zh: 'meta.id「{id}」应与文件名「{expected}」一致',
    en: 'meta.id "{id}" must equal the file name "{expected}"',
  },
  {
    code: 'P618',
    severity: 'error',
    zh: '文书所属程序「{procedure}」未在 procedures 中声明',
    en: 'the form\'s procedure "{procedure}" is not declared under procedures',
  },
  { code: 'P619', severity: 'warning', zh: '{kind}步骤应声明期间（period）', en: 'a {kind} step should declare its period' },
  { code: 'P620', severity: 'warning', zh: '只有表决步骤（kind: vote）才使用 votes', en: 'only vote steps (kind: vote) use votes' },
  { code: 'P630', severity: 'warning', zh: '{key} 只用于这些种类的步骤：{kinds}', en: '{key} is used only by steps of kind {kinds}' },
  {
    code: 'P631',
    severity: 'warning',
    zh: '{kind} 步骤应声明 periods.{role}（期间）',
    en: 'a {kind} step should declare its period periods.{role}',
  },
  { code: 'P622', severity: 'error', zh: '无效的日期「{value}」，应为 YYYY-MM-DD', en: 'invalid date "{value}"; expected YYYY-MM-DD' },
  { code: 'P623', severity: 'error', zh: '生效日期晚于失效日期', en: 'effective.from is later than effective.to' },
  { code: 'P624', severity: 'warning', zh: '程序没有任何步骤', en: 'the procedure has no steps' },
  {
    code: 'P626',
    severity: 'error',
    zh: '法定人数以到会人数与应到人数（entitled）或总户数（households）相比，基数不能是到会人数（present）',
    en: 'a quorum compares those present with the entitled members (entitled) or the households (households); its base cannot be present',
  },
  {
    code: 'P629',
    severity: 'error',
    zh: '「{body}」按{unit}计票，基数不能是户（households）：一个会议的各项人数只用一种单位',
    en: 'a {body} counts {unit}, so a households base would mix two units in one vote',
  },
  {
    code: 'P625',
    severity: 'error',
    zh: '文件格式版本 landflow: {value} 不受支持（支持 1）',
    en: 'format version landflow: {value} is not supported (1 is)',
  },
  {
    code: 'P628',
    severity: 'error',
    zh: '未知的日历层「{id}」（已知：{known}）{hint}',
    en: 'unknown calendar layer "{id}" (known: {known}){hint}',
  },
  // Coverage (dsl/check/coverage.ts): a combination of case facts the policy lets in but cannot finish.
  {
    code: 'P641',
    severity: 'error',
    zh: '表决步骤「{step}」在以下情形没有 when 成立的表决规则：{cases}。这样的案件会停在「本案应由（无）表决」，只能终止办理；请为这些情形加一条表决规则，或以申请条件拒绝它们，或在步骤上写 when: 使其不适用',
    en: 'vote step "{step}" has no voting rule whose when holds for: {cases}. Such a case stops at "voted on by (none)" with only terminate left; add a rule for it, refuse it by an eligibility rule, or put a when: on the step that leaves it out',
  },
  {
    code: 'P642',
    severity: 'error',
    zh: '步骤「{step}」签订合同，但在以下情形没有适用的补偿（compensation）：{cases}，合同价款无法计算；请为该方式写 compensation，或在步骤上写 when: 使其不适用',
    en: 'step "{step}" signs a contract, but no compensation applies for: {cases}, so there is no contract price; give the mode a compensation, or put a when: on the step that leaves it out',
  },
  {
    code: 'P643',
    severity: 'error',
    zh: '补偿公式要用案件的可选字段「{label}」（{field}），但在以下情形没有步骤记录它，也没有申请条件要求它：{cases}；缺少它的案件到「{step}」时无法计算合同价款。请加一条申请条件要求它（如 exists({label})），或在步骤上写 when:',
    en: 'the compensation needs the optional case field "{field}", which no step records and no eligibility rule requires for: {cases}; a case without it gets no contract price at "{step}". Add an eligibility rule requiring it (e.g. exists({field})), or a when: on the step',
  },
  {
    code: 'P644',
    severity: 'error',
    zh: '付款步骤「{step}」在以下情形之前没有签订合同的步骤：{cases}；没有合同价款，付款无法记录。请让它在合同步骤之后（after:），或在步骤上写 when: 使其不适用',
    en: 'payment step "{step}" has no contract step before it for: {cases}; with no contract price no payment can be recorded. Put it after the contract step (after:), or a when: on the step that leaves it out',
  },
  // National law (农村土地承包法 2018; 农村集体经济组织法 2024)
  {
    code: 'L701',
    severity: 'error',
    zh: '退出的书面通知期「{value}」短于半年，违反农村土地承包法第三十条（应当提前半年以书面形式通知发包方）',
    en: 'the written notice period for exit ({value}) is shorter than half a year, against Art. 30 of the Rural Land Contracting Law',
    cite: `${LAW}第三十条`,
  },
  {
    code: 'L702',
    severity: 'error',
    zh: '退出程序没有声明书面通知期（compare: noticePeriod 的参数），无法核对农村土地承包法第三十条的提前半年通知',
    en: "the exit procedure declares no written notice period (a parameter with compare: noticePeriod), so Art. 30 (half a year's written notice) cannot be verified",
    cite: `${LAW}第三十条`,
  },
  {
    code: 'L703',
    severity: 'error',
    zh: '转让程序没有实现 transfer.sameCollective 的规则：农村土地承包法第三十四条只允许转让给本集体经济组织的其他农户',
    en: 'the transfer procedure has no rule implementing transfer.sameCollective: Art. 34 allows transfer only to another household of the same collective',
    cite: `${LAW}第三十四条`,
  },
  {
    code: 'L704',
    severity: 'error',
    zh: '不得以退出土地承包经营权作为农户进城落户的条件（农村土地承包法第二十七条第二款）',
    en: 'exit may not be made a condition of settling in town (Art. 27(2) of the Rural Land Contracting Law)',
    cite: `${LAW}第二十七条`,
  },
  {
    code: 'L705',
    severity: 'error',
    zh: '转让程序没有实现 transfer.termWithinContract 的规则：受让方与发包方确立的新承包关系只及于原承包期的剩余期限（农村土地承包法第三十四条、第二十一条；第三十八条第三项对土地经营权流转作同样规定）',
    en: "the transfer procedure has no rule implementing transfer.termWithinContract: the transferee's new contract can only run for the remaining term (Arts. 34 and 21; Art. 38(3) says the same for transfers of the land management right)",
    cite: `${LAW}第三十四条、第二十一条`,
  },
  {
    code: 'L706',
    severity: 'warning',
    zh: '退出方式「{mode}」要求退出集体经济组织成员身份：退出成员身份应自愿、书面申请，退出承包地本身不丧失成员身份（农村集体经济组织法第十六条、第十七条）',
    en: 'mode "{mode}" forces leaving collective membership: leaving is voluntary and by written application, and exiting land does not by itself end membership (Collective Economic Organisations Law Arts. 16–17)',
    cite: '农村集体经济组织法第十六条、第十七条',
  },
  {
    code: 'L707',
    severity: 'error',
    zh: '{procedure}程序没有实现 coOwnerConsent（家庭共有人同意）的规则：农户内家庭成员依法平等享有承包土地的各项权益（农村土地承包法第十六条第二款）',
    en: 'the {procedure} procedure has no rule implementing coOwnerConsent: every member of the household has equal rights in the contracted land (Art. 16(2))',
    cite: `${LAW}第十六条`,
  },
  {
    code: 'L708',
    severity: 'warning',
    zh: '退出的书面通知期「{value}」可能短于半年（半年为 181–184 日），请以月或「半年」表示（农村土地承包法第三十条）',
    en: 'the written notice period for exit ({value}) may be shorter than half a year (181–184 days); state it in months or as {=半年} (Art. 30)',
    cite: `${LAW}第三十条`,
  },
  { code: 'L790', severity: 'note', zh: '已豁免 {code}，理由：{justification}', en: 'waived {code}; justification: {justification}' },
  {
    code: 'L791',
    severity: 'error',
    zh: '只有国家法律检查（L7xx）和建议（A0xx）可以豁免，「{code}」不行',
    en: 'only national-law checks (L7xx) and advice (A0xx) can be waived, not "{code}"',
  },
  {
    code: 'L792',
    severity: 'warning',
    zh: '豁免的「{code}」并未出现，豁免无效',
    en: 'the waived "{code}" does not occur; the waiver has no effect',
  },
  // Consistency
  {
    code: 'K801',
    severity: 'warning',
    zh: '公示异议期 {objection}（{objectionCite}）与公示期 {period}（{periodCite}）不一致',
    en: 'objection window {objection} ({objectionCite}) differs from the public notice period {period} ({periodCite})',
  },
  {
    code: 'K802',
    severity: 'warning',
    zh: '参数「{name}」与「{other}」使用了同一个比较键「{key}」',
    en: 'parameters "{name}" and "{other}" share the compare key "{key}"',
  },
  {
    code: 'K803',
    severity: 'warning',
    zh: '两条表决规则都适用于「{body}」且没有区分条件（when）',
    en: 'two voting rules apply to "{body}" with no condition (when) telling them apart',
  },
  {
    code: 'K804',
    severity: 'warning',
    zh: '书面通知步骤的期间「{name}」不是声明的书面通知期「{notice}」',
    en: 'the written notice step uses period "{name}", not the declared notice period "{notice}"',
  },
  // Timing (dsl/check/timing.ts): periods that cannot all be kept, over the calendar's worst case.
  {
    code: 'K805',
    severity: 'warning',
    zh: '步骤「{step}」的期限 {period}（{cite}）自「{from}」之日起算，最短 {days} 日即届满，而该步骤须待{waits}之后方可办理，最长要到第 {worst} 日：期限可能在能够办理之前届满',
    en: 'the deadline {period} of step "{step}" ({cite}) counts from the day of "{from}" and can end after {days} days, but the step can be done only after {waits}, as late as day {worst}: the deadline can run out before the step can be done',
  },
  {
    code: 'K806',
    severity: 'warning',
    zh: '「{step}」的期间 {period}（{periodCite}）届满后即可结束，最早第 {close} 日，而异议期 {window}（{windowCite}）至少到第 {windowDays} 日：结束「{step}」会提前截止异议期，此后的异议无法再记录',
    en: '"{step}" may be closed once its period {period} ({periodCite}) is over, from day {close}, while its objection window {window} ({windowCite}) runs to day {windowDays} at least: closing it cuts the objection window short, and no objection can be recorded after that',
  },
  {
    code: 'K807',
    severity: 'warning',
    zh: '步骤「{step}」的期间 {period}（{cite}）自「{from}」之日起算，最短 {days} 日即届满，而该步骤须待{waits}之后才开始，最长要到第 {worst} 日：期间可能在步骤开始之前就已届满，农户无从行使',
    en: 'the window {period} of step "{step}" ({cite}) counts from the day of "{from}" and can end after {days} days, but the step starts only after {waits}, as late as day {worst}: the window can be over before the step starts, and the household could not use it',
  },
  // Examples
  // Advice: the paper's proposals (docs/domain.md), notes only; waivable like national-law checks.
  {
    code: 'A001',
    severity: 'note',
    zh: '退出程序没有冷静期：论文建议设30日退地冷静期，期内农户可书面无条件撤销申请（论文3.2）',
    en: 'the exit procedure has no cooling-off period: the paper proposes 30 days in which the household may withdraw unconditionally (paper §3.2)',
  },
  {
    code: 'A002',
    severity: 'note',
    zh: '退出程序没有重新承包（反悔）窗口：论文建议退出后3至5年内可按比例回购部分承包地（论文3.2）',
    en: 'the exit procedure has no re-entry window: the paper proposes buying back part of the land within 3–5 years (paper §3.2)',
  },
  {
    code: 'A003',
    severity: 'note',
    zh: '只有一种退出方式：论文建议按非农化程度梯度退出（托管、本轮承包期退出、永久退出）（论文3.2）',
    en: 'only one way to exit: the paper proposes graded paths by how far the household has left farming (custody, current-term exit, permanent exit) (paper §3.2)',
  },
  {
    code: 'X901',
    severity: 'error',
    zh: '示例「{name}」的 {path} 应为 {expected}，实为 {actual}',
    en: 'example "{name}": {path} expected {expected}, got {actual}',
  },
  {
    code: 'X902',
    severity: 'error',
    zh: '无法读取示例案件「{path}」{?detail:：{detail}}',
    en: 'cannot read the example case "{path}": {detail}',
  },
  {
    code: 'X903',
    severity: 'error',
    zh: '示例案件在 {pointer} 处无效{?detail:：{detail}}',
    en: 'the example case is invalid at {pointer}: {detail}',
  },
  {
    code: 'X904',
    severity: 'error',
    zh: '示例的程序「{procedure}」未在 procedures 中声明',
    en: 'the example\'s procedure "{procedure}" is not declared under procedures',
  },
  {
    code: 'X905',
    severity: 'error',
    zh: '示例的退出方式「{mode}」未声明{hint}',
    en: 'the example\'s mode "{mode}" is not declared{hint}',
  },
  {
    code: 'X906',
    severity: 'error',
    zh: '示例期望失败的规则「{id}」不存在{hint}',
    en: 'the example expects rule "{id}" to fail, but there is no such rule{hint}',
  },
  {
    code: 'X907',
    severity: 'error',
    zh: '示例的 set 路径「{path}」无效{?detail:（{detail}）}{hint}',
    en: 'the example\'s set path "{path}" is invalid ({detail}){hint}',
  },
  {
    code: 'X908',
    severity: 'error',
    zh: '示例「{name}」无法计算{?detail:：{detail}}',
    en: 'example "{name}" cannot be evaluated: {detail}',
  },
  { code: 'X909', severity: 'error', zh: '示例应有 caseFile 或 case', en: 'an example needs caseFile or case' },
  { code: 'X910', severity: 'error', zh: '不允许的示例案件「{path}」：{rule}', en: 'example case "{path}" is not allowed: {rule}' },
];

/** Phrases the diagnostics are built of: hints, type names, detail texts. */
export const phrases: readonly PhraseDef[] = [
  { code: 'hint.didYouMean', zh: '，是否想写「{name}」？', en: '; did you mean "{name}"?' },
  { code: 'hint.renamed', zh: '，现写作「{now}」', en: '; it is now written "{now}"' },
  { code: 'type.number', zh: '数量（{unit}）', en: 'number in {unit}' },
  { code: 'type.plainNumber', zh: '无单位的数', en: 'a plain number' },
  { code: 'type.bool', zh: '真假值', en: 'true/false' },
  { code: 'type.string', zh: '文字', en: 'text' },
  { code: 'type.date', zh: '日期', en: 'a date' },
  { code: 'type.period', zh: '期间', en: 'a period' },
  { code: 'type.list', zh: '列表', en: 'a list' },
  { code: 'type.record', zh: '记录', en: 'a record' },
  { code: 'type.unknown', zh: '未知', en: 'unknown' },
  { code: 'type.enum', zh: '取值（{values}）', en: 'enum ({values})' },
  { code: 'type.listOf', zh: '{of}的列表', en: 'a list of {of}' },
  { code: 'type.listOfNumbers', zh: '数的列表', en: 'a list of numbers' },
  { code: 'type.listOfBool', zh: '真假值列表', en: 'a list of true/false' },
  { code: 'type.numbersOrList', zh: '数的列表或多个数', en: 'a list of numbers, or numbers' },
  { code: 'unit.none', zh: '无', en: 'none' },
  { code: 'unit.dimensionless', zh: '无单位', en: 'none' },
  { code: 'unit.malformed', zh: '单位格式错误：{text}', en: 'malformed unit: {text}', both: '单位格式错误 malformed unit: {text}' },
  { code: 'unit.unknown', zh: '未知单位：{word}', en: 'unknown unit: {word}', both: '未知单位 unknown unit: {word}' },
  {
    code: 'unit.noConversion',
    zh: '单位不能换算：{from} → {to}',
    en: 'units do not convert: {from} → {to}',
    both: '单位不能换算 units do not convert: {from} → {to}',
  },
  {
    code: 'quantity.unreadable',
    zh: '无法识别的数量：{text}',
    en: 'not a quantity: {text}',
    both: '无法识别的数量 not a quantity: {text}',
  },
  { code: 'quantity.divisionByZero', zh: '除数为零：{text}', en: 'division by zero: {text}', both: '除数为零 division by zero: {text}' },
  { code: 'quantity.badUnit', zh: '{problem}（{text}）', en: '{problem} ({text})', both: '{problem}（{text}）' },
  { code: 'detail.unknownUnit', zh: '未知单位「{unit}」', en: 'unknown unit "{unit}"' },
  { code: 'detail.noSuchCaseField', zh: '案件中没有此字段', en: 'the case has no such field' },
  { code: 'file.missing', zh: '文件不存在', en: 'no such file' },
  { code: 'file.isDirectory', zh: '是目录', en: 'is a directory' },
  { code: 'file.cannotRead', zh: '无法读取（{code}）', en: 'cannot read ({code})', both: '无法读取 cannot read ({code})' },
  { code: 'file.noDirectory', zh: '目录不存在：{dir}', en: 'no such directory: {dir}', both: '目录不存在 no such directory: {dir}' },
  {
    code: 'file.notJson',
    zh: '不是有效的 JSON（第 {line} 行第 {column} 列）',
    en: 'not valid JSON at line {line}, column {column}',
    both: '不是有效的 JSON（第 {line} 行第 {column} 列）not valid JSON at line {line}, column {column}',
  },
  {
    code: 'example.cannotRead',
    zh: '无法读取案件 {file}：{problem}',
    en: 'cannot read the case {file}: {problem}',
    both: '无法读取案件 cannot read the case {file}: {problem}',
  },
  // A problem and where it is: a field, a file, a case's pointer (the store, accounts, documents, the command line).
  { code: 'at.problem', zh: '{where}：{problem}', en: '{where}: {problem}', both: '{where}: {problem}' },
  // A checker's finding where it is, with its code (file:line:column: P601 …).
  { code: 'at.finding', zh: '{where}：{code} {problem}', en: '{where}: {code} {problem}', both: '{where}: {code} {problem}' },
  // Messages one a line (dsl/message.ts lines): the first, then the others the same way.
  { code: 'text.lines', zh: '{first}{?rest:\n{rest}}', en: '{first}{?rest:\n{rest}}', both: '{first}{?rest:\n{rest}}' },
  // Messages in one line, between semicolons (dsl/message.ts clauses).
  { code: 'text.clauses', zh: '{first}{?rest:；{rest}}', en: '{first}{?rest:; {rest}}', both: '{first}{?rest:；{rest}}' },
  // Items of a list in one line (dsl/message.ts series): 、 in Chinese, commas in English.
  { code: 'text.series', zh: '{first}{?rest:、{rest}}', en: '{first}{?rest:, {rest}}', both: '{first}{?rest:、{rest}}' },
  { code: 'example.atPath', zh: '{?path:{path} }{problem}', en: '{?path:{path} }{problem}', both: '{?path:{path} }{problem}' },
  {
    code: 'example.notBundled',
    zh: '示例文件不在界面包中：{path}',
    en: 'not bundled with the UI: {path}',
    both: '示例文件不在界面包中 not bundled with the UI: {path}',
  },
  { code: 'example.listTooShort', zh: '列表只有 {n} 项', en: 'the list has only {n} items' },
  {
    code: 'example.notContainer',
    zh: '「{path}」不是记录或列表',
    en: '"{path}" is not a record or list',
    both: '「{path}」不是记录或列表 is not a record or list',
  },
  { code: 'example.noCase', zh: '示例没有案件', en: 'the example has no case' },
  { code: 'detail.checkerFailed', zh: '检查器内部错误', en: 'internal checker error: {error}' },
  { code: 'detail.tooManyNodes', zh: '文件过大', en: 'too many nodes' },
  { code: 'related.first', zh: '「{id}」首次出现于此', en: '"{id}" first appears here' },
  { code: 'related.compareKey', zh: '参数「{name}」的比较键', en: 'the compare key of parameter "{name}"' },
  { code: 'related.otherVote', zh: '另一条适用于「{body}」且没有 when 的表决规则', en: 'the other rule for "{body}" with no when' },
  { code: 'related.parameterUnit', zh: '参数「{name}」的单位：{unit}', en: 'parameter "{name}" is in {unit}' },
  { code: 'related.objectionPeriod', zh: '异议期「{name}」：{period}', en: 'the objection window "{name}": {period}' },
  { code: 'related.noticePeriod', zh: '公示期「{name}」：{period}', en: 'the public notice period "{name}": {period}' },
  // dsl/check/timing.ts: the places a timing conflict comes from.
  {
    code: 'related.waitAcross',
    zh: '须等待：{period} 最长 {days} 日（如自 {from} 起，跨{crosses}）',
    en: 'a wait: {period} takes up to {days} days (e.g. from {from}, across {crosses})',
  },
  {
    code: 'related.waitRoll',
    zh: '须等待：{period} 最长 {days} 日（最后一日遇 {from} 起的{crosses}顺延）',
    en: 'a wait: {period} takes up to {days} days (a last day in the {crosses} from {from} moves past it)',
  },
  { code: 'related.countedFrom', zh: '期间自此步骤之日起算', en: "the period counts from this step's date" },
  {
    code: 'related.objectionWindow',
    zh: '异议期：{period}，至少到第 {days} 日',
    en: 'the objection window: {period}, to day {days} at least',
  },
  {
    code: 'coverage.conditionFalse',
    zh: '此条件在该情形下不成立：{when}',
    en: 'this condition is false here: {when}',
    both: '此条件在该情形下不成立 this condition is false here: {when}',
  },
  {
    code: 'coverage.modeWithoutCompensation',
    zh: '退出方式「{mode}」没有 compensation',
    en: 'mode {mode} has no compensation',
    both: '退出方式「{mode}」没有 compensation mode {mode} has no compensation',
  },
  {
    code: 'coverage.contractStep',
    zh: '签订合同的步骤：{step}',
    en: 'the contract step: {step}',
    both: '签订合同的步骤 the contract step: {step}',
  },
];

interface Entry {
  zh: string;
  en: string;
  both?: string;
  /** How `zh` and `en` are joined when there is no `both`. */
  join: string;
}

let entries: Map<string, Entry> | undefined;

// Built on first use: the families' modules import dsl/message.ts only, never this file, but a
// lazy table keeps the lookup correct whatever order the modules are loaded in.
function lookup(code: string): Entry | undefined {
  if (!entries) {
    entries = new Map();
    for (const m of catalogue) entries.set(m.code, { zh: m.zh, en: m.en, join: ' / ' });
    for (const list of [
      phrases,
      EXPR_MESSAGE_DEFS,
      LEGAL_TEXT_MESSAGE_DEFS,
      TEMPLATE_PHRASES,
      CASE_PHRASES,
      TIME_PHRASES,
      STORE_PHRASES,
      AUDIT_PHRASES,
      CLI_PHRASES,
      RUN_PHRASES,
      HTTP_PHRASES,
      COMPARE_PHRASES,
      ACCOUNT_PHRASES,
      EVALUATE_PHRASES,
      DOCUMENT_PHRASES,
      COMPILE_PHRASES,
      HOVER_PHRASES,
    ])
      for (const p of list) entries.set(p.code, { zh: p.zh, en: p.en, ...(p.both ? { both: p.both } : {}), join: ' ' });
  }
  return entries.get(code);
}

const byCode = new Map(catalogue.map((m) => [m.code, m]));

/** A diagnostic code's entry (severity, wording, cite). */
export function getMessage(code: string): MessageDef | undefined {
  return byCode.get(code);
}

/** Every code of every family with its wording, for a check that each says what it should. */
export function catalogueEntries(): { code: string; zh: string; en: string; both?: string }[] {
  lookup('');
  return [...entries!.entries()].map(([code, e]) => ({ code, zh: e.zh, en: e.en, ...(e.both !== undefined ? { both: e.both } : {}) }));
}

/** Whether a code has wording in the catalogue (any family). */
export function isKnownCode(code: string): boolean {
  return lookup(code) !== undefined;
}

// ——— rendering

/** How a message is rendered: in one language, or as the command line's line in both. */
export type Mode = Lang | 'both';

/**
 * A run of rendered text. `content` marks what is shown as written whatever the language — an
 * argument given as a string, or a {=literal}: the English UI marks it as Chinese content.
 */
export interface Part {
  text: string;
  content: boolean;
}

type Node =
  | { t: 'text'; text: string }
  | { t: 'literal'; text: string }
  | { t: 'arg'; name: string; lang?: Lang }
  | { t: 'optional'; name: string; body: Node[] };

const parsed = new Map<string, Node[]>();

function parseTemplate(template: string): Node[] {
  let nodes = parsed.get(template);
  if (!nodes) parsed.set(template, (nodes = parseNodes(template)));
  return nodes;
}

function parseNodes(s: string): Node[] {
  const out: Node[] = [];
  let text = '';
  for (let i = 0; i < s.length;) {
    if (s[i] !== '{') {
      text += s[i++];
      continue;
    }
    // The matching brace, counting the braces of an optional part's body.
    let depth = 0;
    let j = i;
    for (; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) break;
    }
    const inner = s.slice(i + 1, j);
    let node: Node | undefined;
    const opt = /^\?(\w+):/.exec(inner);
    const arg = /^(\w+)(?:\.(zh|en))?$/.exec(inner);
    if (j >= s.length) node = undefined;
    else if (inner.startsWith('=')) node = { t: 'literal', text: inner.slice(1) };
    else if (opt) node = { t: 'optional', name: opt[1]!, body: parseNodes(inner.slice(opt[0].length)) };
    else if (arg) node = { t: 'arg', name: arg[1]!, ...(arg[2] ? { lang: arg[2] as Lang } : {}) };
    if (!node) {
      text += s[i++];
      continue;
    }
    if (text) out.push({ t: 'text', text });
    text = '';
    out.push(node);
    i = j + 1;
  }
  if (text) out.push({ t: 'text', text });
  return out;
}

const given = (v: Arg): boolean => v !== undefined && v !== '';

function argParts(v: Arg, mode: Mode): Part[] {
  if (v === undefined || v === '') return [];
  if (typeof v === 'string' || typeof v === 'number') return [{ text: String(v), content: true }];
  return renderParts(v, mode);
}

function fillParts(nodes: Node[], args: Record<string, Arg>, mode: Mode, out: Part[]): void {
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out.push({ text: n.text, content: false });
        break;
      case 'literal':
        out.push({ text: n.text, content: true });
        break;
      case 'arg':
        out.push(...argParts(args[n.name], n.lang ?? mode));
        break;
      case 'optional':
        if (given(args[n.name])) fillParts(n.body, args, mode, out);
        break;
    }
  }
}

/** Adjacent runs of the same kind as one. */
function merge(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.content === p.content) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** A message or text as runs of wording and content, in one language or in both. */
export function renderParts(text: Text, mode: Mode): Part[] {
  if (isBilingual(text)) {
    const t = mode === 'both' ? (text.zh === text.en ? text.zh : `${text.zh} ${text.en}`) : text[mode];
    return t ? [{ text: t, content: false }] : [];
  }
  const e = lookup(text.code);
  if (!e) return [{ text: `未知消息 unknown message ${text.code}`, content: false }];
  const args = text.args ?? {};
  const out: Part[] = [];
  if (mode !== 'both') fillParts(parseTemplate(e[mode]), args, mode, out);
  else if (e.both !== undefined) fillParts(parseTemplate(e.both), args, 'both', out);
  else {
    fillParts(parseTemplate(e.zh), args, 'zh', out);
    out.push({ text: e.join, content: false });
    fillParts(parseTemplate(e.en), args, 'en', out);
  }
  return merge(out);
}

/** A message or text in one language. */
export function render(text: Text, lang: Lang): string {
  return renderParts(text, lang)
    .map((p) => p.text)
    .join('');
}

/** A message or text in both languages, as the command line, logs and files print it. */
export function renderBoth(text: Text): string {
  return renderParts(text, 'both')
    .map((p) => p.text)
    .join('');
}

/**
 * An error whose message is given as data travels with it (`text`), for a reader of one language;
 * `message` is both languages, as logs and the command line print it. A string is a message its
 * thrower still writes in both languages.
 */
export class TextError extends Error {
  /** The message as data, when it was given so. */
  readonly text?: Text;
  constructor(message: string | Text) {
    super(typeof message === 'string' ? message : renderBoth(message));
    if (typeof message !== 'string') this.text = message;
  }
}

/** 「…是否想写 X？」 for the nearest candidate within a small edit distance; no hint without one. */
export function didYouMean(name: string, candidates: Iterable<string>): { hint?: Message } {
  const best = nearest(name, candidates);
  return best === undefined ? {} : { hint: msg('hint.didYouMean', { name: best }) };
}

/** Whether a value is a message or a text in both languages. */
export function isText(x: unknown): x is Text {
  return isMessage(x) || isBilingual(x);
}

export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  // A name that is the start of exactly one longer candidate ("market.rent") most likely means it.
  if (name.length >= 3) {
    const longer = list.filter((c) => c !== name && c.startsWith(name));
    if (longer.length === 1) return longer[0];
  }
  let best: string | undefined;
  let bestD = Infinity;
  const a = [...name];
  for (const c of list) {
    if (c === name) continue;
    const b = [...c];
    if (Math.abs(a.length - b.length) > 8) continue; // too far apart to be a typo; spares the table
    const d = editDistance(a, b);
    const limit = Math.max(1, Math.floor(Math.max(a.length, b.length) / 3));
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
