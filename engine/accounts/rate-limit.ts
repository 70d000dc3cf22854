// A token bucket per key (an IP address, a user name): `capacity` requests at once, refilled at
// `perMinute`, kept in the database so that every instance gives a caller one limit. The clock is
// injected so tests can step through time.
import type { RateBucket, RateBucketStore } from '../store/types.ts';

export interface RateLimitOptions {
  /** Tokens added per minute. */
  perMinute: number;
  /** The burst size (default: perMinute). */
  capacity?: number;
  /** Milliseconds now. */
  now: () => number;
  /** Keys whose leases are kept in memory at most; the oldest is dropped first (default 10 000). */
  maxKeys?: number;
}

export type Take = { ok: true; remaining: number } | { ok: false; retryAfterSec: number };

export interface SharedRateLimitOptions extends RateLimitOptions {
  /** The database's buckets (engine/store/rate-buckets.ts). */
  buckets: RateBucketStore;
  /** Names this limit in the database, so that limits of one key stay apart (e.g. "read 300 120"). */
  name: string;
}

interface Lease {
  tokens: number;
  /** Leased tokens unspent by then are dropped: an idle instance holds back at most one batch, briefly. */
  until: number;
  /** Refused until then without asking the database (the shared bucket was empty). */
  deniedUntil: number;
  pending?: Promise<void>;
}

/** How long leased tokens stay usable. */
const LEASE_MS = 10_000;

/**
 * A token bucket per key shared by every instance on the database: the bucket is the database's,
 * and each instance leases whole tokens from it in batches (a twentieth of the burst, at least
 * one), so the database is written once per batch, not per request, and a caller gets one limit
 * over all instances — less at most one batch per other instance that holds an unspent lease.
 * While the shared bucket is empty the instance refuses on its own until the wait it was told.
 */
export class SharedRateLimiter {
  private readonly leases = new Map<string, Lease>();
  private readonly bucket: RateBucket;
  private readonly batch: number;
  private readonly perMs: number;
  private readonly maxKeys: number;

  constructor(private readonly opts: SharedRateLimitOptions) {
    if (!(opts.perMinute > 0)) throw new RangeError('perMinute must be > 0');
    this.bucket = { perMinute: opts.perMinute, capacity: opts.capacity ?? opts.perMinute };
    this.batch = Math.max(1, Math.floor(this.bucket.capacity / 20));
    this.perMs = opts.perMinute / 60_000;
    this.maxKeys = opts.maxKeys ?? 10_000;
  }

  async take(key: string, cost = 1): Promise<Take> {
    let l = this.leases.get(key);
    if (!l) {
      if (this.leases.size >= this.maxKeys) this.leases.delete(this.leases.keys().next().value!);
      this.leases.set(key, (l = { tokens: 0, until: 0, deniedUntil: 0 }));
    }
    // Another request of this key is leasing: wait for it, then spend from what it brought.
    while (l.pending) await l.pending;
    const now = this.opts.now();
    if (now >= l.until) l.tokens = 0;
    if (l.tokens < cost && now >= l.deniedUntil) {
      const lease = l;
      lease.pending = (async () => {
        const want = Math.max(this.batch, Math.ceil(cost - lease.tokens));
        const got = await this.opts.buckets.lease(`${this.opts.name} ${key}`, want, this.bucket, now);
        lease.tokens += got.granted;
        lease.until = now + LEASE_MS;
        // Short of cost: the shared bucket holds less than the rest; refuse here until it has refilled.
        if (lease.tokens < cost) lease.deniedUntil = now + (cost - lease.tokens - got.left) / this.perMs;
      })().finally(() => (lease.pending = undefined));
      await lease.pending;
    }
    if (l.tokens >= cost) {
      l.tokens -= cost;
      return { ok: true, remaining: Math.floor(l.tokens) };
    }
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil((l.deniedUntil - this.opts.now()) / 1000 - 1e-9)) };
  }
}
