// Bench: the task list and the case list as the store grows, per backend. One store is filled to
// 10^3, 10^4 and 10^5 cases (test/helpers/many-cases.ts: real 钦州 cases copied through
// Store.createCases, seven in ten closed, 20 towns), and at each size the first page (50) of one
// town's task list — on the day its rows were written (read as they are), on a later one (the
// cases whose rows ran out worked out again) and on a day before them (all worked out) — and of its
// case list (all, and open only) is timed. Goal: p99 at
// 10^5 no more than 1.5 times p99 at 10^3 (the lists read their page, not the cases). Then the
// bytes a finished 钦州 exit adds to the database (every table and index, as the engine counts its
// pages), over a few cases run through CaseService.
// BENCH_SCALE=1000,10000,100000 sets the sizes (BENCH_SCALE= measures the bytes only), BENCH_FINISHED the
// number of finished cases, BENCH_BACKENDS the backends (backends.ts).
import { bundledCalendar } from '../../engine/calendar/index.ts';
import { fixedClock } from '../../engine/cases/clock.ts';
import { CaseService } from '../../engine/cases/service.ts';
import { INDEX_DAY, caseCopier, latency, townName } from '../helpers/many-cases.ts';
import { household, policies } from '../engine/run/fixtures.ts';
import { benchBackends, stopBenchCluster, type BenchBackend } from './backends.ts';

const SIZES = (process.env.BENCH_SCALE ?? '1000,10000,100000').split(',').filter(Boolean).map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const FINISHED = Number(process.env.BENCH_FINISHED ?? 20);
const TOWN = townName(2);
const LATER = '2026-12-01';

type Query = [name: string, run: (cases: CaseService) => Promise<unknown>];
const QUERIES: Query[] = [
  [`tasks, the day written            `, (c) => c.tasks({ date: INDEX_DAY, town: TOWN }, { limit: 50 })],
  [`tasks, ${LATER}                  `, (c) => c.tasks({ date: LATER, town: TOWN }, { limit: 50 })],
  // Before the rows' day: no row holds, every case of the page is worked out from its state.
  [`tasks, 2026-10-01 (all worked out)`, (c) => c.tasks({ date: '2026-10-01', town: TOWN }, { limit: 50 })],
  [`case list                        `, (c) => c.list({ town: TOWN }, { limit: 50 })],
  [`case list, open only             `, (c) => c.list({ town: TOWN, status: 'open' }, { limit: 50 })],
];

async function lists(backend: BenchBackend): Promise<void> {
  const db = await backend.fresh();
  let n = 0;
  const store = await db.open({ newId: () => `C${String(++n).padStart(7, '0')}` });
  const cases = new CaseService({
    store,
    policies: policies(),
    clock: fixedClock(`${INDEX_DAY}T10:00:00+08:00`),
    calendarFor: () => bundledCalendar(),
    readCache: false,
  });
  try {
    const add = await caseCopier(store);
    const p99: number[][] = QUERIES.map(() => []);
    let made = 0;
    for (const size of SIZES) {
      const ms = await add(size - made, backend.name === 'sqlite' ? 200 : 100);
      made = size;
      console.log(`${backend.name}: ${size} cases (${((size * 1000) / ms).toFixed(0)} made a second)`);
      for (const [i, [name, run]] of QUERIES.entries()) {
        const t = await latency(() => run(cases), RUNS);
        p99[i]!.push(t.p99);
        console.log(`  ${name} p50 ${t.p50.toFixed(2).padStart(7)} ms   p99 ${t.p99.toFixed(2).padStart(7)} ms`);
      }
    }
    for (const [i, [name]] of QUERIES.entries()) {
      const ratio = p99[i]![p99[i]!.length - 1]! / p99[i]![0]!;
      console.log(
        `${backend.name}: ${name.trim()}: p99 at ${SIZES[SIZES.length - 1]} / at ${SIZES[0]} = ${ratio.toFixed(2)} (goal ≤ 1.5) ${ratio <= 1.5 ? 'ok' : 'ABOVE GOAL'}`,
      );
    }
  } finally {
    cases.close();
    await store.close();
    await db.drop();
  }
}

/** What FINISHED 钦州 exits, opened and run to their registration, add to the database. */
async function bytesPerFinishedCase(backend: BenchBackend): Promise<void> {
  const db = await backend.fresh();
  const store = await db.open();
  const clock = fixedClock('2026-01-15T09:00:00+08:00');
  const cases = new CaseService({ store, policies: policies(), clock, calendarFor: () => bundledCalendar(), readCache: false });
  const user = { id: 'clerk-1' };
  try {
    const run = async () => {
      clock.set('2026-01-15T09:00:00+08:00');
      let c = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household((k) => (k.exit!.payer = 'village')), user });
      for (const [day, type, payload] of [
        ['2026-01-15', 'receiveWrittenNotice', {}],
        ['2026-07-16', 'recordNegotiation', { agreed: true }],
        ['2026-07-20', 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 }],
        ['2026-08-03', 'signContract', { paymentDue: '2026-08-31' }],
        ['2026-08-05', 'cancelContractAndCertificate', {}],
        ['2026-09-03', 'recordPayment', { amount: '53333.25' }],
        ['2026-09-03', 'fileWithTown', {}],
        ['2026-09-03', 'recordRegistration', {}],
      ] as const) {
        clock.set(`${day}T09:00:00+08:00`);
        c = (await cases.command({ caseId: c.id, type, payload, expectedVersion: c.version, user })).case;
      }
      if (c.status !== 'completed') throw new Error(`the bench case ended ${c.status}`);
    };
    await run(); // the policy version, its workflow and the first pages of every table
    const before = await db.tables();
    for (let i = 0; i < FINISHED; i++) await run();
    const after = await db.tables();
    const grew = [...after].map(([t, n]) => [t, (n - (before.get(t) ?? 0)) / FINISHED] as const).filter(([, n]) => n !== 0);
    const per = grew.reduce((a, [, n]) => a + n, 0);
    console.log(
      `${backend.name}: bytes stored per finished 钦州 exit (${FINISHED} cases, all tables and indexes)  ${per.toFixed(0)}` +
        `  (${grew
          .sort((a, b) => b[1] - a[1])
          .map(([t, n]) => `${t} ${n.toFixed(0)}`)
          .join(', ')})`,
    );
  } finally {
    cases.close();
    await store.close();
    await db.drop();
  }
}

export const suite = {
  name: `scale (first pages of one town's task and case lists at ${SIZES.join(', ')} cases; bytes per finished case) per backend`,
  async run(): Promise<void> {
    try {
      for (const backend of benchBackends()) {
        if (SIZES.length) await lists(backend);
        await bytesPerFinishedCase(backend);
      }
    } finally {
      stopBenchCluster();
    }
  },
};
