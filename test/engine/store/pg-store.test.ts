// What only PostgreSQL has to prove: several instances (two Store objects, two connection pools)
// on one database at once — contract numbers without gaps or duplicates, one winner among
// concurrent commands on a case, one case per idempotency key, one audit chain that verifies —
// the very rows, hashes and MACs SQLite writes, the audit key's refusals, and what its verify
// checks instead of PRAGMA integrity_check. The Store's semantics on both backends are the shared
// suite's (backends.ts); this file is what the database engine itself changes.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  DatabaseUnreadableError,
  LATEST_SCHEMA_VERSION,
  StoreError,
  StoreInputError,
  openStore,
  type CaseRecord,
  type DecideTools,
  type Decision,
  type Store,
} from '../../../engine/store/index.ts';
import { renderBoth } from '../../../dsl/messages.ts';
import { pgQuery, pgTestDatabase, type PgTestDatabase } from '../../helpers/postgres.ts';
import { BACKENDS } from './backends.ts';
import { at, createInput, reduce, sequentialIds, tempDir } from './helpers.ts';

let db: PgTestDatabase;
let dir: string;
let keyFile: string;
const opened: Store[] = [];

async function open(opts: Parameters<typeof openStore>[1] = {}): Promise<Store> {
  const s = await openStore(db.url, { keyFile, newId: sequentialIds(), ...opts });
  opened.push(s);
  return s;
}

beforeEach(async () => {
  db = await pgTestDatabase();
  dir = tempDir();
  keyFile = path.join(dir, 'landflow.key');
});

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A command taking the next number of `series` and recording it in its event. */
function sign(series: { kind: '转让' | '退出'; town: string; year: number }) {
  return (current: CaseRecord, tools: DecideTools): Decision => {
    const n = tools.allocateContractNumber(series.kind, series.town, series.year);
    return {
      events: [{ type: 'Signed', payload: { number: n.text, seq: n.seq } }],
      state: { ...(current.state as object), number: n.text },
    };
  };
}

const TOWN = '那丽镇';
const series = { kind: '退出' as const, town: TOWN, year: 2026 };

