// Procedures, steps, votes, forms and metadata: duplicate ids, `after:` naming unknown steps,
// cycles and steps that can never start, periods naming unknown or non-period parameters, `from:`
// naming neither a step nor a case date, forms used but not declared, templates outside the policy
// set or missing, voting thresholds that do not read, and the file's id against its name.
import { hasDateShape, isRealDate } from '../calendar-date.ts';
import type { FormDecl, Policy, Procedure, Span, Step } from '../policy-model.ts';
import { periodRefs, periodRolesOf, STEP_KIND_DECLS, STEP_KINDS, type KindKey } from '../steps/index.ts';
import { parseTemplateName } from '../policy-files.ts';
import { casePathsOfKind, resolveCasePath } from '../case-paths.ts';
import { unitOfBody, VOTE_UNITS } from '../case-vote.ts';
import { didYouMean } from '../messages.ts';
import { isFailure, legalTextMessage, readThreshold } from '../legal-text/index.ts';
import { firstAt, type CheckContext } from './context.ts';

/** The finding for a kind-specific key on a step of a kind that does not take it. */
const MISPLACED_KEY: Record<KindKey, 'P620' | 'P630'> = { votes: 'P620', registration: 'P630' };

export function expectedIdOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.ya?ml$/i, '');
}

export function checkMeta(ctx: CheckContext): void {
  const { policy, built } = ctx;
  const expected = ctx.options.expectedId ?? expectedIdOf(ctx.file);
  const idSpan = built.spans.get(policy.meta, 'id');
  if (idSpan && policy.meta.id && policy.meta.id !== expected) ctx.report('P617', idSpan, { id: policy.meta.id, expected });
  for (const k of ['effective.from', 'effective.to', 'source.date']) {
    const span = built.spans.get(policy.meta, k);
    const v =
      k === 'effective.from' ? policy.meta.effective.from : k === 'effective.to' ? policy.meta.effective.to : policy.meta.source.date;
    if (span && v !== undefined && hasDateShape(v) && !isRealDate(v)) ctx.report('P622', span, { value: v });
  }
  const { from, to } = policy.meta.effective;
  if (from && to && from > to) ctx.report('P623', built.spans.get(policy.meta, 'effective.to'));
  if (policy.meta.effective.assumed && !policy.meta.effective.note) ctx.report('P615', built.spans.get(policy.meta, 'effective.assumed'));
}

export function checkProcedures(ctx: CheckContext): void {
  const { policy } = ctx;
  for (const proc of Object.values(policy.procedures)) if (proc) checkProcedure(ctx, proc, policy);
  checkForms(ctx);
}

function checkProcedure(ctx: CheckContext, proc: Procedure, policy: Policy): void {
  const { built } = ctx;
  const at = (obj: object, key: string) => built.spans.get(obj, key);
  if (proc.steps.length === 0) ctx.report('P624', at(proc, 'steps') ?? proc.span);

  // Rule ids are unique within the rules that apply together (the procedure's and one mode's):
  // examples name them under failed. Each duplicate points at the first.
  const procIds = new Map<string, Span | undefined>();
  for (const r of proc.eligibility) {
    if (r.id && procIds.has(r.id)) ctx.report('P609', at(r, 'id'), { id: r.id }, firstAt(procIds.get(r.id), r.id));
    else procIds.set(r.id, at(r, 'id'));
  }
  for (const m of proc.modes) {
    const ids = new Map(procIds);
    for (const r of m.eligibility) {
      if (r.id && ids.has(r.id)) ctx.report('P609', at(r, 'id'), { id: r.id }, firstAt(ids.get(r.id), r.id));
      else ids.set(r.id, at(r, 'id'));
    }
  }
  const modeIds = new Map<string, Span | undefined>();
  for (const m of proc.modes) {
    if (modeIds.has(m.id)) ctx.report('P610', at(m, 'id'), { id: m.id }, firstAt(modeIds.get(m.id), m.id));
    else modeIds.set(m.id, at(m, 'id'));
  }

  // Steps: unique ids, known predecessors.
  const ids = new Map<string, Step>();
  for (const s of proc.steps) {
    if (!s.id) continue;
    if (ids.has(s.id)) ctx.report('P601', at(s, 'id'), { id: s.id }, firstAt(at(ids.get(s.id)!, 'id'), s.id));
    else ids.set(s.id, s);
  }
  const stepIds = [...ids.keys()];
  for (const s of proc.steps) {
    s.after.forEach((a, i) => {
      if (!ids.has(a)) ctx.report('P602', at(s, `after.${i}`), { id: a, ...didYouMean(a, stepIds) });
    });
  }
  checkOrder(ctx, proc, ids);

  const params = new Map(policy.parameters.map((p) => [p.name, p]));
  const paramNames = [...params.keys()];
  const dateFields = casePathsOfKind('date');
  for (const s of proc.steps) {
    for (const { key, name } of periodRefs(s)) {
      const p = params.get(name);
      if (!p) ctx.report('P605', at(s, key), { name, ...didYouMean(name, paramNames) });
      else if (!p.period) ctx.report('P606', at(s, key), { name, value: p.value ?? p.from ?? '' });
    }
    const decl = STEP_KIND_DECLS[s.kind];
    const takes: readonly KindKey[] = decl.takes;
    for (const key of Object.keys(MISPLACED_KEY) as KindKey[]) {
      if (s[key] !== undefined && !takes.includes(key)) ctx.report(MISPLACED_KEY[key], at(s, key), { key, kinds: kindsTaking(key) });
    }
    if (decl.needsPeriod !== undefined && s.period === undefined)
      ctx.report('P619', at(s, 'kind'), { kind: { zh: decl.needsPeriod, en: s.kind } });
    if (takes.includes('votes') && !s.votes?.length) ctx.report('P612', at(s, 'kind'));
    checkPeriodRoles(ctx, s);
    if (s.from !== undefined && !ids.has(s.from)) {
      const t = resolveCasePath(s.from);
      if (t?.kind !== 'date') ctx.report('N407', at(s, 'from'), { name: s.from, ...didYouMean(s.from, [...stepIds, ...dateFields]) });
    }
    if (s.form !== undefined && !policy.forms.some((f) => f.id === s.form)) {
      ctx.report('P607', at(s, 'form'), {
        form: s.form,
        ...didYouMean(
          s.form,
          policy.forms.map((f) => f.id),
        ),
      });
    }
    for (const v of s.votes ?? []) {
      for (const [key, th] of [
        ['threshold', v.threshold],
        ['quorum.threshold', v.quorum?.threshold],
      ] as const) {
        if (!th) continue;
        const parsed = readThreshold(th.text);
        if (isFailure(parsed)) ctx.report('P613', at(v, key), { text: th.text, detail: legalTextMessage(parsed.error) });
      }
      if (v.assumed && !v.note) ctx.report('P615', at(v, 'assumed'));
      if (v.quorum?.base === 'present') ctx.report('P626', at(v, 'quorum.base'));
      // One body, one unit (docs/votes.md): only a body that counts households has a households base.
      for (const [key, base] of [
        ['base', v.base],
        ['quorum.base', v.quorum?.base],
      ] as const) {
        if (base !== 'households') continue;
        for (const body of v.body) {
          const unit = unitOfBody(body);
          if (unit !== 'household') ctx.report('P629', at(v, key), { body, unit: { zh: VOTE_UNITS[unit].zh, en: VOTE_UNITS[unit].en } });
        }
      }
    }
  }
}

