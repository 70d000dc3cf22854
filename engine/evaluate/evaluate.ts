// One case through one compiled policy: eligibility (which rules fail and why), compensation
// (with its let steps, cap and rounding as the policy says), and the vote when the case carries
// one. Pure: no clock, no files. Eligibility is an answer, not an error: evaluate never throws on
// a case; missing data makes a rule fail with "data missing", never pass.
// The decisions themselves are core.ts's, shared with the population evaluator; this module adds
// what a reader needs: the trace, the reasons in words, notes, the amount in 大写.
import { Decimal } from 'decimal.js';
import { prepareCase } from '../../dsl/expr/index.ts';
import type { PreparedCase, RuntimeValue } from '../../dsl/expr/api.ts';
import type { CaseData, ProcedureKind, Vote } from '../../dsl/case-model.ts';
import type { Compensation, Rule } from '../../dsl/policy-model.ts';
import { PAYER_PARTIES, type PayerParty } from '../../dsl/case-schema.ts';
import { amountInWords } from '../documents/amount-words.ts';
import { decideVote, voteRuleId, type VoteDecision } from '../rules/vote.ts';
import type { CompiledCompensation, CompiledMode, CompiledPolicy, CompiledProcedure, CompiledRule } from './compile.ts';
import {
  asDecimal as anyDecimal,
  compensationAmount,
  compensationOf,
  decideRule,
  HOLDS,
  NO_TEST,
  pickMode,
  roundingOf,
  rulesOf,
  run,
  SKIPPED,
  type StepHook,
} from './core.ts';
import { msg, type Message, type Text } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import { noProcedureMessage, unknownModeMessage } from '../compile/errors.ts';

export interface EvaluateInput {
  procedure: ProcedureKind;
  mode?: string;
  kase: CaseData;
  /** The date the evaluation is for (YYYY-MM-DD); reported, and checked against the policy's effective dates. */
  at?: string;
  /**
   * `kase` already prepared (prepareCase(kase)), when several policies evaluate the same case:
   * it is read instead of preparing the case again, and values that depend on the case alone are
   * computed once for all of them.
   */
  prepared?: PreparedCase;
  /** false: leave `trace` empty (the outcome, reasons and notes are the same). */
  trace?: boolean;
  /** false: leave compensation.words empty (no 大写). */
  words?: boolean;
}

export interface FailedRule {
  rule: string;
  label: string;
  cite: string;
  /** The rule's own message as the policy writes it, and why it could not be decided when so (ruleFailedMessage). */
  message: Message;
}

export interface TraceEntry {
  step: string; // rule id, let name, 'compensation', 'cap', 'round', 'vote'
  cite: string;
  expr: string;
  value: unknown;
}

export interface VoteOutcome {
  passed: boolean;
  decidedBy: VoteDecision['decidedBy'] | 'noRule';
  /** The vote rule that decided ("approval.votes.1"), and the unit the tally counts. */
  rule?: string;
  unit?: VoteDecision['unit'];
  cite: string;
  /** Why it passed or not, as a message. */
  detail: Text;
  body: string;
  required?: unknown;
}

export interface Evaluation {
  policy: string;
  procedure: ProcedureKind;
  mode: string | null;
  at?: string;
  eligible: boolean;
  failed: FailedRule[];
  /** Rules with severity: warn that do not hold: reported, not refusing. */
  warnings: FailedRule[];
  compensation?: {
    amount: string;
    words: string;
    perMu?: string;
    unit: '元';
    /** Who pays, as the policy words it. */
    payer?: string;
    /** Exit: the party that pays this case (see decidePayer), and the name documents print for it. */
    payerParty?: PayerParty;
    payerName?: string;
    /** The policy marks its payer as an assumption. */
    payerAssumed?: boolean;
    cite: string;
  };
  vote?: VoteOutcome;
  /** What a reader of the outcome should know besides it, as messages (dsl/phrases/evaluate.ts). */
  notes: Text[];
  trace: TraceEntry[];
}

/**
 * A request the policy cannot answer at all: the CLI exits 2. `pointer` names the case's field at
 * fault (a vote's count), `input` the part of the request (the procedure or mode asked for).
 */
