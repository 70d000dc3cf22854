// Calendar feeds on the real app with accounts (engine/feeds/routes.ts): a clerk's feed holds the
// dates GET /api/tasks gives that clerk, read back by an independent parser (ical.js); another
// town's cases never appear; a revoked, replaced or disabled user's token gets 401.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Store } from '../../../engine/store/index.ts';
import { realApp } from '../accounts/apps.ts';
import { pgQuery } from '../../helpers/postgres.ts';
import { EXAMPLE_CASE, TOWN_A, TOWN_B, freshStore, login, manualClock, seedUsers, tempDir, type Auth } from '../accounts/helpers.ts';
import { render } from '../../../dsl/messages.ts';

let dir: string;
let store: Store;
let app: FastifyInstance;

beforeEach(async () => {
  dir = tempDir();
  store = await freshStore(dir);
  await seedUsers(store);
  app = await realApp({ store, clock: manualClock('2026-03-02T02:00:00.000Z').now });
});
afterEach(async () => {
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const kase = (town: string, head: string) => ({
  policy: 'qinzhou',
  procedure: 'exit',
  case: {
    ...EXAMPLE_CASE,
    household: {
      ...EXAMPLE_CASE.household,
      head: { ...EXAMPLE_CASE.household.head, name: head },
      members: EXAMPLE_CASE.household.members.map((m: { name: string }, i: number) => (i === 0 ? { ...m, name: head } : m)),
      collective: { ...EXAMPLE_CASE.household.collective, town },
    },
  },
});

async function open(auth: Auth, town: string, head: string, notice?: string): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/cases', headers: auth.headers, payload: kase(town, head) });
  expect(r.statusCode, r.body).toBe(201);
  if (notice) {
    const c = await app.inject({
      method: 'POST',
      url: `/api/cases/${r.json().id}/commands`,
      headers: auth.headers,
      payload: { type: 'receiveWrittenNotice', expectedVersion: r.json().version, payload: { date: notice } },
    });
    expect(c.statusCode, c.body).toBe(200);
  }
  return r.json().id;
}

async function feedToken(auth: Auth): Promise<{ url: string; path: string }> {
  const r = await app.inject({ method: 'POST', url: '/api/users/me/feed-token', headers: auth.headers });
  expect(r.statusCode, r.body).toBe(201);
  const url = r.json().url as string;
  return { url, path: new URL(url).pathname };
}

interface ParsedEvent {
  uid: string;
  date: string;
  isDate: boolean;
  summary: string;
  description: string;
}

function parse(text: string): { name: string; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, date: e.startDate.toString(), isDate: e.startDate.isDate, summary: e.summary, description: e.description };
  });
  return { name: String(cal.getFirstPropertyValue('x-wr-calname')), events };
}

