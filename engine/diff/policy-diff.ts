// What changed in meaning between two versions of a policy: parameters, rules, steps, periods,
// votes, formulas and forms, each with the article it rests on. Compares the checked models, not
// the text, so re-ordering keys, reformatting or editing comments is no change. Pure.
import { PROCEDURE_KINDS } from '../../dsl/case-model.ts';
import type { Compensation, Policy, Procedure, Rule, Step, VoteRule } from '../../dsl/policy-model.ts';

export const CHANGE_AREAS = ['meta', 'article', 'parameter', 'rule', 'step', 'vote', 'compensation', 'mode', 'form'] as const;
export type ChangeArea = (typeof CHANGE_AREAS)[number];
export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface PolicyChange {
  area: ChangeArea;
  kind: ChangeKind;
  /** Where: "parameters.补偿年限", "procedures.exit.steps.approval.votes.0", "forms.退出合同". */
  path: string;
  /** The field that changed ("value", "rule", "period" …), absent for an added or removed item. */
  field?: string;
  before?: string;
  after?: string;
  /** The article the item cites (in the new version, else the old). */
  cite?: string;
}

type Fields = Record<string, string | undefined>;

const show = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);

function compareFields(out: PolicyChange[], area: ChangeArea, path: string, cite: string | undefined, before: Fields, after: Fields): void {
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[field] !== after[field])
      out.push({ area, kind: 'changed', path, field, before: before[field], after: after[field], ...(cite ? { cite } : {}) });
  }
}

/** Items keyed by id: added, removed, and the fields of those in both. */
function compareById<T>(
  out: PolicyChange[],
  area: ChangeArea,
  prefix: string,
  before: readonly T[],
  after: readonly T[],
  key: (t: T) => string,
  fields: (t: T) => Fields,
  cite: (t: T) => string | undefined,
  nested?: (a: T, b: T, path: string) => void,
): void {
  const old = new Map(before.map((t) => [key(t), t]));
  const neu = new Map(after.map((t) => [key(t), t]));
  for (const [k, a] of old) {
    const path = `${prefix}.${k}`;
    const b = neu.get(k);
    if (!b) {
      out.push({ area, kind: 'removed', path, ...(cite(a) ? { cite: cite(a)! } : {}) });
      continue;
    }
    compareFields(out, area, path, cite(b), fields(a), fields(b));
    nested?.(a, b, path);
  }
  for (const [k, b] of neu)
    if (!old.has(k)) out.push({ area, kind: 'added', path: `${prefix}.${k}`, ...(cite(b) ? { cite: cite(b)! } : {}) });
}

const ruleFields = (r: Rule): Fields => ({
  rule: r.expr,
  when: r.when,
  severity: r.severity ?? 'refuse',
  implements: r.implements.join(',') || undefined,
  label: r.label,
  message: r.message,
  cite: r.cite,
});

const voteFields = (v: VoteRule): Fields => ({
  body: v.body.join('、'),
  when: v.when,
  base: v.base,
  threshold: v.threshold.text,
  quorum: v.quorum ? `${v.quorum.base} ${v.quorum.threshold.text}` : undefined,
  cite: v.cite,
});

