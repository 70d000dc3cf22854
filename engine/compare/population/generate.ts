// Households of a population, drawn straight into typed-array columns, a field at a time: each
// field of a block is filled by its sampler in a loop of its own, every household drawing from the
// field's counter-based stream keyed by (seed, field, household index) (random.ts), so household i
// depends only on (spec, seed, i) — not on n, the chunk or the thread. The columnar evaluator
// (engine/compare/kernel) reads the columns; householdCase() turns one row into the case file the
// row-by-row evaluator and a clerk read, with the same values. Names and ID numbers are synthetic
// placeholders: no real person's data is ever generated. The streams are documented in
// docs/populations.md.
import type { CaseData, Member, Parcel } from '../../../dsl/case-model.ts';
import { idCheckDigit } from '../../../dsl/case-id-number.ts';
import { dateOf } from '../../calendar/date.ts';
import type { Rows, Sampler } from './distributions.ts';
import { seedWord, uniforms } from './random.ts';
import { EXIT_MODES, HUKOU, LAND_CLASSES, PAYERS, ZONES, type PopulationSpec } from './spec.ts';

const RELATIONS = ['户主', '配偶', '子', '女', '父', '母', '孙子', '孙女'];
const NO_BOUNDS = { east: '—', south: '—', west: '—', north: '—' };
const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A member's relation to the head, by position in the household. */
export function relationOf(m: number): string {
  return RELATIONS[Math.min(m, RELATIONS.length - 1)]!;
}

/** 1 → 一, 12 → 十二, 23 → 二十三 (villages and groups are numbered well below 100 in practice). */
export function chineseOrdinal(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  if (n < 100) {
    const t = Math.floor(n / 10);
    const u = n % 10;
    return `${t === 1 ? '' : CHINESE_DIGITS[t]}十${u ? CHINESE_DIGITS[u] : ''}`;
  }
  return String(n);
}

export const villageName = (v: number): string => `${chineseOrdinal(v)}村`;
export const groupName = (g: number): string => `第${chineseOrdinal(g)}村民小组`;
export const parcelName = (k: number): string => `地块${k + 1}`;
/**
 * A placeholder 公民身份号码 that a case file accepts (dsl/case-id-number.ts) but no person holds:
 * the address code 110000 names the province of Beijing, never the county a number is issued in.
 * Birth year from the head's age; the sequence tells the members apart.
 */
