// Account names, towns and regions (engine/accounts/users.ts with dsl/text.ts): normalised the way
// case places are, bounded, and refused when they hold characters that hide or reorder text.
import { describe, expect, it } from 'vitest';
import { AccountInputError, checkUserSpec } from '../../../engine/accounts/users.ts';

const refused = (spec: Parameters<typeof checkUserSpec>[0]) => {
  try {
    checkUserSpec(spec);
  } catch (e) {
    if (e instanceof AccountInputError) return { field: e.field, message: e.message };
    throw e;
  }
  return null;
};

describe('account text', () => {
  it('names, towns and regions are kept in NFKC form, trimmed: ａｄｍｉｎ is admin, a full-width space is a space', () => {
    expect(checkUserSpec({ name: 'ａｄｍｉｎ', role: 'admin' }).name).toBe('admin');
    expect(checkUserSpec({ name: '张办事员', role: 'clerk', town: '　钦南区某镇 ' }).town).toBe('钦南区某镇');
    expect(checkUserSpec({ name: 'li', role: 'officer', region: '４５０７００' }).region).toBe('450700');
  });

  it('refuses NUL, controls, bidi overrides and zero-width characters in a town or region, naming the field', () => {
    for (const town of ['某镇\u0000', '某\u202e镇', '某\u2067镇', '某\u200b镇', '某\n镇']) {
      expect(refused({ name: 'wang', role: 'clerk', town })).toMatchObject({
        field: 'town',
        message: expect.stringMatching(/invisible or control character U\+/),
      });
    }
    expect(refused({ name: 'li', role: 'officer', region: '四川省\u202e内江市' })).toMatchObject({ field: 'region' });
    expect(refused({ name: 'a\u202eb', role: 'admin' })).toMatchObject({ field: 'name' });
  });

  it('bounds towns at 64 characters', () => {
    expect(checkUserSpec({ name: 'wang', role: 'clerk', town: '镇'.repeat(64) }).town).toHaveLength(64);
    expect(refused({ name: 'wang', role: 'clerk', town: '镇'.repeat(65) })).toMatchObject({
      field: 'town',
      message: expect.stringMatching(/at most 64/),
    });
  });

  it('an officer region is a policy id, a division code or a path from the province — a bare district name is refused', () => {
    for (const region of ['qinzhou', '511002', '四川省内江市市中区', '四川省 / 内江市'])
      expect(refused({ name: 'li', role: 'officer', region })).toBeNull();
    for (const region of ['市中区', '内江市', '钦州']) {
      expect(refused({ name: 'li', role: 'officer', region })).toMatchObject({
        field: 'region',
        message: expect.stringMatching(/division code/),
      });
    }
  });
});