describe('two instances on one database', () => {
  it('sign concurrently: contract numbers 1…n, no gap, no duplicate, each in its own case, and the chain verifies', async () => {
    const a = await open({ newId: (t) => `A${Date.parse(t)}-${Math.random().toString(36).slice(2, 8)}` });
    const b = await open({ newId: (t) => `B${Date.parse(t)}-${Math.random().toString(36).slice(2, 8)}` });
    const n = 30;
    const cases = await Promise.all(
      Array.from({ length: n }, (_, i) => (i % 2 ? a : b).createCase(createInput({ idempotencyKey: `open-${i}`, at: at(1, 9) }))),
    );
    const signed = await Promise.all(
      cases.map((c, i) =>
        (i % 2 ? b : a).runCommand({
          caseId: c.id,
          expectedVersion: 1,
          idempotencyKey: `sign-${i}`,
          user: 'clerk1',
          at: at(2),
          command: { sign: i },
          decide: sign(series),
        }),
      ),
    );
    const numbers = await a.listContractNumbers({ town: TOWN, year: 2026, kind: '退出' });
    expect(numbers.map((x) => x.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(new Set(numbers.map((x) => x.caseId)).size).toBe(n);
    // The number in each case's event is the row the store kept for that case.
    for (const r of signed) {
      const row = numbers.find((x) => x.caseId === r.record.id)!;
      expect(r.events[0]!.payload).toEqual({ number: row.text, seq: row.seq });
      expect(row.version).toBe(2);
    }
    const v = await b.verifyAll({
      reduce: (s, e) => (e.type === 'Signed' ? { ...(s as object), number: (e.payload as { number: string }).number } : reduce(s, e)),
    });
    expect(v.problems).toEqual([]);
    expect(v.chainProblems).toEqual([]);
    expect(v).toMatchObject({ ok: true, mac: 'verified', cases: n, events: 2 * n, contractNumbers: n, auditEntries: 3 * n + n });
  });

  it('run one command on one case at once: one wins, the other gets a ConflictError', async () => {
    const a = await open();
    const b = await open();
    const c = await a.createCase(createInput());
    const go = (s: Store, key: string) =>
      s.runCommand({
        caseId: c.id,
        expectedVersion: 1,
        idempotencyKey: key,
        user: 'clerk1',
        at: at(2),
        command: { key },
        decide: sign(series),
      });
    const results = await Promise.allSettled([go(a, 'from-a'), go(b, 'from-b')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    expect(lost[0]!.reason).toMatchObject({ caseId: c.id, expectedVersion: 1, actualVersion: 2 });
    // The loser took no number: the series is 001 alone.
    expect((await a.listContractNumbers()).map((x) => x.text)).toEqual(['退出（2026）第 001 号']);
    expect((await b.verifyAll()).ok).toBe(true);
  });

  it('with one idempotency key at once: one command is written, the other is its replay', async () => {
    const a = await open();
    const b = await open();
    const c = await a.createCase(createInput());
    const go = (s: Store) =>
      s.runCommand({
        caseId: c.id,
        expectedVersion: 1,
        idempotencyKey: 'same',
        user: 'clerk1',
        at: at(2),
        command: { x: 1 },
        decide: sign(series),
      });
    const [x, y] = await Promise.all([go(a), go(b)]);
    expect([x.replayed, y.replayed].sort()).toEqual([false, true]);
    expect(y.record).toEqual(x.record);
    expect(y.events).toEqual(x.events);
    expect(await a.getEvents(c.id)).toHaveLength(2);
  });

  it('create with one idempotency key at once: one case', async () => {
    const a = await open({ newId: () => 'FROM-A' });
    const b = await open({ newId: () => 'FROM-B' });
    const [x, y] = await Promise.all([a.createCase(createInput()), b.createCase(createInput())]);
    expect(y).toEqual(x);
    expect(await a.countCases()).toBe(1);
  });

  it('seal security events and commands from both into one chain: ids 1…n in commit order, verify ok', async () => {
    const a = await open();
    const b = await open({ newId: () => `B-${Math.random().toString(36).slice(2)}` });
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).recordSecurityEvent({ type: 'login', actor: `u${i}`, at: at(3) })),
      ...Array.from({ length: 6 }, (_, i) => b.createCase(createInput({ idempotencyKey: `k${i}` }))),
    ]);
    const events = await a.listSecurityEvents();
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const chain = await pgQuery<{ gseq: number }>(db.url, 'SELECT gseq::int FROM audit_chain ORDER BY gseq');
    expect(chain.map((r) => r.gseq)).toEqual(Array.from({ length: 10 + 12 }, (_, i) => i + 1));
    const v = await a.verifyAll();
    expect(v).toMatchObject({ ok: true, securityEvents: 10, auditEntries: 22, mac: 'verified' });
  });
});

