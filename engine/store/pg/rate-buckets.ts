// The shared request-rate buckets on PostgreSQL (engine/store/rate-buckets.ts has the rule): the
// row is made if missing, then locked, so leases of one key from any instance are taken one
// after the other.
import { IDLE_BUCKET_MS, PRUNE_EVERY, checkLease, leaseFrom, type BucketRow } from '../rate-buckets.ts';
import type { RateBucket, RateBucketStore, RateLease } from '../types.ts';
import { one } from './connection.ts';
import type { PgStore } from './store.ts';

export class PgRateBuckets implements RateBucketStore {
  private leases = 0;

  constructor(private readonly store: PgStore) {}

  lease(key: string, want: number, bucket: RateBucket, nowMs: number): Promise<RateLease> {
    return this.store.write(async () => {
      const l = checkLease(key, want, bucket, nowMs);
      return this.store.transaction(async (c) => {
        await c.query({
          name: 'lf_rate_make',
          text: 'INSERT INTO rate_buckets (key, tokens, at_ms) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
          values: [l.key, l.capacity, l.nowMs],
        });
        const row = await one<BucketRow>(c, 'SELECT tokens, at_ms FROM rate_buckets WHERE key = $1 FOR UPDATE', [l.key], 'lf_rate_lock');
        const out = leaseFrom(row && { tokens: Number(row.tokens), at_ms: Number(row.at_ms) }, l);
        await c.query({
          name: 'lf_rate_put',
          text: 'UPDATE rate_buckets SET tokens = $2, at_ms = $3 WHERE key = $1',
          values: [l.key, out.left, out.atMs],
        });
        if (++this.leases % PRUNE_EVERY === 0) await c.query('DELETE FROM rate_buckets WHERE at_ms < $1', [l.nowMs - IDLE_BUCKET_MS]);
        return { granted: out.granted, left: out.left };
      });
    });
  }
}
