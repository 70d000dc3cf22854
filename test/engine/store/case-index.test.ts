// The case index (engine/store/case-index.ts, migration 6) on both backends: the status and task
// rows a creation or a command gives are what the lists read, written in the transaction of the
// events — a command refused for any reason, even after its rows went in, leaves them as they were
// — and createCases makes cases as createCase would one after another, all or none.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  IdempotencyMismatchError,
  StoreInputError,
  type CaseIndex,
  type IndexedSummary,
  type IndexedTask,
  type Store,
} from '../../../engine/store/index.ts';
import { migrate, migrations } from '../../../engine/store/migrations.ts';
import { migratePg, pgMigrations } from '../../../engine/store/pg/migrations.ts';
import { pgTestDatabase } from '../../helpers/postgres.ts';
import { rejected } from '../../helpers/errors.ts';
import { BACKENDS, type TestDb } from './backends.ts';
import { at, createInput, reduce, tempDir } from './helpers.ts';

const task = (step: string, due: string | null, kind = 'due'): IndexedTask => ({
  kind,
  step,
  label: `第${step}步 step ${step}`,
  due,
  timer: due ? `${step}-deadline` : null,
  detail: { explanation: [`${step} 的说明 explains ${step}`] },
});
/** What a list shows of a case with these tasks: the steps of its tasks are the active ones, a closed case has a number. */
const summary = (status: string, ...tasks: IndexedTask[]): IndexedSummary => ({
  head: '黄某某',
  label: '钦州·退出（永久退出）',
  current: tasks.map((t) => t.label),
  contractNumber: status === 'open' ? null : '退出（2026）第 001 号',
});
const index = (status: string, asOf: string, ...tasks: IndexedTask[]): CaseIndex => ({
  status,
  asOf,
  validThrough: null,
  tasks,
  summary: summary(status, ...tasks),
});
const PLACE = { town: '那丽镇', village: '那丽村', group: '第一组' };

/** The task rows of a case as listTasks gives them, without the columns copied from the case. */
async function rowsOf(store: Store, caseId: string): Promise<unknown[]> {
  return (await store.listTasks({ from: { caseId, ord: 0 }, limit: 1000 }))
    .filter((r) => r.caseId === caseId)
    .map((r) => [r.ord, r.asOf, r.task]);
}