export class EvaluateError extends TextError {
  constructor(
    message: string | Text,
    readonly pointer?: string,
    readonly input?: 'procedure' | 'mode',
  ) {
    super(message);
  }
}

/** The policy has no such procedure: the error evaluate and the population evaluator raise. */
export function noProcedureError(compiled: CompiledPolicy, procedure: ProcedureKind): EvaluateError {
  return new EvaluateError(noProcedureMessage(compiled.policy, procedure), undefined, 'procedure');
}

/** The procedure has no such mode: the error evaluate and the population evaluator raise. */
export function unknownModeError(proc: CompiledProcedure, mode: string): EvaluateError {
  return new EvaluateError(
    unknownModeMessage(
      proc.modes.map((m) => m.mode),
      mode,
    ),
    undefined,
    'mode',
  );
}

export function evaluate(compiled: CompiledPolicy, input: EvaluateInput): Evaluation {
  const { policy } = compiled;
  const proc = compiled.procedures[input.procedure];
  if (!proc) throw noProcedureError(compiled, input.procedure);
  let mode: CompiledMode | undefined;
  if (input.mode !== undefined) {
    mode = pickMode(proc, input.procedure, input.kase, input.mode);
    if (!mode) throw unknownModeError(proc, input.mode);
  } else {
    mode = pickMode(proc, input.procedure, input.kase);
  }

  const out: Evaluation = {
    policy: policy.meta.id,
    procedure: input.procedure,
    mode: mode?.mode.id ?? null,
    ...(input.at ? { at: input.at } : {}),
    eligible: true,
    failed: [],
    warnings: [],
    notes: [],
    trace: [],
  };
  if (input.at) {
    const { from, to, assumed, note } = policy.meta.effective;
    // A date the policy's file only assumes (a draft's comment period) is said to be one.
    const reading = assumed ? msg('evaluate.assumedDate', { note: note ?? '' }) : undefined;
    if (from && input.at < from) out.notes.push(msg('evaluate.beforeEffective', { at: input.at, from, assumed: reading }));
    if (to && input.at > to) out.notes.push(msg('evaluate.afterExpiry', { at: input.at, to, assumed: reading }));
  }
  if (proc.procedure.modes.length > 0 && !mode) {
    out.notes.push(msg('evaluate.modeNotInPolicy', { modes: proc.procedure.modes.map((m) => m.id).join(', ') }));
  }

  const kase = input.prepared ?? prepareCase(input.kase);
  const steps = new Steps(out, input.trace !== false);
  const names: Record<string, RuntimeValue> = {};
  const declared = new Map(policy.parameters.map((p) => [p.name, p]));
  for (const p of compiled.parameters) {
    if (p.value !== undefined) names[p.name] = p.value;
    else if (p.from) names[p.name] = run(p.from, kase, {});
    const d = declared.get(p.name);
    // Parameters open the trace: what each figure was, where it came from, and on what authority.
    // A period reads as written (半年, not 0.5 年): the calendar counts it by months (民法典第二百零二条).
    steps.push({
      step: p.name,
      cite: d?.cite ?? '',
      expr: d?.from ?? d?.value ?? '',
      value: d?.period ? d.period.text : withUnit(show(names[p.name]), d?.unit),
    });
  }

  // Eligibility: the procedure's rules, then the mode's.
  for (const r of rulesOf(proc, mode)) checkRule(r, kase, names, out, steps);
  out.eligible = out.failed.length === 0;

  const comp = compensationOf(proc, mode);
  if (comp) computeCompensation(comp, kase, names, out, steps, input.words !== false);
  if (comp && input.procedure === 'exit') decidePayer(comp.compensation, input.kase, out);

  const vote = input.procedure === 'exit' ? input.kase.exit?.vote : undefined;
  if (vote) out.vote = decide(compiled, input.procedure, vote, kase, names, out, steps);
  return out;
}

/** The trace as core.ts reports each value (when asked for), and the last value and error seen. */
class Steps {
  value: RuntimeValue = null;
  error: Text | undefined;
  cite = '';
  readonly hook: StepHook;

