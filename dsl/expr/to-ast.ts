// CST → AST. The grammar stays in parser.ts; here each rule's children become one AST node with
// its span. Literal problems the grammar cannot see (2026-02-30, 十百分之一, a missing closing
// quote) are reported here, with the literal's span.
import { isRealDate } from '../calendar-date.ts';

import type { CstNode, IToken } from 'chevrotain';
import type { BinaryOp, Expr, NumberNode } from './ast.ts';
import { decimalTextToRatio } from './decimal.ts';
import { reduce } from '../units.ts';
import { isFailure, readFraction } from '../legal-text/index.ts';
import { exprMessage } from './messages.ts';
import type { ExprDiagnostic } from './api.ts';
import * as T from './tokens.ts';

type Child = CstNode | IToken;
type Children = Record<string, Child[] | undefined>;

const kids = (node: CstNode): Children => node.children as Children;
const tok = (c: Children, key: string, i = 0): IToken | undefined => c[key]?.[i] as IToken | undefined;
const sub = (c: Children, key: string, i = 0): CstNode | undefined => c[key]?.[i] as CstNode | undefined;
const endOf = (t: IToken): number => t.startOffset + t.image.length;

const OPS: Record<string, BinaryOp> = {
  Ne: '!=',
  Ge: '>=',
  Le: '<=',
  Eq: '==',
  Lt: '<',
  Gt: '>',
  Plus: '+',
  Minus: '-',
  Star: '*',
  Slash: '/',
};

