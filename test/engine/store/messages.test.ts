// What the store refuses is said as data (dsl/phrases/store.ts): each kind of refusal carries its
// code and arguments (`text`), reads as a Chinese and an English sentence, and as its both-language
// line keeps the wording the command line and the error bodies always printed. One row per kind,
// each reached through the store's own door on every backend (test/engine/store/backends.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../dsl/message.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';
import { mapStoreError } from '../../../engine/cases/service.ts';
import { CaseError } from '../../../engine/cases/errors.ts';
import { ConflictError, NotFoundError, StoreError, StoreInputError, restoreBackup, type Store } from '../../../engine/store/index.ts';
import { KeyFileError, readKeyFile } from '../../../engine/store/key-file.ts';
import { unpackCase } from '../../../engine/store/state.ts';
import { policyVersions } from '../../../engine/store/policy-versions.ts';
import { BACKENDS, type TestDb } from './backends.ts';
import { at, createInput, tempDir } from './helpers.ts';

const CJK = /[\u4e00-\u9fff]/;
const hash = 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5';

interface Row {
  what: string;
  run: (store: Store) => Promise<unknown>;
  code: string;
  /** The error's message as data. */
  text: Message;
  zh: string;
  en: string;
  /** The line in both languages (`message`), where it is the wording users already knew. */
  both?: string;
}

const field = (f: string, problem: Message): Message => ({ code: 'at.problem', args: { where: f, problem } });

