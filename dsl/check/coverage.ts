// Coverage: for every combination of the case facts a procedure branches on, can a case that the
// policy lets in reach the end? A `when:` that leaves a case with no voting rule, a contract with
// no compensation, a payment with no contract before it, or a compensation that reads a datum
// nobody asks for makes a case stop midway with only 终止办理 left, although `check` saw nothing.
//
// The facts are the case's exit payer (exit.payer), the modes the procedure declares (exit.mode),
// whole or partial exit or transfer, and every yes/no or enumerated case field a step's or a
// voting rule's `when:` reads. Each combination is a sparse case holding only those facts, and the
// policy's own compiled expressions are run on it: with missing data null and 且/或 three-valued
// (dsl/expr/compile.ts), a condition that still gives true or false is decided by the combination
// alone, and null means "depends on other data". So the analysis is symbolic where it can be and
// silent where it cannot: an eligibility rule refuses a combination only when it is false on the
// facts alone, and a `when:` leaves a step or a voting rule out only when it is false, as
// engine/cases/policies.ts `holds` reads it (unknown data does not excuse).
import { caseFields, PAYER_PARTIES, type Field, type FieldType } from '../case-schema.ts';
import { resolveCasePath } from '../case-paths.ts';
import { overlay } from '../examples.ts';
import { PROCEDURE_KINDS, type CaseData, type ProcedureKind } from '../case-model.ts';
import { recallCompiled } from '../compiled.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { compileSource, prepareCase } from '../expr/index.ts';
import type { Evaluator, PreparedCase, RuntimeValue } from '../expr/api.ts';
import { parameterInfo } from '../parameters.ts';
import type { Compensation, Mode, Procedure, Rule, Span, Step } from '../policy-model.ts';
import type { CheckContext } from './context.ts';
import { msg } from '../message.ts';
import { isOptionalStep, mainPaymentStep, STEP_KIND_DECLS } from '../steps/index.ts';
import { isJsonObject } from '../json-text.ts';

/**
 * A bound on the combinations tried, so that no policy file makes the checker run long: facts
 * beyond it are not added, and a procedure with more modes than it allows is checked on the first
 * MAX_COMBINATIONS combinations only (a real policy has a few dozen).
 */
const MAX_COMBINATIONS = 1024;

/** The two parcels of every combination: a partial exit or transfer gives up the smaller (10%). */
const PARCELS = [
  { name: '甲', area: '1' },
  { name: '乙', area: '9' },
];

interface Dimension {
  path: string;
  values: { value: string | boolean; zh: string; en: string }[];
  /** How the dimension reads in a message ("支付方"). */
  zh: string;
}

/** One combination: a value index per dimension, and whether it is the whole holding. */
interface Combination {
  values: number[];
  whole: boolean;
}

type Tri = true | false | null;

/** Notes a gap of a combination: one finding per key, reported with every combination that has it. */
type Gap = (
  key: string,
  code: string,
  span: Span | undefined,
  args: Record<string, string>,
  related: Diagnostic['related'],
  c: Combination,
) => void;

export function checkCoverage(ctx: CheckContext): void {
  // A policy with errors has its findings already; coverage on a broken model would only echo them.
  // (A law finding the policy waives is no break: the waiver phase removes it afterwards.)
  const waived = new Set(ctx.policy.waivers.map((w) => w.code));
  if (ctx.diagnostics.some((d) => d.severity === 'error' && !waived.has(d.code))) return;
  for (const proc of Object.values(ctx.policy.procedures)) if (proc && proc.steps.length) new ProcedureCoverage(ctx, proc).run();
}

