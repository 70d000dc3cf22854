// The AST of an expression. Every node carries [start, end) offsets into the expression text, and
// the nodes that name something (members, calls, units, operators) also carry the span of that
// word, so a diagnostic can underline exactly the word at fault. Plain JSON-safe data.

export interface Spanned {
  start: number;
  end: number;
}

export interface UnitRef extends Spanned {
  text: string; // as written, spaces removed: "元/亩/年"
  words: { text: string; start: number; end: number }[];
}

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';

export type Expr =
  | NumberNode
  | StringNode
  | BoolNode
  | DateNode
  | NameNode
  | MemberNode
  | FilterNode
  | CallNode
  | UnaryNode
  | BinaryNode
  | IfNode
  | ListNode
  | InNode;

/** A number literal: exact rational num/den (integer strings), with an optional unit. */
export interface NumberNode extends Spanned {
  kind: 'number';
  text: string;
  num: string;
  den: string;
  unit?: UnitRef;
  /** How it was written, for explanations: 50% | 三分之二 | 半年 | plain. */
  form: 'plain' | 'percent' | 'chinese-fraction' | 'half-year';
}

export interface StringNode extends Spanned {
  kind: 'string';
  value: string;
}

export interface BoolNode extends Spanned {
  kind: 'bool';
  value: boolean;
}

export interface DateNode extends Spanned {
  kind: 'date';
  value: string; // YYYY-MM-DD, a real calendar date
}

export interface NameNode extends Spanned {
  kind: 'name';
  name: string;
}

export interface MemberNode extends Spanned {
  kind: 'member';
  object: Expr;
  name: string;
  nameStart: number;
  nameEnd: number;
}

export interface FilterNode extends Spanned {
  kind: 'filter';
  list: Expr;
  predicate: Expr;
}

export interface CallNode extends Spanned {
  kind: 'call';
  callee: string;
  calleeStart: number;
  calleeEnd: number;
  args: Expr[];
}

export interface UnaryNode extends Spanned {
  kind: 'unary';
  op: '-' | '+' | 'not';
  operand: Expr;
}

export interface BinaryNode extends Spanned {
  kind: 'binary';
  op: BinaryOp;
  opText: string; // as written: "以上", "≥", "且"
  opStart: number;
  opEnd: number;
  left: Expr;
  right: Expr;
}

export interface IfNode extends Spanned {
  kind: 'if';
  cond: Expr;
  then: Expr;
  else: Expr;
}

export interface ListNode extends Spanned {
  kind: 'list';
  items: Expr[];
}

export interface InNode extends Spanned {
  kind: 'in';
  value: Expr;
  list: Expr;
  opStart: number;
  opEnd: number;
}