const ROWS: Row[] = [
  {
    what: 'a case id that is not one',
    run: (s) => s.runCommand({ caseId: 'no spaces', expectedVersion: 1 } as never),
    code: 'BAD_INPUT',
    text: field('caseId', { code: 'store.caseId', args: { got: '"no spaces"' } }),
    zh: 'caseId：案件编号只可含字母、数字、_ . -，至多 64 个字符，以字母或数字开头（实为 "no spaces"）',
    en: 'caseId: case id must be 1–64 of A–Z a–z 0–9 _ . - (got "no spaces")',
    both: 'caseId: 案件编号只可含字母、数字、_ . - case id must be 1–64 of A–Z a–z 0–9 _ . - (got "no spaces")',
  },
  {
    what: 'a text field with control characters, at its path',
    run: (s) => s.createCase(createInput({ place: { town: '那丽镇', village: 'a\u0007b', group: '第一组' } })),
    code: 'BAD_INPUT',
    text: field('place.village', { code: 'store.control' }),
    zh: 'place.village：含控制字符',
    en: 'place.village: contains control characters',
    both: 'place.village: 含控制字符 contains control characters',
  },
  {
    what: 'a time without its offset',
    run: (s) => s.createCase(createInput({ at: '2026-03-01 09:00' })),
    code: 'BAD_INPUT',
    text: field('at', { code: 'store.instant', args: { got: '"2026-03-01 09:00"' } }),
    zh: 'at：必须是带时区的 ISO 时间，如 2026-03-01T09:30:00+08:00（实为 "2026-03-01 09:00"）',
    en: 'at: must be an ISO timestamp with offset, e.g. 2026-03-01T09:30:00+08:00 (got "2026-03-01 09:00")',
  },
  {
    what: 'a case with no events',
    run: (s) => s.createCase(createInput({ initialEvents: [] })),
    code: 'BAD_INPUT',
    text: field('initialEvents', { code: 'store.noEvents' }),
    zh: 'initialEvents：至少需要一个事件（状态是事件的折叠）',
    en: 'initialEvents: at least one event is required (the state is the fold of the events)',
  },
  {
    what: 'a security event of no known type',
    run: (s) => s.recordSecurityEvent({ type: 'nap', actor: 'a', at: at(1) } as never),
    code: 'BAD_INPUT',
    text: field('securityEvent.type', {
      code: 'store.securityEventType',
      args: { type: '"nap"', types: expect.any(String) as unknown as string },
    }),
    zh: expect.stringMatching(/^securityEvent\.type：未知的安全事件类型 "nap"（应为 login, .* 之一）$/) as unknown as string,
    en: expect.stringMatching(
      /^securityEvent\.type: unknown security event type "nap" \(expected one of login, .*\)$/,
    ) as unknown as string,
  },
  {
    what: 'a security event whose detail holds a value of no allowed kind',
    run: (s) => s.recordSecurityEvent({ type: 'login', actor: 'a', at: at(1), detail: { x: [1] } } as never),
    code: 'BAD_INPUT',
    text: field('securityEvent.detail.x', { code: 'store.detailValue' }),
    zh: 'securityEvent.detail.x：只可为字符串、数字或布尔值',
    en: 'securityEvent.detail.x: must be a string, number or boolean',
  },
  {
    what: 'an account of no known role',
    run: (s) => s.users.addUser({ name: 'x', role: 'boss', passwordHash: hash, at: at(1) } as never),
    code: 'BAD_INPUT',
    text: field('role', { code: 'store.oneOf', args: { values: 'admin | officer | clerk | researcher', got: '"boss"' } }),
    zh: 'role：必须是 admin | officer | clerk | researcher 之一（实为 "boss"）',
    en: 'role: must be one of admin | officer | clerk | researcher (got "boss")',
    both: 'role: 必须是 admin | officer | clerk | researcher 之一（实为 "boss"） must be one of admin | officer | clerk | researcher (got "boss")',
  },
  {
    what: 'a clerk with no town',
    run: (s) => s.users.addUser({ name: 'x', role: 'clerk', passwordHash: hash, at: at(1) }),
    code: 'BAD_INPUT',
    text: field('town', { code: 'account.clerkTown' }),
    zh: 'town：办事员须指定所在镇',
    en: 'town: a clerk needs a town',
  },
  {
    what: 'a case page of no cases',
    run: (s) => s.listCases({ limit: 0 }),
    code: 'BAD_INPUT',
    text: field('limit', { code: 'store.integerRange', args: { min: 1, max: 1000, got: '0' } }),
    zh: 'limit：须为 1–1000 的整数（实为 0）',
    en: 'limit: must be an integer 1–1000 (got 0)',
    both: 'limit: 须为 1–1000 的整数 must be an integer 1–1000 (got 0)',
  },
  {
    what: 'a task page of too many tasks',
    run: (s) => s.listTasks({ limit: 1001 }),
    code: 'BAD_INPUT',
    text: field('limit', { code: 'store.integerRange', args: { min: 1, max: 1000, got: '1001' } }),
    zh: 'limit：须为 1–1000 的整数（实为 1001）',
    en: 'limit: must be an integer 1–1000 (got 1001)',
    both: 'limit: 须为 1–1000 的整数 must be an integer 1–1000 (got 1001)',
  },
  {
    what: 'a rate lease of too many tokens',
    run: (s) => s.rateBuckets.lease('k', 0, { perMinute: 1, capacity: 1 }, 0),
    code: 'BAD_INPUT',
    text: field('want', { code: 'store.integerRange', args: { min: 1, max: 100000, got: '0' } }),
    zh: 'want：须为 1–100000 的整数（实为 0）',
    en: 'want: must be an integer 1–100000 (got 0)',
    both: 'want: 须为 1–100000 的整数 must be an integer 1–100000 (got 0)',
  },
  {
    what: 'a policy version named by no hash',
    run: async (s) =>
      (await policyVersions(s)).put({ hash: 'abc', policyId: 'p', fileName: 'p.yaml', source: '', templates: null }, at(1), 'o'),
    code: 'BAD_INPUT',
    text: field('hash', { code: 'store.hex64', args: { got: '"abc"' } }),
    zh: 'hash：必须是 64 位十六进制（实为 "abc"）',
    en: 'hash: must be 64 hex digits (got "abc")',
  },
  {
    what: 'a command on a case that is not there',
    run: (s) =>
      s.runCommand({
        caseId: 'C99',
        expectedVersion: 1,
        user: 'u',
        at: at(2),
        idempotencyKey: 'k-99',
        decide: () => ({ events: [{ type: 'X', payload: null }], state: {} }),
      } as never),
    code: 'NOT_FOUND',
    text: { code: 'store.caseNotFound', args: { caseId: 'C99' } },
    zh: '案件不存在：C99',
    en: 'case not found: C99',
    both: '案件不存在 case not found: C99',
  },
  {
    what: 'an account that is there already',
    run: async (s) => {
      await s.users.addUser({ name: 'a', role: 'admin', passwordHash: hash, at: at(1) });
      await s.users.addUser({ name: 'a', role: 'admin', passwordHash: hash, at: at(1) });
    },
    code: 'USER_EXISTS',
    text: { code: 'store.userExists', args: { name: 'a' } },
    zh: '用户已存在：a',
    en: 'user already exists: a',
    both: '用户已存在 user already exists: a',
  },
  {
    what: 'an account that is not there',
    run: (s) => s.users.setPassword('nobody', hash, at(1)),
    code: 'USER_NOT_FOUND',
    text: { code: 'store.userNotFound', args: { name: 'nobody' } },
    zh: '用户不存在：nobody',
    en: 'no such user: nobody',
    both: '用户不存在 no such user: nobody',
  },
  {
    what: 'disabling the last active admin: the one message the API and the command line say',
    run: async (s) => {
      await s.users.addUser({ name: 'root', role: 'admin', passwordHash: hash, at: at(1) });
      await s.users.setDisabled('root', true, at(2), undefined, { keepAdmin: true });
    },
    code: 'LAST_ADMIN',
    text: { code: 'account.lastAdmin', args: { name: 'root' } },
    zh: '不能停用最后一个管理员：root',
    en: 'cannot disable the last active admin: root',
    both: '不能停用最后一个管理员 cannot disable the last active admin: root',
  },
];