class ProcedureCoverage {
  private readonly kind: ProcedureKind;
  private readonly section: 'exit' | 'transfer';
  private readonly fns = new Map<string, Evaluator | null>();
  /** Each parameter's literal value, or the evaluator of its case path (null: it does not compile). */
  private readonly params: { name: string; value: RuntimeValue; from?: Evaluator | null }[] = [];
  private readonly reads = new WeakMap<CaseData, { prepared: PreparedCase; names: Record<string, RuntimeValue> }>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly proc: Procedure,
  ) {
    this.kind = proc.kind;
    this.section = proc.kind === 'exit' ? 'exit' : 'transfer';
    for (const p of ctx.policy.parameters) {
      const info = parameterInfo(p, p.unit || undefined);
      if (info.kind === 'value') this.params.push({ name: p.name, value: info.value });
      else if (info.kind === 'from') this.params.push({ name: p.name, value: null, from: this.pathEvaluator(info.path) });
    }
  }

  run(): void {
    const dims = this.dimensions();
    const combos = combinations(dims).slice(0, MAX_COMBINATIONS);
    const gaps = new Map<
      string,
      { code: string; span?: Span; args: Record<string, string>; related: Diagnostic['related']; combos: Combination[] }
    >();
    const gap: Gap = (key, code, span, args, related, c) => {
      let g = gaps.get(key);
      if (!g) gaps.set(key, (g = { code, span, args, related, combos: [] }));
      g.combos.push(c);
    };
    const admitted: Combination[] = [];
    for (const c of combos) {
      const kase = this.sparseCase(dims, c);
      const mode = this.modeOf(kase);
      if (this.refused(kase, mode)) continue;
      admitted.push(c);
      this.checkCombination(kase, mode, c, gap);
    }
    for (const g of gaps.values()) {
      const cases = describeCombinations(dims, g.combos, admitted);
      this.ctx.report(g.code, g.span, { ...g.args, cases }, g.related?.length ? { related: g.related } : {});
    }
  }

  // ——— the facts

  private dimensions(): Dimension[] {
    const dims: Dimension[] = [];
    const enumOf = (path: string): Record<string, string> => {
      const t = resolveCasePath(path);
      return t?.kind === 'enum' ? t.values : {};
    };
    if (this.kind === 'exit') {
      const payers = enumOf('exit.payer');
      dims.push({
        path: 'exit.payer',
        zh: '支付方',
        values: PAYER_PARTIES.map((p) => ({ value: p, zh: `${payers[p] ?? p}（${p}）`, en: p })),
      });
      const modes = this.proc.modes.length
        ? this.proc.modes.map((m) => ({ id: m.id, label: m.label }))
        : Object.entries(enumOf('exit.mode')).map(([id, label]) => ({ id, label }));
      dims.push({ path: 'exit.mode', zh: '退出方式', values: modes.map((m) => ({ value: m.id, zh: `${m.label}（${m.id}）`, en: m.id })) });
    }
    // Further facts: the yes/no and enumerated fields a `when:` reads (setting one changes it).
    const whens = this.whenTexts();
    const baseDims = [...dims];
    const bases = combinations(baseDims).slice(0, MAX_COMBINATIONS);
    let size = Math.max(1, bases.length) * 2;
    for (const f of candidateFields(this.section)) {
      const values = f.type.kind === 'bool' ? [true, false] : Object.keys(f.type.kind === 'enum' ? f.type.values : {});
      if (values.length === 0 || size * values.length > MAX_COMBINATIONS) continue;
      const moves = bases.some((b) =>
        [true, false].some((whole) => {
          const kase = this.sparseCase(baseDims, { ...b, whole });
          const before = whens.map((w) => this.tri(w, kase));
          return values.some((v) => {
            const set = withPath(kase, f.path, v);
            return whens.some((w, i) => this.tri(w, set) !== before[i]);
          });
        }),
      );
      if (!moves) continue;
      const labels = f.type.kind === 'enum' ? f.type.values : {};
      dims.push({
        path: f.path,
        zh: f.label,
        values: values.map((v) =>
          typeof v === 'boolean' ? { value: v, zh: v ? '是' : '否', en: String(v) } : { value: v, zh: `${labels[v] ?? v}（${v}）`, en: v },
        ),
      });
      size *= values.length;
    }
    return dims;
  }

  private whenTexts(): string[] {
    const out: string[] = [];
    for (const s of this.proc.steps) {
      if (s.when) out.push(s.when);
      for (const v of s.votes ?? []) if (v.when) out.push(v.when);
    }
    return out;
  }

  /** A case holding only the combination's facts (and the procedure's section with its parcels). */
  private sparseCase(dims: Dimension[], c: Combination): CaseData {
    const section: Record<string, unknown> = { parcels: c.whole ? PARCELS.map((p) => p.name) : [PARCELS[0]!.name] };
    let kase = { parcels: PARCELS.map((p) => ({ ...p })), [this.section]: section } as unknown as CaseData;
    dims.forEach((d, i) => {
      kase = withPath(kase, d.path, d.values[c.values[i]!]!.value);
    });
    return kase;
  }

  /** The same facts on a case with every field filled in: what a formula can count on at best. */
  private fullCase(sparse: CaseData): CaseData {
    const full = fill(caseFields) as Record<string, unknown>;
    for (const other of PROCEDURE_KINDS) if (other !== this.section) delete full[other];
    const parcelTemplate = (full.parcels as Record<string, unknown>[])[0]!;
    full.parcels = PARCELS.map((p) => ({ ...structuredClone(parcelTemplate), ...p }));
    return overlay(full, sparse) as CaseData;
  }

  private modeOf(kase: CaseData): Mode | undefined {
    const id = this.kind === 'exit' ? kase.exit?.mode : undefined;
    return this.proc.modes.find((m) => m.id === id);
  }

  private rules(mode: Mode | undefined): Rule[] {
    return mode && mode.eligibility.length ? [...this.proc.eligibility, ...mode.eligibility] : this.proc.eligibility;
  }

  /** A refusing rule that applies and is false on the facts alone: the policy turns the case away. */
  private refused(kase: CaseData, mode: Mode | undefined): boolean {
    return this.rules(mode).some((r) => r.severity !== 'warn' && this.ruleVerdict(r, kase) === false);
  }

  /** true holds, false refuses, null cannot tell (or the rule does not apply: true). */
  private ruleVerdict(r: Rule, kase: CaseData): Tri {
    if (r.when && this.tri(r.when, kase, r, 'when') === false) return true;
    return this.tri(r.expr, kase, r, 'rule');
  }

  // ——— the checks

  private checkCombination(kase: CaseData, mode: Mode | undefined, c: Combination, gap: Gap): void {
    const spans = this.ctx.built.spans;
    const steps = this.proc.steps;
    const applies = new Map<string, boolean>();
    for (const s of steps) applies.set(s.id, !(s.when && this.tri(s.when, kase, s, 'stepWhen') === false));
    const required = (s: Step) => applies.get(s.id) && !isOptionalStep(s);
    const whenNote = (owner: object, text: string) => ({
      ...(spans.get(owner, 'when') ?? { start: 0, end: 0 }),
      message: msg('coverage.conditionFalse', { when: text }),
    });

    for (const s of steps) {
      if (!required(s)) continue;
      if (s.kind === 'vote') {
        const rules = s.votes ?? [];
        const open = rules.filter((v) => !(v.when && this.tri(v.when, kase, v, 'voteWhen') === false));
        if (rules.length && open.length === 0) {
          gap(
            `vote:${s.id}`,
            'P641',
            spans.get(s, 'id'),
            { step: s.id },
            rules.map((v) => whenNote(v, v.when ?? '')),
            c,
          );
        }
      }
      if (s.kind === 'contract') {
        const comp = mode?.compensation ?? this.proc.compensation;
        if (!comp || !comp.formula) {
          const related = mode ? [{ ...mode.span, message: msg('coverage.modeWithoutCompensation', { mode: mode.id }) }] : [];
          gap(`nocomp:${s.id}`, 'P642', spans.get(s, 'id'), { step: s.id }, related, c);
        } else {
          for (const need of this.unsuppliedInputs(comp, kase, mode, s)) {
            const at = spans.get(comp, 'formula') ?? comp.span;
            const stepAt = spans.get(s, 'id');
            gap(
              `input:${s.id}:${need.path}`,
              'P643',
              at,
              { step: s.id, field: need.path, label: need.label },
              stepAt ? [{ ...stepAt, message: msg('coverage.contractStep', { step: s.id }) }] : [],
              c,
            );
          }
        }
      }
    }
    // The contract price is what the main payment is counted against (as the runner reads it).
    const main = mainPaymentStep(steps);
    if (main && required(main)) {
      const before = ancestors(steps, main);
      const contracts = steps.filter((s) => s.kind === 'contract' && before.has(s.id));
      if (!contracts.some((s) => applies.get(s.id))) {
        const related = contracts.flatMap((s) => (s.when ? [whenNote(s, s.when)] : []));
        gap(`pay:${main.id}`, 'P644', spans.get(main, 'id'), { step: main.id }, related, c);
      }
    }
  }

  /**
   * The optional case fields the compensation cannot do without that nothing guarantees: no step
   * before the contract records it, and no eligibility rule that applies turns a case without it
   * away (such a rule refuses at signing, with its own message, rather than leaving no price).
   */
  private unsuppliedInputs(
    comp: Compensation,
    sparse: CaseData,
    mode: Mode | undefined,
    contract: Step,
  ): { path: string; label: string }[] {
    const full = this.fullCase(sparse);
    if (this.amount(comp, full) !== true) return []; // not computable even with every field: not an input question
    const recorded = new Set<string>();
    for (const id of ancestors(this.proc.steps, contract)) {
      const s = this.proc.steps.find((x) => x.id === id)!;
      if (s.when && this.tri(s.when, sparse, s, 'stepWhen') === false) continue;
      // What a step of the kind writes into the case (its declaration's `records`, dsl/steps/).
      const decl: { records?: readonly string[] } = STEP_KIND_DECLS[s.kind];
      for (const p of decl.records ?? []) recorded.add(p);
    }
    const out: { path: string; label: string }[] = [];
    for (const f of optionalFields(this.section)) {
      if (recorded.has(f.path)) continue;
      const without = withoutPath(full, f.path);
      if (this.amount(comp, without) !== false) continue;
      const demanded = this.rules(mode).some(
        (r) => r.severity !== 'warn' && this.ruleVerdict(r, full) === true && this.ruleVerdict(r, without) !== true,
      );
      if (!demanded) out.push(f);
    }
    return out;
  }

  /** Whether the compensation gives an amount on this case (true), none (false), or cannot tell (null: an error such as ÷0). */
  private amount(comp: Compensation, kase: CaseData): Tri {
    const { prepared, names: params } = this.read(kase);
    const names = { ...params };
    try {
      for (const [name, text] of Object.entries(comp.let)) {
        const fn = this.evaluator(comp, `let:${name}`, text);
        if (!fn) return null;
        names[name] = fn(prepared, names);
      }
      const fn = this.evaluator(comp, 'formula', comp.formula);
      if (!fn) return null;
      return fn(prepared, names) !== null;
    } catch {
      return null;
    }
  }

  // ——— running the policy's expressions

  /** The case prepared and the parameters' values on it, once per case object. */
  private read(kase: CaseData): { prepared: PreparedCase; names: Record<string, RuntimeValue> } {
    let r = this.reads.get(kase);
    if (!r) {
      const prepared = prepareCase(kase);
      this.reads.set(kase, (r = { prepared, names: this.parameters(prepared) }));
    }
    return r;
  }

  private parameters(prepared: PreparedCase): Record<string, RuntimeValue> {
    const names: Record<string, RuntimeValue> = {};
    for (const p of this.params) {
      if (p.from === undefined) {
        names[p.name] = p.value;
        continue;
      }
      try {
        names[p.name] = p.from ? p.from(prepared, {}) : null;
      } catch {
        names[p.name] = null;
      }
    }
    return names;
  }

  /** The checker's compiled evaluator of an expression site (dsl/compiled.ts). */
  private evaluator(owner: object, key: string, text: string): Evaluator | null {
    return recallCompiled(owner, key, text)?.evaluator ?? null;
  }

  /** A parameter's case path (`from:`), compiled once. */
  private pathEvaluator(path: string): Evaluator | null {
    let fn = this.fns.get(path);
    if (fn === undefined) this.fns.set(path, (fn = compileSource(path, { names: {}, caseFields: true }).evaluator ?? null));
    return fn;
  }

  /** A condition on a case: true, false, or null (depends on data the case does not hold). */
  private tri(text: string, kase: CaseData, owner?: object, key?: string): Tri {
    const fn = owner && key ? this.evaluator(owner, key, text) : this.siteEvaluator(text);
    if (!fn) return null;
    try {
      const { prepared, names } = this.read(kase);
      const v = fn(prepared, names);
      return v === true ? true : v === false ? false : null;
    } catch {
      return null;
    }
  }

  /** A `when:` text's evaluator, found by its text among the procedure's step and vote conditions. */
  private siteEvaluator(text: string): Evaluator | null {
    for (const s of this.proc.steps) {
      if (s.when === text) return this.evaluator(s, 'stepWhen', text);
      for (const v of s.votes ?? []) if (v.when === text) return this.evaluator(v, 'voteWhen', text);
    }
    return null;
  }
}

