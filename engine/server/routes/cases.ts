// Cases: open, list, read (state, events, deadlines, commands allowed now), run a command, print
// a form; and the task list of a place for a day. Lists come a page at a time (?limit=&after=,
// answering { items, next }), filtered before the limit.
import type { FastifyInstance } from 'fastify';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import { checkText } from '../../../dsl/text.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../accounts/limits.ts';
import { CaseError } from '../../cases/errors.ts';
import { msg } from '../../../dsl/message.ts';
import type { CaseService, PageRequest } from '../../cases/service.ts';
import { DocumentError } from '../../documents/index.ts';
import { requireUser } from '../auth.ts';
import { listDocuments, renderCaseForm, sendDocumentHtml, sendPdfError, type PdfService } from '../documents.ts';
import {
  caseCreatedResponse,
  caseListResponse,
  caseResponse,
  commandResponse,
  commandsResponse,
  deadlinesResponse,
  documentResponse,
  documentsResponse,
  eventsResponse,
  tasksResponse,
  timingResponse,
  workflowResponse,
} from '../responses.ts';
import { caseListQuery, commandBody, dateQuery, documentQuery, formParams, idParams, openCaseBody, tasksQuery } from '../schemas.ts';
import { FRAMED_BY_UI } from '../security-headers.ts';

type IdParams = { Params: { id: string } };
type PlaceQuery = { town?: string; village?: string; group?: string };

/** ?limit=&after= as a page request: limit 1…MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when absent. */
function pageOf(q: { limit?: string; after?: string }): PageRequest {
  const limit = q.limit === undefined ? DEFAULT_PAGE_SIZE : Number(q.limit);
  if (limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new CaseError('invalid', 'BAD_REQUEST', msg('http.pageSize', { max: MAX_PAGE_SIZE, got: String(q.limit) }), { path: '/limit' });
  }
  return { limit, ...(q.after ? { after: q.after } : {}) };
}

/** The place filter in its normal form (dsl/text.ts), as case places are stored. */
function placeOf(q: PlaceQuery): PlaceQuery {
  const out: PlaceQuery = {};
  for (const k of ['town', 'village', 'group'] as const) {
    const v = q[k];
    if (v === undefined || v === '') continue;
    const c = checkText(v);
    if (!c.ok) throw new CaseError('invalid', 'BAD_REQUEST', msg('http.queryField', { name: k, problem: c.message }), { path: `/${k}` });
    out[k] = c.value;
  }
  return out;
}

function idempotencyKeyOf(header: unknown, body: string | undefined): string | undefined {
  const h = typeof header === 'string' && header !== '' ? header : undefined;
  if (h && body && h !== body) {
    throw new CaseError('invalid', 'BAD_REQUEST', msg('http.idempotencyKeys'), { path: '/idempotencyKey' });
  }
  if (h && h.length > 200)
    throw new CaseError('invalid', 'BAD_REQUEST', msg('http.idempotencyKeyLong', { max: 200 }), { path: '/idempotencyKey' });
  return h ?? body;
}

