// The message catalogue, keyed by code (as the TypeScript compiler keeps its diagnostics): each
// code has one severity and one wording, Chinese first then English. Ranges:
//   Y0xx YAML syntax · S0xx schema · N4xx names · U45x types and units · C5xx citations ·
//   P6xx parameters, procedures, steps, forms · L7xx national law · K8xx consistency · X9xx examples ·
//   A0xx advice (the paper's proposals: not law, notes an officer may read and waive).
// (E1xx–E3xx belong to the expression language, dsl/expr/messages.ts.)

import { editDistance } from './expr/suggest.ts';

export type Severity = 'error' | 'warning' | 'note';

export interface MessageDef {
  code: string;
  severity: Severity;
  zh: string;
  en: string;
  /** The law article the finding rests on (law checks). */
  cite?: string;
}

const LAW = '农村土地承包法';

export const catalogue: readonly MessageDef[] = [
  // YAML
  { code: 'Y001', severity: 'error', zh: 'YAML 语法错误：{detailZh}', en: 'YAML syntax error: {detail}' },
  { code: 'Y002', severity: 'warning', zh: 'YAML 警告：{detailZh}', en: 'YAML warning: {detail}' },
  { code: 'Y003', severity: 'error', zh: '政策文件应为一个映射（键: 值）', en: 'a policy file must be one mapping (key: value)' },
  { code: 'Y004', severity: 'error', zh: '一个政策文件只能有一个 YAML 文档', en: 'a policy file holds exactly one YAML document' },
  // Schema
  { code: 'S001', severity: 'error', zh: '未知的键「{key}」{hint}', en: 'unknown key "{key}"{hintEn}' },
  { code: 'S002', severity: 'error', zh: '缺少必需的键「{key}」', en: 'missing required key "{key}"' },
  {
    code: 'S003',
    severity: 'error',
    zh: '类型错误：应为{expectedZh}，实为{actualZh}',
    en: 'wrong type: expected {expected}, got {actual}',
  },
  {
    code: 'S004',
    severity: 'error',
    zh: '无效的值「{value}」，允许的值：{allowed}{hint}',
    en: 'invalid value "{value}"; allowed: {allowed}{hintEn}',
  },
  { code: 'S005', severity: 'error', zh: '格式不符：{detailZh}', en: 'bad format: {detail}' },
  { code: 'S006', severity: 'error', zh: '不能为空', en: 'must not be empty' },
  // Names
  { code: 'N401', severity: 'warning', zh: '参数「{name}」未被使用', en: 'parameter "{name}" is never used' },
  { code: 'N402', severity: 'warning', zh: '未知的 implements 标记「{tag}」{hint}', en: 'unknown implements tag "{tag}"{hintEn}' },
  { code: 'N403', severity: 'warning', zh: '未知的比较键「{key}」{hint}', en: 'unknown compare key "{key}"{hintEn}' },
  {
    code: 'N404',
    severity: 'warning',
    zh: '中间量「{name}」与参数同名，遮蔽了参数',
    en: 'let binding "{name}" shadows the parameter of that name',
  },
  { code: 'N405', severity: 'note', zh: '中间量「{name}」未被使用', en: 'let binding "{name}" is never used' },
  { code: 'N406', severity: 'error', zh: '案件中没有字段「{path}」{hint}', en: 'the case has no field "{path}"{hintEn}' },
  {
    code: 'N407',
    severity: 'error',
    zh: '「{name}」既不是本程序的步骤，也不是案件的日期字段{hint}',
    en: '"{name}" is neither a step of this procedure nor a date field of the case{hintEn}',
  },
  // Types and units
  { code: 'U451', severity: 'error', zh: '规则应为真假值，实为{type}', en: 'a rule must be true or false, but this is {type}' },
  { code: 'U452', severity: 'error', zh: '补偿金额应以「元」计，实为{type}', en: 'compensation must be money in 元, but this is {type}' },
  {
    code: 'U453',
    severity: 'error',
    zh: '参数「{name}」声明的单位「{declared}」与其取值的单位「{actual}」不一致',
    en: 'parameter "{name}" declares unit "{declared}" but its value is in "{actual}"',
  },
  { code: 'U454', severity: 'error', zh: '参数「{name}」的值无法识别', en: 'cannot read the value of parameter "{name}": {detail}' },
  {
    code: 'U455',
    severity: 'error',
    zh: '补偿上限应以「元」或与补偿相同的单位计，实为{type}',
    en: 'a compensation cap must be in 元, but this is {type}',
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
    en: 'the per-亩 amount must be in 元/亩, but this is {type}',
  },
  {
    code: 'U458',
    severity: 'error',
    zh: '舍入单位「{to}」无法识别，应如「0.01 元」',
    en: 'rounding unit "{to}" not understood; write e.g. "0.01 元"',
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
    en: 'cited article "{cite}" is not among the file\'s articles{hintEn}',
  },
  // Parameters, procedures, steps, forms
  { code: 'P601', severity: 'error', zh: '步骤编号「{id}」重复', en: 'duplicate step id "{id}"' },
  { code: 'P602', severity: 'error', zh: 'after 中的步骤「{id}」不存在{hint}', en: 'after: no step "{id}" in this procedure{hintEn}' },
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
    en: 'the period names an undeclared parameter "{name}"{hintEn}',
  },
  {
    code: 'P606',
    severity: 'error',
    zh: '参数「{name}」（{value}）不是期间，应如「15 日」「3 工作日」「半年」',
    en: 'parameter "{name}" ({value}) is not a period; write e.g. "15 日", "3 工作日", "半年"',
  },
  {
    code: 'P607',
    severity: 'error',
    zh: '步骤使用的文书「{form}」未在 forms 中声明{hint}',
    en: 'form "{form}" used by the step is not declared under forms{hintEn}',
  },
  { code: 'P608', severity: 'error', zh: '文书模板「{path}」不存在', en: 'form template "{path}" does not exist' },
  { code: 'P627', severity: 'error', zh: '不允许的文书模板「{path}」：{rule}', en: 'form template "{path}" is not allowed: {ruleEn}' },
  { code: 'P609', severity: 'error', zh: '规则编号「{id}」重复', en: 'duplicate rule id "{id}"' },
  { code: 'P610', severity: 'error', zh: '退出方式编号「{id}」重复', en: 'duplicate mode id "{id}"' },
  { code: 'P611', severity: 'error', zh: '文书编号「{id}」重复', en: 'duplicate form id "{id}"' },
  { code: 'P612', severity: 'error', zh: '表决步骤应有 votes（表决规则）', en: 'a vote step needs votes (its voting rules)' },
  {
    code: 'P613',
    severity: 'error',
    zh: '无法识别的表决比例「{text}」，应如「三分之二以上」「过半数」「半数以上」',
    en: 'voting threshold "{text}" not understood; write e.g. 三分之二以上, 过半数, 半数以上',
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
  { code: 'P619', severity: 'warning', zh: '{kindZh}步骤应声明期间（period）', en: 'a {kind} step should declare its period' },
  { code: 'P620', severity: 'warning', zh: '只有表决步骤（kind: vote）才使用 votes', en: 'only vote steps (kind: vote) use votes' },
  {
    code: 'P621',
    severity: 'warning',
    zh: '只有公示步骤（kind: publicNotice）才有异议期',
    en: 'only public notice steps (kind: publicNotice) have an objection window',
  },
  { code: 'P630', severity: 'warning', zh: '{key} 只用于这些种类的步骤：{kinds}', en: '{key} is used only by steps of kind {kinds}' },
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
    en: 'a {body} counts {unitEn}, so a households base would mix two units in one vote',
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
    en: 'unknown calendar layer "{id}" (known: {known}){hintEn}',
  },
  // Coverage (dsl/check/coverage.ts): a combination of case facts the policy lets in but cannot finish.
  {
    code: 'P641',
    severity: 'error',
    zh: '表决步骤「{step}」在以下情形没有 when 成立的表决规则：{cases}。这样的案件会停在「本案应由（无）表决」，只能终止办理；请为这些情形加一条表决规则，或以申请条件拒绝它们，或在步骤上写 when: 使其不适用',
    en: 'vote step "{step}" has no voting rule whose when holds for: {casesEn}. Such a case stops at "voted on by (none)" with only terminate left; add a rule for it, refuse it by an eligibility rule, or put a when: on the step that leaves it out',
  },
  {
    code: 'P642',
    severity: 'error',
    zh: '步骤「{step}」签订合同，但在以下情形没有适用的补偿（compensation）：{cases}，合同价款无法计算；请为该方式写 compensation，或在步骤上写 when: 使其不适用',
    en: 'step "{step}" signs a contract, but no compensation applies for: {casesEn}, so there is no contract price; give the mode a compensation, or put a when: on the step that leaves it out',
  },
  {
    code: 'P643',
    severity: 'error',
    zh: '补偿公式要用案件的可选字段「{label}」（{field}），但在以下情形没有步骤记录它，也没有申请条件要求它：{cases}；缺少它的案件到「{step}」时无法计算合同价款。请加一条申请条件要求它（如 exists({label})），或在步骤上写 when:',
    en: 'the compensation needs the optional case field "{field}", which no step records and no eligibility rule requires for: {casesEn}; a case without it gets no contract price at "{step}". Add an eligibility rule requiring it (e.g. exists({field})), or a when: on the step',
  },
  {
    code: 'P644',
    severity: 'error',
    zh: '付款步骤「{step}」在以下情形之前没有签订合同的步骤：{cases}；没有合同价款，付款无法记录。请让它在合同步骤之后（after:），或在步骤上写 when: 使其不适用',
    en: 'payment step "{step}" has no contract step before it for: {casesEn}; with no contract price no payment can be recorded. Put it after the contract step (after:), or a when: on the step that leaves it out',
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
    en: "the transfer procedure has no rule implementing transfer.termWithinContract: the transferee's new contract can only run for the remaining term (Arts. 34 and 21; Art. 38(3) says the same for 经营权 transfers)",
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
    zh: '{procedureZh}程序没有实现 coOwnerConsent（家庭共有人同意）的规则：农户内家庭成员依法平等享有承包土地的各项权益（农村土地承包法第十六条第二款）',
    en: 'the {procedure} procedure has no rule implementing coOwnerConsent: every member of the household has equal rights in the contracted land (Art. 16(2))',
    cite: `${LAW}第十六条`,
  },
  {
    code: 'L708',
    severity: 'warning',
    zh: '退出的书面通知期「{value}」可能短于半年（半年为 181–184 日），请以月或「半年」表示（农村土地承包法第三十条）',
    en: 'the written notice period for exit ({value}) may be shorter than half a year (181–184 days); state it in months or as 半年 (Art. 30)',
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
  { code: 'X902', severity: 'error', zh: '无法读取示例案件「{path}」', en: 'cannot read the example case "{path}": {detail}' },
  { code: 'X903', severity: 'error', zh: '示例案件在 {pointer} 处无效', en: 'the example case is invalid at {pointer}: {detail}' },
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
    en: 'the example\'s mode "{mode}" is not declared{hintEn}',
  },
  {
    code: 'X906',
    severity: 'error',
    zh: '示例期望失败的规则「{id}」不存在{hint}',
    en: 'the example expects rule "{id}" to fail, but there is no such rule{hintEn}',
  },
  {
    code: 'X907',
    severity: 'error',
    zh: '示例的 set 路径「{path}」无效{hint}',
    en: 'the example\'s set path "{path}" is invalid ({detail}){hintEn}',
  },
  { code: 'X908', severity: 'error', zh: '示例「{name}」无法计算', en: 'example "{name}" cannot be evaluated: {detail}' },
  { code: 'X909', severity: 'error', zh: '示例应有 caseFile 或 case', en: 'an example needs caseFile or case' },
  { code: 'X910', severity: 'error', zh: '不允许的示例案件「{path}」：{rule}', en: 'example case "{path}" is not allowed: {ruleEn}' },
];

