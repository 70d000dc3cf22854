// The checked policy: what `dsl` hands to the engine after parse → check. Plain data (JSON-safe
// except for compiled expressions, which live in CompiledPolicy). Every node that came from the
// YAML keeps its Span so that the engine's refusals and explanations can point back at the file.
// The YAML format this mirrors is defined by policies/qinzhou.yaml and dsl/policy.schema.json.

import type { ProcedureKind } from './case-model.ts';
import type { StepKind } from './steps/index.ts';
import type { PayerParty } from './case-schema.ts';
import type { Bilingual } from './message.ts';

/** A half-open range [start, end) of UTF-16 offsets in the policy source text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A citation as written: an article key of the file's `articles` map ("第十条", "附件3"),
 * optionally narrowed to a sub-part ("第十条第二项" cites 第十条). Several may be joined by "、".
 */
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
  /** `assumed` (with its `note`): the dates are a reading, not the source's words (a draft's comment period). */
  effective: { from?: string; to?: string; assumed?: boolean; note?: string };
  calendar: string[]; // calendar layers, e.g. ["national", "guangxi"]
}

export interface Parameter {
  name: string; // as declared (may be Chinese)
  label?: string;
  /** Canonical unit: declared (`unit:`), else the unit of the value or of the case field. "" = none. */
  unit: string;
  /** A literal value as written ("30 年", "50%", "半年"), or absent when supplied by the case. */
  value?: string;
  /** Case path supplying the value (e.g. "market.rentPerMuYear"). */
  from?: string;
  /** Set when the value is a legal period (a step's `period:` or `periods:` may name it). */
  period?: Period;
  cite: Cite;
  assumed?: boolean;
  note?: string;
  /** Comparable-vocabulary key (issue 7), e.g. "noticePeriod", "partialExitCap". */
  compare?: string;
  span: Span; // the parameter's key
  valueSpan?: Span; // the value (or from) scalar
}

export interface Rule {
  id: string;
  label: string; // Chinese
  /** Expression text (`rule:` in the YAML); true means the rule is satisfied. */
  expr: string;
  /** Only applies when this expression is true. */
  when?: string;
  /** Declared legal semantics (e.g. "coOwnerConsent", "transfer.sameCollective"): the law checks read these. */
  implements: string[];
  cite: Cite;
  message: string; // shown when the rule fails
  /** refuse (default): a failed rule makes the case ineligible; warn: reported, not refusing. */
  severity?: 'refuse' | 'warn';
  span: Span;
  exprSpan: Span;
  whenSpan?: Span;
}

/** 以上 includes the number (民法典 1259); 过半数 is strictly more than half. */
export interface Threshold {
  num: number;
  den: number;
  inclusive: boolean; // 以上 → true, 超过/过半数 → false
  text: string; // "三分之二以上"
}

/** entitled 应到成员, present 到会/实到, households 户代表, all 全体成员. */
export type VoteBase = 'entitled' | 'present' | 'households' | 'all';

/** Whose share a vote's threshold counts, as said before the threshold (「应到成员三分之二以上」, "⅔ of entitled members"). */
export const VOTE_BASE_LABELS: Record<VoteBase, Bilingual> = {
  entitled: { zh: '应到成员', en: 'of entitled members' },
  present: { zh: '到会成员', en: 'of members present' },
  households: { zh: '户代表', en: 'of household representatives' },
  all: { zh: '全体成员', en: 'of all members' },
};

export interface VoteRule {
  /** The bodies this rule applies to (成员大会 | 成员代表大会 | 户主会议 | 村民会议 …); a case's vote.body must be one of them. */
  body: string[];
  /** When this vote applies (e.g. 退出.支付方 == "village"). */
  when?: string;
  quorum?: { base: VoteBase; threshold: Threshold; cite: Cite };
  base: VoteBase;
  threshold: Threshold;
  cite: Cite;
  /** The sources give no figure: the rule is an assumption, explained by the note. */
  assumed?: boolean;
  note?: string;
  span: Span;
  whenSpan?: Span;
}

// A step kind's meaning lives in its module under dsl/steps/; the kind list comes from there.
export { STEP_KINDS, type StepKind } from './steps/index.ts';

