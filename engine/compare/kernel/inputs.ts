// What a kernel reads: the generated columns of a chunk (population/generate.ts) as graph nodes,
// by case path. A decimal input becomes an exact integer at a scale fixed for the population —
// 10^places, places the most any of its samplers prints — with bounds from the samplers' declared
// ranges; a draw that does not scale exactly (more places, or beyond 2^53) flags its household for
// the row-by-row evaluator. Case paths the generator never writes are missing (NaN), as they are in
// the case file; paths to values a kernel cannot hold as codes (names, ID strings) are refused with
// KernelUnsupported, and the whole policy runs row by row.
import { stepUnits, type Sampler, type Step } from '../population/distributions.ts';
import { groupName, parcelName, relationOf, villageName, type HouseholdColumns } from '../population/generate.ts';
import { EXIT_MODES, HUKOU, LAND_CLASSES, PAYERS, ZONES, type PopulationSpec } from '../population/spec.ts';
import { MAX_EXACT } from './exact.ts';
import { HOUSEHOLD, KernelUnsupported, MEMBER, PARCEL, type ChunkState, type Graph, type Kind, type KNode, type Level } from './graph.ts';

/** A value while compiling: a node, missing data, a list of parcels or members, or a record. */
export type CV =
  | { t: 'v'; node: KNode }
  | { t: 'null' }
  | { t: 'list'; level: typeof PARCEL | typeof MEMBER; sel: KNode | null; item: CV; max: number }
  | { t: 'rec'; field: (key: string) => CV }
  | { t: 'items'; items: CV[] };

export const NULL: CV = { t: 'null' };
export const v = (node: KNode): CV => ({ t: 'v', node });

/** The columns of the chunk being evaluated (set by the runner before graph.run). */
export interface ChunkSource {
  cols: HouseholdColumns;
}

const pow10 = (p: number) => 10 ** p;

/**
 * How a column's draws scale to exact integers, one entry per sampler (place): kind 0 absent,
 * 1 stepped, 2 unstepped; the arrays let the column's loop do the arithmetic without calls.
 */
interface Scaling {
  kind: Uint8Array;
  /** Stepped: the step (stepUnits gives formatStep's integer), the factor to the column's places, the bound. */
  step: (Step | null)[];
  factor: Float64Array;
  limit: Float64Array;
  places: number;
  /** Unstepped: integers below this bound scale by intFactor; other draws go through 10^6 and f6. */
  intLimit: number;
  intFactor: number;
  f6: number;
}

function scaling(samplers: (Sampler | undefined)[], places: number): Scaling {
  const n = samplers.length;
  const sc: Scaling = {
    kind: new Uint8Array(n),
    step: samplers.map((s) => s?.step ?? null),
    factor: new Float64Array(n),
    limit: new Float64Array(n),
    places,
    intLimit: MAX_EXACT / pow10(places),
    intFactor: pow10(places),
    f6: pow10(6 - places),
  };
  samplers.forEach((s, p) => {
    if (!s) return;
    if (s.step) {
      sc.kind[p] = 1;
      sc.factor[p] = pow10(places - s.step.places);
      sc.limit[p] = MAX_EXACT / sc.factor[p]!;
    } else sc.kind[p] = 2;
  });
  return sc;
}

/**
 * The exact integer of a draw at 10^places as the case file prints it (generate.ts decimalText),
 * read through sampler p, or Infinity when there is none: a stepped draw is formatStep's own
 * integer (the printed digits); an unstepped one is printed as String(round(x × 10^6) / 10^6),
 * exact digits while below 10^15, and must have no more places than the column.
 */
function scaleOne(x: number, sc: Scaling, p: number): number {
  if (sc.kind[p] === 1) {
    const k = stepUnits(x, sc.step[p]!);
    return k <= sc.limit[p]! && k >= -sc.limit[p]! ? k * sc.factor[p]! : Infinity;
  }
  if (Number.isInteger(x)) return x <= sc.intLimit && x >= -sc.intLimit ? x * sc.intFactor : Infinity;
  const w = Math.round(x * 1e6);
  if (w >= 1e15 || w <= -1e15) return Infinity;
  const k = sc.f6 === 1 ? w : w / sc.f6;
  return Number.isInteger(k) ? k : Infinity;
}

