import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideVote, meetsThreshold, requiredVotes, type VoteDecision, type VoteError } from '../../../engine/rules/vote.ts';
import { readThreshold } from '../../../dsl/legal-text/index.ts';
import type { Threshold, VoteRule } from '../../../dsl/policy-model.ts';
import type { Vote } from '../../../dsl/case-model.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const span = { start: 0, end: 0 };
const TWO_THIRDS: Threshold = { num: 2, den: 3, inclusive: true, text: '三分之二以上' };
const MAJORITY: Threshold = { num: 1, den: 2, inclusive: false, text: '过半数' };

// 农村集体经济组织法 art. 27: 成员大会 needs 2/3 of members present; decisions by 2/3 of all members.
const memberAssembly: VoteRule = {
  body: ['成员大会'],
  quorum: { base: 'entitled', threshold: TWO_THIRDS, cite: '农村集体经济组织法第二十七条' },
  base: 'entitled',
  threshold: TWO_THIRDS,
  cite: '第十条',
  span,
};
const twoThirdsEntitled: VoteRule = { body: ['成员大会'], base: 'entitled', threshold: TWO_THIRDS, cite: '第十条', span };
const majorityEntitled: VoteRule = { body: ['户主会议'], base: 'entitled', threshold: MAJORITY, cite: '第十条', span };

// Whoever is present and votes neither yes nor no abstains, unless the test says otherwise.
const vote = (entitled: number, present: number, yes: number, extra: Partial<Vote> = {}): Vote => ({
  body: '成员大会',
  entitled,
  present,
  yes,
  no: 0,
  abstain: present - yes - (extra.no ?? 0),
  ...extra,
});
const ok = (r: VoteDecision | VoteError): VoteDecision => {
  if ('error' in r) throw new Error(renderBoth(r.error));
  return r;
};

describe('三分之二以上 (yes×3 ≥ base×2)', () => {
  it.each([
    [30, 20, true, 20],
    [30, 19, false, 20],
    [31, 20, false, 21],
    [31, 21, true, 21],
  ])('%i entitled, %i yes → %s (required %i)', (entitled, yes, passed, required) => {
    const r = ok(decideVote(twoThirdsEntitled, vote(entitled, entitled, yes)));
    expect(r).toMatchObject({ passed, decidedBy: 'threshold', cite: '第十条', required });
  });

  it('explains in Chinese then English with the integer arithmetic', () => {
    const r = ok(decideVote(twoThirdsEntitled, vote(30, 25, 20)));
    expect(renderBoth(r.detail)).toBe(
      '赞成 20 人 ≥ 应到 30 人的三分之二以上 (20×3 ≥ 30×2)，通过 — 20 yes is at least two thirds of 30 entitled members (20×3 ≥ 30×2): passed',
    );
    const f = ok(decideVote(twoThirdsEntitled, vote(30, 25, 19)));
    expect(renderBoth(f.detail)).toContain('(19×3 < 30×2)');
    expect(renderBoth(f.detail)).toContain('至少须 20 人');
    expect(renderBoth(f.detail)).toContain('not passed');
  });
});

describe('过半数 (yes×2 > base)', () => {
  it.each([
    [30, 15, false, 16],
    [30, 16, true, 16],
    [31, 15, false, 16],
    [31, 16, true, 16],
  ])('%i entitled, %i yes → %s', (entitled, yes, passed, required) => {
    expect(ok(decideVote(majorityEntitled, vote(entitled, entitled, yes, { body: '户主会议' })))).toMatchObject({ passed, required });
  });

  it('on those present (村民会议: 到会人员的过半数)', () => {
    const rule: VoteRule = { body: ['村民会议'], base: 'present', threshold: MAJORITY, cite: '村民委员会组织法第二十二条', span };
    expect(ok(decideVote(rule, vote(100, 40, 21, { body: '村民会议' })))).toMatchObject({ passed: true, required: 21 });
    expect(ok(decideVote(rule, vote(100, 40, 20, { body: '村民会议' })))).toMatchObject({ passed: false, required: 21 });
  });
});

