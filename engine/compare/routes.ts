// The compare endpoints of engine/server/API.md, as a Fastify plugin-style function the server
// registers with one line: registerCompareRoutes(app, { policies, calendar }). Public (no session):
// comparisons read policies, never cases. Errors are the server's (engine/server/errors.ts): a
// CaseError whose kind gives the status, 4xx for anything a client sends. Simulations, sweeps and charts run in a bounded worker pool
// (population/pool.ts), never on the thread that answers requests: a full queue is 503 BUSY, a
// job has a time limit, and a client that disconnects stops its job. /api/simulate streams
// progress as server-sent events when asked (Accept: text/event-stream). Simulations are
// deterministic, so the last few results are kept and a chart asked for right after its table is
// not computed twice.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { limitsFor } from '../accounts/limits.ts';
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import { validateCase } from '../../dsl/index.ts';
import { isJsonObject } from '../../dsl/json-text.ts';
import { msg } from '../../dsl/message.ts';
import { CaseError, invalidCase } from '../cases/errors.ts';
import { httpStatus, sendCaseError } from '../server/errors.ts';
import type { Policy } from '../../dsl/policy-model.ts';
import { CalendarError, calendarFor, isLocalDate, type Calendar } from '../calendar/index.ts';
import type { CompiledPolicy } from '../evaluate/compile.ts';
import { EvaluateError } from '../evaluate/index.ts';
import { compareCase, type CalendarSource } from './case.ts';
import { sweepCase } from './case-sweep.ts';
import { formatTable } from './format.ts';
import { bundledPopulations, readPopulation, CompareInputError } from './io.ts';
import { compareParameters } from './parameters.ts';
import { ComparePolicyError, type CompareEntry } from './policies.ts';
import { parsePopulationSpec, PopulationSpecError, type PopulationSpec } from './population/spec.ts';
import { JobCancelledError, JobError, PoolBusyError, PoolTimeoutError, WorkerPool, type PoolOptions } from './population/pool.ts';
import type { ChartJob, PopulationRequest } from './population/worker.ts';
import type { PopulationSweep, SimulationResult } from './simulate.ts';
import { parseSweep, SweepError } from './sweep.ts';
import { TimelineError } from './timeline.ts';
import {
  caseSweepResponse,
  compareCaseResponse,
  compareParametersResponse,
  jsonSerializerCompiler,
  populationsResponse,
  simulateResponse,
  svgResponse,
  XLSX_TYPE,
} from '../server/responses.ts';
import { tableWorkbook } from './xlsx.ts';
import {
  compareBody,
  compareParametersQuery,
  compareSweepBody,
  distributionChartQuery,
  simulateBody,
  sweepChartQuery,
} from '../server/schemas.ts';

/** What the server's policy catalog offers (engine/cases/policies.ts PolicyCatalog fits). */
export interface ComparePolicySource {
  list(): { id: string }[];
  current(id: string): { id: string; source: string; fileName: string; dir: string; policy: Policy; compiled: CompiledPolicy } | undefined;
}

export interface CompareRoutesOptions {
  policies: ComparePolicySource;
  calendar?: Calendar | ((layers: string[]) => Calendar);
  /** Population specs by id (default: examples/populations/*.yaml). */
  populations?: { id: string; file: string }[];
  /**
   * The largest population any request may simulate. Without it each caller has the limit of
   * engine/accounts/limits.ts for their role (anonymous 20 000 households, researchers 10^6).
   */
  maxHouseholds?: number;
  /** The worker pool for heavy work (closed with the app when created here), or its size, queue and time limit. */
  pool?: WorkerPool | PoolOptions;
}

/**
 * Input errors of this module as the case host's error (engine/cases/errors.ts), which the server
 * answers by its kind (engine/server/errors.ts); anything else is rethrown (the server's 500).
 */
