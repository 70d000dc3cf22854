// A command's payload checked against its catalogue entry, field by field, with the JSON pointer of
// the first bad field. Decimals travel as strings ("24150.00"); a JSON number is accepted and kept
// as its shortest decimal text, never as a float in arithmetic. Dates, decimals and a replaced
// case meet the same rules as a case file (dsl/case-validate.ts): what a command may write into
// the record is what a case may hold.
import { AREA_BOUNDS, MONEY_BOUNDS, PENALTY_BOUNDS, RATE_BOUNDS, type DecimalBounds } from '../../dsl/case-schema.ts';
import { dateProblem, decimalProblem, validateCase } from '../../dsl/case-validate.ts';
import { hasDateShape } from '../../dsl/calendar-date.ts';
import type { CommandField, CommandSpec } from '../compile/workflow.ts';
import type { Refusal } from './result.ts';
import { msg, type Text } from '../../dsl/message.ts';

const DECIMAL = /^\d{1,15}(\.\d{1,8})?$/;

/** The bounds of a command's decimal, by its unit: 亩 an area, 元 an amount, 元/亩 a price, "" a penalty rate. */
function boundsOf(f: CommandField): DecimalBounds {
  if (f.unit === '亩') return AREA_BOUNDS;
  if (f.unit === '元') return MONEY_BOUNDS;
  if (f.unit === '元/亩') return RATE_BOUNDS;
  if (f.key === 'penaltyPerDayPerTenThousand') return PENALTY_BOUNDS;
  throw new Error(`command field ${f.key}: no bounds for unit ${JSON.stringify(f.unit)}`);
}

function bad(path: string, message: Text): Refusal {
  return { code: 'BAD_PAYLOAD', kind: 'invalid', message, path };
}

function checkField(f: CommandField, v: unknown, path: string): { value: unknown } | Refusal {
  switch (f.type) {
    case 'date': {
      if (!hasDateShape(v)) return bad(path, msg('pay.date', { label: f.label, got: JSON.stringify(v) ?? 'undefined' }));
      const problem = dateProblem(v);
      return problem ? bad(path, msg('case.field', { label: f.label, problem })) : { value: v };
    }
    case 'string':
      if (typeof v !== 'string' || v.trim() === '') return bad(path, msg('pay.text', { label: f.label }));
      if (v.length > 2000) return bad(path, msg('pay.tooLong', { label: f.label, n: v.length }));
      return { value: v };
    case 'boolean':
      return typeof v === 'boolean' ? { value: v } : bad(path, msg('pay.bool', { label: f.label }));
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
        ? { value: v }
        : bad(path, msg('pay.integer', { label: f.label, got: JSON.stringify(v) ?? 'undefined' }));
    case 'decimal': {
      const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
      if (typeof text !== 'string' || !DECIMAL.test(text)) {
        return bad(path, msg('pay.decimal', { label: f.label, got: JSON.stringify(v) ?? 'undefined' }));
      }
      const problem = decimalProblem(text, boundsOf(f));
      return problem ? bad(path, msg('case.field', { label: f.label, problem })) : { value: text };
    }
    case 'enum':
      return typeof v === 'string' && f.values && Object.hasOwn(f.values, v)
        ? { value: v }
        : bad(
            path,
            msg('pay.enum', { label: f.label, values: Object.keys(f.values ?? {}).join(' | '), got: JSON.stringify(v) ?? 'undefined' }),
          );
    case 'list': {
      if (!Array.isArray(v)) return bad(path, msg('pay.list', { label: f.label }));
      if (v.length > 200) return bad(path, msg('pay.tooMany', { label: f.label, n: v.length }));
      if (f.key === 'consents') {
        for (let i = 0; i < v.length; i++) {
          const c = v[i] as Record<string, unknown> | null;
          if (c === null || typeof c !== 'object' || Array.isArray(c))
            return bad(`${path}/${i}`, msg('pay.consentShape', { shape: '{name, consents}' }));
          if (typeof c.name !== 'string' || c.name === '') return bad(`${path}/${i}/name`, msg('pay.consentName'));
          if (typeof c.consents !== 'boolean') return bad(`${path}/${i}/consents`, msg('pay.consentBool'));
          const extra = Object.keys(c).find((k) => k !== 'name' && k !== 'consents');
          if (extra) return bad(`${path}/${i}/${extra}`, msg('pay.unknownField', { field: extra }));
        }
        return { value: v.map((c) => ({ name: c.name, consents: c.consents })) };
      }
      for (let i = 0; i < v.length; i++) {
        if (typeof v[i] !== 'string' || v[i] === '') return bad(`${path}/${i}`, msg('text.nonEmpty'));
      }
      return { value: v };
    }
    case 'object': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return bad(path, msg('pay.object', { label: f.label }));
      if (f.key !== 'case') return { value: v };
      // A replaced case is a case file like any other: the first problem names its field.
      // The same message as any other invalid case (engine/cases/errors.ts invalidCase).
      const problems = validateCase(v);
      if (!problems.length) return { value: v };
      const at = `${path}${problems[0]!.pointer}`;
      return bad(at, msg('case.invalid', { pointer: at, problem: problems[0]!.text }));
    }
  }
}

/** Checks and normalises a payload; the refusal names the first bad field as /payload/<key>. */
export function checkPayload(spec: CommandSpec, payload: unknown): { payload: Record<string, unknown> } | Refusal {
  if (payload === undefined || payload === null) payload = {};
  if (typeof payload !== 'object' || Array.isArray(payload)) return bad('/payload', msg('pay.payloadObject'));
  const p = payload as Record<string, unknown>;
  const known = new Map(spec.fields.map((f) => [f.key, f]));
  for (const k of Object.keys(p)) {
    if (!known.has(k)) {
      return bad(`/payload/${k}`, msg('pay.noField', { type: spec.type, field: k, known: spec.fields.map((f) => f.key).join(', ') }));
    }
  }
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const v = p[f.key];
    if (v === undefined || v === null) {
      if (f.required) return bad(`/payload/${f.key}`, msg('pay.missing', { field: f.key, label: f.label }));
      continue;
    }
    const r = checkField(f, v, `/payload/${f.key}`);
    if ('code' in r) return r;
    out[f.key] = r.value;
  }
  return { payload: out };
}
