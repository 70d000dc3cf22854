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
  const out = write(value, []);
  if (out === undefined) throw new CanonicalJsonError('$', 'undefined is not a JSON value');
  return out;
}

/**
 * The objects and arrays being written, outermost first, each with the key or index it is being
 * written at (a cycle is one of them met again). The path a refusal names is spelled from it only
 * then: every command writes its whole state here, and most values are never refused.
 */
type Trail = { obj: object; at: string | number | undefined }[];

function pathOf(trail: Trail): string {
  let path = '$';
  for (const { at } of trail) {
    if (typeof at === 'number') path += `[${at}]`;
    else if (at !== undefined) path += `.${at}`;
  }
  return path;
}

function refuse(trail: Trail, what: string): never {
  throw new CanonicalJsonError(pathOf(trail), what);
}

function write(value: unknown, trail: Trail): string | undefined {
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
      if (!Number.isFinite(value)) return refuse(trail, `non-finite number ${value}`);
      return JSON.stringify(value);
    case 'undefined':
      return undefined;
    case 'bigint':
      return refuse(trail, 'bigint (use a decimal string)');
    case 'function':
    case 'symbol':
      return refuse(trail, typeof value);
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const obj = value as object;
  for (let i = 0; i < trail.length; i++) if (trail[i]!.obj === obj) return refuse(trail, 'circular reference');
  const here = { obj, at: undefined as string | number | undefined };
  trail.push(here);
  try {
    if (Array.isArray(obj)) {
      let out = '[';
      for (let i = 0; i < obj.length; i++) {
        here.at = i;
        // As JSON.stringify does: an undefined array slot is null, so positions are kept.
        out += (i ? ',' : '') + (write(obj[i], trail) ?? 'null');
      }
      return out + ']';
    }
    const proto = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      trail.pop();
      const name = (obj.constructor as { name?: string } | undefined)?.name ?? 'object';
      return refuse(trail, `${name} is not a plain object`);
    }
    let out = '{';
    for (const key of Object.keys(obj).sort()) {
      here.at = key;
      // As JSON.stringify does: an undefined property is absent, so optional fields round-trip.
      const v = write((obj as Record<string, unknown>)[key], trail);
      if (v !== undefined) out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + v;
    }
    return out + '}';
  } finally {
    if (trail[trail.length - 1] === here) trail.pop();
  }
}