  constructor(
    private readonly out: Evaluation,
    private readonly keep: boolean,
  ) {
    this.hook = (step, e, value, error) => {
      this.value = value;
      this.error = error;
      const unit = e.type.kind === 'number' ? e.type.unit : undefined;
      if (this.keep)
        this.out.trace.push({ step, cite: this.cite, expr: e.text, value: withUnit(step === 'cap' ? capText(value) : show(value), unit) });
    };
  }

  push(entry: TraceEntry): void {
    if (this.keep) this.out.trace.push(entry);
  }
}

const capText = (v: RuntimeValue): string | null => asDecimal(v)?.toString() ?? null;

/** A number in the trace reads with its unit (the expression's static unit): "650 元/亩/年", "2.35 亩". */
function withUnit(v: unknown, unit: string | undefined): unknown {
  return typeof v === 'string' && unit && /^-?\d/.test(v) ? `${v} ${unit}` : v;
}

function checkRule(r: CompiledRule, kase: PreparedCase, names: Record<string, RuntimeValue>, out: Evaluation, steps: Steps): void {
  const rule: Rule = r.rule;
  steps.cite = rule.cite;
  steps.error = undefined;
  const verdict = decideRule(r, kase, names, steps.hook);
  if (verdict === SKIPPED || verdict === HOLDS) return;
  if (verdict === NO_TEST) {
    record(rule, out, ruleFailedMessage(rule.message, msg('evaluate.ruleNoTest')));
    return;
  }
  const why = steps.error
    ? msg('evaluate.ruleError', { error: steps.error })
    : steps.value === null
      ? msg('evaluate.ruleDataMissing')
      : undefined;
  record(rule, out, ruleFailedMessage(rule.message, why));
}

/**
 * Why a rule refuses a case, as evaluate() and the population evaluator say it: the policy's own
 * message (content, as written) and, when the rule could not be decided, why.
 */
export function ruleFailedMessage(message: string, why?: Message): Message {
  return msg('evaluate.ruleFailed', { message, why });
}

function record(rule: Rule, out: Evaluation, message: Message): void {
  const f = { rule: rule.id, label: rule.label, cite: rule.cite, message };
  if (rule.severity === 'warn') out.warnings.push(f);
  else out.failed.push(f);
}

function computeCompensation(
  c: CompiledCompensation,
  kase: PreparedCase,
  params: Record<string, RuntimeValue>,
  out: Evaluation,
  steps: Steps,
  words: boolean,
): void {
  const comp = c.compensation;
  steps.cite = comp.cite;
  steps.error = undefined;
  // The cap's trace entry cites the cap's own article.
  const hook: StepHook = (step, e, value, error) => {
    if (step === 'cap') steps.cite = comp.cap?.cite ?? comp.cite;
    steps.hook(step, e, value, error);
  };
  const names = { ...params };
  const got = compensationAmount(c, kase, names, hook);
  if (!c.formula) {
    out.notes.push(msg('evaluate.noFormula'));
    return;
  }
  if (!got) {
    // The formula gave no number (no cap is run then): the last step seen is the formula.
    out.notes.push(steps.error ? msg('evaluate.compensationError', { error: steps.error }) : msg('evaluate.compensationDataMissing'));
    return;
  }
  const amount = asDecimal(got)!;
  const { places, mode } = roundingOf(comp.round);
  const rounded = amount.toDecimalPlaces(places, mode);
  const assumed = comp.round.assumed ? `（假定 assumed${comp.round.note ? `：${comp.round.note}` : ''}）` : '';
  steps.push({
    step: 'round',
    cite: comp.round.cite ?? comp.cite,
    expr: `${comp.round.to} ${comp.round.mode}${assumed}`,
    value: withUnit(rounded.toFixed(2), '元'),
  });
  const text = rounded.toFixed(2);
  let inWords = '';
  if (words) {
    try {
      inWords = rounded.isNegative() ? '负' + amountInWords(rounded.abs().toFixed(2)) : amountInWords(text);
    } catch (e) {
      const error = e instanceof TextError && e.text ? e.text : (e as Error).message;
      out.notes.push(msg('evaluate.wordsFailed', { error }));
    }
  }
  out.compensation = { amount: text, words: inWords, unit: '元', cite: comp.cite, ...(comp.payer ? { payer: comp.payer } : {}) };
  if (c.perMu) {
    const per = asDecimal(run(c.perMu, kase, names));
    if (per) out.compensation.perMu = per.toDecimalPlaces(2, mode).toFixed(2);
  }
}

