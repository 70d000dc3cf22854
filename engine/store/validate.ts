// Input checks at the store's door: a bad command is refused with its field path before any SQL runs.
import { isRealDate } from '../../dsl/calendar-date.ts';
import { PROCEDURE_KINDS, type ProcedureKind } from '../../dsl/case-model.ts';
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts';
import { msg } from '../../dsl/message.ts';
import { StoreInputError } from './errors.ts';
import { SECURITY_EVENT_TYPES, type EventInput, type Place, type SecurityEventType } from './types.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** A case id's characters, unanchored: the HTTP schemas build their patterns (a page's `after`) from it. */
export const CASE_ID_SHAPE = '[A-Za-z0-9][A-Za-z0-9_.-]{0,63}';
const CASE_ID = new RegExp(`^${CASE_ID_SHAPE}$`);
const CONTROL = /[\u0000-\u001f\u007f]/;
// A lone surrogate cannot be written as UTF-8: the database would keep U+FFFD instead, and the
// hashes and MACs computed from the string as given would no longer match what was stored.
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A refused value as JSON, `undefined` included (a message leaves out an argument that is undefined). */
export function quoted(v: unknown): string {
  return String(JSON.stringify(v));
}

export function text(field: string, v: unknown, max = 200): string {
  if (typeof v !== 'string' || v.length === 0) throw new StoreInputError(field, msg('text.nonEmpty'));
  if (v.length > max) throw new StoreInputError(field, msg('store.tooLong', { length: v.length, max }));
  if (CONTROL.test(v)) throw new StoreInputError(field, msg('store.control'));
  if (LONE_SURROGATE.test(v)) throw new StoreInputError(field, msg('store.loneSurrogate'));
  return v;
}

export function instant(field: string, v: unknown): string {
  if (typeof v !== 'string' || !ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v))) {
    throw new StoreInputError(field, msg('store.instant', { got: quoted(v) }));
  }
  return v;
}

/** A calendar day, YYYY-MM-DD (dsl/calendar-date.ts says what a real one is). */
export function date(field: string, v: unknown): string {
  if (!isRealDate(v)) throw new StoreInputError(field, msg('store.date', { got: quoted(v) }));
  return v;
}

/** Whether `v` is a case id: what caseId accepts, for a reader that answers "no such case" to anything else. */
export function isCaseId(v: unknown): v is string {
  return typeof v === 'string' && CASE_ID.test(v);
}

export function caseId(field: string, v: unknown): string {
  if (!isCaseId(v)) {
    throw new StoreInputError(field, msg('store.caseId', { got: quoted(v) }));
  }
  return v;
}

export function version(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new StoreInputError(field, msg('store.positiveInteger', { got: quoted(v) }));
  }
  return v;
}

export function procedure(field: string, v: unknown): ProcedureKind {
  if (!(PROCEDURE_KINDS as readonly unknown[]).includes(v)) {
    throw new StoreInputError(field, msg('store.oneOf', { values: PROCEDURE_KINDS.join(' | '), got: quoted(v) }));
  }
  return v as ProcedureKind;
}

export function place(field: string, v: unknown): Place {
  if (v === null || typeof v !== 'object') throw new StoreInputError(field, msg('store.place'));
  const p = v as Record<string, unknown>;
  return { town: text(`${field}.town`, p.town), village: text(`${field}.village`, p.village), group: text(`${field}.group`, p.group) };
}

export function json(field: string, v: unknown): string {
  try {
    return canonicalJson(v);
  } catch (e) {
    if (e instanceof CanonicalJsonError) {
      throw new StoreInputError(field + e.path.slice(1), msg('store.notJson', { detail: e.text }));
    }
    throw e;
  }
}

export interface CheckedEvent {
  type: string;
  payloadJson: string;
}

export function events(field: string, v: unknown): CheckedEvent[] {
  if (!Array.isArray(v) || v.length === 0) {
    throw new StoreInputError(field, msg('store.noEvents'));
  }
  return v.map((e: EventInput, i) => {
    if (e === null || typeof e !== 'object') throw new StoreInputError(`${field}[${i}]`, msg('store.eventShape'));
    return {
      type: text(`${field}[${i}].type`, e.type, 100),
      payloadJson: json(`${field}[${i}].payload`, e.payload === undefined ? null : e.payload),
    };
  });
}

export interface CheckedSecurityEvent {
  type: SecurityEventType;
  actor: string;
  subject: string | null;
  detailJson: string;
  at: string;
}

const MAX_DETAIL_KEYS = 50;

export function securityEvent(field: string, v: unknown): CheckedSecurityEvent {
  if (v === null || typeof v !== 'object') throw new StoreInputError(field, msg('store.object'));
  const e = v as Record<string, unknown>;
  if (!SECURITY_EVENT_TYPES.includes(e.type as SecurityEventType)) {
    throw new StoreInputError(
      `${field}.type`,
      msg('store.securityEventType', { type: quoted(e.type), types: SECURITY_EVENT_TYPES.join(', ') }),
    );
  }
  const detail = e.detail === undefined ? {} : e.detail;
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail))
    throw new StoreInputError(`${field}.detail`, msg('store.object'));
  const keys = Object.keys(detail);
  if (keys.length > MAX_DETAIL_KEYS)
    throw new StoreInputError(`${field}.detail`, msg('store.tooManyKeys', { count: keys.length, max: MAX_DETAIL_KEYS }));
  for (const k of keys) {
    text(`${field}.detail`, k, 100);
    const x = (detail as Record<string, unknown>)[k];
    if (typeof x === 'string') {
      if (x.length > 1000) throw new StoreInputError(`${field}.detail.${k}`, msg('store.tooLong', { length: x.length, max: 1000 }));
    } else if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new StoreInputError(`${field}.detail.${k}`, msg('store.finiteNumber'));
    } else if (typeof x !== 'boolean') {
      throw new StoreInputError(`${field}.detail.${k}`, msg('store.detailValue'));
    }
  }
  return {
    type: e.type as SecurityEventType,
    actor: text(`${field}.actor`, e.actor),
    subject: e.subject === undefined || e.subject === null ? null : text(`${field}.subject`, e.subject),
    detailJson: json(`${field}.detail`, detail),
    at: instant(`${field}.at`, e.at),
  };
}
