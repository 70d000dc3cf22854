// A store of many cases for the scale test and the bench, made through the store's API: a few real
// 钦州 cases opened and moved on by CaseService (each a different place in the procedure), then
// copied by Store.createCases in large batches, each copy in its own place with its own id and
// idempotency key — the template's events, state and case index, the place changed everywhere it
// is written (the CaseOpened event, the state, the record). Seven in ten copies are closed, as in
// a store that has run for years: a list must not have to step over them.
import { bundledCalendar } from '../../engine/calendar/index.ts';
import { fixedClock } from '../../engine/cases/clock.ts';
import { CaseService } from '../../engine/cases/service.ts';
import type { CaseState } from '../../engine/run/index.ts';
import type { CaseIndex, CreateCaseInput, Store } from '../../engine/store/index.ts';
import { household, policies } from '../engine/run/fixtures.ts';

export const TOWNS = 5;
export const townName = (i: number) => `第${String(i + 1).padStart(2, '0')}镇`;

interface Template {
  input: Omit<CreateCaseInput, 'idempotencyKey' | 'place'>;
  open: boolean;
}

/** The day the templates' last commands ran: their index rows were worked out for it. */
export const INDEX_DAY = '2026-10-12';

/** Opens the templates through `cases` (on its own store, which the copies then join). */
async function templates(store: Store): Promise<Template[]> {
  const clock = fixedClock('2026-01-15T09:00:00+08:00');
  const on = (day: string) => clock.set(`${day}T10:00:00+08:00`);
  const cases = new CaseService({ store, policies: policies(), clock, calendarFor: () => bundledCalendar(), readCache: false });
  const user = { id: 'clerk-1' };
  const send = async (id: string, type: string, payload: Record<string, unknown> = {}) =>
    cases.command({ caseId: id, type, payload, expectedVersion: (await store.getCase(id))!.version, user });
  on('2026-01-15');
  const notice = (await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user })).id;
  on('2026-09-30');
  const pub = (await cases.open({ policy: 'qinzhou', procedure: 'transfer', case: household(), user })).id;
  await send(pub, 'submitApplication');
  on(INDEX_DAY);
  const fresh = (await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user })).id;
  const ended = (await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user })).id;
  await send(notice, 'receiveWrittenNotice');
  await send(pub, 'postPublicNotice');
  await send(ended, 'terminate', { reason: '群众撤回 withdrawn' });
  cases.close();
  const out: Template[] = [];
  const listed = await store.listCases({ limit: 1000 });
  // Of the open ones, most just opened; one in three further on, with timers and their explanations.
  for (const id of [fresh, notice, fresh, pub, ended]) {
    const rec = (await store.getCase(id))!;
    const state = rec.state as CaseState;
    const tasks = (await store.listTasks({ from: { caseId: id, ord: 0 }, limit: 1000 })).filter((r) => r.caseId === id);
    const index: CaseIndex = {
      status: state.status,
      asOf: INDEX_DAY,
      validThrough: tasks[0]?.validThrough ?? null,
      tasks: tasks.map((r) => r.task!),
      summary: listed.find((l) => l.id === id)!.summary!,
    };
    out.push({
      open: state.status === 'open',
      input: {
        policyId: rec.policyId,
        policyHash: rec.policyHash,
        procedure: rec.procedure,
        mode: rec.mode,
        user: 'clerk-1',
        at: `${INDEX_DAY}T10:00:00.000+08:00`,
        initialEvents: (await store.getEvents(id)).map((e) => ({ type: e.type, payload: e.payload })),
        state,
        index,
      },
    });
  }
  return out;
}

/** The place of copy i: towns in turn, ten villages and five groups in each. */
export function placeOf(i: number): { town: string; village: string; group: string } {
  return { town: townName(i % TOWNS), village: `第${(Math.floor(i / TOWNS) % 10) + 1}村`, group: `第${(Math.floor(i / 200) % 5) + 1}组` };
}

function moved<T>(v: T, place: { town: string; village: string; group: string }): T {
  const o = v as { place?: unknown; case?: { household?: { collective?: unknown } } };
  return { ...v, place, ...(o.case?.household ? { case: { ...o.case, household: { ...o.case.household, collective: place } } } : {}) };
}

/**
 * Opens the templates in `store` and answers a function that adds `n` more copies in batches of
 * `batch` (one createCases call each), answering how long that took (ms).
 */
export async function caseCopier(store: Store): Promise<(n: number, batch?: number) => Promise<number>> {
  const t = await templates(store);
  const closed = t.filter((x) => !x.open);
  const open = t.filter((x) => x.open);
  let made = 0;
  return async (n, batch = 1000) => {
    const start = performance.now();
    for (const end = made + n; made < end;) {
      const inputs: CreateCaseInput[] = [];
      for (const last = Math.min(end, made + batch); made < last; made++) {
        const i = made;
        // Seven in ten closed (in every town), the open ones through the open templates in turn.
        const k = Math.floor(i / TOWNS);
        const tpl = k % 10 < 7 ? closed[k % closed.length]! : open[k % open.length]!;
        const place = placeOf(i);
        const [first, ...rest] = tpl.input.initialEvents;
        inputs.push({
          ...tpl.input,
          place,
          idempotencyKey: `copy-${i}`,
          initialEvents: [{ type: first!.type, payload: moved(first!.payload, place) }, ...rest],
          state: moved(tpl.input.state, place),
        });
      }
      await store.createCases(inputs);
      // SQLite answers at once: without a turn of the event loop, a test worker could not answer its runner for minutes.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return performance.now() - start;
  };
}

/** The p99 (and median) of `runs` timed calls of `f`, in ms, after a few unmeasured ones. */
export async function latency(f: () => Promise<unknown>, runs = 500): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 5; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)]!, p99: times[Math.min(runs - 1, Math.ceil(runs * 0.99) - 1)]! };
}
