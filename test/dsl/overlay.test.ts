// One way to lay case data over other case data (dsl/examples.ts overlay): an example's inline case
// over its case file, and the checker's coverage facts over a full case.
import { describe, expect, it } from 'vitest';
import { overlay } from '../../dsl/examples.ts';

describe('overlay', () => {
  it('merges records key by key, replaces values and lists, keeps what the overlay leaves out, and changes neither', () => {
    const base = { exit: { payer: 'group', parcels: ['甲', '乙'], mode: 'permanent' }, market: { year: 2026 } };
    const over = { exit: { payer: 'county', parcels: ['甲'] }, household: { hukou: 'urban' } };
    const before = structuredClone({ base, over });
    expect(overlay(base, over)).toEqual({
      exit: { payer: 'county', parcels: ['甲'], mode: 'permanent' },
      market: { year: 2026 },
      household: { hukou: 'urban' },
    });
    expect({ base, over }).toEqual(before);
  });

  it('an overlay that is not a record replaces the base; nothing keeps it', () => {
    expect(overlay({ a: 1 }, [1, 2])).toEqual([1, 2]);
    expect(overlay({ a: 1 }, null)).toBeNull();
    expect(overlay({ a: { b: 1 } }, { a: undefined })).toEqual({ a: { b: 1 } });
    expect(overlay(undefined, { a: 1 })).toEqual({ a: 1 });
  });
});
