// What the research tools say about their input (engine/compare: sweeps, parameter overrides,
// timelines, the files the command line reads): Chinese first, then English, on the command line
// and in the error body's `message`, in one language in the UI. What was written is an argument.
import type { PhraseDef } from '../messages.ts';

export const COMPARE_PHRASES: readonly PhraseDef[] = [
  {
    code: 'compare.badStart',
    zh: '起算日不是有效日期：{start}（应为 YYYY-MM-DD）',
    en: 'start is not a valid date: {start} (expected YYYY-MM-DD)',
    both: '起算日不是有效日期 start is not a valid date: {start} (应为 expected YYYY-MM-DD)',
  },
  // Sweeps (engine/compare/sweep.ts)
  {
    code: 'sweep.form',
    zh: '扫描应写作 目标=起:止:步长，如 market.rentPerMuYear=300:900:100 或 param:compensationYears=20:40:5（实为 {text}）',
    en: 'a sweep is TARGET=FROM:TO:STEP, e.g. market.rentPerMuYear=300:900:100 or param:compensationYears=20:40:5 (got {text})',
    both: '扫描应写作 目标=起:止:步长 a sweep is TARGET=FROM:TO:STEP, e.g. market.rentPerMuYear=300:900:100 or param:compensationYears=20:40:5 (got {text})',
  },
  { code: 'sweep.from', zh: '起', en: 'from' },
  { code: 'sweep.to', zh: '止', en: 'to' },
  { code: 'sweep.step', zh: '步长', en: 'step' },
  {
    code: 'sweep.notDecimal',
    zh: '{what}应为十进制数：{value}',
    en: '{what} must be a decimal number: {value}',
    both: '{what.zh} {what.en} 应为十进制数 must be a decimal number: {value}',
  },
  {
    code: 'sweep.stepPositive',
    zh: '步长应为正数：{step}',
    en: 'the step must be positive: {step}',
    both: '步长应为正数 the step must be positive: {step}',
  },
  {
    code: 'sweep.toBelowFrom',
    zh: '止应不小于起：{range}',
    en: 'TO must not be below FROM: {range}',
    both: '止应不小于起 TO must not be below FROM: {range}',
  },
  {
    code: 'sweep.tooManyPoints',
    zh: '扫描点过多（{count} > {max}），请加大步长',
    en: 'too many points ({count} > {max}): use a larger step',
    both: '扫描点过多 too many points ({count} > {max}): 请加大步长 use a larger step',
  },
  {
    code: 'sweep.paramKey',
    zh: 'param: 后应写参数名或比较键',
    en: 'param: needs a parameter name or compare: key',
  },
  {
    code: 'sweep.noField',
    zh: '案件没有字段 {path}（例如 market.rentPerMuYear、exit.negotiatedPricePerMu）',
    en: 'the case has no field {path} (e.g. market.rentPerMuYear, exit.negotiatedPricePerMu)',
    both: '案件没有字段 the case has no field {path} (例如 e.g. market.rentPerMuYear, exit.negotiatedPricePerMu)',
  },
  {
    code: 'sweep.notNumber',
    zh: '字段 {path} 不是数值',
    en: 'field {path} is not a number field',
    both: '字段 {path} 不是数值 is not a number field',
  },
  {
    code: 'compare.noSweepTarget',
    zh: '没有政策声明参数或比较键 {key}',
    en: 'no policy declares a parameter or compare: key {key}',
    both: '没有政策声明参数或比较键 no policy declares a parameter or compare: key {key}',
  },
  // Files the command line reads and writes (engine/compare/io.ts): {file} as given
  { code: 'compare.fileProblem', zh: '{file}：{problem}', en: '{file}: {problem}', both: '{file}: {problem}' },
  { code: 'compare.isDirectory', zh: '是目录', en: 'is a directory' },
  {
    code: 'compare.cannotRead',
    zh: '无法读取（{code}）',
    en: 'cannot read ({code})',
    both: '无法读取 cannot read ({code})',
  },
  {
    code: 'compare.cannotWriteChart',
    zh: '无法写入图表（{code}）',
    en: 'cannot write the chart ({code})',
    both: '无法写入图表 cannot write the chart ({code})',
  },
  {
    code: 'compare.cannotWriteFile',
    zh: '无法写入文件（{code}）',
    en: 'cannot write the file ({code})',
    both: '无法写入文件 cannot write the file ({code})',
  },
  // Overrides and policy files (engine/compare/overrides.ts, policies.ts)
  {
    code: 'compare.overrideDoesNotFit',
    zh: '{policy}：参数取值无效：{problems}',
    en: '{policy}: the overridden value does not fit: {problems}',
    both: '{policy}: 参数取值无效 the overridden value does not fit: {problems}',
  },
  {
    code: 'compare.overridePeriod',
    zh: '{policy} {name}：{problem}',
    en: '{policy} {name}: {problem}',
    both: '{policy} {name}: {problem}',
  },
  {
    code: 'compare.policyTwice',
    zh: '政策重复：{id}',
    en: 'the same policy is given twice: {id}',
    both: '政策重复 the same policy is given twice: {id}',
  },
  // The population evaluator (engine/compare/fast-eval.ts): a mode the policy does not offer, as a
  // refusal reason; a policy with more reasons than a household's 31-bit mask holds.
  {
    code: 'compare.modeNotOffered',
    zh: '所申请的退出模式不在本政策规定的模式之内（{modes}）',
    en: 'the requested exit mode is not one this policy offers ({modes})',
    both: '所申请的退出模式不在本政策规定的模式之内（{modes}）the requested exit mode is not one this policy offers',
  },
  {
    code: 'compare.tooManyRules',
    zh: '规则过多（{n} > {max}）',
    en: 'too many rules to count ({n} > {max})',
    both: '规则过多 too many rules to count ({n} > {max})',
  },
  // A workbook's body (engine/compare/xlsx.ts checkSheets), each at its JSON pointer
  // A population spec's problems (engine/compare/population/spec.ts PopulationSpecError), one line
  // each: file:line:column, the field path, what is wrong; `rest` chains the further lines.
  // `both` keeps the lines printed before.
  {
    code: 'population.specProblem',
    zh: '{at}：{?path:{path}：}{problem}',
    en: '{at}: {?path:{path}: }{problem}',
    both: '{at}: {?path:{path}: }{problem}',
  },
  { code: 'population.specProblems', zh: '{first}{?rest:\n{rest}}', en: '{first}{?rest:\n{rest}}', both: '{first}{?rest:\n{rest}}' },
  { code: 'population.notMapping', zh: '人口规格应为映射', en: 'a population spec must be a YAML mapping' },
  // A part of the spec that is no mapping: a place, a household's or a contract's fields; {shape} its keys.
  { code: 'population.mapping', zh: '应为映射：{shape}', en: 'must be a mapping {shape}', both: '应为映射 must be a mapping {shape}' },
  {
    code: 'population.unknownField',
    zh: '未知字段：{field}；可用：{allowed}',
    en: 'unknown field: {field}; allowed: {allowed}',
    both: '未知字段 unknown field: {field}; 可用 allowed: {allowed}',
  },
  // {label}: the field's name as the spec's table writes it, Chinese then English.
  {
    code: 'population.missingField',
    zh: '缺少：{field}（{label}）',
    en: 'missing: {field} ({label})',
    both: '缺少 missing: {field} ({label})',
  },
  {
    code: 'population.wholeNumber',
    zh: '{field} 应为 1 至 {max} 的整数：{value}',
    en: '{field} must be a whole number from 1 to {max}: {value}',
    both: '{field} 应为 1 至 {max} 的整数 must be a whole number from 1 to {max}: {value}',
  },
  {
    code: 'population.formatVersion',
    zh: '须写 population: 1（格式版本）',
    en: 'must declare population: 1 (the format version)',
    both: '须写 population: 1（格式版本）must declare population: 1 (the format version)',
  },
  { code: 'population.badId', zh: 'id 应为字母、数字、- 或 _', en: 'id must be letters, digits, - or _' },
  { code: 'population.noName', zh: '缺少名称', en: 'missing name' },
  {
    code: 'population.noPlaces',
    zh: 'places 应为非空列表：{shape}',
    en: 'places must be a non-empty list of {shape}',
    both: 'places 应为非空列表 must be a non-empty list of {shape}',
  },
  { code: 'population.noTown', zh: '缺少镇名', en: 'missing town' },
  {
    code: 'population.badWeight',
    zh: 'weight 应为正数：{value}',
    en: 'weight must be a positive number: {value}',
    both: 'weight 应为正数 must be a positive number: {value}',
  },
  {
    code: 'population.drawnFirst',
    zh: '{field} 不能依赖其他字段（它最先抽取）',
    en: '{field} cannot itself use by: (it is drawn first)',
    both: '{field} 不能依赖其他字段 cannot itself use by: (it is drawn first)',
  },
  { code: 'xlsx.sheets', zh: 'sheets 应为非空数组', en: 'sheets must be a non-empty array' },
  { code: 'xlsx.tooManySheets', zh: '最多 {max} 个工作表', en: 'at most {max} sheets' },
  { code: 'xlsx.sheet', zh: '工作表应为对象', en: 'a sheet must be an object' },
  { code: 'xlsx.name', zh: 'name 应为文字', en: 'name must be a string' },
  { code: 'xlsx.rows', zh: 'rows 应为数组', en: 'rows must be an array' },
  { code: 'xlsx.tooManyRows', zh: '每个工作表最多 {max} 行', en: 'at most {max} rows' },
  { code: 'xlsx.row', zh: '每行应为数组', en: 'a row must be an array' },
  { code: 'xlsx.tooManyColumns', zh: '每行最多 {max} 列', en: 'at most {max} columns' },
  {
    code: 'xlsx.cell',
    zh: '单元格应为文字（不超过 {max} 字）、数字、真假或空',
    en: 'a cell must be text (≤ {max} characters), a number, a boolean or null',
  },
  { code: 'xlsx.tooManyCells', zh: '单元格过多（> {max}）', en: 'too many cells (> {max})', both: '单元格过多 too many cells (> {max})' },
  // A population's per-household export (engine/compare/export.ts)
  {
    code: 'export.extension',
    zh: '{path}：导出文件应以 .csv 或 .parquet 结尾',
    en: '{path}: the export file must end in .csv or .parquet',
    both: '{path}: 导出文件应以 .csv 或 .parquet 结尾 the export file must end in .csv or .parquet',
  },
  {
    code: 'export.cannotWrite',
    zh: '{path}：无法写入导出文件（{code}）',
    en: '{path}: cannot write the export ({code})',
    both: '{path}: 无法写入导出文件 cannot write the export ({code})',
  },
];
