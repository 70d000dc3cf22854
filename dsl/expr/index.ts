// The expression language of landflow policies: parse → check (names, types, units) → compile to
// closures → evaluate against prepared cases. The types it speaks are api.ts's; see SYNTAX.md.

import type { Evaluator, ExprDiagnostic, ParsedExpr, PreparedCase, RuntimeValue, ScopeDecl, ValueType } from './api.ts';
import { analyze } from './check.ts';
import { compileIr, ExprEvalError, type CompileOptions } from './compile.ts';
import { exprMessage } from './messages.ts';
import { renderBoth } from '../messages.ts';
import { msg } from '../message.ts';
import { isParsed, parseExpression } from './parse.ts';
import { prepareCase } from './prepare.ts';
import { parseQuantity } from './quantity.ts';
import { toValueType } from './types.ts';

export type * from './api.ts';
export { parseExpression, prepareCase, parseQuantity, ExprEvalError };
export type { CompileOptions };
export type { QuantityValue } from './quantity.ts';
export { Dec, Fraction, toDec, roundExact, ROUNDING_MODES, type RoundingMode } from './decimal.ts';
export { MESSAGES, MESSAGE_LIST, exprMessage, type MessageDef } from './messages.ts';
export { FUNCTIONS } from './check.ts';
export { editDistance, suggest } from './suggest.ts';
export { parseUnit, canonicalUnit, conversionFactor, sameDimension, unitWord, isUnitWord, unitWords } from '../units.ts';

/** Thrown by compileExpression when the expression does not check: call checkExpression first. */
export class ExprCompileError extends Error {
  constructor(readonly diagnostics: ExprDiagnostic[]) {
    super(diagnostics.map((d) => `${d.code} ${renderBoth(d.message)}`).join('\n'));
    this.name = 'ExprCompileError';
  }
}

function notParsed(): ExprDiagnostic {
  return {
    code: 'E110',
    severity: 'error',
    message: exprMessage('E110', msg('expr.notParsed')),
    start: 0,
    end: 0,
  };
}

/**
 * Names, types and units. `names` lists the scope names (parameters, let values) the expression
 * reads, in order of first use — for unused-parameter checks and let ordering.
 */
export function checkExpression(expr: ParsedExpr, scope: ScopeDecl): { type: ValueType; diagnostics: ExprDiagnostic[]; names: string[] } {
  if (!isParsed(expr)) return { type: { kind: 'unknown' }, diagnostics: [notParsed()], names: [] };
  const a = analyze(expr.ast, scope, expr.text);
  return { type: toValueType(a.ty), diagnostics: a.diagnostics, names: a.names };
}

/** Check and compile in one step, errors returned: the evaluator is present only when there are none. */
export function compileChecked(
  expr: ParsedExpr,
  scope: ScopeDecl,
  options?: CompileOptions,
): { evaluator?: Evaluator; type: ValueType; diagnostics: ExprDiagnostic[]; names: string[] } {
  if (!isParsed(expr)) return { type: { kind: 'unknown' }, diagnostics: [notParsed()], names: [] };
  const a = analyze(expr.ast, scope, expr.text);
  const out = { type: toValueType(a.ty), diagnostics: a.diagnostics, names: a.names };
  if (a.diagnostics.some((d) => d.severity === 'error')) return out;
  return { ...out, evaluator: compileIr(a.ir, options) };
}

/**
 * Compiles a checked expression into a closure tree. Precondition: checkExpression reported no
 * error (else ExprCompileError). The evaluator returns Decimals in canonical units, booleans,
 * strings, dates as "YYYY-MM-DD", lists, or null for missing data; it throws ExprEvalError only
 * for a division by a zero value.
 */
export function compileExpression(expr: ParsedExpr, scope: ScopeDecl, options?: CompileOptions): Evaluator {
  const r = compileChecked(expr, scope, options);
  if (!r.evaluator) throw new ExprCompileError(r.diagnostics);
  return r.evaluator;
}

/** parse + check + compile of a text. */
export function compileSource(
  text: string,
  scope: ScopeDecl,
  options?: CompileOptions,
): { evaluator?: Evaluator; type?: ValueType; diagnostics: ExprDiagnostic[]; names: string[] } {
  const p = parseExpression(text);
  if (!p.expr) return { diagnostics: p.diagnostics, names: [] };
  return compileChecked(p.expr, scope, options);
}

/** Runs an evaluator, returning an evaluation error (E401) as a diagnostic instead of throwing. */
export function tryEvaluate(
  evaluator: Evaluator,
  kase: PreparedCase,
  names: Record<string, RuntimeValue>,
): { value: RuntimeValue } | { error: ExprDiagnostic } {
  try {
    return { value: evaluator(kase, names) };
  } catch (e) {
    if (e instanceof ExprEvalError) return { error: { code: e.code, severity: 'error', message: e.text, start: e.start, end: e.end } };
    throw e;
  }
}
