import { describe, expect, it } from 'vitest';
import { idCheckDigit, validateIdNumber } from '../../dsl/case-id-number.ts';
import { render, renderBoth } from '../../dsl/messages.ts';
import type { IdCheck } from '../../dsl/case-id-number.ts';

/** Why a number is refused, in both languages ('' when it is not). */
const reason = (r: IdCheck) => (r.ok ? '' : renderBoth(r.reason));

describe('idCheckDigit: GB 11643-1999 worked examples', () => {
  const cases: [string, string][] = [
    ['11010519491231002', 'X'], // 标准附录A, sum 167
    ['44052418800101001', '4'], // 标准附录A, sum 195
    ['51310119820113001', '4'], // sum 184
    ['37010119010203997', '3'], // sum 262
    ['12345678901234567', '7'], // sum 368
  ];
  for (const [body, check] of cases) it(`${body} → ${check}`, () => expect(idCheckDigit(body)).toBe(check));
  it('refuses a body that is not 17 digits', () => {
    expect(() => idCheckDigit('1234')).toThrowError(/17/);
  });
});

describe('validateIdNumber', () => {
  it('accepts the standard examples with birth date and sex', () => {
    expect(validateIdNumber('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31', sex: 'female' });
    expect(validateIdNumber('440524188001010014')).toEqual({ ok: true, birthDate: '1880-01-01', sex: 'male' });
    expect(validateIdNumber('513101198201130014')).toEqual({ ok: true, birthDate: '1982-01-13', sex: 'male' });
    expect(validateIdNumber('370101190102039973')).toEqual({ ok: true, birthDate: '1901-02-03', sex: 'male' });
  });

  it('accepts the shared household members', () => {
    expect(validateIdNumber('450702196803151235')).toEqual({ ok: true, birthDate: '1968-03-15', sex: 'male' });
    expect(validateIdNumber('450702197006212247')).toEqual({ ok: true, birthDate: '1970-06-21', sex: 'female' });
    expect(validateIdNumber('450702199209080319')).toEqual({ ok: true, birthDate: '1992-09-08', sex: 'male' });
    expect(validateIdNumber('450702197504191530')).toEqual({ ok: true, birthDate: '1975-04-19', sex: 'male' });
  });

  it('refuses a wrong check digit (110105194912310021, expected X)', () => {
    const r = validateIdNumber('110105194912310021');
    expect(r.ok).toBe(false);
    expect(!r.ok && renderBoth(r.reason)).toMatch(/校验码应为X，实为1/);
  });

  it('refuses a correct check digit on an impossible birth date', () => {
    // 12345678901234567 has check 7 but birth date 7890-12-34.
    const r = validateIdNumber('123456789012345677');
    expect(reason(r)).toMatch(/出生日期码78901234不是真实日期/);
  });

  it('checks leap days', () => {
    const body = '45070219000229123';
    expect(validateIdNumber(body + idCheckDigit(body)).ok).toBe(false); // 1900 is not leap
    const body2 = '45070220000229123';
    expect(validateIdNumber(body2 + idCheckDigit(body2))).toMatchObject({ ok: true, birthDate: '2000-02-29', sex: 'male' });
  });

  it('refuses lowercase x, wrong length, letters, unknown province', () => {
    expect(reason(validateIdNumber('11010519491231002x'))).toMatch(/大写X/);
    expect(reason(validateIdNumber('4507021968031512'))).toMatch(/18位，实为16位/);
    expect(validateIdNumber('45070219680315123A').ok).toBe(false);
    const body = '99070219680315123';
    expect(reason(validateIdNumber(body + idCheckDigit(body)))).toMatch(/省级代码99/);
  });

  it('refuses a birth date after the given today', () => {
    const body = '45070220300101123';
    const id = body + idCheckDigit(body);
    expect(validateIdNumber(id).ok).toBe(true);
    expect(reason(validateIdNumber(id, { today: '2026-01-15' }))).toMatch(/future/);
    const r = validateIdNumber(id, { today: '2026-01-15' });
    expect(!r.ok && [render(r.reason, 'zh'), render(r.reason, 'en')]).toEqual([
      '出生日期2030-01-01晚于今天',
      'birth date 2030-01-01 is in the future',
    ]);
  });
});
