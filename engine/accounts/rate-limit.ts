// A token bucket per key (an IP address, a user name): `capacity` requests at once, refilled at
// `perMinute`. In memory, bounded in size; the clock is injected so tests can step through time.

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
