// A procedure's steps: id, kind (dsl/steps/), label, order (`after:`), periods and where they are
// counted from, form, acting bodies, condition, and the voting rules of a vote step. Every
// procedure's steps are read by this one reader, as the schema has one step definition.
import type { Step, StepKind, Threshold, VoteBase, VoteRule } from '../policy-model.ts';
import type { ProcedureKind } from '../case-model.ts';
import { STEP_KINDS } from '../steps/index.ts';
import { isFailure, readThreshold } from '../legal-text/index.ts';
import { child, entry, type LNode } from '../yaml.ts';
import { isMap, strings, text, type Reader } from './reader.ts';

const VOTE_BASES: VoteBase[] = ['entitled', 'present', 'households', 'all'];

export function buildSteps(r: Reader, n: LNode | undefined, procedure: ProcedureKind): Step[] {
  if (n?.kind !== 'seq') return [];
  const out: Step[] = [];
  for (const item of n.items) {
    if (!isMap(item)) continue;
    const s: Step = { id: '', kind: 'application', label: '', cite: '', after: [], span: item.span };
    s.id = r.field(s, item, 'id') ?? '';
    const kind = r.field(s, item, 'kind');
    s.kind = kind && (STEP_KINDS as string[]).includes(kind) ? (kind as StepKind) : s.kind;
    s.label = r.field(s, item, 'label') ?? '';
    s.cite = r.cite(s, item);
    const after = entry(item, 'after');
    if (after)
      strings(after.value).forEach((a, i) => {
        s.after.push(a.value);
        r.spans.set(s, `after.${i}`, a.span);
      });
    const period = r.field(s, item, 'period');
    if (period !== undefined) s.period = period;
    const periods = child(item, 'periods');
    if (isMap(periods)) {
      s.periods = {};
      for (const e of periods.entries) {
        const name = r.field(s, periods, e.key, `periods.${e.key}`);
        if (name !== undefined) s.periods[e.key] = name;
      }
    }
    const from = r.field(s, item, 'from');
    if (from !== undefined) s.from = from;
    const allowedAfter = r.bool(item, 'allowedAfter');
    if (allowedAfter !== undefined) s.allowedAfter = allowedAfter;
    const form = r.field(s, item, 'form');
    if (form !== undefined) s.form = form;
    const by = entry(item, 'by');
    if (by) s.by = strings(by.value).map((x) => x.value);
    const optional = r.bool(item, 'optional');
    if (optional !== undefined) s.optional = optional;
    if (r.field(s, item, 'registration') === 'byExtent') s.registration = 'byExtent';
    const w = r.expression(item, 'when', { role: 'stepWhen', procedure, owner: s });
    if (w.text !== undefined) s.when = w.text;
    const co = child(item, 'countingOverride');
    if (isMap(co)) s.countingOverride = { rule: text(child(co, 'rule')) ?? '', cite: r.cite({}, co) };
    const votes = entry(item, 'votes');
    if (votes) {
      r.spans.set(s, 'votes', votes.keySpan);
      s.votes = votes.value.kind === 'seq' ? votes.value.items.flatMap((v) => (isMap(v) ? [buildVoteRule(r, v, procedure)] : [])) : [];
    }
    out.push(s);
  }
  return out;
}

function buildVoteRule(r: Reader, v: LNode, procedure: ProcedureKind): VoteRule {
  const vr: VoteRule = {
    body: [],
    base: 'entitled',
    threshold: { num: 2, den: 3, inclusive: true, text: '' },
    cite: '',
    span: v.span,
  };
  const body = entry(v, 'body');
  if (body) {
    vr.body = strings(body.value).map((x) => x.value);
    r.spans.set(vr, 'body', body.value.span);
  }
  const base = r.field(vr, v, 'base');
  if (base && (VOTE_BASES as string[]).includes(base)) vr.base = base as VoteBase;
  const th = threshold(r, vr, v, 'threshold');
  if (th) vr.threshold = th;
  const q = child(v, 'quorum');
  if (isMap(q)) {
    const qo = {};
    const qBase = entry(q, 'base');
    const qb = text(qBase?.value);
    if (qBase) r.spans.set(vr, 'quorum.base', qBase.value.span);
    const qt = threshold(r, qo, q, 'threshold');
    const qc = r.cite(qo, q);
    if (qt) {
      vr.quorum = { base: qb && (VOTE_BASES as string[]).includes(qb) ? (qb as VoteBase) : 'entitled', threshold: qt, cite: qc };
      r.spans.set(vr, 'quorum.threshold', r.spans.get(qo, 'threshold')!);
    }
  }
  vr.cite = r.cite(vr, v);
  const a = r.assumed(vr, v);
  if (a !== undefined) vr.assumed = a;
  const note = text(child(v, 'note'));
  if (note !== undefined) vr.note = note;
  const w = r.expression(v, 'when', { role: 'voteWhen', procedure, owner: vr });
  if (w.text !== undefined) {
    vr.when = w.text;
    vr.whenSpan = w.span;
  }
  return vr;
}

/** A threshold as read by dsl/legal-text; one that does not read keeps its text for P613 to report. */
function threshold(r: Reader, obj: object, n: LNode, key: string): Threshold | undefined {
  const t = r.field(obj, n, key);
  if (t === undefined) return undefined;
  const parsed = readThreshold(t);
  return isFailure(parsed) ? { num: 0, den: 1, inclusive: true, text: t } : parsed;
}
