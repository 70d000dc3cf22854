// Names, types and units: AST → checked IR plus diagnostics. Checking goes on after an error (the
// faulty node gets the type `unknown`, which silences follow-on errors), so one pass reports every
// independent mistake, each with the span of the exact word at fault.

import type { Decimal } from 'decimal.js';
import { divDimension, isUnitWord, mulDimension, parseUnit, ratioMul, reduce, unitWord, unitWords } from '../units.ts';
import { msg, type Arg } from '../message.ts';
import type { ExprDiagnostic, ScopeDecl } from './api.ts';
import type { BinaryNode, CallNode, Expr, NumberNode } from './ast.ts';
import { Dec, Fraction, ROUNDING_MODES, ratioValue } from './decimal.ts';
import type { Node } from './ir.ts';
import { exprMessage } from './messages.ts';
import { suggest } from './suggest.ts';
import { CHINESE_KEYWORDS } from './tokens.ts';
import { BOOL, caseRootType, DATE, findField, fromValueType, listOf, num, NUMBER, typeMessage, unify, UNKNOWN, type Ty } from './types.ts';

export interface Analysis {
  ir: Node;
  ty: Ty;
  diagnostics: ExprDiagnostic[];
  /** Scope names (parameters, let values) the expression reads, in order of first use. */
  names: string[];
}

/** Function names authors may write, English and Chinese, → the builtin. */
export const FUNCTIONS: Readonly<Record<string, string>> = {
  sum: 'sum',
  合计: 'sum',
  求和: 'sum',
  count: 'count',
  计数: 'count',
  个数: 'count',
  all: 'all',
  全部: 'all',
  都: 'all',
  any: 'any',
  任一: 'any',
  有一: 'any',
  min: 'min',
  最小: 'min',
  最小值: 'min',
  较小: 'min',
  max: 'max',
  最大: 'max',
  最大值: 'max',
  较大: 'max',
  round: 'round',
  舍入: 'round',
  取整: 'round',
  abs: 'abs',
  绝对值: 'abs',
  exists: 'exists',
  有值: 'exists',
  default: 'default',
  缺省: 'default',
};

const ARITY: Record<string, [number, number]> = {
  sum: [1, 1],
  count: [1, 1],
  all: [1, 1],
  any: [1, 1],
  min: [1, Infinity],
  max: [1, Infinity],
  round: [2, 3],
  abs: [1, 1],
  exists: [1, 1],
  default: [2, 2],
};

const isNum = (t: Ty): t is Ty & { k: 'num' } => t.k === 'num';
const isUnknown = (t: Ty): boolean => t.k === 'unknown';

/** Checks an expression; with its text, a unit clash quotes each operand as written. */
export function analyze(ast: Expr, scope: ScopeDecl, text?: string): Analysis {
  return new Checker(scope, text).run(ast);
}

class Checker {
  private readonly diagnostics: ExprDiagnostic[] = [];
  private readonly used: string[] = [];
  private readonly elems: Ty[] = [];
  private readonly root = caseRootType();
  /** Where each scope name (parameter, let value) is read, for naming the operands of a unit clash. */
  private readonly uses: { name: string; start: number; end: number }[] = [];

  constructor(
    private readonly scope: ScopeDecl,
    private readonly text?: string,
  ) {}

  run(ast: Expr): Analysis {
    const ir = this.check(ast);
    return { ir, ty: ir.ty, diagnostics: this.diagnostics, names: this.used };
  }

  private error(code: string, span: { start: number; end: number }, detail?: Arg, suggestion?: string, hint?: Arg, names?: string[]): void {
    this.diagnostics.push({
      code,
      severity: 'error',
      message: exprMessage(code, detail, suggestion, hint),
      start: span.start,
      end: span.end,
      ...(names?.length ? { names } : {}),
    });
  }

  /** A number operand as a unit clash names it: as written, with its unit ("每亩价格（年）"). */
  private operand(n: Node): Arg {
    const unit = unitWord(n.ty.k === 'num' ? n.ty.unit : '');
    // A literal says its unit itself ("1 元"); anything else is quoted with the unit it has.
    return this.text === undefined || n.t === 'const' ? unit : msg('expr.operandUnit', { text: this.text.slice(n.start, n.end), unit });
  }

  /** The scope names read inside the operands, in order, each once. */
  private namesIn(...operands: Node[]): string[] {
    const out: string[] = [];
    for (const u of this.uses) if (operands.some((o) => u.start >= o.start && u.end <= o.end) && !out.includes(u.name)) out.push(u.name);
    return out;
  }

