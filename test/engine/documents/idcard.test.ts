import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../engine/documents/idcard.ts';

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 of an 18-character number', () => {
    expect(maskIdNumber('450702196803151235')).toBe('4507**********1235');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
  it('never shows more than a third of a malformed number', () => {
    expect(maskIdNumber('123456')).toBe('****56');
    expect(maskIdNumber('12')).toBe('**');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('4507021968031512')).toBe('************1512');
  });
});
