// Households of a population, drawn straight into typed-array columns: household i is drawn from
// its own random stream (seed, i), field after field in a fixed order, so it depends only on
// (spec, seed, i) — not on n, the chunk or the thread. The columnar evaluator (engine/compare/
// kernel) reads the columns; householdCase() turns one row into the case file the row-by-row
// evaluator and a clerk read, with the same values. Names and ID numbers are synthetic
// placeholders: no real person's data is ever generated. The draw order is documented in
// docs/populations.md.
import type { CaseData, Member, Parcel } from '../../../dsl/case-model.ts';
import { idCheckDigit } from '../../../dsl/case-id-number.ts';
import { dayToDate, type ByContext, type Sampler } from './distributions.ts';
import { Rng } from './random.ts';
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
 * value in spec.ts's lists; optional inputs a place or the spec does not draw are NaN (numbers)
 * or -1 (zone). Parcels are ragged: household i owns parcels parcelStart[i] .. parcelStart[i+1].
 */
export interface HouseholdColumns {
  from: number;
  n: number;
  place: Uint16Array;
  village: Uint16Array;
  group: Uint16Array;
  size: Float64Array;
  headAge: Float64Array;
  hukou: Uint8Array;
  nonFarmIncomeShare: Float64Array;
  stableNonFarmIncome: Uint8Array;
  urbanHome: Uint8Array;
  socialInsurance: Uint8Array;
  /** The co-owner (member index) who withholds consent, or -1 when all consent. */
  refuser: Int8Array;
  rentPerMuYear: Float64Array;
  subsidyPerMuYear: Float64Array;
  acquisitionStandardPerMu: Float64Array;
  landPricePerMu: Float64Array;
  zone: Int8Array;
  parcelStart: Int32Array;
  /** Parcels the exit asks for (each named once). */
  exitCount: Uint8Array;
  mode: Uint8Array;
  payer: Uint8Array;
  noticeDate: Int32Array;
  negotiatedPricePerMu: Float64Array;
  contractStart: Int32Array;
  contractEnd: Int32Array;
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
    hukou: new Uint8Array(n),
    nonFarmIncomeShare: new Float64Array(n),
    stableNonFarmIncome: new Uint8Array(n),
    urbanHome: new Uint8Array(n),
    socialInsurance: new Uint8Array(n),
    refuser: new Int8Array(n),
    rentPerMuYear: new Float64Array(n),
    subsidyPerMuYear: new Float64Array(n),
    acquisitionStandardPerMu: new Float64Array(n),
    landPricePerMu: new Float64Array(n),
    zone: new Int8Array(n),
    parcelStart: new Int32Array(n + 1),
    exitCount: new Uint8Array(n),
    mode: new Uint8Array(n),
    payer: new Uint8Array(n),
    noticeDate: new Int32Array(n),
    negotiatedPricePerMu: new Float64Array(n),
    contractStart: new Int32Array(n),
    contractEnd: new Int32Array(n),
    parcels: parcelColumns(n * 4),
  };
}

/**
 * Draws households [from, to) into `into` (reused when large enough: a chunk's columns are
 * allocated once per thread). The order of draws is fixed (docs/populations.md): changing it
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
  let pc = c.parcels;
  pc.count = 0;
  const rng = new Rng(seed, from);
  const ctx: ByContext = {};
  const total = cum[cum.length - 1]!;
  const places = spec.places;
  const h = spec.household;
  const sp = spec.parcels;
  const e = spec.exit;
  const noPrice = !e.negotiatedPricePerMu;
  let at = 0;
  for (let i = 0; i < n; i++) {
    rng.reset(seed, from + i);
    const x = rng.next() * total;
    let place = 0;
    while (place < cum.length - 1 && x >= cum[place]!) place++;
    const p = places[place]!;
    c.place[i] = place;
    c.village[i] = 1 + rng.int(p.villages);
    c.group[i] = 1 + rng.int(p.groups);

    const size = (ctx.size = h.size(rng, ctx));
    c.size[i] = size;
    c.headAge[i] = ctx.headAge = h.headAge(rng, ctx);
    c.nonFarmIncomeShare[i] = ctx.nonFarmIncomeShare = h.nonFarmIncomeShare(rng, ctx);
    c.hukou[i] = h.hukou(rng, ctx);
    c.stableNonFarmIncome[i] = h.stableNonFarmIncome(rng, ctx);
    c.urbanHome[i] = h.urbanHome(rng, ctx);
    c.socialInsurance[i] = h.socialInsurance(rng, ctx);
    const consent = h.coOwnersConsent(rng, ctx);
    // One co-owner other than the head withholds consent when the household is not unanimous.
    c.refuser[i] = consent === 1 || size === 1 ? -1 : 1 + rng.int(size - 1);

    const m = p.market;
    c.rentPerMuYear[i] = m.rentPerMuYear!(rng, ctx);
    c.subsidyPerMuYear[i] = m.subsidyPerMuYear!(rng, ctx);
    c.acquisitionStandardPerMu[i] = m.acquisitionStandardPerMu ? m.acquisitionStandardPerMu(rng, ctx) : NaN;
    c.landPricePerMu[i] = m.landPricePerMu ? m.landPricePerMu(rng, ctx) : NaN;
    c.zone[i] = m.zone ? m.zone(rng, ctx) : -1;

    const count = sp.count(rng, ctx);
    pc = grow(pc, at + count);
    c.parcelStart[i] = at;
    for (let k = 0; k < count; k++) {
      pc.owner[at + k] = i;
      pc.index[at + k] = k;
      pc.area[at + k] = sp.area(rng, ctx);
      pc.landClass[at + k] = sp.landClass(rng, ctx);
      pc.isArable[at + k] = sp.isArable(rng, ctx);
    }
    const whole = count === 1 || e.whole!(rng, ctx) === 1;
    if (whole) {
      for (let k = 0; k < count; k++) pc.inExit[at + k] = 1;
      c.exitCount[i] = count;
    } else {
      // A partial exit: a random non-empty proper subset, drawn as a bit mask.
      const full = 2 ** Math.min(count, 30) - 1;
      const mask = 1 + rng.int(full - 1);
      let listed = 0;
      for (let k = 0; k < count; k++) {
        const inExit = k < 30 && (mask >> k) & 1 ? 1 : 0;
        pc.inExit[at + k] = inExit;
        listed += inExit;
      }
      c.exitCount[i] = listed;
    }
    at += count;
    c.mode[i] = e.mode!(rng, ctx);
    c.payer[i] = e.payer!(rng, ctx);
    c.noticeDate[i] = e.noticeDate!(rng, ctx);
    c.negotiatedPricePerMu[i] = noPrice ? NaN : e.negotiatedPricePerMu!(rng, ctx);
    c.contractStart[i] = spec.contract.start(rng, ctx);
    c.contractEnd[i] = spec.contract.end(rng, ctx);
  }
  c.parcelStart[n] = at;
  pc.count = at;
  c.parcels = pc;
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
    noticeDate: dayToDate(c.noticeDate[i]!),
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
    contract: { number: id, start: dayToDate(c.contractStart[i]!), end: dayToDate(c.contractEnd[i]!) },
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
