// A token bucket per key (an IP address, a user name): `capacity` requests at once, refilled at
// `perMinute`. In memory, bounded in size; the clock is injected so tests can step through time.
// SharedRateLimiter (below) keeps the buckets in the database instead, for several instances.
import type { RateBucket, RateBucketStore } from '../store/types.ts';

export interface RateLimitOptions {
  /** Tokens added per minute. */
  perMinute: number;
  /** The burst size (default: perMinute). */
  capacity?: number;
  /** Milliseconds now. */
  now: () => number;
  /** Buckets kept at most; idle ones are dropped first (default 10 000). */
  maxKeys?: number;
}

export type Take = { ok: true; remaining: number } | { ok: false; retryAfterSec: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly capacity: number;
  private readonly maxKeys: number;

  constructor(private readonly opts: RateLimitOptions) {
    if (!(opts.perMinute > 0)) throw new RangeError('perMinute must be > 0');
    this.perMs = opts.perMinute / 60_000;
    this.capacity = opts.capacity ?? opts.perMinute;
    this.maxKeys = opts.maxKeys ?? 10_000;
  }

  take(key: string, cost = 1): Take {
    const now = this.opts.now();
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.capacity, b.tokens + Math.max(0, now - b.at) * this.perMs);
      b.at = now;
      // Map order is insertion order: re-inserting keeps the most recently used keys last.
      this.buckets.delete(key);
    } else {
      b = { tokens: this.capacity, at: now };
      if (this.buckets.size >= this.maxKeys) this.evict();
    }
    this.buckets.set(key, b);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    // The epsilon keeps float noise (1.0000000002 s) from rounding a whole second up.
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil((cost - b.tokens) / this.perMs / 1000 - 1e-9)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    // The least recently used tenth goes; an attacker cycling addresses only evicts itself.
    const drop = Math.max(1, Math.floor(this.maxKeys / 10));
    let i = 0;
    for (const k of this.buckets.keys()) {
      if (i++ >= drop) break;
      this.buckets.delete(k);
    }
  }
}

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