// ——— combinations and how they read

function combinations(dims: Dimension[]): Combination[] {
  let out: number[][] = [[]];
  for (const d of dims) out = out.flatMap((vs) => d.values.map((_, i) => [...vs, i]));
  return out.flatMap((values) => [true, false].map((whole) => ({ values, whole })));
}

/**
 * The failing combinations, as few patterns as the facts allow: a fact whose every value fails
 * (or is refused by the policy anyway) is left out, so "支付方 = 县级" stands for all the modes.
 */
function describeCombinations(dims: Dimension[], failing: Combination[], admitted: Combination[]): { zh: string; en: string } {
  const key = (c: { values: (number | null)[]; whole: boolean | null }) => `${c.values.join(',')}|${c.whole}`;
  const admittedKeys = new Set(admitted.map(key));
  const failingKeys = new Set(failing.map(key));
  const failsOrRefused = (c: Combination) => failingKeys.has(key(c)) || !admittedKeys.has(key(c));
  const patterns = new Map<string, { values: (number | null)[]; whole: boolean | null }>();
  for (const c of failing) {
    const p: { values: (number | null)[]; whole: boolean | null } = { values: [...c.values], whole: c.whole };
    dims.forEach((d, i) => {
      const variants = d.values.map((_, j) => ({ values: c.values.map((v, k) => (k === i ? j : v)), whole: c.whole }));
      if (variants.every(failsOrRefused)) p.values[i] = null;
    });
    if (failsOrRefused({ values: c.values, whole: !c.whole })) p.whole = null;
    patterns.set(key(p), p);
  }
  const list = [...patterns.values()];
  const shown = list.slice(0, 4);
  const zh = shown.map((p) => {
    const parts = dims.flatMap((d, i) => (p.values[i] === null ? [] : [`${d.zh} = ${d.values[p.values[i]!]!.zh}`]));
    if (p.whole !== null) parts.push(p.whole ? '全部退出或转让' : '部分退出或转让');
    return parts.join('、') || '所有情形';
  });
  const en = shown.map((p) => {
    const parts = dims.flatMap((d, i) => (p.values[i] === null ? [] : [`${d.path} = ${d.values[p.values[i]!]!.en}`]));
    if (p.whole !== null) parts.push(p.whole ? 'whole' : 'partial');
    return parts.join(', ') || 'every case';
  });
  const more =
    list.length > shown.length
      ? { zh: `；另有 ${list.length - shown.length} 种`, en: `; and ${list.length - shown.length} more` }
      : { zh: '', en: '' };
  return { zh: zh.join('；') + more.zh, en: en.join('; ') + more.en };
}

