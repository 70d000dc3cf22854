// The audit chain's findings are messages (issue #13, dsl/phrases/audit.ts): each tampering below
// gives a finding whose code is asserted, said in Chinese, in English without Chinese wording (only
// its content — towns, contract numbers — is as written), and in both languages exactly as
// `landflow audit verify` printed it before findings were messages.
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { isMessage, type Text } from '../../../dsl/message.ts';
import { render, renderBoth, renderParts } from '../../../dsl/messages.ts';
import { formatVerify } from '../../../engine/cli/commands/audit.ts';
import { openStore, type ChainProblem, type Store, type VerifyOptions } from '../../../engine/store/index.ts';
import { at, createInput, open, reduce, tamperSqlite, tempDir } from './helpers.ts';

const CHINESE = /[\u4e00-\u9fff]/;

let file: string;

beforeEach(async () => {
  file = path.join(tempDir(), 'cases.db');
  const s: Store = await open(file);
  // C1: opened, then a contract number in 那丽镇 (gseq 1 case, 2 event, 3 contract, 4 event).
  await s.createCase(createInput());
  await s.runCommand({
    caseId: 'C1',
    expectedVersion: 1,
    idempotencyKey: 'c1-contract',
    user: 'clerk1',
    at: at(2),
    command: 1,
    decide: (_current, tools) => {
      const n = tools.allocateContractNumber('退出', '那丽镇', 2026);
      return { events: [{ type: 'Moved', payload: { step: 'contract', number: n.text } }], state: { step: 'contract', count: 2 } };
    },
  });
  // C2: opened (gseq 5 case, 6 event); one login (gseq 7).
  await s.createCase(createInput({ idempotencyKey: 'create-2', place: { town: '大寺镇', village: '大寺村', group: '一组' }, at: at(3) }));
  await s.recordSecurityEvent({ type: 'login', actor: 'clerk1', detail: { ip: '10.0.0.1' }, at: at(3, 10) });
  await s.close();
});

async function verify(opts: VerifyOptions = {}) {
  const s = await openStore(file, { readonly: true });
  try {
    return await s.verifyAll({ reduce, ...opts });
  } finally {
    await s.close();
  }
}

/** The one chain problem whose reason has `code`. */
function finding(problems: ChainProblem[], code: string): ChainProblem {
  const found = problems.filter((p) => isMessage(p.reason) && p.reason.code === code);
  expect(found, `${code} among ${JSON.stringify(problems)}`).toHaveLength(1);
  return found[0]!;
}

/** English wording carries no Chinese; content (a town, a contract number) is shown as written. */
function englishWording(t: Text): string {
  return renderParts(t, 'en')
    .filter((p) => !p.content)
    .map((p) => p.text)
    .join('');
}

function expectSaid(t: Text, said: { zh: string; en: string; both: string }): void {
  expect(render(t, 'zh')).toBe(said.zh);
  expect(render(t, 'en')).toBe(said.en);
  expect(englishWording(t)).not.toMatch(CHINESE);
  expect(renderBoth(t)).toBe(said.both);
}