/** scaleOne for one sampler: the export adds areas with it. */
export function scaler(s: Sampler, places: number): (x: number) => number {
  const sc = scaling([s], places);
  return (x) => scaleOne(x, sc, 0);
}

/**
 * One draw (read through the sampler of `place`) as the exact integer at the column's scale: NaN
 * stays missing, Infinity where there is none (the row goes to the row-by-row evaluator).
 */
type ScaleRow = (x: number, place: number) => number;

/**
 * The conversion of a draw, chosen once for the column's samplers (one per place, or one): every
 * draw a constant of its place — a table; every draw stepped — formatStep's integer; otherwise
 * scaleOne. The same integers in every case.
 */
function converter(samplers: (Sampler | undefined)[], sc: Scaling, byPlace: boolean): ScaleRow {
  const P = samplers.length;
  if (samplers.every((s) => s === undefined || s.value !== undefined)) {
    const table = Float64Array.from(samplers, (s, p) => (s === undefined ? NaN : scaleOne(s.value!, sc, p)));
    const k0 = table[0]!;
    if (table.every((k) => k !== Infinity)) return byPlace ? (_x, p) => table[p]! : () => k0;
  }
  if (samplers.every((s) => s === undefined || s.step)) {
    const { step, factor, limit } = sc;
    if (!byPlace || P === 1) {
      const st = step[0]!;
      const f = factor[0]!;
      const lim = limit[0]!;
      return (x) => {
        const k = stepUnits(x, st);
        return k <= lim && k >= -lim ? k * f : x !== x ? NaN : Infinity;
      };
    }
    return (x, p) => {
      const k = stepUnits(x, step[p]!);
      return k <= limit[p]! && k >= -limit[p]! ? k * factor[p]! : x !== x ? NaN : Infinity;
    };
  }
  return (x, p) => (x !== x ? NaN : scaleOne(x, sc, byPlace ? p : 0));
}

/** Decimal places of a column read through several samplers (one per place): the most any prints. */
const placesOf = (ss: Sampler[]): number => Math.min(6, Math.max(0, ...ss.map((s) => s.places)));

function boundsOf(ss: Sampler[], places: number): [number, number] {
  const f = pow10(places);
  return [Math.floor(Math.min(...ss.map((s) => s.lo)) * f), Math.ceil(Math.max(...ss.map((s) => s.hi)) * f)];
}

export class Inputs {
  private readonly towns: string[];
  private readonly villages: string[];
  private readonly groups: string[];
  private readonly parcelNames: string[];
  private readonly relations: string[];
  /** Parcels / members a household can have at most. */
  readonly maxParcels: number;
  readonly maxMembers: number;
  /** Case overrides of a sweep point: path → value, as setCasePath writes them. */
  constructor(
    private readonly g: Graph,
    private readonly spec: PopulationSpec,
    private readonly src: ChunkSource,
    private readonly overrides: ReadonlyMap<string, CV> = new Map(),
  ) {
    this.towns = spec.places.map((p) => p.town);
    const maxV = Math.max(...spec.places.map((p) => p.villages));
    const maxG = Math.max(...spec.places.map((p) => p.groups));
    this.villages = Array.from({ length: maxV + 1 }, (_, i) => (i === 0 ? '' : villageName(i)));
    this.groups = Array.from({ length: maxG + 1 }, (_, i) => (i === 0 ? '' : groupName(i)));
    this.maxParcels = Math.max(1, Math.ceil(spec.parcels.count.hi));
    this.maxMembers = Math.max(1, Math.ceil(spec.household.size.hi));
    this.parcelNames = Array.from({ length: this.maxParcels }, (_, k) => parcelName(k));
    this.relations = Array.from({ length: this.maxMembers }, (_, m) => relationOf(m));
  }

