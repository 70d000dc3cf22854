import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  DatabaseUnreadableError,
  GENESIS_HASH,
  IdempotencyMismatchError,
  LATEST_SCHEMA_VERSION,
  NotFoundError,
  StoreError,
  StoreInputError,
  defaultKeyFile,
  eventHash,
  localDataDir,
  redactTarget,
  openStore,
  resolveDbTarget,
  type BrokenEvent,
  type CaseRecord,
  type Decision,
  type DecideTools,
  type Store,
} from '../../../engine/store/index.ts';
import { migrate, migrations } from '../../../engine/store/migrations.ts';
import { at, createInput, open, reduce, tempDir } from './helpers.ts';
import { BACKENDS, type TestDb } from './backends.ts';
import { rejected } from '../../helpers/errors.ts';
import type { ProcedureKind } from '../../../dsl/case-model.ts';
import { renderBoth } from '../../../dsl/messages.ts';

/** A case's problem as the command line prints it: the reason in both languages. */
const said = (p: BrokenEvent | undefined) => p && { ...p, reason: renderBoth(p.reason) };

let store: Store;

/** A command moving the case to `step`, optionally taking a contract number. */
function move(step: string, take?: { kind: '转让' | '退出'; town: string; year: number }) {
  return (current: CaseRecord, tools: DecideTools): Decision => {
    const number = take ? tools.allocateContractNumber(take.kind, take.town, take.year) : undefined;
    const s = current.state as { count: number };
    return {
      events: [{ type: 'Moved', payload: { step, ...(number ? { number: number.text } : {}) } }],
      state: { step, count: s.count + 1 },
    };
  };
}

function run(caseId: string, expectedVersion: number, key: string, step: string, take?: Parameters<typeof move>[1], day = 2) {
  return store.runCommand({
    caseId,
    expectedVersion,
    idempotencyKey: key,
    user: 'clerk1',
    at: at(day),
    command: { step },
    decide: move(step, take),
    reduce,
  });
}

/** Two cases, C1 at version 4 holding one contract number, C2 at version 2. */
async function seed(): Promise<void> {
  await store.createCase(createInput());
  await store.createCase(createInput({ idempotencyKey: 'create-2' }));
  await run('C1', 1, 'k1', 's2');
  await run('C1', 2, 'k2', 's3', { kind: '退出', town: '那丽镇', year: 2026 });
  await run('C1', 3, 'k3', 's4');
  await run('C2', 1, 'k4', 's2');
}