export interface Step {
  id: string;
  kind: StepKind;
  label: string;
  cite: Cite;
  /** Steps that must be done before this one. */
  after: string[];
  /** Period this step runs for (publicNotice, waiting, coolingOff, reentry) or its deadline (review). */
  period?: string; // parameter name holding a Period
  /** How the period is counted: from which step's date, or a case date path ("exit.noticeDate"). */
  from?: string;
  /** The act is allowed only "…后": from the day after the period's last day. */
  allowedAfter?: boolean;
  /** The kind's other periods (dsl/steps/ PeriodRole: a public notice's objection window): role → parameter name. */
  periods?: Record<string, string>;
  form?: string; // form id produced/used at this step
  by?: string[]; // bodies acting
  votes?: VoteRule[];
  when?: string; // only for cases where this holds
  optional?: boolean;
  /** registration only: `byExtent` when a partial exit changes the registration and a full exit cancels it. */
  registration?: 'byExtent';
  /** Art. 204: a non-default counting rule, explicitly declared; shown in every explanation. */
  countingOverride?: { rule: string; cite: Cite };
  span: Span;
}

export interface Rounding {
  to: string; // "0.01 元" as written
  /** Decimal places the amount is rounded to (0.01 元 → 2). */
  places: number;
  mode: 'half-up' | 'half-even' | 'down' | 'up';
  cite?: Cite;
  assumed?: boolean;
  note?: string;
}

export interface Compensation {
  /** Expression giving 元. */
  formula: string;
  /** Named intermediate values shown in the trace (name → expression), evaluated in order. */
  let: Record<string, string>;
  /** Optional expression for the per-亩 amount reported beside the total. */
  perMu?: string;
  /** An upper bound (e.g. 梁平: the land-acquisition standard). */
  cap?: { expr: string; cite: Cite };
  round: Rounding;
  /** Who pays, as the source words it (compare tables print it). */
  payer?: string;
  /** The payer as data, when `payer` is written as a mapping: which of the case's payers may pay. */
  payerParties?: PayerParties;
  payerAssumed?: boolean;
  payerNote?: string;
  cite: Cite;
  span: Span;
}

/**
 * Payer → the name a document prints for it ("村民小组（组集体）"). The evaluation takes the case's
 * exit.payer when it is listed, and the only listed payer when there is one.
 */
export type PayerParties = Partial<Record<PayerParty, string>>;

export interface Mode {
  id: 'permanent' | 'currentTerm' | 'custody' | string;
  label: string;
  cite: Cite;
  /** Eligibility rules and compensation specific to this mode (added to / replacing the procedure's). */
  eligibility: Rule[];
  compensation?: Compensation;
  keepsNextRound?: boolean;
  /** What exit does to collective membership (农村集体经济组织法 arts. 16–17). */
  membership?: 'kept' | 'mayLeave' | 'mustLeave';
  span: Span;
}

export interface Procedure {
  kind: ProcedureKind;
  label: string; // 转让 | 退出
  cite: Cite;
  eligibility: Rule[];
  steps: Step[];
  compensation?: Compensation;
  modes: Mode[];
  /** Ids of the forms its steps use. */
  forms: string[];
  span: Span;
}

export interface FormDecl {
  id: string; // 退出合同
  title: string;
  template: string; // path relative to the policy file
  procedure: ProcedureKind;
  cite: Cite;
  copies?: number;
  numbering?: { prefix: string }; // 转让（2026）第 001 号
  /** The form's wording is not the source's own (a generic form, a title the source does not give). */
  assumed?: boolean;
  note?: string;
  span: Span;
}

export interface ExampleExpect {
  eligible?: boolean;
  failed?: string[]; // rule ids, compared as a set
  compensation?: string; // "53333.25"
  vote?: { passed: boolean; decidedBy?: string };
}

export interface Example {
  name: string; // a sentence: "整户退出2.35亩应补偿53333.25元"
  procedure: ProcedureKind;
  mode?: string;
  /** A case file path, relative to the policy file. */
  caseFile?: string;
  /** An inline case (instead of, or as the base under, caseFile). */
  case?: unknown;
  /** Overrides applied to the case: dotted path ("household.members.1.consents") → value. */
  set?: Record<string, unknown>;
  at?: string;
  expect: ExampleExpect;
  span: Span;
  /** Where each expected value was written ("eligible", "failed", "compensation", "vote"). */
  expectSpans: Record<string, Span>;
}

export interface Waiver {
  code: string; // diagnostic code waived, e.g. "L701"
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
  /** sha256 (hex) of the source text: a case is pinned to it. */
  hash: string;
  /** The file name as given to the checker. */
  file: string;
}