  /** A column of the generator as it is in the block, read in place by the template that converts it. */
  private raw(name: string, level: Level, read: (c: HouseholdColumns) => ArrayLike<number>): KNode {
    const src = this.src;
    return this.g.node(`raw:${name}`, () => ({ kind: 'num', level, raw: () => read(src.cols) }));
  }

  /**
   * A column of codes or flags the generator keeps as small integers (place, village, group; a
   * parcel's class, whether it is arable or in the exit): their values as they are, read where
   * they are by the loop of their level.
   */
  private codes(
    name: string,
    kind: Kind,
    level: Level,
    read: (c: HouseholdColumns) => ArrayLike<number>,
    lo: number,
    hi: number,
    dict?: readonly string[],
  ): KNode {
    const raw = this.raw(name, level, read);
    return this.g.node(`in:${name}`, () => ({ kind, level, lo, hi, ...(dict ? { dict } : {}), deps: [raw], code: ([x]) => x! }));
  }

  /** A column's draws at `level` as exact integers (`row` converts one): a row without one is flagged and reads 0. */
  private scaled(
    name: string,
    level: Level,
    read: (c: HouseholdColumns) => Float64Array,
    row: ScaleRow,
    place: KNode | null,
    spec: { den: number; lo: number; hi: number },
  ): KNode {
    const raw = this.raw(name, level, read);
    return this.g.node(`in:${name}`, () => ({
      kind: 'num',
      level,
      ...spec,
      deps: place ? [raw, place] : [raw],
      code: ([x, p], e) => {
        const k = e.let(`${e.table(row)}(${x}, ${p ?? '0'})`);
        e.unsafe(`${k} === Infinity`);
        return `${k} === Infinity ? 0 : ${k}`;
      },
    }));
  }

  /**
   * A household-level column of codes, flags or day numbers the generator writes as float64: the
   * node's values are the column itself (no copy; a node only ever writes its own buffer, and the
   * column holds the block until the next one is generated).
   */
  private column(
    name: string,
    kind: Kind,
    read: (c: HouseholdColumns) => Float64Array,
    lo: number,
    hi: number,
    dict?: readonly string[],
  ): CV {
    const src = this.src;
    return v(
      this.g.node(`in:${name}`, () => ({
        kind,
        level: HOUSEHOLD,
        lo,
        hi,
        ...(dict ? { dict } : {}),
        run: (self) => {
          self.out = read(src.cols);
        },
      })),
    );
  }

  /** A household-level decimal read through each place's sampler (market inputs) or one sampler. */
  private decimal(name: string, read: (c: HouseholdColumns) => Float64Array, samplers: (Sampler | undefined)[], byPlace: boolean): CV {
    const present = samplers.filter((s): s is Sampler => s !== undefined);
    if (present.length === 0) return NULL;
    const places = placesOf(present);
    const conv = scaling(samplers, places);
    // One value for every household (each place gives it, the same): a constant of the graph.
    const value = present[0]!.value;
    if (value !== undefined && present.length === samplers.length && present.every((s) => s.value === value)) {
      const k = scaleOne(value, conv, 0);
      if (k !== Infinity) return v(this.g.constant('num', k, HOUSEHOLD, pow10(places)));
    }
    const [lo, hi] = boundsOf(present, places);
    const place = byPlace ? this.raw('household.place', HOUSEHOLD, (c) => c.place) : null;
    return v(this.scaled(name, HOUSEHOLD, read, converter(samplers, conv, byPlace), place, { den: pow10(places), lo, hi }));
  }

  private constStr(s: string, level: Level = HOUSEHOLD): CV {
    return v(this.g.constant('str', 0, level, 1, internDict([s])));
  }

