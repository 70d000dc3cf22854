import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../../dsl/case-model.ts';
import { Dec } from '../../../dsl/expr/index.ts';
import { prepareCase, type CaseView } from '../../../dsl/expr/prepare.ts';
import { qinzhouRaw } from './helpers.ts';

const prep = (patch: (c: CaseData) => void = () => {}): CaseView => {
  const c = structuredClone(qinzhouRaw);
  patch(c);
  return prepareCase(c) as CaseView;
};

describe('prepareCase', () => {
  it('parses decimals and integers once into our Decimal', () => {
    const c = prep((x) => {
      x.household.headAge = 58;
    });
    const market = c.data['market'] as Record<string, unknown>;
    expect(market['rentPerMuYear']).toBeInstanceOf(Dec);
    expect(String(market['subsidyPerMuYear'])).toBe('106.5');
    expect(String(market['year'])).toBe('2026');
    expect(String((c.data['household'] as Record<string, unknown>)['headAge'])).toBe('58');
    expect(String(c.exitParcels[0]!['area'])).toBe('1.2');
    expect(c.raw.market.rentPerMuYear).toBe('650'); // the raw case is untouched
  });

  it('builds the derived collections', () => {
    const c = prep();
    expect(c.exitParcels.map((p) => p['name'])).toEqual(['门口田', '坡地']);
    expect(c.transferParcels.map((p) => p['name'])).toEqual(['坡地']);
    expect(c.coOwners.map((m) => m['name'])).toEqual(['黄某明', '李某芳', '黄某强']);
  });

  it('a parcel named twice counts once; unknown names are ignored; no exit → empty', () => {
    expect(prep((x) => (x.exit!.parcels = ['坡地', '坡地', '无此地'])).exitParcels.map((p) => p['name'])).toEqual(['坡地']);
    expect(prep((x) => delete x.exit).exitParcels).toEqual([]);
    expect(prep((x) => (x.household.members[2]!.coOwner = false)).coOwners).toHaveLength(2);
  });

  it('never throws on malformed data: unreadable numbers become null', () => {
    const c = prep((x) => {
      x.market.rentPerMuYear = 'abc';
      (x as unknown as Record<string, unknown>)['parcels'] = 'not a list';
    });
    expect((c.data['market'] as Record<string, unknown>)['rentPerMuYear']).toBe(null);
    expect(c.exitParcels).toEqual([]);
    expect(() => prepareCase(null as unknown as CaseData)).not.toThrow();
    expect(() => prepareCase({} as CaseData)).not.toThrow();
  });
});

describe('prepareCase on wrongly shaped data', () => {
  it('a list or record of the wrong shape is missing, not misread', () => {
    const c = prep((x) => {
      (x.exit as unknown as Record<string, unknown>)['parcels'] = '坡地';
      (x.parcels[0] as unknown as Record<string, unknown>)['bounds'] = 'east';
    });
    expect((c.data['exit'] as Record<string, unknown>)['parcels']).toBe(null);
    expect((c.data['parcels'] as Record<string, unknown>[])[0]!['bounds']).toBe(null);
  });
});
