// Canonical JSON: the exact text that event hashes are computed over. It must be the same on
// every machine and in every future version, so it is deliberately tiny: object keys sorted by
// UTF-16 code units (JavaScript's default sort, as in RFC 8785), no whitespace, strings and
// numbers as JSON.stringify writes them (shortest round-trip form), `toJSON` honoured (Decimal,
// Date). Values JSON cannot represent faithfully are refused instead of silently changed.
import { msg, type Message } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';

/** A value with no canonical JSON: where, and what it is (as JavaScript names it, shown as written). */
export class CanonicalJsonError extends TextError {
  declare readonly text: Message;
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(msg('store.cannotSerialise', { path, what }));
  }
}

export function canonicalJson(value: unknown): string {
  const out = write(value, '$', new Set());
  if (out === undefined) throw new CanonicalJsonError('$', 'undefined is not a JSON value');
  return out;
}

function write(value: unknown, path: string, seen: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON('');
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // NaN and ±Infinity would become null and no longer equal what the caller meant.
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `non-finite number ${value}`);
      return JSON.stringify(value);
    case 'undefined':
      return undefined;
    case 'bigint':
      throw new CanonicalJsonError(path, 'bigint (use a decimal string)');
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError(path, typeof value);
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) throw new CanonicalJsonError(path, 'circular reference');
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      // As JSON.stringify does: an undefined array slot is null, so positions are kept.
      return '[' + obj.map((v, i) => write(v, `${path}[${i}]`, seen) ?? 'null').join(',') + ']';
    }
    const proto = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      const name = (obj.constructor as { name?: string } | undefined)?.name ?? 'object';
      throw new CanonicalJsonError(path, `${name} is not a plain object`);
    }
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      // As JSON.stringify does: an undefined property is absent, so optional fields round-trip.
      const v = write((obj as Record<string, unknown>)[key], `${path}.${key}`, seen);
      if (v !== undefined) parts.push(JSON.stringify(key) + ':' + v);
    }
    return '{' + parts.join(',') + '}';
  } finally {
    seen.delete(obj);
  }
}
