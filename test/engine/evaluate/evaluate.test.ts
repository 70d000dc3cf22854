// One household through the 钦州 policy: compensation to the 分 with its 大写, eligibility with the
// failed rule and its article, and votes decided in integers (三分之二以上 includes exactly 2/3).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPolicy } from '../../../dsl/index.ts';
import { prepareCase } from '../../../dsl/expr/index.ts';
import type { CaseData, Vote } from '../../../dsl/case-model.ts';
import { compilePolicy, evaluate, EvaluateError, type CompiledPolicy } from '../../../engine/evaluate/index.ts';
import { checkOptionsFor } from '../../../engine/policies/load.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';
import { msg } from '../../../dsl/message.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const household = JSON.parse(readFileSync(join(root, 'examples', 'household-qinzhou.json'), 'utf8')) as CaseData;
const kase = (edit: (c: CaseData) => void = () => {}): CaseData => {
  const c = JSON.parse(JSON.stringify(household)) as CaseData;
  edit(c);
  return c;
};

function load(id: string): CompiledPolicy {
  const file = join(root, 'policies', `${id}.yaml`);
  const r = checkPolicy(readFileSync(file, 'utf8'), file, checkOptionsFor(file));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compilePolicy(r.policy!);
}

let qinzhou: CompiledPolicy;
beforeAll(() => {
  qinzhou = load('qinzhou');
});

describe('钦州 exit', () => {
  it('whole household, 2.35 亩 × (650 + 106.5) × 30 = 53333.25 元', () => {
    const r = evaluate(qinzhou, { procedure: 'exit', kase: kase() });
    expect(r.policy).toBe('qinzhou');
    expect(r.mode).toBe('permanent');
    expect(r.eligible).toBe(true);
    expect(r.failed).toEqual([]);
    expect(r.compensation).toMatchObject({ amount: '53333.25', words: '伍万叁仟叁佰叁拾叁元贰角伍分', unit: '元', cite: '第十条第二项' });
    expect(r.vote).toBeUndefined();
    const steps = r.trace.map((t) => [t.step, t.value]);
    // Every number in the trace reads with its unit (a parameter's, or the expression's static unit).
    expect(steps).toContainEqual(['流转费', '650 元/亩/年']);
    expect(steps).toContainEqual(['补偿年限', '30 年']);
    expect(steps).toContainEqual(['退出通知期', '半年']);
    expect(steps).toContainEqual(['退出面积', '2.35 亩']);
    expect(steps).toContainEqual(['每亩补偿', '22695 元/亩']);
    expect(steps).toContainEqual(['compensation', '53333.25 元']);
    expect(steps).toContainEqual(['round', '53333.25 元']);
    expect(r.trace.find((t) => t.step === 'co-owner-consent')).toMatchObject({ cite: '第十一条', value: true });
    expect(() => JSON.stringify(r)).not.toThrow();
  });

  it('only 门口田 (1.20 亩): 27234.00 元, 大写 with 整', () => {
    const r = evaluate(qinzhou, { procedure: 'exit', kase: kase((c) => (c.exit!.parcels = ['门口田'])) });
    expect(r.compensation).toMatchObject({ amount: '27234.00', words: '贰万柒仟贰佰叁拾肆元整' });
  });

  it('a co-owner who refuses makes the exit ineligible under 第十一条', () => {
    const r = evaluate(qinzhou, { procedure: 'exit', kase: kase((c) => (c.household.members[1]!.consents = false)) });
    expect(r.eligible).toBe(false);
    expect(r.failed).toEqual([
      {
        rule: 'co-owner-consent',
        label: '家庭共有人一致同意',
        cite: '第十一条',
        message: { code: 'evaluate.ruleFailed', args: { message: '农村土地承包经营权退出应当取得家庭共有人一致意见' } },
      },
    ]);
    expect(renderBoth(r.failed[0]!.message)).toBe('农村土地承包经营权退出应当取得家庭共有人一致意见');
  });

  it('a co-owner whose consent is not recorded fails as missing data, never as a pass', () => {
    const r = evaluate(qinzhou, { procedure: 'exit', kase: kase((c) => delete c.household.members[2]!.consents) });
    expect(r.eligible).toBe(false);
    expect(r.failed[0]!.rule).toBe('co-owner-consent');
    // Why it failed is a message: the policy's own words as written, and "data missing" in the reader's language.
    const m = r.failed[0]!.message;
    expect(m).toEqual({
      code: 'evaluate.ruleFailed',
      args: { message: '农村土地承包经营权退出应当取得家庭共有人一致意见', why: { code: 'evaluate.ruleDataMissing' } },
    });
    expect(render(m, 'zh')).toBe('农村土地承包经营权退出应当取得家庭共有人一致意见（案件缺少所需数据）');
    expect(render(m, 'en')).toBe('农村土地承包经营权退出应当取得家庭共有人一致意见 (data missing)');
    expect(renderBoth(m)).toBe('农村土地承包经营权退出应当取得家庭共有人一致意见（案件缺少所需数据 data missing）');
  });

  it('a rule that cannot be evaluated, and one whose expression fails, say why', () => {
    const noTest = msg('evaluate.ruleFailed', { message: '须有书面申请', why: msg('evaluate.ruleNoTest') });
    expect([render(noTest, 'zh'), render(noTest, 'en'), renderBoth(noTest)]).toEqual([
      '须有书面申请（规则无法计算）',
      '须有书面申请 (the rule cannot be evaluated)',
      '须有书面申请（规则无法计算 the rule cannot be evaluated）',
    ]);
    const failing = msg('evaluate.ruleFailed', { message: '须有书面申请', why: msg('evaluate.ruleError', { error: msg('E401') }) });
    expect([render(failing, 'zh'), render(failing, 'en'), renderBoth(failing)]).toEqual([
      '须有书面申请（无法计算：计算时除数为零）',
      '须有书面申请 (cannot evaluate: division by zero during evaluation)',
      '须有书面申请（无法计算 cannot evaluate: 计算时除数为零 division by zero during evaluation）',
    ]);
  });

  it('a parcel the household does not hold fails parcels-listed', () => {
    const r = evaluate(qinzhou, { procedure: 'exit', kase: kase((c) => (c.exit!.parcels = ['门口田', '菜地'])) });
    expect(r.failed.map((f) => f.rule)).toEqual(['parcels-listed']);
  });
});

