import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../../engine/store/canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for objects built in a different key order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('sorts by UTF-16 code units (uppercase before lowercase, ASCII before CJK)', () => {
    expect(canonicalJson({ 镇: 1, b: 2, B: 3, a10: 4, a2: 5 })).toBe('{"B":3,"a10":4,"a2":5,"b":2,"镇":1}');
  });

  it('writes scalars as JSON does', () => {
    expect(canonicalJson('转让（2026）第 001 号')).toBe('"转让（2026）第 001 号"');
    expect(canonicalJson('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('drops undefined properties and turns undefined array slots into null, as JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
  });

  it('uses toJSON (decimal.js values become their exact string)', () => {
    expect(canonicalJson({ amount: new Decimal('53333.25') })).toBe('{"amount":"53333.25"}');
    expect(canonicalJson({ when: new Date('2026-03-01T00:00:00Z') })).toBe('{"when":"2026-03-01T00:00:00.000Z"}');
  });

  it('round-trips: parsing the output and writing again gives the same text', () => {
    const v = { z: [1, 2.25, 'x', { b: false, a: null }], a: { 'key with space': 'é' } };
    const once = canonicalJson(v);
    expect(canonicalJson(JSON.parse(once))).toBe(once);
  });

  it('refuses what JSON cannot carry, naming the path', () => {
    expect(() => canonicalJson({ a: [1, NaN] })).toThrowError(CanonicalJsonError);
    expect(() => canonicalJson({ a: [1, NaN] })).toThrowError(/\$\.a\[1\]: non-finite number NaN/);
    // Said as data (dsl/phrases/store.ts), the line in both languages as before.
    const e = (() => {
      try {
        canonicalJson({ a: [1, NaN] });
      } catch (x) {
        return x as CanonicalJsonError;
      }
    })();
    expect(e?.text).toEqual({ code: 'store.cannotSerialise', args: { path: '$.a[1]', what: 'non-finite number NaN' } });
    expect(e?.message).toBe('无法序列化为 JSON cannot serialise to JSON at $.a[1]: non-finite number NaN');
    expect(() => canonicalJson({ n: Infinity })).toThrowError(/\$\.n: non-finite/);
    expect(() => canonicalJson({ n: 10n })).toThrowError(/\$\.n: bigint/);
    expect(() => canonicalJson({ f: () => 1 })).toThrowError(/\$\.f: function/);
    expect(() => canonicalJson({ m: new Map() })).toThrowError(/\$\.m: Map is not a plain object/);
    expect(() => canonicalJson(undefined)).toThrowError(/undefined is not a JSON value/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrowError(/\$\.self: circular reference/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 2;
    o.a = 1;
    expect(canonicalJson(o)).toBe('{"a":1,"b":2}');
  });
});
