// text → ParsedExpr or diagnostics: lexing, parsing and the CST → AST step, with chevrotain's
// errors turned into our codes and Chinese-first messages. Never throws on any input.

import type { ExprDiagnostic, ParsedExpr } from './api.ts';
import type { Message } from '../message.ts';
import type { Expr } from './ast.ts';
import { exprMessage } from './messages.ts';
import { msg } from '../message.ts';
import { parseToCst, type RawSyntaxError } from './parser.ts';
import { cstToAst } from './to-ast.ts';
import { CHINESE_KEYWORDS, CompareOp, Identifier, In } from './tokens.ts';
import { tokenMatcher, type IToken } from 'chevrotain';

/** The parsed form handed around: the text and its AST. */
export interface Parsed extends ParsedExpr {
  readonly ast: Expr;
}

const EXCEPTION_CODES: Record<string, string> = {
  MismatchedTokenException: 'E111',
  NoViableAltException: 'E112',
  EarlyExitException: 'E113',
  NotAllInputParsedException: 'E114',
};

/** A name just before the error that swallowed a Chinese keyword ("面积不超过 3"). */
function swallowedKeyword(tokens: IToken[], e: RawSyntaxError): Message | undefined {
  const before = tokens.filter((t) => t.startOffset < e.start).pop();
  if (!before || before.tokenType !== Identifier) return undefined;
  const kw = CHINESE_KEYWORDS.find((k) => before.image !== k && before.image.indexOf(k) > 0);
  return kw ? msg('expr.keywordSpaces', { keyword: kw }) : undefined;
}

function toDiagnostic(e: RawSyntaxError, tokens: IToken[]): ExprDiagnostic {
  if (e.kind === 'lex') return { code: 'E101', severity: 'error', message: exprMessage('E101', e.detail), start: e.start, end: e.end };
  let code = EXCEPTION_CODES[e.exception ?? ''] ?? 'E112';
  // "a < b < c": the parser stops at the second comparison; say what to write instead.
  if (code === 'E114' && e.token && (tokenMatcher(e.token, CompareOp) || tokenMatcher(e.token, In))) code = 'E115';
  const detail = code === 'E115' ? msg('expr.quoted', { text: e.token!.image }) : e.detail;
  return {
    code,
    severity: 'error',
    message: exprMessage(code, detail, undefined, swallowedKeyword(tokens, e)),
    start: e.start,
    end: e.end,
  };
}

export function parseExpression(text: string): { expr?: Parsed; diagnostics: ExprDiagnostic[] } {
  if (typeof text !== 'string' || text.trim() === '') {
    const len = typeof text === 'string' ? text.length : 0;
    return { diagnostics: [{ code: 'E110', severity: 'error', message: exprMessage('E110'), start: 0, end: len }] };
  }
  const tooDeep = (): { diagnostics: ExprDiagnostic[] } => ({
    diagnostics: [{ code: 'E116', severity: 'error', message: exprMessage('E116', `> ${MAX_DEPTH}`), start: 0, end: text.length }],
  });
  try {
    const { cst, errors, tokens } = parseToCst(text);
    if (!cst) return { diagnostics: errors.map((e) => toDiagnostic(e, tokens)) };
    const { ast, diagnostics } = cstToAst(cst);
    if (diagnostics.length > 0) return { diagnostics };
    // Checking, compiling and evaluating recurse over the tree: bound its depth here, once.
    if (depth(ast) > MAX_DEPTH) return tooDeep();
    return { expr: { text, ast }, diagnostics: [] };
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(); // the parser's own recursion ran out of stack
    throw e;
  }
}

/** Far beyond any legal formula, well within the stack of every later phase. */
export const MAX_DEPTH = 200;

/** The depth of the tree, without recursion (the tree may be deeper than the stack). */
function depth(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    for (const child of children(e)) stack.push([child, d + 1]);
  }
  return max;
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'member':
      return [e.object];
    case 'filter':
      return [e.list, e.predicate];
    case 'call':
      return e.args;
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'if':
      return [e.cond, e.then, e.else];
    case 'list':
      return e.items;
    case 'in':
      return [e.value, e.list];
    default:
      return [];
  }
}

export function isParsed(x: unknown): x is Parsed {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Parsed).text === 'string' &&
    typeof (x as Parsed).ast === 'object' &&
    (x as Parsed).ast !== null
  );
}