describe('audit findings as messages', () => {
  it('a deleted case, with its events: audit.caseDeleted and audit.subject.case', async () => {
    tamperSqlite(file, (db) => {
      for (const t of ['events', 'commands']) db.prepare(`DELETE FROM ${t} WHERE case_id = 'C2'`).run();
      db.prepare(`DELETE FROM cases WHERE id = 'C2'`).run();
    });
    const r = await verify();
    const p = finding(r.chainProblems, 'audit.caseDeleted');
    expect(p.gseq).toBe(5);
    expect(p.subject).toEqual({ code: 'audit.subject.case', args: { caseId: 'C2' } });
    expectSaid(p.subject, { zh: '案件 C2', en: 'case C2', both: '案件 case C2' });
    expectSaid(p.reason, {
      zh: '案件被删除：审计链于 #5 封存了它及其事件 1（封存于 #6），案件表中已没有它',
      en: 'the case was deleted: the audit chain sealed it at #5 with its events 1, sealed at #6; the cases table no longer has it',
      both: '案件被删除 the case was deleted: the audit chain sealed it at #5 with its events 1, sealed at #6; the cases table no longer has it',
    });
    expect(formatVerify(file, r)).toContain(
      '  审计链 chain: 案件 case C2: 案件被删除 the case was deleted: the audit chain sealed it at #5 with its events 1, sealed at #6; the cases table no longer has it\n',
    );
  });

  it('a deleted contract number: audit.contractDeleted, its town and number as written', async () => {
    tamperSqlite(file, (db) => db.prepare(`DELETE FROM contract_numbers WHERE town = '那丽镇'`).run());
    const p = finding((await verify()).chainProblems, 'audit.contractDeleted');
    expectSaid(p.subject, {
      zh: '合同编号 那丽镇 退出（2026）第 001 号',
      en: 'contract number 那丽镇 退出（2026）第 001 号',
      both: '合同编号 contract number 那丽镇 退出（2026）第 001 号',
    });
    expectSaid(p.reason, {
      zh: '合同编号被删除：封存于 #3，contract_numbers 中已没有它',
      en: 'the contract number was deleted: sealed at #3, no longer in contract_numbers',
      both: '合同编号被删除 the contract number was deleted: sealed at #3, no longer in contract_numbers',
    });
  });

  it('a security event rewritten: audit.rewritten says what was rewritten in the reader’s language', async () => {
    tamperSqlite(file, (db) => db.prepare(`UPDATE security_events SET actor = 'mallory' WHERE id = 1`).run());
    const p = finding((await verify()).chainProblems, 'audit.rewritten');
    expectSaid(p.subject, { zh: '安全事件 #1', en: 'security event #1', both: '安全事件 security event #1' });
    expectSaid(p.reason, {
      zh: '与审计链 #7 封存的内容不同：安全事件被改写',
      en: 'differs from what the audit chain sealed at #7: the security event was rewritten',
      both: '与审计链 #7 封存的内容不同：被改写 differs from what the audit chain sealed at #7: the security event was rewritten',
    });
  });

  it('a chain entry deleted: audit.entriesMissing, and the row it sealed is audit.unsealed', async () => {
    tamperSqlite(file, (db) => db.prepare(`DELETE FROM audit_chain WHERE gseq = 7`).run());
    const r = await verify();
    // The last entry gone leaves no gap to see; the login it sealed is then unsealed.
    const p = finding(r.chainProblems, 'audit.unsealed');
    expectSaid(p.reason, {
      zh: '不在审计链中：安全事件绕过 landflow 写入',
      en: 'not in the audit chain: the security event was written outside landflow',
      both: '不在审计链中：绕过 landflow 写入 not in the audit chain: the security event was written outside landflow',
    });
    tamperSqlite(file, (db) => db.prepare(`DELETE FROM audit_chain WHERE gseq IN (2, 3)`).run());
    const q = finding((await verify()).chainProblems, 'audit.entriesMissing');
    expect(q.gseq).toBe(2);
    expectSaid(q.subject, { zh: '审计链 #2', en: 'audit chain #2', both: '审计链 audit chain #2' });
    expectSaid(q.reason, {
      zh: '审计链条目缺失：#2…#3（下一条为 #4）',
      en: 'audit chain entries #2…#3 are missing (next stored is #4)',
      both: '审计链条目缺失 audit chain entries #2…#3 are missing (next stored is #4)',
    });
  });

  it('an entry whose MAC fails: audit.macMismatch', async () => {
    tamperSqlite(file, (db) => db.prepare(`UPDATE audit_chain SET digest = ? WHERE gseq = 6`).run('0'.repeat(64)));
    const p = finding((await verify()).chainProblems, 'audit.macMismatch');
    expect(p.gseq).toBe(6);
    expectSaid(p.reason, {
      zh: 'MAC 不符：条目在没有密钥的情况下被改写',
      en: 'MAC mismatch: the entry was rewritten by someone without the key',
      both: 'MAC 不符：条目在没有密钥的情况下被改写 MAC mismatch: the entry was rewritten by someone without the key',
    });
  });

  it('a checkpoint the chain no longer holds: audit.chainCutBack and audit.fewerThanCheckpoint', async () => {
    const s = await openStore(file);
    const checkpoint = await s.checkpoint(at(4));
    await s.close();
    tamperSqlite(file, (db) => {
      db.prepare(`DELETE FROM security_events`).run();
      db.prepare(`DELETE FROM audit_chain WHERE gseq = 7`).run();
    });
    const r = await verify({ against: checkpoint });
    const cut = finding(r.chainProblems, 'audit.chainCutBack');
    expectSaid(cut.subject, { zh: `检查点 ${at(4)}`, en: `checkpoint ${at(4)}`, both: `检查点 checkpoint ${at(4)}` });
    expectSaid(cut.reason, {
      zh: '审计链被截短：检查点记录了 7 条，审计链现止于 #6',
      en: 'the audit chain was cut back: the checkpoint recorded 7 entries, the chain now ends at #6',
      both: '审计链被截短 the audit chain was cut back: the checkpoint recorded 7 entries, the chain now ends at #6',
    });
    expectSaid(finding(r.chainProblems, 'audit.fewerThanCheckpoint').reason, {
      zh: 'securityEvents 比检查点时少（现 0，检查点时 1）',
      en: 'fewer securityEvents now (0) than at the checkpoint (1)',
      both: 'securityEvents 比检查点时少 fewer securityEvents now (0) than at the checkpoint (1)',
    });
  });

  it('a dropped append-only trigger: audit.triggerMissing among the schema problems', async () => {
    const db = new Database(file);
    db.exec('DROP TRIGGER events_append_only_update');
    db.close();
    const r = await verify();
    expect(r.schemaProblems).toEqual([{ code: 'audit.triggerMissing', args: { name: 'events_append_only_update' } }]);
    expectSaid(r.schemaProblems[0]!, {
      zh: '只追加触发器缺失：events_append_only_update',
      en: 'append-only trigger missing: events_append_only_update',
      both: '只追加触发器缺失 append-only trigger missing: events_append_only_update',
    });
    expect(formatVerify(file, r)).toContain('  结构 schema: 只追加触发器缺失 append-only trigger missing: events_append_only_update\n');
  });

  it("a case's own rows: audit.hashMismatch for an altered event, audit.idempotencyRecord naming what is wrong with a record", async () => {
    tamperSqlite(file, (db) => {
      db.prepare(`UPDATE events SET payload = '{"step":"forged"}' WHERE case_id = 'C1' AND seq = 2`).run();
      db.prepare(`UPDATE commands SET first_seq = 3, last_seq = 3 WHERE idempotency_key = 'c1-contract'`).run();
    });
    const r = await verify({ reduce: undefined });
    const hash = r.problems.find((p) => isMessage(p.reason) && p.reason.code === 'audit.hashMismatch');
    expect(hash).toMatchObject({ caseId: 'C1', seq: 2 });
    expect(englishWording(hash!.reason)).not.toMatch(CHINESE);
    expect(renderBoth(hash!.reason)).toMatch(
      /^哈希不符，此事件或事件 1 被改动 hash mismatch: this event, or event 1 whose hash it covers, was altered \(stored [0-9a-f]{12}…, recomputed over the hash of event 1: [0-9a-f]{12}…\)$/,
    );
    const record = r.problems.find((p) => isMessage(p.reason) && p.reason.code === 'audit.idempotencyRecord');
    expect(record).toMatchObject({ caseId: 'C1', seq: 2 });
    expectSaid(record!.reason, {
      zh: '幂等记录 "c1-contract"：之前的事件 2 没有幂等记录（被删除？）',
      en: 'idempotency record "c1-contract": events 2 before it have no idempotency record (deleted?)',
      both: '幂等记录 idempotency record "c1-contract": 之前的事件 2 没有幂等记录 events 2 before it have no idempotency record (deleted?)',
    });
    expect(formatVerify(file, r)).toContain(
      '  另 also: 案件 case C1, seq 2: 幂等记录 idempotency record "c1-contract": 之前的事件 2 没有幂等记录 events 2 before it have no idempotency record (deleted?)\n',
    );
  });
});
