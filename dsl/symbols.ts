// Where each name of a policy file is written and what it names: the symbol index an editor needs
// for hover, go to definition, completion and rename. engine/lsp adapts it to the Language Server
// Protocol; the browser editor can use it as it is (pure: text in, file offsets out).
//
// Names in expressions resolve exactly as the expression checker resolves them (dsl/expr/check.ts
// Checker.name): a filter's element fields first, then the let names in scope, then parameters,
// then the case's fields (dsl/case-schema.ts, by English key or Chinese label).
import { buildPolicy, type Built } from './build/index.ts';
import type { ExprSite } from './build/reader.ts';
import { scopeFor } from './check/names.ts';
import { resolveCite, splitCites } from './check/citations.ts';
import type { ProcedureKind } from './case-model.ts';
import type { Expr } from './expr/ast.ts';
import { FUNCTIONS } from './expr/check.ts';
import { parseExpression } from './expr/parse.ts';
import { caseRootType, findField, type Ty } from './expr/types.ts';
import type { Compensation, Span, StepKind } from './policy-model.ts';
import { periodRefs } from './steps/index.ts';
import { child, parseYaml, valueSpanToFile, type LNode } from './yaml.ts';

/** What a written name refers to. */
export type SymbolTarget =
  | { kind: 'parameter'; name: string }
  /** `scope` tells the compensations apart: the same let name may be bound in several. */
  | { kind: 'let'; name: string; scope: number }
  | FieldTarget
  | { kind: 'function'; name: string; builtin: string }
  /** `key` is the article the cite resolves to (第十条第二项 → 第十条), absent when none does. */
  | { kind: 'article'; cite: string; key?: string }
  | { kind: 'step'; procedure: ProcedureKind; id: string };

/** A field of the case (or of a list element of it): its English key path and Chinese label path. */
export interface FieldTarget {
  kind: 'field';
  path: string;
  labels: string;
  ty: Ty;
  /** A collection derived from the case (退出地块: the parcels exit.parcels lists), see derivedCollections. */
  derived?: boolean;
}

export interface Occurrence extends Span {
  target: SymbolTarget;
  /** The place the target is declared (a parameter's key, a step's id), rather than a use of it. */
  definition: boolean;
}

export interface ParameterSymbol {
  name: string;
  /** The key, without quotes. */
  key: Span;
  label?: string;
  unit: string;
  value?: string;
  from?: string;
  cite: string;
}

export interface LetSymbol {
  name: string;
  key: Span;
  /** The expression as written. */
  expr: string;
  scope: number;
  procedure: ProcedureKind;
  mode?: string;
}

export interface ArticleSymbol {
  key: string;
  keySpan: Span;
  text: string;
}

export interface StepSymbol {
  procedure: ProcedureKind;
  id: string;
  idSpan?: Span;
  label: string;
  kind: StepKind;
  /** The whole step (its list item). */
  span: Span;
}

export interface FormSymbol {
  id: string;
  template: string;
  templateSpan?: Span;
}

/** An expression scalar: where it is, and the let names it sees. */
export interface ExprSymbol {
  site: ExprSite;
  span: Span;
  lets: string[];
  scope?: number;
}

export interface PolicySymbols {
  /** The text the index was built from: offsets are only valid against it. */
  text: string;
  /** Sorted by start. */
  occurrences: Occurrence[];
  parameters: ParameterSymbol[];
  lets: LetSymbol[];
  articles: ArticleSymbol[];
  steps: StepSymbol[];
  forms: FormSymbol[];
  exprs: ExprSymbol[];
  /** The value of the top-level `parameters:` mapping. */
  parametersSection?: Span;
}

/** The index of a policy text, or undefined when the text is not (yet) YAML. */
export function policySymbols(text: string): PolicySymbols | undefined {
  const parsed = parseYaml(text, '');
  if (!parsed.root) return undefined;
  return indexSymbols(text, parsed.root, buildPolicy(parsed.root, '', ''));
}

/** A key or plain value's span without the quotes it may be written in. */
export function unquotedSpan(text: string, span: Span): Span {
  const a = text[span.start];
  if (span.end - span.start >= 2 && (a === '"' || a === "'") && text[span.end - 1] === a)
    return { start: span.start + 1, end: span.end - 1 };
  return span;
}

interface Resolved {
  target?: SymbolTarget;
  /** For case values: the type, and the key and label paths, so members and filters resolve on. */
  ty?: Ty;
  keys: string[];
  labels: string[];
}

const UNKNOWN: Ty = { k: 'unknown' };

function fieldTarget(keys: string[], labels: string[], ty: Ty, derived?: boolean): FieldTarget {
  return { kind: 'field', path: keys.join('.'), labels: labels.join('.'), ty, ...(derived ? { derived } : {}) };
}

/** A field of a record reached through any lists (a member of a list maps over its items). */
function fieldOf(of: Resolved, name: string): Resolved | undefined {
  let t = of.ty;
  while (t?.k === 'list') t = t.of;
  if (t?.k !== 'rec') return undefined;
  const f = findField(t, name);
  if (!f) return undefined;
  const keys = [...of.keys, f.key];
  const labels = [...of.labels, f.label ?? f.key];
  return { target: fieldTarget(keys, labels, f.ty, f.derived), ty: f.ty, keys, labels };
}

