// A command is never dated after the day it is sent (engine/run/guards.ts checkNotFuture): a step's
// command and terminate are refused alike, with the same code, path and message, and change nothing.
import { describe, expect, it } from 'vitest';
import { household, Runner } from './fixtures.ts';

const opened = () =>
  new Runner(
    'model-scheme',
    'exit',
    'permanent',
    household((c) => (c.exit!.mode = 'permanent')),
    '2026-01-15',
  );
const FUTURE = {
  code: 'BAD_PAYLOAD',
  kind: 'invalid',
  path: '/payload/date',
  message: '日期 2026-01-16 晚于今天 2026-01-15 — a date cannot be after today',
};

describe('a date after today', () => {
  it("is refused for a step's command, and the same day is accepted", () => {
    const r = opened();
    const before = r.state;
    expect(r.refused('2026-01-15', 'receiveWrittenNotice', { date: '2026-01-16' })).toMatchObject(FUTURE);
    expect(r.state).toBe(before);
    r.ok('2026-01-15', 'receiveWrittenNotice', { date: '2026-01-15' });
  });

  it('is refused for terminate in the same words', () => {
    const r = opened();
    expect(r.refused('2026-01-15', 'terminate', { date: '2026-01-16', reason: '户主撤回' })).toMatchObject(FUTURE);
    expect(r.state.status).toBe('open');
  });
});
