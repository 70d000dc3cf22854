// 公民身份号码 (GB 11643-1999; shared/law/idcard-and-amounts.md §A): 6-digit 地址码, 8-digit
// 出生日期码, 3-digit 顺序码 (odd → male), 1 校验码 by ISO 7064 MOD 11-2. Pure module.
//
// We accept only the capital X the standard prints: a lowercase x is refused with a reason that
// says so, because an ID copied into a contract must match the card character for character.
// The 地址码 is checked only for a plausible province prefix (GB/T 2260 first two digits); the
// full county list changes yearly and is not this module's job.

import { DocumentError } from './errors.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/** GB/T 2260 province-level prefixes, plus 81/82/83 used by 港澳台居民居住证. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

export type IdCheck =
  | { ok: true; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: string };

/** The check character for a 17-digit body: Σ(a_i × W_i) mod 11 mapped through 1 0 X 9 8 7 6 5 4 3 2. */
export function idCheckDigit(body17: string): string {
  if (!/^\d{17}$/.test(body17)) {
    throw new DocumentError('NUMBER_INVALID', `本体码须为17位数字 body must be 17 digits: ${JSON.stringify(body17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/**
 * Validates an 18-character 公民身份号码. `today` (YYYY-MM-DD), when given, also refuses birth
 * dates after it; the clock is never read here.
 */
export function validateIdNumber(s: string, options: { today?: string } = {}): IdCheck {
  if (typeof s !== 'string') return { ok: false, reason: '身份证号码须为字符串 ID number must be a string' };
  if (s.length !== 18) {
    return { ok: false, reason: `身份证号码须为18位，实为${s.length}位 ID number must have 18 characters, got ${s.length}` };
  }
  if (!/^\d{17}[\dXx]$/.test(s)) {
    return { ok: false, reason: '前17位须为数字，末位为数字或X ID number must be 17 digits then a digit or X' };
  }
  if (s[17] === 'x') {
    return { ok: false, reason: '校验码须为大写X ID check character must be a capital X, not x' };
  }
  if (!PROVINCES.has(s.slice(0, 2))) {
    return { ok: false, reason: `地址码省级代码${s.slice(0, 2)}无效 invalid province code ${s.slice(0, 2)} in the address code` };
  }
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (y < 1800 || !isRealDate(y, m, d)) {
    return { ok: false, reason: `出生日期码${s.slice(6, 14)}不是真实日期 birth date ${s.slice(6, 14)} is not a real date` };
  }
  if (options.today && birthDate > options.today) {
    return { ok: false, reason: `出生日期${birthDate}晚于今天 birth date ${birthDate} is in the future` };
  }
  const expected = idCheckDigit(s.slice(0, 17));
  if (s[17] !== expected) {
    return { ok: false, reason: `校验码应为${expected}，实为${s[17]} check character should be ${expected}, got ${s[17]}` };
  }
  const sex = Number(s[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, birthDate, sex };
}

/**
 * Masks an ID number for lists and exports (domain.md §7: personal data), keeping the first 4
 * (province and prefecture — enough to tell households of different places apart) and the last 4
 * (what a clerk reads back on the phone): 450702196803151235 → 4507**********1235. The birth date
 * and the county are hidden. Inputs of other lengths keep at most the last 4 and never more than a
 * third of the characters, so a mistyped short number is not shown either.
 */
export function maskIdNumber(s: string): string {
  const str = String(s ?? '');
  if (str.length === 18) return str.slice(0, 4) + '*'.repeat(10) + str.slice(14);
  const keep = Math.min(4, Math.floor(str.length / 3));
  return '*'.repeat(str.length - keep) + str.slice(str.length - keep);
}