function asCaseError(e: unknown): CaseError {
  if (e instanceof CaseError) return e;
  if (e instanceof SweepError) return new CaseError('invalid', 'BAD_SWEEP', e.text ?? e.message, { path: '/sweep' });
  if (e instanceof PopulationSpecError) return new CaseError('invalid', 'BAD_POPULATION', e.text ?? e.message, { path: '/population' });
  if (e instanceof CompareInputError) return new CaseError('invalid', 'BAD_POPULATION', e.text ?? e.message, { path: '/population' });
  if (e instanceof ComparePolicyError) return new CaseError('unprocessable', 'BAD_PARAMETER', e.text ?? e.message);
  if (e instanceof TimelineError) return new CaseError('invalid', 'BAD_START', e.text ?? e.message, { path: '/start' });
  if (e instanceof EvaluateError) return CaseError.fromEvaluateError(e);
  if (e instanceof CalendarError) return new CaseError(e.code === 'NO_DATA' ? 'unprocessable' : 'invalid', e.code, e.text ?? e.message);
  if (e instanceof PoolBusyError) return new CaseError('busy', 'BUSY', e.text);
  if (e instanceof PoolTimeoutError) return new CaseError('busy', 'TIMEOUT', e.text);
  // An input error raised inside the job, by name (classes do not cross threads).
  if (e instanceof JobError && e.errorName === 'ComparePolicyError')
    return new CaseError('unprocessable', 'BAD_PARAMETER', e.text ?? e.message);
  if (e instanceof JobError && e.errorName === 'SweepError')
    return new CaseError('invalid', 'BAD_SWEEP', e.text ?? e.message, { path: '/sweep' });
  throw e;
}

/**
 * Default pool: one thread per core but one, which stays for answering requests; a short queue;
 * two minutes a job.
 */
const DEFAULT_POOL: PoolOptions = { size: Math.max(1, Math.min(4, availableParallelism() - 1)), maxQueue: 8, timeoutMs: 120_000 };

const notAnObject = () => new CaseError('invalid', 'BAD_REQUEST', msg('http.bodyObject'));