describe.each(BACKENDS)('the store says its refusals as messages ($name)', (backend) => {
  // A fresh database for each row: a row's accounts are the only ones.
  let db: TestDb;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it.each(ROWS)('$what', async (row) => {
    const e = await row.run(db.store).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(StoreError);
    const err = e as StoreError;
    expect(err.code).toBe(row.code);
    expect(err.text).toEqual(row.text);
    expect(render(err.text!, 'zh')).toEqual(row.zh);
    expect(render(err.text!, 'en')).toEqual(row.en);
    expect(render(err.text!, 'en')).not.toMatch(CJK);
    expect(err.message).toBe(renderBoth(err.text!));
    if (row.both) expect(err.message).toBe(row.both);
  });
});

describe('the store says as messages what it refuses outside a command', () => {
  const said = (e: unknown) => {
    const t = (e as StoreError | KeyFileError).text!;
    return { text: t, zh: render(t, 'zh'), en: render(t, 'en'), both: (e as Error).message };
  };
  const thrown = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error('nothing thrown');
  };

  it('an audit key file that is not a key', () => {
    const file = path.join(tempDir(), 'db.key');
    fs.writeFileSync(file, 'not hex\n');
    const e = thrown(() => readKeyFile(file));
    expect(e).toBeInstanceOf(KeyFileError);
    expect(said(e)).toEqual({
      text: { code: 'store.unreadable', args: { problem: { code: 'store.keyMalformed' }, file } },
      zh: `审计密钥文件格式不对（应为 64 位十六进制）：${file}`,
      en: `the audit key file is not 64 hex digits: ${file}`,
      both: `审计密钥文件格式不对（应为 64 位十六进制）the audit key file is not 64 hex digits: ${file}`,
    });
  });

  it('a backup restored onto itself', async () => {
    const file = path.join(tempDir(), 'cases.db');
    const e = await restoreBackup(file, file).catch((x: unknown) => x);
    expect(said(e)).toEqual({
      text: { code: 'at.problem', args: { where: 'restore', problem: { code: 'store.restoreSameFile' } } },
      zh: 'restore：备份文件与目标数据库相同',
      en: 'restore: the backup and the target database are the same file',
      both: 'restore: 备份文件与目标数据库相同 the backup and the target database are the same file',
    });
  });

  it('a stored snapshot that does not inflate', () => {
    const e = thrown(() => unpackCase({ id: 'C7', state: Buffer.from('not deflate') }, undefined));
    expect((e as StoreError).code).toBe('DAMAGED');
    expect(said(e)).toEqual({
      text: { code: 'store.snapshotDamaged', args: { caseId: 'C7' } },
      zh: '案件 C7 的快照无法解压（landflow audit verify）',
      en: 'the snapshot of case C7 does not inflate (landflow audit verify)',
      both: '案件快照无法解压 the snapshot of case C7 does not inflate (landflow audit verify)',
    });
  });
});

describe("the case host answers with the store's message as data", () => {
  it('in the error body beside its both-language line (engine/cases/service.ts mapStoreError)', () => {
    for (const [e, code] of [
      [new ConflictError('C1', 1, 2), 'STALE_VERSION'],
      [new NotFoundError('C1'), 'CASE_NOT_FOUND'],
      [new StoreInputError('place.town', { code: 'store.control' }), 'BAD_INPUT'],
    ] as const) {
      const mapped = mapStoreError(e) as CaseError;
      expect(mapped).toBeInstanceOf(CaseError);
      expect(mapped.toJSON()).toMatchObject({ code, message: e.message, text: e.text });
    }
  });
});
