import fs from 'node:fs';
import { renderBoth } from '../../../dsl/messages.ts';
import { describe, expect, it } from 'vitest';
import {
  COMMON_PASSWORDS_FILE,
  DEFAULT_SCRYPT,
  MIN_PASSWORD_LENGTH,
  commonPasswords,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from '../../../engine/accounts/password.ts';

/** Why a password is refused, as the command line and the API's message say it. */
const problem = (...a: Parameters<typeof passwordProblem>): string | null => {
  const m = passwordProblem(...a);
  return m && renderBoth(m);
};

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
    expect(await hashPassword('same password', { N: 1024, random: zero })).toBe(
      await hashPassword('same password', { N: 1024, random: zero }),
    );
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
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(problem('123456789')).toBe('密码至少 10 个字符 password must have at least 10 characters (got 9)');
    expect(problem('horse staple')).toBeNull();
    expect(problem('密码密码密码密码密码')).toBeNull(); // 10 characters, 30 bytes
    expect(problem('密码密码密码密码密')).toMatch(/got 9/);
    expect(problem('abc\ndefghij')).toMatch(/control characters/);
    expect(problem(1234567890)).toMatch(/must be a string/);
    expect(problem('x'.repeat(1025))).toMatch(/too long/);
  });
});

describe('password policy', () => {
  it('refuses the most common passwords, ignoring case and surrounding blanks', () => {
    const common = '密码过于常见，请另选一个 this password is one of the most common ones: choose another';
    for (const p of ['1234567890', 'qwertyuiop', 'QwertyUIOP', 'woaini1314', 'beijing2008', 'Beijing2008 ', 'Usuckballz1']) {
      expect([p, problem(p)]).toEqual([p, common]);
    }
    expect(problem('  Password1234 ')).toBeNull();
    expect(problem('wo ai ni 1314')).toBeNull();
  });

  it('refuses the user name itself, in any case', () => {
    const same = '密码不得与用户名相同 the password must not be the user name';
    expect(problem('zhang.banshiyuan', 'zhang.banshiyuan')).toBe(same);
    expect(problem('Zhang.Banshiyuan', 'zhang.banshiyuan')).toBe(same);
    expect(problem('钦南区某镇办事员张三', '钦南区某镇办事员张三')).toBe(same);
    expect(problem('zhang.banshiyuan', 'li.banshiyuan')).toBeNull();
    expect(problem('zhang.banshiyuan')).toBeNull();
  });

  it('ships its list with the sources named, about two thousand entries, each one line', () => {
    const text = fs.readFileSync(COMMON_PASSWORDS_FILE, 'utf8');
    const header = text
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join('\n');
    expect(header).toContain('https://github.com/danielmiessler/SecLists');
    expect(header).toContain('MIT');
    const list = commonPasswords();
    expect(list.size).toBe(1826);
    expect(list.has('123456')).toBe(true);
    expect(list.has('5201314')).toBe(true);
    expect([...list].every((p) => p === p.toLowerCase() && p.trim() === p && p !== '')).toBe(true);
  });
});
