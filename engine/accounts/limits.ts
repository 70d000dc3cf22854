// Size limits that keep a request or a policy from exhausting the server. No Node APIs here, so
// the policy editor in the browser can check the same limit.
import type { UserRole } from '../store/index.ts';
import { msg, type Message } from '../../dsl/message.ts';

/** The largest policy file (YAML source) landflow loads or accepts over HTTP: 256 KiB. */
export const MAX_POLICY_BYTES = 256 * 1024;

/** The largest request body (Fastify `bodyLimit`); above it the answer is 413. Room for one policy as JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The deepest nesting of arrays and objects a JSON body may have: a case is about 6 deep. */
export const MAX_JSON_DEPTH = 64;

/** The most items one page of a list (cases, tasks) holds, and the page size when none is asked. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/**
 * What one caller may ask of the server: requests per minute as a token bucket (refill and burst)
 * and the size of the heaviest requests. Anonymous callers share their address's bucket, so theirs
 * is light; a signed-in user has a bucket of their own.
 */
export interface CallerLimits {
  /** GET/HEAD requests to /api per minute, and how many at once. */
  readsPerMinute: number;
  readBurst: number;
  /** Simulations and population charts (seconds of CPU each) per minute, and how many at once. */
  heavyPerMinute: number;
  heavyBurst: number;
  /** The largest simulated population one request may ask for (households, `n`). */
  simulateHouseholds: number;
}

export const ANONYMOUS_LIMITS: Readonly<CallerLimits> = {
  readsPerMinute: 300,
  readBurst: 120,
  heavyPerMinute: 20,
  heavyBurst: 6,
  simulateHouseholds: 20_000,
};

export const SIGNED_IN_LIMITS: Readonly<CallerLimits> = {
  readsPerMinute: 3000,
  readBurst: 1000,
  heavyPerMinute: 120,
  heavyBurst: 20,
  simulateHouseholds: 200_000,
};

/** Researchers study whole counties: up to 10^6 households a run (engine/compare runs them in the worker pool). */
export const RESEARCHER_LIMITS: Readonly<CallerLimits> = { ...SIGNED_IN_LIMITS, simulateHouseholds: 1_000_000 };

/** The limits of a caller by role; null is anonymous. The one place to give a role more. */
export function limitsFor(role: UserRole | null): Readonly<CallerLimits> {
  switch (role) {
    case null:
      return ANONYMOUS_LIMITS;
    case 'admin':
    case 'officer':
    case 'clerk':
      return SIGNED_IN_LIMITS;
    case 'researcher':
      return RESEARCHER_LIMITS;
  }
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;
}

/**
 * Why a policy source is refused for its size, or null when it fits. `where` names it (a file
 * path or a policy id) in the message. Counts UTF-8 bytes, as a file on disk does.
 */
export function policySizeProblem(source: string | Uint8Array | number, where = 'policy'): Message | null {
  const bytes = typeof source === 'number' ? source : typeof source === 'string' ? utf8Length(source) : source.byteLength;
  if (bytes <= MAX_POLICY_BYTES) return null;
  return msg('limit.policySize', { where, bytes, size: formatBytes(bytes), max: MAX_POLICY_BYTES, maxSize: formatBytes(MAX_POLICY_BYTES) });
}

/** The UTF-8 length of a string, without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
