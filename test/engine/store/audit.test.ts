// The audit chain against someone who can write the database file: each tampering is done on a real
// SQLite file with a raw connection (append-only triggers dropped for the tampering and put back, so
// only the chain can tell), then verified through the store and through `landflow audit verify`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { runProcess } from '../../helpers/process.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  eventHash,
  openStore,
  type CaseRecord,
  type Decision,
  type DecideTools,
  type BrokenEvent,
  type ChainProblem,
  type Store,
  type VerifyOptions,
} from '../../../engine/store/index.ts';
import { renderBoth } from '../../../dsl/messages.ts';
import { entryMac, macKey } from '../../../engine/store/mac.ts';
import { readKeyFile } from '../../../engine/store/key-file.ts';
import { migrations } from '../../../engine/store/migrations.ts';
import { payloadJsonOf } from '../../../engine/store/packing.ts';
import { at, createInput, open, reduce, tamperSqlite, tempDir } from './helpers.ts';
import { carriedEventRows, dictionariesOf, plainStateJson, unpackSqlite } from './unpacked.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin', 'landflow.js');

function landflow(args: string[], env: Record<string, string> = {}) {
  return runProcess(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, LANDFLOW_DB: '', LANDFLOW_MAC_KEY_FILE: '', ...env },
    timeout: 30_000,
  });
}

/** Chain problems as the command line prints them: subject and reason in both languages. */
/** A case's problems as the command line prints them: the reason in both languages. */
const said = (ps: BrokenEvent[]) => ps.map((p) => ({ ...p, reason: renderBoth(p.reason) }));

const shown = (ps: ChainProblem[]) =>
  ps.map(({ subject, reason, ...p }) => ({ ...p, subject: renderBoth(subject), reason: renderBoth(reason) }));

let dir: string;
let file: string;

/** A command moving the case to `step`, optionally taking a contract number in `town`. */
function move(step: string, town?: string) {
  return (current: CaseRecord, tools: DecideTools): Decision => {
    const n = town ? tools.allocateContractNumber('退出', town, 2026) : undefined;
    const s = current.state as { count: number };
    return { events: [{ type: 'Moved', payload: { step, ...(n ? { number: n.text } : {}) } }], state: { step, count: s.count + 1 } };
  };
}

/**
 * C1 in 那丽镇: opened, contract 退出（2026）第 001 号, paid. C2 in 大寺镇: opened, contract 001,
 * terminated. One security event. 11 chain entries: 2 cases, 6 events, 2 numbers, 1 login.
 */
async function fill(s: Store): Promise<void> {
  await s.createCase(createInput());
  await s.runCommand({
    caseId: 'C1',
    expectedVersion: 1,
    idempotencyKey: 'c1-contract',
    user: 'clerk1',
    at: at(2),
    command: 1,
    decide: move('contract', '那丽镇'),
  });
  await s.runCommand({
    caseId: 'C1',
    expectedVersion: 2,
    idempotencyKey: 'c1-paid',
    user: 'clerk1',
    at: at(3),
    command: 2,
    decide: move('paid'),
  });
  await s.createCase(createInput({ idempotencyKey: 'create-2', place: { town: '大寺镇', village: '大寺村', group: '一组' }, at: at(4) }));
  await s.runCommand({
    caseId: 'C2',
    expectedVersion: 1,
    idempotencyKey: 'c2-contract',
    user: 'clerk2',
    at: at(5),
    command: 3,
    decide: move('contract', '大寺镇'),
  });
  await s.runCommand({
    caseId: 'C2',
    expectedVersion: 2,
    idempotencyKey: 'c2-terminated',
    user: 'clerk2',
    at: at(6),
    command: 4,
    decide: move('terminated'),
  });
  await s.recordSecurityEvent({ type: 'login', actor: 'clerk1', detail: { ip: '10.0.0.1' }, at: at(6, 10) });
}

async function verify(opts: VerifyOptions = {}, storeOpts: Parameters<typeof openStore>[1] = {}) {
  const s = await openStore(file, { readonly: true, ...storeOpts });
  try {
    return s.verifyAll({ reduce, ...opts });
  } finally {
    await s.close();
  }
}

/** What the verifier knew before the audit chain: chains, snapshots, numbers, triggers. */
function oldChecks(r: Awaited<ReturnType<typeof verify>>) {
  return { problems: r.problems, schemaProblems: r.schemaProblems };
}

