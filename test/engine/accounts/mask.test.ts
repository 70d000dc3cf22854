import { describe, expect, it } from 'vitest';
import { maskIdNumbersInText, maskPersonalData } from '../../../engine/accounts/mask.ts';
import { EXAMPLE_CASE } from './helpers.ts';

describe('masking personal data', () => {
  it('masks every ID number of the example case, keeps the rest', () => {
    const masked = maskPersonalData(EXAMPLE_CASE);
    expect(masked.household.head).toEqual({ name: '黄某明', idNumber: '4507**********1235' });
    expect(masked.household.members.map((m: { idNumber: string }) => m.idNumber)).toEqual([
      '4507**********1235',
      '4507**********2247',
      '4507**********0319',
    ]);
    expect(masked.transfer.transferee.head.idNumber).toBe('4507**********1530');
    expect(masked.contract).toEqual(EXAMPLE_CASE.contract);
    expect(masked.parcels).toEqual(EXAMPLE_CASE.parcels);
    expect(JSON.stringify(masked)).not.toMatch(/\d{17}[\dX]/);
    // The input is untouched.
    expect(EXAMPLE_CASE.household.head.idNumber).toBe('450702196803151235');
  });

  it('masks under the Chinese labels too, and whatever the value looks like', () => {
    expect(maskPersonalData({ 户主: { 身份证号: '450702196803151235' }, 公民身份号码: '12345', 身份证号码: 450702 })).toEqual({
      户主: { 身份证号: '4507**********1235' },
      公民身份号码: '****5',
      身份证号码: '****02',
    });
    expect(maskPersonalData({ idNumber: ['450702196803151235', '45070219680315123X'] })).toEqual({
      idNumber: ['4507**********1235', '4507**********123X'],
    });
  });

  it('masks ID numbers inside free text, but not hashes, case ids or shorter numbers', () => {
    expect(maskIdNumbersInText('户主黄某明（450702196803151235）申请退出')).toBe('户主黄某明（4507**********1235）申请退出');
    expect(maskIdNumbersInText('x 45070219680315123X, y')).toBe('x 4507**********123X, y');
    const hash = 'ab450702196803151235cd' + 'e'.repeat(42);
    expect(maskIdNumbersInText(hash)).toBe(hash);
    expect(maskIdNumbersInText('合同 4507022023000123')).toBe('合同 4507022023000123');
    expect(maskIdNumbersInText('4507021968031512351')).toBe('4507021968031512351'); // 19 digits: not an ID
  });

  it('masks inside event payloads and lists of cases', () => {
    const events = [{ seq: 1, type: 'CaseOpened', payload: { case: EXAMPLE_CASE }, user: 'clerk-a', hash: 'f'.repeat(64) }];
    const m = maskPersonalData(events);
    expect(m[0]!.payload.case.household.head.idNumber).toBe('4507**********1235');
    expect(m[0]!.hash).toBe('f'.repeat(64));
    expect(m[0]!.user).toBe('clerk-a');
  });

  it('leaves numbers, booleans and null alone and drops absurdly deep nesting', () => {
    expect(maskPersonalData({ a: 1, b: true, c: null, d: [1.5] })).toEqual({ a: 1, b: true, c: null, d: [1.5] });
    let deep: unknown = { idNumber: '450702196803151235' };
    for (let i = 0; i < 300; i++) deep = { x: deep };
    expect(JSON.stringify(maskPersonalData(deep))).not.toContain('450702196803151235');
  });
});
