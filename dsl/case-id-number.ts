// 公民身份号码 (GB 11643-1999, docs/case-model.md): 6-digit 地址码, 8-digit 出生日期码, 3-digit
// 顺序码 (odd → male), 1 校验码 by ISO 7064 MOD 11-2. Pure: case validation, the document model
// and the browser form all ask this module.
//
// Only the capital X the standard prints is accepted: a lowercase x is refused with a reason that
// says so, because an ID copied into a contract must match the card character for character.
// The 地址码 is checked only for a plausible province prefix (GB/T 2260 first two digits); the
// full county list changes yearly and is not this module's job.
import { isRealDate } from './calendar-date.ts';
import { msg, type Message } from './message.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/** GB/T 2260 province-level prefixes, plus 81/82/83 used by 港澳台居民居住证. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export type IdCheck = { ok: true; birthDate: string; sex: 'male' | 'female' } | { ok: false; reason: Message };

/** The check character for a 17-digit body: Σ(a_i × W_i) mod 11 mapped through 1 0 X 9 8 7 6 5 4 3 2. */
export function idCheckDigit(body17: string): string {
  // Its callers pass 17 digits they have checked or drawn themselves: a programmer's error, never a user's.
  if (!/^\d{17}$/.test(body17)) throw new RangeError(`internal: an ID number's body must be 17 digits: ${JSON.stringify(body17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates an 18-character 公民身份号码. `today` (YYYY-MM-DD), when given, also refuses birth
 * dates after it; the clock is never read here.
 */
export function validateIdNumber(s: unknown, options: { today?: string } = {}): IdCheck {
  if (typeof s !== 'string') return { ok: false, reason: msg('id.notString') };
  if (s.length !== 18) {
    return { ok: false, reason: msg('id.length', { n: s.length }) };
  }
  if (!/^\d{17}[\dXx]$/.test(s)) return { ok: false, reason: msg('id.form') };
  if (s[17] === 'x') return { ok: false, reason: msg('id.lowercaseX') };
  if (!PROVINCES.has(s.slice(0, 2))) {
    return { ok: false, reason: msg('id.province', { code: s.slice(0, 2) }) };
  }
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (Number(s.slice(6, 10)) < 1800 || !isRealDate(birthDate)) {
    return { ok: false, reason: msg('id.birthDate', { digits: s.slice(6, 14) }) };
  }
  if (options.today && birthDate > options.today) {
    return { ok: false, reason: msg('id.future', { date: birthDate }) };
  }
  const expected = idCheckDigit(s.slice(0, 17));
  if (s[17] !== expected) {
    return { ok: false, reason: msg('id.check', { expected, actual: s[17] }) };
  }
  return { ok: true, birthDate, sex: Number(s[16]) % 2 === 1 ? 'male' : 'female' };
}
