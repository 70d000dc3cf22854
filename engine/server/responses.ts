// Response schemas: what every route answers, written once here and published as the OpenAPI
// document (engine/server/openapi.ts, GET /api/openapi.json). They are the contract the tests hold
// every response to (test/engine/server/openapi-check.ts) and the source of the UI's generated types
// (ui/src/api-types.ts). Objects the engine owns and grows (a case's state, a workflow, an
// evaluation's trace) are open (additionalProperties: true) below the fields named here; the
// shapes the routes build themselves are closed.
//
// Shared shapes are named components: register them with addResponseComponents before any route
// refers to them as { $ref: 'Name#' }. Routes outside engine/server (the accounts layer, which also
// runs without this server) use the inline constants instead.

import { CHANGE_AREAS, CHANGE_KINDS } from '../diff/policy-diff.ts';
import { PROCEDURE_KINDS } from '../../dsl/case-model.ts';
import { DATE_PATTERN } from '../../dsl/calendar-date.ts';
import { CASE_STATUSES } from '../run/state.ts';
import { DEADLINE_KINDS } from '../run/views.ts';

type Schema = Record<string, unknown>;

/**
 * Responses are written with JSON.stringify, never compiled from their schemas: a compiled
 * serializer (fast-json-stringify) silently drops what a schema does not name and coerces what it
 * types differently, so a schema falling behind the engine would lose data. The app sets it for
 * every route (engine/server/openapi.ts); routes that also run in other apps set it themselves.
 */
export const jsonSerializerCompiler = () => (data: unknown) => JSON.stringify(data);

export const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const bool: Schema = { type: 'boolean' };
const date: Schema = { type: 'string', pattern: DATE_PATTERN };
const any: Schema = {};
const strOrNull: Schema = { type: ['string', 'null'] };
const procedureKind: Schema = { type: 'string', enum: [...PROCEDURE_KINDS] };
const dateOrNull: Schema = { type: ['string', 'null'], pattern: DATE_PATTERN };
const strings: Schema = { type: 'array', items: str };

export const ref = (name: string): Schema => ({ $ref: `${name}#` });
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

/** A closed object: `required` defaults to every property. */
export function closed(properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema {
  return { type: 'object', required, additionalProperties: false, properties };
}

/** An object the engine may grow: the named properties are described, others pass. */
function open(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: 'object', required, additionalProperties: true, properties };
}

const openObject: Schema = { type: 'object', additionalProperties: true };

/** A label written in both languages (a command's button). */
const bilingual = closed({ zh: str, en: str });

/**
 * A message as data (dsl/message.ts Text): a text written in both languages, or a catalogue code
 * with its arguments, rendered by the reader in its language (the UI by dsl/messages.ts). An
 * argument is content as written (a string or a number) or wording, itself a message.
 */
const textComponent: Schema = {
  anyOf: [bilingual, closed({ code: str, args: { type: 'object', additionalProperties: { anyOf: [str, num, ref('Text')] } } }, ['code'])],
};
const text = ref('Text');

/** Content as written (a string: a policy's label, a value) or landflow's own words as a message. */
const asWrittenOrText: Schema = { anyOf: [str, text] };

/** An explanation: how a date was counted, line by line, each a message. */
const lines = arrayOf(text);

/**
 * The one error shape of the API (engine/server/errors.ts ErrorBody): extra fields per error.
 * `message` says it in both languages; `text`, when the error has it, is the same as data; a
 * publication refused for its errors (422) carries the checker's diagnostics.
 */
const errorBody: Schema = closed({
  error: open({ code: str, message: str, text, path: str, cite: str, diagnostics: arrayOf(ref('Diagnostic')) }, ['code', 'message']),
});

const place = closed({ town: str, village: str, group: str });

// ——— accounts (engine/accounts/plugin.ts uses these inline: it runs in apps without components;
// its error responses are the component's, added to every route by engine/server/openapi.ts)

const sessionUser = closed({
  name: str,
  role: { type: 'string', enum: ['admin', 'officer', 'clerk', 'researcher'] },
  town: strOrNull,
  region: strOrNull,
});

export const sessionBody = closed({ user: sessionUser, csrfToken: str, expiresAt: str });

export const anonymousSession = closed({ user: { type: 'null' } });

