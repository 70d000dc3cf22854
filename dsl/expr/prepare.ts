// A case made ready for many evaluations. Nothing is converted up front: each case path an
// expression reads (market.rentPerMuYear, parcels, …) is resolved on first read — its decimal
// strings and integers parsed into our Decimal, guided by the case schema, unreadable ones null,
// records and lists of the wrong shape null — and kept for the next read, by this policy or
// another. The derived collections (退出地块 = parcels named in exit.parcels, 转让地块 likewise,
// 家庭共有人 = members with coOwner) are built the same way, on first use. A population run thus
// parses only what its policies read (a household's 年龄, 人口 and 区片地价 are never touched when
// no rule mentions them), and only for households that get that far (协商价格 only when the case
// is eligible and compensation is computed).
//
// The values are exactly those of converting the whole case eagerly (`data`, kept for callers
// that want the converted record): a path read lazily walks the same schema types the eager
// conversion would.

import type { Decimal } from 'decimal.js';
import { caseFields, type Field, type FieldType } from '../case-schema.ts';
import type { CaseData } from '../case-model.ts';
import type { PreparedCase } from './api.ts';
import { toDec } from './decimal.ts';
import { sharedSlots } from './share.ts';

type Rec = Record<string, unknown>;

/** What compiled accessors read. Not part of the public contract: use prepareCase(). */
export interface CaseView extends PreparedCase {
  /** The whole case converted (built on first use; compiled expressions read `at` instead). */
  readonly data: Rec;
  readonly exitParcels: Rec[];
  readonly transferParcels: Rec[];
  readonly coOwners: Rec[];
  /** The converted value at the case path registered as `slot` (caseSlot), null when missing. */
  at(slot: number): unknown;
  /** Values of case-only computations by slot (share.ts), kept by the compiled closures. */
  readonly shared: unknown[];
}

const numericCache = new WeakMap<FieldType, boolean>();

/** Whether a value of this type holds numbers somewhere; if not, the raw value is shared as is. */
function hasNumbers(type: FieldType): boolean {
  let r = numericCache.get(type);
  if (r === undefined) {
    r =
      type.kind === 'decimal' ||
      type.kind === 'integer' ||
      (type.kind === 'record' && type.fields.some((f) => hasNumbers(f.type))) ||
      (type.kind === 'list' && hasNumbers(type.of));
    numericCache.set(type, r);
  }
  return r;
}

function convert(v: unknown, type: FieldType): unknown {
  if (v === undefined || v === null) return null;
  switch (type.kind) {
    case 'decimal':
    case 'integer':
      return toDec(v) satisfies Decimal | null;
    case 'record':
      if (typeof v !== 'object' || Array.isArray(v)) return null;
      return hasNumbers(type) ? convertRecord(v as Rec, type.fields) : v;
    case 'list':
      if (!Array.isArray(v)) return null;
      return hasNumbers(type.of) ? v.map((x) => convert(x, type.of)) : v;
    default:
      return v;
  }
}

const visitCache = new WeakMap<Field[], Field[]>();

/**
 * The record with its numbers converted and nested records and lists checked for shape; strings
 * and booleans are shared as they are. Copied (shallowly) only when something changed: a member
 * without an age is the raw member itself.
 */
function convertRecord(raw: Rec, fields: Field[]): Rec {
  let visit = visitCache.get(fields);
  if (!visit) {
    visit = fields.filter((f) => hasNumbers(f.type) || f.type.kind === 'record' || f.type.kind === 'list');
    visitCache.set(fields, visit);
  }
  let out: Rec | undefined;
  for (let i = 0; i < visit.length; i++) {
    const f = visit[i]!;
    const v = raw[f.key];
    if (v === undefined) continue;
    const c = convert(v, f.type);
    if (c !== v) (out ??= { ...raw })[f.key] = c;
  }
  return out ?? raw;
}

// ——— case paths, registered once by the expressions that read them

interface PathPlan {
  keys: string[];
  /** The schema type of each key in its parent record; undefined for a key the schema lacks. */
  types: (FieldType | undefined)[];
}

const slotOf = new Map<string, number>();
const plans: PathPlan[] = [];

/** The slot of a case path (record keys from the root, English): compiled accessors call this once. */
export function caseSlot(path: readonly string[]): number {
  const id = path.join('\u0000');
  let slot = slotOf.get(id);
  if (slot === undefined) {
    const types: (FieldType | undefined)[] = [];
    let fields: Field[] | undefined = caseFields;
    for (const key of path) {
      const t: FieldType | undefined = fields?.find((f) => f.key === key)?.type;
      types.push(t);
      fields = t?.kind === 'record' ? t.fields : undefined;
    }
    slot = plans.push({ keys: [...path], types }) - 1;
    slotOf.set(id, slot);
  }
  return slot;
}