beforeEach(async () => {
  dir = tempDir();
  file = path.join(dir, 'cases.db');
  const s = await open(file);
  await fill(s);
  await s.close();
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a clean store', () => {
  it('verifies with every MAC checked and every row sealed once', async () => {
    const r = await verify();
    expect(r).toMatchObject({ ok: true, mac: 'verified', cases: 2, events: 6, contractNumbers: 2, securityEvents: 1, auditEntries: 11 });
    expect(r.chainProblems).toEqual([]);
    expect(r.integrityProblems).toEqual([]);
    expect(r.auditHead.seq).toBe(11);
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(
      '审计链 audit chain: 11 条 entries, 1 个安全事件 security events; 每条 MAC 已用密钥校验 every MAC verified with the key',
    );
  });

  it("seals rows in commit order: a command's contract number, then its events", async () => {
    const db = new Database(file, { readonly: true });
    const kinds = db.prepare('SELECT kind, ref FROM audit_chain ORDER BY gseq').all();
    db.close();
    expect(kinds).toEqual([
      { kind: 'case', ref: '["C1"]' },
      { kind: 'event', ref: '["C1",1]' },
      { kind: 'contract', ref: '["那丽镇",2026,"退出",1]' },
      { kind: 'event', ref: '["C1",2]' },
      { kind: 'event', ref: '["C1",3]' },
      { kind: 'case', ref: '["C2"]' },
      { kind: 'event', ref: '["C2",1]' },
      { kind: 'contract', ref: '["大寺镇",2026,"退出",1]' },
      { kind: 'event', ref: '["C2",2]' },
      { kind: 'event', ref: '["C2",3]' },
      { kind: 'security', ref: '[1]' },
    ]);
  });
});

