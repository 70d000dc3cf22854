// A stand-in for engine/server's app, shaped after engine/server/API.md, with the accounts plugin
// registered first exactly as the real server does it. It lets the accounts tests exercise the
// hooks through HTTP (app.inject) on routes whose handlers do what the real ones do with the
// store: create a case, run a command, list, read, render a document with the full ID numbers.
import Fastify, { type FastifyInstance } from 'fastify';
import { ConflictError, NotFoundError, StoreError, isCaseId, type Store } from '../../../engine/store/index.ts';
import { registerAuth, type AuthOptions } from '../../../engine/accounts/plugin.ts';
import { MAX_BODY_BYTES } from '../../../engine/accounts/limits.ts';

const POLICY_REGIONS: Record<string, { province: string; city?: string; code?: string }> = {
  qinzhou: { province: '广西壮族自治区', city: '钦州市', code: '450700' },
  neijiang: { province: '四川省', city: '内江市', code: '511000' },
};

function bad(reply: import('fastify').FastifyReply, status: number, code: string, message: string, path?: string) {
  return reply.code(status).send({ error: { code, message, ...(path ? { path } : {}) } });
}

export async function buildStubApp(opts: { store: Store; clock: () => Date } & Partial<AuthOptions>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES });
  await registerAuth(app, {
    policyRegion: (id) => POLICY_REGIONS[id],
    rateLimit: false,
    ...opts,
  });
  const store = opts.store;
  /** The case of a URL's id: none for an id that is no case id (the store refuses those). */
  const caseOf = async (id: string) => (isCaseId(id) ? store.getCase(id) : undefined);
  const at = () => opts.clock().toISOString();

  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return bad(reply, status, status === 500 ? 'INTERNAL' : 'BAD_REQUEST', err.message);
  });

  app.setNotFoundHandler((req, reply) => bad(reply, 404, 'NOT_FOUND', `no route ${req.method} ${req.url}`));

  app.get('/api/policies', async () => Object.keys(POLICY_REGIONS).map((id) => ({ id, region: POLICY_REGIONS[id] })));
  app.get('/api/policies/:id', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    return POLICY_REGIONS[id] ? { id, meta: { region: POLICY_REGIONS[id] } } : bad(reply, 404, 'NOT_FOUND', 'no policy');
  });
  app.put('/api/policies/:id', async (req, reply) => {
    const b = req.body as { source?: unknown };
    if (!b || typeof b !== 'object' || typeof b.source !== 'string') return bad(reply, 400, 'BAD_REQUEST', 'source', '/source');
    return { id: (req.params as { id: string }).id, saved: true };
  });
  app.post('/api/compare', async (req, reply) => {
    const b = req.body as { policies?: unknown };
    if (!b || typeof b !== 'object' || !Array.isArray(b.policies)) return bad(reply, 400, 'BAD_REQUEST', 'policies', '/policies');
    return b.policies.map((p) => ({ policy: String(p), eligible: true }));
  });

  app.post('/api/cases', async (req, reply) => {
    const b = req.body as { policy?: unknown; procedure?: unknown; case?: { household?: { collective?: Record<string, unknown> } } };
    const coll = b?.case?.household?.collective;
    if (!b || typeof b.policy !== 'string' || (b.procedure !== 'exit' && b.procedure !== 'transfer') || !coll) {
      return bad(reply, 400, 'BAD_REQUEST', 'bad case', '/case');
    }
    try {
      const rec = await store.createCase({
        policyId: b.policy,
        policyHash: 'h'.repeat(64),
        procedure: b.procedure,
        place: { town: coll.town as string, village: coll.village as string, group: coll.group as string },
        user: req.user!.name,
        at: at(),
        idempotencyKey: `create-${Math.random()}`,
        initialEvents: [{ type: 'CaseOpened', payload: { case: b.case } }],
        state: { case: b.case, step: 'opened' },
      });
      return reply.code(201).send(rec);
    } catch (e) {
      if (e instanceof StoreError) return bad(reply, 400, 'BAD_REQUEST', e.message);
      throw e;
    }
  });
  app.get('/api/cases', async (req) => {
    const q = req.query as { town?: string };
    const listed = await store.listCases({ town: q.town });
    return (await store.getCases(listed.map((c) => c.id))).map((c) => ({ id: c.id, place: c.place, version: c.version, state: c.state }));
  });
  app.get('/api/cases/:id', async (req, reply) => {
    const c = await caseOf((req.params as { id: string }).id);
    return c ?? bad(reply, 404, 'NOT_FOUND', 'case not found');
  });
  app.get('/api/cases/:id/events', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    return (await caseOf(id)) ? await store.getEvents(id) : bad(reply, 404, 'NOT_FOUND', 'case not found');
  });
  app.get('/api/cases/:id/documents/:form', async (req, reply) => {
    const c = await caseOf((req.params as { id: string }).id);
    if (!c) return bad(reply, 404, 'NOT_FOUND', 'case not found');
    const head = (c.state as { case: { household: { head: { idNumber: string } } } }).case.household.head;
    return reply.type('text/html; charset=utf-8').send(`<p>身份证号 ${head.idNumber}</p>`);
  });
  app.post('/api/cases/:id/commands', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const b = req.body as { type?: unknown; expectedVersion?: unknown; payload?: unknown };
    if (!b || typeof b !== 'object' || typeof b.type !== 'string' || typeof b.expectedVersion !== 'number') {
      return bad(reply, 400, 'BAD_REQUEST', 'bad command', '/type');
    }
    try {
      const r = await store.runCommand({
        caseId: id,
        expectedVersion: b.expectedVersion,
        idempotencyKey: String(req.headers['idempotency-key'] ?? `k-${Math.random()}`),
        user: req.user!.name,
        at: at(),
        command: { type: b.type, payload: b.payload ?? null },
        decide: (cur) => ({
          events: [{ type: b.type as string, payload: b.payload ?? null }],
          state: { ...(cur.state as object), step: b.type },
        }),
      });
      return { case: r.record, events: r.events };
    } catch (e) {
      if (e instanceof NotFoundError) return bad(reply, 404, 'NOT_FOUND', e.message);
      if (e instanceof ConflictError) return bad(reply, 409, 'CONFLICT', e.message);
      if (e instanceof StoreError) return bad(reply, 400, 'BAD_REQUEST', e.message);
      throw e;
    }
  });
  app.get('/api/tasks', async (req) => {
    const q = req.query as { town?: string };
    return { due: (await store.listCases({ town: q.town })).map((c) => ({ caseId: c.id, town: c.place.town })), overdue: [], waiting: [] };
  });
  return app;
}