  /** The value at a case path (English keys), household level. */
  casePath(path: readonly string[]): CV {
    const id = path.join('.');
    const o = this.overrides.get(id);
    if (o) return o;
    const spec = this.spec;
    const h = spec.household;
    const places = spec.places;
    switch (id) {
      case 'household.hukou':
        return this.column(id, 'str', (c) => c.hukou, 0, HUKOU.length - 1, HUKOU);
      case 'household.urbanHome':
        return this.column(id, 'bool', (c) => c.urbanHome, 0, 1);
      case 'household.stableNonFarmIncome':
        return this.column(id, 'bool', (c) => c.stableNonFarmIncome, 0, 1);
      case 'household.socialInsurance':
        return this.column(id, 'bool', (c) => c.socialInsurance, 0, 1);
      case 'household.nonFarmIncomeShare':
        return this.decimal(id, (c) => c.nonFarmIncomeShare, [h.nonFarmIncomeShare], false);
      // headAge and size are JSON numbers in the case: read as their own value (no rounding step).
      case 'household.headAge':
        return this.decimal(id, (c) => c.headAge, [unstepped(h.headAge)], false);
      case 'household.size':
        return this.decimal(id, (c) => c.size, [unstepped(h.size)], false);
      case 'household.collective.town':
        return v(this.codes(id, 'str', HOUSEHOLD, (c) => c.place, 0, this.towns.length - 1, this.towns));
      case 'household.collective.village':
        return v(this.codes(id, 'str', HOUSEHOLD, (c) => c.village, 1, this.villages.length - 1, this.villages));
      case 'household.collective.group':
        return v(this.codes(id, 'str', HOUSEHOLD, (c) => c.group, 1, this.groups.length - 1, this.groups));
      case 'household.head.idNumber':
        return this.constStr('');
      case 'household.members':
        return this.members();
      case 'market.year':
        return v(this.g.constant('num', spec.year));
      case 'market.rentPerMuYear':
        return this.decimal(
          id,
          (c) => c.rentPerMuYear,
          places.map((p) => p.market.rentPerMuYear),
          true,
        );
      case 'market.subsidyPerMuYear':
        return this.decimal(
          id,
          (c) => c.subsidyPerMuYear,
          places.map((p) => p.market.subsidyPerMuYear),
          true,
        );
      case 'market.acquisitionStandardPerMu':
        return this.decimal(
          id,
          (c) => c.acquisitionStandardPerMu,
          places.map((p) => p.market.acquisitionStandardPerMu),
          true,
        );
      case 'market.landPricePerMu':
        return this.decimal(
          id,
          (c) => c.landPricePerMu,
          places.map((p) => p.market.landPricePerMu),
          true,
        );
      case 'market.zone':
        return places.some((p) => p.market.zone) ? this.column(id, 'str', (c) => c.zone, 0, ZONES.length - 1, ZONES) : NULL;
      case 'contract.start':
        return this.column(id, 'date', (c) => c.contractStart, spec.contract.start.lo, spec.contract.start.hi);
      case 'contract.end':
        return this.column(id, 'date', (c) => c.contractEnd, spec.contract.end.lo, spec.contract.end.hi);
      case 'parcels':
        return this.parcels(null);
      case 'exit.parcels': {
        // The names the exit lists (each parcel once, in parcel order).
        const list = this.parcels(this.inExit());
        return list.t === 'list' ? { ...list, item: (list.item as { t: 'rec'; field: (k: string) => CV }).field('name') } : list;
      }
      case 'exit.mode':
        return this.column(id, 'str', (c) => c.mode, 0, EXIT_MODES.length - 1, EXIT_MODES);
      case 'exit.payer':
        return this.column(id, 'str', (c) => c.payer, 0, PAYERS.length - 1, PAYERS);
      case 'exit.noticeDate':
        return this.column(id, 'date', (c) => c.noticeDate, spec.exit.noticeDate!.lo, spec.exit.noticeDate!.hi);
      case 'exit.negotiatedPricePerMu':
        return this.decimal(id, (c) => c.negotiatedPricePerMu, [spec.exit.negotiatedPricePerMu], false);
    }
    if (RECORDS.includes(id)) return { t: 'rec', field: (key) => this.casePath([...path, key]) };
    // Never written by the generator: missing, as in the case file. Anything else it writes (names,
    // contract numbers) is not held as codes.
    if (NEVER_WRITTEN.some((p) => id === p || id.startsWith(p + '.'))) return NULL;
    throw new KernelUnsupported(`case path ${id}`);
  }