describe('calendar feeds', () => {
  it("a clerk's feed holds the same dates as GET /api/tasks for that clerk, each an all-day event naming case, step and article", async () => {
    const a = await login(app, 'clerk-a');
    const b = await login(app, 'clerk-b');
    const mine = [await open(a, TOWN_A, '甲一', '2026-01-15'), await open(a, TOWN_A, '甲二', '2026-02-20'), await open(a, TOWN_A, '甲三')];
    const theirs = await open(b, TOWN_B, '乙一', '2026-01-15');
    const { path } = await feedToken(a);
    expect(path).toMatch(/^\/api\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);

    // A calendar program: no cookie, no session.
    const feed = await app.inject({ method: 'GET', url: path });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const parsed = parse(feed.body);
    expect(parsed.name).toBe(`landflow 待办 tasks · ${TOWN_A}`);

    const tasks = await app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: a.headers });
    const dated = (tasks.json().items as { caseId: string; step: string; deadline: string | null; label: string; cite: string }[]).filter(
      (t) => t.deadline !== null,
    );
    expect(dated.length).toBeGreaterThanOrEqual(2);
    expect(parsed.events.map((e) => [e.uid, e.date]).sort()).toEqual(
      dated.map((t) => [`${t.caseId}.${t.step}@landflow`, t.deadline]).sort(),
    );
    for (const e of parsed.events) {
      const t = dated.find((x) => `${x.caseId}.${x.step}@landflow` === e.uid)!;
      expect(e.isDate).toBe(true);
      expect(e.summary).toContain(t.label);
      expect(e.summary).toContain(t.caseId);
      expect(e.description).toContain(`依据 cite: ${t.cite}`);
    }
    expect(new Set(parsed.events.map((e) => e.uid.split('.')[0]))).toEqual(new Set(mine.slice(0, 2)));
    expect(feed.body).not.toContain(theirs);
    expect(feed.body).not.toContain('乙一');
    // Fetched again: the same events under the same UIDs.
    expect(parse((await app.inject({ method: 'GET', url: path })).body).events).toEqual(parsed.events);
  });

  it('another town never appears, even when a clerk tries a town in the feed URL', async () => {
    const a = await login(app, 'clerk-a');
    const b = await login(app, 'clerk-b');
    await open(a, TOWN_A, '甲一', '2026-01-15');
    const theirs = await open(b, TOWN_B, '乙一', '2026-01-15');
    const { path } = await feedToken(a);
    const feed = await app.inject({ method: 'GET', url: `${path}?town=${encodeURIComponent(TOWN_B)}` });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).not.toContain(theirs);
    // An admin's feed is every town's.
    const admin = await login(app, 'admin');
    const all = parse((await app.inject({ method: 'GET', url: (await feedToken(admin)).path })).body);
    expect(all.events.some((e) => e.uid.startsWith(`${theirs}.`))).toBe(true);
  });

  it('a revoked token gets 401, so does one replaced by a new token and one of a disabled account', async () => {
    const a = await login(app, 'clerk-a');
    await open(a, TOWN_A, '甲一', '2026-01-15');
    const first = await feedToken(a);
    expect((await app.inject({ method: 'GET', url: first.path })).statusCode).toBe(200);
    const second = await feedToken(a);
    const old = await app.inject({ method: 'GET', url: first.path });
    expect([old.statusCode, old.json()]).toEqual([
      401,
      {
        error: {
          code: 'UNAUTHENTICATED',
          message: '日历订阅链接无效或已撤销 the feed link is unknown or revoked',
          text: { code: 'auth.feedLink' },
        },
      },
    ]);
    expect(render(old.json().error.text, 'zh')).toBe('日历订阅链接无效或已撤销');
    expect(render(old.json().error.text, 'en')).toBe('the feed link is unknown or revoked');
    expect((await app.inject({ method: 'GET', url: second.path })).statusCode).toBe(200);

    const del = await app.inject({ method: 'DELETE', url: '/api/users/me/feed-token', headers: a.headers });
    expect([del.statusCode, del.json()]).toEqual([200, { ok: true }]);
    expect((await app.inject({ method: 'GET', url: second.path })).statusCode).toBe(401);
    expect((await store.listSecurityEvents({ actor: 'clerk-a' })).map((e) => e.type).filter((t) => t.startsWith('feed'))).toEqual([
      'feedTokenCreated',
      'feedTokenCreated',
      'feedTokenRevoked',
    ]);

    const third = await feedToken(a);
    await store.users.setDisabled('clerk-a', true, '2026-03-02T03:00:00.000Z');
    expect((await app.inject({ method: 'GET', url: third.path })).statusCode).toBe(401);
    for (const bad of ['/api/feeds/x.ics', `/api/feeds/${'A'.repeat(43)}.ics`, '/api/feeds/.ics', '/api/feeds/abc']) {
      expect([bad, (await app.inject({ method: 'GET', url: bad })).statusCode]).toEqual([bad, bad === '/api/feeds/abc' ? 404 : 401]);
    }
  });

  it('making a token needs a session and a CSRF token; the token is stored only as a hash', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/users/me/feed-token' })).statusCode).toBe(401);
    const a = await login(app, 'clerk-a');
    expect((await app.inject({ method: 'POST', url: '/api/users/me/feed-token', headers: { cookie: a.cookie } })).statusCode).toBe(403);
    const { path } = await feedToken(a);
    const token = path.slice('/api/feeds/'.length, -'.ics'.length);
    // The whole SQLite file; on PostgreSQL the table's rows.
    const raw =
      store.backend === 'sqlite'
        ? fs.readFileSync(store.target)
        : Buffer.from(JSON.stringify(await pgQuery(store.target, 'SELECT * FROM feed_tokens')));
    expect(raw.includes(Buffer.from(token))).toBe(false);
  });

  it("GET /api/cases/:id/deadlines.ics holds the case's open deadlines, the dates of GET /api/cases/:id/deadlines", async () => {
    const a = await login(app, 'clerk-a');
    const id = await open(a, TOWN_A, '甲一', '2026-01-15');
    const json = (await app.inject({ method: 'GET', url: `/api/cases/${id}/deadlines`, headers: a.headers })).json() as {
      step: string;
      due: string | null;
      kind: string;
    }[];
    const ics = await app.inject({ method: 'GET', url: `/api/cases/${id}/deadlines.ics`, headers: a.headers });
    expect(ics.statusCode, ics.body).toBe(200);
    const parsed = parse(ics.body);
    const open_ = json.filter((d) => d.kind !== 'done' && d.due !== null);
    expect(open_.length).toBeGreaterThan(0);
    expect(parsed.events.map((e) => [e.uid, e.date])).toEqual(open_.map((d) => [`${id}.${d.step}@landflow`, d.due]));
    const b = await login(app, 'clerk-b');
    expect((await app.inject({ method: 'GET', url: `/api/cases/${id}/deadlines.ics`, headers: b.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/cases/${id}/deadlines.ics` })).statusCode).toBe(401);
  });
});
