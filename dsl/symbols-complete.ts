// What an editor offers to complete at a cursor in a policy file: inside an expression the names in
// scope (parameters, let names, case fields by Chinese label and English key, builtin functions),
// a case field's fields after a dot, units after a number; after `cite:` the file's articles, after
// `kind:` the step kinds, after `after:` and `from:` the procedure's step ids, after `period:` and a
// kind's named period (`objections:` under `periods:`) the parameters holding a period. Pure, and
// tolerant of text being typed: the symbol index may be from the last text that was YAML, so YAML
// contexts are read from the line.
import { allCasePaths, resolveCasePath } from './case-paths.ts';
import { FUNCTIONS } from './expr/check.ts';
import { caseRootType, showType, type FieldTy, type Ty } from './expr/types.ts';
import { periodRolesOf, STEP_KINDS } from './steps/index.ts';
import { isFailure, readPeriod } from './legal-text/index.ts';
import { resolvePath, type ExprSymbol, type PolicySymbols } from './symbols.ts';
import { unitWords } from './units.ts';
import { valueOffsetToFile } from './yaml.ts';

export type CompletionKind = 'parameter' | 'let' | 'field' | 'function' | 'unit' | 'article' | 'stepKind' | 'step' | 'path';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
}

/** Items replacing the text [from, to) (the partial word before the cursor). */
export interface Completions {
  from: number;
  to: number;
  items: CompletionItem[];
}

// The expression language's name characters (dsl/expr/tokens.ts Identifier).
const ID = 'A-Za-z_\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
const UNIT_AFTER_NUMBER = new RegExp(`(?:^|[^${ID}0-9.])\\d+(?:\\.\\d+)?\\s*([${ID}/]*)$`);
const MEMBER_CHAIN = new RegExp(`([${ID}][${ID}0-9]*(?:[.．][${ID}][${ID}0-9]*)*)[.．]([${ID}][${ID}0-9]*)?$`);
const PARTIAL_NAME = new RegExp(`[${ID}][${ID}0-9]*$`);
const EXPRESSION_KEYS = new Set(['rule', 'when', 'formula', 'perMu', 'expr']);
/** The names of `periods:` some kind takes (dsl/steps/ PeriodRole): each names a period parameter. */
const PERIOD_ROLES: readonly string[] = [...new Set(STEP_KINDS.flatMap((k) => Object.keys(periodRolesOf(k))))];
const VALUE_KEYS = new RegExp(`(?:^|[\\s{,])(cite|kind|after|period|from|${PERIOD_ROLES.join('|')})\\s*:\\s*([^{}:]*)$`);