describe.each(BACKENDS)('$name case index', (backend) => {
  let db: TestDb;
  let store: Store;

  beforeEach(async () => {
    db = await backend.open();
    store = db.store;
  });
  afterEach(() => db.cleanup());

  const command = (caseId: string, expectedVersion: number, key: string, next: CaseIndex | undefined, day = 2) =>
    store.runCommand({
      caseId,
      expectedVersion,
      idempotencyKey: key,
      user: 'clerk1',
      at: at(day),
      command: { key },
      decide: (current) => ({
        events: [{ type: 'Moved', payload: { key } }],
        state: { step: 'moved', count: (current.state as { count: number }).count + 1 },
        ...(next ? { index: next } : {}),
      }),
    });

  it('a creation writes its status and task rows; they carry the case place and policy, in order', async () => {
    await store.createCase(createInput({ index: index('open', '2026-03-01', task('a', '2026-03-09', 'overdue'), task('b', null)) }));
    await store.createCase(createInput({ idempotencyKey: 'create-2', index: index('completed', '2026-03-01') }));
    await store.createCase(createInput({ idempotencyKey: 'create-3' }));
    expect(await store.listTasks()).toEqual([
      {
        caseId: 'C1',
        ord: 0,
        place: PLACE,
        policyId: 'qinzhou-2026',
        asOf: '2026-03-01',
        validThrough: null,
        task: task('a', '2026-03-09', 'overdue'),
      },
      { caseId: 'C1', ord: 1, place: PLACE, policyId: 'qinzhou-2026', asOf: '2026-03-01', validThrough: null, task: task('b', null) },
    ]);
    expect((await store.listCases({ status: 'open' })).map((c) => c.id)).toEqual(['C1']);
    expect((await store.listCases({ status: 'completed', town: '那丽镇' })).map((c) => c.id)).toEqual(['C2']);
    expect(await store.countCases({ status: 'open' })).toBe(1);
    // A case created without an index has no status: no status filter finds it; the unfiltered list does.
    expect((await store.listCases()).map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
    expect(await store.countCases({ status: 'terminated' })).toBe(0);
  });

  it('listCases gives each case its record but the state, with the status and summary of its last index (null without one)', async () => {
    const c1 = await store.createCase(createInput({ index: index('open', '2026-03-01', task('a', '2026-03-09'), task('b', null)) }));
    const c2 = await store.createCase(createInput({ idempotencyKey: 'create-2' }));
    const { state: _s1, ...meta1 } = c1;
    const { state: _s2, ...meta2 } = c2;
    expect(await store.listCases()).toEqual([
      { ...meta1, status: 'open', summary: summary('open', task('a', '2026-03-09'), task('b', null)) },
      { ...meta2, status: null, summary: null },
    ]);
    const moved = (await command('C1', 1, 'k1', index('completed', '2026-03-02'))).record;
    const { state: _s3, ...meta3 } = moved;
    expect((await store.listCases({ limit: 1 }))[0]).toEqual({ ...meta3, status: 'completed', summary: summary('completed') });
    // A command without an index leaves the case without one, as it leaves it without a status.
    await command('C1', 2, 'k2', undefined);
    expect((await store.listCases({ limit: 1 }))[0]).toMatchObject({ version: 3, status: null, summary: null });
  });

  it('listCases reads no snapshot: a case whose snapshot is damaged still lists, and getCase still refuses it', async () => {
    await store.createCase(createInput({ index: index('open', '2026-03-01', task('a', null)) }));
    await store.createCase(createInput({ idempotencyKey: 'create-2', index: index('open', '2026-03-01') }));
    await damageSnapshot(backend.name, store, 'C1');
    await expect(store.getCase('C1')).rejects.toThrow();
    expect((await store.listCases()).map((c) => [c.id, c.summary?.current])).toEqual([
      ['C1', [task('a', null).label]],
      ['C2', []],
    ]);
  });

  it('a command replaces the rows and the status; a command without an index leaves none', async () => {
    await store.createCase(createInput({ index: index('open', '2026-03-01', task('a', '2026-03-09'), task('b', null)) }));
    await command('C1', 1, 'k1', { ...index('open', '2026-03-02', task('c', '2026-04-01', 'waiting')), validThrough: '2026-03-31' });
    expect(await rowsOf(store, 'C1')).toEqual([[0, '2026-03-02', task('c', '2026-04-01', 'waiting')]]);
    expect((await store.listTasks())[0]!.validThrough).toBe('2026-03-31');
    await command('C1', 2, 'k2', index('completed', '2026-03-03'));
    expect(await rowsOf(store, 'C1')).toEqual([]);
    expect((await store.listCases({ status: 'completed' })).map((c) => c.id)).toEqual(['C1']);
    await command('C1', 3, 'k3', index('open', '2026-03-04', task('d', null), task('e', null), task('f', null)));
    expect((await rowsOf(store, 'C1')).map((r) => (r as [number])[0])).toEqual([0, 1, 2]);
    await command('C1', 4, 'k4', undefined);
    expect(await rowsOf(store, 'C1')).toEqual([]);
    expect(await store.countCases({ status: 'open' })).toBe(0);
    expect((await store.verifyAll({ reduce })).ok).toBe(true);
  });

  it('a refused command leaves the rows as they were: decide throws, a stale version, a replay, a bad index', async () => {
    const first = index('open', '2026-03-01', task('a', '2026-03-09'));
    await store.createCase(createInput({ index: first }));
    await command('C1', 1, 'k1', index('open', '2026-03-02', task('b', null)));
    const before = await rowsOf(store, 'C1');
    await expect(
      store.runCommand({
        caseId: 'C1',
        expectedVersion: 2,
        idempotencyKey: 'k-throws',
        user: 'clerk1',
        at: at(3),
        decide: () => {
          throw new Error('refused by the rules');
        },
      }),
    ).rejects.toThrow('refused by the rules');
    expect(await rejected(command('C1', 1, 'k-stale', index('completed', '2026-03-03')))).toBeInstanceOf(ConflictError);
    // The same key again is the first command's result: its decide (another index) is not run.
    expect((await command('C1', 1, 'k1', index('completed', '2026-03-03'))).replayed).toBe(true);
    for (const [bad, field] of [
      [index('open', '2026-02-30', task('x', null)), 'decide().index.asOf'],
      [index('open', '2026-03-03', { ...task('x', null), due: '3 March' }), 'decide().index.tasks[0].due'],
      [index('', '2026-03-03'), 'decide().index.status'],
      [{ ...index('open', '2026-03-03', task('x', null)), validThrough: '2026-03-02' }, 'decide().index.validThrough'],
      [{ ...index('open', '2026-03-03', task('x', null)), validThrough: 'soon' }, 'decide().index.validThrough'],
      [index('open', '2026-03-03', { ...task('x', null), detail: { n: Number.NaN } }), 'decide().index.tasks[0].detail.n'],
      [{ ...index('open', '2026-03-03'), tasks: Array.from({ length: 1001 }, () => task('x', null)) }, 'decide().index.tasks'],
      [{ ...index('open', '2026-03-03'), summary: undefined }, 'decide().index.summary'],
      [{ ...index('open', '2026-03-03'), summary: { ...summary('open'), head: 7 } }, 'decide().index.summary.head'],
      [{ ...index('open', '2026-03-03'), summary: { ...summary('open'), label: 'x'.repeat(1001) } }, 'decide().index.summary.label'],
      [{ ...index('open', '2026-03-03'), summary: { ...summary('open'), current: 'a' } }, 'decide().index.summary.current'],
      [{ ...index('open', '2026-03-03'), summary: { ...summary('open'), current: ['a', null] } }, 'decide().index.summary.current[1]'],
      [
        { ...index('open', '2026-03-03'), summary: { ...summary('open'), current: Array(101).fill('a') } },
        'decide().index.summary.current',
      ],
      [{ ...index('open', '2026-03-03'), summary: { ...summary('open'), contractNumber: '' } }, 'decide().index.summary.contractNumber'],
    ] as const) {
      const e = await rejected(command('C1', 2, `k-bad-${field}`, bad as CaseIndex));
      expect([e instanceof StoreInputError, (e as StoreInputError).field]).toEqual([true, field]);
    }
    expect(await rowsOf(store, 'C1')).toEqual(before);
    expect((await store.getCase('C1'))!.version).toBe(2);
    expect(await store.countCases({ status: 'completed' })).toBe(0);
    expect((await store.listCases())[0]!.summary).toEqual(summary('open', task('b', null)));
  });

  it('a command that fails after its rows went in (here: at its idempotency record) leaves the rows it replaced', async () => {
    await store.createCase(createInput({ index: index('open', '2026-03-01', task('a', '2026-03-09')) }));
    const before = await rowsOf(store, 'C1');
    await failCommandInserts(backend.name, store);
    await expect(command('C1', 1, 'k1', index('completed', '2026-03-02', task('z', null)))).rejects.toThrow(/boom/);
    expect(await rowsOf(store, 'C1')).toEqual(before);
    expect(await store.countCases({ status: 'open' })).toBe(1);
    expect((await store.getEvents('C1')).length).toBe(1);
  });

  it('a creation with a bad index is refused with its field, and creates nothing', async () => {
    const e = await rejected(store.createCase(createInput({ index: index('open', '2026-03-01', { ...task('a', null), step: '' }) })));
    expect([e instanceof StoreInputError, (e as StoreInputError).field]).toEqual([true, 'index.tasks[0].step']);
    expect(await store.countCases()).toBe(0);
    expect(await store.listTasks()).toEqual([]);
  });

  it('listTasks filters by place and policy before its limit, and pages by (case, ord)', async () => {
    const two = index('open', '2026-03-01', task('a', null), task('b', null));
    await store.createCase(createInput({ idempotencyKey: '1', index: two }));
    await store.createCase(createInput({ idempotencyKey: '2', index: two, place: { ...PLACE, group: '第二组' } }));
    await store.createCase(createInput({ idempotencyKey: '3', index: two, place: { town: '大寺镇', village: '大寺村', group: '一组' } }));
    await store.createCase(createInput({ idempotencyKey: '4', index: two, policyId: 'other' }));
    const ids = async (f: Parameters<Store['listTasks']>[0]) => (await store.listTasks(f)).map((r) => `${r.caseId}:${r.ord}`);
    expect(await ids({ town: '那丽镇', limit: 3 })).toEqual(['C1:0', 'C1:1', 'C2:0']);
    expect(await ids({ town: '那丽镇', from: { caseId: 'C2', ord: 1 } })).toEqual(['C2:1', 'C4:0', 'C4:1']);
    expect(await ids({ town: '那丽镇', from: { caseId: 'C2' } })).toEqual(['C4:0', 'C4:1']);
    expect(await ids({ town: '那丽镇', group: '第二组' })).toEqual(['C2:0', 'C2:1']);
    expect(await ids({ village: '大寺村' })).toEqual(['C3:0', 'C3:1']);
    expect(await ids({ policyId: 'other', town: '那丽镇' })).toEqual(['C4:0', 'C4:1']);
    expect(await ids({ from: { caseId: 'C0', ord: 5 }, limit: 1 })).toEqual(['C1:0']);
    for (const [f, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 1001 }, 'limit'],
      [{ from: { caseId: 'a b' } }, 'from.caseId'],
      [{ from: { caseId: 'C1', ord: -1 } }, 'from.ord'],
    ] as const) {
      expect(((await rejected(store.listTasks(f))) as StoreInputError).field).toBe(field);
    }
  });

  it('getCases answers the cases that exist, in id order, each once', async () => {
    for (const k of ['a', 'b', 'c']) await store.createCase(createInput({ idempotencyKey: k }));
    expect((await store.getCases(['C3', 'C1', 'nope', 'C3'])).map((c) => c.id)).toEqual(['C1', 'C3']);
    expect(await store.getCases([])).toEqual([]);
    expect(await store.getCases(['C2'])).toEqual([await store.getCase('C2')]);
    expect(((await rejected(store.getCases(['C1', '../x']))) as StoreInputError).field).toBe('ids[1]');
  });

  it('getCase, getEvents and listCases after a case refuse an id that is no case id, as getCases and listTasks do', async () => {
    await store.createCase(createInput());
    expect(await store.getCase('C9')).toBeUndefined();
    expect(await store.getEvents('C9')).toEqual([]);
    expect((await store.listCases({ after: 'C0' })).map((c) => c.id)).toEqual(['C1']);
    for (const bad of ['../x', 'a b', '', 'C1\0', 'x'.repeat(65), 7] as unknown as string[]) {
      for (const [read, field] of [
        [() => store.getCase(bad), 'id'],
        [() => store.getEvents(bad), 'caseId'],
        [() => store.listCases({ after: bad }), 'after'],
        [() => store.getCases([bad]), 'ids[0]'],
        [() => store.listTasks({ from: { caseId: bad } }), 'from.caseId'],
      ] as const) {
        const e = await rejected(read());
        expect([bad, e instanceof StoreInputError, (e as StoreInputError).field]).toEqual([bad, true, field]);
      }
    }
  });

  describe('createCases', () => {
    it('makes what createCase makes one after another: ids in order, replays of keys seen before or in the batch', async () => {
      const one = await store.createCase(createInput({ idempotencyKey: 'k0', index: index('open', '2026-03-01', task('a', null)) }));
      const made = await store.createCases([
        createInput({ idempotencyKey: 'k1', index: index('open', '2026-03-01', task('b', null)) }),
        createInput({ idempotencyKey: 'k0', index: index('open', '2026-03-01', task('a', null)) }),
        createInput({
          idempotencyKey: 'k2',
          id: 'GIVEN-1',
          initialEvents: [
            { type: 'A', payload: 1 },
            { type: 'B', payload: 2 },
          ],
          state: { step: 'moved', count: 2 },
        }),
        createInput({ idempotencyKey: 'k1', index: index('open', '2026-03-09') }),
      ]);
      expect(made.map((r) => [r.id, r.version])).toEqual([
        ['C2', 1],
        ['C1', 1],
        ['GIVEN-1', 2],
        ['C2', 1],
      ]);
      expect(made[1]).toEqual(one);
      expect(made[3]).toEqual(made[0]);
      expect(await store.getCase('C2')).toEqual(made[0]);
      expect((await store.getEvents('GIVEN-1')).map((e) => [e.seq, e.type])).toEqual([
        [1, 'A'],
        [2, 'B'],
      ]);
      expect((await store.listTasks()).map((r) => [r.caseId, r.task!.step])).toEqual([
        ['C1', 'a'],
        ['C2', 'b'],
      ]);
      // The next single creation takes the next id, as after three createCase calls.
      expect((await store.createCase(createInput({ idempotencyKey: 'k3' }))).id).toBe('C3');
      const v = await store.verifyAll({ reduce });
      // Each case and the last event of its creation (migration 17).
      expect([v.ok, v.cases, v.events, v.auditEntries]).toEqual([true, 4, 5, 8]);
    });

    it('all or none: the first refusal in input order refuses the batch, and nothing of it is written', async () => {
      await store.createCase(createInput({ idempotencyKey: 'k0', id: 'TAKEN' }));
      const refusals: [Parameters<Store['createCases']>[0], (e: unknown) => void][] = [
        // A taken id before a bad field: the conflict is what is reported.
        [
          [
            createInput({ idempotencyKey: 'n1' }),
            createInput({ idempotencyKey: 'n2', id: 'TAKEN' }),
            createInput({ idempotencyKey: 'n3', user: '' }),
          ],
          (e) => expect(e).toMatchObject({ caseId: 'TAKEN', actualVersion: 1 }),
        ],
        // A bad field before a taken id.
        [
          [createInput({ idempotencyKey: 'n1', user: '' }), createInput({ idempotencyKey: 'n2', id: 'TAKEN' })],
          (e) => expect([e instanceof StoreInputError, (e as StoreInputError).field]).toEqual([true, 'user']),
        ],
        // One id twice in the batch.
        [
          [createInput({ idempotencyKey: 'n1', id: 'TWICE' }), createInput({ idempotencyKey: 'n2', id: 'TWICE' })],
          (e) => expect(e).toBeInstanceOf(ConflictError),
        ],
        // A key reused in the batch for another creation.
        [
          [createInput({ idempotencyKey: 'n1' }), createInput({ idempotencyKey: 'n1', place: { ...PLACE, group: '另一组' } })],
          (e) => expect(e).toBeInstanceOf(IdempotencyMismatchError),
        ],
      ];
      for (const [batch, check] of refusals) check(await rejected(store.createCases(batch)));
      expect((await store.listCases()).map((c) => c.id)).toEqual(['TAKEN']);
      expect((await store.verifyAll({ reduce })).auditEntries).toBe(2);
      await expect(store.createCases({} as never)).rejects.toThrow(/^inputs: /);
      expect(await store.createCases([])).toEqual([]);
    });
  });
});

