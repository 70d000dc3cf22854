// The form template checker's findings (engine/documents/check-template.ts), TPL0xx: each reads
// Chinese first, then English, on the command line, and in one language in the editor.
import type { PhraseDef } from '../messages.ts';

export const TEMPLATE_PHRASES: readonly PhraseDef[] = [
  // A template renderForm refuses (engine/documents/index.ts): its findings one a line (text.lines),
  // each where it is (at.problem) with its code; `both` keeps the line printed before.
  {
    code: 'tpl.invalid',
    zh: '模板有错误：\n{problems}',
    en: 'the template has errors:\n{problems}',
    both: '模板有错误 template has errors:\n{problems}',
  },
  { code: 'tpl.coded', zh: '{problem} [{code}]', en: '{problem} [{code}]', both: '{problem} [{code}]' },
  {
    code: 'tpl.syntax',
    zh: '模板语法错误：{detail}',
    en: 'template syntax error: {detail}',
    both: '模板语法错误 template syntax error: {detail}',
  },
  {
    code: 'tpl.dataOutsideLoop',
    zh: '@{head} 只能在 #each/#rows 中使用',
    en: '@{head} is only defined inside #each or #rows',
    both: '@{head} 只能在 #each/#rows 中使用 @{head} is only defined inside #each or #rows',
  },
  {
    code: 'tpl.unknownData',
    zh: '未知数据变量：{name}',
    en: 'unknown data variable: {name}',
    both: '未知数据变量 unknown data variable: {name}',
  },
  {
    code: 'tpl.aboveRoot',
    zh: '"../" 超出模型根：{path}',
    en: '"../" climbs above the model root: {path}',
    both: '"../" 超出模型根 climbs above the model root: {path}',
  },
  {
    code: 'tpl.listNoField',
    zh: '列表没有字段「{part}」：{path}（列表只有 length 和下标）',
    en: 'a list has no field "{part}": {path} (only length and [n])',
    both: '列表没有字段 a list has no field "{part}": {path}（列表只有 length 和下标 only length and [n]）',
  },
  { code: 'tpl.model', zh: '模型', en: 'model' },
  {
    code: 'tpl.unknownField',
    zh: '未知字段：{path}（{of} 的字段：{fields}）{hint}',
    en: 'unknown field: {path} (fields of {of}: {fields}){hint}',
    both: '未知字段 unknown field: {path}（{of} 的字段 fields: {fields}）{hint}',
  },
  {
    code: 'tpl.valueNoField',
    zh: '{path} 是值，没有字段「{part}」',
    en: '{path} is a value and has no field "{part}"',
    both: '{path} 是值，没有字段 is a value and has no field "{part}"',
  },
  {
    code: 'tpl.unknownHelper',
    zh: '未知辅助函数：{name}{hint}',
    en: 'unknown helper: {name}{hint}',
    both: '未知辅助函数 unknown helper: {name}{hint}',
  },
  {
    code: 'tpl.blockHelper',
    zh: '{name} 是块辅助函数，须用 {open}',
    en: '{name} is a block helper: use {usage}',
    both: '{name} 是块辅助函数，须用 {open} is a block helper: use {usage}',
  },
  {
    code: 'tpl.notBlockHelper',
    zh: '{name} 不是块辅助函数，须用 {usage}',
    en: '{name} is not a block helper: use {usage}',
    both: '{name} 不是块辅助函数 is not a block helper: use {usage}',
  },
  {
    code: 'tpl.arity',
    zh: '{name} 需要 {want} 个参数，实有 {got} 个',
    en: '{name} takes {want} argument(s), got {got}',
    both: '{name} 需要 {want} 个参数，实有 {got} 个 takes {want} argument(s), got {got}',
  },
  {
    code: 'tpl.unknownHashKey',
    zh: '{name} 不接受参数「{key}=」{?available:（可用：{available}）}',
    en: '{name} does not take "{key}="{?available: (available: {available})}',
    both: '{name} 不接受参数 does not take "{key}="{?available:（可用 available: {available}）}',
  },
  {
    code: 'tpl.unescaped',
    zh: '禁止不转义输出 {triple} / {amp}：数据须经转义',
    en: 'unescaped output ({triple}, {amp}) is not allowed: data must be escaped',
    both: '禁止不转义输出 {triple} / {amp}：数据须经转义 unescaped output is not allowed: data must be escaped',
  },
  {
    code: 'tpl.unsupportedExpression',
    zh: '不支持的表达式：{type}',
    en: 'unsupported expression: {type}',
    both: '不支持的表达式 unsupported expression: {type}',
  },
  { code: 'tpl.shape.value', zh: '值', en: 'a value' },
  { code: 'tpl.shape.list', zh: '列表', en: 'a list' },
  { code: 'tpl.shape.object', zh: '对象', en: 'an object' },
  {
    code: 'tpl.printShape',
    zh: '不能直接输出{shape}：{path}',
    en: 'cannot print {shape}: {path}',
    both: '不能直接输出{shape.zh} cannot print an object or a list: {path}',
  },
  {
    code: 'tpl.eachNeedsList',
    zh: '#{name} 需要列表，实为{shape}：{path}',
    en: '#{name} needs a list, got {shape}: {path}',
    both: '#{name} 需要列表，实为{shape.zh} needs a list: {path}',
  },
  { code: 'tpl.dynamicPartial', zh: '不支持动态局部模板', en: 'dynamic partials are not supported' },
  {
    code: 'tpl.unknownPartial',
    zh: '未知局部模板：{name}（可用：{available}）',
    en: 'unknown partial: {name} (available: {available})',
    both: '未知局部模板 unknown partial: {name}（可用 available: {available}）',
  },
  { code: 'tpl.partialParams', zh: '局部模板不接受参数', en: 'partials take no arguments' },
  {
    code: 'tpl.unsupportedConstruct',
    zh: '不支持的模板结构：{type}',
    en: 'unsupported template construct: {type}',
    both: '不支持的模板结构 unsupported template construct: {type}',
  },
  { code: 'tpl.inForm', zh: '{finding}（表单「{form}」）', en: '{finding} (form "{form}")', both: '{finding}（表单 form「{form}」）' },
];