/** A login's answer: the session, and for scripts (bearer: true) its token. */
export const loginBody = closed({ user: sessionUser, csrfToken: str, expiresAt: str, token: str }, ['user', 'csrfToken', 'expiresAt']);

export const publicUser = closed({
  name: str,
  role: { type: 'string', enum: ['admin', 'officer', 'clerk', 'researcher'] },
  town: strOrNull,
  region: strOrNull,
  disabled: bool,
  failedLogins: int,
  lockedAt: strOrNull,
  createdAt: str,
  updatedAt: str,
});

export const okBody = closed({ ok: { type: 'boolean', const: true } });

// ——— named components

// dsl/diagnostics.ts PrintedDiagnostic: `message` in both languages, `text` the same as data.
const diagnostic = closed(
  {
    file: str,
    line: int,
    column: int,
    endLine: int,
    endColumn: int,
    severity: { type: 'string', enum: ['error', 'warning', 'note'] },
    code: str,
    message: str,
    text,
    cite: strOrNull,
    related: arrayOf(closed({ line: int, column: int, endLine: int, endColumn: int, message: str, text })),
  },
  ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'text', 'cite'],
);

const failedRule = open({ rule: str, label: str, cite: str, message: text }, ['rule', 'label', 'cite', 'message']);

/** engine/compare/fast-eval.ts ReasonDecl: a rule of the policy, or the compare layer's own reason (its label a message). */
const refusalReason = open({ rule: str, label: asWrittenOrText, cite: str, message: text }, ['rule', 'label', 'cite', 'message']);

const caseMeta = {
  id: str,
  policy: str,
  policyHash: str,
  procedure: procedureKind,
  mode: strOrNull,
  version: int,
  status: { type: 'string', enum: [...CASE_STATUSES] },
  place: ref('Place'),
  createdAt: str,
  createdBy: str,
  updatedAt: str,
  updatedBy: str,
};

// engine/run/state.ts CaseState: the fold of the case's events, grown by the runner.
const caseState = open(
  {
    format: int,
    workflow: str,
    policy: open({ id: str, hash: str }),
    procedure: str,
    mode: strOrNull,
    status: str,
    openedOn: str,
    place: ref('Place'),
    case: ref('CaseData'),
    steps: {
      type: 'object',
      additionalProperties: open(
        {
          status: { type: 'string', enum: ['pending', 'active', 'done', 'skipped'] },
          activatedOn: str,
          doneOn: str,
          postedOn: str,
          result: openObject,
        },
        ['status'],
      ),
    },
    timers: {
      type: 'object',
      additionalProperties: open({
        step: str,
        kind: str,
        label: str,
        start: str,
        end: strOrNull,
        lastDay: strOrNull,
        explanation: lines,
        cite: str,
      }),
    },
    objections: arrayOf(openObject),
    // engine/run/state.ts VoteRecord and ContractState: what the case page shows.
    votes: arrayOf(
      open(
        {
          step: str,
          date,
          vote: open({ body: str, entitled: int, present: int, yes: int, no: int, abstain: int }, [
            'body',
            'entitled',
            'present',
            'yes',
            'no',
            'abstain',
          ]),
          passed: bool,
          decidedBy: str,
          cite: str,
          detail: text,
        },
        ['step', 'date', 'vote', 'passed', 'decidedBy', 'cite', 'detail'],
      ),
    ),
    contract: {
      anyOf: [
        { type: 'null' },
        open(
          {
            number: strOrNull,
            signedOn: str,
            amount: str,
            words: strOrNull,
            area: strOrNull,
            pricePerMu: strOrNull,
            paymentDue: strOrNull,
            penaltyPerDayPerTenThousand: strOrNull,
            paid: str,
            outstanding: str,
            penalty: str,
          },
          [
            'number',
            'signedOn',
            'amount',
            'words',
            'area',
            'pricePerMu',
            'paymentDue',
            'penaltyPerDayPerTenThousand',
            'paid',
            'outstanding',
            'penalty',
          ],
        ),
      ],
    },
    payments: arrayOf(closed({ step: str, date, amount: str, lateDays: int })),
    // How the case ended (or completed), the reason as a message.
    outcome: { anyOf: [{ type: 'null' }, closed({ on: date, status: str, reason: text, cite: str }, ['on', 'status', 'reason'])] },
  },
  ['status', 'case', 'steps', 'timers', 'votes', 'contract', 'payments', 'outcome'],
);

