// Why a piece of legal text could not be read, as data: a code and its arguments. The readers
// never throw and never build a sentence; legalTextMessage makes the error a message (dsl/message.ts)
// for hosts that show it, and the checker puts it in a diagnostic's detail.
import { msg, type Message } from '../message.ts';

/** What was being read when the problem was found. */
export type Reading = 'number' | 'period' | 'threshold' | 'fraction';

export type NumeralCode =
  | 'NUMERAL_CHARS' // not a numeral at all
  | 'NUMERAL_ADJACENT' // 二三: two digits with no unit between them
  | 'NUMERAL_ORDER' // 十百: 十, 百, 千 must decrease
  | 'NUMERAL_UNIT_ALONE' // 一百十, 百: a unit without its digit (only a leading 十 stands alone)
  | 'NUMERAL_ZERO' // 零 where no place is skipped, twice, first or last
  | 'NUMERAL_MISSING_ZERO' // 一千五十: a skipped place needs 零 (一千零五十)
  | 'NUMERAL_AMBIGUOUS' // 一百五: 150 in speech, 105 by the digits; write 一百五十 or 一百零五
  | 'NUMERAL_LIANG'; // 两 stands alone or before 百/千, never for tens or units (两十, 十两)

export type PeriodCode =
  | 'PERIOD_FORM' // not "<number><unit>"
  | 'PERIOD_UNIT' // an unknown unit (周, 小时 …)
  | 'PERIOD_QUALIFIER' // 15 日以内: the qualifier belongs to the step's wording
  | 'PERIOD_HALF_MONTH' // 半个月: no rule of law says how long it is
  | 'PERIOD_NOT_WHOLE' // 3.5 日
  | 'PERIOD_NOT_POSITIVE' // 0 日
  | 'PERIOD_TOO_LONG'; // more than MAX_PERIOD_AMOUNT

export type ThresholdCode =
  | 'THRESHOLD_FORM' // not a share with its bound
  | 'THRESHOLD_NO_BOUND' // 三分之二: neither 以上 nor 超过, so 民法典第一千二百五十九条 cannot say whether it includes the number
  | 'THRESHOLD_CONTRADICTS' // 超过三分之二以上
  | 'THRESHOLD_UPPER_BOUND' // 三分之二以下: a vote passes on a lower bound
  | 'THRESHOLD_RANGE'; // 0, or more than the whole

export type FractionCode = 'FRACTION_FORM' | 'FRACTION_ZERO_DENOMINATOR';

export type LegalTextCode = 'NOT_TEXT' | NumeralCode | PeriodCode | ThresholdCode | FractionCode;

export interface LegalTextError {
  code: LegalTextCode;
  args: {
    reading: Reading;
    /** The whole text as written (trimmed). */
    text: string;
    /** The numeral at fault, for NUMERAL_* codes. */
    numeral?: string;
    /** The word at fault: a unit, a qualifier, a bound. */
    word?: string;
  };
}

export interface LegalTextFailure {
  error: LegalTextError;
}

export function failure(code: LegalTextCode, args: LegalTextError['args']): LegalTextFailure {
  return { error: { code, args } };
}

export const isFailure = <T extends object>(r: T | LegalTextFailure): r is LegalTextFailure => 'error' in r;

/** The longest period accepted (in its own unit): longer ones are typing mistakes, not law. */
export const MAX_PERIOD_AMOUNT = 100_000;

interface MessageDef {
  zh: string;
  en: string;
}