describe('findings of issue #12, each detected', () => {
  it('a whole case deleted (row, events, idempotency records, contract number) is named as deleted', async () => {
    tamperSqlite(file, (db) => {
      for (const t of ['events', 'contract_numbers', 'commands']) db.prepare(`DELETE FROM ${t} WHERE case_id = 'C2'`).run();
      db.prepare(`DELETE FROM cases WHERE id = 'C2'`).run();
    });
    const r = await verify();
    expect(oldChecks(r)).toEqual({ problems: [], schemaProblems: [] }); // what verify used to pass
    expect(r.ok).toBe(false);
    expect(shown(r.chainProblems)).toEqual([
      {
        gseq: 6,
        subject: '案件 case C2',
        reason:
          '案件被删除 the case was deleted: the audit chain sealed it at #6 with its events 1, 2, 3, sealed at #7…#10; the cases table no longer has it',
      },
      {
        gseq: 8,
        subject: '合同编号 contract number 大寺镇 退出（2026）第 001 号',
        reason: '合同编号被删除 the contract number was deleted: sealed at #8, no longer in contract_numbers',
      },
    ]);
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('审计链 chain: 案件 case C2: 案件被删除 the case was deleted');
  });

  it('a cut tail (a terminated case re-opened) is named with the events that are gone', async () => {
    tamperSqlite(file, (db) => {
      const e2 = db.prepare(`SELECT lower(hex(hash)) AS hash, at, user FROM events WHERE case_id = 'C2' AND seq = 2`).get() as {
        hash: string;
        at: string;
        user: string;
      };
      db.prepare(`DELETE FROM events WHERE case_id = 'C2' AND seq = 3`).run();
      db.prepare(`DELETE FROM commands WHERE idempotency_key = 'c2-terminated'`).run();
      db.prepare(
        `UPDATE cases SET version = 2, last_hash = ?, state = '{"count":2,"step":"contract"}', updated_at = ?, updated_by = ? WHERE id = 'C2'`,
      ).run(e2.hash, e2.at, e2.user);
    });
    const r = await verify();
    expect(oldChecks(r)).toEqual({ problems: [], schemaProblems: [] });
    expect(r.ok).toBe(false);
    expect(shown(r.chainProblems)).toEqual([
      {
        gseq: 10,
        subject: '案件 case C2',
        reason: "末尾事件被截去 the case's last events were cut off: events 3, sealed at #10, are gone; the case now ends at seq 2",
      },
    ]);
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain("末尾事件被截去 the case's last events were cut off");
  });

  it('the last contract number of a town deleted is named', async () => {
    tamperSqlite(file, (db) => db.prepare(`DELETE FROM contract_numbers WHERE town = '大寺镇' AND seq = 1`).run());
    const r = await verify();
    expect(oldChecks(r)).toEqual({ problems: [], schemaProblems: [] });
    expect(shown(r.chainProblems)).toEqual([
      {
        gseq: 8,
        subject: '合同编号 contract number 大寺镇 退出（2026）第 001 号',
        reason: '合同编号被删除 the contract number was deleted: sealed at #8, no longer in contract_numbers',
      },
    ]);
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('合同编号 contract number 大寺镇 退出（2026）第 001 号: 合同编号被删除');
  });

  it('an index that PRAGMA integrity_check calls damaged is reported, though every query still answers', async () => {
    corruptIndexOrder(file, 'cases_by_place');
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.integrityProblems.map(renderBoth)).toEqual([
      expect.stringMatching(/^数据库文件损坏 the database file is damaged \(PRAGMA integrity_check: .*cases_by_place/),
    ]);
    expect(r.cases).toBe(2); // the rows themselves are fine
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/文件 file: 数据库文件损坏 the database file is damaged \(PRAGMA integrity_check: .*cases_by_place/);
  });

  it('a malformed table page is reported, and the verification stopped by it too, exit 1', async () => {
    overwritePage(file, 'events');
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(renderBoth(r.integrityProblems[0]!)).toMatch(/^数据库文件损坏 the database file is damaged \(PRAGMA quick_check: /);
    expect(renderBoth(r.integrityProblems.at(-1)!)).toMatch(/malformed/);
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('数据库文件损坏 the database file is damaged');
    expect(cli.stderr).toBe('');
  });

  it('a chain rewritten with recomputed sha256 hashes (and chain digests) fails on the MAC', async () => {
    tamperSqlite(file, (db) => {
      const rows = carriedEventRows(db, 'C1') as {
        seq: number;
        type: string;
        payload: Buffer;
        user: string;
        at: string;
      }[];
      let prev = GENESIS_HASH;
      for (const e of rows) {
        const payload = e.seq === 3 ? { step: 'paid', amount: '999999.00' } : JSON.parse(payloadJsonOf(e.payload, dictionariesOf(db))!);
        const hash = eventHash(prev, { caseId: 'C1', seq: e.seq, type: e.type, payload, user: e.user, at: e.at });
        db.prepare(`UPDATE events SET payload = ?, hash = ? WHERE case_id = 'C1' AND seq = ?`).run(JSON.stringify(payload), hash, e.seq);
        db.prepare(`UPDATE audit_chain SET digest = ? WHERE kind = 'event' AND ref = ?`).run(hash, JSON.stringify(['C1', e.seq]));
        prev = hash;
      }
      db.prepare(`UPDATE cases SET last_hash = ? WHERE id = 'C1'`).run(prev);
    });
    const r = await verify();
    expect(oldChecks(r)).toEqual({ problems: [], schemaProblems: [] });
    expect(shown(r.chainProblems)).toEqual([
      {
        gseq: 5,
        subject: '审计链 audit chain #5',
        reason: 'MAC 不符：条目在没有密钥的情况下被改写 MAC mismatch: the entry was rewritten by someone without the key',
      },
    ]);
    // Without the key nothing tells the forgery from the original: that is what the key is for.
    expect(await verify({ allowNoKey: true }, { keyFile: null })).toMatchObject({ ok: true, mac: 'noKey' });
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('审计链 audit chain #5: MAC 不符');
  });

  it('a rewrite that leaves the chain alone differs from what the chain sealed', async () => {
    tamperSqlite(file, (db) => {
      const e = carriedEventRows(db, 'C2').find((r) => r.seq === 3) as {
        type: string;
        user: string;
        at: string;
      };
      const prev = db.prepare(`SELECT lower(hex(hash)) FROM events WHERE case_id = 'C2' AND seq = 2`).pluck().get() as string;
      const hash = eventHash(prev, { caseId: 'C2', seq: 3, type: e.type, payload: { step: 'completed' }, user: e.user, at: e.at });
      db.prepare(`UPDATE events SET payload = '{"step":"completed"}', hash = ? WHERE case_id = 'C2' AND seq = 3`).run(hash);
      db.prepare(`UPDATE cases SET last_hash = ?, state = '{"count":3,"step":"completed"}' WHERE id = 'C2'`).run(hash);
    });
    const r = await verify({ reduce: undefined });
    expect(shown(r.chainProblems)).toEqual([
      {
        gseq: 10,
        subject: '案件 case C2, seq 3',
        reason: '与审计链 #10 封存的内容不同：被改写 differs from what the audit chain sealed at #10: the event was rewritten',
      },
    ]);
  });

  it('a case moved to another town (its fixed fields rewritten) differs from what the chain sealed', async () => {
    tamperSqlite(file, (db) => db.prepare(`UPDATE cases SET town = '那丽镇' WHERE id = 'C2'`).run());
    expect(shown((await verify()).chainProblems)).toEqual([
      {
        gseq: 6,
        subject: '案件 case C2',
        reason:
          '与审计链 #6 封存的内容不同：被改写 differs from what the audit chain sealed at #6: the case (town, village, group, policy, procedure, creation) was rewritten',
      },
    ]);
  });

  it('rows written outside landflow are named as not in the chain', async () => {
    tamperSqlite(file, (db) => {
      db.prepare(`INSERT INTO security_events (type, actor, subject, detail, at) VALUES ('login', 'ghost', NULL, '{}', ?)`).run(at(7));
      db.prepare(
        `INSERT INTO contract_numbers (town, year, kind, seq, text, case_id, version, at) VALUES ('那丽镇', 2026, '退出', 2, '退出（2026）第 002 号', 'C1', 3, ?)`,
      ).run(at(7));
    });
    expect((await verify()).chainProblems.map((p) => `${renderBoth(p.subject)}: ${renderBoth(p.reason)}`)).toEqual([
      '合同编号 contract number 那丽镇 退出（2026）第 002 号: 不在审计链中：绕过 landflow 写入 not in the audit chain: the contract number was written outside landflow',
      '安全事件 security event #2: 不在审计链中：绕过 landflow 写入 not in the audit chain: the security event was written outside landflow',
    ]);
  });
});

describe('a request of several events (migration 17)', () => {
  /** C1 goes on with one request of three events, seq 4…6; sealed as #12. */
  beforeEach(async () => {
    const s = await open(file);
    await s.runCommand({
      caseId: 'C1',
      expectedVersion: 3,
      idempotencyKey: 'c1-three',
      user: 'clerk1',
      at: at(7),
      command: 5,
      decide: (current) => ({
        events: ['filed', 'registered', 'closed'].map((step) => ({ type: 'Moved', payload: { step } })),
        state: { step: 'closed', count: (current.state as { count: number }).count + 3 },
      }),
    });
    await s.close();
  });

  /** C1's events from `from` on, rewritten with `change` and every hash after recomputed, the case row moved to the last. */
  function rechain(db: Database.Database, from: number, change: (seq: number, payload: unknown) => unknown): void {
    const rows = carriedEventRows(db, 'C1').filter((r) => (r.seq as number) >= from) as {
      seq: number;
      type: string;
      payload: Buffer;
      user: string;
      at: string;
    }[];
    let prev = db
      .prepare(`SELECT lower(hex(hash)) FROM events WHERE case_id = 'C1' AND seq = ?`)
      .pluck()
      .get(from - 1) as string;
    for (const e of rows) {
      const payload = change(e.seq, JSON.parse(payloadJsonOf(e.payload, dictionariesOf(db))!));
      prev = eventHash(prev, { caseId: 'C1', seq: e.seq, type: e.type, payload, user: e.user, at: e.at });
      db.prepare(`UPDATE events SET payload = ?, hash = ? WHERE case_id = 'C1' AND seq = ?`).run(JSON.stringify(payload), prev, e.seq);
    }
    db.prepare(`UPDATE cases SET last_hash = ? WHERE id = 'C1'`).run(prev);
  }

  it('is sealed once, for its last event, whose hash covers the two before it', async () => {
    const db = new Database(file, { readonly: true });
    const last = db.prepare('SELECT kind, ref FROM audit_chain ORDER BY gseq DESC LIMIT 2').all();
    db.close();
    expect(last).toEqual([
      { kind: 'event', ref: '["C1",6]' },
      { kind: 'security', ref: '[1]' },
    ]);
    expect(await verify()).toMatchObject({ ok: true, events: 9, auditEntries: 12, problems: [], chainProblems: [] });
  });

  it('an event rewritten before its last, the hashes after it recomputed, differs from what the chain sealed for the last', async () => {
    tamperSqlite(file, (db) => rechain(db, 4, (seq, p) => (seq === 4 ? { step: 'forged' } : p)));
    const r = await verify({ reduce: undefined });
    expect(oldChecks(r)).toEqual({ problems: [], schemaProblems: [] });
    expect(shown(r.chainProblems)).toEqual([
      {
        gseq: 12,
        subject: '案件 case C1, seq 6',
        reason: '与审计链 #12 封存的内容不同：被改写 differs from what the audit chain sealed at #12: the event was rewritten',
      },
    ]);
  });

  it('an event added after the last sealed one is named as not in the chain', async () => {
    tamperSqlite(file, (db) => {
      const e6 = db.prepare(`SELECT * FROM events WHERE case_id = 'C1' AND seq = 6`).get() as Record<string, unknown>;
      db.prepare('INSERT INTO events (case_id, seq, type, payload, user, at, hash) VALUES (?, 7, ?, ?, ?, ?, ?)').run(
        'C1',
        e6.type,
        e6.payload,
        e6.user,
        e6.at,
        e6.hash,
      );
      db.prepare(
        `INSERT INTO commands (idempotency_key, case_id, fingerprint, first_seq, last_seq) VALUES ('ghost', 'C1', x'0f', 7, 7)`,
      ).run();
      db.prepare(`UPDATE cases SET version = 7 WHERE id = 'C1'`).run();
      rechain(db, 7, (_, p) => p);
    });
    const r = await verify({ reduce: undefined });
    expect(oldChecks(r)).toEqual({ problems: [], schemaProblems: [] });
    expect(r.chainProblems.map((p) => `${renderBoth(p.subject)}: ${renderBoth(p.reason)}`)).toEqual([
      '案件 case C1, seq 7: 不在审计链中：绕过 landflow 写入 not in the audit chain: the event was written outside landflow',
    ]);
  });

  it('its last event deleted is a cut tail; the events before it are not named as written outside landflow', async () => {
    tamperSqlite(file, (db) => {
      db.prepare(`DELETE FROM events WHERE case_id = 'C1' AND seq = 6`).run();
      db.prepare(`UPDATE commands SET last_seq = 5 WHERE idempotency_key = 'c1-three'`).run();
      db.prepare(`UPDATE cases SET version = 5 WHERE id = 'C1'`).run();
      rechain(db, 5, (_, p) => p);
    });
    const r = await verify({ reduce: undefined });
    expect(oldChecks(r)).toEqual({ problems: [], schemaProblems: [] });
    expect(shown(r.chainProblems)).toEqual([
      {
        gseq: 12,
        subject: '案件 case C1',
        reason: "末尾事件被截去 the case's last events were cut off: events 6, sealed at #12, are gone; the case now ends at seq 5",
      },
    ]);
  });
});

describe('idempotency records', () => {
  it('a deleted record leaves its events without one', async () => {
    tamperSqlite(file, (db) => db.prepare(`DELETE FROM commands WHERE idempotency_key = 'c1-contract'`).run());
    const r = await verify();
    expect(said(r.problems)).toEqual([
      {
        caseId: 'C1',
        seq: 2,
        reason: '幂等记录 idempotency record "c1-paid": 之前的事件 2 没有幂等记录 events 2 before it have no idempotency record (deleted?)',
      },
    ]);
    expect(r.ok).toBe(false);
  });

  it('a record of the last command, deleted, leaves the last events without one', async () => {
    tamperSqlite(file, (db) => db.prepare(`DELETE FROM commands WHERE idempotency_key = 'c2-terminated'`).run());
    expect(said((await verify()).problems)).toEqual([
      { caseId: 'C2', seq: 3, reason: '事件 3 没有幂等记录 events 3 have no idempotency record (deleted?)' },
    ]);
  });

  it('a record naming events that do not exist, and one of a case that does not exist, are named', async () => {
    tamperSqlite(file, (db) => {
      db.prepare(
        `INSERT INTO commands (idempotency_key, case_id, fingerprint, first_seq, last_seq) VALUES ('ghost-1', 'C2', x'0f', 4, 5)`,
      ).run();
      db.prepare(
        `INSERT INTO commands (idempotency_key, case_id, fingerprint, first_seq, last_seq) VALUES ('ghost-2', 'C9', x'0f', 1, 1)`,
      ).run();
    });
    expect(said((await verify()).problems)).toEqual([
      { caseId: 'C2', seq: 4, reason: '幂等记录 idempotency record "ghost-1": 所指事件不存在 the events it produced are gone: 4…5' },
      { caseId: 'C9', seq: 1, reason: '幂等记录 "ghost-2" 指向不存在的案件 idempotency record "ghost-2" names a case that does not exist' },
    ]);
  });
});

describe('the key', () => {
  it('is created 0600 beside the database on first start, and never written into it', async () => {
    const keyFile = file + '.key';
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const hex = fs.readFileSync(keyFile, 'utf8').trim();
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    for (const f of [file, file + '-wal']) {
      if (!fs.existsSync(f)) continue;
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(hex))).toBe(false);
      expect(bytes.includes(Buffer.from(hex, 'hex'))).toBe(false);
    }
  });

  it('LANDFLOW_MAC_KEY_FILE names it elsewhere (against the working directory), and the CLI looks there', async () => {
    const other = path.join(dir, 'elsewhere.db');
    const keyFile = path.join(dir, 'keys', 'landflow.key');
    await (await openStore(other, { keyFile })).close();
    expect(fs.existsSync(keyFile)).toBe(true);
    expect(fs.existsSync(other + '.key')).toBe(false);
    expect((await landflow(['audit', 'verify', '--chain-only', '--db', other], { LANDFLOW_MAC_KEY_FILE: keyFile })).code).toBe(0);
    expect(
      (await landflow(['audit', 'verify', '--chain-only', '--db', other], { LANDFLOW_MAC_KEY_FILE: path.relative(root, keyFile) })).code,
    ).toBe(0);
    expect((await landflow(['audit', 'verify', '--chain-only', '--db', other])).code).toBe(1);
  });

  it('without it, verify says it checked hashes only and fails unless --no-key is given', async () => {
    fs.renameSync(file + '.key', path.join(dir, 'moved.key'));
    const r = await verify();
    expect(r).toMatchObject({ ok: false, mac: 'noKey', problems: [], chainProblems: [] });
    expect(await verify({ allowNoKey: true })).toMatchObject({ ok: true, mac: 'noKey' });
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('未用密钥：只校验了哈希，未校验 MAC no key: only hashes were checked, not MACs');
    expect(cli.stdout).toContain(`no audit key file at ${file}.key`);
    const accepted = await landflow(['audit', 'verify', '--chain-only', '--db', file, '--no-key']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('no key: only hashes were checked, not MACs');
  });

  it('a sealed database is never given a new key: a writable open without its key is refused', async () => {
    fs.rmSync(file + '.key');
    await expect(openStore(file)).rejects.toThrowError(
      /the audit key file is missing: this database is sealed with key [0-9a-f]{16}; put its key file back at .*cases\.db\.key/,
    );
    expect(fs.existsSync(file + '.key')).toBe(false);
  });

  it('a key that did not seal the database is named, and refused for writing', async () => {
    const wrong = path.join(dir, 'wrong.key');
    fs.writeFileSync(wrong, 'ab'.repeat(32) + '\n', { mode: 0o600 });
    const r = await verify({}, { keyFile: wrong });
    expect(r).toMatchObject({ ok: false, mac: 'wrongKey' });
    expect(renderBoth(r.chainProblems[0]!.reason)).toMatch(
      /^密钥文件不是封存此数据库的密钥 the key file \(id [0-9a-f]{16}\) is not the key that sealed this database/,
    );
    await expect(openStore(file, { keyFile: wrong })).rejects.toThrowError(/is not the key that sealed this database/);
    fs.writeFileSync(wrong, 'not a key');
    await expect(openStore(file, { keyFile: wrong, readonly: true })).rejects.toThrowError(/the audit key file is not 64 hex digits/);
  });
});