describe.each(BACKENDS)('$name store', (backend) => {
  let db: TestDb;

  beforeEach(async () => {
    db = await backend.open();
    store = db.store;
  });

  afterEach(() => db.cleanup());

  describe('createCase', () => {
    it('stores the case at version 1 with a genesis-linked first event', async () => {
      const rec = await store.createCase(createInput());
      expect(rec).toEqual({
        id: 'C1',
        policyId: 'qinzhou-2026',
        policyHash: 'a'.repeat(64),
        procedure: 'exit',
        mode: 'permanent',
        place: { town: '那丽镇', village: '那丽村', group: '第一组' },
        state: { step: 'opened', count: 1 },
        version: 1,
        lastHash: eventHash(GENESIS_HASH, {
          caseId: 'C1',
          seq: 1,
          type: 'CaseOpened',
          payload: { household: '张三' },
          user: 'clerk1',
          at: at(1),
        }),
        createdAt: at(1),
        createdBy: 'clerk1',
        updatedAt: at(1),
        updatedBy: 'clerk1',
      });
      expect(await store.getCase('C1')).toEqual(rec);
      const events = await store.getEvents('C1');
      expect(events).toEqual([
        {
          caseId: 'C1',
          seq: 1,
          type: 'CaseOpened',
          payload: { household: '张三' },
          user: 'clerk1',
          at: at(1),
          prevHash: GENESIS_HASH,
          hash: rec.lastHash,
        },
      ]);
    });

    it('stores several initial events as seq 1, 2, … and accepts a given id', async () => {
      const rec = await store.createCase(
        createInput({
          id: 'QZ-2026-001',
          initialEvents: [
            { type: 'CaseOpened', payload: {} },
            { type: 'Moved', payload: { step: 'notice' } },
          ],
          state: { step: 'notice', count: 2 },
        }),
      );
      expect(rec.id).toBe('QZ-2026-001');
      expect(rec.version).toBe(2);
      const [e1, e2] = await store.getEvents('QZ-2026-001');
      expect(e2!.prevHash).toBe(e1!.hash);
      expect(e2!.hash).toBe(rec.lastHash);
    });

    it('with the same idempotency key twice creates one case and returns the first record', async () => {
      const first = await store.createCase(createInput());
      const second = await store.createCase(createInput({ at: at(5) }));
      expect(second).toEqual(first);
      expect(await store.countCases()).toBe(1);
      expect(await store.getEvents('C1')).toHaveLength(1);
    });

    it('refuses a reused key for a different creation', async () => {
      await store.createCase(createInput());
      await expect(store.createCase(createInput({ place: { town: '大寺镇', village: 'x', group: 'y' } }))).rejects.toThrowError(
        IdempotencyMismatchError,
      );
      expect(await store.countCases()).toBe(1);
    });

    it('refuses an id that exists already with a ConflictError', async () => {
      await store.createCase(createInput({ id: 'X1' }));
      const e = await rejected(store.createCase(createInput({ id: 'X1', idempotencyKey: 'create-2' })));
      expect(e).toBeInstanceOf(ConflictError);
      expect(e).toMatchObject({ caseId: 'X1', expectedVersion: 0, actualVersion: 1 });
    });

    it('refuses bad input with the field path, writing nothing', async () => {
      await expect(store.createCase(createInput({ at: '2026-03-01' }))).rejects.toThrowError(/^at: /);
      await expect(store.createCase(createInput({ initialEvents: [] }))).rejects.toThrowError(/^initialEvents: .*at least one event/);
      await expect(store.createCase(createInput({ place: { town: '', village: 'v', group: 'g' } }))).rejects.toThrowError(/^place\.town: /);
      await expect(store.createCase(createInput({ id: 'has space' }))).rejects.toThrowError(StoreInputError);
      // A procedure the policy format does not have (dsl/case-model.ts PROCEDURE_KINDS) is not a case's.
      await expect(store.createCase(createInput({ procedure: 'sell' as ProcedureKind }))).rejects.toThrowError(
        /^procedure: .*must be one of exit \| transfer \(got "sell"\)/,
      );
      await expect(store.createCase(createInput({ initialEvents: [{ type: 'T', payload: { area: NaN } }] }))).rejects.toThrowError(
        /^initialEvents\[0\]\.payload\.area: /,
      );
      await expect(store.createCase(createInput({ state: undefined }))).rejects.toThrowError(/^state: /);
      expect(await store.countCases()).toBe(0);
    });
  });

  describe('runCommand', () => {
    beforeEach(async () => {
      await store.createCase(createInput());
    });

    it('appends hash-chained events and moves the snapshot in one step', async () => {
      const r = await run('C1', 1, 'k1', 'notice');
      expect(r.replayed).toBe(false);
      expect(r.record.version).toBe(2);
      expect(r.record.state).toEqual({ step: 'notice', count: 2 });
      expect(r.record.updatedAt).toBe(at(2));
      expect(r.record.createdAt).toBe(at(1));
      expect(r.events).toHaveLength(1);
      const e = r.events[0]!;
      expect(e).toMatchObject({ caseId: 'C1', seq: 2, type: 'Moved', payload: { step: 'notice' }, user: 'clerk1', at: at(2) });
      expect(e.prevHash).toBe((await store.getEvents('C1'))[0]!.hash);
      expect(e.hash).toBe(eventHash(e.prevHash, e));
      expect(await store.getCase('C1')).toEqual(r.record);
      expect(await store.verifyAll({ reduce })).toMatchObject({ ok: true, cases: 1, events: 2, problems: [] });
    });

    it('hands decide the current record and nothing else can change it', async () => {
      let seen: CaseRecord | undefined;
      await store.runCommand({
        caseId: 'C1',
        expectedVersion: 1,
        idempotencyKey: 'k1',
        user: 'u',
        at: at(2),
        decide: (c) => {
          seen = structuredClone(c);
          (c.state as { count: number }).count = 99; // mutating the argument must not leak into the store
          return { events: [{ type: 'Moved', payload: { step: 's' } }], state: { step: 's', count: 2 } };
        },
      });
      expect(seen).toEqual(await store.createCase(createInput({ reduce }))); // replay of creation = the record decide saw
      expect((await store.getCase('C1'))!.state).toEqual({ step: 's', count: 2 });
    });

    it('rejects a stale version with a ConflictError and writes nothing', async () => {
      await run('C1', 1, 'k1', 'notice');
      const e = await rejected(run('C1', 1, 'k2', 'vote'));
      expect(e).toBeInstanceOf(ConflictError);
      expect(e).toMatchObject({ caseId: 'C1', expectedVersion: 1, actualVersion: 2, code: 'CONFLICT' });
      expect((e as Error).message).toMatch(/^版本冲突 version conflict on case C1/);
      expect((await store.getCase('C1'))!.version).toBe(2);
      expect(await store.getEvents('C1')).toHaveLength(2);
    });

    it('detects a conflict between two stores on the same database', async () => {
      const other = await db.another();
      await other.runCommand({ caseId: 'C1', expectedVersion: 1, idempotencyKey: 'o1', user: 'u2', at: at(2), decide: move('other') });
      await expect(run('C1', 1, 'k1', 'mine')).rejects.toThrowError(ConflictError);
      expect((await run('C1', 2, 'k1', 'mine')).record.version).toBe(3);
    });

    it('answers an unknown case with NotFoundError', async () => {
      const e = await rejected(run('C9', 1, 'k1', 'x'));
      expect(e).toBeInstanceOf(NotFoundError);
      expect(e).toMatchObject({ caseId: 'C9', code: 'NOT_FOUND' });
    });

    it('replays a repeated idempotency key: no second event, decide not called, first result returned', async () => {
      const first = await run('C1', 1, 'k1', 'notice', { kind: '退出', town: '那丽镇', year: 2026 });
      let calls = 0;
      const again = await store.runCommand({
        caseId: 'C1',
        expectedVersion: 1,
        idempotencyKey: 'k1',
        user: 'clerk1',
        at: at(9),
        command: { step: 'notice' },
        decide: () => {
          calls++;
          throw new Error('must not run');
        },
      });
      expect(calls).toBe(0);
      expect(again).toEqual({ ...first, replayed: true });
      expect(await store.getEvents('C1')).toHaveLength(2);
      expect(await store.listContractNumbers()).toHaveLength(1);
    });

    it('replays the first result even after the case has moved on', async () => {
      const first = await run('C1', 1, 'k1', 'notice');
      await run('C1', 2, 'k2', 'vote');
      const again = await run('C1', 1, 'k1', 'notice');
      expect(again.replayed).toBe(true);
      expect(again.record).toEqual(first.record);
      expect(again.record.version).toBe(2);
      expect(again.events).toEqual(first.events);
      expect((await store.getCase('C1'))!.version).toBe(3);
    });

    it('keeps no copy of the record in the idempotency record: a replay after the case moved on needs the reducer', async () => {
      const first = await run('C1', 1, 'k1', 'notice');
      // Still at the request's last event: the snapshot answers, no reducer needed.
      const { reduce: _r, ...noReducer } = {
        caseId: 'C1',
        expectedVersion: 1,
        idempotencyKey: 'k1',
        user: 'clerk1',
        at: at(2),
        command: { step: 'notice' },
        decide: move('notice'),
        reduce,
      };
      expect(await store.runCommand(noReducer)).toEqual({ ...first, replayed: true });
      await run('C1', 2, 'k2', 'vote');
      const e = await rejected(store.runCommand(noReducer));
      expect(e).toBeInstanceOf(StoreInputError);
      expect((e as Error).message).toMatch(/^reduce: .*the case has moved on/);
      // The creation too: its replay is the record it answered, the state folded from its one event.
      const created = await store.createCase(createInput({ reduce }));
      expect(created).toMatchObject({ id: 'C1', version: 1, state: { step: 'opened', count: 1 }, updatedAt: at(1) });
      await expect(store.createCase(createInput())).rejects.toThrowError(/^reduce: /);
    });

    it('refuses a key reused for another case, another command or by another user', async () => {
      await store.createCase(createInput({ idempotencyKey: 'create-2' }));
      await run('C1', 1, 'k1', 'notice');
      await expect(run('C2', 1, 'k1', 'notice')).rejects.toThrowError(IdempotencyMismatchError);
      await expect(run('C2', 1, 'k1', 'notice')).rejects.toThrowError(/first used for case C1/);
      await expect(run('C1', 2, 'k1', 'vote')).rejects.toThrowError(/the request differs/);
      await expect(
        store.runCommand({
          caseId: 'C1',
          expectedVersion: 2,
          idempotencyKey: 'k1',
          user: 'clerk2',
          at: at(3),
          command: { step: 'notice' },
          decide: move('notice'),
        }),
      ).rejects.toThrowError(IdempotencyMismatchError);
      await expect(run('C1', 2, 'create-1', 'notice')).rejects.toThrowError(/first used for a case creation/);
      expect(await store.getEvents('C1')).toHaveLength(2);
      expect(await store.getEvents('C2')).toHaveLength(1);
    });

    it('writes nothing when decide throws, and the error reaches the caller unchanged', async () => {
      class Refusal extends Error {}
      const refusal = new Refusal('不符合条件 not eligible');
      const e = await rejected(
        store.runCommand({
          caseId: 'C1',
          expectedVersion: 1,
          idempotencyKey: 'k1',
          user: 'u',
          at: at(2),
          decide: (_c, tools) => {
            tools.allocateContractNumber('退出', '那丽镇', 2026);
            throw refusal;
          },
        }),
      );
      expect(e).toBe(refusal);
      expect((await store.getCase('C1'))!.version).toBe(1);
      expect(await store.getEvents('C1')).toHaveLength(1);
      expect(await store.listContractNumbers()).toEqual([]);
      // The key was not used up either: the retry runs.
      const ok = await run('C1', 1, 'k1', 'contract', { kind: '退出', town: '那丽镇', year: 2026 });
      expect(ok.replayed).toBe(false);
      expect(ok.events[0]!.payload).toEqual({ step: 'contract', number: '退出（2026）第 001 号' });
    });

    it('refuses an asynchronous decide, an empty event list and a non-JSON state, writing nothing', async () => {
      const base = { caseId: 'C1', expectedVersion: 1, idempotencyKey: 'k1', user: 'u', at: at(2) };
      await expect(store.runCommand({ ...base, decide: (async () => ({ events: [], state: {} })) as never })).rejects.toThrowError(
        /^decide: .*synchronously/,
      );
      await expect(store.runCommand({ ...base, decide: () => ({ events: [], state: {} }) })).rejects.toThrowError(/^decide\(\)\.events: /);
      await expect(
        store.runCommand({ ...base, decide: () => ({ events: [{ type: 'T', payload: { n: 1n } }], state: {} }) }),
      ).rejects.toThrowError(/^decide\(\)\.events\[0\]\.payload\.n: /);
      await expect(
        store.runCommand({ ...base, decide: () => ({ events: [{ type: 'T', payload: {} }], state: { f: () => 1 } }) }),
      ).rejects.toThrowError(/^decide\(\)\.state\.f: /);
      await expect(store.runCommand({ ...base, expectedVersion: 0, decide: move('x') })).rejects.toThrowError(/^expectedVersion: /);
      expect((await store.getCase('C1'))!.version).toBe(1);
    });

    it('refuses a write to the store from inside decide, writing nothing', async () => {
      await expect(
        store.runCommand({
          caseId: 'C1',
          expectedVersion: 1,
          idempotencyKey: 'outer',
          user: 'u',
          at: at(2),
          decide: (c, t) => {
            void run('C1', 1, 'inner', 'nested');
            return move('x')(c, t);
          },
        }),
      ).rejects.toThrowError(/^decide: .*must not write to the store/);
      expect((await store.getCase('C1'))!.version).toBe(1);
      expect((await run('C1', 1, 'outer', 'x')).replayed).toBe(false);
    });

    it('does not let decide keep the allocation tool for later', async () => {
      let kept: DecideTools | undefined;
      await store.runCommand({
        caseId: 'C1',
        expectedVersion: 1,
        idempotencyKey: 'k1',
        user: 'u',
        at: at(2),
        decide: (c, tools) => {
          kept = tools;
          return move('x')(c, tools);
        },
      });
      expect(() => kept!.allocateContractNumber('转让', '那丽镇', 2026)).toThrowError(/only be called while decide runs/);
    });
  });

  describe('contract numbers', () => {
    beforeEach(async () => {
      await store.createCase(createInput());
      await store.createCase(createInput({ idempotencyKey: 'create-2', place: { town: '大寺镇', village: '大寺村', group: '一组' } }));
    });

    it('run 001, 002 per town, year and kind; other towns, kinds and years count separately', async () => {
      const texts: string[] = [];
      let v1 = 1;
      let v2 = 1;
      const take = async (caseId: string, kind: '转让' | '退出', town: string, year: number) => {
        const v = caseId === 'C1' ? v1++ : v2++;
        const r = await run(caseId, v, `k${texts.length}`, 'contract', { kind, town, year });
        texts.push((r.events[0]!.payload as { number: string }).number);
      };
      await take('C1', '转让', '那丽镇', 2026);
      await take('C1', '转让', '那丽镇', 2026);
      await take('C2', '转让', '大寺镇', 2026);
      await take('C1', '退出', '那丽镇', 2026);
      await take('C2', '转让', '那丽镇', 2026); // a number belongs to a town's register, not to the case's town
      await take('C1', '转让', '那丽镇', 2027);
      await take('C2', '转让', '大寺镇', 2026);
      expect(texts).toEqual([
        '转让（2026）第 001 号',
        '转让（2026）第 002 号',
        '转让（2026）第 001 号',
        '退出（2026）第 001 号',
        '转让（2026）第 003 号',
        '转让（2027）第 001 号',
        '转让（2026）第 002 号',
      ]);
      expect(await store.listContractNumbers({ town: '那丽镇', year: 2026, kind: '转让' })).toEqual([
        { kind: '转让', town: '那丽镇', year: 2026, seq: 1, text: '转让（2026）第 001 号', caseId: 'C1', version: 2, at: at(2) },
        { kind: '转让', town: '那丽镇', year: 2026, seq: 2, text: '转让（2026）第 002 号', caseId: 'C1', version: 3, at: at(2) },
        { kind: '转让', town: '那丽镇', year: 2026, seq: 3, text: '转让（2026）第 003 号', caseId: 'C2', version: 3, at: at(2) },
      ]);
      expect((await store.listContractNumbers({ caseId: 'C2' })).map((n) => n.text)).toEqual([
        '转让（2026）第 001 号',
        '转让（2026）第 002 号',
        '转让（2026）第 003 号',
      ]);
      expect(await store.verifyAll()).toMatchObject({ ok: true, contractNumbers: 7 });
    });

    it('allocates twice within one command in order', async () => {
      const r = await store.runCommand({
        caseId: 'C1',
        expectedVersion: 1,
        idempotencyKey: 'two',
        user: 'u',
        at: at(2),
        decide: (_c, t) => {
          const a = t.allocateContractNumber('退出', '那丽镇', 2026);
          const b = t.allocateContractNumber('退出', '那丽镇', 2026);
          return { events: [{ type: 'Numbers', payload: [a, b] }], state: { step: 'n', count: 2 } };
        },
      });
      expect(r.events[0]!.payload).toEqual([
        { kind: '退出', town: '那丽镇', year: 2026, seq: 1, text: '退出（2026）第 001 号' },
        { kind: '退出', town: '那丽镇', year: 2026, seq: 2, text: '退出（2026）第 002 号' },
      ]);
    });

    it('a rolled-back command takes no number: the next one gets the number it would have had', async () => {
      await run('C1', 1, 'a', 'contract', { kind: '转让', town: '那丽镇', year: 2026 });
      await expect(
        store.runCommand({
          caseId: 'C1',
          expectedVersion: 2,
          idempotencyKey: 'b',
          user: 'u',
          at: at(3),
          decide: (_c, t) => {
            t.allocateContractNumber('转让', '那丽镇', 2026);
            return { events: [{ type: 'Bad', payload: { x: NaN } }], state: {} };
          },
        }),
      ).rejects.toThrowError(StoreInputError);
      const r = await run('C1', 2, 'c', 'contract', { kind: '转让', town: '那丽镇', year: 2026 });
      expect((r.events[0]!.payload as { number: string }).number).toBe('转让（2026）第 002 号');
    });

    it('refuses a bad kind or year', async () => {
      const bad = (kind: string, year: number) =>
        store.runCommand({
          caseId: 'C1',
          expectedVersion: 1,
          idempotencyKey: 'x',
          user: 'u',
          at: at(2),
          decide: (c, t) => {
            t.allocateContractNumber(kind as '转让', '那丽镇', year);
            return move('x')(c, t);
          },
        });
      await expect(bad('出租', 2026)).rejects.toThrowError(/^allocateContractNumber\.kind: /);
      await expect(bad('转让', 26.5)).rejects.toThrowError(/^allocateContractNumber\.year: /);
      expect(await store.listContractNumbers()).toEqual([]);
    });
  });

  describe('reads', () => {
    it('lists and counts by place and policy, in id order, with paging', async () => {
      await store.createCase(createInput({ idempotencyKey: 'a' }));
      await store.createCase(createInput({ idempotencyKey: 'b', place: { town: '大寺镇', village: '大寺村', group: '一组' } }));
      await store.createCase(
        createInput({ idempotencyKey: 'c', place: { town: '那丽镇', village: '那丽村', group: '第二组' }, policyId: 'other' }),
      );
      await store.createCase(createInput({ idempotencyKey: 'd', procedure: 'transfer' }));
      expect((await store.listCases()).map((c) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
      expect((await store.listCases({ town: '那丽镇' })).map((c) => c.id)).toEqual(['C1', 'C3', 'C4']);
      expect((await store.listCases({ town: '那丽镇', group: '第二组' })).map((c) => c.id)).toEqual(['C3']);
      expect((await store.listCases({ policyId: 'other' })).map((c) => c.id)).toEqual(['C3']);
      expect((await store.listCases({ procedure: 'transfer' })).map((c) => c.id)).toEqual(['C4']);
      expect((await store.listCases({ limit: 2, offset: 1 })).map((c) => c.id)).toEqual(['C2', 'C3']);
      expect(await store.countCases({ town: '那丽镇' })).toBe(3);
      expect(await store.countCases({ village: '无此村' })).toBe(0);
      await expect(store.listCases({ limit: 0 })).rejects.toThrowError(/^limit: /);
      expect(await store.getCase('nope')).toBeUndefined();
      expect(await store.getEvents('nope')).toEqual([]);
    });
  });

  describe('verify', () => {
    beforeEach(seed);

    it('a clean store verifies, with each case head listed', async () => {
      const r = await store.verifyAll({ reduce });
      expect(r.ok).toBe(true);
      expect(r.firstBroken).toBeUndefined();
      expect(r.heads).toEqual([
        { caseId: 'C1', version: 4, hash: (await store.getCase('C1'))!.lastHash },
        { caseId: 'C2', version: 2, hash: (await store.getCase('C2'))!.lastHash },
      ]);
    });
  });
});

describe('SQLite store', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = tempDir();
    file = path.join(dir, 'cases.db');
    store = await open(file);
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function raw(): Database.Database {
    return new Database(file);
  }

  describe('append-only and audit', () => {
    beforeEach(seed);

    it('the database itself refuses UPDATE and DELETE of events', async () => {
      const db = raw();
      try {
        expect(() => db.prepare("UPDATE events SET payload = '{}' WHERE case_id = 'C1' AND seq = 2").run()).toThrowError(
          /events are append-only: UPDATE refused/,
        );
        expect(() => db.prepare("DELETE FROM events WHERE case_id = 'C1'").run()).toThrowError(/events are append-only: DELETE refused/);
        expect(() => db.prepare('DELETE FROM contract_numbers').run()).toThrowError(/contract numbers are append-only/);
      } finally {
        db.close();
      }
      expect(await store.verifyAll({ reduce })).toMatchObject({ ok: true, cases: 2, events: 6, contractNumbers: 1 });
    });

    it('finds an altered payload at exactly that case and seq', async () => {
      const db = raw();
      db.exec('DROP TRIGGER events_append_only_update');
      db.prepare(`UPDATE events SET payload = '{"step":"forged"}' WHERE case_id = 'C1' AND seq = 3`).run();
      db.close();
      const r = await store.verifyAll();
      expect(r.ok).toBe(false);
      expect(said(r.firstBroken)).toEqual({
        caseId: 'C1',
        seq: 3,
        reason: expect.stringMatching(
          /^哈希不符，此事件或事件 2 被改动 hash mismatch: this event, or event 2 whose hash it covers, was altered/,
        ),
      });
      expect(r.problems).toHaveLength(1); // later links still chain to the stored hash: reported once
      expect(r.schemaProblems.map(renderBoth)).toEqual(['只追加触发器缺失 append-only trigger missing: events_append_only_update']);
    });

    it('finds an altered user or timestamp too', async () => {
      const db = raw();
      db.exec('DROP TRIGGER events_append_only_update');
      db.prepare(`UPDATE events SET at = '2020-01-01T00:00:00Z' WHERE case_id = 'C2' AND seq = 2`).run();
      db.close();
      expect((await store.verifyAll()).firstBroken).toMatchObject({ caseId: 'C2', seq: 2 });
    });

    it('finds a rewritten event whose hash was recomputed, at the next link', async () => {
      const db = raw();
      db.exec('DROP TRIGGER events_append_only_update');
      const ev = (await store.getEvents('C1'))[1]!;
      const forged = { ...ev, payload: { step: 'forged' } };
      db.prepare(`UPDATE events SET payload = ?, hash = ? WHERE case_id = 'C1' AND seq = 2`).run(
        '{"step":"forged"}',
        eventHash(ev.prevHash, forged),
      );
      db.close();
      expect(said((await store.verifyAll()).firstBroken)).toEqual({
        caseId: 'C1',
        seq: 3,
        reason: expect.stringMatching(/^哈希不符，此事件或事件 2 被改动 hash mismatch: this event, or event 2 whose hash it covers/),
      });
    });

    it('checks the link after a deleted event against the hash the audit chain sealed for it', async () => {
      const db = raw();
      db.exec('DROP TRIGGER events_append_only_delete; DROP TRIGGER events_append_only_update');
      db.prepare(`DELETE FROM events WHERE case_id = 'C1' AND seq = 2`).run();
      db.prepare(`UPDATE events SET payload = '{"step":"forged"}' WHERE case_id = 'C1' AND seq = 3`).run();
      db.close();
      const r = await store.verifyAll();
      // Event 2 stored the time events 3 and 4 carry (migration 19): without it they read with event
      // 1's, so event 4's hash, and the snapshot's time against the last event's, fail too.
      expect(r.problems.map(said)).toEqual([
        { caseId: 'C1', seq: 2, reason: '事件缺失 missing event (next stored is seq 3)' },
        { caseId: 'C1', seq: 3, reason: expect.stringMatching(/^哈希不符，此事件或事件 2 被改动 hash mismatch: this event, or event 2 /) },
        { caseId: 'C1', seq: 4, reason: expect.stringMatching(/^哈希不符，此事件或事件 3 被改动 hash mismatch/) },
        { caseId: 'C1', seq: 4, reason: expect.stringMatching(/^快照的更新时间或更新人与末事件不符/) },
        {
          caseId: 'C1',
          seq: 2,
          reason: expect.stringMatching(/^幂等记录 idempotency record "k1": 所指事件不存在 the events it produced are gone: 2$/),
        },
      ]);
    });

    it('finds a deleted event in the middle as missing', async () => {
      const db = raw();
      db.exec('DROP TRIGGER events_append_only_delete');
      db.prepare(`DELETE FROM events WHERE case_id = 'C1' AND seq = 2`).run();
      db.close();
      expect(said((await store.verifyAll()).firstBroken)).toEqual({
        caseId: 'C1',
        seq: 2,
        reason: '事件缺失 missing event (next stored is seq 3)',
      });
    });

    it('finds a deleted last event through the snapshot version', async () => {
      const db = raw();
      db.exec('DROP TRIGGER events_append_only_delete');
      db.prepare(`DELETE FROM events WHERE case_id = 'C1' AND seq = 4`).run();
      db.close();
      expect(said((await store.verifyAll()).firstBroken)).toEqual({
        caseId: 'C1',
        seq: 4,
        reason: '事件缺失 missing event: the snapshot is at version 4 but the last event is seq 3',
      });
    });

    it('finds a snapshot that is not the fold of its events (with a reducer)', async () => {
      const db = raw();
      db.prepare(`UPDATE cases SET state = '{"count":2,"step":"forged"}' WHERE id = 'C2'`).run();
      db.close();
      expect((await store.verifyAll()).ok).toBe(true); // without a reducer the state cannot be re-derived
      expect(said((await store.verifyAll({ reduce })).firstBroken)).toEqual({
        caseId: 'C2',
        seq: 2,
        reason: '快照状态与事件折叠结果不符 the snapshot state differs from the fold of its events',
      });
    });

    it('finds a snapshot version moved back', async () => {
      const db = raw();
      db.prepare(`UPDATE cases SET version = 3 WHERE id = 'C1'`).run();
      db.close();
      expect(said((await store.verifyAll()).firstBroken)).toEqual({
        caseId: 'C1',
        seq: 4,
        reason: '快照落后 the snapshot is at version 3 but events go on to seq 4',
      });
    });

    it('finds a gap in contract numbers', async () => {
      const db = raw();
      db.prepare(
        `INSERT INTO contract_numbers (town, year, kind, seq, text, case_id, version, at) VALUES ('那丽镇', 2026, '退出', 3, '退出（2026）第 003 号', 'C2', 2, ?)`,
      ).run(at(4));
      db.close();
      expect(said((await store.verifyAll()).firstBroken)).toEqual({
        caseId: 'C2',
        seq: 2,
        reason: '合同编号断号 contract number gap in 那丽镇: 退出（2026）第 002 号 is missing (next is 退出（2026）第 003 号)',
      });
    });

    it('orders problems by case id, then seq', async () => {
      const db = raw();
      db.exec('DROP TRIGGER events_append_only_update');
      db.prepare(`UPDATE events SET type = 'X' WHERE case_id = 'C2' AND seq = 1`).run();
      db.prepare(`UPDATE events SET type = 'X' WHERE case_id = 'C1' AND seq = 4`).run();
      db.prepare(`UPDATE events SET type = 'X' WHERE case_id = 'C1' AND seq = 2`).run();
      db.close();
      expect((await store.verifyAll()).problems.map((p) => `${p.caseId}#${p.seq}`)).toEqual(['C1#2', 'C1#4', 'C2#1']);
    });
  });

  describe('opening and migrations', () => {
    it('uses WAL and synchronous NORMAL (each write syncs the WAL itself before it resolves: wal-sync.test.ts)', async () => {
      await store.close();
      const s = await openStore(file);
      const db = (s as unknown as { db: Database.Database }).db;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      await s.close();
    });

    it('applies each migration once: reopening changes nothing', async () => {
      await store.createCase(createInput());
      await store.close();
      store = await open(file);
      await store.close();
      store = await open(file);
      const db = raw();
      const rows = db.prepare('SELECT version, name FROM schema_migrations').all();
      db.close();
      expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect((await store.getCase('C1'))!.version).toBe(1);
    });

    it('applies a later migration on top, once, in order', () => {
      const db = new Database(':memory:');
      const next = LATEST_SCHEMA_VERSION + 1;
      const later = [...migrations, { version: next, name: 'later', up: 'CREATE TABLE later_table (id TEXT PRIMARY KEY)' }];
      expect(migrate(db)).toEqual(migrations.map((m) => m.version));
      expect(migrate(db, later)).toEqual([next]);
      expect(migrate(db, later)).toEqual([]);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'later_table'").pluck().get()).toBe(1);
      db.close();
    });

    it('rolls back a failing migration entirely', () => {
      const db = new Database(':memory:');
      const broken = [...migrations, { version: LATEST_SCHEMA_VERSION + 1, name: 'half', up: 'CREATE TABLE t2 (x); CREATE TABLE t2 (y);' }];
      expect(() => migrate(db, broken)).toThrowError(/already exists/);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 't2'").pluck().get()).toBe(0);
      expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(LATEST_SCHEMA_VERSION);
      db.close();
    });

    it('refuses a database from a newer landflow', async () => {
      await store.close();
      const db = raw();
      db.prepare("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')").run();
      db.close();
      await expect(openStore(file)).rejects.toThrowError(DatabaseUnreadableError);
      await expect(openStore(file)).rejects.toThrowError(/newer than this landflow/);
      store = await openStore(path.join(dir, 'other.db'));
    });

    it('refuses a file that is not SQLite, and an SQLite file that is not landflow', async () => {
      const junk = path.join(dir, 'junk.db');
      fs.writeFileSync(junk, 'not a database at all, just text that is long enough to have a header'.repeat(10));
      await expect(openStore(junk)).rejects.toThrowError(/cannot read database.*junk\.db|not a database/);
      const foreign = path.join(dir, 'foreign.db');
      const db = new Database(foreign);
      db.exec('CREATE TABLE stuff (x)');
      db.close();
      await expect(openStore(foreign)).rejects.toThrowError(/not a landflow database/);
    });

    it('read-only or mustExist never creates a missing file', async () => {
      const missing = path.join(dir, 'sub', 'missing.db');
      await expect(openStore(missing, { readonly: true })).rejects.toThrowError(/^数据库文件不存在 database file not found: /);
      await expect(openStore(missing, { mustExist: true })).rejects.toThrowError(DatabaseUnreadableError);
      expect(fs.existsSync(path.join(dir, 'sub'))).toBe(false);
    });

    it('creates the parent directory for a new file', async () => {
      const s = await openStore(path.join(dir, 'data', 'landflow.db'));
      await s.close();
      expect(fs.existsSync(path.join(dir, 'data', 'landflow.db'))).toBe(true);
    });

    it('a read-only store reads and verifies but does not write', async () => {
      await store.createCase(createInput());
      const ro = await openStore(file, { readonly: true });
      try {
        expect((await ro.getCase('C1'))!.version).toBe(1);
        expect((await ro.verifyAll()).ok).toBe(true);
        await expect(ro.createCase(createInput({ idempotencyKey: 'z' }))).rejects.toThrowError(/opened read-only/);
      } finally {
        await ro.close();
      }
    });
  });
});

describe('resolveDbTarget', () => {
  it('prefers the flag, then LANDFLOW_DB, then data/landflow.db under cwd', () => {
    expect(resolveDbTarget({ flag: 'x.db', env: { LANDFLOW_DB: '/e.db' }, cwd: '/w' })).toBe('/w/x.db');
    expect(resolveDbTarget({ env: { LANDFLOW_DB: '/e.db' }, cwd: '/w' })).toBe('/e.db');
    expect(resolveDbTarget({ env: { LANDFLOW_DB: '' }, cwd: '/w' })).toBe('/w/data/landflow.db');
    expect(resolveDbTarget({ cwd: '/w' })).toBe('/w/data/landflow.db');
  });

  it('keeps a PostgreSQL URL as given, from the flag or LANDFLOW_DB, never resolved as a path', () => {
    const url = 'postgres://landflow:secret@db.example:5432/landflow?sslmode=require';
    expect(resolveDbTarget({ flag: url, env: { LANDFLOW_DB: '/e.db' }, cwd: '/w' })).toBe(url);
    expect(resolveDbTarget({ env: { LANDFLOW_DB: 'postgresql://db.example/landflow' }, cwd: '/w' })).toBe(
      'postgresql://db.example/landflow',
    );
    expect(resolveDbTarget({ flag: 'POSTGRES://db.example/x', cwd: '/w' })).toBe('POSTGRES://db.example/x');
    // A file that merely starts with the word is a file.
    expect(resolveDbTarget({ flag: 'postgres.db', cwd: '/w' })).toBe('/w/postgres.db');
    expect(resolveDbTarget({ flag: 'postgres:/x', cwd: '/w' })).toBe('/w/postgres:/x');
  });

  it('shows a URL without its password, and finds its local folder under cwd', () => {
    expect(redactTarget('postgres://landflow:secret@db.example:5432/landflow')).toBe('postgres://landflow:***@db.example:5432/landflow');
    expect(redactTarget('postgres://db.example/landflow')).toBe('postgres://db.example/landflow');
    expect(redactTarget('/srv/data/landflow.db')).toBe('/srv/data/landflow.db');
    expect(localDataDir('postgres://db.example/landflow', '/srv')).toBe('/srv/data');
    expect(localDataDir('/var/lib/landflow/cases.db', '/srv')).toBe('/var/lib/landflow');
    expect(defaultKeyFile('postgres://db.example/landflow', '/srv')).toBe('/srv/data/landflow.key');
    expect(defaultKeyFile('cases.db', '/srv')).toBe('/srv/cases.db.key');
  });
});

describe('openStore', () => {
  it('opens a postgres:// or postgresql:// URL as PostgreSQL, never as a file name', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      for (const url of ['postgres://127.0.0.1:1/none', 'postgresql://127.0.0.1:1/none']) {
        const e = await rejected(openStore(url, { keyFile: path.join(dir, 'k') }));
        expect(e).toBeInstanceOf(StoreError);
      }
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
