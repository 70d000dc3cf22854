// A text holding U+0000 (e.g. GET /api/cases/%00) is no key of any row: SQLite compares it and
// finds nothing; PostgreSQL cannot even receive it in a statement, so its store must answer the
// same without asking (engine/store/pg/connection.ts holdsNul) rather than fail with a 500.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserNotFoundError } from '../../../engine/store/index.ts';
import { rejected } from '../../helpers/errors.ts';
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

  it('finds nothing wherever it is a filter or a name; as a case id it is refused like any other that is none', async () => {
    const s = db.store;
    for (const [read, field] of [
      [() => s.getCase(N), 'id'],
      [() => s.getEvents(N), 'caseId'],
      [() => s.listCases({ after: N }), 'after'],
      [() => s.listCases({ after: 'C1\0' }), 'after'],
    ] as const) {
      expect(await rejected(read())).toMatchObject({ field });
    }
    expect(await s.listCases({ town: N })).toEqual([]);
    expect(await s.countCases({ village: N })).toBe(0);
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