/** Each code's wording; {q} is the text quoted, {numeral} and {word} the part at fault, {reading} what was read. */
export const LEGAL_TEXT_MESSAGES: Record<LegalTextCode, MessageDef> = {
  NOT_TEXT: { zh: '{reading}应为文字', en: '{reading} must be text' },
  NUMERAL_CHARS: { zh: '「{numeral}」不是数字', en: '"{numeral}" is not a number' },
  NUMERAL_ADJACENT: {
    zh: '数字「{numeral}」中两个数字相连，中间缺少十、百、千',
    en: 'the numeral "{numeral}" has two digits in a row, without {=十}, {=百} or {=千} between them',
  },
  NUMERAL_ORDER: {
    zh: '数字「{numeral}」中十、百、千须由大到小',
    en: 'in the numeral "{numeral}", {=千}, {=百} and {=十} must come in decreasing order',
  },
  NUMERAL_UNIT_ALONE: {
    zh: '数字「{numeral}」中的百、千（及非开头的十）前须有数字，如「一百一十」',
    en: 'in the numeral "{numeral}", {=百} and {=千} (and {=十} except at the start) need their digit, e.g. {=一百一十}',
  },
  NUMERAL_ZERO: {
    zh: '数字「{numeral}」中的「零」位置不对（只用于跳过的位数之间，如「一百零五」）',
    en: 'the numeral "{numeral}" has {=零} out of place (it stands only for skipped places, e.g. {=一百零五})',
  },
  NUMERAL_MISSING_ZERO: {
    zh: '数字「{numeral}」跳过了位数，须写「零」，如「一千零五十」',
    en: 'the numeral "{numeral}" skips a place without {=零}, e.g. write {=一千零五十}',
  },
  NUMERAL_AMBIGUOUS: {
    zh: '数字「{numeral}」有歧义（口语中「一百五」为一百五十），请写「一百五十」或「一百零五」',
    en: 'the numeral "{numeral}" is ambiguous (in speech {=一百五} is 150); write {=一百五十} or {=一百零五}',
  },
  NUMERAL_LIANG: {
    zh: '数字「{numeral}」中的「两」只能单用或用于百、千之前，十位和个位用「二」',
    en: 'in the numeral "{numeral}", {=两} stands alone or before {=百}/{=千} only; tens and units use {=二}',
  },
  PERIOD_FORM: { zh: '无法识别的期间', en: 'unrecognised period: {q}' },
  PERIOD_UNIT: {
    zh: '未知的期间单位「{word}」',
    en: 'unknown unit of a period "{word}" in {q} ({=日, 天, 工作日, 个工作日, 月, 个月, 年})',
  },
  PERIOD_QUALIFIER: {
    zh: '期间只写长度，「{word}」属于步骤的表述（以内、届满包括末日，民法典第一千二百五十九条）',
    en: 'a period states its length only: "{word}" in {q} belongs to the step ({=以内} and {=届满} include the last day, Civil Code art. 1259)',
  },
  PERIOD_HALF_MONTH: {
    zh: '「半个月」没有法定的计算方法，请写日数，如「15 日」',
    en: '"{=半个月}" has no statutory length; write the days, e.g. "{=15 日}"',
  },
  PERIOD_NOT_WHOLE: { zh: '期间须为整数', en: 'the amount must be a whole number: {q}' },
  PERIOD_NOT_POSITIVE: { zh: '期间须为正整数', en: 'the amount must be a positive whole number: {q}' },
  PERIOD_TOO_LONG: { zh: '期间过长', en: `period too long: {q} (at most ${MAX_PERIOD_AMOUNT})` },
  THRESHOLD_FORM: { zh: '无法识别的表决比例', en: 'unrecognised threshold: {q}' },
  THRESHOLD_NO_BOUND: {
    zh: '表决比例须写明「以上」（含本数）或「超过」（不含本数），民法典第一千二百五十九条',
    en: 'a threshold must say {=以上} (the number included) or {=超过} (excluded), Civil Code art. 1259: {q}',
  },
  THRESHOLD_CONTRADICTS: {
    zh: '「超过」（不含本数）与「以上」（含本数）不能同用',
    en: '{=超过} (excluding the number) and {=以上} (including it) contradict each other: {q}',
  },
  THRESHOLD_UPPER_BOUND: {
    zh: '「{word}」是上限，表决通过须达到下限（以上、超过）',
    en: '"{word}" is an upper bound; a vote passes on a lower bound ({=以上}, {=超过}): {q}',
  },
  THRESHOLD_RANGE: { zh: '表决比例须大于零且不超过全体', en: 'a threshold must be more than none and at most all: {q}' },
  FRACTION_FORM: { zh: '无法识别的分数', en: 'unrecognised fraction: {q}' },
  FRACTION_ZERO_DENOMINATOR: { zh: '分母不能为零', en: 'the denominator must not be zero: {q}' },
};

