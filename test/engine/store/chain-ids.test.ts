import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, contractNumberText, eventHash, eventHashFromCanonicalPayload } from '../../../engine/store/chain.ts';
import { canonicalJson } from '../../../engine/store/canonical-json.ts';
import { ulidFrom, ulidGenerator } from '../../../engine/store/ids.ts';

describe('event hash', () => {
  const fields = {
    caseId: 'C1',
    seq: 1,
    type: 'CaseOpened',
    payload: { b: [1, 2], a: '张三' },
    user: 'clerk1',
    at: '2026-03-01T09:00:00+08:00',
  };

  it('is sha256 over the previous hash followed by the canonical JSON of the fields', () => {
    const body =
      '{"at":"2026-03-01T09:00:00+08:00","caseId":"C1","payload":{"a":"张三","b":[1,2]},"seq":1,"type":"CaseOpened","user":"clerk1"}';
    const expected = createHash('sha256')
      .update(GENESIS_HASH + body)
      .digest('hex');
    expect(eventHash(GENESIS_HASH, fields)).toBe(expected);
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('has a fast path that gives the identical hash', () => {
    const { payload, ...rest } = fields;
    const prev = 'f'.repeat(64);
    expect(eventHashFromCanonicalPayload(prev, rest, canonicalJson(payload))).toBe(eventHash(prev, fields));
  });

  it('changes when any field or the previous hash changes', () => {
    const h = eventHash(GENESIS_HASH, fields);
    expect(eventHash('1'.repeat(64), fields)).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...fields, seq: 2 })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...fields, user: 'clerk2' })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...fields, payload: { a: '张三', b: [2, 1] } })).not.toBe(h);
  });
});

describe('contract number text', () => {
  it('pads to three digits and keeps more when needed', () => {
    expect(contractNumberText('转让', 2026, 1)).toBe('转让（2026）第 001 号');
    expect(contractNumberText('退出', 2027, 42)).toBe('退出（2027）第 042 号');
    expect(contractNumberText('退出', 2027, 1234)).toBe('退出（2027）第 1234 号');
  });
});

describe('ULID-like ids', () => {
  it('encodes time then randomness in Crockford base 32', () => {
    expect(ulidFrom(0, new Uint8Array(10))).toBe('00000000000000000000000000');
    expect(ulidFrom(2 ** 48 - 1, new Uint8Array(10).fill(255))).toBe('7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(ulidFrom(1469918176385, new Uint8Array(10))).toBe('01ARYZ6S41' + '0'.repeat(16));
  });

  it('sorts by the time of `at`, and takes randomness only from the injected source', () => {
    const gen = ulidGenerator((n) => new Uint8Array(n).fill(7));
    const a = gen('2026-03-01T09:00:00+08:00');
    const b = gen('2026-03-01T09:00:01+08:00');
    expect(a).toHaveLength(26);
    expect(a < b).toBe(true);
    expect(gen('2026-03-01T09:00:00+08:00')).toBe(a);
    expect(() => gen('yesterday')).toThrowError(/not an ISO timestamp/);
  });
});
