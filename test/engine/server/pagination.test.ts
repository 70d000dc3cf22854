// Lists come a page at a time (GET /api/cases, GET /api/tasks: ?limit=&after= → { items, next }),
// with every filter applied before the limit, the limit bounded, and place names in query strings
// checked like the places they are compared with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../../../engine/accounts/limits.ts';
import { household } from '../run/fixtures.ts';
import { expectErrorShape, send, testServer, type TestServer } from './helpers.ts';

let s: TestServer;
let ids: string[] = [];
let terminated: string[] = [];
const TOWN = '钦南区某镇';

beforeAll(async () => {
  s = await testServer();
  s.today('2026-09-30');
  for (let i = 0; i < 5; i++) {
    // Cases 1 and 3: transfers in their public notice, each with two tasks on 2026-10-09.
    const r = await s.req('POST', '/api/cases', { policy: 'qinzhou', procedure: i % 2 ? 'transfer' : 'exit', case: household() });
    expect(r.status).toBe(201);
    ids.push(r.body.id);
  }
  for (const i of [1, 3]) {
    await send(s, ids[i]!, 'submitApplication');
    await send(s, ids[i]!, 'postPublicNotice');
  }
  for (const i of [0, 2, 4]) {
    const c = await send(s, ids[i]!, 'terminate', { reason: '分页测试 paging test' });
    expect(c.status).not.toBe('open');
    terminated.push(ids[i]!);
  }
  ids = ids.sort();
  terminated = terminated.sort();
});
afterAll(async () => {
  await s.close();
});

/** Every page of a list, following `next`. */
async function walk(url: string): Promise<{ pages: any[][]; items: any[] }> {
  const pages: any[][] = [];
  for (let after: string | null = null; ;) {
    const r = await s.req('GET', `${url}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(expect.arrayContaining(['items', 'next']));
    pages.push(r.body.items);
    if (!r.body.next) return { pages, items: pages.flat() };
    after = r.body.next;
    if (pages.length > 50) throw new Error('no end');
  }
}

describe('GET /api/cases', () => {
  it('pages in id order: limit=2 over five cases is 2, 2, 1 and then next is null', async () => {
    const { pages, items } = await walk('/api/cases?limit=2');
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(items.map((c) => c.id)).toEqual(ids);
  });

  it('filters apply before the limit: status=open with limit=1 gives the two open cases, one a page, and no empty page', async () => {
    const { pages, items } = await walk('/api/cases?status=open&limit=1');
    expect(pages.map((p) => p.length)).toEqual([1, 1]);
    expect(items.map((c) => c.id)).toEqual(ids.filter((id) => !terminated.includes(id)));
    const closed = await s.req('GET', '/api/cases?status=terminated&limit=3');
    expect([closed.body.items.map((c: any) => c.id), closed.body.next]).toEqual([terminated, null]);
  });

  it(`the limit is 1 to ${MAX_PAGE_SIZE}; a cursor that is not one is a 400 naming it`, async () => {
    for (const [q, path] of [
      ['limit=0', '/limit'],
      [`limit=${MAX_PAGE_SIZE + 1}`, '/limit'],
      ['limit=99999', '/limit'],
      ['after=' + encodeURIComponent('x y'), '/after'],
      ['offset=10', '/offset'],
    ] as const) {
      const r = await s.req('GET', `/api/cases?${q}`);
      expect([q, r.status, r.body.error.path]).toEqual([q, 400, path]);
      expectErrorShape(r.body);
    }
    expect((await s.req('GET', `/api/cases?limit=${MAX_PAGE_SIZE}`)).body.items).toHaveLength(5);
  });

  it('place names in the query are read in their normal form; hidden characters and overlong names are refused', async () => {
    const plain = await s.req('GET', `/api/cases?town=${encodeURIComponent(TOWN)}`);
    const wide = await s.req('GET', `/api/cases?town=${encodeURIComponent(`\u3000${TOWN} `)}`);
    expect(wide.body).toEqual(plain.body);
    expect(plain.body.items).toHaveLength(5);
    for (const town of ['钦南\u202e区某镇', '某镇\u0000', '镇'.repeat(65)]) {
      const r = await s.req('GET', `/api/cases?town=${encodeURIComponent(town)}`);
      expect([r.status, r.body.error.path]).toEqual([400, '/town']);
    }
    expect((await s.req('GET', `/api/tasks?village=${encodeURIComponent('某\u2066村')}`)).body.error.path).toBe('/village');
  });
});

describe('GET /api/tasks', () => {
  it('pages hold exactly `limit` tasks, resuming inside a case, and every task comes once whatever the page size', async () => {
    const url = (limit: number) => `/api/tasks?date=2026-10-09&town=${encodeURIComponent(TOWN)}&limit=${limit}`;
    const all = (await s.req('GET', url(MAX_PAGE_SIZE))).body;
    expect(all.next).toBeNull();
    expect(all.date).toBe('2026-10-09');
    // Only the open cases have tasks, and each of them has more than one (so pages split cases).
    expect([...new Set(all.items.map((t: any) => t.caseId))]).toEqual(ids.filter((id) => !terminated.includes(id)));
    expect(all.items.map((t: any) => t.kind).sort()).toEqual(['overdue', 'overdue', 'waiting', 'waiting']);
    for (const t of all.items) expect(['due', 'overdue', 'waiting']).toContain(t.kind);
    for (const limit of [1, 2, 3]) {
      const { pages, items } = await walk(url(limit));
      expect(items).toEqual(all.items);
      expect(pages.every((p) => p.length === limit || p === pages[pages.length - 1])).toBe(true);
      expect(pages[pages.length - 1]!.length).toBeGreaterThan(0);
    }
  });

  it("a cursor `<case>:<n>` resumes after that case's first n tasks; one naming no case just goes on after it", async () => {
    const all = (await s.req('GET', '/api/tasks?date=2026-10-09&limit=200')).body.items as any[];
    const open = ids.filter((id) => !terminated.includes(id));
    const r = await s.req('GET', `/api/tasks?date=2026-10-09&limit=200&after=${encodeURIComponent(`${open[0]}:1`)}`);
    expect(r.body.items).toEqual(all.slice(1));
    const after = await s.req('GET', `/api/tasks?date=2026-10-09&limit=200&after=${encodeURIComponent(open[0]!)}`);
    expect(after.body.items).toEqual(all.filter((t) => t.caseId > open[0]!));
    expect((await s.req('GET', '/api/tasks?after=0000:1')).status).toBe(200);
    expect((await s.req('GET', `/api/tasks?limit=${MAX_PAGE_SIZE + 1}`)).body.error.path).toBe('/limit');
  });
});
