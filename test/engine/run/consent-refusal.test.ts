// The consent refusal names the co-owners whose consent is still missing (钦州 第十一条), so the
// clerk knows whose consent to record; members who are not co-owners are not named.
import { describe, expect, it } from 'vitest';
import { household, Runner } from './fixtures.ts';

describe('consent refusal', () => {
  it('names every co-owner still missing, in household order, in both languages', () => {
    const kase = household((c) => {
      c.household.members[1]!.consents = false;
      delete c.household.members[2]!.consents;
    });
    const r = new Runner('qinzhou', 'exit', null, kase, '2026-01-15');
    const refusal = r.refused('2026-01-15', 'receiveWrittenNotice');
    expect(refusal).toMatchObject({ code: 'CONSENT_MISSING', cite: '第十一条' });
    expect(refusal.message).toBe(
      '农村土地承包经营权退出应当取得家庭共有人一致意见（第十一条）：尚缺 李某芳、黄某强 的同意 — rule co-owner-consent failed: 家庭共有人一致同意; consent missing from 李某芳, 黄某强',
    );
  });

  it('does not name a member who is not a co-owner', () => {
    const kase = household((c) => {
      c.household.members[1]!.consents = false;
      c.household.members[2]!.coOwner = false;
      c.household.members[2]!.consents = false;
    });
    const r = new Runner('qinzhou', 'exit', null, kase, '2026-01-15');
    const refusal = r.refused('2026-01-15', 'receiveWrittenNotice');
    expect(refusal.message).toContain('尚缺 李某芳 的同意');
    expect(refusal.message).not.toContain('黄某强');
  });

  it('keeps the note of the command that brings the missing consent: how and when it was given', () => {
    const r = new Runner(
      'qinzhou',
      'exit',
      null,
      household((c) => (c.household.members[1]!.consents = false)),
      '2026-01-15',
    );
    const note = '家庭共有人意见：李某芳 同意（书面签字并按手印，2026-01-14）';
    const done = r.ok('2026-01-15', 'receiveWrittenNotice', { consents: [{ name: '李某芳', consents: true }], note });
    const notice = done.events.find((e) => e.type === 'WrittenNoticeReceived')!;
    expect(notice.payload.note).toBe(note);
    expect((notice.payload.case as { household: { members: { consents?: boolean }[] } }).household.members[1]!.consents).toBe(true);
  });
});