describe('quorum first', () => {
  it('成员大会 with 19 of 30 present fails on quorum, even with every vote yes', () => {
    const r = ok(decideVote(memberAssembly, vote(30, 19, 19)));
    expect(r.passed).toBe(false);
    expect(r.decidedBy).toBe('quorum');
    expect(r.cite).toBe('农村集体经济组织法第二十七条');
    expect(r.quorum).toEqual({ met: false, count: 19, base: 30, required: 20, cite: '农村集体经济组织法第二十七条' });
    expect(renderBoth(r.detail)).toContain('到会 19 人');
    expect(renderBoth(r.detail)).toContain('(19×3 < 30×2)');
    expect(renderBoth(r.detail)).toContain('quorum not met');
  });

  it('20 present of 30: quorum met, then 2/3 of all members decides', () => {
    const r = ok(decideVote(memberAssembly, vote(30, 20, 20)));
    expect(r).toMatchObject({ passed: true, decidedBy: 'threshold', cite: '第十条', quorum: { met: true } });
    const f = ok(decideVote(memberAssembly, vote(30, 20, 19, { no: 1 })));
    expect(f).toMatchObject({ passed: false, decidedBy: 'threshold', required: 20 });
  });

  it('a 户主会议 counts households in every figure: two thirds of 40 households present, a majority of those present', () => {
    const rule: VoteRule = {
      body: ['户主会议'],
      quorum: { base: 'entitled', threshold: TWO_THIRDS, cite: '村民委员会组织法第二十八条' },
      base: 'present',
      threshold: MAJORITY,
      cite: '村民委员会组织法第二十八条',
      span,
    };
    const short = ok(decideVote(rule, vote(40, 26, 20, { body: '户主会议' })));
    expect(short).toMatchObject({ passed: false, decidedBy: 'quorum', unit: 'household', quorum: { count: 26, base: 40, required: 27 } });
    expect(renderBoth(short.detail)).toContain('到会 26 户，未达应到 40 户的三分之二以上');
    const r = ok(decideVote(rule, vote(40, 30, 16, { body: '户主会议', no: 10 })));
    expect(r).toMatchObject({ passed: true, decidedBy: 'threshold', unit: 'household', required: 16 });
    expect(renderBoth(r.detail)).toBe(
      '到会 30/40 户，法定人数已满足；赞成 16 户 > 到会 30 户的过半数 (16×2 > 30×1)，通过 — quorum met (30 of 40); 16 yes is more than half of 30 households present (16×2 > 30×1): passed',
    );
  });

  it('a households base on a body that votes by person is an error: one body, one unit', () => {
    const rule: VoteRule = {
      body: ['村民会议'],
      quorum: { base: 'households', threshold: TWO_THIRDS, cite: '村民委员会组织法第二十二条' },
      base: 'present',
      threshold: MAJORITY,
      cite: '村民委员会组织法第二十二条',
      span,
    };
    const r = decideVote(rule, vote(300, 200, 120, { body: '村民会议' }));
    expect(r).toMatchObject({ field: 'rule.quorum.base' });
    expect('error' in r && renderBoth(r.error)).toContain('村民会议按村民计票');
    // On a 户主会议 the households base is the body's own count.
    const own: VoteRule = { body: ['户主会议'], base: 'households', threshold: TWO_THIRDS, cite: '第十条', span };
    expect(ok(decideVote(own, vote(30, 30, 20, { body: '户主会议' })))).toMatchObject({ passed: true, required: 20, unit: 'household' });
  });
});

describe('an empty or impossible tally never passes', () => {
  it('a 成员大会 with nobody entitled (0×3 ≥ 0×2 would pass) fails on the tally, with its reason', () => {
    const r = ok(decideVote(memberAssembly, vote(0, 0, 0), 'approval.votes.2'));
    expect(r).toMatchObject({ passed: false, decidedBy: 'tally', rule: 'approval.votes.2', unit: 'member', cite: '第十条' });
    expect(renderBoth(r.detail)).toBe('成员大会：应到 0 人：无人有表决权，表决不成立 — nobody is entitled to vote, so nothing can pass');
  });

  it('yes + no + abstain must equal those present: 20 + 0 + 0 of 25 present is refused on present', () => {
    const r = decideVote(memberAssembly, vote(30, 25, 20, { abstain: 0 }));
    expect('error' in r && { field: r.field, error: renderBoth(r.error) }).toEqual({
      field: 'vote.present',
      error: '赞成、反对、弃权合计 20 人，与到会 25 人不符 — yes + no + abstain (20 + 0 + 0 = 20) must equal the members present (25)',
    });
  });
});

