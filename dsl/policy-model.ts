// The checked policy: what `dsl` hands to the engine after parse → check. Plain data (JSON-safe
// except for compiled expressions, which live in CompiledPolicy). Every node that came from the
// YAML keeps its Span so that the engine's refusals and explanations can point back at the file.

import type { ProcedureKind } from './case-model.ts';

/** A half-open byte range [start, end) of UTF-16 offsets in the policy source text. */
export interface Span {
  start: number;
  end: number;
}

/** A citation: the article key as written in the file's `articles` map (e.g. "第十条", "附件3"). */
export type Cite = string;

export type PeriodUnit = '日' | '工作日' | '月' | '年';

/** A legal period, in the units 《民法典》 arts. 200–204 count in. 半年 is { amount: 6, unit: '月' }. */
export interface Period {
  amount: number;
  unit: PeriodUnit;
  text: string; // as written: "半年", "3 工作日", "15 日"
}

export interface PolicyMeta {
  id: string; // file name without .yaml
  name: string; // full title
  shortName: string; // 钦州
  region: { province: string; city?: string; county?: string; code?: string };
  source: { title: string; issuer?: string; date?: string; url?: string; seed?: string };
  status: string; // 征求意见稿 | 试行 | 施行 | 废止 | 模型方案
  version: string;
  effective: { from?: string; to?: string };
  calendar: string[]; // calendar layers, e.g. ["national", "guangxi"]
}

export interface Parameter {
  name: string; // as declared (may be Chinese)
  label?: string;
  unit: string; // e.g. "元/亩/年", "工作日", "" for dimensionless
  /** A literal value as written ("30 年", "50%"), or absent when supplied by the case. */
  value?: string;
  /** Case path supplying the value (e.g. "market.rentPerMuYear"). */
  from?: string;
  cite: Cite;
  assumed?: boolean;
  note?: string;
  /** Comparable-vocabulary key (issue 7), e.g. "noticePeriod", "partialExitCap". */
  compare?: string;
  span: Span;
}

export interface Rule {
  id: string;
  label: string; // Chinese
  /** Expression text; true means the rule is satisfied. */
  expr: string;
  /** Only applies when this expression is true. */
  when?: string;
  cite: Cite;
  message: string; // shown when the rule fails
  severity?: 'refuse' | 'warn';
  span: Span;
  exprSpan: Span;
}

/** 以上 includes the number (民法典 1259); 过半数 is strictly more than half. */
export interface Threshold {
  num: number;
  den: number;
  inclusive: boolean; // 以上 → true, 超过/过半数 → false
  text: string; // "三分之二以上"
}

export type VoteBase = 'entitled' | 'present' | 'households' | 'all';

export interface VoteRule {
  body: string; // 成员大会 | 成员代表大会 | 户主会议 | 村民会议 …
  /** When this vote applies (e.g. payer == "village"). */
  when?: string;
  quorum?: { base: VoteBase; threshold: Threshold; cite: Cite };
  base: VoteBase;
  threshold: Threshold;
  cite: Cite;
}

export type StepKind =
  | 'application' // 书面申请
  | 'writtenNotice' // 书面通知 (exit: 提前半年以上)
  | 'publicNotice' // 公示 (with objection window)
  | 'waiting' // 等待期 (e.g. 半年后 公开协商)
  | 'review' // 审核 (with deadline for written reasons)
  | 'vote'
  | 'consent' // 家庭共有人同意
  | 'negotiation'
  | 'coolingOff'
  | 'contract'
  | 'payment'
  | 'cancellation' // 收回合同证书 加盖作废章
  | 'filing' // 备案
  | 'registration' // 变更或注销登记
  | 'reentry'; // 反悔窗口

export interface Step {
  id: string;
  kind: StepKind;
  label: string;
  cite: Cite;
  /** Steps that must be done before this one. */
  after: string[];
  /** Period this step runs for (publicNotice, waiting, coolingOff, reentry) or its deadline (review). */
  period?: string; // parameter name holding a Period
  /** How the period is counted: from which step's date, and whether the act is allowed "…后". */
  from?: string; // step id or case date path ("exit.noticeDate")
  allowedAfter?: boolean;
  /** Objection window of a public notice. */
  objectionPeriod?: string;
  form?: string; // form id produced/used at this step
  by?: string[]; // bodies acting
  votes?: VoteRule[];
  when?: string; // only for cases where this holds
  optional?: boolean;
  /** Art. 204: a non-default counting rule, explicitly declared; shown in every explanation. */
  countingOverride?: { rule: string; cite: Cite };
  span: Span;
}

export interface Rounding {
  to: string; // "0.01" (元 to 分)
  mode: 'half-up' | 'half-even' | 'down' | 'up';
  cite?: Cite;
}

export interface Compensation {
  /** Expression giving 元. */
  formula: string;
  /** Named intermediate values shown in the trace (name → expression). */
  let?: Record<string, string>;
  /** An upper bound (e.g. 梁平: the land-acquisition standard). */
  cap?: { expr: string; cite: Cite };
  round: Rounding;
  payer?: string;
  cite: Cite;
  span: Span;
}

export interface Mode {
  id: 'permanent' | 'currentTerm' | 'custody' | string;
  label: string;
  cite: Cite;
  /** Eligibility rules and compensation specific to this mode. */
  eligibility: Rule[];
  compensation?: Compensation;
  keepsNextRound?: boolean;
  membership?: 'kept' | 'mayLeave' | 'mustLeave';
}

export interface Procedure {
  kind: ProcedureKind;
  label: string; // 转让 | 退出
  cite: Cite;
  eligibility: Rule[];
  steps: Step[];
  compensation?: Compensation;
  modes: Mode[];
  forms: string[];
}

export interface FormDecl {
  id: string; // 退出合同
  title: string;
  template: string; // path relative to the policy file, or a bundled template id
  procedure: ProcedureKind;
  cite: Cite;
  copies?: number;
  numbering?: { prefix: string }; // 转让（2026）第 001 号
}

export interface ExampleExpect {
  eligible?: boolean;
  failed?: string[]; // rule ids
  compensation?: string; // "53333.25"
  vote?: { passed: boolean; decidedBy?: string };
}

export interface Example {
  name: string; // a sentence: "整户退出2.35亩应补偿53333.25元"
  procedure: ProcedureKind;
  mode?: string;
  /** A case file path (relative to the policy file) and/or inline overrides merged onto it. */
  caseFile?: string;
  case?: unknown;
  at?: string;
  expect: ExampleExpect;
  span: Span;
}

export interface Waiver {
  code: string; // diagnostic code waived, e.g. "LAW002"
  justification: string;
  span: Span;
}

export interface Policy {
  meta: PolicyMeta;
  articles: Record<Cite, string>;
  parameters: Parameter[];
  procedures: Partial<Record<ProcedureKind, Procedure>>;
  forms: FormDecl[];
  examples: Example[];
  waivers: Waiver[];
  /** sha256 of the source text: a case is pinned to it. */
  hash: string;
}