const caseView = closed({ ...caseMeta, state: caseState });

// A case the store holds no index for (made outside the case service) has no status to list.
const caseSummary = closed({
  ...caseMeta,
  status: { type: ['string', 'null'], enum: [...CASE_STATUSES, null] },
  head: str,
  label: str,
  current: strings,
  contractNumber: strOrNull,
});

const eventView = closed({ seq: int, type: str, payload: any, user: str, at: str, hash: str, prevHash: str });

const deadline = closed(
  {
    step: str,
    label: str,
    due: dateOrNull,
    kind: { type: 'string', enum: [...DEADLINE_KINDS] },
    explanation: lines,
    cite: str,
    optional: bool,
    timer: str,
    provisional: bool,
  },
  ['step', 'label', 'due', 'kind', 'explanation', 'cite', 'optional'],
);

const task = closed({
  kind: { type: 'string', enum: ['due', 'overdue', 'waiting'] },
  caseId: str,
  policy: str,
  head: str,
  step: str,
  label: str,
  deadline: dateOrNull,
  explanation: lines,
  place: ref('Place'),
  cite: str,
});

const commandField = open(
  { key: str, label: str, type: str, required: bool, unit: str, values: { type: 'object', additionalProperties: str } },
  ['key', 'label', 'type', 'required'],
);

const allowedCommand = closed(
  {
    type: str,
    label: bilingual,
    step: strOrNull,
    stepLabel: strOrNull,
    cite: str,
    fields: arrayOf(commandField),
    notBefore: str,
    until: str,
    expectedVersion: int,
  },
  ['type', 'label', 'step', 'stepLabel', 'cite', 'fields', 'expectedVersion'],
);

// engine/compile/workflow.ts Workflow (versioned JSON).
const workflow = open(
  {
    version: int,
    id: str,
    policy: open({ id: str, hash: str, version: str, name: str, shortName: str, calendar: strings }),
    procedure: str,
    mode: strOrNull,
    label: str,
    cite: any,
    initial: strings,
    states: arrayOf(openObject),
    guards: arrayOf(openObject),
    timers: arrayOf(openObject),
    anytime: strings,
    commands: arrayOf(openObject),
    forms: arrayOf(openObject),
  },
  ['version', 'id', 'policy', 'procedure', 'label', 'states', 'forms'],
);

const policySummary = closed({
  id: str,
  name: str,
  shortName: str,
  region: any,
  status: strOrNull,
  version: strOrNull,
  hash: str,
  errors: int,
  warnings: int,
});

// dsl/policy-model.ts Procedure, as far as the case pages read it: its steps and modes.
const procedure = open(
  {
    kind: procedureKind,
    label: str,
    cite: str,
    steps: arrayOf(open({ id: str, kind: str, label: str, cite: str, votes: arrayOf(openObject) }, ['id', 'kind', 'label', 'cite'])),
    modes: arrayOf(open({ id: str, label: str, cite: str }, ['id', 'label', 'cite'])),
    forms: strings,
  },
  ['kind', 'label', 'cite', 'steps', 'modes', 'forms'],
);

const policyDetail = {
  id: str,
  // null when the text does not parse far enough to have one.
  meta: {
    anyOf: [{ type: 'null' }, open({ id: str, name: str, shortName: str, status: str, version: str }, ['id', 'name', 'shortName'])],
  },
  hash: str,
  source: str,
  diagnostics: arrayOf(ref('Diagnostic')),
  errors: int,
  warnings: int,
  // dsl/policy-model.ts Parameter: a value as written or the case field supplying it, with its article.
  parameters: arrayOf(
    open({ name: str, label: str, unit: str, value: str, from: str, cite: str, assumed: bool, note: str, compare: str }, [
      'name',
      'unit',
      'cite',
    ]),
  ),
  procedures: closed({ exit: procedure, transfer: procedure }, []),
  // Article number → its text.
  articles: { type: 'object', additionalProperties: str },
  forms: arrayOf(closed({ id: str, title: str, procedure: procedureKind, cite: str })),
  examples: arrayOf(openObject),
};

