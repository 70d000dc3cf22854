// Security events of the accounts layer (logins, failures, lock-outs, account changes) go to the
// store's audit trail, sealed into the audit chain: an account change with its event in one
// transaction (the store's AccountEventOf), an event that changes nothing (a failed login) through
// Store.recordSecurityEvent. This module holds what they share.

/** `landflow user` works on the database file: no account acts, the operating-system user does (detail.osUser). */
export const CLI_ACTOR = 'cli';

/** Text from a request (e.g. a user name that may not exist) made safe and short for the trail. */
export function untrusted(v: unknown, max = 64): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
  const chars = [...clean];
  if (chars.length === 0) return '\uFFFD';
  return chars.length > max ? chars.slice(0, max).join('') + '…' : clean;
}

/** Detail values the trail accepts: null and undefined are left out rather than stored. */
export function detailOf(d: Record<string, string | number | boolean | null | undefined>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(d)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