describe('成员代表大会: more than twenty representatives (农村集体经济组织法第二十八条)', () => {
  const reps: VoteRule = { body: ['成员代表大会'], base: 'entitled', threshold: TWO_THIRDS, cite: '第十条第二项', span };
  it('9 representatives, all yes, cannot decide', () => {
    const r = ok(decideVote(reps, vote(9, 9, 9, { body: '成员代表大会' })));
    expect(r).toMatchObject({ passed: false, decidedBy: 'size', cite: '农村集体经济组织法第二十八条', unit: 'representative' });
    expect(renderBoth(r.detail)).toContain('代表 9 人，未多于 20 人');
  });
  it.each([
    [20, false, 'size'],
    [21, true, 'threshold'],
  ] as const)('%i representatives, 2/3 yes → passed %s (%s)', (n, passed, decidedBy) => {
    expect(ok(decideVote(reps, vote(n, n, Math.ceil((n * 2) / 3), { body: '成员代表大会' })))).toMatchObject({ passed, decidedBy });
  });
});

describe('the vote itself is checked', () => {
  it('a rule naming several bodies accepts a vote by any of them (钦州第十条: 成员大会或成员代表大会)', () => {
    const rule: VoteRule = { ...twoThirdsEntitled, body: ['成员大会', '成员代表大会'] };
    expect(ok(decideVote(rule, vote(30, 30, 20, { body: '成员代表大会' }))).passed).toBe(true);
    expect(decideVote(rule, vote(30, 30, 20, { body: '户主会议' }))).toMatchObject({ field: 'vote.body' });
  });

  it.each([
    [vote(30, 31, 20), 'vote.present'],
    [vote(30, 20, 15, { no: 5, abstain: 1 }), 'vote.present'],
    [vote(30, 20, -1), 'vote.yes'],
    [vote(30, 20, 1.5), 'vote.yes'],
    [vote(30, 20, 10, { entitled: NaN }), 'vote.entitled'],
    [vote(30, 20, 10, { body: '成员代表大会' }), 'vote.body'],
  ])('%j → error on %s', (v, field) => {
    const r = decideVote(twoThirdsEntitled, v);
    expect(r).toHaveProperty('error');
    expect((r as VoteError).field).toBe(field);
  });

  it('a malformed threshold is an error', () => {
    expect(decideVote({ ...twoThirdsEntitled, threshold: { num: 3, den: 2, inclusive: true, text: 'x' } }, vote(30, 30, 20))).toMatchObject(
      { field: 'rule.threshold' },
    );
  });
});

describe('integer arithmetic', () => {
  it('required is the least passing count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (base, a, b) => {
        const den = Math.max(a, b);
        const num = Math.min(a, b);
        for (const inclusive of [true, false]) {
          const t = { num, den, inclusive, text: '' };
          const r = requiredVotes(base, t);
          expect(meetsThreshold(r, base, t)).toBe(true);
          expect(r === 0 || !meetsThreshold(r - 1, base, t)).toBe(true);
        }
      }),
    );
  });
});

describe('readThreshold (dsl/legal-text) as the vote rules read it', () => {
  it.each([
    ['三分之二以上', 2, 3, true],
    ['2/3以上', 2, 3, true],
    ['2/3 以上', 2, 3, true],
    ['过半数', 1, 2, false],
    ['超过半数', 1, 2, false],
    ['半数以上', 1, 2, true],
    ['二分之一以上', 1, 2, true],
    ['四分之三以上', 3, 4, true],
    ['超过50%', 1, 2, false],
    ['50%以上', 1, 2, true],
    ['66.7%以上', 667, 1000, true],
    ['超过三分之二', 2, 3, false],
    ['全体一致', 1, 1, true],
  ] as [string, number, number, boolean][])('%s → %i/%i inclusive=%s', (text, num, den, inclusive) => {
    expect(readThreshold(text)).toEqual({ num, den, inclusive, text });
  });

  it.each(['', '三分之二', '半数', '超过50%以上', '三分之四以上', '0%以上', '很多'])('%j is rejected', (text) => {
    expect(readThreshold(text)).toHaveProperty('error');
  });

  it('parsed thresholds decide like the hand-written ones', () => {
    const t = readThreshold('三分之二以上') as Threshold;
    expect(ok(decideVote({ ...twoThirdsEntitled, threshold: t }, vote(31, 31, 21))).passed).toBe(true);
    const m = readThreshold('过半数') as Threshold;
    expect(ok(decideVote({ ...majorityEntitled, threshold: m }, vote(30, 30, 15, { body: '户主会议' }))).passed).toBe(false);
  });
});
