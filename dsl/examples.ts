// An example's case: the case file (or inline case) with the example's `set:` overrides applied.
// Pure: the caller reads the file. Shared by the checker and by `landflow test`. Overrides copy
// only the records and lists along their paths, so the base case (read once per file) is shared,
// never modified.
import type { Example } from './policy-model.ts';
import { resolveCasePath } from './case-paths.ts';
import { msg, type Message } from './message.ts';
import { isJsonObject } from './json-text.ts';

export type ExampleCaseResult = { data: unknown } | { error: Message; path?: string };

type Container = Record<string, unknown> | unknown[];

/** Applies one dotted-path override onto `root` (already a private copy), copying containers on the way. */
function setPath(root: Container, path: string, value: unknown, copied: Set<unknown>): Message | undefined {
  if (resolveCasePath(path) === undefined) return msg('detail.noSuchCaseField');
  const parts = path.split('.');
  let cur: Container = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
    let next: unknown;
    if (Array.isArray(cur)) {
      const idx = Number(part);
      if (idx >= cur.length) return msg('example.listTooShort', { n: cur.length });
      next = cur[idx];
    } else {
      next = cur[part];
      if (next === undefined || next === null) next = nextIsIndex ? [] : {};
    }
    if (typeof next !== 'object' || next === null) return msg('example.notContainer', { path: parts.slice(0, i + 1).join('.') });
    if (!copied.has(next)) {
      next = Array.isArray(next) ? [...next] : { ...(next as Record<string, unknown>) };
      copied.add(next);
    }
    if (Array.isArray(cur)) cur[Number(part)] = next;
    else cur[part] = next;
    cur = next as Container;
  }
  const last = parts[parts.length - 1]!;
  if (Array.isArray(cur)) {
    const idx = Number(last);
    if (idx > cur.length) return msg('example.listTooShort', { n: cur.length });
    cur[idx] = value;
  } else {
    cur[last] = value;
  }
  return undefined;
}

/** The example's case. `base` is the parsed case file (or undefined when the example is inline). */
export function exampleCase(ex: Example, base: unknown): ExampleCaseResult {
  let data: unknown = base;
  if (ex.case !== undefined) data = base !== undefined ? overlay(base, ex.case) : ex.case;
  if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) return { error: msg('example.noCase') };
  if (!ex.set || Object.keys(ex.set).length === 0) return { data };
  const root = { ...(data as Record<string, unknown>) };
  const copied = new Set<unknown>([root]);
  for (const [path, value] of Object.entries(ex.set)) {
    const err = setPath(root, path, value, copied);
    if (err) return { error: err, path };
  }
  return { data: root };
}

/**
 * `over` laid onto `base`: records merged key by key, anything else (a value, a list) replaced by
 * `over`'s, and kept where `over` has nothing. Neither is changed. An example's inline case on its
 * case file; the checker's coverage's facts on a full case (dsl/check/coverage.ts).
 */
export function overlay(base: unknown, over: unknown): unknown {
  if (!isJsonObject(base) || !isJsonObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = overlay(base[k], v);
  return out;
}
