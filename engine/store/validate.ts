// Input checks at the store's door: a bad command is refused with its field path before any SQL runs.
import { isRealDate } from '../../dsl/calendar-date.ts';
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts';
import { StoreInputError } from './errors.ts';
import { SECURITY_EVENT_TYPES, type EventInput, type Place, type SecurityEventType } from './types.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
// A lone surrogate cannot be written as UTF-8: the database would keep U+FFFD instead, and the
// hashes and MACs computed from the string as given would no longer match what was stored.
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function text(field: string, v: unknown, max = 200): string {
  if (typeof v !== 'string' || v.length === 0) throw new StoreInputError(field, '必须是非空字符串 must be a non-empty string');
  if (v.length > max) throw new StoreInputError(field, `过长 too long (${v.length} > ${max} characters)`);
  if (CONTROL.test(v)) throw new StoreInputError(field, '含控制字符 contains control characters');
  if (LONE_SURROGATE.test(v)) throw new StoreInputError(field, '含不成对的代理字符 contains an unpaired UTF-16 surrogate');
  return v;
}

export function instant(field: string, v: unknown): string {
  if (typeof v !== 'string' || !ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v))) {
    throw new StoreInputError(
      field,
      `必须是带时区的 ISO 时间 must be an ISO timestamp with offset, e.g. 2026-03-01T09:30:00+08:00 (got ${JSON.stringify(v)})`,
    );
  }
  return v;
}

/** A calendar day, YYYY-MM-DD (dsl/calendar-date.ts says what a real one is). */
export function date(field: string, v: unknown): string {
  if (!isRealDate(v)) throw new StoreInputError(field, `必须是日期 must be a date YYYY-MM-DD (got ${JSON.stringify(v)})`);
  return v;
}

export function caseId(field: string, v: unknown): string {
  if (typeof v !== 'string' || !CASE_ID.test(v)) {
    throw new StoreInputError(
      field,
      `案件编号只可含字母、数字、_ . - case id must be 1–64 of A–Z a–z 0–9 _ . - (got ${JSON.stringify(v)})`,
    );
  }
  return v;
}

export function version(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new StoreInputError(field, `必须是正整数 must be a positive integer (got ${JSON.stringify(v)})`);
  }
  return v;
}

export function place(field: string, v: unknown): Place {
  if (v === null || typeof v !== 'object') throw new StoreInputError(field, '必须是 {town, village, group} must be {town, village, group}');
  const p = v as Record<string, unknown>;
  return { town: text(`${field}.town`, p.town), village: text(`${field}.village`, p.village), group: text(`${field}.group`, p.group) };
}

export function json(field: string, v: unknown): string {
  try {
    return canonicalJson(v);
  } catch (e) {
    if (e instanceof CanonicalJsonError) {
      throw new StoreInputError(field + e.path.slice(1), `不是 JSON 值 not a JSON value: ${e.message}`);
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
    throw new StoreInputError(field, '至少需要一个事件 at least one event is required (the state is the fold of the events)');
  }
  return v.map((e: EventInput, i) => {
    if (e === null || typeof e !== 'object') throw new StoreInputError(`${field}[${i}]`, '必须是 {type, payload} must be {type, payload}');
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
  if (v === null || typeof v !== 'object') throw new StoreInputError(field, '必须是对象 must be an object');
  const e = v as Record<string, unknown>;
  if (!SECURITY_EVENT_TYPES.includes(e.type as SecurityEventType)) {
    throw new StoreInputError(
      `${field}.type`,
      `未知的安全事件类型 unknown security event type ${JSON.stringify(e.type)} (expected one of ${SECURITY_EVENT_TYPES.join(', ')})`,
    );
  }
  const detail = e.detail === undefined ? {} : e.detail;
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail))
    throw new StoreInputError(`${field}.detail`, '必须是对象 must be an object');
  const keys = Object.keys(detail);
  if (keys.length > MAX_DETAIL_KEYS)
    throw new StoreInputError(`${field}.detail`, `键过多 too many keys (${keys.length} > ${MAX_DETAIL_KEYS})`);
  for (const k of keys) {
    text(`${field}.detail`, k, 100);
    const x = (detail as Record<string, unknown>)[k];
    if (typeof x === 'string') {
      if (x.length > 1000) throw new StoreInputError(`${field}.detail.${k}`, `过长 too long (${x.length} > 1000 characters)`);
    } else if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new StoreInputError(`${field}.detail.${k}`, `必须是有限数 must be a finite number`);
    } else if (typeof x !== 'boolean') {
      throw new StoreInputError(`${field}.detail.${k}`, '只可为字符串、数字或布尔值 must be a string, number or boolean');
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
