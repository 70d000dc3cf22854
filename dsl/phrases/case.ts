// Why case data may not enter landflow (dsl/case-validate.ts, dsl/case-json-schema.ts,
// dsl/case-id-number.ts, dsl/case-vote.ts): each reads Chinese first, then English on the command
// line and in logs, and in one language in the UI's forms.
import type { PhraseDef } from '../messages.ts';

export const CASE_PHRASES: readonly PhraseDef[] = [
  // The one message for a case that may not enter, wherever it is sent (engine/cases/errors.ts
  // invalidCase, an example of a policy)
  {
    code: 'case.invalid',
    zh: '案件无效，位于 {pointer}：{problem}',
    en: 'invalid case at {pointer}: {problem}',
    both: '案件无效 invalid case at {pointer}: {problem}',
  },
  { code: 'case.invalidFile', zh: '{file}：案件无效', en: '{file}: invalid case', both: '{file}: 案件无效 invalid case' },
  { code: 'case.field', zh: '{label}：{problem}', en: '{label}: {problem}', both: '{label}：{problem}' },
  // The shape (JSON Schema)
  { code: 'case.missing', zh: '缺少必需的字段', en: 'missing required field' },
  { code: 'case.unknownField', zh: '未知字段', en: 'unknown field' },
  {
    code: 'case.wrongType',
    zh: '类型错误：应为 {type}',
    en: 'wrong type: expected {type}',
    both: '类型错误 wrong type: 应为 expected {type}',
  },
  { code: 'case.datePattern', zh: '日期应为 YYYY-MM-DD', en: 'date must be YYYY-MM-DD', both: '日期应为 date must be YYYY-MM-DD' },
  {
    code: 'case.decimalPattern',
    zh: '数值应为十进制文字，如 "1.20"',
    en: 'a decimal must be a string like "1.20"',
    both: '数值应为十进制文字 a decimal must be a string like "1.20"',
  },
  {
    code: 'case.invalidValue',
    zh: '无效的值；允许：{allowed}',
    en: 'invalid value; allowed: {allowed}',
    both: '无效的值 invalid value; 允许 allowed: {allowed}',
  },
  { code: 'case.min', zh: '不能小于 {limit}', en: 'must be at least {limit}', both: '不能小于 must be at least {limit}' },
  { code: 'case.max', zh: '不能大于 {limit}', en: 'must be at most {limit}', both: '不能大于 must be at most {limit}' },
  {
    code: 'case.tooLong',
    zh: '过长：至多 {limit} 字',
    en: 'too long: at most {limit} characters',
    both: '过长 too long: 至多 at most {limit} 字 characters',
  },
  { code: 'case.minItems', zh: '至少须有 {limit} 项', en: 'needs at least {limit} item(s)' },
  { code: 'case.maxItems', zh: '至多 {limit} 项', en: 'at most {limit} items' },
  { code: 'case.schema', zh: '{detail}', en: '{detail}', both: '{detail}' },
  // Field by field
  {
    code: 'case.notRealDate',
    zh: '{text} 不是真实的日期',
    en: '{text} is not a real calendar date (YYYY-MM-DD)',
    both: '{text} 不是真实的日期 is not a real calendar date (YYYY-MM-DD)',
  },
  {
    code: 'case.yearOutside',
    zh: '{text} 不在 {first} 至 {last} 年之间',
    en: '{text} is outside the years {first}–{last}',
    both: '{text} 不在 {first} 至 {last} 年之间 is outside the years {first}–{last}',
  },
  { code: 'case.notDecimal', zh: '{text} 不是十进制数', en: '{text} is not a decimal', both: '{text} 不是十进制数 is not a decimal' },
  {
    code: 'case.moreThan',
    zh: '{text} 应大于 {min}',
    en: '{text} must be more than {min}',
    both: '{text} 应大于 {min} must be more than {min}',
  },
  {
    code: 'case.atLeast',
    zh: '{text} 不能小于 {min}',
    en: '{text} must be at least {min}',
    both: '{text} 不能小于 {min} must be at least {min}',
  },
  {
    code: 'case.atMost',
    zh: '{text} 不能大于 {max}',
    en: '{text} must be at most {max}',
    both: '{text} 不能大于 {max} must be at most {max}',
  },
  {
    code: 'case.places',
    zh: '{text} 至多 {places} 位小数',
    en: '{text} has more than {places} decimal places',
    both: '{text} 至多 {places} 位小数 has more than {places} decimal places',
  },
  // 公民身份号码 (GB 11643-1999)
  { code: 'id.notString', zh: '身份证号码须为字符串', en: 'ID number must be a string' },
  { code: 'id.length', zh: '身份证号码须为18位，实为{n}位', en: 'ID number must have 18 characters, got {n}' },
  { code: 'id.form', zh: '前17位须为数字，末位为数字或X', en: 'ID number must be 17 digits then a digit or X' },
  { code: 'id.lowercaseX', zh: '校验码须为大写X', en: 'ID check character must be a capital X, not x' },
  { code: 'id.province', zh: '地址码省级代码{code}无效', en: 'invalid province code {code} in the address code' },
  { code: 'id.birthDate', zh: '出生日期码{digits}不是真实日期', en: 'birth date {digits} is not a real date' },
  { code: 'id.future', zh: '出生日期{date}晚于今天', en: 'birth date {date} is in the future' },
  { code: 'id.check', zh: '校验码应为{expected}，实为{actual}', en: 'check character should be {expected}, got {actual}' },
  // Across fields
  {
    code: 'case.contractEnd',
    zh: '承包期截止日期 {end} 早于起始日期 {start}',
    en: 'the contract ends before it starts',
    both: '承包期截止日期 {end} 早于起始日期 {start} — the contract ends before it starts',
  },
  {
    code: 'case.parcelTwice',
    zh: '地块名称「{name}」重复（另见 {other}）',
    en: 'two parcels are named {name}; references by name need unique names',
    both: '地块名称「{name}」重复（另见 {other}）— two parcels are named {name}; references by name need unique names',
  },
  {
    code: 'case.notOurParcel',
    zh: '{what}的地块「{name}」不是本户承包的地块',
    en: "{name} is not one of the household's parcels ({parcels})",
    both: "{what.zh}的地块「{name}」不是本户承包的地块 — {name} is not one of the household's parcels ({parcels})",
  },
  { code: 'case.exit', zh: '退出', en: 'exit' },
  { code: 'case.transfer', zh: '转让', en: 'transfer' },
  {
    code: 'case.listedTwice',
    zh: '地块「{name}」列了两次',
    en: '{name} is listed twice',
    both: '地块「{name}」列了两次 — {name} is listed twice',
  },
  { code: 'case.vote', zh: '表决：{problem}', en: 'vote: {problem}', both: '表决：{problem}' },
  {
    code: 'case.termEnd',
    zh: '转让截止日期 {end} 早于起始日期 {start}',
    en: 'the term ends before it starts',
    both: '转让截止日期 {end} 早于起始日期 {start} — the term ends before it starts',
  },
  {
    code: 'case.selfTransfer',
    zh: '受让方户主与转让方户主是同一人',
    en: 'the transferee is the household itself',
    both: '受让方户主与转让方户主是同一人 — the transferee is the household itself',
  },
  {
    code: 'case.headNotMember',
    zh: '户主 {name} 不在家庭成员之中（姓名与身份证号须一致）',
    en: 'the head must be one of the members, with the same name and ID number',
    both: '户主 {name} 不在家庭成员之中（姓名与身份证号须一致）— the head must be one of the members, with the same name and ID number',
  },
  {
    code: 'case.sameIdNumber',
    zh: '身份证号与 {other} 重复',
    en: 'the same ID number as member {index}',
    both: '身份证号与 {other} 重复 — the same ID number as member {index}',
  },
  {
    code: 'case.notHead',
    zh: '{name} 标为户主，但户主是 {head}',
    en: '{name} is marked {=户主} but the head is {head}',
    both: '{name} 标为户主，但户主是 {head} — marked 户主 but the head is {head}',
  },
  {
    code: 'case.sameName',
    zh: '家庭成员姓名「{name}」重复',
    en: 'two members are named {name}',
    both: '家庭成员姓名「{name}」重复 — two members are named {name}',
  },
  // A tally (dsl/case-vote.ts): {counter} is 人 or 户 as the body counts, {who} members, villagers or households
  {
    code: 'vote.notACount',
    zh: '{field} 应为 0 至 {max} 的整数：{value}',
    en: '{field} must be a whole number from 0 to {max}: {value}',
    both: '{field} 应为 0 至 {max} 的整数 must be a whole number from 0 to {max}: {value}',
  },
  {
    code: 'vote.presentOverEntitled',
    zh: '到会 {present} {counter}多于应到 {entitled} {counter}',
    en: 'more {who} present ({present}) than entitled ({entitled})',
    both: '到会 {present} {counter}多于应到 {entitled} {counter} — more {who.en} present ({present}) than entitled ({entitled})',
  },
  {
    code: 'vote.castNotPresent',
    zh: '赞成、反对、弃权合计 {cast} {counter}，与到会 {present} {counter}不符',
    en: 'yes + no + abstain ({yes} + {no} + {abstain} = {cast}) must equal the {who} present ({present})',
    both: '赞成、反对、弃权合计 {cast} {counter}，与到会 {present} {counter}不符 — yes + no + abstain ({yes} + {no} + {abstain} = {cast}) must equal the {who.en} present ({present})',
  },
  {
    code: 'vote.nobodyEntitled',
    zh: '应到 0 {counter}：无人有表决权，表决不成立',
    en: 'nobody is entitled to vote, so nothing can pass',
    both: '应到 0 {counter}：无人有表决权，表决不成立 — nobody is entitled to vote, so nothing can pass',
  },
  // A typed name or short text (dsl/text.ts checkText): a place, a user's name or scope, a note; an
  // empty one is S006 (dsl/messages.ts), as in a policy. text.nonEmpty: a list's entry (engine/run/payload.ts),
  // a stored field (engine/store/validate.ts), a calendar data file's name (engine/calendar/layer.ts).
  { code: 'text.notText', zh: '须为文字（实为 {got}）', en: 'must be text (got {got})', both: '须为文字 must be text (got {got})' },
  { code: 'text.nonEmpty', zh: '应为非空文字', en: 'must be a non-empty string' },
  { code: 'text.loneSurrogate', zh: '含有不成对的代理字符', en: 'holds an unpaired surrogate' },
  { code: 'text.hidden', zh: '含有不可见或控制字符 {cp}', en: 'holds an invisible or control character {cp}' },
  { code: 'text.tooLong', zh: '最多 {max} 个字符，实为 {n}', en: 'at most {max} characters, got {n}' },
];