export function registerCompareRoutes(app: FastifyInstance, opts: CompareRoutesOptions): void {
  const maxHouseholds = (req: FastifyRequest): number => {
    const own = limitsFor(req.user?.role ?? null).simulateHouseholds;
    return opts.maxHouseholds === undefined ? own : Math.min(own, opts.maxHouseholds);
  };
  const pool = opts.pool instanceof WorkerPool ? opts.pool : new WorkerPool({ ...DEFAULT_POOL, ...opts.pool });
  if (!(opts.pool instanceof WorkerPool)) app.addHook('onClose', () => pool.close());
  const calendar: CalendarSource = opts.calendar ?? ((ids: string[]) => calendarFor(ids));
  const populations = () => opts.populations ?? bundledPopulations();

  function entries(ids: unknown, path: string): CompareEntry[] {
    let list: string[];
    if (ids === undefined)
      list = opts.policies
        .list()
        .map((p) => p.id)
        .filter((id) => opts.policies.current(id));
    else if (typeof ids === 'string')
      list = ids
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (Array.isArray(ids) && ids.every((x) => typeof x === 'string')) list = ids as string[];
    else throw new CaseError('invalid', 'BAD_REQUEST', msg('http.policyIds'), { path });
    if (list.length === 0) throw new CaseError('invalid', 'BAD_REQUEST', msg('http.noPolicy'), { path });
    if (list.length > 20) throw new CaseError('invalid', 'BAD_REQUEST', msg('http.tooManyPolicies', { max: 20 }), { path });
    const known = new Set(opts.policies.list().map((p) => p.id));
    return [...new Set(list)].map((id, i) => {
      if (!known.has(id))
        throw new CaseError('notFound', 'UNKNOWN_POLICY', msg('http.unknownPolicy', { id }), {
          path: Array.isArray(ids) ? `${path}/${i}` : path,
        });
      const p = opts.policies.current(id);
      if (!p) throw new CaseError('unprocessable', 'POLICY_HAS_ERRORS', msg('http.policyErrors.compare', { id }), { path });
      return { id: p.id, file: join(p.dir, p.fileName), source: p.source, policy: p.policy, compiled: p.compiled };
    });
  }

  function kaseOf(body: Record<string, unknown>): CaseData {
    if (!isJsonObject(body.case)) throw new CaseError('invalid', 'BAD_REQUEST', msg('http.missingCase'), { path: '/case' });
    const invalid = validateCase(body.case);
    if (invalid.length) throw invalidCase(invalid);
    return body.case as unknown as CaseData;
  }

  function procedureOf(body: Record<string, unknown>): ProcedureKind {
    const p = body.procedure ?? 'exit';
    if (p !== 'exit' && p !== 'transfer') throw new CaseError('invalid', 'BAD_REQUEST', msg('http.procedure'), { path: '/procedure' });
    return p;
  }

  function optString(v: unknown, path: string): string | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'string')
      throw new CaseError('invalid', 'BAD_REQUEST', msg('text.notText', { got: v === null ? 'null' : typeof v }), { path });
    return v;
  }

  function population(v: unknown): PopulationSpec {
    if (typeof v === 'string') {
      const found = populations().find((p) => p.id === v);
      if (!found)
        throw new CaseError(
          'notFound',
          'UNKNOWN_POPULATION',
          msg('http.unknownPopulation', {
            id: v,
            known: populations()
              .map((p) => p.id)
              .join(', '),
          }),
          { path: '/population' },
        );
      return readPopulation(found.file, `${found.id}.yaml`);
    }
    // An inline spec: its YAML text, or the same structure as JSON.
    if (isJsonObject(v) && typeof v.source === 'string') return parsePopulationSpec(v.source, 'population');
    if (isJsonObject(v)) return parsePopulationSpec(JSON.stringify(v), 'population');
    throw new CaseError('invalid', 'BAD_REQUEST', msg('http.populationKind'), { path: '/population' });
  }

  function int(v: unknown, path: string, max: number): number | undefined {
    if (v === undefined) return undefined;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max)
      throw new CaseError('invalid', 'BAD_REQUEST', msg('http.wholeNumber', { max }), { path });
    return n;
  }

  /** A population request checked here (fast), computed in the pool. */
  function populationRequest(
    q: Record<string, unknown>,
    req: FastifyRequest,
    output: 'result',
  ): { key: string; request: PopulationRequest } {
    const maxN = maxHouseholds(req);
    const spec = population(q.population);
    const list = entries(q.policies, '/policies');
    const n = int(q.n, '/n', maxN) ?? Math.min(spec.households, maxN);
    const seed = int(q.seed, '/seed', 2 ** 32 - 1) ?? spec.seed;
    const sweepText = optString(q.sweep, '/sweep');
    const sweep = sweepText ? parseSweep(sweepText) : undefined;
    if (sweep && n * sweep.values.length > maxN * 10)
      throw new CaseError('invalid', 'BAD_REQUEST', msg('http.sweepTooLarge', { max: maxN * 10 }), { path: '/n' });
    const t = sweep?.target;
    if (t?.kind === 'param' && !list.some((e) => e.policy.parameters.some((x) => x.name === t.key || x.compare === t.key))) {
      throw new CaseError('unprocessable', 'BAD_PARAMETER', msg('compare.noSweepTarget', { key: JSON.stringify(t.key) }), {
        path: '/sweep',
      });
    }
    const key = JSON.stringify([spec.source, list.map((e) => e.policy.hash), n, seed, sweepText ?? null]);
    return {
      key,
      request: {
        spec: { source: spec.source, file: spec.file },
        policies: list.map((e) => e.policy),
        n,
        seed,
        sweep: sweepText ?? null,
        output,
      },
    };
  }

  /** Aborted when the client goes away before its answer is written. */
  function disconnectSignal(req: FastifyRequest, reply: FastifyReply): AbortSignal {
    const ac = new AbortController();
    const gone = () => {
      if (!reply.raw.writableEnded) ac.abort();
    };
    req.raw.on('close', () => {
      if (req.raw.socket?.destroyed) gone();
    });
    reply.raw.on('close', gone);
    return ac.signal;
  }

  // Deterministic results, kept by request.
  const cache = new Map<string, SimulationResult | PopulationSweep>();
  async function runPopulation(
    key: string,
    request: PopulationRequest,
    signal: AbortSignal,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SimulationResult | PopulationSweep> {
    const kept = cache.get(key);
    if (kept) return kept;
    const result = await pool.run<SimulationResult | PopulationSweep>(
      { type: 'population', request },
      { signal, ...(onProgress ? { onProgress } : {}) },
    );
    cache.set(key, result);
    while (cache.size > 16) cache.delete(cache.keys().next().value!);
    return result;
  }

  const missingPopulation = () =>
    new CaseError('invalid', 'BAD_REQUEST', msg('http.missing', { name: 'population' }), { path: '/population' });

  const chart = (job: ChartJob, signal: AbortSignal) => pool.run<string>({ type: 'chart', ...job }, { signal });

  async function handle<T>(reply: FastifyReply, fn: () => Promise<T> | T): Promise<T | FastifyReply> {
    try {
      return await fn();
    } catch (e) {
      // The client went away and its job was stopped: nobody to answer.
      if (e instanceof JobCancelledError) return reply;
      return sendCaseError(reply, asCaseError(e));
    }
  }

  // The responses' schemas name shared shapes (engine/server/responses.ts) and are not compiled.
  const doc = (summary: string, parts: Record<string, unknown>) => ({
    schema: { summary, tags: ['compare'], ...parts },
    serializerCompiler: jsonSerializerCompiler,
  });

  app.get<{ Querystring: { policies?: string; format?: string } }>(
    '/api/compare/parameters',
    doc('The comparable parameters of policies, each with its article', {
      querystring: compareParametersQuery,
      response: compareParametersResponse,
    }),
    async (req, reply) =>
      handle(reply, async () => {
        const table = compareParameters(entries(req.query.policies, '/policies'), { calendar });
        const format = req.query.format;
        if (format === 'xlsx')
          return reply
            .type(XLSX_TYPE)
            .header('content-disposition', `attachment; filename="landflow-parameters.xlsx"`)
            .send(await tableWorkbook(table));
        // With a byte order mark: without it a spreadsheet reads the UTF-8 Chinese as another encoding.
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(`\ufeff${formatTable(table, 'csv')}`);
        if (format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(formatTable(table, 'markdown'));
        if (format !== undefined && format !== 'json')
          throw new CaseError('invalid', 'BAD_REQUEST', msg('http.format', { allowed: 'json | csv | markdown | xlsx' }), {
            path: '/format',
          });
        return table;
      }),
  );

  app.post<{ Body: unknown }>(
    '/api/compare',
    doc('One household under each policy', { body: compareBody, response: compareCaseResponse }),
    async (req, reply) =>
      handle(reply, () => {
        if (!isJsonObject(req.body)) throw notAnObject();
        const b = req.body;
        const start = optString(b.start, '/start');
        if (start !== undefined && !isLocalDate(start))
          throw new CaseError('invalid', 'BAD_REQUEST', msg('http.startDate'), { path: '/start' });
        const mode = optString(b.mode, '/mode');
        return compareCase({
          entries: entries(b.policies, '/policies'),
          kase: kaseOf(b),
          procedure: procedureOf(b),
          calendar,
          ...(start ? { start } : {}),
          ...(mode ? { mode } : {}),
        });
      }),
  );

  /** One household swept over one input (the JSON answer and its chart). */
  function sweepOf(body: unknown) {
    if (!isJsonObject(body)) throw notAnObject();
    const sweep = optString(body.sweep, '/sweep');
    if (!sweep) throw new CaseError('invalid', 'BAD_REQUEST', msg('http.missingSweep'), { path: '/sweep' });
    const mode = optString(body.mode, '/mode');
    return sweepCase({
      entries: entries(body.policies, '/policies'),
      kase: kaseOf(body),
      sweep: parseSweep(sweep),
      procedure: procedureOf(body),
      ...(mode ? { mode } : {}),
    });
  }

  app.post<{ Body: unknown }>(
    '/api/compare/sweep',
    doc('One household along a sweep', { body: compareSweepBody, response: caseSweepResponse }),
    async (req, reply) => handle(reply, () => sweepOf(req.body)),
  );

  // Each spec with the most households this caller may simulate (POST /api/simulate's n), so a
  // form can offer what the server allows.
  app.get('/api/populations', doc('The bundled population specs', { response: populationsResponse }), async (req) => {
    const most = maxHouseholds(req);
    return populations().flatMap((p) => {
      try {
        const s = readPopulation(p.file, `${p.id}.yaml`);
        const towns = s.places.map((x) => x.town);
        return [{ id: p.id, name: s.name, households: s.households, seed: s.seed, year: s.year, towns, maxHouseholds: most }];
      } catch {
        return [];
      }
    });
  });

  app.post<{ Body: unknown }>(
    '/api/simulate',
    doc('Simulate a population under each policy', { body: simulateBody, response: simulateResponse }),
    async (req, reply) =>
      handle(reply, async () => {
        if (!isJsonObject(req.body)) throw notAnObject();
        if (req.body.population === undefined) throw missingPopulation();
        const { key, request } = populationRequest(req.body, req, 'result');
        const signal = disconnectSignal(req, reply);
        const accept = req.headers.accept ?? '';
        if (!/\btext\/event-stream\b/.test(accept)) return runPopulation(key, request, signal);
        // Streamed: refuse now, while a JSON error can still be sent, when the pool is full.
        if (!cache.has(key) && !pool.accepting()) throw new PoolBusyError(msg('http.busyNow'));
        return streamPopulation(
          reply,
          runPopulation(key, request, signal, (done, total) => sse(reply, 'progress', { done, total })),
        );
      }),
  );

  const svg = (reply: FastifyReply, text: string) => reply.type('image/svg+xml; charset=utf-8').send(text);

  app.get<{ Querystring: Record<string, string> }>(
    '/api/charts/distribution.svg',
    doc('Compensation distribution chart', { querystring: distributionChartQuery, response: svgResponse }),
    async (req, reply) =>
      handle(reply, async () => {
        if (req.query.population === undefined) throw missingPopulation();
        const { sweep: _ignored, ...q } = req.query;
        const { key, request } = populationRequest(q, req, 'result');
        const signal = disconnectSignal(req, reply);
        const result = (await runPopulation(key, request, signal)) as SimulationResult;
        return svg(reply, await chart({ chart: 'distribution', data: result }, signal));
      }),
  );

  app.get<{ Querystring: Record<string, string> }>(
    '/api/charts/sweep.svg',
    doc('Population sweep chart', { querystring: sweepChartQuery, response: svgResponse }),
    async (req, reply) =>
      handle(reply, async () => {
        if (req.query.population === undefined) throw missingPopulation();
        if (!req.query.sweep) throw new CaseError('invalid', 'BAD_REQUEST', msg('http.missingSweep'), { path: '/sweep' });
        const { key, request } = populationRequest(req.query, req, 'result');
        const signal = disconnectSignal(req, reply);
        const result = (await runPopulation(key, request, signal)) as PopulationSweep;
        return svg(reply, await chart({ chart: 'sweep', data: result }, signal));
      }),
  );

  app.post<{ Body: unknown }>(
    '/api/charts/case.svg',
    doc('Compensation per policy for one household', { body: compareBody, response: svgResponse }),
    async (req, reply) =>
      handle(reply, async () => {
        if (!isJsonObject(req.body)) throw notAnObject();
        const b = req.body;
        const mode = optString(b.mode, '/mode');
        const data = compareCase({
          entries: entries(b.policies, '/policies'),
          kase: kaseOf(b),
          procedure: procedureOf(b),
          calendar,
          ...(mode ? { mode } : {}),
        });
        return svg(reply, await chart({ chart: 'case', data }, disconnectSignal(req, reply)));
      }),
  );

  app.post<{ Body: unknown }>(
    '/api/charts/case-sweep.svg',
    doc('One household along a sweep, as a chart', { body: compareSweepBody, response: svgResponse }),
    async (req, reply) =>
      handle(reply, async () => svg(reply, await chart({ chart: 'case-sweep', data: sweepOf(req.body) }, disconnectSignal(req, reply)))),
  );
}

/** One server-sent event (data is one line of JSON). */
function sse(reply: FastifyReply, event: string, data: unknown): void {
  if (!reply.raw.writableEnded) reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Answers with an event stream: progress events while the job runs, then one `result` event
 * with the same JSON a plain request gets (or an `error` event with the error body).
 */
async function streamPopulation(reply: FastifyReply, result: Promise<unknown>): Promise<FastifyReply> {
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  try {
    sse(reply, 'result', await result);
  } catch (e) {
    if (!(e instanceof JobCancelledError)) {
      let h: CaseError;
      try {
        h = asCaseError(e);
      } catch {
        h = new CaseError('busy', 'INTERNAL', msg('http.internal'));
      }
      sse(reply, 'error', { status: httpStatus(h.kind), error: h.toJSON() });
    }
  }
  reply.raw.end();
  return reply;
}
