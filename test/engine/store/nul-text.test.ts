// A text holding U+0000 (e.g. GET /api/cases/%00) is no key of any row: SQLite compares it and
// finds nothing; PostgreSQL cannot even receive it in a statement, so its store must answer the
// same without asking (engine/store/pg/connection.ts holdsNul) rather than fail with a 500.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserNotFoundError } from '../../../engine/store/index.ts';
import { BACKENDS, type TestDb } from './backends.ts';
import { createInput } from './helpers.ts';

const N = 'C\0x';

describe.each(BACKENDS)('$name: a text with U+0000', (backend) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await backend.open();
    await db.store.createCase(createInput());
  });
  afterEach(() => db.cleanup());

  it('finds nothing wherever it is a key or a filter, and lists after it as after the text before it', async () => {
    const s = db.store;
    expect(await s.getCase(N)).toBeUndefined();
    expect(await s.getEvents(N)).toEqual([]);
    expect(await s.listCases({ town: N })).toEqual([]);
    expect(await s.countCases({ village: N })).toBe(0);
    // 'C1' sorts after 'C\0x' byte by byte.
    expect((await s.listCases({ after: N })).map((c) => c.id)).toEqual(['C1']);
    expect((await s.listCases({ after: 'C1\0' })).map((c) => c.id)).toEqual([]);
    expect(await s.listTasks({ town: N })).toEqual([]);
    expect(await s.listContractNumbers({ caseId: N })).toEqual([]);
    expect(await s.listSecurityEvents({ actor: N })).toEqual([]);
    expect(await s.users.getUser(N)).toBeUndefined();
    expect(await s.users.claimLoginAttempt(N, 1, () => true)).toBeUndefined();
    await s.users.clearLoginFailures(N);
    await expect(s.users.setDisabled(N, true, '2026-03-01T00:00:00Z')).rejects.toBeInstanceOf(UserNotFoundError);
    expect(await s.sessions.find(N)).toBeUndefined();
    await s.sessions.touch(N, 1);
    expect(await s.sessions.delete(N)).toBe(false);
    expect(await s.feedTokens.find(N)).toBeUndefined();
  });
});