  private bad(e: { start: number; end: number }): Node {
    return { t: 'const', value: null, ty: UNKNOWN, start: e.start, end: e.end };
  }

  private check(e: Expr): Node {
    switch (e.kind) {
      case 'number':
        return this.number(e);
      case 'string':
        return { t: 'const', value: e.value, ty: { k: 'str' }, start: e.start, end: e.end };
      case 'bool':
        return { t: 'const', value: e.value, ty: BOOL, start: e.start, end: e.end };
      case 'date':
        return { t: 'const', value: e.value, ty: DATE, start: e.start, end: e.end };
      case 'name':
        return this.name(e.name, e);
      case 'member':
        return this.member(e);
      case 'filter':
        return this.filter(e);
      case 'call':
        return this.call(e);
      case 'unary': {
        const x = this.check(e.operand);
        if (isUnknown(x.ty)) return this.bad(e);
        if (e.op === 'not') {
          if (x.ty.k !== 'bool') {
            this.error('E305', e.operand, msg('expr.operand', { op: msg('expr.not'), type: typeMessage(x.ty) }));
            return this.bad(e);
          }
          return { t: 'not', x, ty: BOOL, start: e.start, end: e.end };
        }
        if (!this.expectNumber(x, e.operand, e.op)) return this.bad(e);
        return e.op === '-' ? { t: 'neg', x, ty: x.ty, start: e.start, end: e.end } : x;
      }
      case 'binary':
        return this.binary(e);
      case 'if': {
        const c = this.check(e.cond);
        const a = this.check(e.then);
        const b = this.check(e.else);
        if (!isUnknown(c.ty) && c.ty.k !== 'bool') this.error('E305', e.cond, typeMessage(c.ty));
        const ty = unify(a.ty, b.ty);
        if (!ty) {
          this.error('E304', e.else, msg('expr.pair', { a: this.typeWord(a.ty), b: this.typeWord(b.ty) }));
          return this.bad(e);
        }
        if (isUnknown(c.ty) || c.ty.k !== 'bool') return this.bad(e);
        return { t: 'if', c, a, b, ty, start: e.start, end: e.end };
      }
      case 'list': {
        const items = e.items.map((i) => this.check(i));
        let of: Ty = UNKNOWN;
        for (let i = 0; i < items.length; i++) {
          const next = unify(of, items[i]!.ty);
          if (!next) {
            this.error('E314', e.items[i]!, msg('expr.pair', { a: this.typeWord(of), b: this.typeWord(items[i]!.ty) }));
            return this.bad(e);
          }
          of = next;
        }
        return { t: 'list', items, ty: listOf(of), start: e.start, end: e.end };
      }
      case 'in':
        return this.inList(e);
    }
  }

  /** "元/亩" for numbers (units are what authors compare), the type name otherwise. */
  private typeWord(t: Ty): Arg {
    return t.k === 'num' ? unitWord(t.unit) : typeMessage(t);
  }

  private number(e: NumberNode): Node {
    let q = reduce(BigInt(e.num), BigInt(e.den));
    let ty = NUMBER;
    if (e.unit) {
      const parsed = parseUnit(e.unit.text);
      if ('error' in parsed) {
        const word = e.unit.words.find((w) => !isUnitWord(w.text)) ?? e.unit;
        this.error('E205', word, word.text, suggest(word.text, unitWords), this.keywordHint(word.text, isUnitWord));
        return this.bad(e);
      }
      q = ratioMul(q, parsed.unit.scale);
      ty = num(parsed.unit.dimension);
    }
    return { t: 'const', value: ratioValue(q), ty, start: e.start, end: e.end };
  }

  /** When a name swallowed a Chinese keyword ("面积不超过"), say that keywords need spaces. */
  private keywordHint(word: string, known: (s: string) => boolean): Arg {
    for (const kw of CHINESE_KEYWORDS) {
      const at = word.indexOf(kw);
      if (at < 0 || word === kw) continue;
      const before = word.slice(0, at);
      const after = word.slice(at + kw.length);
      if ((before && known(before)) || (!before && after && known(after))) {
        return msg('expr.keywordSpaces', { keyword: kw });
      }
    }
    return undefined;
  }

  private isKnownName = (name: string): boolean => {
    for (const t of this.elems) if (t.k === 'rec' && findField(t, name)) return true;
    if (Object.prototype.hasOwnProperty.call(this.scope.names, name)) return true;
    return this.scope.caseFields && findField(this.root, name) !== undefined;
  };