// engine/evaluate/evaluate.ts Evaluation.
const evaluation = open(
  {
    policy: str,
    procedure: str,
    mode: strOrNull,
    at: str,
    eligible: bool,
    failed: arrayOf(ref('FailedRule')),
    warnings: arrayOf(ref('FailedRule')),
    compensation: open({ amount: str, words: str, perMu: str, unit: str, payer: str, cite: str }, ['amount', 'words', 'cite']),
    vote: openObject,
    notes: arrayOf(text),
    trace: arrayOf(openObject),
  },
  ['eligible', 'failed', 'warnings', 'notes', 'trace'],
);

// engine/compare: the parameter table, one case through each policy, sweeps, simulations.
const parameterTable = open(
  {
    policies: arrayOf(open({ id: str, name: str, status: str, version: str }, ['id', 'name', 'status', 'version'])),
    rows: arrayOf(
      open(
        {
          key: str,
          group: str,
          label: text,
          cells: {
            type: 'object',
            additionalProperties: {
              anyOf: [
                { type: 'null' },
                open({ value: asWrittenOrText, cite: str, assumed: bool, note: str, fromCase: str }, ['value', 'cite']),
              ],
            },
          },
        },
        ['key', 'label', 'cells'],
      ),
    ),
    reference: open({ note: text }, ['note']),
  },
  ['policies', 'rows'],
);

const caseComparison = open(
  {
    policy: str,
    name: str,
    procedure: str,
    mode: strOrNull,
    eligible: bool,
    failed: arrayOf(refusalReason),
    warnings: arrayOf(ref('FailedRule')),
    compensation: {
      anyOf: [{ type: 'null' }, open({ amount: str, words: str, perMu: str, payer: str, cite: str }, ['amount', 'words', 'cite'])],
    },
    vote: openObject,
    notes: arrayOf(text),
    // engine/compare/timeline.ts TimelineEntry.
    timeline: arrayOf(
      open(
        {
          step: str,
          label: str,
          kind: str,
          cite: str,
          date: dateOrNull,
          role: { type: 'string', enum: ['act', 'notice', 'earliest', 'deadline', 'window'] },
          countedFrom: str,
          periodEnd: str,
          objectionsUntil: str,
          periods: arrayOf(open({ timer: str, label: str, kind: str, countedFrom: str, lastDay: strOrNull })),
          optional: bool,
          skipped: bool,
          error: text,
          periodError: text,
          explanation: lines,
        },
        ['step', 'label', 'kind', 'cite', 'date', 'role', 'periods', 'optional', 'explanation'],
      ),
    ),
    completeBy: strOrNull,
    timelineError: text,
  },
  ['policy', 'name', 'eligible', 'failed', 'compensation', 'timeline', 'completeBy'],
);

const sweepSpec = open({ target: str, text: str, values: strings }, ['target', 'text', 'values']);

const caseSweep = open(
  {
    sweep: sweepSpec,
    policies: arrayOf(open({ policy: str, name: str, affected: bool }, ['policy', 'name', 'affected'])),
    points: arrayOf(
      open(
        {
          value: str,
          results: arrayOf(
            open({ policy: str, eligible: bool, amount: strOrNull, perMu: strOrNull }, ['policy', 'eligible', 'amount', 'perMu']),
          ),
        },
        ['value', 'results'],
      ),
    ),
  },
  ['sweep', 'policies', 'points'],
);

const populationInfo = open(
  {
    id: str,
    name: str,
    households: int,
    seed: int,
    year: int,
    towns: strings,
    maxHouseholds: { type: 'integer', minimum: 1, description: 'The most households this caller may simulate (POST /api/simulate n).' },
  },
  ['id', 'name', 'households', 'seed', 'year', 'maxHouseholds'],
);

const populationHead = open({ id: str, name: str, n: int, seed: int, year: int }, ['id', 'name', 'n', 'seed']);

