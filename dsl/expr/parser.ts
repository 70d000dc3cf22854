// The grammar (chevrotain CstParser). Precedence, loosest first:
//   如果…则…否则 / if…then…else  <  或 or  <  且 and  <  非 not  <  comparison (one, not chained), 属于 in
//   <  + -  <  * /  <  unary -  <  postfix (.field, [filter], call)  <  primary
// A number directly followed by a name takes it as its unit ("30 年"); "/" after a unit continues
// the unit only when a unit word follows ("650 元/亩/年"), otherwise it divides.

import { CstParser, EOF, type CstNode, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { isUnitWord } from '../units.ts';
import * as T from './tokens.ts';
import { msg, type Arg, type Bilingual, type Message } from '../message.ts';

function show(token: IToken): Message {
  return token.tokenType === EOF ? msg('expr.endOfExpression') : msg('expr.quoted', { text: token.image });
}

/** What a kind of token is called; keywords and signs are shown as written (「如果 if」, 「)」). */
const TOKEN_WORDS: Record<string, Bilingual> = {
  Identifier: { zh: '名称', en: 'name' },
  DateLiteral: { zh: '日期', en: 'date' },
  NumberLiteral: { zh: '数字', en: 'number' },
  ChineseFraction: { zh: '分数', en: 'fraction' },
  StringLiteral: { zh: '字符串', en: 'string' },
  UnterminatedString: { zh: '字符串', en: 'string' },
  CompareOp: { zh: '比较符号', en: 'comparison' },
};

function label(type: TokenType): Arg {
  return TOKEN_WORDS[type.name] ?? type.LABEL ?? type.name;
}

function expectedList(paths: TokenType[][]): Arg {
  const firsts = new Map<string, TokenType>();
  for (const path of paths) if (path[0]) firsts.set(path[0].name, path[0]);
  const words = [...firsts.values()].slice(0, 8).map(label);
  return words.reduce<Arg>((list, w) => (list === undefined ? w : msg('expr.listOf', { list, next: w })), undefined);
}

// chevrotain keeps an error's message as a string: the provider writes the message (dsl/message.ts)
// as JSON, read back into the error's detail by parseToCst.
const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    JSON.stringify(msg('expr.expectedFound', { expected: label(expected), found: show(actual) })),
  buildNotAllInputParsedMessage: ({ firstRedundant }) => JSON.stringify(show(firstRedundant)),
  buildNoViableAltMessage: ({ actual }) => JSON.stringify(msg('expr.found', { found: show(actual[0]!) })),
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    JSON.stringify(msg('expr.expectedFound', { expected: expectedList(expectedIterationPaths), found: show(actual[0]!) })),
};

class ExprParser extends CstParser {
  constructor() {
    super(T.allTokens, { errorMessageProvider, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpr);
  });

  orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.Or, { LABEL: 'ops' });
      this.SUBRULE2(this.andExpr, { LABEL: 'operands' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.And, { LABEL: 'ops' });
      this.SUBRULE2(this.notExpr, { LABEL: 'operands' });
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.additive, { LABEL: 'operands' });
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.CompareOp, { LABEL: 'ops' }) }, { ALT: () => this.CONSUME(T.In, { LABEL: 'ops' }) }]);
      this.SUBRULE2(this.additive, { LABEL: 'operands' });
    });
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus, { LABEL: 'ops' }) }, { ALT: () => this.CONSUME(T.Minus, { LABEL: 'ops' }) }]);
      this.SUBRULE2(this.multiplicative, { LABEL: 'operands' });
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Star, { LABEL: 'ops' }) }, { ALT: () => this.CONSUME(T.Slash, { LABEL: 'ops' }) }]);
      this.SUBRULE2(this.unary, { LABEL: 'operands' });
    });
  });

  unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Minus, { LABEL: 'sign' }) }, { ALT: () => this.CONSUME(T.Plus, { LABEL: 'sign' }) }]);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ]);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            this.CONSUME(T.Identifier, { LABEL: 'member' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            this.SUBRULE(this.expression, { LABEL: 'filter' });
            this.CONSUME(T.RBracket);
          },
        },
      ]);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.CONSUME(T.ChineseFraction) },
      { ALT: () => this.CONSUME(T.HalfYear) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.UnterminatedString) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.listLiteral) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
    ]);
  });

  quantity = this.RULE('quantity', () => {
    this.CONSUME(T.NumberLiteral);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Percent) }, { ALT: () => this.SUBRULE(this.unit) }]);
    });
  });

  unit = this.RULE('unit', () => {
    this.CONSUME(T.Identifier, { LABEL: 'words' });
    this.MANY({
      GATE: () => this.LA(1).tokenType === T.Slash && this.LA(2).tokenType === T.Identifier && isUnitWord(this.LA(2).image),
      DEF: () => {
        this.CONSUME(T.Slash);
        this.CONSUME2(T.Identifier, { LABEL: 'words' });
      },
    });
  });

  ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression, { LABEL: 'cond' });
    this.CONSUME(T.Then);
    this.SUBRULE2(this.expression, { LABEL: 'then' });
    this.CONSUME(T.Else);
    this.SUBRULE3(this.expression, { LABEL: 'else' });
  });

  listLiteral = this.RULE('listLiteral', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: 'items' });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression, { LABEL: 'items' });
      });
    });
    this.CONSUME(T.RBracket);
  });

  nameOrCall = this.RULE('nameOrCall', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.expression, { LABEL: 'args' });
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.expression, { LABEL: 'args' });
        });
      });
      this.CONSUME(T.RParen);
    });
  });
}

/** One parser for the process: chevrotain parsers are reusable by resetting `input`. */
let shared: ExprParser | undefined;

export interface RawSyntaxError {
  kind: 'lex' | 'parse';
  /** chevrotain's exception name for parse errors. */
  exception?: string;
  /** What was found, or what was expected and found instead. */
  detail: Arg;
  token?: IToken;
  start: number;
  end: number;
}

export interface CstResult {
  cst?: CstNode;
  tokens: IToken[];
  errors: RawSyntaxError[];
}

export function parseToCst(text: string): CstResult {
  const lexed = T.ExprLexer.tokenize(text);
  const errors: RawSyntaxError[] = lexed.errors.map((e) => ({
    kind: 'lex',
    detail: msg('expr.quoted', { text: text.substr(e.offset, e.length) }),
    start: e.offset,
    end: e.offset + e.length,
  }));
  if (errors.length > 0) return { tokens: lexed.tokens, errors };
  shared ??= new ExprParser();
  shared.input = lexed.tokens;
  const cst = shared.expression();
  for (const e of shared.errors) {
    const tok = e.token;
    const isEof = tok.tokenType === EOF;
    const start = isEof ? text.length : tok.startOffset;
    errors.push({
      kind: 'parse',
      exception: e.name,
      detail: JSON.parse(e.message) as Message,
      token: tok,
      start,
      end: isEof ? text.length : start + tok.image.length,
    });
  }
  return { cst: errors.length === 0 ? cst : undefined, tokens: lexed.tokens, errors };
}
