// Request schemas: Fastify validates bodies and query strings with ajv before a handler runs, so
// a handler sees only well-formed input and a bad field comes back as 400 with its JSON pointer.
// The case schema is the shared one (dsl/case-json-schema.ts), embedded without its $schema/$id.
import { caseJsonSchema } from '../../dsl/case-json-schema.ts';

type Schema = Record<string, unknown>;

function embeddable(s: Schema): Schema {
  const { $schema: _s, $id: _i, ...rest } = s;
  return rest;
}

export const caseSchema: Schema = embeddable(caseJsonSchema());

const id = { type: 'string', minLength: 1, maxLength: 100 };
const procedure = { type: 'string', enum: ['exit', 'transfer'] };
const date = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };
const idempotencyKey = { type: 'string', minLength: 1, maxLength: 200 };

export const openCaseBody: Schema = {
  type: 'object',
  required: ['policy', 'procedure', 'case'],
  additionalProperties: false,
  properties: { policy: id, procedure, mode: { type: ['string', 'null'], maxLength: 50 }, case: caseSchema, idempotencyKey },
};

export const commandBody: Schema = {
  type: 'object',
  required: ['type', 'expectedVersion'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 50 },
    expectedVersion: { type: 'integer', minimum: 1 },
    payload: { type: ['object', 'null'] },
    idempotencyKey,
  },
};

export const evalBody: Schema = {
  type: 'object',
  required: ['policy', 'procedure', 'case'],
  additionalProperties: false,
  properties: { policy: id, procedure, mode: { type: ['string', 'null'], maxLength: 50 }, case: caseSchema, at: date },
};

export const deadlineBody: Schema = {
  type: 'object',
  required: ['start', 'period'],
  additionalProperties: false,
  properties: {
    start: date,
    period: { type: 'string', minLength: 1, maxLength: 50 },
    after: { type: 'boolean' },
    calendar: { type: 'string', maxLength: 200 },
  },
};

// Place names are normalised and checked in full by the route (dsl/text.ts); this only bounds them.
const str = { type: 'string', maxLength: 200 };
const ascii = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' };
const limit = { type: 'string', pattern: '^[0-9]{1,4}$' };
const caseId = '[A-Za-z0-9][A-Za-z0-9_.-]{0,63}';

export const caseListQuery: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    town: str,
    village: str,
    group: str,
    policy: ascii,
    procedure: ascii,
    status: ascii,
    limit,
    after: { type: 'string', pattern: `^${caseId}$` },
  },
};

export const tasksQuery: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { date, town: str, village: str, group: str, policy: ascii, limit, after: { type: 'string', pattern: `^${caseId}(:[0-9]{1,4})?$` } },
};

export const dateQuery: Schema = { type: 'object', additionalProperties: false, properties: { date } };

export const workflowQuery: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { procedure, mode: { type: 'string', maxLength: 50 } },
};

export const documentQuery: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['html', 'pdf'] } },
};

export const calendarQuery: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['year'],
  properties: { year: { type: 'string', pattern: '^[0-9]{4}$' }, calendar: { type: 'string', maxLength: 200 } },
};

export const policyPutBody: Schema = {
  type: 'object',
  required: ['source'],
  additionalProperties: false,
  // A policy file is a few tens of kB; 512 kB leaves room and keeps a check fast.
  properties: { source: { type: 'string', maxLength: 512 * 1024 }, publish: { type: 'boolean' } },
};
