import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, passwordProblem, verifyPassword } from '../../../engine/accounts/password.ts';

describe('scrypt password hashes', () => {
  it('stores the parameters, a 16-byte salt and a 32-byte key, and verifies only the right password', async () => {
    const h = await hashPassword('correct horse 1', { N: 1024 });
    const parts = h.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64url').length).toBe(16);
    expect(Buffer.from(parts[5]!, 'base64url').length).toBe(32);
    expect(await verifyPassword('correct horse 1', h)).toBe(true);
    expect(await verifyPassword('correct horse 2', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
    expect(await verifyPassword('Correct horse 1', h)).toBe(false);
  });

  it('uses N = 32768, r = 8, p = 1 by default', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 });
    const h = await hashPassword('correct horse 1');
    expect(h.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse 1', h)).toBe(true);
  });

  it('salts: the same password hashes differently each time, and a fixed salt is deterministic', async () => {
    const a = await hashPassword('same password', { N: 1024 });
    const b = await hashPassword('same password', { N: 1024 });
    expect(a).not.toBe(b);
    const zero = (n: number) => Buffer.alloc(n);
    expect(await hashPassword('same password', { N: 1024, random: zero })).toBe(await hashPassword('same password', { N: 1024, random: zero }));
  });

  it('normalizes Unicode (NFC), so a composed and a decomposed é are the same password', async () => {
    const h = await hashPassword('caf\u00e9-password', { N: 1024 });
    expect(await verifyPassword('cafe\u0301-password', h)).toBe(true);
  });

  it('never verifies against a malformed or abusive hash', async () => {
    const good = await hashPassword('correct horse 1', { N: 1024 });
    const [, , r, p, salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain',
      `bcrypt$1024$${r}$${p}$${salt}$${key}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 21}$${r}$${p}$${salt}$${key}`, // N too large: would take seconds and 2 GiB
      `scrypt$1024$${r}$${p}$$${key}`, // no salt
      `scrypt$1024$${r}$${p}$${salt}$AAAA`, // key too short
      `scrypt$1024$${r}$${p}$${salt}`,
    ]) {
      expect(await verifyPassword('correct horse 1', bad)).toBe(false);
    }
    expect(await verifyPassword(undefined as unknown as string, good)).toBe(false);
    expect(await verifyPassword('x'.repeat(2000), good)).toBe(false);
  });

  it('refuses weak or odd passwords with a reason', () => {
    expect(passwordProblem('1234567')).toBe('密码至少 8 个字符 password must have at least 8 characters (got 7)');
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('密码密码密码密码')).toBeNull(); // 8 characters, 24 bytes
    expect(passwordProblem('密码密码密码密')).toMatch(/got 7/);
    expect(passwordProblem('abc\ndefgh')).toMatch(/control characters/);
    expect(passwordProblem(12345678)).toMatch(/must be a string/);
    expect(passwordProblem('x'.repeat(1025))).toMatch(/too long/);
  });
});
