// The application form's data side, generated from dsl/case-schema.ts: paths as JSON pointers
// (the same the server's errors use), reading and writing values, and validating each field with
// a message fit to show next to it. Pure: no DOM.
import { isRealDate } from '../../../dsl/calendar-date.ts';
import type { Field, FieldType } from '../../../dsl/case-schema.ts';
import { validateIdNumber } from '../../../dsl/case-id-number.ts';
import { t } from '../i18n.ts';
import { say } from '../common/content.ts';

export type Path = (string | number)[];

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function toPointer(path: Path): string {
  return path.map((p) => `/${escape(String(p))}`).join('');
}

export function fromPointer(pointer: string): Path {
  if (!pointer || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : unescape(s)));
}

export function getAt(value: unknown, path: Path): unknown {
  let cur = value;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** Writes a value in place, creating records on the way; `undefined` removes an optional key. */
export function setAt(root: Record<string, unknown>, path: Path, v: unknown): void {
  let cur = root as Record<string | number, unknown>;
  path.forEach((k, i) => {
    if (i === path.length - 1) {
      if (v === undefined && !Array.isArray(cur)) delete cur[k];
      else cur[k] = v;
      return;
    }
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  });
}

/** An empty value of a type, for a new list row. */
export function emptyOf(type: FieldType): unknown {
  switch (type.kind) {
    case 'record':
      return Object.fromEntries(type.fields.filter((f) => f.required).map((f) => [f.key, emptyOf(f.type)]));
    case 'list':
      return [];
    case 'bool':
      return false;
    case 'enum':
      return Object.keys(type.values)[0];
    default:
      return '';
  }
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '';
const DECIMAL = /^\d+(\.\d+)?$/;

/** The message for one leaf value, or null when it is acceptable. */
export function validateLeaf(field: Field, v: unknown, opts: { today?: string } = {}): string | null {
  if (isBlank(v)) return field.required && field.type.kind !== 'bool' ? t('form.required') : null;
  const type = field.type;
  switch (type.kind) {
    case 'string':
      if (field.key === 'idNumber') {
        const r = validateIdNumber(String(v), { today: opts.today });
        return r.ok ? null : say(r.reason);
      }
      return null;
    case 'integer':
      return typeof v === 'number'
        ? Number.isInteger(v) && v >= 0
          ? null
          : t('form.integer')
        : /^\d+$/.test(String(v))
          ? null
          : t('form.integer');
    case 'decimal':
      return DECIMAL.test(String(v).trim()) ? null : t('form.decimal');
    case 'date':
      return isRealDate(v) ? null : t('form.date');
    case 'enum':
      return String(v) in type.values ? null : t('form.enum');
    default:
      return null;
  }
}

export interface ValidateOptions {
  today?: string;
  /** Pointers of subtrees not on this form (e.g. "/transfer" on an exit application). */
  hidden?: Set<string>;
}

/** Every problem in the value, keyed by JSON pointer. */
export function validateAll(fields: Field[], value: unknown, opts: ValidateOptions = {}, path: Path = []): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fields) {
    const p = [...path, f.key];
    const ptr = toPointer(p);
    if (opts.hidden?.has(ptr)) continue;
    const v = getAt(value, p);
    if (f.type.kind === 'record') {
      if (isBlank(v)) {
        if (f.required) for (const [k, m] of validateAll(f.type.fields, value, opts, p)) out.set(k, m);
        continue;
      }
      for (const [k, m] of validateAll(f.type.fields, value, opts, p)) out.set(k, m);
    } else if (f.type.kind === 'list') {
      const items = Array.isArray(v) ? v : [];
      if (f.required && items.length === 0) out.set(ptr, t('form.listEmpty'));
      const of = f.type.of;
      items.forEach((_, i) => {
        if (of.kind === 'record') for (const [k, m] of validateAll(of.fields, value, opts, [...p, i])) out.set(k, m);
      });
    } else {
      const m = validateLeaf(f, v, opts);
      if (m) out.set(ptr, m);
    }
  }
  return out;
}

/** Turns the text of an input into the value the case model holds for that type. */
export function parseInput(type: FieldType, text: string, checked?: boolean): unknown {
  switch (type.kind) {
    case 'bool':
      return !!checked;
    case 'integer':
      // Keep what was typed when it is not a number, so nothing is lost; validation flags it.
      return text.trim() === '' ? undefined : /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;
    case 'decimal':
    case 'date':
    case 'string':
    case 'enum':
      return text === '' ? undefined : type.kind === 'decimal' ? text.trim() : text;
    default:
      return text;
  }
}

/** The server's pointer (into the request body) made relative to the form's value. */
export function relativePointer(pointer: string | undefined, prefix: string): string | null {
  if (!pointer) return null;
  if (!prefix) return pointer;
  if (pointer === prefix) return '';
  return pointer.startsWith(`${prefix}/`) ? pointer.slice(prefix.length) : null;
}

/**
 * Relations of people who live in a household without being its family (寄住, 雇工): they do not
 * share its contract rights. Every family member does (农村土地承包法 第十六条: 农户内家庭成员依法
 * 平等享有承包土地的各项权益), so a member is a co-owner by default unless the relation says otherwise
 * (docs/consent.md); the clerk confirms the default.
 */
const NOT_FAMILY = ['其他', '非家庭成员', '寄住', '寄住人员', '雇工', '保姆'];

/** Whether a member of this relation is a co-owner (家庭共有人) by default. */
export function coOwnerByRelation(relation: string | undefined): boolean {
  return !NOT_FAMILY.includes((relation ?? '').trim());
}

/** The marker of a co-owner default the clerk has not confirmed (kept in the draft, never sent). */
export const CO_OWNER_DEFAULT = 'coOwnerDefault';

/** The case as the server takes it: without the form's own markers. */
export function withoutFormMarkers(kase: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(kase);
  const members = (copy.household as { members?: Record<string, unknown>[] } | undefined)?.members ?? [];
  for (const m of members) delete m[CO_OWNER_DEFAULT];
  return copy;
}