/** A step names exactly the periods its kind takes under `periods:` (dsl/steps/ PeriodRole). */
function checkPeriodRoles(ctx: CheckContext, s: Step): void {
  const roles = periodRolesOf(s.kind);
  for (const role of Object.keys(s.periods ?? {})) {
    const kinds = STEP_KINDS.filter((k) => periodRolesOf(k)[role]).join(', ');
    // A name no kind takes is the schema's to refuse.
    if (roles[role] || !kinds) continue;
    ctx.report('P630', ctx.built.spans.get(s, `periods.${role}:key`), { key: `periods.${role}`, kinds });
  }
  for (const [role, decl] of Object.entries(roles)) {
    if (s.periods?.[role] === undefined && !decl.optional) ctx.report('P631', ctx.built.spans.get(s, 'kind'), { kind: s.kind, role });
  }
}

function kindsTaking(key: KindKey): string {
  return Object.values(STEP_KIND_DECLS)
    .filter((d) => (d.takes as readonly KindKey[]).includes(key))
    .map((d) => d.id)
    .join(', ');
}

/** Cycles in `after:` (reported once, at the edge that closes them) and steps downstream of them. */
function checkOrder(ctx: CheckContext, proc: Procedure, ids: Map<string, Step>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const inCycle = new Set<string>();
  const path: string[] = [];
  const visit = (s: Step): void => {
    state.set(s.id, 'visiting');
    path.push(s.id);
    s.after.forEach((a, i) => {
      const pred = ids.get(a);
      if (!pred) return;
      const st = state.get(a);
      if (st === 'visiting') {
        const cycle = path.slice(path.indexOf(a));
        cycle.forEach((c) => inCycle.add(c));
        ctx.report('P603', ctx.built.spans.get(s, `after.${i}`), { cycle: [...cycle, a].join(' → ') });
      } else if (st === undefined) visit(pred);
    });
    path.pop();
    state.set(s.id, 'done');
  };
  for (const s of ids.values()) if (!state.has(s.id)) visit(s);
  if (inCycle.size === 0) return;
  // Anything that (transitively) waits on a step in a cycle can never start.
  const blocked = new Set(inCycle);
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of ids.values()) {
      if (blocked.has(s.id)) continue;
      if (s.after.some((a) => blocked.has(a))) {
        blocked.add(s.id);
        changed = true;
        ctx.report('P604', ctx.built.spans.get(s, 'id'), { id: s.id });
      }
    }
  }
}

function checkForms(ctx: CheckContext): void {
  const { policy, built } = ctx;
  const seen = new Map<string, Span | undefined>();
  for (const f of policy.forms) {
    if (seen.has(f.id)) ctx.report('P611', built.spans.get(f, 'id'), { id: f.id }, firstAt(seen.get(f.id), f.id));
    else seen.set(f.id, built.spans.get(f, 'id'));
    if (f.assumed && !f.note) ctx.report('P615', built.spans.get(f, 'assumed'));
    if (!policy.procedures[f.procedure] && built.spans.get(f, 'procedure'))
      ctx.report('P618', built.spans.get(f, 'procedure'), { procedure: f.procedure });
    checkTemplateName(ctx, f);
  }
}

/** A template is a file of the policy set's templates/ or a bundled id; anything else is not read. */
function checkTemplateName(ctx: CheckContext, f: FormDecl): void {
  const span = ctx.built.spans.get(f, 'template');
  const name = parseTemplateName(f.template);
  if (!name.ok) {
    ctx.report('P627', span, { path: f.template, rule: { zh: name.rule, en: name.ruleEn } });
    return;
  }
  const found = ctx.options.findTemplate?.(f.template) ?? 'found';
  if (found === 'missing') ctx.report('P608', span, { path: f.template });
  else if (found !== 'found') ctx.report('P627', span, { path: f.template, rule: { zh: found.rule, en: found.ruleEn } });
}