  private name(name: string, span: { start: number; end: number }): Node {
    const { start, end } = span;
    for (let i = this.elems.length - 1; i >= 0; i--) {
      const t = this.elems[i]!;
      if (t.k !== 'rec') continue;
      const f = findField(t, name);
      if (f) return { t: 'field', obj: { t: 'elem', depth: i, ty: t, start, end }, key: f.key, through: 0, ty: f.ty, start, end };
    }
    if (Object.prototype.hasOwnProperty.call(this.scope.names, name)) {
      if (!this.used.includes(name)) this.used.push(name);
      this.uses.push({ name, start, end });
      const declared = this.scope.names[name]!;
      if (declared.kind === 'number') {
        const u = parseUnit(declared.unit);
        if ('error' in u) {
          this.error(
            'E205',
            span,
            msg('expr.unitOf', { word: u.word ?? declared.unit, name }),
            u.word ? suggest(u.word, unitWords) : undefined,
          );
          return this.bad(span);
        }
      }
      return { t: 'name', name, ty: fromValueType(declared), start, end };
    }
    const caseField = findField(this.root, name);
    if (caseField && this.scope.caseFields) {
      return caseField.derived
        ? { t: 'derived', key: caseField.key, ty: caseField.ty, start, end }
        : { t: 'case', path: [caseField.key], ty: caseField.ty, start, end };
    }
    if (caseField) {
      this.error('E206', span, name);
      return this.bad(span);
    }
    const candidates: string[] = [];
    for (const t of this.elems) if (t.k === 'rec') for (const f of t.fields) candidates.push(f.key, ...(f.label ? [f.label] : []));
    candidates.push(...Object.keys(this.scope.names));
    if (this.scope.caseFields) for (const f of this.root.fields) candidates.push(f.key, ...(f.label ? [f.label] : []));
    const hint = isUnitWord(name) ? msg('expr.unitAsName', { name }) : this.keywordHint(name, this.isKnownName);
    this.error('E201', span, name, suggest(name, candidates), hint);
    return this.bad(span);
  }

  private member(e: Extract<Expr, { kind: 'member' }>): Node {
    const obj = this.check(e.object);
    if (isUnknown(obj.ty)) return this.bad(e);
    let t = obj.ty;
    let through = 0;
    while (t.k === 'list') {
      t = t.of;
      through++;
    }
    const nameSpan = { start: e.nameStart, end: e.nameEnd };
    if (t.k !== 'rec') {
      this.error('E307', nameSpan, msg('expr.nameWithType', { name: e.name, type: typeMessage(obj.ty) }));
      return this.bad(e);
    }
    const f = findField(t, e.name);
    if (!f) {
      const candidates = t.fields.flatMap((x) => (x.label ? [x.key, x.label] : [x.key]));
      this.error(
        'E202',
        nameSpan,
        e.name,
        suggest(e.name, candidates),
        this.keywordHint(e.name, (s) => findField(t, s) !== undefined),
      );
      return this.bad(e);
    }
    let ty = f.ty;
    for (let i = 0; i < through; i++) ty = listOf(ty);
    if (obj.t === 'case' && through === 0) return { t: 'case', path: [...obj.path, f.key], ty, start: e.start, end: e.end };
    return { t: 'field', obj, key: f.key, through, ty, start: e.start, end: e.end };
  }

  private filter(e: Extract<Expr, { kind: 'filter' }>): Node {
    const list = this.check(e.list);
    if (isUnknown(list.ty)) return this.bad(e);
    if (list.ty.k !== 'list') {
      this.error('E308', e.list, typeMessage(list.ty));
      return this.bad(e);
    }
    const depth = this.elems.length;
    this.elems.push(list.ty.of);
    const pred = this.check(e.predicate);
    this.elems.pop();
    if (isUnknown(pred.ty)) return this.bad(e);
    if (pred.ty.k !== 'bool') {
      this.error('E305', e.predicate, typeMessage(pred.ty));
      return this.bad(e);
    }
    return { t: 'filter', list, pred, depth, ty: list.ty, start: e.start, end: e.end };
  }

  /** Reports E312/E303 unless x is a number; `what` names the operator or function. */
  private expectNumber(x: Node, span: { start: number; end: number }, what: string): x is Node & { ty: { k: 'num' } } {
    if (isNum(x.ty)) return true;
    if (x.ty.k === 'period') this.error('E312', span, what);
    else if (!isUnknown(x.ty)) this.error('E303', span, msg('expr.expectsNumber', { what, type: typeMessage(x.ty) }));
    return false;
  }

