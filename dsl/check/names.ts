// Expressions: each is parsed and checked in its scope (parameters, the let names bound before it,
// the case fields); the expression language's diagnostics are moved from expression offsets to
// the exact token in the YAML file, whatever the scalar's quoting or folding. Also: unused
// parameters and let names, and declared-semantics vocabularies (implements, compare).
import { compileChecked, parseExpression } from '../expr/index.ts';
import { rememberCompiled } from '../compiled.ts';
import type { ExprDiagnostic, ScopeDecl, ValueType } from '../expr/api.ts';
import type { ExprSite } from '../build/reader.ts';
import { diag, type Related } from '../diagnostics.ts';
import { msg } from '../message.ts';
import { unitWord } from '../units.ts';
import { didYouMean, nearest } from '../messages.ts';
import { valueSpanToFile } from '../yaml.ts';
import { COMPARE_KEYS, IMPLEMENTS_TAGS } from '../vocabulary.ts';
import { periodRefs } from '../steps/index.ts';
import type { CheckContext } from './context.ts';

/** The names in scope of an expression site. */
export function scopeFor(site: ExprSite, paramTypes: Map<string, ValueType>, letTypes: Map<string, ValueType>): ScopeDecl {
  const names: Record<string, ValueType> = Object.fromEntries(paramTypes);
  for (const l of letsOf(site)) names[l] = letTypes.get(`${keyOf(site)}:${l}`) ?? { kind: 'unknown' };
  return { names, caseFields: true };
}

/** The let names an expression site sees. */
function letsOf(site: ExprSite): string[] {
  return site.role === 'let' ? (site.letBefore ?? []) : site.compensation ? Object.keys(site.compensation.let) : [];
}

const compKeys = new WeakMap<object, number>();
let compCounter = 0;
function keyOf(site: ExprSite): number {
  const c = site.compensation ?? site.owner;
  let k = compKeys.get(c);
  if (k === undefined) compKeys.set(c, (k = ++compCounter));
  return k;
}

/** Where compilePolicy finds the evaluator of a site: its owner object and this key. */
export function siteKey(site: Pick<ExprSite, 'role' | 'name'>): string {
  return site.role === 'let' ? `let:${site.name}` : site.role;
}

export function checkExpressions(ctx: CheckContext): void {
  const letTypes = new Map<string, ValueType>();
  for (const site of ctx.built.exprs) {
    const mapDiag = (d: ExprDiagnostic) => {
      const span = valueSpanToFile(ctx.text, site.scalar, d.start, d.end);
      const out = diag(ctx.file, d.code, span, {}, { severity: d.severity, related: parameterUnits(ctx, site, d.names ?? []) });
      out.message = d.message;
      ctx.diagnostics.push(out);
    };
    const parsed = parseExpression(site.text);
    parsed.diagnostics.forEach(mapDiag);
    let type: ValueType = { kind: 'unknown' };
    if (parsed.expr) {
      // Analysis and compilation in one step: the evaluator is kept for compilePolicy.
      const checked = compileChecked(parsed.expr, scopeFor(site, ctx.paramTypes, letTypes));
      checked.diagnostics.forEach(mapDiag);
      type = checked.type;
      ctx.exprNames.set(site, new Set(checked.names));
      rememberCompiled(site.compensation ?? site.owner, siteKey(site), {
        text: site.text,
        type,
        ...(checked.evaluator ? { evaluator: checked.evaluator } : {}),
      });
    }
    ctx.exprTypes.set(site, type);
    if (site.role === 'let' && site.name !== undefined) letTypes.set(`${keyOf(site)}:${site.name}`, type);
  }
}

/** A unit clash points at each parameter the clashing operands read, where its value gives its unit. */
function parameterUnits(ctx: CheckContext, site: ExprSite, names: string[]): Related[] {
  const lets = letsOf(site);
  return names.flatMap((name) => {
    const p = lets.includes(name) ? undefined : ctx.policy.parameters.find((x) => x.name === name);
    const t = ctx.paramTypes.get(name);
    if (!p || t?.kind !== 'number') return [];
    const at = p.valueSpan ?? p.span;
    return [{ ...at, message: msg('related.parameterUnit', { name, unit: unitWord(t.unit) }) }];
  });
}

export function checkNames(ctx: CheckContext): void {
  const { policy, built } = ctx;
  const used = new Set<string>();
  for (const names of ctx.exprNames.values()) for (const n of names) used.add(n);
  for (const proc of Object.values(policy.procedures)) {
    for (const s of proc?.steps ?? []) for (const r of periodRefs(s)) used.add(r.name);
  }
  // A parameter kept for comparison across regions (compare:) is used by the comparison.
  for (const p of policy.parameters) if (!used.has(p.name) && !p.compare) ctx.report('N401', p.span, { name: p.name });

  // Let names: unused, or shadowing a parameter.
  const params = new Set(policy.parameters.map((p) => p.name));
  const comps = new Set(built.exprs.flatMap((s) => (s.compensation ? [s.compensation] : [])));
  for (const c of comps) {
    const usedHere = new Set<string>();
    for (const s of built.exprs) if (s.compensation === c) for (const n of ctx.exprNames.get(s) ?? []) usedHere.add(n);
    for (const name of Object.keys(c.let)) {
      const span = built.spans.get(c, `let:${name}`);
      if (params.has(name)) ctx.report('N404', span, { name });
      else if (!usedHere.has(name)) ctx.report('N405', span, { name });
    }
  }

  // Declared semantics: a tag close to a known one is probably a typo.
  const rules = Object.values(policy.procedures).flatMap((p) => [
    ...(p?.eligibility ?? []),
    ...(p?.modes.flatMap((m) => m.eligibility) ?? []),
  ]);
  for (const r of rules)
    r.implements.forEach((tag, i) => {
      if (IMPLEMENTS_TAGS.includes(tag)) return;
      if (nearest(tag, IMPLEMENTS_TAGS))
        ctx.report('N402', built.spans.get(r, `implements.${i}`), { tag, ...didYouMean(tag, IMPLEMENTS_TAGS) });
    });
  for (const p of policy.parameters) {
    if (!p.compare || COMPARE_KEYS.includes(p.compare)) continue;
    if (nearest(p.compare, COMPARE_KEYS))
      ctx.report('N403', built.spans.get(p, 'compare'), { key: p.compare, ...didYouMean(p.compare, COMPARE_KEYS) });
  }
}