const byCode = new Map(catalogue.map((m) => [m.code, m]));

export function getMessage(code: string): MessageDef | undefined {
  return byCode.get(code);
}

function fill(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in args ? String(args[k]) : ''));
}

/** The catalogue text for a code: "中文 / English". Unknown codes say so rather than throw. */
export function messageFor(code: string, args: Record<string, string | number> = {}): { severity: Severity; text: string; cite?: string } {
  const m = byCode.get(code);
  if (!m) return { severity: 'error', text: `未知诊断 unknown diagnostic ${code}` };
  const a = { ...args };
  // Callers may pass only `hint`/`detail`; default the other language to the same text.
  if (a.hint !== undefined && a.hintEn === undefined) a.hintEn = a.hint;
  if (a.detail !== undefined && a.detailZh === undefined) a.detailZh = a.detail;
  return { severity: m.severity, text: `${fill(m.zh, a)} / ${fill(m.en, a)}`, cite: m.cite };
}

/** 「…是否想写 X？」 for the nearest candidate within a small edit distance. */
export function didYouMean(name: string, candidates: Iterable<string>): { hint: string; hintEn: string } {
  const best = nearest(name, candidates);
  if (!best) return { hint: '', hintEn: '' };
  return { hint: `，是否想写「${best}」？`, hintEn: `; did you mean "${best}"?` };
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