/**
 * The party that pays an exit: the case's exit.payer when the policy lists it, the policy's only
 * payer otherwise (平罗: 县级收储, whatever the case says), none when the policy lists several and
 * the case names another, or lists none (`parties: {}`: nobody pays). A policy whose payer is words
 * only leaves the case's choice standing.
 */
function decidePayer(comp: Compensation, kase: CaseData, out: Evaluation): void {
  if (!out.compensation) return;
  const asked = kase.exit?.payer;
  const parties = comp.payerParties;
  if (!parties) {
    if (asked) out.compensation.payerParty = asked;
    return;
  }
  const listed = PAYER_PARTIES.filter((p) => parties[p] !== undefined);
  if (listed.length === 0) return; // nobody pays (论文3.2: custody is not a paid exit)
  let party: PayerParty | undefined;
  if (asked && parties[asked] !== undefined) party = asked;
  else if (listed.length === 1) party = listed[0];
  if (party !== asked) {
    const given = asked ?? msg('evaluate.payerNotGiven');
    out.notes.push(
      party
        ? msg('evaluate.payerReplaced', { asked: given, party, name: parties[party] })
        : msg('evaluate.payerNotListed', { asked: given, parties: listed.map((p) => `${p}（${parties[p]}）`).join('、') }),
    );
  }
  if (!party) return;
  out.compensation.payerParty = party;
  out.compensation.payerName = parties[party];
  if (comp.payerAssumed) out.compensation.payerAssumed = true;
}

function decide(
  compiled: CompiledPolicy,
  kind: ProcedureKind,
  vote: Vote,
  kase: PreparedCase,
  names: Record<string, RuntimeValue>,
  out: Evaluation,
  steps: Steps,
): VoteOutcome {
  const proc = compiled.procedures[kind]!;
  for (const v of proc.votes) {
    if (v.stepWhen && run(v.stepWhen, kase, names) !== true) continue;
    if (v.when && run(v.when, kase, names) !== true) continue;
    if (!v.rule.body.includes(vote.body)) continue;
    const r = decideVote(v.rule, vote, voteRuleId(v.step.id, v.step.votes?.indexOf(v.rule) ?? 0));
    if ('error' in r)
      throw new EvaluateError(msg('evaluate.badVote', { field: r.field, problem: r.error }), '/exit/' + r.field.replace(/\./g, '/'));
    const outcome: VoteOutcome = {
      passed: r.passed,
      decidedBy: r.decidedBy,
      ...(r.rule ? { rule: r.rule } : {}),
      unit: r.unit,
      cite: r.cite,
      detail: r.detail,
      body: vote.body,
      required: r.required,
    };
    steps.push({ step: 'vote', cite: r.cite, expr: `${vote.body}: ${v.rule.threshold.text}`, value: r.passed });
    return outcome;
  }
  const bodies = [...new Set(proc.votes.flatMap((v) => v.rule.body))].join('、');
  const detail = msg('vote.noRule', { body: vote.body, bodies: bodies || msg('unit.none') });
  steps.push({ step: 'vote', cite: proc.procedure.cite, expr: vote.body, value: false });
  return { passed: false, decidedBy: 'noRule', cite: proc.procedure.cite, detail, body: vote.body };
}

/** As a decimal.js Decimal of the default configuration (what callers format and compare), or undefined. */
function asDecimal(v: unknown): Decimal | undefined {
  const d = anyDecimal(v);
  return d ? new Decimal(d.toString()) : undefined;
}

/** Values for the trace: decimals as strings, lists and records kept JSON-safe. */
export function show(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Decimal.isDecimal(v)) return (v as Decimal).toString();
  if (Array.isArray(v)) return v.map(show);
  if (typeof v === 'object') {
    if ('toDecimal' in (v as object)) return show((v as { toDecimal: () => unknown }).toDecimal());
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, show(x)]));
  }
  return v;
}