/** What the eager conversion holds at this path: each record on the way shape-checked, the end converted. */
function readPath(raw: unknown, plan: PathPlan): unknown {
  const { keys, types } = plan;
  let x: unknown = raw;
  if (x === null || typeof x !== 'object') return null;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const v = (x as Rec)[keys[i]!];
    if (v === undefined || v === null) return null;
    const t = types[i];
    if (t?.kind === 'record' || t?.kind === 'list') {
      // The eager conversion turns a record (list) of the wrong shape into null.
      if (typeof v !== 'object' || Array.isArray(v) !== (t.kind === 'list')) return null;
    } else if (t !== undefined) {
      // A scalar has no fields: the eager conversion reads undefined from it.
      return null;
    }
    x = v;
  }
  const v = (x as Rec)[keys[last]!];
  const t = types[last];
  if (v === undefined || v === null) return null;
  return t ? convert(v, t) : v;
}

/**
 * How compiled code reads a case path. A path to something that needs converting (a number, or a
 * record or list holding numbers) is kept on the prepared case after the first read; any other
 * (a flag, a name, a date, the exit mode) is read straight from the raw case each time, with the
 * same shape checks, which costs less than keeping it.
 */
export function caseReader(path: readonly string[]): (c: CaseView) => unknown {
  const slot = caseSlot(path);
  const plan = plans[slot]!;
  const leaf = plan.types[plan.types.length - 1];
  const converts = leaf === undefined ? false : leaf.kind === 'record' || leaf.kind === 'list' || hasNumbers(leaf);
  if (converts) return (c) => c.at(slot);
  if (plan.keys.length === 2 && plan.types[0]?.kind === 'record') {
    const [a, b] = plan.keys as [string, string];
    return (c) => {
      const raw = c.raw as unknown as Rec | null;
      if (raw === null || typeof raw !== 'object') return null;
      const x = raw[a];
      if (x === undefined || x === null || typeof x !== 'object' || Array.isArray(x)) return null;
      const v = (x as Rec)[b];
      return v === undefined ? null : v;
    };
  }
  return (c) => readPath(c.raw, plan);
}

/** A path in the converted case (already shape-checked: a record of the wrong shape is null there). */
function walk(data: Rec, keys: string[]): unknown {
  let x: unknown = data;
  for (let i = 0; i < keys.length; i++) {
    if (x === null || x === undefined || typeof x !== 'object') return null;
    x = (x as Rec)[keys[i]!];
  }
  return x ?? null;
}

const PARCELS = caseSlot(['parcels']);
const EXIT_PARCELS = caseSlot(['exit', 'parcels']);
const TRANSFER_PARCELS = caseSlot(['transfer', 'parcels']);
const MEMBERS = caseSlot(['household', 'members']);

function named(parcels: Rec[], names: unknown): Rec[] {
  if (!Array.isArray(names) || parcels.length === 0) return [];
  // Parcel order, each at most once: a name listed twice must not count its area twice. A household
  // lists a few names: searching the list beats building a Set (both compare by SameValueZero).
  if (names.length <= 16) return parcels.filter((p) => names.includes(p['name']));
  const wanted = new Set(names);
  return parcels.filter((p) => wanted.has(p['name']));
}

class Prepared implements CaseView {
  /** Converted values by slot; undefined: not read yet (a read value is never undefined). */
  private readonly vals: unknown[] = new Array(plans.length);
  // Sized for the computations known so far (bounded: a long-lived server may know thousands).
  readonly shared: unknown[] = new Array(Math.min(sharedSlots(), 64));
  private conv?: Rec;
  private exit?: Rec[];
  private transfer?: Rec[];
  private owners?: Rec[];

  constructor(readonly raw: CaseData) {}

  at(slot: number): unknown {
    const v = this.vals[slot];
    if (v !== undefined) return v;
    // Once the whole case has been converted (someone read `data`), read that: nothing to parse again.
    return (this.vals[slot] = this.conv ? walk(this.conv, plans[slot]!.keys) : readPath(this.raw, plans[slot]!));
  }

  get data(): Rec {
    const raw = this.raw as unknown;
    return (this.conv ??= convertRecord(raw !== null && typeof raw === 'object' ? { ...(raw as Rec) } : {}, caseFields));
  }

  private parcels(): Rec[] {
    const list = this.at(PARCELS) as (Rec | null)[] | null;
    if (list === null) return [];
    return list.includes(null) ? (list.filter((p) => p !== null) as Rec[]) : (list as Rec[]);
  }

  get exitParcels(): Rec[] {
    return (this.exit ??= named(this.parcels(), this.at(EXIT_PARCELS)));
  }

  get transferParcels(): Rec[] {
    return (this.transfer ??= named(this.parcels(), this.at(TRANSFER_PARCELS)));
  }

  get coOwners(): Rec[] {
    return (this.owners ??= ((this.at(MEMBERS) as (Rec | null)[] | null) ?? []).filter(
      (m) => m !== null && m['coOwner'] === true,
    ) as Rec[]);
  }
}

export function isPreparedCase(x: unknown): x is CaseView {
  return x instanceof Prepared;
}

/**
 * Never throws on malformed input: unreadable values become null (missing), like absent ones.
 * Values are read from `raw` when first needed: do not change it once prepared (prepare a copy).
 */
export function prepareCase(raw: CaseData): PreparedCase {
  return new Prepared(raw);
}
