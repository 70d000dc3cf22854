// The JSON Schema of case files, generated from the one description of the case model
// (dsl/case-schema.ts), and the shape check that names the bad field by its JSON pointer
// ("/parcels/0/area"). Decimals travel as strings ("1.20"), dates as "YYYY-MM-DD". What the shape
// cannot say (a real date, a check digit, a bound on a decimal) dsl/case-validate.ts checks next.
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { caseFields, type Field, type FieldType } from './case-schema.ts';
import { msg, type Message } from './message.ts';
import { renderBoth } from './messages.ts';

type AjvClass = new (opts: Record<string, unknown>) => { compile: (s: unknown) => ValidateFunction };
const Ajv2020 = ((Ajv2020Import as unknown as { default?: AjvClass }).default ?? Ajv2020Import) as unknown as AjvClass;

// Digits are bounded here so that no 308-digit text reaches the decimal arithmetic of the bounds check.
export const DECIMAL_PATTERN = '^-?[0-9]{1,20}(\\.[0-9]{1,20})?$';
export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

type JsonSchema = Record<string, unknown>;

function typeSchema(t: FieldType): JsonSchema {
  switch (t.kind) {
    case 'string':
      return { type: 'string', ...(t.maxLength !== undefined ? { maxLength: t.maxLength } : {}) };
    case 'bool':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN };
    case 'integer':
      return {
        type: 'integer',
        minimum: t.min ?? 0,
        ...(t.max !== undefined ? { maximum: t.max } : {}),
        ...(t.unit ? { 'x-unit': t.unit } : {}),
      };
    case 'decimal':
      return { type: 'string', pattern: DECIMAL_PATTERN, 'x-unit': t.unit };
    case 'enum':
      return { enum: Object.keys(t.values), 'x-labels': t.values };
    case 'list':
      return {
        type: 'array',
        items: typeSchema(t.of),
        ...(t.minItems !== undefined ? { minItems: t.minItems } : {}),
        ...(t.maxItems !== undefined ? { maxItems: t.maxItems } : {}),
      };
    case 'record':
      return recordSchema(t.fields);
  }
}

function fieldSchema(f: Field): JsonSchema {
  // A name, a relation or an ID number that is required is never empty.
  const nonEmpty = f.required && f.type.kind === 'string' ? { minLength: 1 } : {};
  return { title: f.label, ...typeSchema(f.type), ...nonEmpty };
}

function recordSchema(fields: Field[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of fields) properties[f.key] = fieldSchema(f);
  return {
    type: 'object',
    properties,
    required: fields.filter((f) => f.required).map((f) => f.key),
    additionalProperties: false,
  };
}

/** The case file schema (draft 2020-12). */
export function caseJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://landflow.example/case.schema.json',
    title: '土地承包经营权转让、退出案件 / a transfer or exit case',
    ...recordSchema(caseFields),
  };
}

export interface CaseError {
  /** JSON pointer of the bad field, e.g. "/parcels/0/area" ("" for the whole case). */
  pointer: string;
  /** Both languages, as the command line and the logs print it. */
  message: string;
  /** The same as data (dsl/phrases/case.ts), for a reader of one language. */
  text: Message;
}

/** A case error: where, and what (said once, in both forms). */
export function caseError(pointer: string, text: Message): CaseError {
  return { pointer, message: renderBoth(text), text };
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(caseJsonSchema());
  return compiled;
}

/** [] when the case has the schema's shape; otherwise one error per bad field, with its pointer. */
export function caseShapeErrors(data: unknown): CaseError[] {
  const validate = validator();
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(e: ErrorObject): CaseError {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return caseError(`${at}/${String(p.missingProperty)}`, msg('case.missing'));
    case 'additionalProperties':
      return caseError(`${at}/${String(p.additionalProperty)}`, msg('case.unknownField'));
    case 'type':
      return caseError(at, msg('case.wrongType', { type: String(p.type) }));
    case 'pattern':
      return caseError(at, msg(String(p.pattern) === DATE_PATTERN ? 'case.datePattern' : 'case.decimalPattern'));
    case 'enum':
      return caseError(at, msg('case.invalidValue', { allowed: (p.allowedValues as unknown[]).join(', ') }));
    case 'minimum':
      return caseError(at, msg('case.min', { limit: String(p.limit) }));
    case 'maximum':
      return caseError(at, msg('case.max', { limit: String(p.limit) }));
    case 'minLength':
      return caseError(at, msg('S006'));
    case 'maxLength':
      return caseError(at, msg('case.tooLong', { limit: String(p.limit) }));
    case 'minItems':
      return caseError(at, msg('case.minItems', { limit: String(p.limit) }));
    case 'maxItems':
      return caseError(at, msg('case.maxItems', { limit: String(p.limit) }));
    default:
      return caseError(at, msg('case.schema', { detail: { zh: e.message ?? e.keyword, en: e.message ?? e.keyword } }));
  }
}
