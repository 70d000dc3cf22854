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
  // Files the command line reads and writes (engine/compare/io.ts): each problem after the file as
  // given (at.problem)
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
    code: 'compare.policyDoesNotCheck',
    zh: '{file}：政策未通过检查（landflow check {file}）',
    en: '{file}: the policy does not check (landflow check {file})',
    both: '{file}: 政策未通过检查 the policy does not check (landflow check {file})',
  },
  {
    code: 'compare.policyTwice',
    zh: '政策重复：{id}',
    en: 'the same policy is given twice: {id}',
    both: '政策重复 the same policy is given twice: {id}',
  },
  // The population evaluator (engine/compare/fast-eval.ts): a mode the policy does not offer, as a
  // refusal reason; a policy with more reasons than a household's 31-bit mask holds.
  // The parameter table's derived rows for the reference household (engine/compare/parameters.ts).
  {
    code: 'compare.perMu',
    zh: '{?mode:[{mode}] }{per} 元/亩{?note:（{note}）}',
    en: '{?mode:[{mode}] }{per} {=元/亩}{?note: ({note})}',
    both: '{?mode:[{mode}] }{per} 元/亩{?note:（{note}）}',
  },
  // A mode's value in the table's mode rows (membership after exit, the next contract round).
  // A parameter the case supplies (from:), by its field's path.
  { code: 'compare.fromCase', zh: '案件：{path}', en: 'the case: {path}', both: '案件 case: {path}' },
  // A vote rule of the table's exit.vote row: {base} and {quorumBase} are VOTE_BASE_LABELS
  // (dsl/policy-model.ts), {threshold} and {when} as the policy writes them.
  {
    code: 'compare.voteRule',
    zh: '{?when:[{when}] }{body}：{base}{threshold}通过{?quorumBase:，出席 {quorumBase}{quorumThreshold}}{?assumed:（假定）}',
    en: '{?when:[{when}] }{body}: passed by {threshold} {base}{?quorumBase:, quorum {quorumThreshold} {quorumBase}}{?assumed: (assumed)}',
  },
  { code: 'compare.modeValue', zh: '{mode}：{value}', en: '{mode}: {value}', both: '{mode}: {value}' },
  // The household the table's computed rows are for (engine/compare/reference.ts), or the caller's.
  {
    code: 'compare.referenceMarket',
    zh: '参考市场：流转费 {rent} 元/亩/年，地力补贴 {subsidy} 元/亩/年，征地补偿标准 {standard} 元/亩，协商价格 {negotiated} 元/亩，片区 {zone}；{area} 亩，书面通知 {notice}，承包期至 {contractEnd}',
    en: 'reference market: rent {rent} {=元/亩/年}, subsidy {subsidy} {=元/亩/年}, acquisition standard {standard} {=元/亩}, negotiated {negotiated} {=元/亩}, zone {zone}; {area} {=亩}, notice {notice}, contract end {contractEnd}',
    both: '参考市场 reference market: 流转费 rent {rent} 元/亩/年, 地力补贴 subsidy {subsidy} 元/亩/年, 征地补偿标准 acquisition standard {standard} 元/亩, 协商价格 negotiated {negotiated} 元/亩, 片区 zone {zone}; {area} 亩, 书面通知 notice {notice}, 承包期至 contract end {contractEnd}',
  },
  {
    code: 'compare.referenceGiven',
    zh: '参考农户：由调用方提供',
    en: 'reference household: given by the caller',
    both: '参考农户 reference household: 由调用方提供 given by the caller',
  },
  { code: 'compare.referenceIneligible', zh: '参考户不符合条件', en: 'the reference household is not eligible' },
  {
    code: 'compare.completeByNotice',
    zh: '{date}（书面通知 {notice}）',
    en: '{date} (written notice {notice})',
    both: '{date}（书面通知 notice {notice}）',
  },
  { code: 'compare.modeNotOfferedLabel', zh: '本政策没有所申请的退出模式', en: 'the policy does not offer the mode asked for' },
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
  // each (chained by text.lines): file:line:column, the field path, what is wrong. `both` keeps
  // the lines printed before.
  {
    code: 'population.specProblem',
    zh: '{at}：{?path:{path}：}{problem}',
    en: '{at}: {?path:{path}: }{problem}',
    both: '{at}: {?path:{path}: }{problem}',
  },
  { code: 'population.notMapping', zh: '人口规格应为映射', en: 'a population spec must be a YAML mapping' },
  // A part of the spec that is no mapping: a place, a household's or a contract's fields; {shape} its keys.
  { code: 'population.mapping', zh: '应为映射：{shape}', en: 'must be a mapping {shape}', both: '应为映射 must be a mapping {shape}' },
  {
    code: 'population.unknownField',
    zh: '未知字段：{field}；可用：{allowed}',
    en: 'unknown field: {field}; allowed: {allowed}',
    both: '未知字段 unknown field: {field}; 可用 allowed: {allowed}',
  },
  // {label}: the field's name, one of population.field.* below.
  {
    code: 'population.missingField',
    zh: '缺少：{field}（{label}）',
    en: 'missing: {field} ({label})',
    both: '缺少 missing: {field} ({label})',
  },
  // The spec's fields by name (engine/compare/population/spec.ts): `both` keeps the lines printed before.
  { code: 'population.field.rentPerMuYear', zh: '当地当年流转费 元/亩/年', en: 'rent {=元/亩/年}', both: '当地当年流转费 rent 元/亩/年' },
  {
    code: 'population.field.subsidyPerMuYear',
    zh: '耕地地力保护补贴 元/亩/年',
    en: 'subsidy {=元/亩/年}',
    both: '耕地地力保护补贴 subsidy 元/亩/年',
  },
  {
    code: 'population.field.acquisitionStandardPerMu',
    zh: '征地补偿标准 元/亩',
    en: 'acquisition standard {=元/亩}',
    both: '征地补偿标准 acquisition standard 元/亩',
  },
  {
    code: 'population.field.landPricePerMu',
    zh: '区片综合地价 元/亩',
    en: 'zone land price {=元/亩}',
    both: '区片综合地价 zone land price 元/亩',
  },
  {
    code: 'population.field.negotiatedPricePerMu',
    zh: '协商价格 元/亩',
    en: 'negotiated price {=元/亩}',
    both: '协商价格 negotiated price 元/亩',
  },
  { code: 'population.field.zone', zh: '片区', en: 'zone' },
  { code: 'population.field.size', zh: '家庭人口', en: 'household size' },
  { code: 'population.field.headAge', zh: '户主年龄', en: 'head age' },
  { code: 'population.field.hukou', zh: '户口', en: 'hukou' },
  { code: 'population.field.nonFarmIncomeShare', zh: '非农收入占比', en: 'non-farm income share' },
  { code: 'population.field.stableNonFarmIncome', zh: '稳定非农收入', en: 'stable non-farm income' },
  { code: 'population.field.urbanHome', zh: '城镇住所', en: 'urban home' },
  { code: 'population.field.socialInsurance', zh: '社会保障', en: 'social insurance' },
  { code: 'population.field.coOwnersConsent', zh: '家庭共有人一致同意', en: 'co-owners consent' },
  { code: 'population.field.count', zh: '地块数', en: 'parcels per household' },
  { code: 'population.field.area', zh: '地块面积 亩', en: 'parcel area {=亩}', both: '地块面积 parcel area 亩' },
  { code: 'population.field.landClass', zh: '地类', en: 'land class' },
  { code: 'population.field.isArable', zh: '是否耕地', en: 'arable' },
  { code: 'population.field.start', zh: '承包期起', en: 'contract start' },
  { code: 'population.field.end', zh: '承包期止', en: 'contract end' },
  { code: 'population.field.whole', zh: '整户退出', en: 'whole-household exit' },
  { code: 'population.field.mode', zh: '退出模式', en: 'exit mode' },
  { code: 'population.field.payer', zh: '支付方', en: 'payer' },
  { code: 'population.field.noticeDate', zh: '书面通知日期', en: 'notice date' },
  // A population's size or seed, in a spec (seed, households) or as simulate's --n and --seed.
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
  // A field's distribution in a population spec (engine/compare/population/distributions.ts), said
  // after the field's path; `both` keeps the lines printed before.
  {
    code: 'dist.choiceMap',
    zh: 'choice 应为“取值: 权重”的映射',
    en: 'choice must map each value to its weight, e.g. { rural: 70, urban: 30 }',
  },
  {
    code: 'dist.badWeight',
    zh: '权重应为非负数：{got}',
    en: 'weight must be a non-negative number: {got}',
    both: '权重应为非负数 weight must be a non-negative number: {got}',
  },
  { code: 'dist.zeroWeights', zh: '权重之和应大于 0', en: 'the weights must add up to more than 0' },
  {
    code: 'dist.valueNumber',
    zh: '取值应为数字：{got}',
    en: 'value must be a number: {got}',
    both: '取值应为数字 value must be a number: {got}',
  },
  {
    code: 'dist.valueBool',
    zh: '取值应为 true 或 false：{got}',
    en: 'value must be true or false: {got}',
    both: '取值应为 true 或 false value must be true or false: {got}',
  },
  {
    code: 'dist.unknownValue',
    zh: '未知取值：{got}；可用：{allowed}',
    en: 'unknown value: {got}; allowed: {allowed}',
    both: '未知取值 unknown value: {got}; 可用 allowed: {allowed}',
  },
  { code: 'dist.wholeNumber', zh: '应为整数：{n}', en: 'must be a whole number: {n}', both: '应为整数 must be a whole number: {n}' },
  { code: 'dist.atLeast', zh: '不应小于 {min}：{n}', en: 'must be at least {min}: {n}', both: '不应小于 must be at least {min}: {n}' },
  { code: 'dist.atMost', zh: '不应大于 {max}：{n}', en: 'must be at most {max}: {n}', both: '不应大于 must be at most {max}: {n}' },
  {
    code: 'dist.missing',
    zh: '缺少分布：应为一个值或 {shapes}',
    en: 'missing distribution: expected a value or one of {shapes}',
    both: '缺少分布 missing distribution: 应为一个值或 expected a value or one of {shapes}',
  },
  {
    code: 'dist.oneShape',
    zh: '分布须且只须有一种：{shapes}{?got:（实为 {got}）}',
    en: 'a distribution needs exactly one of: {shapes}{?got: (got {got})}',
    both: '分布须且只须有一种 a distribution needs exactly one of: {shapes}{?got: (got {got})}',
  },
  { code: 'dist.pOnlyBool', zh: 'p 只用于是否字段', en: 'p (a probability) is only for yes/no fields' },
  {
    code: 'dist.probability',
    zh: '概率应在 0 到 1 之间：{got}',
    en: 'probability must be between 0 and 1: {got}',
    both: '概率应在 0 到 1 之间 probability must be between 0 and 1: {got}',
  },
  { code: 'dist.dateRangeOnlyDate', zh: 'dateRange 只用于日期字段', en: 'dateRange is only for date fields' },
  { code: 'dist.dateRange', zh: 'dateRange 应为 [起, 止] 两个日期', en: 'must be [from, to], two dates in order (YYYY-MM-DD)' },
  { code: 'dist.onlyNumeric', zh: '{shape} 只用于数值字段', en: '{shape} is only for numeric fields' },
  { code: 'dist.number', zh: '{key} 应为数字', en: 'must be a number', both: '{key} 应为数字 must be a number' },
  { code: 'dist.minAboveMax', zh: 'min 大于 max: {lo} > {hi}', en: 'min is above max: {lo} > {hi}', both: 'min 大于 max: {lo} > {hi}' },
  {
    code: 'dist.round',
    zh: 'round 应为正的十进制步长：{got}',
    en: 'must be a positive decimal step such as 0.01, 1 or 100: {got}',
    both: 'round 应为正的十进制步长 must be a positive decimal step such as 0.01, 1 or 100: {got}',
  },
  {
    code: 'dist.needsParams',
    zh: '{shape} 应写参数：{keys}',
    en: '{shape} needs its parameters: {keys}',
    both: '{shape} 应写参数 needs its parameters: {keys}',
  },
  { code: 'dist.uniform', zh: 'uniform 应为 [下限, 上限]', en: 'must be [low, high]' },
  { code: 'dist.normal', zh: 'normal 需要 mean 和非负的 sd', en: 'needs mean and a non-negative sd' },
  { code: 'dist.lognormal', zh: 'lognormal 需要正的 median 和非负的 sigma', en: 'needs a positive median and a non-negative sigma' },
  { code: 'dist.beta', zh: 'beta 需要正的 a 和 b', en: 'needs positive a and b' },
  {
    code: 'dist.by',
    zh: 'by 应为 {fields} 之一（实为 {got}）',
    en: 'must be one of: {fields} (got {got})',
    both: 'by 应为 must be one of: {fields} (got {got})',
  },
  { code: 'dist.besideBy', zh: '未知的键：{key}', en: 'unknown key beside by: {key}', both: '未知的键 unknown key beside by: {key}' },
  { code: 'dist.brackets', zh: 'brackets 应为非空列表', en: 'must be a non-empty list of { below?, p | value }' },
  { code: 'dist.bracketShape', zh: '每一档应为 { below?, p | value }', en: 'each bracket must be { below?, p | value }' },
  {
    code: 'dist.lastBracket',
    zh: '最后一档不写 below（其余所有取值）',
    en: 'the last bracket takes every other value: omit below',
    both: '最后一档不写 below（其余所有取值）the last bracket takes every other value: omit below',
  },
  {
    code: 'dist.belowNumber',
    zh: 'below 应为数字（本档上限，不含）',
    en: "below must be a number (this bracket's exclusive upper bound)",
    both: "below 应为数字（本档上限，不含）below must be a number (this bracket's exclusive upper bound)",
  },
  { code: 'dist.belowIncreasing', zh: 'below 应逐档递增', en: 'below must increase from bracket to bracket' },
  { code: 'dist.pOrValue', zh: '每一档须有 p 或 value 之一', en: 'each bracket needs exactly one of p or value' },
];