export function syntheticIdNumber(birthYear: number, member: number): string {
  const body = `110000${birthYear}0101${String(member + 1).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}

export const householdId = (index: number): string => `H${String(index + 1).padStart(7, '0')}`;

/** Weighted place index from cumulative weights. */
export function placeTable(spec: PopulationSpec): number[] {
  const cum: number[] = [];
  let t = 0;
  for (const p of spec.places) cum.push((t += p.weight));
  return cum;
}

/**
 * A number as the case file carries it: by the sampler's rounding step, else the integer, else at
 * most 6 places.
 */
export function decimalText(x: number, s: Sampler): string {
  if (s.format) return s.format(x);
  if (Number.isInteger(x)) return String(x);
  return String(Math.round(x * 1e6) / 1e6);
}

/**
 * Households [from, from + n) as columns. Numbers hold the draw as drawn (householdCase prints it;
 * the evaluator scales it to an exact integer, kernel/inputs.ts); enums hold the index of their
 * value in spec.ts's lists; optional inputs a place or the spec does not draw are NaN (the zone
 * too). Parcels are ragged: household i owns parcels parcelStart[i] .. parcelStart[i+1].
 * Codes, flags and day numbers a kernel reads as they are (hukou, the three conditions, the exit's
 * mode and payer, the zone, the dates) are float64 like the kernel's own values, so that its input node is the column itself rather
 * than a copy of it (kernel/inputs.ts column).
 */
export interface HouseholdColumns {
  from: number;
  n: number;
  place: Uint16Array;
  village: Uint16Array;
  group: Uint16Array;
  size: Float64Array;
  headAge: Float64Array;
  hukou: Float64Array;
  nonFarmIncomeShare: Float64Array;
  stableNonFarmIncome: Float64Array;
  urbanHome: Float64Array;
  socialInsurance: Float64Array;
  /** The co-owner (member index) who withholds consent, or -1 when all consent. */
  refuser: Int8Array;
  rentPerMuYear: Float64Array;
  subsidyPerMuYear: Float64Array;
  acquisitionStandardPerMu: Float64Array;
  landPricePerMu: Float64Array;
  zone: Float64Array;
  parcelStart: Int32Array;
  /** Parcels the exit asks for (each named once). */
  exitCount: Uint8Array;
  mode: Float64Array;
  payer: Float64Array;
  noticeDate: Float64Array;
  negotiatedPricePerMu: Float64Array;
  contractStart: Float64Array;
  contractEnd: Float64Array;
  parcels: ParcelColumns;
}

export interface ParcelColumns {
  /** Parcels in use (the arrays may be longer). */
  count: number;
  /** The household (row of this chunk) owning each parcel. */
  owner: Int32Array;
  /** Position of the parcel in its household (地块1 is 0). */
  index: Uint8Array;
  area: Float64Array;
  landClass: Uint8Array;
  isArable: Uint8Array;
  inExit: Uint8Array;
}

function parcelColumns(capacity: number): ParcelColumns {
  return {
    count: 0,
    owner: new Int32Array(capacity),
    index: new Uint8Array(capacity),
    area: new Float64Array(capacity),
    landClass: new Uint8Array(capacity),
    isArable: new Uint8Array(capacity),
    inExit: new Uint8Array(capacity),
  };
}

function grow(p: ParcelColumns, need: number): ParcelColumns {
  if (need <= p.owner.length) return p;
  const q = parcelColumns(Math.max(need, p.owner.length * 2));
  q.count = p.count;
  q.owner.set(p.owner);
  q.index.set(p.index);
  q.area.set(p.area);
  q.landClass.set(p.landClass);
  q.isArable.set(p.isArable);
  q.inExit.set(p.inExit);
  return q;
}

export function allocColumns(n: number): HouseholdColumns {
  return {
    from: 0,
    n: 0,
    place: new Uint16Array(n),
    village: new Uint16Array(n),
    group: new Uint16Array(n),
    size: new Float64Array(n),
    headAge: new Float64Array(n),
    hukou: new Float64Array(n),
    nonFarmIncomeShare: new Float64Array(n),
    stableNonFarmIncome: new Float64Array(n),
    urbanHome: new Float64Array(n),
    socialInsurance: new Float64Array(n),
    refuser: new Int8Array(n),
    rentPerMuYear: new Float64Array(n),
    subsidyPerMuYear: new Float64Array(n),
    acquisitionStandardPerMu: new Float64Array(n),
    landPricePerMu: new Float64Array(n),
    zone: new Float64Array(n),
    parcelStart: new Int32Array(n + 1),
    exitCount: new Uint8Array(n),
    mode: new Float64Array(n),
    payer: new Float64Array(n),
    noticeDate: new Float64Array(n),
    negotiatedPricePerMu: new Float64Array(n),
    contractStart: new Float64Array(n),
    contractEnd: new Float64Array(n),
    parcels: parcelColumns(n * 4),
  };
}

/**
 * The stream of each field (random.ts): draw d of field f for household i is keyed by (seed,
 * f + 2^16 d) with counter (i mod 2^32, ⌊i / 2^32⌋); a parcel's fields add its position k × 2^21 to
 * the counter's second word. Changing a number changes every population (docs/populations.md).
 */
export const STREAM = {
  place: 1,
  village: 2,
  group: 3,
  size: 4,
  headAge: 5,
  nonFarmIncomeShare: 6,
  hukou: 7,
  stableNonFarmIncome: 8,
  urbanHome: 9,
  socialInsurance: 10,
  coOwnersConsent: 11,
  refuser: 12,
  rentPerMuYear: 13,
  subsidyPerMuYear: 14,
  acquisitionStandardPerMu: 15,
  landPricePerMu: 16,
  zone: 17,
  count: 18,
  area: 19,
  landClass: 20,
  isArable: 21,
  whole: 22,
  exitSubset: 23,
  mode: 24,
  payer: 25,
  noticeDate: 26,
  negotiatedPricePerMu: 27,
  contractStart: 28,
  contractEnd: 29,
} as const;

/** Parcels of a household (PARCELS.count's maximum in spec.ts is 50) fit in the counter's top bits. */
const PARCEL_SHIFT = 2 ** 21;

/** 0, 1, 2, … up to at least n (the positions of a whole block). */
function identity(known: Int32Array | undefined, n: number): Int32Array {
  if (known && known.length >= n) return known;
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}

/** A block's scratch rows and buffers, kept between blocks (one generator runs per thread). */
interface HouseholdScratch {
  all: Int32Array;
  /** Counter words of each household (random.ts). */
  lo: Int32Array;
  hi: Int32Array;
  f64: Float64Array;
  /** The household rows of each place. */
  byPlace: Int32Array[];
  placeCount: Int32Array;
  /** Villages and groups of each place. */
  villages: Float64Array;
  groups: Float64Array;
  /** Some of the household rows (those a conditional draw is for). */
  sub: Int32Array;
}

interface ParcelScratch {
  all: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  f64: Float64Array;
}

let households: HouseholdScratch | null = null;
let parcelRows: ParcelScratch | null = null;

function householdScratch(n: number, places: number): HouseholdScratch {
  const s = households;
  if (s && s.f64.length >= n && s.byPlace.length >= places) return s;
  const cap = Math.max(n, s?.f64.length ?? 0);
  const P = Math.max(places, s?.byPlace.length ?? 0);
  return (households = {
    all: identity(s?.all, cap),
    lo: new Int32Array(cap),
    hi: new Int32Array(cap),
    f64: new Float64Array(cap),
    byPlace: Array.from({ length: P }, () => new Int32Array(cap)),
    placeCount: new Int32Array(P),
    villages: new Float64Array(P),
    groups: new Float64Array(P),
    sub: new Int32Array(cap),
  });
}

function parcelScratch(n: number): ParcelScratch {
  const s = parcelRows;
  if (s && s.f64.length >= n) return s;
  const cap = Math.max(n, Math.ceil((s?.f64.length ?? 0) * 1.5));
  return (parcelRows = { all: identity(s?.all, cap), lo: new Int32Array(cap), hi: new Int32Array(cap), f64: new Float64Array(cap) });
}

/** Fills `out` at the rows with `value` (an optional input a place does not give). */
function fillMissing(rows: Rows, out: Float64Array, value: number): void {
  const { m, at } = rows;
  for (let j = 0; j < m; j++) out[at[j]!] = value;
}

/**
 * Draws households [from, to) into `into` (reused when large enough: a chunk's columns are
 * allocated once per thread), field by field. The streams are fixed (STREAM): changing one
 * changes every population.
 */
export function generateColumns(
  spec: PopulationSpec,
  seed: number,
  from: number,
  to: number,
  into?: HouseholdColumns,
  cum = placeTable(spec),
): HouseholdColumns {
  const n = to - from;
  const c = into && into.place.length >= n ? into : allocColumns(n);
  c.from = from;
  c.n = n;
  const key = seedWord(seed);
  const places = spec.places;
  const P = places.length;
  const g = householdScratch(n, P);
  for (let i = 0; i < n; i++) {
    const x = from + i;
    g.lo[i] = x | 0;
    g.hi[i] = Math.floor(x / 4294967296);
  }
  const by = { size: c.size, headAge: c.headAge, nonFarmIncomeShare: c.nonFarmIncomeShare };
  const rows: Rows = { seed: key, stream: 0, m: n, at: g.all, lo: g.lo, hi: g.hi, owner: null, by };
  const of = (stream: number): Rows => ({ ...rows, stream });
  const h = spec.household;
  const sp = spec.parcels;
  const e = spec.exit;
  const f64 = g.f64;
  const lo = g.lo;
  const hi = g.hi;

  // 1. Place (by weight), village and group.
  const total = cum[cum.length - 1]!;
  const lastPlace = cum.length - 1;
  const placeCount = g.placeCount;
  placeCount.fill(0);
  let u = uniforms(of(STREAM.place), 0);
  for (let i = 0; i < n; i++) {
    const x = u[i]! * total;
    let p = 0;
    for (let k = 0; k < lastPlace; k++) p += +(x >= cum[k]!); // as a choice (distributions.ts)
    c.place[i] = p;
    g.byPlace[p]![placeCount[p]!++] = i;
  }
  const villages = g.villages;
  const groups = g.groups;
  for (let p = 0; p < P; p++) {
    villages[p] = places[p]!.villages;
    groups[p] = places[p]!.groups;
  }
  u = uniforms(of(STREAM.village), 0);
  for (let i = 0; i < n; i++) c.village[i] = 1 + Math.floor(u[i]! * villages[c.place[i]!]!);
  u = uniforms(of(STREAM.group), 0);
  for (let i = 0; i < n; i++) c.group[i] = 1 + Math.floor(u[i]! * groups[c.place[i]!]!);

  // 2. The household: the fields `by:` brackets read first, then the others.
  h.size.fill(of(STREAM.size), c.size);
  h.headAge.fill(of(STREAM.headAge), c.headAge);
  h.nonFarmIncomeShare.fill(of(STREAM.nonFarmIncomeShare), c.nonFarmIncomeShare);
  const view = f64.subarray(0, n);
  h.hukou.fill(of(STREAM.hukou), f64);
  c.hukou.set(view);
  h.stableNonFarmIncome.fill(of(STREAM.stableNonFarmIncome), f64);
  c.stableNonFarmIncome.set(view);
  h.urbanHome.fill(of(STREAM.urbanHome), f64);
  c.urbanHome.set(view);
  h.socialInsurance.fill(of(STREAM.socialInsurance), f64);
  c.socialInsurance.set(view);
  h.coOwnersConsent.fill(of(STREAM.coOwnersConsent), f64);
  // One co-owner other than the head withholds consent when the household is not unanimous.
  const sub = g.sub;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (f64[i] === 1 || c.size[i] === 1) c.refuser[i] = -1;
    else sub[k++] = i;
  }
  u = uniforms({ ...rows, stream: STREAM.refuser, at: sub, m: k }, 0);
  for (let j = 0; j < k; j++) {
    const i = sub[j]!;
    c.refuser[i] = 1 + Math.floor(u[j]! * (c.size[i]! - 1));
  }

  // 3. The market inputs of each household's place.
  const market = (
    field: 'rentPerMuYear' | 'subsidyPerMuYear' | 'acquisitionStandardPerMu' | 'landPricePerMu' | 'zone',
    out: Float64Array,
  ) => {
    for (let p = 0; p < P; p++) {
      if (placeCount[p] === 0) continue;
      const part: Rows = { ...rows, stream: STREAM[field], m: placeCount[p]!, at: g.byPlace[p]! };
      const s = places[p]!.market[field];
      if (s) s.fill(part, out);
      else fillMissing(part, out, NaN);
    }
  };
  market('rentPerMuYear', c.rentPerMuYear);
  market('subsidyPerMuYear', c.subsidyPerMuYear);
  market('acquisitionStandardPerMu', c.acquisitionStandardPerMu);
  market('landPricePerMu', c.landPricePerMu);
  market('zone', c.zone);

  // 4. Parcels: how many, then per parcel (its own counter) area, land class, arable.
  sp.count.fill(of(STREAM.count), f64);
  let parcels = 0;
  for (let i = 0; i < n; i++) {
    c.parcelStart[i] = parcels;
    parcels += f64[i]!;
  }
  c.parcelStart[n] = parcels;
  const pc = (c.parcels = grow(c.parcels, parcels));
  pc.count = parcels;
  const ps = parcelScratch(parcels);
  for (let i = 0; i < n; i++) {
    for (let k = 0, at = c.parcelStart[i]!, end = c.parcelStart[i + 1]!; at < end; at++, k++) {
      pc.owner[at] = i;
      pc.index[at] = k;
      ps.lo[at] = lo[i]!;
      ps.hi[at] = hi[i]! + k * PARCEL_SHIFT;
    }
  }
  const prow: Rows = { seed: key, stream: 0, m: parcels, at: ps.all, lo: ps.lo, hi: ps.hi, owner: pc.owner, by };
  const pview = ps.f64.subarray(0, parcels);
  sp.area.fill({ ...prow, stream: STREAM.area }, pc.area);
  sp.landClass.fill({ ...prow, stream: STREAM.landClass }, ps.f64);
  pc.landClass.set(pview);
  sp.isArable.fill({ ...prow, stream: STREAM.isArable }, ps.f64);
  pc.isArable.set(pview);

  // 5. Whole or partial exit (drawn for every household, read only with two parcels or more); a
  // partial exit asks for a random non-empty proper subset, drawn as a bit mask.
  e.whole!.fill(of(STREAM.whole), f64);
  k = 0;
  for (let i = 0; i < n; i++) {
    const at = c.parcelStart[i]!;
    const count = c.parcelStart[i + 1]! - at;
    if (count === 1 || f64[i] === 1) {
      for (let q = at; q < at + count; q++) pc.inExit[q] = 1;
      c.exitCount[i] = count;
    } else sub[k++] = i;
  }
  u = uniforms({ ...rows, stream: STREAM.exitSubset, at: sub, m: k }, 0);
  for (let j = 0; j < k; j++) {
    const i = sub[j]!;
    const at = c.parcelStart[i]!;
    const count = c.parcelStart[i + 1]! - at;
    const full = (1 << Math.min(count, 30)) - 1;
    const mask = 1 + Math.floor(u[j]! * (full - 1));
    let listed = 0;
    for (let k = 0; k < count; k++) {
      const inExit = k < 30 && (mask >> k) & 1 ? 1 : 0;
      pc.inExit[at + k] = inExit;
      listed += inExit;
    }
    c.exitCount[i] = listed;
  }

  // 6. What the household asks for, 7. the contract.
  e.mode!.fill(of(STREAM.mode), f64);
  c.mode.set(view);
  e.payer!.fill(of(STREAM.payer), f64);
  c.payer.set(view);
  e.noticeDate!.fill(of(STREAM.noticeDate), f64);
  c.noticeDate.set(view);
  if (e.negotiatedPricePerMu) e.negotiatedPricePerMu.fill(of(STREAM.negotiatedPricePerMu), c.negotiatedPricePerMu);
  else c.negotiatedPricePerMu.fill(NaN, 0, n);
  spec.contract.start.fill(of(STREAM.contractStart), f64);
  c.contractStart.set(view);
  spec.contract.end.fill(of(STREAM.contractEnd), f64);
  c.contractEnd.set(view);
  return c;
}

/** Row i of the columns as a full case file (domain.md §8). */
export function householdCase(spec: PopulationSpec, c: HouseholdColumns, i: number): CaseData {
  const index = c.from + i;
  const p = spec.places[c.place[i]!]!;
  const id = householdId(index);
  const size = c.size[i]!;
  const refuser = c.refuser[i]!;
  const members: Member[] = [];
  for (let m = 0; m < size; m++) {
    members.push({
      name: `${id}-${m + 1}`,
      idNumber: syntheticIdNumber(spec.year - Math.round(c.headAge[i]!), m),
      relation: relationOf(m),
      coOwner: true,
      consents: m !== refuser,
    });
  }
  const market: CaseData['market'] = {
    year: spec.year,
    rentPerMuYear: decimalText(c.rentPerMuYear[i]!, p.market.rentPerMuYear!),
    subsidyPerMuYear: decimalText(c.subsidyPerMuYear[i]!, p.market.subsidyPerMuYear!),
  };
  if (p.market.acquisitionStandardPerMu)
    market.acquisitionStandardPerMu = decimalText(c.acquisitionStandardPerMu[i]!, p.market.acquisitionStandardPerMu);
  if (p.market.landPricePerMu) market.landPricePerMu = decimalText(c.landPricePerMu[i]!, p.market.landPricePerMu);
  if (p.market.zone) market.zone = ZONES[c.zone[i]!]!;

  const pc = c.parcels;
  const parcels: Parcel[] = [];
  const exitParcels: string[] = [];
  for (let k = c.parcelStart[i]!; k < c.parcelStart[i + 1]!; k++) {
    const name = parcelName(pc.index[k]!);
    parcels.push({
      name,
      landClass: LAND_CLASSES[pc.landClass[k]!]!,
      isArable: pc.isArable[k] === 1,
      area: decimalText(pc.area[k]!, spec.parcels.area),
      bounds: NO_BOUNDS,
      contractNo: id,
    });
    if (pc.inExit[k]) exitParcels.push(name);
  }
  const e = spec.exit;
  const exit: NonNullable<CaseData['exit']> = {
    parcels: exitParcels,
    mode: EXIT_MODES[c.mode[i]!]!,
    payer: PAYERS[c.payer[i]!]!,
    noticeDate: dateOf(c.noticeDate[i]!),
  };
  if (e.negotiatedPricePerMu) exit.negotiatedPricePerMu = decimalText(c.negotiatedPricePerMu[i]!, e.negotiatedPricePerMu);

  return {
    household: {
      head: { name: members[0]!.name, idNumber: members[0]!.idNumber },
      members,
      collective: { town: p.town, village: villageName(c.village[i]!), group: groupName(c.group[i]!) },
      hukou: HUKOU[c.hukou[i]!]!,
      urbanHome: c.urbanHome[i] === 1,
      stableNonFarmIncome: c.stableNonFarmIncome[i] === 1,
      socialInsurance: c.socialInsurance[i] === 1,
      nonFarmIncomeShare: decimalText(c.nonFarmIncomeShare[i]!, spec.household.nonFarmIncomeShare),
      headAge: c.headAge[i]!,
      size,
    },
    contract: { number: id, start: dateOf(c.contractStart[i]!), end: dateOf(c.contractEnd[i]!) },
    parcels,
    market,
    exit,
  };
}

export interface GeneratedHousehold {
  kase: CaseData;
  /** Index of the place (town) in spec.places. */
  place: number;
}

/** Household `index` of the population for `seed`, as a case file. */
export function generateHousehold(spec: PopulationSpec, seed: number, index: number, cum = placeTable(spec)): GeneratedHousehold {
  const c = generateColumns(spec, seed, index, index + 1, undefined, cum);
  return { kase: householdCase(spec, c, 0), place: c.place[0]! };
}
