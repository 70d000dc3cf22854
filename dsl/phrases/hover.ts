// What an editor shows when the pointer rests on a name (dsl/symbols-describe.ts): each line of a
// hover, in Markdown. The language server prints both languages (`both`, the lines as it always
// wrote them); a reader of one language gets that language. Names, paths, labels, values and
// article text are arguments: content, shown as written.
import type { PhraseDef } from '../messages.ts';

export const HOVER_PHRASES: readonly PhraseDef[] = [
  { code: 'hover.parameter', zh: '**{name}** · 参数', en: '**{name}** · parameter', both: '**{name}** · 参数 parameter' },
  { code: 'hover.unit', zh: '- 单位：{unit}', en: '- unit: {unit}', both: '- 单位 unit: {unit}' },
  { code: 'hover.value', zh: '- 取值：{value}', en: '- value: {value}', both: '- 取值 value: {value}' },
  {
    code: 'hover.fromCase',
    zh: '- 来自案件：`{path}`{?labels:（{labels}）}',
    en: '- from the case: `{path}`{?labels: ({labels})}',
    both: '- 来自案件 from the case: `{path}`{?labels:（{labels}）}',
  },
  { code: 'hover.cite', zh: '- 依据：{cite}', en: '- cite: {cite}', both: '- 依据 cite: {cite}' },
  {
    code: 'hover.let',
    zh: '**{name}** · 中间量（{procedure}{?mode: · {mode}}）',
    en: '**{name}** · let ({procedure}{?mode: · {mode}})',
    both: '**{name}** · 中间量 let ({procedure}{?mode: · {mode}})',
  },
  {
    code: 'hover.function',
    zh: '**{name}** · 内置函数 `{builtin}`',
    en: '**{name}** · builtin function `{builtin}`',
    both: '**{name}** · 内置函数 builtin function `{builtin}`',
  },
  { code: 'hover.aliases', zh: '同义：{aliases}', en: 'also written: {aliases}', both: '同义 also written: {aliases}' },
  {
    code: 'hover.articleMissing',
    zh: '**{cite}** · 条文不在本文件的 articles 中',
    en: "**{cite}** · not among the file's articles",
    both: "**{cite}** · 条文不在本文件的 articles 中 / not among the file's articles",
  },
  // A cite resolved to another key names the key it resolved to.
  { code: 'hover.article', zh: '**{cite}**{?key: → {key}}', en: '**{cite}**{?key: → {key}}', both: '**{cite}**{?key: → {key}}' },
  { code: 'hover.articleKey', zh: '{key}：', en: '{key}:', both: '{key}：' },
  { code: 'hover.quote', zh: '> {line}', en: '> {line}', both: '> {line}' },
  {
    code: 'hover.step',
    zh: '**{id}** · 步骤（{procedure}）',
    en: '**{id}** · step ({procedure})',
    both: '**{id}** · 步骤 step ({procedure})',
  },
  { code: 'hover.stepKind', zh: '- 类型：`{kind}`', en: '- kind: `{kind}`', both: '- 类型 kind: `{kind}`' },
  { code: 'hover.item', zh: '- {text}', en: '- {text}', both: '- {text}' },
  {
    code: 'hover.field',
    zh: '**{labels}** · 案件字段 `{path}`',
    en: '**{labels}** · case field `{path}`',
    both: '**{labels}** · 案件字段 case field `{path}`',
  },
  { code: 'hover.type', zh: '- 类型：{type}', en: '- type: {type}', both: '- 类型 type: {type}' },
  { code: 'hover.values', zh: '- 取值：{values}', en: '- values: {values}', both: '- 取值 values: {values}' },
  // An enumeration's value and its label, both as the case model writes them.
  { code: 'hover.enumValue', zh: '{key}（{label}）', en: '{key} ({label})', both: '{key}（{label}）' },
  // What a derived collection of dsl/case-schema.ts holds; the language server has always said it in English only.
  {
    code: 'hover.derived.exitParcels',
    zh: '名称列于 exit.parcels 的地块',
    en: 'parcels whose names are listed in exit.parcels',
    both: 'parcels whose names are listed in exit.parcels',
  },
  {
    code: 'hover.derived.transferParcels',
    zh: '名称列于 transfer.parcels 的地块',
    en: 'parcels whose names are listed in transfer.parcels',
    both: 'parcels whose names are listed in transfer.parcels',
  },
  {
    code: 'hover.derived.coOwners',
    zh: 'coOwner = true 的家庭成员',
    en: 'household members with coOwner = true',
    both: 'household members with coOwner = true',
  },
];