  /** A derived collection (退出地块, 转让地块, 家庭共有人). */
  derived(key: string): CV {
    switch (key) {
      case 'exitParcels':
        return this.parcels(this.inExit());
      case 'transferParcels':
        // No transfer is generated: named(parcels, missing names) is the empty list.
        return this.parcels(this.g.constant('bool', 0, PARCEL));
      case 'coOwners':
        return this.members(); // every generated member is a co-owner
      default:
        throw new KernelUnsupported(`derived collection ${key}`);
    }
  }

  /**
   * A reduction the generated columns answer without a list: all(家庭共有人.同意) is whether the
   * household has no co-owner who withholds consent (generate.ts draws at most one, `refuser`),
   * read without laying out the members. Null for any other reduction.
   */
  reduced(fn: string, level: Level, sel: KNode | null, item: KNode | null): KNode | null {
    if (fn !== 'all' || level !== MEMBER || sel !== null || item?.key !== CONSENTS) return null;
    const refuser = this.raw('household.refuser', HOUSEHOLD, (c) => c.refuser);
    const size = this.raw('household.size', HOUSEHOLD, (c) => c.size);
    return this.g.node('in:household.allConsent', () => ({
      kind: 'bool',
      level: HOUSEHOLD,
      lo: 0,
      hi: 1,
      deps: [refuser, size],
      code: ([r, s]) => `+(${r} < 0) | +(${r} >= Math.ceil(${s}))`,
    }));
  }

  private inExit(): KNode {
    return this.codes('parcel.inExit', 'bool', PARCEL, (c) => c.parcels.inExit, 0, 1);
  }

  private parcels(sel: KNode | null): CV {
    const g = this.g;
    const parcelNames = this.parcelNames;
    const area = this.parcelArea();
    const field = (key: string): CV => {
      switch (key) {
        case 'name':
          return v(this.codes('parcel.name', 'str', PARCEL, (c) => c.parcels.index, 0, parcelNames.length - 1, parcelNames));
        case 'landClass':
          return v(this.codes('parcel.landClass', 'str', PARCEL, (c) => c.parcels.landClass, 0, LAND_CLASSES.length - 1, LAND_CLASSES));
        case 'isArable':
          return v(this.codes('parcel.isArable', 'bool', PARCEL, (c) => c.parcels.isArable, 0, 1));
        case 'area':
          return area;
        case 'bounds': {
          const dash = v(g.constant('str', 0, PARCEL, 1, internDict(['—'])));
          return { t: 'rec', field: (k) => (['east', 'south', 'west', 'north'].includes(k) ? dash : NULL) };
        }
        case 'certificateNo':
        case 'grade':
          return NULL;
        default:
          throw new KernelUnsupported(`parcel field ${key}`);
      }
    };
    return { t: 'list', level: PARCEL, sel, item: { t: 'rec', field }, max: this.maxParcels };
  }

  private parcelArea(): CV {
    const s = this.spec.parcels.area;
    const places = placesOf([s]);
    const [lo, hi] = boundsOf([s], places);
    const row = converter([s], scaling([s], places), false);
    return v(this.scaled('parcel.area', PARCEL, (c) => c.parcels.area, row, null, { den: pow10(places), lo, hi }));
  }