export function cstToAst(root: CstNode): { ast: Expr; diagnostics: ExprDiagnostic[] } {
  const diagnostics: ExprDiagnostic[] = [];
  const error = (code: string, start: number, end: number, detail?: string): void => {
    diagnostics.push({ code, severity: 'error', message: exprMessage(code, detail), start, end });
  };

  const foldBinary = (c: Children, next: (n: CstNode) => Expr): Expr => {
    const operands = (c['operands'] ?? []) as CstNode[];
    const ops = (c['ops'] ?? []) as IToken[];
    let left = next(operands[0]!);
    for (let i = 0; i < ops.length; i++) {
      const opTok = ops[i]!;
      const right = next(operands[i + 1]!);
      const op: BinaryOp = opTok.tokenType === T.And ? 'and' : opTok.tokenType === T.Or ? 'or' : OPS[opTok.tokenType.name]!;
      left = {
        kind: 'binary',
        op,
        opText: opTok.image,
        opStart: opTok.startOffset,
        opEnd: endOf(opTok),
        left,
        right,
        start: left.start,
        end: right.end,
      };
    }
    return left;
  };

  const expression = (n: CstNode): Expr => orExpr(sub(kids(n), 'orExpr')!);
  const orExpr = (n: CstNode): Expr => foldBinary(kids(n), andExpr);
  const andExpr = (n: CstNode): Expr => foldBinary(kids(n), notExpr);
  const notExpr = (n: CstNode): Expr => {
    const c = kids(n);
    const not = tok(c, 'Not');
    if (not) {
      const operand = notExpr(sub(c, 'notExpr')!);
      return { kind: 'unary', op: 'not', operand, start: not.startOffset, end: operand.end };
    }
    return comparison(sub(c, 'comparison')!);
  };
  const comparison = (n: CstNode): Expr => {
    const c = kids(n);
    const opTok = tok(c, 'ops');
    if (opTok?.tokenType === T.In) {
      const [a, b] = (c['operands'] as CstNode[]).map(additive) as [Expr, Expr];
      return { kind: 'in', value: a, list: b, opStart: opTok.startOffset, opEnd: endOf(opTok), start: a.start, end: b.end };
    }
    return foldBinary(c, additive);
  };
  const additive = (n: CstNode): Expr => foldBinary(kids(n), multiplicative);
  const multiplicative = (n: CstNode): Expr => foldBinary(kids(n), unary);
  const unary = (n: CstNode): Expr => {
    const c = kids(n);
    const sign = tok(c, 'sign');
    if (sign) {
      const operand = unary(sub(c, 'unary')!);
      return { kind: 'unary', op: sign.tokenType === T.Minus ? '-' : '+', operand, start: sign.startOffset, end: operand.end };
    }
    return postfix(sub(c, 'postfix')!);
  };
  const postfix = (n: CstNode): Expr => {
    const c = kids(n);
    let expr = primary(sub(c, 'primary')!);
    // The CST keeps members and filters in separate arrays; their offsets restore the order.
    type Step = { at: number; apply: (e: Expr) => Expr };
    const steps: Step[] = [];
    ((c['member'] ?? []) as IToken[]).forEach((m) => {
      steps.push({
        at: m.startOffset,
        apply: (object) => ({
          kind: 'member',
          object,
          name: m.image,
          nameStart: m.startOffset,
          nameEnd: endOf(m),
          start: object.start,
          end: endOf(m),
        }),
      });
    });
    ((c['filter'] ?? []) as CstNode[]).forEach((f, i) => {
      const open = tok(c, 'LBracket', i)!;
      const close = tok(c, 'RBracket', i)!;
      steps.push({
        at: open.startOffset,
        apply: (list) => ({ kind: 'filter', list, predicate: expression(f), start: list.start, end: endOf(close) }),
      });
    });
    steps.sort((a, b) => a.at - b.at);
    for (const s of steps) expr = s.apply(expr);
    return expr;
  };
  const primary = (n: CstNode): Expr => {
    const c = kids(n);
    if (c['quantity']) return quantity(sub(c, 'quantity')!);
    if (c['ifExpr']) {
      const ic = kids(sub(c, 'ifExpr')!);
      const otherwise = expression(sub(ic, 'else')!);
      return {
        kind: 'if',
        cond: expression(sub(ic, 'cond')!),
        then: expression(sub(ic, 'then')!),
        else: otherwise,
        start: tok(ic, 'If')!.startOffset,
        end: otherwise.end,
      };
    }
    if (c['listLiteral']) {
      const lc = kids(sub(c, 'listLiteral')!);
      const items = ((lc['items'] ?? []) as CstNode[]).map(expression);
      return { kind: 'list', items, start: tok(lc, 'LBracket')!.startOffset, end: endOf(tok(lc, 'RBracket')!) };
    }
    if (c['expression']) {
      const inner = expression(sub(c, 'expression')!);
      return { ...inner, start: tok(c, 'LParen')!.startOffset, end: endOf(tok(c, 'RParen')!) };
    }
    if (c['nameOrCall']) {
      const nc = kids(sub(c, 'nameOrCall')!);
      const id = tok(nc, 'Identifier')!;
      if (tok(nc, 'LParen')) {
        const args = ((nc['args'] ?? []) as CstNode[]).map(expression);
        return {
          kind: 'call',
          callee: id.image,
          calleeStart: id.startOffset,
          calleeEnd: endOf(id),
          args,
          start: id.startOffset,
          end: endOf(tok(nc, 'RParen')!),
        };
      }
      return { kind: 'name', name: id.image, start: id.startOffset, end: endOf(id) };
    }
    const t = Object.values(c)[0]![0] as IToken;
    const start = t.startOffset;
    const end = endOf(t);
    switch (t.tokenType) {
      case T.StringLiteral:
        return { kind: 'string', value: unquote(t.image), start, end };
      case T.UnterminatedString:
        error('E102', start, end, t.image);
        return { kind: 'string', value: t.image.slice(1), start, end };
      case T.DateLiteral:
        if (!isRealDate(t.image)) error('E103', start, end, t.image);
        return { kind: 'date', value: t.image, start, end };
      case T.True:
        return { kind: 'bool', value: true, start, end };
      case T.False:
        return { kind: 'bool', value: false, start, end };
      case T.HalfYear:
        return {
          kind: 'number',
          text: t.image,
          num: '6',
          den: '1',
          unit: { text: '月', start, end, words: [{ text: '月', start, end }] },
          form: 'half-year',
          start,
          end,
        };
      case T.ChineseFraction: {
        const read = readFraction(t.image);
        const f = isFailure(read) ? undefined : read;
        if (!f) error('E104', start, end, t.image);
        const fq = reduce(BigInt(f?.num ?? 0), BigInt(f?.den ?? 1));
        return { kind: 'number', text: t.image, num: fq.n.toString(), den: fq.d.toString(), form: 'chinese-fraction', start, end };
      }
    }
    throw new Error(`unhandled primary token ${t.tokenType.name}`);
  };
  const quantity = (n: CstNode): NumberNode => {
    const c = kids(n);
    const num = tok(c, 'NumberLiteral')!;
    const q = decimalTextToRatio(num.image);
    const percent = tok(c, 'Percent');
    if (percent) {
      const pq = reduce(q.n, q.d * 100n);
      return {
        kind: 'number',
        text: num.image + percent.image,
        num: pq.n.toString(),
        den: pq.d.toString(),
        form: 'percent',
        start: num.startOffset,
        end: endOf(percent),
      };
    }
    const unitNode = sub(c, 'unit');
    if (unitNode) {
      const words = kids(unitNode)['words'] as IToken[];
      const last = words[words.length - 1]!;
      const unit = {
        text: words.map((w) => w.image).join('/'),
        words: words.map((w) => ({ text: w.image, start: w.startOffset, end: endOf(w) })),
        start: words[0]!.startOffset,
        end: endOf(last),
      };
      return {
        kind: 'number',
        text: num.image,
        num: q.n.toString(),
        den: q.d.toString(),
        unit,
        form: 'plain',
        start: num.startOffset,
        end: endOf(last),
      };
    }
    return {
      kind: 'number',
      text: num.image,
      num: q.n.toString(),
      den: q.d.toString(),
      form: 'plain',
      start: num.startOffset,
      end: endOf(num),
    };
  };

  return { ast: expression(root), diagnostics };
}

function unquote(image: string): string {
  if (image.startsWith('"')) return image.slice(1, -1).replace(/\\(.)/g, '$1');
  return image.slice(1, -1);
}
