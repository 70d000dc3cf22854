// Policies (public): the list, one policy with its source and diagnostics, its compiled workflow,
// and the evaluation of a case under it.
import { renameSync, writeFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import { validateCase } from '../../../dsl/case-validate.ts';
import { CaseError, invalidCase } from '../../cases/errors.ts';
import { entryFromLoaded, type PolicyCatalog, type PolicyEntry } from '../../cases/policies.ts';
import { loadPolicyText, type PolicyReads } from '../../policies/load.ts';
import type { CompiledPolicy } from '../../evaluate/compile.ts';
import type { SecurityEventInput } from '../../store/index.ts';
import { requireUser } from '../auth.ts';
import { errorOf, httpStatus, sendError } from '../errors.ts';
import { msg, type Message } from '../../../dsl/message.ts';
import { compileWorkflow, CompileError } from '../../compile/index.ts';
import { EvaluateError } from '../../evaluate/evaluate.ts';
import { evalResponse, policyDetailResponse, policyListResponse, policyPutResponse, workflowResponse } from '../responses.ts';
import { evalBody, idParams, policyPutBody, workflowQuery } from '../schemas.ts';

export function policySummary(e: PolicyEntry) {
  const m = e.meta;
  return {
    id: e.id,
    name: m?.name ?? e.id,
    shortName: m?.shortName ?? e.id,
    region: m?.region ?? null,
    status: m?.status ?? null,
    version: m?.version ?? null,
    hash: e.hash,
    errors: e.errors,
    warnings: e.warnings,
  };
}

/**
 * A text checked as the file it would replace (the checker refuses a meta.id that is not the
 * file's name): for a publish and for the diff before one.
 */
export function checkAsReplacing(source: string, file: string, reads: PolicyReads = 'check') {
  const loaded = loadPolicyText(source, file, { reads });
  return { loaded, next: entryFromLoaded({ ...loaded, file }) };
}

/** 422 POLICY_HAS_ERRORS: the text's diagnostics, at /source. */
export function sendPolicyErrors(reply: FastifyReply, next: PolicyEntry, message: Message) {
  return sendError(
    reply,
    httpStatus('unprocessable'),
    errorOf('POLICY_HAS_ERRORS', message, { path: '/source', diagnostics: next.diagnostics }),
  );
}

function entryOr404(policies: PolicyCatalog, id: string): PolicyEntry {
  const e = policies.get(id);
  if (!e) throw new CaseError('notFound', 'POLICY_NOT_FOUND', msg('http.unknownPolicy', { id }));
  return e;
}

export function policyRoutes(
  app: FastifyInstance,
  policies: PolicyCatalog,
  today: () => string,
  /** Stores the version and makes it current on every instance, `event` sealed in the same transaction (PolicyCatalog.publish). */
  publish: (entry: PolicyEntry, event: Omit<SecurityEventInput, 'at'>, compiled?: CompiledPolicy) => Promise<void>,
): void {
  // What the two reads below answer changes only with an entry, and a catalogue never changes an
  // entry in place (a publication or a sync puts a new one): each answer is serialised once, by its
  // route's own response schema, and its text is sent again while the entries it shows are the same.
  const details = new WeakMap<PolicyEntry, string>();
  let listed: { entries: PolicyEntry[]; text: string } | undefined;
  const serialise = (reply: FastifyReply, body: unknown) =>
    reply.serializeInput(body as Record<string, unknown>, '200', 'application/json') as string;
  const sendJson = (reply: FastifyReply, text: string) => reply.type('application/json; charset=utf-8').send(text);

  app.get(
    '/api/policies',
    { schema: { summary: 'The loaded policies', tags: ['policies'], response: policyListResponse } },
    async (_req, reply) => {
      const entries = policies.list();
      if (!listed || listed.entries.length !== entries.length || listed.entries.some((e, i) => e !== entries[i])) {
        listed = { entries, text: serialise(reply, entries.map(policySummary)) };
      }
      return sendJson(reply, listed.text);
    },
  );

  const detail = (e: PolicyEntry) => {
    const p = e.policy;
    return {
      id: e.id,
      meta: e.meta ?? null,
      hash: e.hash,
      source: e.source,
      diagnostics: e.diagnostics,
      errors: e.errors,
      warnings: e.warnings,
      parameters: p?.parameters ?? [],
      procedures: p?.procedures ?? {},
      articles: p?.articles ?? {},
      forms: (p?.forms ?? []).map((f) => ({ id: f.id, title: f.title, procedure: f.procedure, cite: f.cite })),
      examples: p?.examples ?? [],
    };
  };

  app.get<{ Params: { id: string } }>(
    '/api/policies/:id',
    {
      schema: {
        summary: 'One policy: source, diagnostics, parameters, procedures, articles, forms',
        tags: ['policies'],
        params: idParams,
        response: policyDetailResponse,
      },
    },
    async (req, reply) => {
      const e = entryOr404(policies, req.params.id);
      let text = details.get(e);
      if (text === undefined) details.set(e, (text = serialise(reply, detail(e))));
      return sendJson(reply, text);
    },
  );

  // A new version of a policy: checked (examples run); with publish it is stored and becomes the
  // version new cases open under on every instance — running cases keep theirs — and the file is
  // rewritten for the officer's convenience (the store is the truth). Without publish it is only checked.
  app.put<{ Params: { id: string }; Body: { source: string; publish?: boolean } }>(
    '/api/policies/:id',
    {
      schema: {
        summary: 'Check a new version of a policy, and publish it',
        tags: ['policies'],
        params: idParams,
        body: policyPutBody,
        response: policyPutResponse,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const e = entryOr404(policies, req.params.id);
      const { loaded, next } = checkAsReplacing(req.body.source, e.file);
      if (!req.body.publish) return { ...detail(next), version: next.hash.slice(0, 12), published: false };
      if (!next.policy) return sendPolicyErrors(reply, next, msg('http.policyErrors.publish', { errors: next.errors }));
      // The version, the pointer and the trail's policyPublished in one transaction.
      await publish(
        next,
        { type: 'policyPublished', actor: user.id, subject: e.id, detail: { hash: next.hash, version: next.policy.meta.version } },
        loaded.compiled,
      );
      // Written aside and renamed: a crash never leaves half a policy file.
      writeFileSync(`${e.file}.saving`, req.body.source);
      renameSync(`${e.file}.saving`, e.file);
      return { ...detail(next), version: next.hash.slice(0, 12), published: true };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { procedure?: ProcedureKind; mode?: string } }>(
    '/api/policies/:id/workflow',
    {
      schema: {
        summary: "A policy's compiled workflow",
        tags: ['policies'],
        params: idParams,
        querystring: workflowQuery,
        response: workflowResponse,
      },
    },
    async (req) => {
      const e = entryOr404(policies, req.params.id);
      const pinned = policies.current(e.id);
      if (!pinned)
        throw new CaseError('unprocessable', 'POLICY_HAS_ERRORS', msg('http.policyErrors.workflow', { id: e.id, errors: e.errors }));
      const procedure = req.query.procedure ?? (pinned.policy.procedures.exit ? 'exit' : 'transfer');
      try {
        return compileWorkflow(pinned.policy, procedure, req.query.mode);
      } catch (err) {
        if (err instanceof CompileError) {
          const path = err.code === 'UNKNOWN_MODE' ? '/mode' : err.code === 'NO_PROCEDURE' ? '/procedure' : undefined;
          throw new CaseError(path ? 'invalid' : 'unprocessable', err.code, err.text, path ? { path } : {});
        }
        throw err;
      }
    },
  );

  app.post<{ Body: { policy: string; procedure: ProcedureKind; mode?: string | null; case: CaseData; at?: string } }>(
    '/api/eval',
    { schema: { summary: 'Evaluate a case under a policy', tags: ['policies'], body: evalBody, response: evalResponse } },
    async (req) => {
      const e = policies.get(req.body.policy);
      if (!e) throw new CaseError('notFound', 'POLICY_NOT_FOUND', msg('http.unknownPolicy', { id: req.body.policy }), { path: '/policy' });
      const pinned = policies.current(e.id);
      if (!pinned)
        throw new CaseError('unprocessable', 'POLICY_HAS_ERRORS', msg('http.policyErrors.evaluate', { id: e.id, errors: e.errors }), {
          path: '/policy',
        });
      const invalid = validateCase(req.body.case, { today: today() });
      if (invalid.length) throw invalidCase(invalid);
      try {
        return pinned.evaluate({
          procedure: req.body.procedure,
          mode: req.body.mode ?? null,
          kase: req.body.case,
          at: req.body.at ?? today(),
        });
      } catch (err) {
        if (err instanceof EvaluateError) throw CaseError.fromEvaluateError(err);
        throw err;
      }
    },
  );
}
