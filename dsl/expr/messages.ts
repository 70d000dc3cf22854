// The code catalogue of the expression language. Codes are stable: tests, waivers and editors key
// on them. E1xx lexing and parsing, E2xx names, E3xx types and units, E4xx evaluation.
// A diagnostic is a message (dsl/message.ts): its code, the detail (what was written, or wording),
// a suggestion and a hint. dsl/messages.ts renders it; in both languages it reads Chinese first,
// then English, then the detail ("未定义的名称 undefined name: 流转废").
import { msg, type Arg, type Message } from '../message.ts';

export interface MessageDef {
  code: string;
  zh: string;
  en: string;
}

export const MESSAGE_LIST: readonly MessageDef[] = [
  { code: 'E101', zh: '无法识别的字符', en: 'unexpected character' },
  { code: 'E102', zh: '字符串缺少结束引号', en: 'unterminated string' },
  { code: 'E103', zh: '无效的日期', en: 'invalid date' },
  { code: 'E104', zh: '无效的中文数字', en: 'invalid Chinese numeral' },
  { code: 'E110', zh: '表达式为空', en: 'empty expression' },
  { code: 'E111', zh: '缺少预期的符号', en: 'expected token missing' },
  { code: 'E112', zh: '此处应为表达式', en: 'expected an expression' },
  { code: 'E113', zh: '此处应有内容', en: 'expected more input' },
  { code: 'E114', zh: '表达式后有多余的内容', en: 'unexpected text after the expression' },
  { code: 'E115', zh: '比较不能连写，请用「且」连接', en: 'comparisons cannot be chained, join them with {=且}/and' },
  { code: 'E116', zh: '表达式嵌套过深', en: 'expression nested too deeply' },

  { code: 'E201', zh: '未定义的名称', en: 'undefined name' },
  { code: 'E202', zh: '未知字段', en: 'unknown field' },
  { code: 'E203', zh: '未知函数', en: 'unknown function' },
  { code: 'E204', zh: '参数个数不对', en: 'wrong number of arguments' },
  { code: 'E205', zh: '未知单位', en: 'unknown unit' },
  { code: 'E206', zh: '案件字段在此处不可用', en: 'case fields are not available here' },

  { code: 'E301', zh: '单位不同，不能相加减', en: 'cannot add or subtract different units' },
  { code: 'E302', zh: '单位不同，不能比较', en: 'cannot compare different units' },
  { code: 'E303', zh: '类型不符', en: 'type mismatch' },
  { code: 'E304', zh: '「如果」两个分支的类型不一致', en: 'the branches of if/else differ' },
  { code: 'E305', zh: '条件必须是真假值', en: 'a condition must be true/false' },
  { code: 'E306', zh: '不是该字段的取值', en: 'not a value of this field' },
  { code: 'E307', zh: '不是记录，不能取字段', en: 'not a record, it has no fields' },
  { code: 'E308', zh: '不是列表', en: 'not a list' },
  { code: 'E309', zh: '日期运算无效', en: 'invalid date arithmetic' },
  { code: 'E310', zh: '取整步长无效', en: 'invalid rounding step' },
  { code: 'E311', zh: '未知的取整方式', en: 'unknown rounding mode' },
  {
    code: 'E312',
    zh: '期间类型不能参与运算，请把参数声明为带单位的数量',
    en: 'a period cannot be computed with; declare the parameter as a quantity with a unit',
  },
  { code: 'E313', zh: '除数为零', en: 'division by zero' },
  { code: 'E314', zh: '列表元素类型不一致', en: 'list items have different types' },

  { code: 'E401', zh: '计算时除数为零', en: 'division by zero during evaluation' },
];

export const MESSAGES: Readonly<Record<string, MessageDef>> = Object.fromEntries(MESSAGE_LIST.map((m) => [m.code, m]));

