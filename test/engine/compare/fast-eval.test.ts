import { describe, expect, it } from 'vitest';
import { prepareCase } from '../../../dsl/expr/index.ts';
import { evaluate, EvaluateError } from '../../../engine/evaluate/index.ts';
import { centsToYuan, fastPolicy, MODE_NOT_OFFERED } from '../../../engine/compare/fast-eval.ts';
import { ComparePolicyError } from '../../../engine/compare/overrides.ts';
import { render } from '../../../dsl/messages.ts';
import type { Message } from '../../../dsl/message.ts';
import { generateHousehold, placeTable } from '../../../engine/compare/population/generate.ts';
import { county, entries, household, POLICY_IDS } from './helpers.ts';

describe('the population evaluator agrees with evaluate()', () => {
  it('household by household, for the six policies, on 1500 generated households', () => {
    const list = entries(...POLICY_IDS);
    const fast = list.map((e) => fastPolicy(e.compiled, 'exit'));
    const spec = county();
    const cum = placeTable(spec);
    let compared = 0;
    for (let i = 0; i < 1500; i++) {
      const kase = generateHousehold(spec, 7, i, cum).kase;
      const prepared = prepareCase(kase);
      list.forEach((e, j) => {
        const proc = e.policy.procedures.exit!;
        const offered = proc.modes.some((m) => m.id === kase.exit!.mode);
        const slow = evaluate(e.compiled, { procedure: 'exit', kase });
        const f = fast[j]!.evaluate(prepared, kase);
        const failed = fast[j]!.reasons.filter((_, b) => f.failedMask & (1 << b)).map((r) => r.rule);
        const expected = [...(offered ? [] : [MODE_NOT_OFFERED]), ...slow.failed.map((x) => x.rule)];
        expect(failed.sort(), `${e.id} household ${i}`).toEqual([...new Set(expected)].sort());
        expect(f.eligible).toBe(slow.eligible && offered);
        expect(f.cents === null ? null : centsToYuan(f.cents), `${e.id} household ${i}`).toBe(slow.compensation?.amount ?? null);
        compared++;
      });
    }
    expect(compared).toBe(9000);
  });

  it('shares case-only expressions between policies without changing results', () => {
    const [q, n] = entries('qinzhou', 'neijiang');
    const a = fastPolicy(q!.compiled, 'exit');
    const b = fastPolicy(n!.compiled, 'exit');
    const kase = household();
    const prepared = prepareCase(kase);
    expect(centsToYuan(a.evaluate(prepared, kase).cents!)).toBe('53333.25');
    expect(centsToYuan(b.evaluate(prepared, kase).cents!)).toBe('91650.00');
    // A different household, prepared afresh, gets its own values.
    const small = household();
    small.exit!.parcels = ['坡地'];
    const p2 = prepareCase(small);
    expect(centsToYuan(b.evaluate(p2, small).cents!)).toBe('44850.00');
  });

  it('skips the amount of a refused household when asked to (populations only pay eligible ones)', () => {
    const [q] = entries('qinzhou');
    const kase = household();
    kase.household.members[1]!.consents = false;
    const prepared = prepareCase(kase);
    const lazy = fastPolicy(q!.compiled, 'exit', { compensateRefused: false }).evaluate(prepared, kase);
    expect(lazy).toMatchObject({ eligible: false, cents: null });
    expect(fastPolicy(q!.compiled, 'exit').evaluate(prepared, kase).cents).toBe(5333325);
  });

  it('reads a case parameter that only the amount needs only when the amount is computed', () => {
    const [lp] = entries('liangping');
    const fast = fastPolicy(lp!.compiled, 'exit', { compensateRefused: false });
    const counted = (refuse: boolean) => {
      const kase = household();
      if (refuse) kase.household.members[1]!.consents = false;
      let reads = 0;
      const price = kase.exit!.negotiatedPricePerMu;
      Object.defineProperty(kase.exit!, 'negotiatedPricePerMu', { enumerable: true, get: () => (reads++, price) });
      const r = fastPolicy(lp!.compiled, 'exit').evaluate(prepareCase(kase), kase);
      const lazy = fast.evaluate(prepareCase(kase), kase);
      return { reads, eligible: r.eligible, cents: r.cents, lazyCents: lazy.cents };
    };
    // min(协商价格 14000, 征地补偿标准 48000) × 2.35 亩 = 32900.00; each evaluator prepared its own case, so two reads.
    expect(counted(false)).toEqual({ reads: 2, eligible: true, cents: 3290000, lazyCents: 3290000 });
    // Refused: the amount-only evaluator (compensateRefused: false) never reads it; the full one once.
    expect(counted(true)).toEqual({ reads: 1, eligible: false, cents: 3290000, lazyCents: null });
  });

  it('formats 分 exactly', () => {
    expect([0, 5, 100, 5333325, -1234, 9007199254740].map(centsToYuan)).toEqual([
      '0.00',
      '0.05',
      '1.00',
      '53333.25',
      '-12.34',
      '90071992547.40',
    ]);
  });
});

