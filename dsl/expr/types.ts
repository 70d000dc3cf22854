// The checker's own types: richer than the public ValueType (numbers keep their dimension, strings
// may be an enum with Chinese labels, record fields keep their labels), converted at the API edge.

import { caseFields, derivedCollections, type Field, type FieldType } from '../case-schema.ts';
import { formatDimension, parseUnit, type Dimension } from '../units.ts';
import type { ValueType } from './api.ts';
import { msg, type Message } from '../message.ts';
import { renderBoth } from '../messages.ts';

export type Ty =
  | { k: 'num'; dim: Dimension; unit: string }
  | { k: 'bool' }
  | { k: 'str'; values?: Readonly<Record<string, string>> } // enum: value → Chinese label
  | { k: 'date' }
  | { k: 'period' }
  | { k: 'list'; of: Ty }
  | { k: 'rec'; fields: readonly FieldTy[] }
  | { k: 'unknown' };

export interface FieldTy {
  key: string;
  label?: string;
  ty: Ty;
  /** A derived collection of the case root (退出地块…), read from the prepared case. */
  derived?: boolean;
}

export const num = (dim: Dimension): Ty => ({ k: 'num', dim, unit: formatDimension(dim) });
export const NUMBER: Ty = num({});
export const BOOL: Ty = { k: 'bool' };
export const STRING: Ty = { k: 'str' };
export const DATE: Ty = { k: 'date' };
export const UNKNOWN: Ty = { k: 'unknown' };
export const listOf = (of: Ty): Ty => ({ k: 'list', of });

export function fromValueType(vt: ValueType): Ty {
  switch (vt.kind) {
    case 'number': {
      const u = parseUnit(vt.unit);
      return 'unit' in u ? num(u.unit.dimension) : UNKNOWN;
    }
    case 'bool':
      return BOOL;
    case 'string':
      return STRING;
    case 'date':
      return DATE;
    case 'period':
      return { k: 'period' };
    case 'list':
      return listOf(fromValueType(vt.of));
    case 'record':
      return { k: 'rec', fields: Object.entries(vt.fields).map(([key, t]) => ({ key, ty: fromValueType(t) })) };
    default:
      return UNKNOWN;
  }
}

export function toValueType(ty: Ty): ValueType {
  switch (ty.k) {
    case 'num':
      return { kind: 'number', unit: ty.unit };
    case 'bool':
      return { kind: 'bool' };
    case 'str':
      return { kind: 'string' };
    case 'date':
      return { kind: 'date' };
    case 'period':
      return { kind: 'period' };
    case 'list':
      return { kind: 'list', of: toValueType(ty.of) };
    case 'rec':
      return { kind: 'record', fields: Object.fromEntries(ty.fields.map((f) => [f.key, toValueType(f.ty)])) };
    default:
      return { kind: 'unknown' };
  }
}

function fromFieldType(ft: FieldType): Ty {
  switch (ft.kind) {
    case 'string':
      return STRING;
    case 'bool':
      return BOOL;
    case 'date':
      return DATE;
    case 'integer':
    case 'decimal': {
      const u = parseUnit(ft.unit ?? '');
      return 'unit' in u ? num(u.unit.dimension) : UNKNOWN;
    }
    case 'enum':
      return { k: 'str', values: ft.values };
    case 'record':
      return { k: 'rec', fields: ft.fields.map(fromField) };
    case 'list':
      return listOf(fromFieldType(ft.of));
  }
}

const fromField = (f: Field): FieldTy => ({ key: f.key, label: f.label, ty: fromFieldType(f.type) });

let caseRoot: Ty | undefined;

/** The case as one record: the schema's fields plus the derived collections. */
export function caseRootType(): Ty & { k: 'rec' } {
  caseRoot ??= {
    k: 'rec',
    fields: [
      ...caseFields.map(fromField),
      ...derivedCollections.map((d) => ({
        key: d.key,
        label: d.label,
        ty: listOf({ k: 'rec', fields: d.fields.map(fromField) }),
        derived: true,
      })),
    ],
  };
  return caseRoot as Ty & { k: 'rec' };
}

export function findField(rec: Ty & { k: 'rec' }, name: string): FieldTy | undefined {
  return rec.fields.find((f) => f.key === name) ?? rec.fields.find((f) => f.label === name);
}

/** For messages: "数量 number (元/亩)", "真假值 bool", "列表 list of 数量 number (亩)". */
/** A type in both languages, for hovers and completions. */
export function showType(ty: Ty): string {
  return renderBoth(typeMessage(ty));
}

/** A type as a diagnostic names it (dsl/messages.ts `type.*`). */
export function typeMessage(ty: Ty): Message {
  switch (ty.k) {
    case 'num':
      return ty.unit ? msg('type.number', { unit: ty.unit }) : msg('type.plainNumber');
    case 'bool':
      return msg('type.bool');
    case 'str':
      return ty.values ? msg('type.enum', { values: Object.keys(ty.values).join('|') }) : msg('type.string');
    case 'date':
      return msg('type.date');
    case 'period':
      return msg('type.period');
    case 'list':
      return msg('type.listOf', { of: typeMessage(ty.of) });
    case 'rec':
      return msg('type.record');
    case 'unknown':
      return msg('type.unknown');
  }
}

/** The common type of two branches or list items, or undefined when they do not agree. */
export function unify(a: Ty, b: Ty): Ty | undefined {
  if (a.k === 'unknown') return b;
  if (b.k === 'unknown') return a;
  if (a.k !== b.k) return undefined;
  switch (a.k) {
    case 'num':
      return a.unit === (b as typeof a).unit ? a : undefined;
    case 'list': {
      const of = unify(a.of, (b as typeof a).of);
      return of ? listOf(of) : undefined;
    }
    case 'str':
      return a.values && a.values === (b as typeof a).values ? a : STRING;
    default:
      return a;
  }
}
