// Tokens of the expression language. Chinese keywords are whole tokens only when they stand apart:
// every keyword has Identifier as its longer alternative, so 非农收入占比 stays one name while
// `非 户.进城落户` negates. Authors separate Chinese keywords from Chinese names with spaces.

import { createToken, Lexer, type TokenType } from 'chevrotain';

const ID_CHARS = 'A-Za-z_\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u3000]+/, group: Lexer.SKIPPED });

export const Identifier = createToken({
  name: 'Identifier',
  label: '名称 name',
  pattern: new RegExp(`[${ID_CHARS}][${ID_CHARS}0-9]*`),
});

const keyword = (name: string, label: string, pattern: RegExp, categories?: TokenType[]): TokenType =>
  createToken({ name, label, pattern, longer_alt: Identifier, ...(categories ? { categories } : {}) });

export const DateLiteral = createToken({ name: 'DateLiteral', label: '日期 date', pattern: /\d{4}-\d{2}-\d{2}/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', label: '数字 number', pattern: /\d+(?:\.\d+)?/ });
export const Percent = createToken({ name: 'Percent', label: '「%」', pattern: /[%％]/ });
export const ChineseFraction = keyword(
  'ChineseFraction',
  '分数 fraction',
  /[零〇一二两三四五六七八九十百千]+分之[零〇一二两三四五六七八九十百千]+/,
);
export const HalfYear = keyword('HalfYear', '「半年」', /半年/);

export const StringLiteral = createToken({
  name: 'StringLiteral',
  label: '字符串 string',
  pattern: /"(?:[^"\\\r\n]|\\.)*"|「[^」]*」|“[^”]*”/,
});
/** Matched only when the closing quote is missing, so that the error names the string. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  label: '字符串 string',
  pattern: /"(?:[^"\\\r\n]|\\.)*|「[^」]*|“[^”]*/,
});

export const If = keyword('If', '「如果 if」', /如果|if/);
export const Then = keyword('Then', '「则 then」', /那么|则|then/);
export const Else = keyword('Else', '「否则 else」', /否则|else/);
export const And = keyword('And', '「且 and」', /并且|且|and/);
export const Or = keyword('Or', '「或 or」', /或者|或|or/);
export const Not = keyword('Not', '「非 not」', /非|not/);
export const True = keyword('True', '「真 true」', /真|true/);
export const False = keyword('False', '「假 false」', /假|false/);
export const In = keyword('In', '「属于 in」', /属于|in/);

/** Comparison operators; 民法典 第一千二百五十九条: 以上/以下 include the number, 不满/超过 exclude it. */
export const CompareOp = createToken({ name: 'CompareOp', label: '比较符号 comparison', pattern: Lexer.NA });
export const Ne = keyword('Ne', '「!=」', /!=|≠|不等于/, [CompareOp]);
export const Ge = keyword('Ge', '「>=」', />=|≥|以上|不少于|不低于/, [CompareOp]);
export const Le = keyword('Le', '「<=」', /<=|≤|以下|不超过|不高于/, [CompareOp]);
export const Eq = keyword('Eq', '「==」', /==|=|等于/, [CompareOp]);
export const Lt = keyword('Lt', '「<」', /<|不满|不足|低于|少于/, [CompareOp]);
export const Gt = keyword('Gt', '「>」', />|超过|高于|多于/, [CompareOp]);

export const LParen = createToken({ name: 'LParen', label: '「(」', pattern: /[(（]/ });
export const RParen = createToken({ name: 'RParen', label: '「)」', pattern: /[)）]/ });
export const LBracket = createToken({ name: 'LBracket', label: '「[」', pattern: /[[［]/ });
export const RBracket = createToken({ name: 'RBracket', label: '「]」', pattern: /[\]］]/ });
export const Comma = createToken({ name: 'Comma', label: '「,」', pattern: /[,，、]/ });
export const Dot = createToken({ name: 'Dot', label: '「.」', pattern: /[.．]/ });
export const Plus = createToken({ name: 'Plus', label: '「+」', pattern: /[+＋]/ });
export const Minus = createToken({ name: 'Minus', label: '「-」', pattern: /[-−－]/ });
export const Star = createToken({ name: 'Star', label: '「*」', pattern: /[*×＊]/ });
export const Slash = createToken({ name: 'Slash', label: '「/」', pattern: /[/÷／]/ });

/** Order matters: the first pattern that matches wins, unless its longer alternative matches more. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  DateLiteral,
  NumberLiteral,
  Percent,
  ChineseFraction,
  HalfYear,
  StringLiteral,
  UnterminatedString,
  If,
  Then,
  Else,
  And,
  Or,
  Not,
  True,
  False,
  In,
  CompareOp,
  Ne,
  Ge,
  Le,
  Eq,
  Lt,
  Gt,
  Identifier,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  Plus,
  Minus,
  Star,
  Slash,
];

/** Chinese keyword spellings, to explain a name that swallowed one ("面积不超过"). */
export const CHINESE_KEYWORDS = [
  '如果',
  '那么',
  '否则',
  '并且',
  '或者',
  '属于',
  '不等于',
  '以上',
  '不少于',
  '不低于',
  '以下',
  '不超过',
  '不高于',
  '等于',
  '不满',
  '不足',
  '低于',
  '少于',
  '超过',
  '高于',
  '多于',
  '且',
  '或',
  '非',
  '则',
];

export const ExprLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });
