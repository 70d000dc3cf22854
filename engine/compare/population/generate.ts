// Household i of a population: a full case (domain.md §8) drawn from the household's own random
// stream, so it depends only on (spec, seed, i). Names and ID numbers are synthetic placeholders:
// no real person's data is ever generated.
import type { CaseData, Member, Parcel } from '../../../dsl/case-model.ts';
import { Rng } from './random.ts';
import type { ByContext, Sampler, Scalar } from './distributions.ts';
import type { PopulationSpec } from './spec.ts';

const RELATIONS = ['户主', '配偶', '子', '女', '父', '母', '孙子', '孙女'];
const NO_BOUNDS = { east: '—', south: '—', west: '—', north: '—' };
const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 23 → 二十三 (villages and groups are numbered well below 100 in practice). */
function chineseOrdinal(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  if (n < 100) {
    const t = Math.floor(n / 10);
    const u = n % 10;
    return `${t === 1 ? '' : CHINESE_DIGITS[t]}十${u ? CHINESE_DIGITS[u] : ''}`;
  }
  return String(n);
}

/** Weighted place index from cumulative weights. */
export function placeTable(spec: PopulationSpec): number[] {
  const cum: number[] = [];
  let t = 0;
  for (const p of spec.places) cum.push((t += p.weight));
  return cum;
}

const str = (v: unknown) => String(v);

/** A sampled number as case files carry decimals: by the spec's `round:` step, else at most 6 places. */
function dec(v: unknown, s?: Sampler<Scalar>): string {
  const n = v as number;
  if (s?.format) return s.format(n);
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}

export interface GeneratedHousehold {
  kase: CaseData;
  /** Index of the place (town) in spec.places. */
  place: number;
}

/** Household `index` of the population for `seed`. */
export function generateHousehold(spec: PopulationSpec, seed: number, index: number, cum = placeTable(spec)): GeneratedHousehold {
  const rng = new Rng(seed, index);
  const total = cum[cum.length - 1]!;
  const x = rng.next() * total;
  let place = 0;
  while (place < cum.length - 1 && x >= cum[place]!) place++;
  const p = spec.places[place]!;
  const village = 1 + rng.int(p.villages);
  const group = 1 + rng.int(p.groups);

  const ctx: ByContext = {};
  const h = spec.household;
  const size = (ctx.size = h.size(rng, ctx) as number);
  const headAge = (ctx.headAge = h.headAge(rng, ctx) as number);
  const share = (ctx.nonFarmIncomeShare = h.nonFarmIncomeShare(rng, ctx) as number);
  const hukou = h.hukou(rng, ctx) as 'rural' | 'urban';
  const stable = h.stableNonFarmIncome(rng, ctx) as boolean;
  const urbanHome = h.urbanHome(rng, ctx) as boolean;
  const social = h.socialInsurance(rng, ctx) as boolean;
  const consent = h.coOwnersConsent(rng, ctx) as boolean;

  const id = `H${String(index + 1).padStart(7, '0')}`;
  const members: Member[] = [];
  // One co-owner other than the head withholds consent when the household is not unanimous.
  const refuser = consent || size === 1 ? -1 : 1 + rng.int(size - 1);
  for (let m = 0; m < size; m++) {
    members.push({
      name: `${id}-${m + 1}`,
      idNumber: '',
      relation: RELATIONS[Math.min(m, RELATIONS.length - 1)]!,
      coOwner: true,
      consents: m !== refuser,
    });
  }

  const market: CaseData['market'] = {
    year: spec.year,
    rentPerMuYear: dec(p.market.rentPerMuYear!(rng, ctx), p.market.rentPerMuYear),
    subsidyPerMuYear: dec(p.market.subsidyPerMuYear!(rng, ctx), p.market.subsidyPerMuYear),
  };
  if (p.market.acquisitionStandardPerMu) market.acquisitionStandardPerMu = dec(p.market.acquisitionStandardPerMu(rng, ctx), p.market.acquisitionStandardPerMu);
  if (p.market.landPricePerMu) market.landPricePerMu = dec(p.market.landPricePerMu(rng, ctx), p.market.landPricePerMu);
  if (p.market.zone) market.zone = str(p.market.zone(rng, ctx));

  const count = spec.parcels.count(rng, ctx) as number;
  const parcels: Parcel[] = [];
  for (let k = 0; k < count; k++) {
    const area = spec.parcels.area(rng, ctx) as number;
    parcels.push({
      name: `地块${k + 1}`,
      landClass: spec.parcels.landClass(rng, ctx) as Parcel['landClass'],
      isArable: spec.parcels.isArable(rng, ctx) as boolean,
      area: dec(area, spec.parcels.area),
      bounds: NO_BOUNDS,
      contractNo: id,
    });
  }

  const e = spec.exit;
  const whole = count === 1 || (e.whole!(rng, ctx) as boolean);
  let exitParcels: string[];
  if (whole) exitParcels = parcels.map((q) => q.name);
  else {
    // A partial exit: a random non-empty proper subset, drawn as a bit mask.
    const full = 2 ** Math.min(count, 30) - 1;
    const mask = 1 + rng.int(full - 1);
    exitParcels = parcels.filter((_, k) => k < 30 && (mask >> k) & 1).map((q) => q.name);
  }
  const exit: NonNullable<CaseData['exit']> = {
    parcels: exitParcels,
    mode: e.mode!(rng, ctx) as 'permanent' | 'currentTerm' | 'custody',
    payer: e.payer!(rng, ctx) as 'group' | 'village' | 'county',
    noticeDate: str(e.noticeDate!(rng, ctx)),
  };
  if (e.negotiatedPricePerMu) exit.negotiatedPricePerMu = dec(e.negotiatedPricePerMu(rng, ctx), e.negotiatedPricePerMu);

  const kase: CaseData = {
    household: {
      head: { name: members[0]!.name, idNumber: '' },
      members,
      collective: { town: p.town, village: `${chineseOrdinal(village)}村`, group: `第${chineseOrdinal(group)}村民小组` },
      hukou,
      urbanHome,
      stableNonFarmIncome: stable,
      socialInsurance: social,
      nonFarmIncomeShare: dec(share, h.nonFarmIncomeShare),
      headAge,
      size,
    },
    contract: { number: id, start: str(spec.contract.start(rng, ctx)), end: str(spec.contract.end(rng, ctx)) },
    parcels,
    market,
    exit,
  };
  return { kase, place };
}