const simulationResult = open(
  {
    population: populationHead,
    procedure: str,
    policies: arrayOf(
      open(
        {
          policy: str,
          name: str,
          households: int,
          eligible: int,
          eligibilityRate: num,
          refusals: arrayOf(closed({ rule: str, label: asWrittenOrText, cite: str, count: int, share: num, alone: int })),
          compensation: closed({
            count: int,
            total: str,
            mean: strOrNull,
            min: strOrNull,
            p10: strOrNull,
            p25: strOrNull,
            median: strOrNull,
            p75: strOrNull,
            p90: strOrNull,
            max: strOrNull,
          }),
          notComputable: int,
          cost: closed({ group: str, village: str, county: str }),
          betterOff: open({ best: num, bestCount: int, than: { type: 'object', additionalProperties: num } }, [
            'best',
            'bestCount',
            'than',
          ]),
          byPlace: arrayOf(openObject),
        },
        [
          'policy',
          'name',
          'households',
          'eligible',
          'eligibilityRate',
          'refusals',
          'compensation',
          'notComputable',
          'cost',
          'betterOff',
          'byPlace',
        ],
      ),
    ),
    histogram: openObject,
  },
  ['population', 'policies'],
);

const populationSweep = open(
  {
    population: populationHead,
    sweep: sweepSpec,
    policies: arrayOf(open({ policy: str, name: str }, ['policy', 'name'])),
    points: arrayOf(
      open(
        {
          value: str,
          policies: arrayOf(
            open({ policy: str, eligibilityRate: num, mean: strOrNull, median: strOrNull, total: str, affected: bool }, ['policy']),
          ),
        },
        ['value', 'policies'],
      ),
    ),
  },
  ['population', 'sweep', 'policies', 'points'],
);

/** The named components, in the order they are registered (a component may refer to an earlier one). */
const RESPONSE_COMPONENTS: Record<string, Schema> = {
  Text: textComponent,
  Place: place,
  Diagnostic: diagnostic,
  ErrorBody: errorBody,
  FailedRule: failedRule,
  CaseView: caseView,
  CaseSummary: caseSummary,
  CaseEvent: eventView,
  Deadline: deadline,
  Task: task,
  AllowedCommand: allowedCommand,
  Workflow: workflow,
  PolicySummary: policySummary,
  Evaluation: evaluation,
  ParameterTable: parameterTable,
  CaseComparison: caseComparison,
  CaseSweep: caseSweep,
  PopulationInfo: populationInfo,
  SimulationResult: simulationResult,
  PopulationSweep: populationSweep,
};

/** Adds the components to an app (before its routes): each becomes `#/components/schemas/Name`. */
export function addResponseComponents(app: { addSchema(s: Schema): unknown }): void {
  for (const [name, s] of Object.entries(RESPONSE_COMPONENTS)) app.addSchema({ $id: name, title: name, ...s });
}

// ——— bodies of one content type

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A JSON response. */
export const json = (schema: Schema, description: string): Schema => ({ description, content: { 'application/json': { schema } } });

/** A text or binary response of one media type (CSV, SVG, HTML, PDF, iCalendar, XLSX). */
export const media = (type: string, description: string, format?: 'binary'): Schema => ({
  description,
  content: { [type]: { schema: format ? { type: 'string', format } : { type: 'string' } } },
});

// ——— per route

export const policyListResponse = { 200: json(arrayOf(ref('PolicySummary')), 'The loaded policies.') };
export const policyDetailResponse = { 200: json(closed(policyDetail), 'The policy with its source, diagnostics and parts.') };
export const policyPutResponse = {
  200: json(closed({ ...policyDetail, version: str, published: bool }), 'The checked text (published when asked and free of errors).'),
};
// engine/diff/policy-diff.ts PolicyChange and engine/diff/open-cases.ts OpenCaseImpacts.
const policyChange = closed(
  {
    area: { type: 'string', enum: [...CHANGE_AREAS] },
    kind: { type: 'string', enum: [...CHANGE_KINDS] },
    path: str,
    field: str,
    before: str,
    after: str,
    cite: str,
  },
  ['area', 'kind', 'path'],
);
const outcome = closed({ eligible: bool, amount: str, failed: strings }, ['eligible', 'failed']);
const caseImpact = closed({
  caseId: str,
  status: str,
  before: outcome,
  after: outcome,
  deadlines: arrayOf(
    closed({ step: str, timer: str, label: str, before: dateOrNull, after: dateOrNull }, ['step', 'label', 'before', 'after']),
  ),
  migratable: bool,
  reasons: arrayOf(closed({ zh: str, en: str })),
});
export const policyDiffResponse = {
  200: json(
    closed({
      policy: str,
      changes: arrayOf(policyChange),
      impact: closed({ date, cases: arrayOf(caseImpact), otherVersions: int }),
    }),
    'What the new text changes in meaning, and what it would do to the open cases pinned to the current version.',
  ),
};
export const workflowResponse = { 200: json(ref('Workflow'), 'The compiled workflow (engine/compile/workflow.ts).') };
export const evalResponse = { 200: json(ref('Evaluation'), 'The evaluation: eligibility, compensation, vote, trace.') };