function ancestors(steps: Step[], of: Step): Set<string> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const visit = (s: Step) => {
    for (const a of s.after) {
      if (seen.has(a)) continue;
      seen.add(a);
      const p = byId.get(a);
      if (p) visit(p);
    }
  };
  visit(of);
  return seen;
}

// ——— the case model

interface Leaf {
  path: string;
  label: string;
  type: FieldType;
}

/** Fields outside lists, with their label path ("户.户籍"), of the parts a procedure's case has. */
function fieldsOf(section: 'exit' | 'transfer', pick: (f: Field, inRequired: boolean) => boolean): Leaf[] {
  const out: Leaf[] = [];
  const walk = (fields: Field[], path: string, label: string) => {
    for (const f of fields) {
      const p = path ? `${path}.${f.key}` : f.key;
      const l = label ? `${label}.${f.label}` : f.label;
      if (!path && (f.key === 'exit' || f.key === 'transfer') && f.key !== section) continue;
      if (pick(f, !!path)) out.push({ path: p, label: l, type: f.type });
      if (f.type.kind === 'record') walk(f.type.fields, p, l);
    }
  };
  walk(caseFields, '', '');
  return out;
}

function candidateFields(section: 'exit' | 'transfer'): Leaf[] {
  return fieldsOf(section, (f) => f.type.kind === 'bool' || f.type.kind === 'enum').filter(
    (f) => f.path !== 'exit.payer' && f.path !== 'exit.mode',
  );
}