const stepFields = (s: Step): Fields => ({
  kind: s.kind,
  after: s.after.join(',') || undefined,
  period: s.period,
  from: s.from,
  allowedAfter: s.allowedAfter ? 'true' : undefined,
  // In role order, so that re-ordering the roles is no change.
  periods: s.periods && show(Object.fromEntries(Object.entries(s.periods).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  when: s.when,
  optional: s.optional ? 'true' : undefined,
  form: s.form,
  countingOverride: show(s.countingOverride?.rule),
  cite: s.cite,
});

const compensationFields = (c: Compensation | undefined): Fields =>
  c
    ? {
        formula: c.formula,
        let: Object.keys(c.let).length
          ? Object.entries(c.let)
              .map(([k, v]) => `${k} = ${v}`)
              .join('; ')
          : undefined,
        perMu: c.perMu,
        cap: c.cap?.expr,
        round: `${c.round.to} ${c.round.mode}`,
        payer: c.payer,
        cite: c.cite,
      }
    : {};

function compareProcedure(out: PolicyChange[], kind: string, a: Procedure, b: Procedure): void {
  const p = `procedures.${kind}`;
  compareById(
    out,
    'rule',
    `${p}.eligibility`,
    a.eligibility,
    b.eligibility,
    (r) => r.id,
    ruleFields,
    (r) => r.cite,
  );
  compareById(
    out,
    'step',
    `${p}.steps`,
    a.steps,
    b.steps,
    (s) => s.id,
    stepFields,
    (s) => s.cite,
    (sa, sb, path) => {
      const keyed = (vs: VoteRule[] | undefined) => (vs ?? []).map((v, i) => ({ v, i }));
      compareById(
        out,
        'vote',
        `${path}.votes`,
        keyed(sa.votes),
        keyed(sb.votes),
        (x) => String(x.i),
        (x) => voteFields(x.v),
        (x) => x.v.cite,
      );
    },
  );
  compareFields(
    out,
    'compensation',
    `${p}.compensation`,
    b.compensation?.cite ?? a.compensation?.cite,
    compensationFields(a.compensation),
    compensationFields(b.compensation),
  );
  compareById(
    out,
    'mode',
    `${p}.modes`,
    a.modes,
    b.modes,
    (m) => m.id,
    (m) => ({ label: m.label, membership: m.membership, keepsNextRound: show(m.keepsNextRound), cite: m.cite }),
    (m) => m.cite,
    (ma, mb, path) => {
      compareById(
        out,
        'rule',
        `${path}.eligibility`,
        ma.eligibility,
        mb.eligibility,
        (r) => r.id,
        ruleFields,
        (r) => r.cite,
      );
      compareFields(
        out,
        'compensation',
        `${path}.compensation`,
        mb.compensation?.cite ?? ma.compensation?.cite,
        compensationFields(ma.compensation),
        compensationFields(mb.compensation),
      );
    },
  );
}

/** Every change in meaning from `before` to `after`, in the order of the file's sections. */
export function diffPolicies(before: Policy, after: Policy): PolicyChange[] {
  const out: PolicyChange[] = [];
  const m = (p: Policy): Fields => ({
    id: p.meta.id,
    status: p.meta.status,
    version: p.meta.version,
    'effective.from': p.meta.effective.from,
    'effective.to': p.meta.effective.to,
    calendar: p.meta.calendar.join(','),
  });
  compareFields(out, 'meta', 'meta', undefined, m(before), m(after));
  const articles = (p: Policy) => Object.entries(p.articles).map(([k, text]) => ({ k, text }));
  compareById(
    out,
    'article',
    'articles',
    articles(before),
    articles(after),
    (a) => a.k,
    (a) => ({ text: a.text }),
    (a) => a.k,
  );
  compareById(
    out,
    'parameter',
    'parameters',
    before.parameters,
    after.parameters,
    (p) => p.name,
    (p) => ({ value: p.value, from: p.from, unit: p.unit || undefined, cite: p.cite }),
    (p) => p.cite,
  );
  for (const kind of PROCEDURE_KINDS) {
    const a = before.procedures[kind];
    const b = after.procedures[kind];
    if (a && b) compareProcedure(out, kind, a, b);
    else if (a) out.push({ area: 'step', kind: 'removed', path: `procedures.${kind}`, cite: a.cite });
    else if (b) out.push({ area: 'step', kind: 'added', path: `procedures.${kind}`, cite: b.cite });
  }
  compareById(
    out,
    'form',
    'forms',
    before.forms,
    after.forms,
    (f) => f.id,
    (f) => ({
      title: f.title,
      template: f.template,
      procedure: f.procedure,
      copies: show(f.copies),
      numbering: f.numbering?.prefix,
      cite: f.cite,
    }),
    (f) => f.cite,
  );
  return out;
}
