// The compare endpoints of engine/server/API.md, as a Fastify plugin-style function the server
// registers with one line: registerCompareRoutes(app, { policies, calendar }). Public (no session):
// comparisons read policies, never cases. Errors are { error: { code, message, path? } }, 4xx for
// anything a client sends. Simulations are deterministic, so the last few results are kept and a
// chart asked for right after its table is not computed twice.
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import { validateCase } from '../../dsl/index.ts';
import type { Policy } from '../../dsl/policy-model.ts';
import { CalendarError, calendarFor, isLocalDate, type Calendar } from '../calendar/index.ts';
import type { CompiledPolicy } from '../evaluate/compile.ts';
import { EvaluateError } from '../evaluate/index.ts';
import { compareCase, type CalendarSource } from './case.ts';
import { sweepCase } from './case-sweep.ts';
import { caseChart, caseSweepChart, distributionChart, populationSweepChart } from './charts.ts';
import { formatTable } from './format.ts';
import { bundledPopulations, readPopulation, CompareInputError } from './io.ts';
import { compareParameters } from './parameters.ts';
import { ComparePolicyError, type CompareEntry } from './policies.ts';
import { parsePopulationSpec, PopulationSpecError, type PopulationSpec } from './population/spec.ts';
import { simulate, simulateSweep, type PopulationSweep, type SimulationResult } from './simulate.ts';
import { parseSweep, SweepError } from './sweep.ts';
import { TimelineError } from './timeline.ts';

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
  /** The largest population a request may simulate (default 200 000 households). */
  maxHouseholds?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

const send = (reply: FastifyReply, e: HttpError) =>
  reply.code(e.status).type('application/json; charset=utf-8').send({ error: { code: e.code, message: e.message, ...(e.path !== undefined ? { path: e.path } : {}) } });