describe('the audit key', () => {
  it('a database sealed by one key refuses another, as SQLite does', async () => {
    const s = await open();
    await s.createCase(createInput());
    await s.close();
    const other = path.join(dir, 'other.key');
    fs.writeFileSync(other, 'cd'.repeat(32) + '\n');
    const e = await openStore(db.url, { keyFile: other }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DatabaseUnreadableError);
    expect((e as Error).message).toMatch(
      /审计密钥不属于此数据库 the audit key .*other\.key \(id [0-9a-f]{16}\) is not the key that sealed this database/,
    );
    const ro = await open({ readonly: true, keyFile: other });
    const v = await ro.verifyAll();
    expect(v.ok).toBe(false);
    expect(v.mac).toBe('wrongKey');
  });

  it('a sealed database whose key file is gone is refused, not given a new key', async () => {
    const s = await open();
    await s.createCase(createInput());
    await s.close();
    fs.rmSync(keyFile);
    const e = await openStore(db.url, { keyFile }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DatabaseUnreadableError);
    expect((e as Error).message).toContain('the audit key file is missing: this database is sealed with key');
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('writes the same rows, hashes and MACs as SQLite for the same operations', async () => {
    fs.writeFileSync(keyFile, 'ab'.repeat(32) + '\n');
    const sqliteFile = path.join(dir, 'same.db');
    const stores = [await open(), await openStore(sqliteFile, { keyFile, newId: sequentialIds() })];
    opened.push(stores[1]!);
    for (const s of stores) {
      await s.createCase(createInput({ initialEvents: [{ type: 'CaseOpened', payload: { 面积: '1.2500', 金额: '53333.25', n: 0.1 } }] }));
      await s.createCase(createInput({ idempotencyKey: 'create-2', place: { town: '大寺镇', village: '村', group: '组' } }));
      await s.runCommand({ caseId: 'C1', expectedVersion: 1, idempotencyKey: 'k1', user: 'clerk1', at: at(2), decide: sign(series) });
      await s.runCommand({
        caseId: 'C2',
        expectedVersion: 1,
        idempotencyKey: 'k2',
        user: 'clerk1',
        at: at(2),
        decide: sign({ ...series, town: '大寺镇' }),
      });
      await s.recordSecurityEvent({ type: 'userCreated', actor: 'admin', subject: 'clerk1', detail: { role: 'clerk', n: 1.5 }, at: at(3) });
    }
    const [pgStore, sqliteStore] = stores;
    expect(await pgStore!.getEvents('C1')).toEqual(await sqliteStore!.getEvents('C1'));
    expect(await pgStore!.listCases()).toEqual(await sqliteStore!.listCases());
    expect(await pgStore!.listContractNumbers()).toEqual(await sqliteStore!.listContractNumbers());
    expect(await pgStore!.listSecurityEvents()).toEqual(await sqliteStore!.listSecurityEvents());
    const [p, q] = [await pgStore!.checkpoint(at(4)), await sqliteStore!.checkpoint(at(4))];
    expect(p).toEqual(q);
    expect(p.globalSeq).toBe(2 + 3 + 3 + 1);
  });
});

describe('opening', () => {
  it('refuses a database that is not landflow’s, an empty one when it must exist, and a server that is not there', async () => {
    await pgQuery(db.url, 'CREATE TABLE something (x int)');
    await expect(openStore(db.url, { keyFile })).rejects.toThrow(
      /不是 landflow 数据库 not a landflow database \(no schema_migrations table\)/,
    );
    const empty = await pgTestDatabase();
    try {
      await expect(openStore(empty.url, { keyFile, mustExist: true })).rejects.toThrow(/the database holds no landflow store yet/);
      await expect(openStore(empty.url, { keyFile, readonly: true })).rejects.toThrow(DatabaseUnreadableError);
    } finally {
      await empty.drop();
    }
    const gone = new URL(db.url);
    gone.password = 'secret';
    gone.pathname = '/no_such_database';
    const e = await openStore(gone.toString(), { keyFile }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DatabaseUnreadableError);
    expect((e as Error).message).toMatch(
      /无法连接数据库 cannot connect to the database \(.*no_such_database.*\): postgres:\/\/postgres:\*\*\*@/,
    );
    expect((e as Error).message).not.toContain('secret');
  });

  it('two first starts at once migrate once and agree on the key', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    expect(await a.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(await b.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(await pgQuery(db.url, 'SELECT name, value FROM audit_meta')).toHaveLength(1);
  });

  it('read-only refuses every write, in the store and in the server', async () => {
    await (await open()).createCase(createInput());
    const ro = await open({ readonly: true });
    await expect(ro.createCase(createInput({ idempotencyKey: 'x' }))).rejects.toThrow(StoreInputError);
    await expect(ro.recordSecurityEvent({ type: 'login', actor: 'a', at: at(1) })).rejects.toThrow(/只读打开 opened read-only/);
    expect((await ro.getCase('C1'))?.version).toBe(1);
    expect((await ro.verifyAll()).ok).toBe(true);
  });

  it('backupTo refers to pg_dump', async () => {
    const s = await open();
    const e = await s.backupTo(path.join(dir, 'b.db')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreError);
    expect(e).toMatchObject({ code: 'BACKUP_UNSUPPORTED' });
    expect((e as Error).message).toContain('pg_dump');
    expect(fs.existsSync(path.join(dir, 'b.db'))).toBe(false);
  });
});

describe('commands and decide on PostgreSQL', () => {
  it('a command taking numbers of two series gets the next of each; decide failing after taking one writes nothing', async () => {
    const s = await open();
    await s.createCase(createInput());
    await s.createCase(createInput({ idempotencyKey: 'c2' }));
    await s.runCommand({ caseId: 'C1', expectedVersion: 1, idempotencyKey: 'k1', user: 'u', at: at(2), decide: sign(series) });
    const r = await s.runCommand({
      caseId: 'C2',
      expectedVersion: 1,
      idempotencyKey: 'k2',
      user: 'u',
      at: at(2),
      decide: (_c, t) => {
        const x = t.allocateContractNumber('退出', TOWN, 2026);
        const y = t.allocateContractNumber('转让', TOWN, 2026);
        const z = t.allocateContractNumber('退出', TOWN, 2026);
        return { events: [{ type: 'Signed', payload: [x.text, y.text, z.text] }], state: {} };
      },
    });
    expect(r.events[0]!.payload).toEqual(['退出（2026）第 002 号', '转让（2026）第 001 号', '退出（2026）第 003 号']);
    await expect(
      s.runCommand({
        caseId: 'C1',
        expectedVersion: 2,
        idempotencyKey: 'k3',
        user: 'u',
        at: at(3),
        decide: (_c, t) => {
          t.allocateContractNumber('退出', TOWN, 2026);
          throw new Error('refused by the workflow');
        },
      }),
    ).rejects.toThrow('refused by the workflow');
    expect((await s.listContractNumbers({ kind: '退出' })).map((x) => x.seq)).toEqual([1, 2, 3]);
    expect((await s.getCase('C1'))?.version).toBe(2);
    expect((await s.verifyAll()).ok).toBe(true);
  });

  it('a write to the store from inside decide fails the command', async () => {
    const s = await open();
    await s.createCase(createInput());
    await expect(
      s.runCommand({
        caseId: 'C1',
        expectedVersion: 1,
        idempotencyKey: 'k',
        user: 'u',
        at: at(2),
        decide: () => {
          void s.recordSecurityEvent({ type: 'login', actor: 'a', at: at(2) }).catch(() => undefined);
          return { events: [{ type: 'X', payload: {} }], state: {} };
        },
      }),
    ).rejects.toThrow(/不得在 decide 内写入案件库 must not write to the store/);
    expect((await s.getCase('C1'))?.version).toBe(1);
    expect(await s.listSecurityEvents()).toEqual([]);
  });
});

describe('verify on PostgreSQL (instead of PRAGMA integrity_check)', () => {
  async function sealed(): Promise<Store> {
    const s = await open();
    await s.createCase(createInput());
    await s.runCommand({ caseId: 'C1', expectedVersion: 1, idempotencyKey: 'k1', user: 'u', at: at(2), decide: sign(series) });
    return s;
  }

  it('names a disabled append-only trigger, and the event deleted behind it', async () => {
    const s = await sealed();
    await pgQuery(db.url, 'ALTER TABLE events DISABLE TRIGGER events_append_only_delete');
    await pgQuery(db.url, 'ALTER TABLE commands DROP CONSTRAINT commands_case_id_fkey');
    await pgQuery(db.url, "DELETE FROM events WHERE case_id = 'C1' AND seq = 2");
    const v = await s.verifyAll();
    expect(v.ok).toBe(false);
    expect(v.schemaProblems.map(renderBoth)).toEqual(['只追加触发器被停用 append-only trigger disabled: events_append_only_delete']);
    expect(v.chainProblems.map((p) => renderBoth(p.reason))).toEqual([
      "末尾事件被截去 the case's last events were cut off: events 2, sealed at #4, are gone; the case now ends at seq 1",
    ]);
  });

  it('names a dropped trigger and a replaced trigger function', async () => {
    const s = await sealed();
    await pgQuery(db.url, 'DROP TRIGGER audit_chain_append_only_truncate ON audit_chain');
    await pgQuery(
      db.url,
      'CREATE OR REPLACE FUNCTION landflow_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
    );
    const v = await s.verifyAll();
    expect(v.schemaProblems.map(renderBoth)).toEqual([
      '只追加触发器缺失 append-only trigger missing: audit_chain_append_only_truncate',
      '只追加触发器函数被改动 the append-only trigger function landflow_refuse_change was replaced: UPDATE and DELETE may pass',
    ]);
    expect(v.ok).toBe(false);
  });

  it('names a trigger redefined to fire on something else', async () => {
    const s = await sealed();
    await pgQuery(db.url, 'DROP TRIGGER events_append_only_update ON events');
    await pgQuery(
      db.url,
      "CREATE TRIGGER events_append_only_update AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION landflow_refuse_change('x')",
    );
    const v = await s.verifyAll();
    expect(v.schemaProblems).toHaveLength(1);
    expect(renderBoth(v.schemaProblems[0]!)).toMatch(
      /^只追加触发器被改动 append-only trigger altered: events_append_only_update \(CREATE TRIGGER .* AFTER INSERT/,
    );
  });

  it('names a database set to replica mode, where no trigger fires', async () => {
    const s = await sealed();
    await pgQuery(db.url, `ALTER DATABASE ${db.name} SET session_replication_role = replica`);
    const fresh = await open({ readonly: true });
    const v = await fresh.verifyAll();
    expect(v.schemaProblems.map(renderBoth)).toEqual([
      '触发器不会触发 session_replication_role is replica for this database: no trigger fires (ALTER DATABASE … RESET session_replication_role)',
    ]);
    expect((await s.verifyAll()).ok).toBe(true); // its connections were opened before the change
  });

  it('names an invalid index', async () => {
    const s = await sealed();
    await pgQuery(db.url, "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'cases_by_place'::regclass");
    const v = await s.verifyAll();
    expect(v.integrityProblems.map(renderBoth)).toEqual([
      '数据库损坏 the database is damaged (索引无效 index cases_by_place is invalid: rebuild it (REINDEX INDEX cases_by_place))',
    ]);
    expect(v.ok).toBe(false);
  });

  it('runs amcheck on every btree index when the extension is installed', async () => {
    const s = await sealed();
    await pgQuery(db.url, 'CREATE EXTENSION amcheck');
    const v = await s.verifyAll();
    expect(v.integrityProblems).toEqual([]);
    expect(v.ok).toBe(true);
  });
});

// Found while comparing the backends: both encode text as UTF-8, which has no lone surrogates, so
// such a name was stored as U+FFFD and the database then failed its own verify.
describe.each(BACKENDS)('$name: text that UTF-8 cannot hold', (backend) => {
  it('a lone surrogate in a name or a place is refused with its field; in a payload it round-trips', async () => {
    const t = await backend.open();
    try {
      for (const [over, field] of [
        [{ user: 'clerk\ud800' }, 'user'],
        [{ place: { town: '那丽镇\udc00', village: 'v', group: 'g' } }, 'place.town'],
      ] as const) {
        const e = await t.store.createCase(createInput(over)).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(StoreInputError);
        expect(e).toMatchObject({ field, message: `${field}: 含不成对的代理字符 contains an unpaired UTF-16 surrogate` });
      }
      await expect(t.store.users.addUser({ name: 'a\ud800', role: 'admin', passwordHash: 'x', at: at(1) })).rejects.toThrow(
        'name: 含不成对的代理字符 contains an unpaired UTF-16 surrogate',
      );
      const rec = await t.store.createCase(createInput({ initialEvents: [{ type: 'CaseOpened', payload: { note: 'x\ud800y😀' } }] }));
      expect((await t.store.getEvents(rec.id))[0]!.payload).toEqual({ note: 'x\ud800y😀' });
      expect((await t.store.verifyAll()).ok).toBe(true);
    } finally {
      await t.cleanup();
    }
  });
});