  private binary(e: BinaryNode): Node {
    const l = this.check(e.left);
    const r = this.check(e.right);
    const opSpan = { start: e.opStart, end: e.opEnd };
    const span = { start: e.start, end: e.end };
    switch (e.op) {
      case 'and':
      case 'or': {
        let ok = true;
        for (const [x, ast] of [
          [l, e.left],
          [r, e.right],
        ] as const) {
          if (isUnknown(x.ty)) ok = false;
          else if (x.ty.k !== 'bool') {
            this.error('E305', ast, msg('expr.operand', { op: e.opText, type: typeMessage(x.ty) }));
            ok = false;
          }
        }
        return ok ? { t: 'logic', op: e.op, l, r, ty: BOOL, ...span } : this.bad(e);
      }
      case '+':
      case '-': {
        if (isUnknown(l.ty) || isUnknown(r.ty)) return this.bad(e);
        if (l.ty.k === 'date' || r.ty.k === 'date') {
          if (e.op === '-' && l.ty.k === 'date' && r.ty.k === 'date') return { t: 'datediff', l, r, ty: num({ 日: 1 }), ...span };
          this.error('E309', opSpan, msg('expr.dateArithmetic', { l: typeMessage(l.ty), op: e.opText, r: typeMessage(r.ty) }));
          return this.bad(e);
        }
        const okL = this.expectNumber(l, e.left, e.opText);
        const okR = this.expectNumber(r, e.right, e.opText);
        if (!okL || !okR) return this.bad(e);
        if (l.ty.unit !== r.ty.unit) {
          this.error(
            'E301',
            opSpan,
            msg('expr.binary', { l: this.operand(l), op: e.opText, r: this.operand(r) }),
            undefined,
            undefined,
            this.namesIn(l, r),
          );
          return this.bad(e);
        }
        return { t: 'arith', op: e.op, l, r, ty: l.ty, ...span };
      }
      case '*':
      case '/': {
        if (isUnknown(l.ty) || isUnknown(r.ty)) return this.bad(e);
        const okL = this.expectNumber(l, e.left, e.opText);
        const okR = this.expectNumber(r, e.right, e.opText);
        if (!okL || !okR) return this.bad(e);
        if (e.op === '/' && r.t === 'const' && isZero(r.value)) {
          this.error('E313', e.right, e.opText);
          return this.bad(e);
        }
        const dim = e.op === '*' ? mulDimension(l.ty.dim, r.ty.dim) : divDimension(l.ty.dim, r.ty.dim);
        return { t: 'arith', op: e.op, l, r, ty: num(dim), ...span };
      }
      default:
        return this.compare(e, l, r);
    }
  }

  private compare(e: BinaryNode, l0: Node, r0: Node): Node {
    const op = e.op as '<' | '<=' | '>' | '>=' | '==' | '!=';
    const opSpan = { start: e.opStart, end: e.opEnd };
    const span = { start: e.start, end: e.end };
    if (isUnknown(l0.ty) || isUnknown(r0.ty)) return this.bad(e);
    if (l0.ty.k === 'period' || r0.ty.k === 'period') {
      this.error('E312', l0.ty.k === 'period' ? e.left : e.right, e.opText);
      return this.bad(e);
    }
    const ordered = op !== '==' && op !== '!=';
    if (isNum(l0.ty) && isNum(r0.ty)) {
      if (l0.ty.unit !== r0.ty.unit) {
        this.error(
          'E302',
          opSpan,
          msg('expr.binary', { l: this.operand(l0), op: e.opText, r: this.operand(r0) }),
          undefined,
          undefined,
          this.namesIn(l0, r0),
        );
        return this.bad(e);
      }
      return { t: 'cmp', op, mode: 'num', l: l0, r: r0, ty: BOOL, ...span };
    }
    if (l0.ty.k === 'date' && r0.ty.k === 'date') return { t: 'cmp', op, mode: 'ord', l: l0, r: r0, ty: BOOL, ...span };
    if (l0.ty.k === 'str' && r0.ty.k === 'str' && !ordered) {
      const l = this.enumLiteral(r0, l0, e.left) ?? l0;
      const r = this.enumLiteral(l0, r0, e.right) ?? r0;
      if (l === UNMATCHED || r === UNMATCHED) return this.bad(e);
      return { t: 'cmp', op, mode: 'eq', l, r, ty: BOOL, ...span };
    }
    if (l0.ty.k === 'bool' && r0.ty.k === 'bool' && !ordered) return { t: 'cmp', op, mode: 'eq', l: l0, r: r0, ty: BOOL, ...span };
    const why = l0.ty.k === r0.ty.k && ordered ? msg('expr.onlyEquality') : undefined;
    this.error('E303', opSpan, msg('expr.binary', { l: typeMessage(l0.ty), op: e.opText, r: typeMessage(r0.ty), why }));
    return this.bad(e);
  }