/** What was being read, and what it should look like (the examples as written). */
const READING: Record<Reading, { zh: string; en: string; expected: { zh: string; en: string; both: string } }> = {
  number: {
    zh: '数字',
    en: 'number',
    expected: {
      zh: '应如 {=十五, 二十, 一百零五, 一百一十, 15}',
      en: 'e.g. {=十五, 二十, 一百零五, 一百一十, 15}',
      both: '应如 e.g. {=十五, 二十, 一百零五, 一百一十, 15}',
    },
  },
  period: {
    zh: '期间',
    en: 'period',
    expected: {
      zh: '应为 {="3 工作日", "三个工作日", "15 日", "7天", "6 个月", "1 年", "半年"}',
      en: 'expected e.g. {="3 工作日", "三个工作日", "15 日", "7天", "6 个月", "1 年", "半年"}',
      both: '应为 expected e.g. {="3 工作日", "三个工作日", "15 日", "7天", "6 个月", "1 年", "半年"}',
    },
  },
  threshold: {
    zh: '表决比例',
    en: 'threshold',
    expected: {
      zh: '应为 {=三分之二以上, 2/3以上, 过半数, 半数以上, 超过50%, 50%以上, 百分之五十以上}',
      en: 'expected e.g. {=三分之二以上, 2/3以上, 过半数, 半数以上, 超过50%, 50%以上, 百分之五十以上}',
      both: '应为 expected e.g. {=三分之二以上, 2/3以上, 过半数, 半数以上, 超过50%, 50%以上, 百分之五十以上}',
    },
  },
  fraction: {
    zh: '分数',
    en: 'fraction',
    expected: {
      zh: '应如 {=三分之二, 百分之五十, 2/3}',
      en: 'e.g. {=三分之二, 百分之五十, 2/3}',
      both: '应如 e.g. {=三分之二, 百分之五十, 2/3}',
    },
  },
};

const READINGS = Object.keys(READING) as Reading[];

/**
 * The catalogue entries (dsl/messages.ts renders them): a numeral's problem is said within what
 * was being read (期间「十百日」：…), and every message ends with what to write instead.
 */
export const LEGAL_TEXT_MESSAGE_DEFS: readonly { code: string; zh: string; en: string; both?: string }[] = [
  ...Object.entries(LEGAL_TEXT_MESSAGES).map(([code, d]) => ({
    code: `legal.${code}`,
    zh: `{?within:{within}}${d.zh}；{expected}`,
    en: `${d.en}{?within:{within}}; {expected}`,
    both: `{?within:{within.zh}}${d.zh} ${d.en}{?within:{within.en}}; {expected}`,
  })),
  { code: 'legal.within', zh: '{reading}「{text}」：', en: ' (in the {reading} {q})' },
  ...READINGS.flatMap((r) => [
    { code: `legal.reading.${r}`, zh: READING[r].zh, en: READING[r].en },
    { code: `legal.expected.${r}`, ...READING[r].expected },
  ]),
];

/** Why a text could not be read, as a message: 无法识别的期间 unrecognised period: "三周"; 应为 expected e.g. … */
export function legalTextMessage(e: LegalTextError): Message {
  const { reading, text, numeral, word } = e.args;
  const q = JSON.stringify(text);
  const within =
    e.code.startsWith('NUMERAL_') && numeral !== text
      ? msg('legal.within', { reading: msg(`legal.reading.${reading}`), text, q })
      : undefined;
  return msg(`legal.${e.code}`, {
    q,
    numeral,
    word,
    reading: msg(`legal.reading.${reading}`),
    within,
    expected: msg(`legal.expected.${reading}`),
  });
}