/** Optional fields (a whole optional record counts once): what a case may lack. */
function optionalFields(section: 'exit' | 'transfer'): Leaf[] {
  return fieldsOf(section, (f, nested) => nested && !f.required && f.type.kind !== 'list');
}

/** A value of every field that the case model accepts: what a complete case file would hold. */
function fill(fields: Field[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.key, sample(f.type)]));
}

function sample(t: FieldType): unknown {
  switch (t.kind) {
    case 'string':
      return '某';
    case 'bool':
      return true;
    case 'date':
      return '2026-01-15';
    case 'integer':
      return Math.max(t.min ?? 1, 1);
    case 'decimal':
      return t.bounds && Number(t.bounds.max) < 1 ? '0.5' : '1';
    case 'enum':
      return Object.keys(t.values)[0];
    case 'record':
      return fill(t.fields);
    case 'list':
      return [sample(t.of)];
  }
}

function withPath(kase: CaseData, path: string, value: unknown): CaseData {
  const keys = path.split('.');
  const over: Record<string, unknown> = {};
  let cur = over;
  keys.forEach((k, i) => {
    cur[k] = i === keys.length - 1 ? value : {};
    cur = cur[k] as Record<string, unknown>;
  });
  return overlay(kase, over) as CaseData;
}

function withoutPath(kase: CaseData, path: string): CaseData {
  const copy = structuredClone(kase) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let cur: unknown = copy;
  for (const k of keys.slice(0, -1)) cur = isJsonObject(cur) ? cur[k] : undefined;
  if (isJsonObject(cur)) delete cur[keys[keys.length - 1]!];
  return copy as unknown as CaseData;
}