describe('钦州 votes (第十条第二项: 应到成员三分之二以上)', () => {
  const village = (vote: Partial<Vote>) =>
    evaluate(qinzhou, {
      procedure: 'exit',
      kase: kase((c) => {
        c.exit!.payer = 'village';
        const v = { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 0, ...vote } as Vote;
        // Whoever is present and neither says yes nor no abstains: the tally adds up.
        c.exit!.vote = { ...v, abstain: vote.abstain ?? Math.max(0, v.present - v.yes - v.no) };
      }),
    }).vote!;

  it('20 of 30 entitled is exactly two thirds: passes', () => {
    expect(village({ yes: 20, no: 3, abstain: 2 })).toMatchObject({ passed: true, decidedBy: 'threshold', cite: '第十条第二项' });
  });
  it('19 of 30 fails', () => {
    expect(village({ yes: 19, no: 4, abstain: 2 })).toMatchObject({ passed: false, decidedBy: 'threshold' });
  });
  it('20 of 31 fails (21 needed)', () => {
    expect(village({ entitled: 31, present: 25, yes: 20 })).toMatchObject({ passed: false, decidedBy: 'threshold' });
  });
  it('21 of 31 with 28 present passes', () => {
    expect(village({ entitled: 31, present: 28, yes: 21 })).toMatchObject({ passed: true, decidedBy: 'threshold' });
  });
  it('19 present of 30 is short of the quorum: the vote does not count', () => {
    const v = village({ present: 19, yes: 19 });
    expect(v).toMatchObject({ passed: false, decidedBy: 'quorum', cite: '农村集体经济组织法第二十七条' });
    expect(renderBoth(v.detail)).toContain('19');
  });
  it('成员代表大会 under the same rule (no quorum declared)', () => {
    expect(village({ body: '成员代表大会', yes: 20 })).toMatchObject({ passed: true, decidedBy: 'threshold' });
  });
  it('a body no rule covers for this payer is not a passed vote, and says why', () => {
    const v = village({ body: '户主会议' });
    expect(v).toMatchObject({ passed: false, decidedBy: 'noRule', body: '户主会议' });
    expect(renderBoth(v.detail)).toContain('户主会议');
  });
  it('group payer: 户主会议 counts households: two thirds of them present, then a majority of those present', () => {
    const r = evaluate(qinzhou, {
      procedure: 'exit',
      kase: kase((c) => {
        c.exit!.vote = { body: '户主会议', entitled: 40, present: 30, yes: 16, no: 10, abstain: 4 }; // households
      }),
    });
    expect(r.vote).toMatchObject({ passed: true, decidedBy: 'threshold', cite: '村民委员会组织法第二十八条' });
  });
  it('an impossible vote (more yes than present) is refused with the field', () => {
    expect(() => village({ present: 10, yes: 20 })).toThrow(EvaluateError);
    try {
      village({ present: 10, yes: 20 });
    } catch (e) {
      expect((e as EvaluateError).pointer).toMatch(/^\/exit\/vote\//);
    }
  });
});

describe('钦州 transfer', () => {
  it('坡地 1.15 亩 × 21000 = 24150.00 元 to a household of the same group', () => {
    const r = evaluate(qinzhou, { procedure: 'transfer', kase: kase() });
    expect(r.eligible).toBe(true);
    expect(r.compensation).toMatchObject({ amount: '24150.00', words: '贰万肆仟壹佰伍拾元整' });
  });
  it('a transferee from another village fails 第六条', () => {
    const r = evaluate(qinzhou, { procedure: 'transfer', kase: kase((c) => (c.transfer!.transferee.collective.village = '另一村')) });
    expect(r.failed.map((f) => [f.rule, f.cite])).toEqual([['same-collective', '第六条']]);
  });
  it('a term ending after the contract fails 第八条; ending on the same day passes', () => {
    expect(
      evaluate(qinzhou, { procedure: 'transfer', kase: kase((c) => (c.transfer!.termEnd = '2028-01-01')) }).failed.map((f) => f.rule),
    ).toEqual(['term-within-contract']);
    expect(evaluate(qinzhou, { procedure: 'transfer', kase: kase((c) => (c.transfer!.termEnd = '2027-12-31')) }).eligible).toBe(true);
  });
});

describe('requests the policy cannot answer', () => {
  it('an unknown mode is refused', () => {
    expect(() => evaluate(qinzhou, { procedure: 'exit', mode: 'custody', kase: kase() })).toThrow(/custody/);
  });
  it('a date before the policy took effect is noted', () => {
    const r = evaluate(qinzhou, { procedure: 'exit', kase: kase(), at: '2020-01-01' });
    expect(r.at).toBe('2020-01-01');
    // 钦州's date is its draft's comment period: the note says it is assumed, and why.
    const note = '征求意见稿尚未发布，第十八条「自发布之日起实施」的日期未定；取征求意见期的第一日（公告之日）为生效日期';
    expect(r.notes).toEqual([
      {
        code: 'evaluate.beforeEffective',
        args: { at: '2020-01-01', from: '2022-07-15', assumed: { code: 'evaluate.assumedDate', args: { note } } },
      },
    ]);
    expect(renderBoth(r.notes[0]!)).toBe(
      `评估日期 2020-01-01 早于政策生效日期 2022-07-15 / the date is before the policy takes effect（生效日期系推定 an assumed date: ${note}）`,
    );
    expect(render(r.notes[0]!, 'en')).toBe(`the date 2020-01-01 is before the policy takes effect (2022-07-15) (an assumed date: ${note})`);
  });
});

describe('other bundled policies on the shared household', () => {
  it('内江 91650.00 and 梁平 32900.00 (capped by the acquisition standard)', () => {
    expect(evaluate(load('neijiang'), { procedure: 'exit', kase: kase() }).compensation!.amount).toBe('91650.00');
    const lp = load('liangping');
    expect(evaluate(lp, { procedure: 'exit', kase: kase() }).compensation!.amount).toBe('32900.00');
    expect(evaluate(lp, { procedure: 'exit', kase: kase((c) => (c.exit!.negotiatedPricePerMu = '60000')) }).compensation!.amount).toBe(
      '112800.00',
    );
  });
});

describe('a case prepared once for several policies', () => {
  const ids = ['qinzhou', 'neijiang', 'liangping', 'pingluo', 'leling', 'model-scheme'];
  let all: CompiledPolicy[];
  beforeAll(() => {
    all = ids.map(load);
  });
  const variants: [string, (c: CaseData) => void][] = [
    ['as given', () => {}],
    [
      'one parcel, current term',
      (c) => {
        c.exit!.parcels = ['坡地'];
        c.exit!.mode = 'currentTerm';
      },
    ],
    [
      'custody, a refusing co-owner',
      (c) => {
        c.exit!.mode = 'custody';
        c.household.members[1]!.consents = false;
      },
    ],
    [
      'rent unreadable, no acquisition standard',
      (c) => {
        c.market.rentPerMuYear = '??';
        delete c.market.acquisitionStandardPerMu;
      },
    ],
  ];

  for (const [what, edit] of variants) {
    it(`gives every policy the evaluation it gets alone: ${what}`, () => {
      const k = kase(edit);
      const prepared = prepareCase(k);
      for (const c of all) {
        const alone = evaluate(c, { procedure: 'exit', kase: k });
        expect(evaluate(c, { procedure: 'exit', kase: k, prepared }), c.policy.meta.id).toEqual(alone);
      }
    });
  }

  it('without the trace or the words: the same outcome, nothing else', () => {
    const k = kase();
    for (const c of all) {
      const full = evaluate(c, { procedure: 'exit', kase: k });
      const bare = evaluate(c, { procedure: 'exit', kase: k, trace: false, words: false });
      expect(bare.trace).toEqual([]);
      expect(bare).toEqual({
        ...full,
        trace: [],
        ...(full.compensation ? { compensation: { ...full.compensation, words: '' } } : {}),
      });
    }
    expect(evaluate(qinzhou, { procedure: 'exit', kase: k, words: false }).trace).toEqual(
      evaluate(qinzhou, { procedure: 'exit', kase: k }).trace,
    );
  });
});

describe('the trace reads with units', () => {
  it('a share stays a plain number, a price per 亩 and a date difference keep theirs, booleans stay booleans (模型方案 本轮承包期退出)', () => {
    const r = evaluate(load('model-scheme'), { procedure: 'exit', kase: kase((c) => (c.exit!.mode = 'currentTerm')) });
    const value = (step: string) => r.trace.find((t) => t.step === step)?.value;
    expect(value('本轮退出非农收入占比下限')).toBe('0.5');
    expect(value('全国补偿基准')).toBe('30000 元/亩');
    expect(value('剩余天数')).toBe('715 日');
    expect(value('每亩补偿')).toMatch(/^\d+(\.\d+)? 元\/亩$/);
    expect(value('current-term-degree')).toBe(true);
  });
});