export function caseRoutes(app: FastifyInstance, cases: CaseService, pdf: PdfService): void {
  app.post<{ Body: { policy: string; procedure: ProcedureKind; mode?: string | null; case: CaseData; idempotencyKey?: string } }>(
    '/api/cases',
    { schema: { summary: 'Open a case', tags: ['cases'], body: openCaseBody, response: caseCreatedResponse } },
    async (req, reply) => {
      const user = requireUser(req);
      const key = idempotencyKeyOf(req.headers['idempotency-key'], req.body.idempotencyKey);
      const view = await cases.open({
        policy: req.body.policy,
        procedure: req.body.procedure,
        mode: req.body.mode ?? null,
        case: req.body.case,
        user,
        ...(key ? { idempotencyKey: key } : {}),
      });
      return reply.code(201).header('location', `/api/cases/${view.id}`).send(view);
    },
  );

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/api/cases',
    { schema: { summary: 'List cases, a page at a time', tags: ['cases'], querystring: caseListQuery, response: caseListResponse } },
    async (req) => {
      const q = req.query;
      const page = pageOf(q);
      return cases.list(
        {
          ...placeOf(q),
          ...(q.policy ? { policyId: q.policy } : {}),
          ...(q.procedure ? { procedure: q.procedure } : {}),
          ...(q.status ? { status: q.status } : {}),
        },
        page,
      );
    },
  );

  const read = (summary: string, response: Record<string, unknown>) => ({
    schema: { summary, tags: ['cases'], params: idParams, response },
  });
  app.get<IdParams>('/api/cases/:id', read('Read a case', caseResponse), async (req, reply) =>
    reply.type('application/json; charset=utf-8').send(await cases.getJson(req.params.id)),
  );
  app.get<IdParams>('/api/cases/:id/events', read("A case's events", eventsResponse), async (req) => cases.events(req.params.id));
  app.get<IdParams & { Querystring: { date?: string } }>(
    '/api/cases/:id/deadlines',
    { schema: { ...read("A case's deadlines", deadlinesResponse).schema, querystring: dateQuery } },
    async (req) => cases.deadlines(req.params.id, req.query.date ?? cases.today()),
  );
  app.get<IdParams>('/api/cases/:id/timing', read("A case's timing conflicts", timingResponse), async (req) => cases.timing(req.params.id));
  app.get<IdParams>('/api/cases/:id/commands', read('The commands allowed now', commandsResponse), async (req) =>
    cases.commands(req.params.id),
  );
  app.get<IdParams>('/api/cases/:id/workflow', read('The workflow the case is pinned to', workflowResponse), async (req) =>
    cases.workflow(req.params.id),
  );

  app.post<
    IdParams & { Body: { type: string; expectedVersion: number; payload?: Record<string, unknown> | null; idempotencyKey?: string } }
  >(
    '/api/cases/:id/commands',
    { schema: { summary: 'Run a command on a case', tags: ['cases'], params: idParams, body: commandBody, response: commandResponse } },
    async (req, reply) => {
      const user = requireUser(req);
      const key = idempotencyKeyOf(req.headers['idempotency-key'], req.body.idempotencyKey);
      const r = await cases.command({
        caseId: req.params.id,
        type: req.body.type,
        payload: req.body.payload ?? {},
        expectedVersion: req.body.expectedVersion,
        user,
        ...(key ? { idempotencyKey: key } : {}),
      });
      if (r.replayed) reply.header('idempotent-replay', 'true');
      return { case: r.case, events: r.events };
    },
  );

  app.get<IdParams>('/api/cases/:id/documents', read("A case's printable forms", documentsResponse), async (req) =>
    listDocuments(cases, req.params.id),
  );

  app.get<{ Params: { id: string; form: string }; Querystring: { format?: 'html' | 'pdf' } }>(
    '/api/cases/:id/documents/:form',
    // The case page shows the form in an iframe: framed by this origin, by no other.
    {
      schema: {
        summary: 'Print a form (HTML, or PDF with ?format=pdf)',
        tags: ['cases'],
        params: formParams,
        querystring: documentQuery,
        response: documentResponse,
      },
      helmet: FRAMED_BY_UI,
    },
    async (req, reply) => {
      const { html, title } = await renderCaseForm(cases, req.params.id, req.params.form);
      if (req.query.format !== 'pdf') return sendDocumentHtml(reply, html);
      try {
        const bytes = await pdf.render(html);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`${title}.pdf`)}`)
          .send(bytes);
      } catch (e) {
        if (e instanceof DocumentError) {
          req.log.error({ err: e }, 'pdf rendering failed');
          return sendPdfError(reply, e);
        }
        throw e;
      }
    },
  );

  app.get<{ Querystring: PlaceQuery & { date?: string; policy?: string; limit?: string; after?: string } }>(
    '/api/tasks',
    {
      schema: {
        summary: 'The tasks of a place for a day, a page at a time',
        tags: ['cases'],
        querystring: tasksQuery,
        response: tasksResponse,
      },
    },
    async (req) => {
      const q = req.query;
      const page = pageOf(q);
      return cases.tasks({ date: q.date ?? cases.today(), ...placeOf(q), ...(q.policy ? { policyId: q.policy } : {}) }, page);
    },
  );
}