describe('a procedure or mode the policy lacks', () => {
  // The same refusal as evaluate(): an EvaluateError naming the request's field, its message as data.
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof EvaluateError ? { input: e.input, text: e.text, message: e.message } : e;
    }
    throw new Error('not refused');
  };
  const neijiang = entries('neijiang')[0]!.compiled;

  it('no transfer procedure in 内江: evaluate.noProcedure, as evaluate() says it', () => {
    const fast = refusal(() => fastPolicy(neijiang, 'transfer'));
    expect(fast).toEqual({
      input: 'procedure',
      text: {
        code: 'evaluate.noProcedure',
        args: { policy: 'neijiang', procedure: { code: 'proc.transfer' }, have: { code: 'proc.exit' } },
      },
      message: '政策「neijiang」没有转让程序（有：退出） policy neijiang has no transfer procedure (it has: exit)',
    });
    expect(refusal(() => evaluate(neijiang, { procedure: 'transfer', kase: household() }))).toEqual(fast);
  });

  it('more refusal reasons than a 31-bit mask holds: a ComparePolicyError saying so as data', () => {
    const q = entries('qinzhou')[0]!.compiled;
    const proc = q.procedures.exit!;
    const first = proc.rules[0]!;
    const many = Array.from({ length: 32 }, (_, i) => ({ ...first, rule: { ...first.rule, id: `rule-${i}` } }));
    const compiled = { ...q, procedures: { ...q.procedures, exit: { ...proc, rules: many } } };
    let thrown: unknown;
    try {
      fastPolicy(compiled, 'exit');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ComparePolicyError);
    const e = thrown as ComparePolicyError;
    expect(e.text).toEqual({ code: 'compare.tooManyRules', args: { n: expect.any(Number), max: 31 } });
    const got = (e.text as Message).args!.n as number;
    expect(got).toBeGreaterThan(31);
    expect(render(e.text!, 'zh')).toBe(`规则过多（${got} > 31）`);
    expect(render(e.text!, 'en')).toBe(`too many rules to count (${got} > 31)`);
    expect(e.message).toBe(`规则过多 too many rules to count (${got} > 31)`);
  });

  it("a rule's reason is the message evaluate() gives it when it refuses", () => {
    const q = entries('qinzhou')[0]!.compiled;
    const plan = fastPolicy(q, 'exit');
    const rule = q.procedures.exit!.rules.find((r) => r.rule.severity !== 'warn')!;
    const reason = plan.reasons.find((r) => r.rule === rule.rule.id)!;
    expect(reason.message).toEqual({ code: 'evaluate.ruleFailed', args: { message: rule.rule.message } });
    const notOffered = plan.reasons.find((r) => r.rule === MODE_NOT_OFFERED)!;
    expect(notOffered.message.code).toBe('compare.modeNotOffered');
  });

  it('an unknown mode forced on every case: evaluate.unknownMode with the modes there are', () => {
    const qinzhou = entries('qinzhou')[0]!.compiled;
    const fast = refusal(() => fastPolicy(qinzhou, 'exit', { mode: 'nope' }));
    expect(fast).toMatchObject({ input: 'mode', text: { code: 'evaluate.unknownMode', args: { mode: 'nope' } } });
    expect(refusal(() => evaluate(qinzhou, { procedure: 'exit', mode: 'nope', kase: household() }))).toEqual(fast);
  });
});
