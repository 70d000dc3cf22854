import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../../dsl/case-model.ts';
import { Dec } from '../../../dsl/expr/index.ts';
import { caseFields, type Field } from '../../../dsl/case-schema.ts';
import { caseReader, caseSlot, prepareCase, type CaseView } from '../../../dsl/expr/prepare.ts';
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

// ——— lazy preparation: each path converted on first read, with the eager conversion's values

/** Every case path an expression can name: record keys from the root (lists end a path). */
function allPaths(fields: Field[] = caseFields, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const f of fields) {
    const p = [...prefix, f.key];
    out.push(p);
    if (f.type.kind === 'record') out.push(...allPaths(f.type.fields, p));
  }
  return out;
}

/** The value at a path of the eagerly converted case (what compiled code read before). */
function eager(data: Record<string, unknown>, path: string[]): unknown {
  let x: unknown = data;
  for (const k of path) {
    if (x == null || typeof x !== 'object') return null;
    x = (x as Record<string, unknown>)[k];
  }
  return x ?? null;
}

const shapes: [string, (c: CaseData) => void][] = [
  ['the example household', () => {}],
  [
    'numbers as JSON numbers, an age',
    (x) => {
      (x.market as unknown as Record<string, unknown>)['rentPerMuYear'] = 650;
      x.household.members[0]!.age = 58;
      x.household.headAge = 58;
    },
  ],
  [
    'unreadable numbers',
    (x) => {
      x.market.rentPerMuYear = 'abc';
      (x.parcels[0] as unknown as Record<string, unknown>)['area'] = true;
      x.household.nonFarmIncomeShare = '';
    },
  ],
  [
    'records and lists of the wrong shape',
    (x) => {
      (x as unknown as Record<string, unknown>)['market'] = ['650'];
      (x.household as unknown as Record<string, unknown>)['members'] = { a: 1 };
      (x.exit as unknown as Record<string, unknown>)['parcels'] = '坡地';
      (x.parcels[1] as unknown as Record<string, unknown>)['bounds'] = 'east';
      (x.parcels as unknown[]).push(null, 'x', [1]);
    },
  ],
  [
    'scalars where records are expected',
    (x) => {
      (x as unknown as Record<string, unknown>)['household'] = 'someone';
      (x as unknown as Record<string, unknown>)['contract'] = 7;
      (x as unknown as Record<string, unknown>)['parcels'] = null;
    },
  ],
  [
    'missing sections',
    (x) => {
      delete x.exit;
      delete x.transfer;
      delete (x as Partial<CaseData>).market;
    },
  ],
  [
    'keys the schema does not know',
    (x) => {
      (x.market as unknown as Record<string, unknown>)['note'] = { a: '1' };
      x.household.members.push(null as unknown as CaseData['household']['members'][number]);
    },
  ],
];

describe('prepareCase reads lazily what the eager conversion held', () => {
  for (const [what, patch] of shapes) {
    it(`every schema path and derived collection: ${what}`, () => {
      const lazy = prep(patch);
      const reference = prep(patch);
      const data = reference.data; // built eagerly, before any read
      for (const path of allPaths()) {
        expect(lazy.at(caseSlot(path)), path.join('.')).toEqual(eager(data, path));
        // A second read is the kept value itself.
        expect(lazy.at(caseSlot(path))).toBe(lazy.at(caseSlot(path)));
        // Read after the whole case was converted: the same values.
        expect(reference.at(caseSlot(path)), path.join('.')).toEqual(eager(data, path));
      }
      for (const key of ['exitParcels', 'transferParcels', 'coOwners'] as const) {
        expect(lazy[key], key).toEqual(reference[key]);
      }
    });
  }

  it('the case root not being a record reads as an empty case', () => {
    for (const raw of [null, 'x', 3, []]) {
      const c = prepareCase(raw as unknown as CaseData) as CaseView;
      expect(c.at(caseSlot(['market', 'rentPerMuYear']))).toBe(null);
      expect(c.at(caseSlot(['parcels']))).toBe(null);
      expect([c.exitParcels, c.transferParcels, c.coOwners]).toEqual([[], [], []]);
    }
  });

  it('touches nothing no expression reads: an age that cannot be read does not stop the rent', () => {
    const c = structuredClone(qinzhouRaw);
    Object.defineProperty(c.household, 'headAge', {
      enumerable: true,
      get: () => {
        throw new Error('read headAge');
      },
    });
    Object.defineProperty(c.market, 'landPricePerMu', {
      enumerable: true,
      get: () => {
        throw new Error('read landPricePerMu');
      },
    });
    const p = prepareCase(c) as CaseView;
    expect(String(p.at(caseSlot(['market', 'rentPerMuYear'])))).toBe('650');
    expect(p.at(caseSlot(['household', 'stableNonFarmIncome']))).toBe(qinzhouRaw.household.stableNonFarmIncome ?? null);
    expect(p.exitParcels.map((x) => String(x['area']))).toEqual(['1.2', '1.15']);
    expect(p.coOwners).toHaveLength(3);
    expect(() => p.data).toThrow('read headAge'); // the eager conversion would have read it
  });

  it('compiled readers: converted paths are kept, plain ones read through', () => {
    const p = prep();
    const parcels = caseReader(['parcels']);
    expect(parcels(p)).toBe(parcels(p));
    expect(caseReader(['exit', 'mode'])(p)).toBe('permanent');
    expect(caseReader(['household', 'hukou'])(p)).toBe(qinzhouRaw.household.hukou);
    expect(caseReader(['contract', 'end'])(p)).toBe(qinzhouRaw.contract.end);
    expect(caseReader(['transfer', 'transferee', 'head', 'name'])(p)).toBe(qinzhouRaw.transfer!.transferee.head.name);
    const broken = prep((x) => ((x as unknown as Record<string, unknown>)['exit'] = ['permanent']));
    expect(caseReader(['exit', 'mode'])(broken)).toBe(null);
  });

  it('a member without numbers is shared, not copied; a parcel with an area is converted', () => {
    const c = structuredClone(qinzhouRaw);
    const p = prepareCase(c) as CaseView;
    const members = p.at(caseSlot(['household', 'members'])) as unknown[];
    expect(members[0]).toBe(c.household.members[0]);
    expect((p.at(caseSlot(['parcels'])) as Record<string, unknown>[])[0]!['area']).toBeInstanceOf(Dec);
    expect(typeof c.parcels[0]!.area).toBe('string'); // the raw case is untouched
  });
});
