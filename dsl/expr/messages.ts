// The code catalogue of the expression language. Codes are stable: tests, waivers and editors key
// on them. E1xx lexing and parsing, E2xx names, E3xx types and units, E4xx evaluation.
// Every message reads Chinese first, then English, then the detail ("未定义的名称 undefined name: 流转废").

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
  { code: 'E115', zh: '比较不能连写，请用「且」连接', en: 'comparisons cannot be chained, join them with 且/and' },
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

/** "未定义的名称 undefined name: 流转废；是否指 did you mean: 流转费". */
export function formatMessage(code: string, detail?: string, suggestion?: string, hint?: string): string {
  const def = MESSAGES[code];
  let text = def ? `${def.zh} ${def.en}` : code;
  if (detail !== undefined && detail !== '') text += `: ${detail}`;
  if (suggestion) text += `；是否指 did you mean: ${suggestion}`;
  if (hint) text += `（${hint}）`;
  return text;
}
