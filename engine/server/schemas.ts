// Request schemas: Fastify validates bodies and query strings with ajv before a handler runs, so
// a handler sees only well-formed input and a bad field comes back as 400 with its JSON pointer.
// The case schema is the shared one (dsl/case-json-schema.ts), a named component (CaseData) of the
// app: engine/server/openapi.ts registers it before the routes refer to it.
import { caseJsonSchema } from '../../dsl/case-json-schema.ts';
import { PROCEDURE_KINDS } from '../../dsl/case-model.ts';
import { DATE_PATTERN } from '../../dsl/calendar-date.ts';
import { CASE_ID_SHAPE } from '../store/validate.ts';

type Schema = Record<string, unknown>;

function embeddable(s: Schema): Schema {
  const { $schema: _s, $id: _i, ...rest } = s;
  return rest;
}

export const caseSchema: Schema = embeddable(caseJsonSchema());
const caseRef = { $ref: 'CaseData#' };

const id = { type: 'string', minLength: 1, maxLength: 100 };
const procedure = { type: 'string', enum: [...PROCEDURE_KINDS] };
const date = { type: 'string', pattern: DATE_PATTERN };
const idempotencyKey = { type: 'string', minLength: 1, maxLength: 200 };

export const openCaseBody: Schema = {
  type: 'object',
  required: ['policy', 'procedure', 'case'],
  additionalProperties: false,
  properties: { policy: id, procedure, mode: { type: ['string', 'null'], maxLength: 50 }, case: caseRef, idempotencyKey },
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
  properties: { policy: id, procedure, mode: { type: ['string', 'null'], maxLength: 50 }, case: caseRef, at: date },
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
    after: { type: 'string', pattern: `^${CASE_ID_SHAPE}$` },
  },
};

export const tasksQuery: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    date,
    town: str,
    village: str,
    group: str,
    policy: ascii,
    limit,
    after: { type: 'string', pattern: `^${CASE_ID_SHAPE}(:[0-9]{1,4})?$` },
  },
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

// A policy file is a few tens of kB; 512 kB leaves room and keeps a check fast.
const policySource: Schema = { type: 'string', maxLength: 512 * 1024 };

export const policyPutBody: Schema = {
  type: 'object',
  required: ['source'],
  additionalProperties: false,
  properties: { source: policySource, publish: { type: 'boolean' } },
};

/** A text to compare with the current version (POST /api/policies/:id/diff): nothing is written. */
export const policyDiffBody: Schema = {
  type: 'object',
  required: ['source'],
  additionalProperties: false,
  properties: { source: policySource },
};

export const idParams: Schema = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
export const formParams: Schema = {
  type: 'object',
  required: ['id', 'form'],
  properties: { id: { type: 'string' }, form: { type: 'string' } },
};

// The compare routes (engine/compare/routes.ts) check their inputs' values themselves, with
// messages of their own (which policy is unknown, what a sweep must look like): these schemas only
// fix the types, so that the documented shape and the accepted one are the same.
// Unions as type lists, not anyOf: under an ajv that coerces (Fastify's default, coerceTypes:
// 'array'), anyOf would turn ['a'] into 'a' on its way through the first branch.
const policyIds = { type: ['array', 'string'], items: { type: 'string' }, description: 'policy ids, as a list or comma-separated' };
const caseData = { type: 'object', description: 'a case (dsl/case-json-schema.ts), checked by the route: 400 INVALID_CASE at /case/…' };
const wholeNumber = { type: ['integer', 'string'], pattern: '^[0-9]+$' };
const compareCommon = {
  policies: policyIds,
  case: caseData,
  procedure,
  mode: { type: 'string' },
};

export const compareParametersQuery: Schema = {
  type: 'object',
  properties: { policies: { type: 'string' }, format: { type: 'string', enum: ['json', 'csv', 'markdown', 'xlsx'] } },
};
export const compareBody: Schema = { type: 'object', properties: { ...compareCommon, start: { type: 'string' } } };
export const compareSweepBody: Schema = {
  type: 'object',
  properties: { ...compareCommon, sweep: { type: 'string', description: 'TARGET=FROM:TO:STEP' } },
};
export const simulateBody: Schema = {
  type: 'object',
  properties: {
    population: {
      type: ['string', 'object'],
      description: 'a bundled population id (GET /api/populations), or an inline spec: { source: YAML } or the same structure as JSON',
    },
    policies: policyIds,
    n: wholeNumber,
    seed: wholeNumber,
    sweep: { type: 'string' },
  },
};
const populationQuery = { population: { type: 'string' }, policies: { type: 'string' }, n: { type: 'string' }, seed: { type: 'string' } };
export const distributionChartQuery: Schema = { type: 'object', properties: populationQuery };
export const sweepChartQuery: Schema = { type: 'object', properties: { ...populationQuery, sweep: { type: 'string' } } };

// The accounts routes (engine/accounts/plugin.ts) check values (password rules, names, scope).
export const loginBody: Schema = {
  type: 'object',
  required: ['name', 'password'],
  properties: { name: { type: 'string', minLength: 1 }, password: { type: 'string', minLength: 1 }, bearer: { type: 'boolean' } },
};
export const newUserBody: Schema = {
  type: 'object',
  required: ['name', 'role', 'password'],
  properties: {
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'officer', 'clerk', 'researcher'] },
    town: { type: ['string', 'null'] },
    region: { type: ['string', 'null'] },
    password: { type: 'string' },
  },
};
export const userPatchBody: Schema = { type: 'object', properties: { disabled: { type: 'boolean' }, password: { type: 'string' } } };
export const userParams: Schema = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };

export const feedParams: Schema = { type: 'object', required: ['token'], properties: { token: { type: 'string' } } };
