import { basename, dirname } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { registerCompareRoutes, type ComparePolicySource } from '../../../engine/compare/routes.ts';
import { entries, household, POLICY_IDS } from './helpers.ts';

const list = entries(...POLICY_IDS);
const source: ComparePolicySource = {
  list: () => [...list.map((e) => ({ id: e.id })), { id: 'broken' }],
  current: (id) => {
    const e = list.find((x) => x.id === id);
    return e
      ? { id: e.id, source: e.source, fileName: basename(e.file), dir: dirname(e.file), policy: e.policy, compiled: e.compiled }
      : undefined;
  },
};

const app = Fastify();
registerCompareRoutes(app, { policies: source, calendar: bundledCalendar(), maxHouseholds: 5000 });
afterAll(() => app.close());

describe('compare endpoints', () => {
  it('GET /api/compare/parameters: rows with a cell per policy, each with value and cite', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/compare/parameters?policies=qinzhou,neijiang' });
    expect(r.statusCode).toBe(200);
    const t = r.json() as {
      policies: { id: string }[];
      rows: { key: string; cells: Record<string, { value: string; cite: string } | null> }[];
    };
    expect(t.policies.map((p) => p.id)).toEqual(['qinzhou', 'neijiang']);
    expect(t.rows.find((x) => x.key === 'noticePeriod')!.cells).toEqual({
      qinzhou: { value: '半年', cite: '第十条第一项' },
      neijiang: { value: '半年', cite: '农村土地承包法第三十条' },
    });
    const csv = await app.inject({ method: 'GET', url: '/api/compare/parameters?policies=qinzhou&format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    // A byte order mark first, so that a spreadsheet reads the Chinese as UTF-8.
    expect(csv.body.split('\n')[0]).toBe('\ufeffkey,label,qinzhou,qinzhou 条文 cite');
  });

  it('POST /api/compare: the shared household', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/compare',
      payload: { policies: ['qinzhou', 'neijiang', 'liangping'], case: household(), start: '2026-01-15' },
    });
    expect(r.statusCode).toBe(200);
    const d = r.json() as { policy: string; compensation: { amount: string }; completeBy: string }[];
    expect(d.map((x) => [x.policy, x.compensation.amount, x.completeBy])).toEqual([
      ['qinzhou', '53333.25', '2026-07-16'],
      ['neijiang', '91650.00', '2026-07-16'],
      ['liangping', '32900.00', '2026-07-16'],
    ]);
  });

  it('client mistakes are 4xx with a code, a bilingual message and a JSON pointer', async () => {
    const bad: [string, unknown, number, string, string | undefined][] = [
      ['/api/compare', { policies: ['nope'], case: household() }, 404, 'UNKNOWN_POLICY', '/policies/0'],
      ['/api/compare', { policies: ['broken'], case: household() }, 422, 'POLICY_HAS_ERRORS', '/policies'],
      ['/api/compare', { policies: ['qinzhou'] }, 400, 'BAD_REQUEST', '/case'],
      [
        '/api/compare',
        { policies: ['qinzhou'], case: { ...household(), parcels: [{ name: 1 }] } },
        400,
        'INVALID_CASE',
        '/case/parcels/0/landClass',
      ],
      ['/api/compare', { policies: ['qinzhou'], case: household(), start: '2026-13-01' }, 400, 'BAD_REQUEST', '/start'],
      ['/api/compare/sweep', { policies: ['qinzhou'], case: household(), sweep: 'x=1' }, 400, 'BAD_SWEEP', '/sweep'],
      ['/api/simulate', { population: 'atlantis', policies: ['qinzhou'] }, 404, 'UNKNOWN_POPULATION', '/population'],
      ['/api/simulate', { population: 'qinzhou-county', policies: ['qinzhou'], n: 1_000_000 }, 400, 'BAD_REQUEST', '/n'],
      ['/api/simulate', { population: { population: 1 }, policies: ['qinzhou'] }, 400, 'BAD_POPULATION', '/population'],
    ];
    for (const [url, payload, status, code, path] of bad) {
      const r = await app.inject({ method: 'POST', url, payload: payload as object });
      expect(r.statusCode, `${url} ${JSON.stringify(payload).slice(0, 80)}`).toBe(status);
      const e = (r.json() as { error: { code: string; message: string; path?: string } }).error;
      expect(e.code).toBe(code);
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      if (path !== undefined) expect(e.path).toBe(path);
    }
  });

  it('POST /api/compare/sweep returns the same figures as the CLI', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/compare/sweep',
      payload: { policies: ['neijiang'], case: household(), sweep: 'market.rentPerMuYear=300:600:300' },
    });
    expect(r.statusCode).toBe(200);
    expect((r.json() as { points: { results: { amount: string }[] }[] }).points.map((p) => p.results[0]!.amount)).toEqual([
      '42300.00',
      '84600.00',
    ]);
  });

  it('POST /api/simulate and the distribution chart of the same request share one result', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/simulate',
      payload: { population: 'qinzhou-county', policies: ['qinzhou', 'neijiang'], n: 800, seed: 2 },
    });
    expect(r.statusCode).toBe(200);
    const sim = r.json() as {
      population: { n: number };
      policies: { policy: string; compensation: { total: string } }[];
      histogram: { counts: Record<string, number[]> };
    };
    expect(sim.population.n).toBe(800);
    const svg = await app.inject({
      method: 'GET',
      url: '/api/charts/distribution.svg?population=qinzhou-county&policies=qinzhou,neijiang&n=800&seed=2',
    });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg/);
    expect(svg.body).toContain('钦州某县（模拟），800 户');
    const pops = await app.inject({ method: 'GET', url: '/api/populations' });
    expect((pops.json() as { id: string }[]).map((p) => p.id)).toContain('qinzhou-county');
    // The server's limit for this caller, capped by the app's own (5000 here).
    expect(new Set((pops.json() as { maxHouseholds: number }[]).map((p) => p.maxHouseholds))).toEqual(new Set([5000]));
  });

  it('sweep and case charts are SVG', async () => {
    const s = await app.inject({
      method: 'GET',
      url: '/api/charts/sweep.svg?population=qinzhou-county&policies=neijiang&n=200&sweep=market.rentPerMuYear=400:600:100',
    });
    expect(s.statusCode).toBe(200);
    expect(s.body).toMatch(/^<svg/);
    const c = await app.inject({ method: 'POST', url: '/api/charts/case.svg', payload: { policies: ['qinzhou'], case: household() } });
    expect(c.body).toContain('53333.25');
    const cs = await app.inject({
      method: 'POST',
      url: '/api/charts/case-sweep.svg',
      payload: { policies: ['qinzhou'], case: household(), sweep: 'market.rentPerMuYear=500:600:100' },
    });
    expect(cs.statusCode).toBe(200);
    expect(cs.body).toMatch(/^<svg/);
  });
});
