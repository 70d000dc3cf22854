// Per-account login throttling, on top of the per-address rate limit (rate-limit.ts): an attacker
// spreading guesses over many addresses still meets a growing wait on each account, then a lock
// that only an admin lifts (POST /api/users/:name/unlock, `landflow user unlock`). The counts are
// kept in the database (engine/store/users.ts), so a restart does not reset them.

export interface LockoutPolicy {
  /** Failed logins allowed in a row before each further attempt must wait. */
  delayAfter: number;
  /** The wait after the delayAfter-th failure; it doubles with each further one. */
  firstDelayMs: number;
  /** Failed logins in a row that lock the account. */
  lockAfter: number;
}

/** 5 failures: wait 15 s, then 30 s, 1, 2 and 4 min; the 10th failure locks the account. */
export const LOCKOUT: LockoutPolicy = { delayAfter: 5, firstDelayMs: 15_000, lockAfter: 10 };

export interface FailureState {
  failedLogins: number;
  lastFailedMs: number | null;
  lockedAt: string | null;
}

export type Gate = { open: true } | { open: false; why: 'locked' } | { open: false; why: 'backoff'; retryAtMs: number };

/** How long after the last failure the next attempt must wait, given the failures so far. */
export function backoffMs(failures: number, p: LockoutPolicy = LOCKOUT): number {
  if (failures < p.delayAfter) return 0;
  return p.firstDelayMs * 2 ** Math.min(failures - p.delayAfter, 30);
}

/** May a login attempt on this account be tried now? */
export function loginGate(u: FailureState, nowMs: number, p: LockoutPolicy = LOCKOUT): Gate {
  if (u.lockedAt !== null) return { open: false, why: 'locked' };
  const wait = backoffMs(u.failedLogins, p);
  if (wait > 0 && u.lastFailedMs !== null && nowMs < u.lastFailedMs + wait)
    return { open: false, why: 'backoff', retryAtMs: u.lastFailedMs + wait };
  return { open: true };
}
