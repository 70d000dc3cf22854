import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_POLICY_BYTES, policySizeProblem, utf8Length } from '../../../engine/accounts/limits.ts';
import { SharedRateLimiter } from '../../../engine/accounts/rate-limit.ts';
import { openStore, type Store } from '../../../engine/store/index.ts';
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

describe("token-bucket rate limiter (the database's buckets, leased)", () => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-limits-'));
    store = await openStore(path.join(dir, 'limits.db'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  /** A limiter of its own name, so that each test starts with full buckets. */
  const limiter = (o: { perMinute: number; capacity?: number; now: () => number; maxKeys?: number }) =>
    new SharedRateLimiter({ ...o, buckets: store.rateBuckets, name: `test ${n++}` });

  it('allows a burst of `capacity`, then refills at perMinute', async () => {
    let now = 0;
    const rl = limiter({ perMinute: 60, capacity: 3, now: () => now });
    expect([await rl.take('a'), await rl.take('a'), await rl.take('a')].map((t) => t.ok)).toEqual([true, true, true]);
    expect(await rl.take('a')).toEqual({ ok: false, retryAfterSec: 1 });
    expect((await rl.take('b')).ok).toBe(true); // keys are independent
    now += 999;
    expect((await rl.take('a')).ok).toBe(false);
    now += 1;
    expect(await rl.take('a')).toEqual({ ok: true, remaining: 0 });
    now += 60_000;
    // Refilled to capacity, not beyond: three more and no fourth.
    expect([await rl.take('a'), await rl.take('a'), await rl.take('a')].map((t) => t.ok)).toEqual([true, true, true]);
    expect((await rl.take('a')).ok).toBe(false);
  });

  it('says how long to wait', async () => {
    let now = 0;
    const rl = limiter({ perMinute: 10, capacity: 1, now: () => now });
    expect((await rl.take('ip')).ok).toBe(true);
    expect(await rl.take('ip')).toEqual({ ok: false, retryAfterSec: 6 });
    now = 5_000;
    expect(await rl.take('ip')).toEqual({ ok: false, retryAfterSec: 1 });
    now = 6_000;
    expect((await rl.take('ip')).ok).toBe(true);
  });

  it('keeps at most maxKeys leases in memory; a forgotten key keeps its bucket in the database', async () => {
    const rl = limiter({ perMinute: 1, now: () => 0, maxKeys: 100 });
    expect((await rl.take('keep')).ok).toBe(true);
    for (let i = 0; i < 1000; i++) await rl.take(`k${i}`);
    // 'keep' was dropped from memory long ago, but its bucket is the database's: still empty.
    expect((await rl.take('keep')).ok).toBe(false);
  });

  it('rejects a nonsensical rate', () => {
    expect(() => limiter({ perMinute: 0, now: () => 0 })).toThrowError(RangeError);
  });
});
