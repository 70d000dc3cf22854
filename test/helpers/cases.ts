// Case files for property tests: the shared household spoilt in each way the validation must
// catch (with the pointer the refusal must name), and valid variations of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CaseData } from '../../dsl/case-model.ts';

const shared: CaseData = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'household-qinzhou.json'), 'utf8'));

/** A fresh copy of examples/household-qinzhou.json, edited. */
export const sharedCase = (edit: (c: CaseData) => void = () => {}): CaseData => {
  const c = structuredClone(shared);
  edit(c);
  return c;
};

/** One way to spoil the shared case, and the pointer the refusal must name. */
export const spoilers: fc.Arbitrary<{ what: string; pointer: string; edit: (c: CaseData) => void }> = fc.oneof(
  fc
    .record({
      i: fc.integer({ min: 0, max: 1 }),
      a: fc.oneof(fc.constant('0'), fc.integer({ min: -99999, max: -1 }).map(String), fc.integer({ min: 10001, max: 10 ** 9 }).map(String)),
    })
    .map(({ i, a }) => ({
      what: `area ${a}`,
      pointer: `/parcels/${i}/area`,
      edit: (c: CaseData) => (c.parcels[i]!.area = a),
    })),
  fc
    .bigInt({ min: 10n ** 10n + 1n, max: 10n ** 19n })
    .map((p) => ({ what: `price ${p}`, pointer: '/transfer/pricePerMu', edit: (c: CaseData) => (c.transfer!.pricePerMu = String(p)) })),
  fc.record({ y: fc.integer({ min: 1950, max: 2099 }), m: fc.constantFrom(2, 4, 6, 9, 11), d: fc.constant(31) }).map(({ y, m, d }) => {
    const date = `${y}-${String(m).padStart(2, '0')}-${d}`;
    return { what: `date ${date}`, pointer: '/exit/noticeDate', edit: (c: CaseData) => (c.exit!.noticeDate = date) };
  }),
  fc.record({ i: fc.integer({ min: 0, max: 2 }), wrong: fc.integer({ min: 1, max: 10 }) }).map(({ i, wrong }) => ({
    what: `check digit +${wrong}`,
    pointer: `/household/members/${i}/idNumber`,
    edit: (c: CaseData) => {
      const id = c.household.members[i]!.idNumber;
      const chars = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
      c.household.members[i]!.idNumber = id.slice(0, 17) + chars[(chars.indexOf(id[17]!) + wrong) % 11];
    },
  })),
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((n) => n !== '门口田' && n !== '坡地')
    .map((n) => ({
      what: `parcel ${n}`,
      pointer: '/exit/parcels/0',
      edit: (c: CaseData) => (c.exit!.parcels = [n]),
    })),
  fc.integer({ min: 1, max: 50 }).map((extra) => ({
    what: `present +${extra}`,
    pointer: '/exit/vote/present',
    edit: (c: CaseData) => (c.exit!.vote = { body: '成员大会', entitled: 30, present: 30 + extra, yes: 30 + extra, no: 0, abstain: 0 }),
  })),
);

/** A valid variation of the shared case: areas, prices, dates and a tally inside their bounds. */
export const validCases: fc.Arbitrary<CaseData> = fc
  .record({
    a0: fc.integer({ min: 1, max: 10 ** 8 }),
    a1: fc.integer({ min: 1, max: 10 ** 8 }),
    price: fc.integer({ min: 1, max: 10 ** 12 }),
    day: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    entitled: fc.integer({ min: 1, max: 500 }),
    seed: fc.nat(),
  })
  .map(({ a0, a1, price, day, entitled, seed }) =>
    sharedCase((c) => {
      c.parcels[0]!.area = (a0 / 10_000).toFixed(4);
      c.parcels[1]!.area = (a1 / 10_000).toFixed(4);
      c.transfer!.pricePerMu = (price / 100).toFixed(2);
      c.exit!.noticeDate = day.toISOString().slice(0, 10);
      const present = seed % (entitled + 1);
      const yes = present === 0 ? 0 : seed % (present + 1);
      c.exit!.vote = { body: '成员大会', entitled, present, yes, no: present - yes, abstain: 0 };
    }),
  );