  /**
   * A string literal compared with an enum field: its value passes, its Chinese label is mapped to
   * the value ("城镇户口" → "urban"), anything else is E306. undefined when no enum is involved.
   */
  private enumLiteral(other: Node, lit: Node, span: { start: number; end: number }): Node | typeof UNMATCHED | undefined {
    if (other.ty.k !== 'str' || !other.ty.values || lit.t !== 'const' || typeof lit.value !== 'string') return undefined;
    const values = other.ty.values;
    const v = lit.value;
    if (Object.prototype.hasOwnProperty.call(values, v)) return undefined;
    const byLabel = Object.keys(values).find((k) => values[k] === v);
    if (byLabel !== undefined) return { ...lit, value: byLabel, ty: other.ty };
    const allowed = Object.entries(values)
      .map(([k, label]) => (k === label ? k : `${k}（${label}）`))
      .join('、');
    this.error(
      'E306',
      span,
      msg('expr.allowed', { value: `"${v}"`, allowed }),
      suggest(v, [...Object.keys(values), ...Object.values(values)]),
    );
    return UNMATCHED;
  }

  private inList(e: Extract<Expr, { kind: 'in' }>): Node {
    const x = this.check(e.value);
    let list = this.check(e.list);
    const span = { start: e.start, end: e.end };
    if (isUnknown(x.ty) || isUnknown(list.ty)) return this.bad(e);
    if (list.ty.k !== 'list') {
      this.error('E308', e.list, typeMessage(list.ty));
      return this.bad(e);
    }
    if (list.t === 'list' && x.ty.k === 'str' && x.ty.values && e.list.kind === 'list') {
      const items: Node[] = [];
      for (let i = 0; i < list.items.length; i++) {
        const mapped = this.enumLiteral(x, list.items[i]!, e.list.items[i]!);
        if (mapped === UNMATCHED) return this.bad(e);
        items.push(mapped ?? list.items[i]!);
      }
      list = { ...list, items };
    }
    const of = (list.ty as Ty & { k: 'list' }).of;
    if (isUnknown(of)) return { t: 'const', value: false, ty: BOOL, ...span }; // x in []
    const ok = unify(x.ty, of);
    if (!ok || ok.k === 'list' || ok.k === 'rec' || (isNum(x.ty) && isNum(of) && x.ty.unit !== of.unit)) {
      this.error('E303', { start: e.opStart, end: e.opEnd }, msg('expr.inList', { x: this.typeWord(x.ty), list: typeMessage(list.ty) }));
      return this.bad(e);
    }
    return { t: 'in', x, list, mode: isNum(x.ty) ? 'num' : 'eq', ty: BOOL, ...span };
  }

