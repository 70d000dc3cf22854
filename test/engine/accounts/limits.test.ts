import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_POLICY_BYTES, policySizeProblem, utf8Length } from '../../../engine/accounts/limits.ts';
import { RateLimiter } from '../../../engine/accounts/rate-limit.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';

/** The refusal as the command line and the API's message print it. */
const said = (...a: Parameters<typeof policySizeProblem>) => {
  const m = policySizeProblem(...a);
  return m && renderBoth(m);
};

describe('policy size limit', () => {
  it('is 256 KiB counted in UTF-8 bytes, inclusive', () => {
    expect(MAX_POLICY_BYTES).toBe(262144);
    expect(MAX_BODY_BYTES).toBe(1048576);
    expect(policySizeProblem('x'.repeat(262144))).toBeNull();
    expect(said('x'.repeat(262145), 'policies/big.yaml')).toBe(
      '政策文件过大 policy file too large: policies/big.yaml 有 is 262145 字节 bytes (256.0 KiB), 上限 the limit is 262144 (256.0 KiB)',
    );
    expect(render(policySizeProblem('x'.repeat(262145), 'policies/big.yaml')!, 'en')).toBe(
      'policy file too large: policies/big.yaml is 262145 bytes (256.0 KiB), the limit is 262144 (256.0 KiB)',
    );
    // 87382 Chinese characters are 262146 bytes: over, although fewer characters than the limit.
    expect(said('条'.repeat(87382))).toMatch(/262146 字节 bytes/);
    expect(said(new Uint8Array(262145))).toMatch(/262145/);
    expect(said(3 * 1024 * 1024, 'x')).toMatch(/\(3\.0 MiB\)/);
  });
});

describe('utf8Length', () => {
  it('agrees with Buffer.byteLength on ASCII, Chinese, emoji and lone surrogates', () => {
    for (const s of ['', 'abc', '钦州市', 'é', '😀x', '\ud800', 'a\udc00b', '条'.repeat(1000)])
      expect([s, utf8Length(s)]).toEqual([s, Buffer.byteLength(s, 'utf8')]);
  });
});

describe('token-bucket rate limiter', () => {
  it('allows a burst of `capacity`, then refills at perMinute', () => {
    let now = 0;
    const rl = new RateLimiter({ perMinute: 60, capacity: 3, now: () => now });
    expect([rl.take('a'), rl.take('a'), rl.take('a')].map((t) => t.ok)).toEqual([true, true, true]);
    expect(rl.take('a')).toEqual({ ok: false, retryAfterSec: 1 });
    expect(rl.take('b').ok).toBe(true); // keys are independent
    now += 999;
    expect(rl.take('a').ok).toBe(false);
    now += 1;
    expect(rl.take('a')).toEqual({ ok: true, remaining: 0 });
    now += 60_000;
    expect(rl.take('a')).toEqual({ ok: true, remaining: 2 }); // refilled to capacity, not beyond
  });

  it('says how long to wait', () => {
    let now = 0;
    const rl = new RateLimiter({ perMinute: 10, capacity: 1, now: () => now });
    expect(rl.take('ip').ok).toBe(true);
    expect(rl.take('ip')).toEqual({ ok: false, retryAfterSec: 6 });
    now = 5_000;
    expect(rl.take('ip')).toEqual({ ok: false, retryAfterSec: 1 });
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const rl = new RateLimiter({ perMinute: 1, now: () => 0, maxKeys: 100 });
    rl.take('keep');
    for (let i = 0; i < 1000; i++) {
      rl.take(`k${i}`);
      if (i % 50 === 0) rl.take('keep');
    }
    expect(rl.size).toBeLessThanOrEqual(100);
    // 'keep' used recently: still remembered, so still empty.
    expect(rl.take('keep').ok).toBe(false);
  });

  it('rejects a nonsensical rate', () => {
    expect(() => new RateLimiter({ perMinute: 0, now: () => 0 })).toThrowError(RangeError);
  });
});
