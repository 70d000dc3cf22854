// The JSON Schema of case files, generated from the one description of the case model
// (dsl/case-schema.ts), and validation that names the bad field by its JSON pointer
// ("/parcels/0/area"). Decimals travel as strings ("1.20"), dates as "YYYY-MM-DD".
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { caseFields, type Field, type FieldType } from './case-schema.ts';

type AjvClass = new (opts: Record<string, unknown>) => { compile: (s: unknown) => ValidateFunction };
const Ajv2020 = ((Ajv2020Import as unknown as { default?: AjvClass }).default ?? Ajv2020Import) as unknown as AjvClass;

export const DECIMAL_PATTERN = '^-?[0-9]+(\\.[0-9]+)?$';
export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

type JsonSchema = Record<string, unknown>;

function typeSchema(t: FieldType): JsonSchema {
  switch (t.kind) {
    case 'string':
      return { type: 'string' };
    case 'bool':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN };
    case 'integer':
      return { type: 'integer', minimum: 0, ...(t.unit ? { 'x-unit': t.unit } : {}) };
    case 'decimal':
      return { type: 'string', pattern: DECIMAL_PATTERN, 'x-unit': t.unit };
    case 'enum':
      return { enum: Object.keys(t.values), 'x-labels': t.values };
    case 'list':
      return { type: 'array', items: typeSchema(t.of) };
    case 'record':
      return recordSchema(t.fields);
  }
}

function fieldSchema(f: Field): JsonSchema {
  return { title: f.label, ...typeSchema(f.type) };
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
  message: string; // Chinese, then English
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(caseJsonSchema());
  return compiled;
}

/** [] when the case is valid; otherwise one error per bad field, with its pointer. */
export function validateCase(data: unknown): CaseError[] {
  const validate = validator();
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(e: ErrorObject): CaseError {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { pointer: `${e.instancePath}/${String(p.missingProperty)}`, message: `缺少必需的字段 missing required field` };
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${String(p.additionalProperty)}`, message: `未知字段 unknown field` };
    case 'type':
      return { pointer: e.instancePath, message: `类型错误 wrong type: 应为 expected ${String(p.type)}` };
    case 'pattern':
      return {
        pointer: e.instancePath,
        message: String(p.pattern) === DATE_PATTERN ? '日期应为 date must be YYYY-MM-DD' : '数值应为十进制文字 a decimal must be a string like "1.20"',
      };
    case 'enum':
      return { pointer: e.instancePath, message: `无效的值 invalid value; 允许 allowed: ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'minimum':
      return { pointer: e.instancePath, message: `不能为负数 must not be negative` };
    default:
      return { pointer: e.instancePath, message: e.message ?? e.keyword };
  }
}