// Migrations 6 and 8 on a database of schema 5: the status is read out of each state; an open case gets
// one row without a task (its tasks are worked out when read, until its next command writes them).
describe('the case index migrations on cases made before them', () => {
  const cases = [
    ['A', '{"status":"open","x":1}', '那丽镇'],
    ['B', '{"status":"completed"}', '那丽镇'],
    ['C', '{"status":"open"}', '大寺镇'],
    ['D', '{"no":"status"}', '那丽镇'],
  ] as const;
  const insert = (p: (n: number) => string) =>
    `INSERT INTO cases (id, policy_id, policy_hash, procedure, mode, town, village, grp, state, version, last_hash,
      created_at, created_by, updated_at, updated_by) VALUES (${p(1)}, 'p', 'h', 'exit', NULL, ${p(3)}, 'v', 'g', ${p(2)}, 1, 'x', 'a', 'u', 'a', 'u')`;
  const expected = [
    [
      ['A', 'open'],
      ['B', 'completed'],
      ['C', 'open'],
      ['D', null],
    ],
    [
      ['A', 0, '那丽镇', 'p', null, null, null, null, null],
      ['C', 0, '大寺镇', 'p', null, null, null, null, null],
    ],
  ];
  const statuses = 'SELECT id, status FROM cases ORDER BY id';
  const tasks = 'SELECT case_id, ord, town, policy_id, as_of, valid_through, kind, step, detail FROM case_tasks ORDER BY case_id, ord';

  it('on SQLite', () => {
    const d = new Database(`${tempDir()}/old.db`);
    try {
      migrate(
        d,
        migrations.filter((m) => m.version <= 5),
      );
      for (const [id, state, town] of cases) d.prepare(insert((n) => ['@id', '@state', '@town'][n - 1]!)).run({ id, state, town });
      migrate(d);
      expect([d.prepare(statuses).raw().all(), d.prepare(tasks).raw().all()]).toEqual(expected);
    } finally {
      d.close();
    }
  });

  it('on PostgreSQL', async () => {
    const db = await pgTestDatabase();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await migratePg(
        c,
        pgMigrations.filter((m) => m.version <= 5),
      );
      for (const k of cases)
        await c.query(
          insert((n) => `$${n}`),
          [...k],
        );
      await migratePg(c);
      const rows = async (sql: string) => (await c.query({ text: sql, rowMode: 'array' })).rows;
      expect([await rows(statuses), await rows(tasks)]).toEqual(expected);
    } finally {
      await c.end();
      await db.drop();
    }
  });
});

