// The shape of the document model as data, so that the template checker can tell a template
// author "household.nmae does not exist" at file:line:column before anything is rendered.
// It mirrors the DocumentModel interface in model.ts; a test walks a built model against this
// shape in both directions so that the two cannot drift apart. Pure module.

/** A printable leaf (string, number, boolean or null), an object of named fields, or an array of one shape. */
export type Shape = 'value' | ShapeObject | readonly [Shape];
export interface ShapeObject {
  readonly [field: string]: Shape;
}

const V = 'value' as const;

const PERSON = { name: V, idNumber: V, idMasked: V } as const;

const MEMBER = { ...PERSON, relation: V, coOwner: V, consents: V } as const;

const COLLECTIVE = { town: V, village: V, group: V, full: V } as const;

const PARCEL_ROW = {
  seq: V,
  name: V,
  landClass: V,
  isArable: V,
  area: V,
  bounds: { east: V, south: V, west: V, north: V },
  contractNo: V,
  certificateNo: V,
  registerNo: V,
  grade: V,
} as const;

const PARCEL_SET = {
  rows: [PARCEL_ROW],
  count: V,
  countWords: V,
  names: V,
  totalArea: V,
  totalAreaWords: V,
  classTotals: { paddy: V, dry: V, other: V },
} as const;

export const MODEL_SHAPE: ShapeObject = {
  policy: {
    id: V,
    name: V,
    shortName: V,
    regionName: V,
    region: { province: V, city: V, county: V },
    articles: [{ key: V, text: V }],
    articlesText: V,
  },
  form: { id: V, title: V, heading: V, copies: V, copiesWords: V },
  contractNumber: { kind: V, year: V, seq: V, text: V },
  date: V,
  household: {
    head: PERSON,
    members: [MEMBER],
    memberNames: V,
    coOwners: [MEMBER],
    coOwnerNames: V,
    size: V,
    labour: V,
    hukou: V,
    hukouLabel: V,
    collective: COLLECTIVE,
  },
  contract: { number: V, start: V, end: V },
  certificateNo: V,
  land: PARCEL_SET,
  exit: {
    mode: V,
    modeLabel: V,
    modeTitle: V,
    modeChoice: V,
    isPermanent: V,
    isCurrentTerm: V,
    isCustody: V,
    isReturn: V,
    modes: [{ id: V, label: V, title: V, chosen: V, isPermanent: V, isCurrentTerm: V, isCustody: V, isReturn: V }],
    isFull: V,
    payer: V,
    payerLabel: V,
    noticeDate: V,
    noticePeriod: V,
    noticeSource: V,
    applicationDate: V,
    paymentDate: V,
    reason: V,
    leaveMembership: V,
    membershipMustLeave: V,
    parcels: PARCEL_SET,
    compensation: { amount: V, words: V, perMu: V },
    vote: { body: V, entitled: V, present: V, yes: V, no: V, abstain: V },
  },
  transfer: {
    transferee: { head: PERSON, collective: COLLECTIVE, memberNames: V },
    parcels: PARCEL_SET,
    pricePerMu: V,
    total: V,
    totalWords: V,
    termStart: V,
    termEnd: V,
    termYears: V,
    applicationDate: V,
    deliveryDate: V,
    paymentDate: V,
    penaltyPerDay: V,
    purpose: V,
    objectionPeriod: V,
  },
};

/** Lists every path of a shape ("household.head.name", "land.rows[].area"), for help texts and tests. */
export function shapePaths(shape: Shape = MODEL_SHAPE, prefix = ''): string[] {
  if (shape === 'value') return [prefix];
  if (Array.isArray(shape)) return shapePaths((shape as readonly [Shape])[0], prefix + '[]');
  const out: string[] = [];
  for (const [k, v] of Object.entries(shape as ShapeObject)) {
    out.push(...shapePaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
}