  private call(e: CallNode): Node {
    const calleeSpan = { start: e.calleeStart, end: e.calleeEnd };
    const span = { start: e.start, end: e.end };
    const fn = FUNCTIONS[e.callee];
    const args = e.args.map((a) => this.check(a));
    if (!fn) {
      this.error('E203', calleeSpan, e.callee, suggest(e.callee, Object.keys(FUNCTIONS)));
      return this.bad(e);
    }
    const [lo, hi] = ARITY[fn]!;
    if (args.length < lo || args.length > hi) {
      const want = lo === hi ? `${lo}` : hi === Infinity ? `${lo}+` : `${lo}–${hi}`;
      this.error('E204', calleeSpan, msg('expr.expects', { fn: e.callee, expected: want, got: args.length }));
      return this.bad(e);
    }
    if (args.some((a) => isUnknown(a.ty)) && fn !== 'round') return this.bad(e);
    const list = args[0]!;
    const listArg = (elem: (t: Ty) => boolean, expected: Arg): Ty | undefined => {
      if (list.ty.k === 'list' && (isUnknown(list.ty.of) || elem(list.ty.of))) return list.ty.of;
      this.error(
        list.ty.k === 'list' ? 'E303' : 'E308',
        e.args[0]!,
        msg('expr.expects', { fn: e.callee, expected, got: typeMessage(list.ty) }),
      );
      return undefined;
    };
    switch (fn) {
      case 'sum': {
        const of = listArg(isNum, msg('type.listOfNumbers'));
        if (!of) return this.bad(e);
        return { t: 'agg', fn, list, ty: isUnknown(of) ? NUMBER : of, ...span };
      }
      case 'count':
        return listArg(() => true, msg('type.list')) ? { t: 'agg', fn, list, ty: NUMBER, ...span } : this.bad(e);
      case 'all':
      case 'any':
        return listArg((t) => t.k === 'bool', msg('type.listOfBool')) ? { t: 'agg', fn, list, ty: BOOL, ...span } : this.bad(e);
      case 'min':
      case 'max': {
        if (args.length === 1) {
          const of = listArg(isNum, msg('type.numbersOrList'));
          if (!of) return this.bad(e);
          return { t: 'minmax', fn, args, overList: true, ty: isNum(of) ? of : NUMBER, ...span };
        }
        for (let i = 0; i < args.length; i++) if (!this.expectNumber(args[i]!, e.args[i]!, e.callee)) return this.bad(e);
        const first = args[0]!.ty as Ty & { k: 'num' };
        for (let i = 1; i < args.length; i++) {
          const t = args[i]!.ty as Ty & { k: 'num' };
          if (t.unit !== first.unit) {
            const [a, b] = [args[0]!, args[i]!];
            const detail = msg('expr.fnPair', { fn: e.callee, a: this.operand(a), b: this.operand(b) });
            this.error('E302', e.args[i]!, detail, undefined, undefined, this.namesIn(a, b));
            return this.bad(e);
          }
        }
        return { t: 'minmax', fn, args, overList: false, ty: first, ...span };
      }
      case 'abs':
        return this.expectNumber(list, e.args[0]!, e.callee) ? { t: 'abs', x: list, ty: list.ty, ...span } : this.bad(e);
      case 'exists':
        return { t: 'exists', x: list, ty: BOOL, ...span };
      case 'default': {
        const ty = unify(args[0]!.ty, args[1]!.ty);
        if (!ty) {
          this.error(
            'E303',
            e.args[1]!,
            msg('expr.fnPair', { fn: e.callee, a: this.typeWord(args[0]!.ty), b: this.typeWord(args[1]!.ty) }),
          );
          return this.bad(e);
        }
        return { t: 'default', x: args[0]!, d: args[1]!, ty, ...span };
      }
      case 'round':
        return this.round(e, args);
    }
    return this.bad(e);
  }

  private round(e: CallNode, args: Node[]): Node {
    const [x, step, mode] = args as [Node, Node, Node | undefined];
    const span = { start: e.start, end: e.end };
    let ok = this.expectNumber(x, e.args[0]!, e.callee);
    let stepValue: Decimal | undefined;
    if (step.t !== 'const' || !(step.value instanceof Dec) || !step.value.gt(0)) {
      if (!isUnknown(step.ty)) this.error('E310', e.args[1]!, msg('expr.roundStep'));
      ok = false;
    } else if (ok && isNum(x.ty) && isNum(step.ty) && x.ty.unit !== step.ty.unit) {
      this.error('E310', e.args[1]!, msg('expr.pair', { a: unitWord(x.ty.unit), b: unitWord(step.ty.unit) }));
      ok = false;
    } else stepValue = step.value;
    let roundingMode = ROUNDING_MODES['half-up']!;
    if (mode) {
      const m = mode.t === 'const' && typeof mode.value === 'string' ? ROUNDING_MODES[mode.value] : undefined;
      if (!m) {
        const written = mode.t === 'const' && typeof mode.value === 'string' ? mode.value : undefined;
        this.error(
          'E311',
          e.args[2]!,
          msg('expr.allowed', { value: written ?? typeMessage(mode.ty), allowed: Object.keys(ROUNDING_MODES).join('、') }),
          written === undefined ? undefined : suggest(written, Object.keys(ROUNDING_MODES)),
        );
        ok = false;
      } else roundingMode = m;
    }
    if (!ok || !stepValue) return this.bad(e);
    return { t: 'round', x, step: stepValue, mode: roundingMode, ty: x.ty, ...span };
  }
}

const UNMATCHED = Symbol('unmatched enum literal');

function isZero(v: unknown): boolean {
  if (v instanceof Dec) return v.isZero();
  if (v instanceof Fraction) return v.n.isZero();
  return false;
}