  private members(): CV {
    const g = this.g;
    const src = this.src;
    const relations = this.relations;
    const field = (key: string): CV => {
      switch (key) {
        case 'idNumber':
          return v(g.constant('str', 0, MEMBER, 1, internDict([''])));
        case 'coOwner':
          return v(g.constant('bool', 1, MEMBER));
        case 'age':
          return NULL;
        case 'relation':
          return v(
            g.node('in:member.relation', () => ({
              kind: 'str',
              level: MEMBER,
              dict: relations,
              lo: 0,
              hi: relations.length - 1,
              run: (self, c) => {
                const start = c.start[MEMBER];
                const out = self.out;
                for (let h = 0; h < c.rows[HOUSEHOLD]; h++)
                  for (let e = start[h]!, m = 0; e < start[h + 1]!; e++, m++) out[e] = Math.min(m, relations.length - 1);
              },
            })),
          );
        case 'consents':
          return v(
            g.node(CONSENTS, () => ({
              kind: 'bool',
              level: MEMBER,
              lo: 0,
              hi: 1,
              // Everyone consents but the one who withholds (refuser, when a household has one).
              run: (self, c) => {
                const start = c.start[MEMBER];
                const refuser = src.cols.refuser;
                const out = self.out;
                out.fill(1, 0, c.rows[MEMBER]);
                for (let h = 0; h < c.rows[HOUSEHOLD]; h++) {
                  const r = refuser[h]!;
                  if (r >= 0 && start[h]! + r < start[h + 1]!) out[start[h]! + r] = 0;
                }
              },
            })),
          );
        default:
          throw new KernelUnsupported(`member field ${key}`);
      }
    };
    return { t: 'list', level: MEMBER, sel: null, item: { t: 'rec', field }, max: this.maxMembers };
  }
}

/** The node of the members' consent (a graph may forget a node: known by its key). */
const CONSENTS = 'in:member.consents';

/** Case paths (and their sub-paths) the generator never writes. */
export const NEVER_WRITTEN = [
  'transfer',
  'household.settlingInTown',
  'exit.applicationDate',
  'exit.reason',
  'exit.vote',
  'exit.leaveMembership',
];

/** Records the generator always writes, read whole (exists(市场), a field of them). */
const RECORDS = ['household', 'household.head', 'household.collective', 'contract', 'market', 'exit'];

/** A sampler read as the JSON number it is written as (headAge, size): no step, its own places. */
function unstepped(s: Sampler): Sampler {
  const u: Sampler = { fill: s.fill, lo: s.lo, hi: s.hi, places: s.step ? 0 : s.places };
  if (s.value !== undefined) u.value = s.value;
  return u;
}

const interned = new Map<string, readonly string[]>();
/** One dictionary array per distinct content, so nodes built from equal constants share keys. */
export function internDict(d: readonly string[]): readonly string[] {
  const k = JSON.stringify(d);
  let x = interned.get(k);
  if (!x) interned.set(k, (x = Object.freeze([...d])));
  return x;
}

/** No member rows (a chunk whose graph reads none), every household starting at 0. */
let noMembers = { owner: new Int32Array(0), start: new Int32Array(1) };

/** Rows per level and ownership for a chunk of columns (members: null when the graph reads none). */
export function chunkState(
  cols: HouseholdColumns,
  members: { owner: Int32Array; start: Int32Array } | null,
  unsafe: Uint8Array,
): ChunkState {
  const m = cols.n;
  unsafe.fill(0, 0, m);
  if (noMembers.start.length < m + 1) noMembers = { owner: new Int32Array(0), start: new Int32Array(m + 1) };
  const mem = members ?? noMembers;
  return {
    rows: [m, cols.parcels.count, mem.start[m]!],
    owner: [null, cols.parcels.owner, mem.owner],
    start: [null, cols.parcelStart, mem.start],
    unsafe,
  };
}

/** Members of each household of a chunk (size of them), laid out as parcels are (into `into`'s arrays when they are large enough). */
export function memberLayout(
  cols: HouseholdColumns,
  into?: { owner: Int32Array; start: Int32Array },
): { owner: Int32Array; start: Int32Array } {
  const m = cols.n;
  let total = 0;
  for (let i = 0; i < m; i++) total += Math.max(0, Math.ceil(cols.size[i]!));
  const start = into && into.start.length >= m + 1 ? into.start : new Int32Array(m + 1);
  const owner = into && into.owner.length >= total ? into.owner : new Int32Array(Math.max(total, 16));
  let at = 0;
  for (let i = 0; i < m; i++) {
    start[i] = at;
    const k = Math.max(0, Math.ceil(cols.size[i]!));
    for (let j = 0; j < k; j++) owner[at + j] = i;
    at += k;
  }
  start[m] = at;
  // Kept for the next block: a block with more members than the last grows them once.
  if (into) {
    into.owner = owner;
    into.start = start;
  }
  return { owner, start };
}