describe('checkpoints', () => {
  it('detect the chain itself cut back, which verify alone cannot see', async () => {
    const cp = path.join(dir, 'cp.json');
    const made = await landflow(['audit', 'checkpoint', '--db', file, '--out', cp]);
    expect(made.code).toBe(0);
    const checkpoint = JSON.parse(fs.readFileSync(cp, 'utf8'));
    expect(checkpoint).toMatchObject({
      format: 'landflow-audit-checkpoint/1',
      globalSeq: 11,
      counts: { cases: 2, events: 6, contractNumbers: 2, securityEvents: 1 },
    });
    expect((await landflow(['audit', 'verify', '--chain-only', '--db', file, '--against', cp])).stdout).toContain('still holds');

    // The last security event and its chain entry removed together: the chain is shorter but whole.
    tamperSqlite(file, (db) => {
      db.prepare('DELETE FROM security_events WHERE id = 1').run();
      db.prepare('DELETE FROM audit_chain WHERE gseq = 11').run();
    });
    expect((await verify()).ok).toBe(true);
    const r = await verify({ against: checkpoint });
    expect(r.ok).toBe(false);
    expect(shown(r.chainProblems)).toEqual([
      {
        gseq: 11,
        subject: `检查点 checkpoint ${checkpoint.at}`,
        reason: '审计链被截短 the audit chain was cut back: the checkpoint recorded 11 entries, the chain now ends at #10',
      },
      {
        subject: `检查点 checkpoint ${checkpoint.at}`,
        reason: 'securityEvents 比检查点时少 fewer securityEvents now (0) than at the checkpoint (1)',
      },
    ]);
    const cli = await landflow(['audit', 'verify', '--chain-only', '--db', file, '--against', cp]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('审计链被截短 the audit chain was cut back');
  });

  it('still hold after more commands, and a checkpoint that was altered is refused', async () => {
    const s = await openStore(file);
    const checkpoint = await s.checkpoint(at(7));
    await s.runCommand({ caseId: 'C1', expectedVersion: 3, idempotencyKey: 'more', user: 'clerk1', at: at(8), decide: move('archived') });
    await s.close();
    expect((await verify({ against: checkpoint })).ok).toBe(true);
    expect((await verify({ against: { ...checkpoint, globalSeq: 10 } })).chainProblems.map((p) => renderBoth(p.reason))).toEqual([
      "检查点签名无效：被改动或伪造 the checkpoint's MAC is invalid: it was altered or forged",
      "审计链 #10 与检查点不符：其后被改写 the chain's entry #10 differs from the checkpoint: rewritten since",
    ]);
    expect(renderBoth((await verify({ against: { nonsense: true } as never })).chainProblems[0]!.reason)).toMatch(
      /^不是 landflow 审计检查点 not a landflow audit checkpoint/,
    );
  });

  it('cannot be made without the key, and bad usage exits 2', async () => {
    fs.renameSync(file + '.key', path.join(dir, 'moved.key'));
    const r = await landflow(['audit', 'checkpoint', '--db', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no audit key: a checkpoint cannot be signed');
    expect((await landflow(['audit', 'verify', '--chain-only', '--db', file, '--against', path.join(dir, 'none.json')])).code).toBe(2);
    expect((await landflow(['audit', 'checkpoint', '--db', file, '--no-key'])).code).toBe(2);
  });
});

describe('security events', () => {
  it('are recorded, listed and sealed; an altered one is named', async () => {
    const s = await openStore(file);
    const e = await s.recordSecurityEvent({
      type: 'userCreated',
      actor: 'admin',
      subject: '张办事员',
      detail: { role: 'clerk', town: '那丽镇' },
      at: at(7),
    });
    expect(e).toEqual({
      id: 2,
      type: 'userCreated',
      actor: 'admin',
      subject: '张办事员',
      detail: { role: 'clerk', town: '那丽镇' },
      at: at(7),
    });
    expect(await s.listSecurityEvents({ subject: '张办事员' })).toEqual([e]);
    expect((await s.listSecurityEvents()).map((x) => x.type)).toEqual(['login', 'userCreated']);
    expect(await s.listSecurityEvents({ afterId: 1 })).toEqual([e]);
    await s.close();
    tamperSqlite(file, (db) => db.prepare(`UPDATE security_events SET detail = '{"role":"admin","town":"那丽镇"}' WHERE id = 2`).run());
    expect(shown((await verify()).chainProblems)).toEqual([
      {
        gseq: 12,
        subject: '安全事件 security event #2',
        reason: '与审计链 #12 封存的内容不同：被改写 differs from what the audit chain sealed at #12: the security event was rewritten',
      },
    ]);
  });

  it('refuse bad input with its field path, writing nothing', async () => {
    const s = await openStore(file);
    try {
      const bad = (e: unknown) => s.recordSecurityEvent(e as never);
      await expect(bad({ type: 'sudo', actor: 'a', at: at(7) })).rejects.toThrowError(
        /^securityEvent\.type: 未知的安全事件类型 unknown security event type "sudo"/,
      );
      await expect(bad({ type: 'login', actor: '', at: at(7) })).rejects.toThrowError(/^securityEvent\.actor: /);
      await expect(bad({ type: 'login', actor: 'a', at: 'yesterday' })).rejects.toThrowError(/^securityEvent\.at: /);
      await expect(bad({ type: 'login', actor: 'a', at: at(7), detail: { x: { nested: 1 } } })).rejects.toThrowError(
        /^securityEvent\.detail\.x: /,
      );
      await expect(bad({ type: 'login', actor: 'a', at: at(7), detail: { x: Number.NaN } })).rejects.toThrowError(
        /^securityEvent\.detail\.x: /,
      );
      await expect(bad({ type: 'login', actor: 'a'.repeat(201), at: at(7) })).rejects.toThrowError(/^securityEvent\.actor: 过长 too long/);
      expect(await s.listSecurityEvents()).toHaveLength(1);
      // Inside a command's decide the store refuses to write: it would nest in the command's transaction.
      await expect(
        s.runCommand({
          caseId: 'C1',
          expectedVersion: 3,
          idempotencyKey: 'x',
          user: 'u',
          at: at(8),
          decide: () => (
            s.recordSecurityEvent({ type: 'login', actor: 'a', at: at(8) }),
            { events: [{ type: 'X', payload: {} }], state: {} }
          ),
        }),
      ).rejects.toThrowError(/^decide: /);
    } finally {
      await s.close();
    }
    expect((await verify()).ok).toBe(true);
  });

  it("join an account change's transaction, and vanish with it when it rolls back", async () => {
    const s = await openStore(file);
    // The change is made, then its event is refused: neither stays.
    await s.users.addUser({ name: 'clerk2', role: 'clerk', town: '大寺镇', passwordHash: 'h', at: at(7) }).catch(() => undefined);
    const before = await s.users.getUser('clerk2');
    await expect(
      s.users.setDisabled('clerk2', true, at(7), () => ({ type: 'userDisabled', actor: 'admin', subject: 'clerk2', at: 'never' })),
    ).rejects.toThrowError(/^securityEvent\.at: /);
    expect(await s.users.getUser('clerk2')).toEqual(before);
    expect(await s.listSecurityEvents()).toHaveLength(1);
    await s.close();
    expect(await verify()).toMatchObject({ ok: true, auditEntries: 11 });
  });
});

describe('migration 4 on an existing database', () => {
  /** Turns the fixture into a database from before the audit chain (schema 3), key file and all gone. */
  // Back to a database of schema 3: what migrations 4 (audit), 5 (feed tokens), 6 and 13 (case index), 7 (policy versions), 9 and 10 (no copies of results and previous hashes) and 11 (rate buckets) made gone.
  function downgrade(): void {
    const db = new Database(file);
    unpackSqlite(db);
    db.exec('DROP TABLE audit_chain; DROP TABLE audit_meta; DROP TABLE security_events; DROP TABLE feed_tokens');
    db.exec('DROP TABLE case_tasks; DROP INDEX cases_by_town; DROP INDEX cases_by_town_status; DROP INDEX cases_by_status');
    db.exec('ALTER TABLE cases DROP COLUMN status');
    for (const c of ['head', 'label', 'current_steps', 'contract_number']) db.exec(`ALTER TABLE cases DROP COLUMN ${c}`);
    db.exec('DROP TABLE policy_publications; DROP TABLE policy_versions; DROP TABLE workflows');
    db.exec("ALTER TABLE commands ADD COLUMN result TEXT NOT NULL DEFAULT '{}'");
    db.exec("ALTER TABLE events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''");
    db.exec('DROP TABLE rate_buckets');
    // Snapshots as text, as SQLite held them before migration 12 (migration 6 reads their status).
    for (const r of db.prepare('SELECT id, state FROM cases').all() as { id: string; state: Buffer }[])
      db.prepare('UPDATE cases SET state = ? WHERE id = ?').run(plainStateJson(r.state), r.id);
    db.prepare('DELETE FROM schema_migrations WHERE version >= 4').run();
    db.close();
    fs.rmSync(file + '.key');
  }

  it('seals every existing case, event and contract number once, under a key made then', async () => {
    downgrade();
    expect(migrations.find((m) => m.version === 4)).toBeDefined();
    const before = await openStore(file, { readonly: true });
    const old = await before.verifyAll();
    expect(old.ok).toBe(false);
    expect(old.chainProblems).toEqual([{ subject: { code: 'audit.subject.chain' }, reason: { code: 'audit.noChain' } }]);
    await before.close();
    await (await openStore(file)).close();
    expect(fs.existsSync(file + '.key')).toBe(true);
    expect(await verify()).toMatchObject({
      ok: true,
      mac: 'verified',
      auditEntries: 10,
      cases: 2,
      events: 6,
      contractNumbers: 2,
      securityEvents: 0,
    });
    // Back-filled rows are as protected as new ones.
    tamperSqlite(file, (db) => db.prepare(`DELETE FROM contract_numbers WHERE town = '那丽镇'`).run());
    expect((await verify()).chainProblems.map((p) => renderBoth(p.subject))).toEqual([
      '合同编号 contract number 那丽镇 退出（2026）第 001 号',
    ]);
  });
});

describe('several connections', () => {
  it('interleaving commands on one file keep one unbroken chain', async () => {
    const a = await openStore(file);
    const b = await openStore(file);
    for (let i = 0; i < 10; i++) {
      const s = i % 2 ? a : b;
      await s.runCommand({
        caseId: 'C1',
        expectedVersion: 3 + i,
        idempotencyKey: `i${i}`,
        user: 'u',
        at: at(9),
        decide: move(`s${i}`, i % 3 === 0 ? '那丽镇' : undefined),
      });
      await (i % 2 ? b : a).recordSecurityEvent({ type: 'logout', actor: 'u', at: at(9) });
    }
    await a.close();
    await b.close();
    expect(await verify()).toMatchObject({ ok: true, auditEntries: 11 + 10 + 4 + 10 });
  });
});

describe('the MAC module', () => {
  it('is a keyed function of every field of an entry', async () => {
    const key = macKey(Buffer.alloc(32, 7));
    const e = { gseq: 1, kind: 'event' as const, ref: '["C1",1]', digest: 'a'.repeat(64), prevMac: '0'.repeat(64) };
    const m = entryMac(key, e);
    expect(m).toMatch(/^[0-9a-f]{64}$/);
    for (const changed of [
      { gseq: 2 },
      { kind: 'contract' as const },
      { ref: '["C1",2]' },
      { digest: 'b'.repeat(64) },
      { prevMac: '1'.repeat(64) },
    ]) {
      expect(entryMac(key, { ...e, ...changed })).not.toBe(m);
    }
    expect(entryMac(macKey(Buffer.alloc(32, 8)), e)).not.toBe(m);
    expect(readKeyFile(path.join(dir, 'none.key'))).toBeUndefined();
  });
});

/** Swaps the first two cells of an index's root page: every row is still readable, the index is out of order. */
function corruptIndexOrder(target: string, index: string): void {
  const db = new Database(target);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  const rootPage = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(index) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(target, 'r+');
  try {
    const page = Buffer.alloc(pageSize);
    fs.readSync(fd, page, 0, pageSize, (rootPage - 1) * pageSize);
    const cells = page[0] === 0x0a ? 8 : 12; // leaf or interior index page header
    const a = page.readUInt16BE(cells);
    page.writeUInt16BE(page.readUInt16BE(cells + 2), cells);
    page.writeUInt16BE(a, cells + 2);
    fs.writeSync(fd, page, 0, pageSize, (rootPage - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

/** Overwrites a table's root page with noise past its header: reading the table then fails. */
function overwritePage(target: string, table: string): void {
  const db = new Database(target);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  const rootPage = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(target, 'r+');
  try {
    const noise = Buffer.alloc(pageSize - 8, 0xa5);
    fs.writeSync(fd, noise, 0, noise.length, (rootPage - 1) * pageSize + 8);
  } finally {
    fs.closeSync(fd);
  }
}