/** The phrases the details, hints and parse errors are made of. */
const EXPR_PHRASES = [
  { code: 'expr.not', zh: '非', en: 'not' },
  { code: 'expr.operand', zh: '「{op}」 {type}', en: '"{op}" {type}', both: '「{op}」 {type}' },
  { code: 'expr.pair', zh: '{a} / {b}', en: '{a} / {b}', both: '{a} / {b}' },
  { code: 'expr.fnPair', zh: '{fn}: {a} / {b}', en: '{fn}: {a} / {b}', both: '{fn}: {a} / {b}' },
  { code: 'expr.operandUnit', zh: '{text}（{unit}）', en: '{text} ({unit})', both: '{text}（{unit}）' },
  { code: 'expr.binary', zh: '{l} {op} {r}{?why:{why}}', en: '{l} {op} {r}{?why:{why}}', both: '{l} {op} {r}{?why:{why}}' },
  {
    code: 'expr.onlyEquality',
    zh: '（只能比较是否相等）',
    en: ' (only == and != apply)',
    both: '（只能比较是否相等 only == and != apply）',
  },
  {
    code: 'expr.dateArithmetic',
    zh: '{l} {op} {r}（日期只能相减得天数）',
    en: '{l} {op} {r} (only date − date, giving {=日})',
    both: '{l} {op} {r}（日期只能相减得天数 only date − date, giving 日）',
  },
  {
    code: 'expr.keywordSpaces',
    zh: '中文关键字两侧需要空格：「{keyword}」',
    en: 'put spaces around Chinese keywords: "{keyword}"',
    both: '中文关键字两侧需要空格 put spaces around Chinese keywords: 「{keyword}」',
  },
  {
    code: 'expr.unitOf',
    zh: '{word}（{name} 的单位）',
    en: '{word} (the unit of {name})',
    both: '{word}（{name} 的单位 the unit of {name}）',
  },
  {
    code: 'expr.unitAsName',
    zh: '「{name}」是单位，请写在数字后',
    en: '"{name}" is a unit: write it after a number, e.g. 1 {name}',
    both: '「{name}」是单位，请写在数字后 is a unit: write it after a number, e.g. 1 {name}',
  },
  { code: 'expr.nameWithType', zh: '{name}（{type}）', en: '{name} ({type})', both: '{name} ({type})' },
  {
    code: 'expr.expectsNumber',
    zh: '「{what}」需要数，实际为{type}',
    en: '"{what}" expects a number, got {type}',
    both: '「{what}」 需要数 expects a number，实际为 got {type}',
  },
  {
    code: 'expr.expects',
    zh: '{fn} 需要{expected}，实际为{got}',
    en: '{fn} expects {expected}, got {got}',
    both: '{fn} 需要 expects {expected}，实际为 got {got}',
  },
  { code: 'expr.allowed', zh: '{value}，可选：{allowed}', en: '{value}, allowed: {allowed}', both: '{value}，可选 allowed: {allowed}' },
  { code: 'expr.inList', zh: '{x} 属于 {list}', en: '{x} in {list}', both: '{x} 属于 in {list}' },
  {
    code: 'expr.roundStep',
    zh: '步长须为正的有限小数常量',
    en: 'the step must be a positive finite decimal literal, e.g. {=0.01 元}',
    both: '步长须为正的有限小数常量 the step must be a positive finite decimal literal, e.g. 0.01 元',
  },
  { code: 'expr.notParsed', zh: '不是 parseExpression 的结果', en: 'not a parsed expression' },
  { code: 'expr.endOfExpression', zh: '表达式结尾', en: 'end of expression' },
  { code: 'expr.quoted', zh: '「{text}」', en: '"{text}"', both: '「{text}」' },
  { code: 'expr.listOf', zh: '{list}、{next}', en: '{list}, {next}', both: '{list}、{next}' },
  {
    code: 'expr.expectedFound',
    zh: '应为{expected}，实际为{found}',
    en: 'expected {expected}, found {found}',
    both: '应为 expected {expected}，实际为 found {found}',
  },
  { code: 'expr.found', zh: '实际为{found}', en: 'found {found}', both: '实际为 found {found}' },
];

/** The catalogue entries of the codes: the leading words, then the detail, suggestion and hint when given. */
export const EXPR_MESSAGE_DEFS: readonly { code: string; zh: string; en: string; both?: string }[] = [
  ...MESSAGE_LIST.map((m) => ({
    code: m.code,
    zh: `${m.zh}{?detail:：{detail}}{?suggestion:；是否指：{suggestion}}{?hint:（{hint}）}`,
    en: `${m.en}{?detail:: {detail}}{?suggestion:; did you mean: {suggestion}}{?hint: ({hint})}`,
    both: `${m.zh} ${m.en}{?detail:: {detail}}{?suggestion:；是否指 did you mean: {suggestion}}{?hint:（{hint}）}`,
  })),
  ...EXPR_PHRASES,
];

/** 未定义的名称 undefined name: 流转废；是否指 did you mean: 流转费 — as data. */
export function exprMessage(code: string, detail?: Arg, suggestion?: string, hint?: Arg): Message {
  return msg(code, { detail, suggestion, hint });
}