const CASE_ROOT = (): Resolved => ({ ty: caseRootType(), keys: [], labels: [] });

/** A dotted case path as a `from:` writes it ("market.rentPerMuYear", "household.members.1.age"). */
export function resolvePath(path: string): Resolved | undefined {
  let at: Resolved | undefined = CASE_ROOT();
  for (const part of path.split('.')) {
    if (!at) return undefined;
    if (at.ty?.k === 'list' && /^\d+$/.test(part)) {
      at = { ...at, ty: at.ty.of };
      continue;
    }
    at = fieldOf(at, part);
  }
  return at;
}

function indexSymbols(text: string, root: LNode, built: Built): PolicySymbols {
  const { policy, spans } = built;
  const occurrences: Occurrence[] = [];
  const add = (span: Span | undefined, target: SymbolTarget, definition = false) => {
    if (span) occurrences.push({ start: span.start, end: span.end, target, definition });
  };

  const articles: ArticleSymbol[] = [];
  const artNode = child(root, 'articles');
  if (artNode?.kind === 'map')
    for (const e of artNode.entries) {
      if (!Object.prototype.hasOwnProperty.call(policy.articles, e.key)) continue;
      const keySpan = unquotedSpan(text, e.keySpan);
      articles.push({ key: e.key, keySpan, text: policy.articles[e.key]! });
      add(keySpan, { kind: 'article', cite: e.key, key: e.key }, true);
    }

  const parameters: ParameterSymbol[] = policy.parameters.map((p) => {
    const key = unquotedSpan(text, p.span);
    add(key, { kind: 'parameter', name: p.name }, true);
    if (p.from !== undefined) {
      const r = resolvePath(p.from);
      const at = spans.get(p, 'from');
      if (r?.target && at) add(unquotedSpan(text, at), r.target);
    }
    return { name: p.name, key, unit: p.unit, cite: p.cite, ...opt('label', p.label), ...opt('value', p.value), ...opt('from', p.from) };
  });
  const paramNames = new Set(parameters.map((p) => p.name));

  const comps: Compensation[] = [];
  for (const site of built.exprs) if (site.compensation && !comps.includes(site.compensation)) comps.push(site.compensation);
  const lets: LetSymbol[] = [];
  for (const site of built.exprs) {
    if (site.role !== 'let' || site.name === undefined || !site.compensation) continue;
    const span = spans.get(site.compensation, `let:${site.name}`);
    if (!span) continue;
    const scope = comps.indexOf(site.compensation);
    const key = unquotedSpan(text, span);
    lets.push({ name: site.name, key, expr: site.text, scope, procedure: site.procedure, ...opt('mode', site.mode?.id) });
    add(key, { kind: 'let', name: site.name, scope }, true);
  }

  const steps: StepSymbol[] = [];
  for (const proc of Object.values(policy.procedures)) {
    if (!proc) continue;
    const ids = new Set(proc.steps.map((s) => s.id));
    const stepTarget = (id: string): SymbolTarget => ({ kind: 'step', procedure: proc.kind, id });
    for (const s of proc.steps) {
      const idSpan = spans.get(s, 'id');
      steps.push({
        procedure: proc.kind,
        id: s.id,
        label: s.label,
        kind: s.kind,
        span: s.span,
        ...(idSpan ? { idSpan: unquotedSpan(text, idSpan) } : {}),
      });
      if (idSpan && s.id) add(unquotedSpan(text, idSpan), stepTarget(s.id), true);
      s.after.forEach((a, i) => {
        const at = spans.get(s, `after.${i}`);
        if (ids.has(a) && at) add(unquotedSpan(text, at), stepTarget(a));
      });
      for (const { key, name } of periodRefs(s)) {
        const at = spans.get(s, key);
        if (paramNames.has(name) && at) add(unquotedSpan(text, at), { kind: 'parameter', name });
      }
      const fromAt = spans.get(s, 'from');
      if (s.from !== undefined && fromAt) {
        if (ids.has(s.from)) add(unquotedSpan(text, fromAt), stepTarget(s.from));
        else {
          const r = resolvePath(s.from);
          if (r?.target) add(unquotedSpan(text, fromAt), r.target);
        }
      }
    }
  }

  for (const site of built.cites) {
    const whole = unquotedSpan(text, site.span);
    const written = text.slice(whole.start, whole.end);
    let from = 0;
    for (const part of splitCites(site.cite)) {
      const target: SymbolTarget = { kind: 'article', cite: part, ...opt('key', resolveCite(part, policy.articles)) };
      const at = written.indexOf(part, from);
      // An escaped or folded cite does not appear as written: the whole value stands for each part.
      if (at < 0) add(whole, target);
      else {
        add({ start: whole.start + at, end: whole.start + at + part.length }, target);
        from = at + part.length;
      }
    }
  }

  const forms: FormSymbol[] = policy.forms.map((f) => {
    const at = spans.get(f, 'template');
    return { id: f.id, template: f.template, ...(at ? { templateSpan: unquotedSpan(text, at) } : {}) };
  });

  const exprs: ExprSymbol[] = [];
  for (const site of built.exprs) {
    const scope = site.compensation ? comps.indexOf(site.compensation) : undefined;
    // The names scopeFor binds besides the parameters are exactly the let names this site sees.
    const letNames = Object.keys(scopeFor(site, new Map(), new Map()).names);
    exprs.push({ site, span: site.scalar.span, lets: letNames, ...(scope !== undefined ? { scope } : {}) });
    const parsed = parseExpression(site.text);
    if (!parsed.expr) continue;
    const toFile = (s: number, e: number) => valueSpanToFile(text, site.scalar, s, e);
    const resolveName = (name: string, elems: Resolved[]): Resolved | undefined => {
      for (let i = elems.length - 1; i >= 0; i--) {
        const t = elems[i]!.ty;
        if (t?.k !== 'rec') continue;
        if (findField(t, name)) return fieldOf(elems[i]!, name);
      }
      if (letNames.includes(name) && scope !== undefined) return { target: { kind: 'let', name, scope }, keys: [], labels: [] };
      if (paramNames.has(name)) return { target: { kind: 'parameter', name }, keys: [], labels: [] };
      return fieldOf(CASE_ROOT(), name);
    };
    const visit = (e: Expr, elems: Resolved[]): Resolved | undefined => {
      switch (e.kind) {
        case 'name': {
          const r = resolveName(e.name, elems);
          if (r?.target) add(toFile(e.start, e.end), r.target);
          return r;
        }
        case 'member': {
          const obj = visit(e.object, elems);
          const r = obj ? fieldOf(obj, e.name) : undefined;
          if (r?.target) add(toFile(e.nameStart, e.nameEnd), r.target);
          return r;
        }
        case 'filter': {
          const list = visit(e.list, elems);
          // The predicate sees the list's element; an element of unknown type hides no name.
          const elem: Resolved = list?.ty?.k === 'list' ? { ...list, ty: list.ty.of } : { ty: UNKNOWN, keys: [], labels: [] };
          visit(e.predicate, [...elems, elem]);
          return list;
        }
        case 'call': {
          const builtin = FUNCTIONS[e.callee];
          if (builtin) add(toFile(e.calleeStart, e.calleeEnd), { kind: 'function', name: e.callee, builtin });
          for (const a of e.args) visit(a, elems);
          return undefined;
        }
        case 'unary':
          visit(e.operand, elems);
          return undefined;
        case 'binary':
          visit(e.left, elems);
          visit(e.right, elems);
          return undefined;
        case 'if':
          visit(e.cond, elems);
          visit(e.then, elems);
          visit(e.else, elems);
          return undefined;
        case 'list':
          for (const i of e.items) visit(i, elems);
          return undefined;
        case 'in':
          visit(e.value, elems);
          visit(e.list, elems);
          return undefined;
        case 'number':
        case 'string':
        case 'bool':
        case 'date':
          return undefined;
      }
    };
    visit(parsed.expr.ast, []);
  }

  occurrences.sort((a, b) => a.start - b.start || a.end - b.end);
  const paramsNode = child(root, 'parameters');
  return {
    text,
    occurrences,
    parameters,
    lets,
    articles,
    steps,
    forms,
    exprs,
    ...(paramsNode ? { parametersSection: paramsNode.span } : {}),
  };
}

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

/** The occurrence under the cursor: one containing it, else one ending right at it. */
export function occurrenceAt(s: PolicySymbols, offset: number): Occurrence | undefined {
  let touching: Occurrence | undefined;
  for (const o of s.occurrences) {
    if (o.start > offset) break;
    if (offset < o.end) return o;
    if (offset === o.end) touching = o;
  }
  return touching;
}

export function sameTarget(a: SymbolTarget, b: SymbolTarget): boolean {
  switch (a.kind) {
    case 'parameter':
      return b.kind === 'parameter' && a.name === b.name;
    case 'let':
      return b.kind === 'let' && a.name === b.name && a.scope === b.scope;
    case 'field':
      return b.kind === 'field' && a.path === b.path;
    case 'function':
      return b.kind === 'function' && a.builtin === b.builtin;
    case 'article':
      return b.kind === 'article' && a.key !== undefined && a.key === b.key;
    case 'step':
      return b.kind === 'step' && a.procedure === b.procedure && a.id === b.id;
  }
}

/** Every place that names the target, its declaration included. */
export function occurrencesOf(s: PolicySymbols, target: SymbolTarget): Occurrence[] {
  return s.occurrences.filter((o) => sameTarget(o.target, target));
}

/** Where the target is declared in the file, if it is declared there (case fields and builtins are not). */
export function definitionOf(s: PolicySymbols, target: SymbolTarget): Span | undefined {
  switch (target.kind) {
    case 'parameter':
    case 'let':
    case 'step':
    case 'article':
      return s.occurrences.find((o) => o.definition && sameTarget(o.target, target));
    case 'field':
    case 'function':
      return undefined;
  }
}
