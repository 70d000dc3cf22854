// Shared by the expression tests: parse-or-fail, an s-expression printer for precedence, and the
// scope/case of the 钦州 example household.
import { readFileSync } from 'node:fs';
import type { Expr } from '../../../dsl/expr/ast.ts';
import type { Parsed } from '../../../dsl/expr/parse.ts';
import { Dec, parseExpression, prepareCase, type RuntimeValue, type ScopeDecl } from '../../../dsl/expr/index.ts';
import type { CaseData } from '../../../dsl/case-model.ts';

export function parsed(text: string): Parsed {
  const r = parseExpression(text);
  if (!r.expr) throw new Error(`${text}: ${JSON.stringify(r.diagnostics)}`);
  return r.expr as Parsed;
}

/** (op a b) with units and spans left out: 1 + 2 * 3 → (+ 1 (* 2 3)). */
export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return (e.den === '1' ? e.num : `${e.num}/${e.den}`) + (e.unit ? `[${e.unit.text}]` : '');
    case 'string':
      return JSON.stringify(e.value);
    case 'bool':
      return String(e.value);
    case 'date':
      return `#${e.value}`;
    case 'name':
      return e.name;
    case 'member':
      return `${sexpr(e.object)}.${e.name}`;
    case 'filter':
      return `${sexpr(e.list)}[${sexpr(e.predicate)}]`;
    case 'call':
      return `${e.callee}(${e.args.map(sexpr).join(', ')})`;
    case 'unary':
      return `(${e.op} ${sexpr(e.operand)})`;
    case 'binary':
      return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'if':
      return `(if ${sexpr(e.cond)} ${sexpr(e.then)} ${sexpr(e.else)})`;
    case 'list':
      return `[${e.items.map(sexpr).join(', ')}]`;
    case 'in':
      return `(in ${sexpr(e.value)} ${sexpr(e.list)})`;
  }
}

export const tree = (text: string): string => sexpr(parsed(text).ast);

export const qinzhouRaw: CaseData = JSON.parse(readFileSync(new URL('../../../examples/household-qinzhou.json', import.meta.url), 'utf8'));

export const qinzhou = prepareCase(qinzhouRaw);

/** The 钦州 compensation parameters (domain.md §5). */
export const qinzhouScope: ScopeDecl = {
  names: {
    流转费: { kind: 'number', unit: '元/亩/年' },
    地力补贴: { kind: 'number', unit: '元/亩/年' },
    补偿年限: { kind: 'number', unit: '年' },
    面积: { kind: 'number', unit: '亩' },
    总面积: { kind: 'number', unit: '亩' },
    赞成: { kind: 'number', unit: '人' },
    应到: { kind: 'number', unit: '人' },
    比例: { kind: 'number', unit: '' },
    公示期: { kind: 'period' },
    备注: { kind: 'string' },
    同意: { kind: 'bool' },
    截止: { kind: 'date' },
  },
  caseFields: true,
};

export const qinzhouNames: Record<string, RuntimeValue> = {
  流转费: new Dec(650),
  地力补贴: new Dec('106.5'),
  补偿年限: new Dec(30),
  面积: new Dec('2.35'),
  总面积: new Dec(5),
  赞成: new Dec(20),
  应到: new Dec(30),
  比例: new Dec('0.5'),
  备注: '无',
  同意: true,
  截止: '2027-12-31',
};