export const caseResponse = { 200: json(ref('CaseView'), 'The case.') };
export const caseCreatedResponse = { 201: json(ref('CaseView'), 'The case opened (Location: /api/cases/:id).') };
export const caseListResponse = { 200: json(closed({ items: arrayOf(ref('CaseSummary')), next: strOrNull }), 'A page of cases.') };
export const eventsResponse = { 200: json(arrayOf(ref('CaseEvent')), "The case's events, oldest first.") };
export const deadlinesResponse = { 200: json(arrayOf(ref('Deadline')), "The case's deadlines on the day asked for.") };
// engine/plan/timing.ts TimingWarning: the checker's K805–K807 on the case's own dates.
const timingWarning = closed({
  code: { type: 'string', enum: ['K805', 'K806', 'K807'] },
  step: str,
  label: str,
  timer: str,
  end: date,
  earliest: date,
  after: strings,
  cite: str,
  message: text,
});
export const timingResponse = { 200: json(arrayOf(timingWarning), "The case's timing conflicts, on its own dates.") };
export const commandsResponse = { 200: json(arrayOf(ref('AllowedCommand')), 'The commands allowed now.') };
export const commandResponse = {
  200: json(closed({ case: ref('CaseView'), events: arrayOf(ref('CaseEvent')) }), 'The case after the command and the events it recorded.'),
};
export const documentsResponse = {
  200: json(arrayOf(closed({ form: str, title: str, cite: str, step: strOrNull, available: bool })), "The case's printable forms."),
};
export const documentResponse = {
  200: {
    description: 'The form as HTML, or as PDF with ?format=pdf.',
    content: { 'text/html': { schema: str }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  },
};
export const tasksResponse = { 200: json(closed({ date, items: arrayOf(ref('Task')), next: strOrNull }), 'A page of tasks.') };
export const deadlinesIcsResponse = { 200: media('text/calendar', "The case's open deadlines as iCalendar (RFC 5545).") };

export const calendarResponse = {
  200: json(
    closed({
      year: int,
      calendar: str,
      provisional: bool,
      days: arrayOf(closed({ date, name: str, isOffDay: bool, layer: str, provisional: bool })),
    }),
    "The year's listed days: holidays and make-up working days.",
  ),
};
export const deadlineResponse = {
  200: json(
    closed({ end: dateOrNull, lastDay: dateOrNull, provisional: bool, provisionalYears: arrayOf(int), explanation: lines }),
    'The period end with its explanation.',
  ),
};

export const compareParametersResponse = {
  200: {
    description: 'The parameter table: JSON, or with ?format= CSV, Markdown or XLSX.',
    content: {
      'application/json': { schema: ref('ParameterTable') },
      'text/csv': { schema: str },
      'text/markdown': { schema: str },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  },
};
export const compareCaseResponse = { 200: json(arrayOf(ref('CaseComparison')), 'The household under each policy.') };
export const caseSweepResponse = { 200: json(ref('CaseSweep'), "Each policy's outcome along the sweep.") };
export const populationsResponse = { 200: json(arrayOf(ref('PopulationInfo')), 'The bundled population specs.') };
export const simulateResponse = {
  200: {
    description:
      'Per-policy statistics (a PopulationSweep with sweep); with Accept: text/event-stream, progress events and then one result event.',
    content: {
      'application/json': { schema: { anyOf: [ref('SimulationResult'), ref('PopulationSweep')] } },
      'text/event-stream': { schema: str },
    },
  },
};
export const svgResponse = { 200: media('image/svg+xml', 'The chart (ECharts, server-side SVG).') };

export const openApiResponse = { 200: json(openObject, 'This OpenAPI 3.1 document.') };

export const feedTokenResponse = {
  201: json(closed({ url: str, token: str }), 'The feed URL with its new token (shown once; an earlier token stops working).'),
};
export const feedResponse = { 200: media('text/calendar', "The user's deadlines and tasks as iCalendar (RFC 5545).") };
