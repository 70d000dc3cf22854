// Request-rate buckets shared by every instance on the database (migration 11): one row per key
// (a client address or a user, with the limit's name) holding the tokens left and when it was last
// refilled. An instance does not come here per request: it leases tokens in batches and spends
// them in memory (engine/accounts/rate-limit.ts SharedRateLimiter), so N instances together give a
// caller one limit, not N, at the cost of one small write per batch.
import { msg } from '../../dsl/message.ts';
import { ms } from './account-rows.ts';
import { StoreInputError } from './errors.ts';
import type { SqliteStore } from './sqlite-store.ts';
import type { RateBucket, RateBucketStore, RateLease } from './types.ts';
import { lazyStatements } from './users.ts';
import * as check from './validate.ts';

export interface BucketRow {
  tokens: number;
  at_ms: number;
}

/** A bucket idle this long is full again (every limit refills within minutes): its row may go. */
export const IDLE_BUCKET_MS = 60 * 60_000;
/** Idle rows are removed once every this many leases. */
export const PRUNE_EVERY = 1000;

export interface CheckedLease {
  key: string;
  want: number;
  perMinute: number;
  capacity: number;
  nowMs: number;
}

export function checkLease(key: string, want: number, bucket: RateBucket, nowMs: number): CheckedLease {
  if (!Number.isSafeInteger(want) || want < 1 || want > 100_000)
    throw new StoreInputError('want', msg('store.integerRange', { min: 1, max: 100_000, got: String(want) }));
  for (const [f, v] of [
    ['bucket.perMinute', bucket.perMinute],
    ['bucket.capacity', bucket.capacity],
  ] as const) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0))
      throw new StoreInputError(f, msg('store.positiveNumber', { got: String(v) }));
  }
  return { key: check.text('key', key, 300), want, perMinute: bucket.perMinute, capacity: bucket.capacity, nowMs: ms('nowMs', nowMs) };
}

/** The bucket refilled to now (never backwards: instances' clocks differ a little) and up to `want` whole tokens taken from it. */
export function leaseFrom(row: BucketRow | undefined, l: CheckedLease): RateLease & { atMs: number } {
  const perMs = l.perMinute / 60_000;
  const atMs = row ? Math.max(row.at_ms, l.nowMs) : l.nowMs;
  const full = row ? Math.min(l.capacity, row.tokens + (atMs - row.at_ms) * perMs) : l.capacity;
  const granted = Math.max(0, Math.min(l.want, Math.floor(full + 1e-9)));
  return { granted, left: full - granted, atMs };
}

export class SqliteRateBuckets implements RateBucketStore {
  private readonly q;
  private leases = 0;

  constructor(private readonly store: SqliteStore) {
    const lazy = lazyStatements(store.db);
    this.q = {
      get: lazy('SELECT tokens, at_ms FROM rate_buckets WHERE key = ?'),
      put: lazy(
        'INSERT INTO rate_buckets (key, tokens, at_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, at_ms = excluded.at_ms',
      ),
      prune: lazy('DELETE FROM rate_buckets WHERE at_ms < ?'),
    };
  }

  lease(key: string, want: number, bucket: RateBucket, nowMs: number): Promise<RateLease> {
    return this.store.write(() => {
      const l = checkLease(key, want, bucket, nowMs);
      return this.store.db
        .transaction(() => {
          const out = leaseFrom(this.q.get().get(l.key) as BucketRow | undefined, l);
          this.q.put().run(l.key, out.left, out.atMs);
          if (++this.leases % PRUNE_EVERY === 0) this.q.prune().run(l.nowMs - IDLE_BUCKET_MS);
          return { granted: out.granted, left: out.left };
        })
        .immediate();
    });
  }
}
