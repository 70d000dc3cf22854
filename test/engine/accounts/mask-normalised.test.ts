// Masking reads free text as a person does (engine/accounts/mask.ts): an ID number typed with
// full-width digits, spaces, dashes or invisible joiners, or in the old 15-digit form, is hidden
// like a plain one — in a string, an object key or a number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumbersInText, maskPersonalData } from '../../../engine/accounts/mask.ts';

const FULL = (d: string) => String.fromCharCode(0xff10 + Number(d));
const SEPARATORS = [' ', '  ', '\u3000', '-', '－', '—', '–', '‐', '\u2212', ' - ', '\u200b', '\u00a0'];
const PREFIXES = ['', '身份证号', '身份证号：', '户主（', 'ID', 'No.', '证件 ', '\n', '对方 '];
const SUFFIXES = ['', '）', '，电话见附件', ' 已核实', '。', '\n', 'abc'];

/** The digits (and X) a reader takes from a text: its normal form without anything else. */
const readable = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[^0-9Xx*]/g, '')
    .toUpperCase();

const idNumber = fc.oneof(
  fc.tuple(fc.stringMatching(/^[1-8][0-9]{16}$/), fc.constantFrom(...'0123456789X')).map(([body, check]) => body + check),
  fc.stringMatching(/^[1-8][0-9]{14}$/),
);

/** An ID as someone might type it: each character ASCII or full-width, separators anywhere between. */
const typed = idNumber.chain((id) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: id.length, maxLength: id.length }),
      fc.array(fc.oneof(fc.constant(''), fc.constant(''), fc.constantFrom(...SEPARATORS)), {
        minLength: id.length - 1,
        maxLength: id.length - 1,
      }),
      fc.constantFrom('X', 'x', 'Ｘ', 'ｘ'),
    )
    .map(([wide, seps, x]) => ({
      id,
      text: [...id].map((c, i) => (c === 'X' ? x : wide[i] ? FULL(c) : c) + (seps[i] ?? '')).join(''),
    })),
);

describe('masking on normalised text', () => {
  it('property: no 15- or 18-digit ID, whatever its width and separators, survives in free text', () => {
    fc.assert(
      fc.property(typed, fc.constantFrom(...PREFIXES), fc.constantFrom(...SUFFIXES), ({ id, text }, pre, post) => {
        // Fifteen digits in one block with a letter after them are a code, not an ID (next test).
        const apart = id.length === 15 && /^[0-9０-９]+$/.test(text) && /^[a-z]/.test(post) ? ' ' : '';
        const masked = maskIdNumbersInText(pre + text + apart + post);
        expect(readable(masked)).not.toContain(id);
        // The middle — birth date and sequence — never shows, not even in part of its digits.
        expect(readable(masked)).not.toContain(id.slice(4, 14));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the same IDs are masked in object keys, under any key, and as whole numbers', () => {
    fc.assert(
      fc.property(typed, ({ id, text }) => {
        const out = JSON.stringify(maskPersonalData({ note: text, [text]: 1, list: [{ memo: `见 ${text}` }] }));
        expect(readable(out)).not.toContain(id.slice(4, 14));
      }),
      { numRuns: 500 },
    );
    expect(maskPersonalData({ phoneOrId: 450702196803151 })).toEqual({ phoneOrId: '***********3151' });
  });

  it('hides exactly the middle digits and keeps the text around, separators and all', () => {
    expect(maskIdNumbersInText('身份证：４５０７０２１９６８０３１５１２３５。')).toBe('身份证：4507**********1235。');
    expect(maskIdNumbersInText('号码 4507 0219 6803 1512 35 已核')).toBe('号码 4507 **** **** **12 35 已核');
    expect(maskIdNumbersInText('450702-19680315-123X')).toBe('4507**-********-123X');
    expect(maskIdNumbersInText('旧证 450702680315123')).toBe('旧证 ***********5123');
    expect(maskIdNumbersInText('ID450702196803151235')).toBe('ID4507**********1235');
  });

  it('leaves alone what is not an ID: phone numbers, dates, amounts, contract and certificate numbers, hashes, ULIDs', () => {
    for (const s of [
      '电话 138 1234 5678',
      '2026-01-15 至 2026-07-16',
      '补偿 53333.25 元',
      '合同 4507022023000123',
      '证号 450702202300123J',
      'a'.repeat(20) + '450702196803151235' + 'f'.repeat(26),
      '01KEZJN7M0DQVNWJVKXZ3VEZXQ',
      '4507021968031512351',
    ]) {
      expect(maskIdNumbersInText(s)).toBe(s);
    }
  });
});