export function completionsAt(s: PolicySymbols | undefined, text: string, offset: number): Completions | undefined {
  const fresh = s?.text === text ? s : undefined;
  const site = fresh ? expressionAt(fresh, text, offset) : undefined;
  if (site) return inExpression(s, site.prefix, offset, site.expr);
  const line = lineContext(text, offset);
  if (line.expression) return inExpression(s, line.after, offset);
  const m = VALUE_KEYS.exec(line.before);
  if (!m) return undefined;
  const key = m[1]!;
  const partial = /[^\s[\],，"']*$/.exec(m[2]!)![0];
  const at = { from: offset - partial.length, to: offset };
  if (key === 'period' || PERIOD_ROLES.includes(key)) return { ...at, items: periodParameters(s) };
  switch (key) {
    case 'cite':
      return { ...at, items: (s?.articles ?? []).map((a) => ({ label: a.key, kind: 'article', detail: clip(a.text) })) };
    case 'kind':
      return { ...at, items: STEP_KINDS.map((k) => ({ label: k, kind: 'stepKind' })) };
    case 'after':
      return { ...at, items: stepItems(s, text, offset) };
    case 'from': {
      const inParameters = s?.parametersSection && offset >= s.parametersSection.start && offset <= s.parametersSection.end + 1;
      if (inParameters) return { ...at, items: casePaths((k) => k === 'decimal' || k === 'integer' || k === 'date') };
      return { ...at, items: [...stepItems(s, text, offset), ...casePaths((k) => k === 'date')] };
    }
  }
  return undefined;
}

/** The expression scalar under the cursor and its text before the cursor. */
function expressionAt(s: PolicySymbols, text: string, offset: number): { expr: ExprSymbol; prefix: string } | undefined {
  for (const e of s.exprs) {
    const { start, end } = e.span;
    if (offset < start) continue;
    // A plain scalar ends at its last word: spaces typed after it are still the expression.
    const trailing = offset > end ? text.slice(end, offset) : '';
    if (offset > end && !/^[ \t]+$/.test(trailing)) continue;
    const value = e.site.text;
    let lo = 0;
    let hi = value.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (valueOffsetToFile(text, e.site.scalar, mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { expr: e, prefix: value.slice(0, lo) + trailing };
  }
  return undefined;
}

interface LineContext {
  /** The line up to the cursor. */
  before: string;
  /** The cursor is in the value of an expression key (or of a let entry) on this line. */
  expression: boolean;
  /** The value's text up to the cursor. */
  after: string;
}

function lineContext(text: string, offset: number): LineContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = /^(\s*)(?:-\s+)?([^\s:#][^:#]*?)\s*:\s+(.*)$/.exec(before) ?? /^(\s*)(?:-\s+)?([^\s:#][^:#]*?)\s*:()$/.exec(before);
  if (!m) return { before, expression: false, after: '' };
  const key = m[2]!;
  const isExpr = EXPRESSION_KEYS.has(key) || parentKey(text, lineStart, m[1]!.length) === 'let';
  return { before, expression: isExpr && !/^[|>]/.test(m[3]!), after: m[3]! };
}

/** The key of the mapping entry a line at this indentation belongs to. */
function parentKey(text: string, lineStart: number, indent: number): string | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    const m = /^(\s*)(?:-\s+)?([^\s:#][^:#]*?)\s*:/.exec(line);
    if (!m || /^\s*(#|$)/.test(line)) continue;
    if (m[1]!.length < indent) return m[2];
  }
  return undefined;
}

function inExpression(s: PolicySymbols | undefined, prefix: string, offset: number, site?: ExprSymbol): Completions | undefined {
  // Inside a string literal nothing is completed.
  if ((prefix.match(/"/g)?.length ?? 0) % 2 === 1 || prefix.lastIndexOf('「') > prefix.lastIndexOf('」')) return undefined;
  const unit = UNIT_AFTER_NUMBER.exec(prefix);
  if (unit) {
    const partial = unit[1]!.split('/').pop()!;
    return { from: offset - partial.length, to: offset, items: unitWords.map((u) => ({ label: u, kind: 'unit' })) };
  }
  const member = MEMBER_CHAIN.exec(prefix);
  if (member) {
    const partial = member[2] ?? '';
    const of = resolvePath(member[1]!.replace(/．/g, '.'));
    return { from: offset - partial.length, to: offset, items: of?.ty ? fieldItems(of.ty) : [] };
  }
  const partial = PARTIAL_NAME.exec(prefix)?.[0] ?? '';
  const items: CompletionItem[] = [];
  for (const p of s?.parameters ?? [])
    items.push({ label: p.name, kind: 'parameter', detail: [p.label, p.unit].filter(Boolean).join(' · ') });
  const lets = site ? site.lets : [...new Set(s?.lets.map((l) => l.name) ?? [])];
  for (const name of lets) {
    const l = s?.lets.find((x) => x.name === name && (site?.scope === undefined || x.scope === site.scope));
    items.push({ label: name, kind: 'let', ...(l ? { detail: l.expr } : {}) });
  }
  items.push(...fieldItems(caseRootType()));
  for (const f of Object.keys(FUNCTIONS)) items.push({ label: f, kind: 'function', detail: `${FUNCTIONS[f]}(…)` });
  return { from: offset - partial.length, to: offset, items };
}

/** A record's fields (through lists), each by its Chinese label and by its English key. */
function fieldItems(ty: Ty): CompletionItem[] {
  let t = ty;
  while (t.k === 'list') t = t.of;
  if (t.k !== 'rec') return [];
  return t.fields.flatMap((f: FieldTy) => {
    const type = showType(f.ty);
    const byKey: CompletionItem = { label: f.key, kind: 'field', detail: f.label ? `${f.label} · ${type}` : type };
    return f.label && f.label !== f.key ? [{ label: f.label, kind: 'field' as const, detail: `${f.key} · ${type}` }, byKey] : [byKey];
  });
}

/** The step ids of the procedure the cursor is in (the last text that was YAML decides which). */
function stepItems(s: PolicySymbols | undefined, text: string, offset: number): CompletionItem[] {
  if (!s) return [];
  const here = s.text === text ? s.steps.find((st) => offset >= st.span.start && offset <= st.span.end) : undefined;
  // The nearest step written above the cursor, whatever order the procedures were read in.
  const before = s.steps.reduce<(typeof s.steps)[number] | undefined>(
    (best, st) => (st.span.start <= offset && (!best || st.span.start > best.span.start) ? st : best),
    undefined,
  );
  const procedure = (here ?? before)?.procedure;
  return s.steps
    .filter((st) => st.id && (procedure === undefined || st.procedure === procedure) && st !== here)
    .map((st) => ({ label: st.id, kind: 'step', detail: `${st.kind} · ${st.label}` }));
}

function periodParameters(s: PolicySymbols | undefined): CompletionItem[] {
  return (s?.parameters ?? [])
    .filter((p) => p.value !== undefined && !isFailure(readPeriod(p.value)))
    .map((p) => ({ label: p.name, kind: 'parameter', detail: `${p.value}${p.label ? ` · ${p.label}` : ''}` }));
}

function casePaths(keep: (kind: string) => boolean): CompletionItem[] {
  return allCasePaths().flatMap((p) => {
    const t = resolveCasePath(p);
    if (!t || !keep(t.kind)) return [];
    const labels = resolvePath(p)?.labels.join('.');
    return [{ label: p, kind: 'path' as const, ...(labels ? { detail: labels } : {}) }];
  });
}

function clip(t: string): string {
  const line = t.replace(/\s+/g, ' ');
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