/** Input errors of this module → HttpError; anything else is rethrown (the server's 500). */
function asHttp(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof SweepError) return new HttpError(400, 'BAD_SWEEP', e.message, '/sweep');
  if (e instanceof PopulationSpecError) return new HttpError(400, 'BAD_POPULATION', e.message, '/population');
  if (e instanceof CompareInputError) return new HttpError(400, 'BAD_POPULATION', e.message, '/population');
  if (e instanceof ComparePolicyError) return new HttpError(422, 'BAD_PARAMETER', e.message);
  if (e instanceof TimelineError) return new HttpError(400, 'BAD_START', e.message, '/start');
  if (e instanceof EvaluateError) return new HttpError(400, 'BAD_CASE', e.message, e.pointer ? `/case${e.pointer}` : '/case');
  if (e instanceof CalendarError) return new HttpError(e.code === 'NO_DATA' ? 422 : 400, e.code, e.message);
  throw e;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function registerCompareRoutes(app: FastifyInstance, opts: CompareRoutesOptions): void {
  const maxN = opts.maxHouseholds ?? 200_000;
  const calendar: CalendarSource = opts.calendar ?? ((ids: string[]) => calendarFor(ids));
  const populations = () => opts.populations ?? bundledPopulations();

  function entries(ids: unknown, path: string): CompareEntry[] {
    let list: string[];
    if (ids === undefined) list = opts.policies.list().map((p) => p.id).filter((id) => opts.policies.current(id));
    else if (typeof ids === 'string') list = ids.split(',').map((s) => s.trim()).filter(Boolean);
    else if (Array.isArray(ids) && ids.every((x) => typeof x === 'string')) list = ids as string[];
    else throw new HttpError(400, 'BAD_REQUEST', '政策应为编号列表 policies must be a list of policy ids', path);
    if (list.length === 0) throw new HttpError(400, 'BAD_REQUEST', '至少给出一个政策 give at least one policy', path);
    if (list.length > 20) throw new HttpError(400, 'BAD_REQUEST', '政策过多 too many policies (at most 20)', path);
    const known = new Set(opts.policies.list().map((p) => p.id));
    return [...new Set(list)].map((id, i) => {
      if (!known.has(id)) throw new HttpError(404, 'UNKNOWN_POLICY', `未知政策 unknown policy: ${id}`, Array.isArray(ids) ? `${path}/${i}` : path);
      const p = opts.policies.current(id);
      if (!p) throw new HttpError(422, 'POLICY_HAS_ERRORS', `政策有错误，无法比较 the policy has errors and cannot be compared: ${id}`, path);
      return { id: p.id, file: join(p.dir, p.fileName), source: p.source, policy: p.policy, compiled: p.compiled };
    });
  }

  function kaseOf(body: Record<string, unknown>): CaseData {
    if (!isObj(body.case)) throw new HttpError(400, 'BAD_REQUEST', '缺少案件 missing case', '/case');
    const invalid = validateCase(body.case);
    if (invalid.length) throw new HttpError(400, 'BAD_CASE', `案件无效 invalid case: ${invalid[0]!.message}`, `/case${invalid[0]!.pointer}`);
    return body.case as unknown as CaseData;
  }

  function procedureOf(body: Record<string, unknown>): ProcedureKind {
    const p = body.procedure ?? 'exit';
    if (p !== 'exit' && p !== 'transfer') throw new HttpError(400, 'BAD_REQUEST', 'procedure 应为 must be exit 或 or transfer', '/procedure');
    return p;
  }

  function optString(v: unknown, path: string): string | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new HttpError(400, 'BAD_REQUEST', `应为文字 must be a string`, path);
    return v;
  }

  function population(v: unknown): PopulationSpec {
    if (typeof v === 'string') {
      const found = populations().find((p) => p.id === v);
      if (!found) throw new HttpError(404, 'UNKNOWN_POPULATION', `未知人口规格 unknown population: ${v}; 可用 known: ${populations().map((p) => p.id).join(', ')}`, '/population');
      return readPopulation(found.file, `${found.id}.yaml`);
    }
    // An inline spec: its YAML text, or the same structure as JSON.
    if (isObj(v) && typeof v.source === 'string') return parsePopulationSpec(v.source, 'population');
    if (isObj(v)) return parsePopulationSpec(JSON.stringify(v), 'population');
    throw new HttpError(400, 'BAD_REQUEST', 'population 应为内置编号或规格 must be a bundled id or a spec', '/population');
  }

  function int(v: unknown, path: string, max: number): number | undefined {
    if (v === undefined) return undefined;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) throw new HttpError(400, 'BAD_REQUEST', `应为 1 至 ${max} 的整数 must be a whole number from 1 to ${max}`, path);
    return n;
  }

  // Deterministic results, kept by request.
  const cache = new Map<string, Promise<SimulationResult | PopulationSweep>>();
  function runPopulation(q: Record<string, unknown>): Promise<SimulationResult | PopulationSweep> {
    const spec = population(q.population);
    const list = entries(q.policies, '/policies');
    const n = int(q.n, '/n', maxN) ?? Math.min(spec.households, maxN);
    const seed = int(q.seed, '/seed', 2 ** 32 - 1) ?? spec.seed;
    const sweepText = optString(q.sweep, '/sweep');
    const sweep = sweepText ? parseSweep(sweepText) : undefined;
    if (sweep && n * sweep.values.length > maxN * 4) throw new HttpError(400, 'BAD_REQUEST', `扫描规模过大 the sweep is too large (n × points > ${maxN * 4})`, '/n');
    const key = JSON.stringify([spec.source, list.map((e) => e.policy.hash), n, seed, sweepText ?? null]);
    let p = cache.get(key);
    if (!p) {
      p = sweep ? simulateSweep({ spec, entries: list, n, seed, sweep }) : simulate({ spec, entries: list, n, seed });
      cache.set(key, p);
      p.catch(() => cache.delete(key));
      while (cache.size > 16) cache.delete(cache.keys().next().value!);
    }
    return p;
  }

  async function handle<T>(reply: FastifyReply, fn: () => Promise<T> | T): Promise<T | FastifyReply> {
    try {
      return await fn();
    } catch (e) {
      return send(reply, asHttp(e));
    }
  }

  app.get<{ Querystring: { policies?: string; format?: string } }>('/api/compare/parameters', async (req, reply) =>
    handle(reply, () => {
      const table = compareParameters(entries(req.query.policies, '/policies'), { calendar });
      const format = req.query.format;
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(formatTable(table, 'csv'));
      if (format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(formatTable(table, 'markdown'));
      if (format !== undefined && format !== 'json') throw new HttpError(400, 'BAD_REQUEST', 'format 应为 must be json | csv | markdown', '/format');
      return table;
    }),
  );

  app.post<{ Body: unknown }>('/api/compare', async (req, reply) =>
    handle(reply, () => {
      if (!isObj(req.body)) throw new HttpError(400, 'BAD_REQUEST', '请求体应为对象 the body must be an object');
      const b = req.body;
      const start = optString(b.start, '/start');
      if (start !== undefined && !isLocalDate(start)) throw new HttpError(400, 'BAD_REQUEST', '起算日应为 YYYY-MM-DD start must be a date', '/start');
      const mode = optString(b.mode, '/mode');
      return compareCase({ entries: entries(b.policies, '/policies'), kase: kaseOf(b), procedure: procedureOf(b), calendar, ...(start ? { start } : {}), ...(mode ? { mode } : {}) });
    }),
  );

  /** One household swept over one input (the JSON answer and its chart). */
  function sweepOf(body: unknown) {
    if (!isObj(body)) throw new HttpError(400, 'BAD_REQUEST', '请求体应为对象 the body must be an object');
    const sweep = optString(body.sweep, '/sweep');
    if (!sweep) throw new HttpError(400, 'BAD_REQUEST', '缺少 sweep missing sweep (TARGET=FROM:TO:STEP)', '/sweep');
    const mode = optString(body.mode, '/mode');
    return sweepCase({ entries: entries(body.policies, '/policies'), kase: kaseOf(body), sweep: parseSweep(sweep), procedure: procedureOf(body), ...(mode ? { mode } : {}) });
  }

  app.post<{ Body: unknown }>('/api/compare/sweep', async (req, reply) => handle(reply, () => sweepOf(req.body)));

  app.get('/api/populations', async () =>
    populations().flatMap((p) => {
      try {
        const s = readPopulation(p.file, `${p.id}.yaml`);
        return [{ id: p.id, name: s.name, households: s.households, seed: s.seed, year: s.year, towns: s.places.map((x) => x.town) }];
      } catch {
        return [];
      }
    }),
  );

  app.post<{ Body: unknown }>('/api/simulate', async (req, reply) =>
    handle(reply, () => {
      if (!isObj(req.body)) throw new HttpError(400, 'BAD_REQUEST', '请求体应为对象 the body must be an object');
      if (req.body.population === undefined) throw new HttpError(400, 'BAD_REQUEST', '缺少 population missing population', '/population');
      return runPopulation(req.body);
    }),
  );

  const svg = (reply: FastifyReply, text: string) => reply.type('image/svg+xml; charset=utf-8').send(text);

  app.get<{ Querystring: Record<string, string> }>('/api/charts/distribution.svg', async (req, reply) =>
    handle(reply, async () => {
      if (req.query.population === undefined) throw new HttpError(400, 'BAD_REQUEST', '缺少 population missing population', '/population');
      const { sweep: _ignored, ...q } = req.query;
      return svg(reply, distributionChart((await runPopulation(q)) as SimulationResult));
    }),
  );

  app.get<{ Querystring: Record<string, string> }>('/api/charts/sweep.svg', async (req, reply) =>
    handle(reply, async () => {
      if (req.query.population === undefined) throw new HttpError(400, 'BAD_REQUEST', '缺少 population missing population', '/population');
      if (!req.query.sweep) throw new HttpError(400, 'BAD_REQUEST', '缺少 sweep missing sweep (TARGET=FROM:TO:STEP)', '/sweep');
      return svg(reply, populationSweepChart((await runPopulation(req.query)) as PopulationSweep));
    }),
  );

  app.post<{ Body: unknown }>('/api/charts/case.svg', async (req, reply) =>
    handle(reply, () => {
      if (!isObj(req.body)) throw new HttpError(400, 'BAD_REQUEST', '请求体应为对象 the body must be an object');
      const b = req.body;
      const mode = optString(b.mode, '/mode');
      return svg(reply, caseChart(compareCase({ entries: entries(b.policies, '/policies'), kase: kaseOf(b), procedure: procedureOf(b), calendar, ...(mode ? { mode } : {}) })));
    }),
  );

  app.post<{ Body: unknown }>('/api/charts/case-sweep.svg', async (req, reply) => handle(reply, () => svg(reply, caseSweepChart(sweepOf(req.body)))));
}