/** Makes every further insert into the command log fail, after a command's other rows went in. */
async function failCommandInserts(backend: string, store: Store): Promise<void> {
  if (backend === 'sqlite') {
    const d = new Database(store.target);
    d.exec("CREATE TRIGGER boom BEFORE INSERT ON commands BEGIN SELECT RAISE(ABORT, 'boom'); END");
    d.close();
    return;
  }
  const c = new pg.Client({ connectionString: store.target });
  await c.connect();
  try {
    await c.query(`CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
      CREATE TRIGGER boom BEFORE INSERT ON commands FOR EACH ROW EXECUTE FUNCTION boom();`);
  } finally {
    await c.end();
  }
}

/** Overwrites a case's snapshot with bytes that are no snapshot (SQLite: no DEFLATE stream; PostgreSQL: no JSON). */
async function damageSnapshot(backend: string, store: Store, caseId: string): Promise<void> {
  if (backend === 'sqlite') {
    const d = new Database(store.target);
    d.prepare('UPDATE cases SET state = ? WHERE id = ?').run(Buffer.from([0xff, 0xff, 0xff]), caseId);
    d.close();
    return;
  }
  const c = new pg.Client({ connectionString: store.target });
  await c.connect();
  try {
    await c.query("UPDATE cases SET state = '{not json' WHERE id = $1", [caseId]);
  } finally {
    await c.end();
  }
}
