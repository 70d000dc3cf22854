// A case made ready for many evaluations: every decimal string and integer parsed once into our
// Decimal (guided by the case schema; unreadable ones become null), and the derived collections built
// (退出地块 = parcels named in exit.parcels, 转让地块 likewise, 家庭共有人 = members with coOwner).

import type { Decimal } from 'decimal.js';
import { caseFields, type Field, type FieldType } from '../case-schema.ts';
import type { CaseData } from '../case-model.ts';
import type { PreparedCase } from './api.ts';
import { toDec } from './decimal.ts';

type Rec = Record<string, unknown>;

/** What compiled accessors read. Not part of the public contract: use prepareCase(). */
export interface CaseView extends PreparedCase {
  readonly data: Rec;
  readonly exitParcels: Rec[];
  readonly transferParcels: Rec[];
  readonly coOwners: Rec[];
}

class Prepared implements CaseView {
  constructor(
    readonly raw: CaseData,
    readonly data: Rec,
    readonly exitParcels: Rec[],
    readonly transferParcels: Rec[],
    readonly coOwners: Rec[],
  ) {}
}

export function isPreparedCase(x: unknown): x is CaseView {
  return x instanceof Prepared;
}

const numericCache = new WeakMap<FieldType, boolean>();

/** Whether a value of this type holds numbers somewhere; if not, the raw value is shared as is. */
function hasNumbers(type: FieldType): boolean {
  let r = numericCache.get(type);
  if (r === undefined) {
    r =
      type.kind === 'decimal' || type.kind === 'integer' ||
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
 * A shallow copy (same shape as the raw record, cheap) with the numbers converted and nested
 * records and lists checked for shape; strings and booleans are shared as they are.
 */
function convertRecord(raw: Rec, fields: Field[]): Rec {
  let visit = visitCache.get(fields);
  if (!visit) {
    visit = fields.filter((f) => hasNumbers(f.type) || f.type.kind === 'record' || f.type.kind === 'list');
    visitCache.set(fields, visit);
  }
  const out: Rec = { ...raw };
  for (let i = 0; i < visit.length; i++) {
    const f = visit[i]!;
    const v = raw[f.key];
    if (v !== undefined) out[f.key] = convert(v, f.type);
  }
  return out;
}

function named(parcels: Rec[], names: unknown): Rec[] {
  if (!Array.isArray(names)) return [];
  const wanted = new Set(names);
  // Parcel order, each at most once: a name listed twice must not count its area twice.
  return parcels.filter((p) => wanted.has(p['name']));
}

/** Never throws on malformed input: unreadable values become null (missing), like absent ones. */
export function prepareCase(raw: CaseData): PreparedCase {
  const data = raw && typeof raw === 'object' ? convertRecord(raw as unknown as Rec, caseFields) : convertRecord({}, caseFields);
  const parcels = (data['parcels'] as Rec[] | null)?.filter((p): p is Rec => p !== null) ?? [];
  const members = ((data['household'] as Rec | null)?.['members'] as Rec[] | null) ?? [];
  return new Prepared(
    raw,
    data,
    named(parcels, (data['exit'] as Rec | null)?.['parcels']),
    named(parcels, (data['transfer'] as Rec | null)?.['parcels']),
    members.filter((m) => m !== null && m['coOwner'] === true),
  );
}
