// Password rules and hashing with node:crypto scrypt. The parameters travel inside the stored
// string (scrypt$N$r$p$salt$hash), so the cost can rise later without invalidating existing hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { msg, type Message } from '../../dsl/message.ts';

/** N = 2^15 with r = 8 needs 32 MiB and ~0.1 s per hash: slow for a guesser, fine for a login. */
export const DEFAULT_SCRYPT = { N: 32768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// A hash read from the database is data: refuse parameters that would make verifying it a denial of service.
const MAX_N = 1 << 20;

// The one place the password length rule is set: `landflow user`, password changes and the API all
// check through passwordProblem.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

/** The bundled list of the most common passwords (its sources are in the file's header). */
export const COMMON_PASSWORDS_FILE = new URL('./common-passwords.txt', import.meta.url);

let common: ReadonlySet<string> | undefined;

/** Comparisons ignore case, Unicode form and surrounding blanks: "Password1" is "password1". */
function folded(s: string): string {
  return s.normalize('NFC').trim().toLowerCase();
}

export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map(folded),
  );
  return common;
}

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function memFor(N: number, r: number): number {
  return 128 * N * r * 2 + 1024 * 1024;
}

/** Why a password is refused for the user `userName`, or null when it is acceptable. */
export function passwordProblem(password: unknown, userName?: string): Message | null {
  if (typeof password !== 'string') return msg('password.notString');
  const n = [...password].length;
  if (n < MIN_PASSWORD_LENGTH) return msg('password.tooShort', { min: MIN_PASSWORD_LENGTH, n });
  if (password.length > MAX_PASSWORD_LENGTH) return msg('password.tooLong', { max: MAX_PASSWORD_LENGTH });
  if (/[\u0000-\u001f\u007f]/.test(password)) return msg('password.control');
  if (userName !== undefined && folded(password) === folded(userName)) return msg('password.userName');
  if (commonPasswords().has(folded(password))) return msg('password.common');
  return null;
}

export interface HashOptions {
  /** scrypt cost parameters; tests pass a small N to stay fast. */
  N?: number;
  r?: number;
  p?: number;
  /** Salt source (default crypto randomBytes). */
  random?: (n: number) => Buffer;
}

export async function hashPassword(password: string, opts: HashOptions = {}): Promise<string> {
  const N = opts.N ?? DEFAULT_SCRYPT.N;
  const r = opts.r ?? DEFAULT_SCRYPT.r;
  const p = opts.p ?? DEFAULT_SCRYPT.p;
  const salt = (opts.random ?? randomBytes)(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, { N, r, p, maxmem: memFor(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): Parsed | null {
  const parts = typeof stored === 'string' ? stored.split('$') : [];
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const isPow2 = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!isPow2 || N > MAX_N || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** True iff `password` produces `stored`; compares in constant time. A malformed hash never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH) return false;
  const h = parseHash(stored);
  if (!h) return false;
  const key = await scryptAsync(password, h.salt, h.key.length, { N: h.N, r: h.r, p: h.p, maxmem: memFor(h.N, h.r) });
  return key.length === h.key.length && timingSafeEqual(key, h.key);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for logins naming an unknown user, so that the
 * response time does not tell which user names exist.
 */
export async function burnVerification(password: string): Promise<false> {
  dummy ??= hashPassword('landflow-dummy-password');
  await verifyPassword(typeof password === 'string' ? password : '', await dummy);
  return false;
}
