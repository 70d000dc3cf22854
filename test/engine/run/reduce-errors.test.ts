// Events that cannot be folded into a case are a ReduceError whose message is data (issue #13,
// dsl/phrases/run.ts reduce.*): what `landflow audit verify` and a refold say of a damaged history,
// in Chinese as before, in real English, and on one line in both.
import { describe, expect, it } from 'vitest';
import { reduce, ReduceError } from '../../../engine/run/index.ts';
import { stepOf, type CaseState } from '../../../engine/run/state.ts';
import type { CaseEvent } from '../../../engine/run/events.ts';
import { render, TextError } from '../../../dsl/messages.ts';
import { thrown } from '../../helpers/errors.ts';

const refusal = (f: () => unknown): ReduceError => thrown(ReduceError, f);

const said = (e: ReduceError) => [e.text, render(e.text!, 'zh'), render(e.text!, 'en'), e.message];
const event = (type: string, payload: unknown = {}) => ({ type, payload }) as unknown as CaseEvent;
const state = { steps: {}, contract: null, payments: [] } as unknown as CaseState;

describe('ReduceError says why as a message', () => {
  it('is a TextError', () => {
    expect(refusal(() => reduce(undefined, event('StepDone')))).toBeInstanceOf(TextError);
  });

  it('an event before the case was opened, a second opening, an unknown type', () => {
    expect(said(refusal(() => reduce(undefined, event('StepDone'))))).toEqual([
      { code: 'reduce.beforeOpened', args: { type: 'StepDone' } },
      '事件 StepDone 出现在 CaseOpened 之前',
      'event StepDone before CaseOpened',
      '事件 StepDone 出现在 CaseOpened 之前 event StepDone before CaseOpened',
    ]);
    expect(said(refusal(() => reduce(state, event('CaseOpened'))))).toEqual([
      { code: 'reduce.openedTwice' },
      'CaseOpened 只能是第一个事件',
      'CaseOpened must be the first event',
      'CaseOpened 只能是第一个事件 CaseOpened must be the first event',
    ]);
    expect(said(refusal(() => reduce(state, event('Nonsense'))))).toEqual([
      { code: 'reduce.unknownEvent', args: { type: 'Nonsense' } },
      '未知事件类型：Nonsense',
      'unknown event type: Nonsense',
      '未知事件类型 unknown event type: Nonsense',
    ]);
  });

  it('an event naming no step of the case, a payment before any contract', () => {
    expect(said(refusal(() => stepOf(state, 'nowhere')))).toEqual([
      { code: 'reduce.unknownStep', args: { step: '"nowhere"' } },
      '未知步骤 "nowhere"',
      'unknown step "nowhere"',
      '未知步骤 unknown step "nowhere"',
    ]);
    const paid = refusal(() => reduce(state, event('PaymentRecorded', { step: 'pay', date: '2026-03-01', amount: '1.00', lateDays: 0 })));
    expect(said(paid)).toEqual([
      { code: 'reduce.paymentBeforeContract' },
      '付款前没有合同',
      'a payment before any contract',
      '付款前没有合同 a payment before any contract',
    ]);
  });
});
