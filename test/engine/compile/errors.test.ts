// What a workflow cannot be compiled from is a CompileError whose message is data (issue #13):
// a catalogue code with its arguments (dsl/phrases/compile.ts, and the one wording of a missing
// procedure or mode, dsl/phrases/evaluate.ts), real Chinese and real English, and as `message` the
// line the command line printed before.
import { describe, expect, it } from 'vitest';
import { compileWorkflow, CompileError } from '../../../engine/compile/index.ts';
import type { ProcedureKind } from '../../../dsl/case-model.ts';
import type { Policy } from '../../../dsl/policy-model.ts';
import { render } from '../../../dsl/messages.ts';
import type { Text } from '../../../dsl/message.ts';
import { pinned } from '../run/fixtures.ts';

function refusal(policy: Policy, procedure: ProcedureKind = 'exit', mode?: string): CompileError {
  try {
    compileWorkflow(policy, procedure, mode);
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error('compiled');
}

const said = (e: CompileError) => ({ code: e.code, text: e.text, zh: render(e.text, 'zh'), en: render(e.text, 'en'), message: e.message });

const qinzhou = () => structuredClone(pinned('qinzhou').policy);

describe('CompileError carries its message as data', () => {
  it('a missing procedure: evaluate.noProcedure, naming the procedure the policy has', () => {
    expect(said(refusal(pinned('neijiang').policy, 'transfer'))).toEqual({
      code: 'NO_PROCEDURE',
      text: {
        code: 'evaluate.noProcedure',
        args: { policy: 'neijiang', procedure: { code: 'proc.transfer' }, have: { code: 'proc.exit' } },
      },
      zh: '政策「neijiang」没有转让程序（有：退出）',
      en: 'policy neijiang has no transfer procedure (it has: exit)',
      message: '政策「neijiang」没有转让程序（有：退出） policy neijiang has no transfer procedure (it has: exit)',
    });
  });

  it('an unknown mode: evaluate.unknownMode, with the modes there are', () => {
    const e = refusal(pinned('qinzhou').policy, 'exit', 'custody');
    expect(e.code).toBe('UNKNOWN_MODE');
    expect(e.text).toEqual({ code: 'evaluate.unknownMode', args: { mode: 'custody', have: 'permanent' } });
    expect(render(e.text, 'zh')).toBe('未知的退出方式：custody（可选：permanent）');
    expect(render(e.text, 'en')).toBe('unknown mode: custody (available: permanent)');
  });

  it('a step whose after: names no step', () => {
    const p = qinzhou();
    p.procedures.exit!.steps[1]!.after = ['nowhere'];
    const step = p.procedures.exit!.steps[1]!.id;
    expect(said(refusal(p))).toEqual({
      code: 'BAD_STEP',
      text: { code: 'compile.unknownAfter', args: { step, after: 'nowhere' } },
      zh: `步骤 ${step} 的 after 引用了不存在的步骤 nowhere`,
      en: `step ${step}: after names an unknown step nowhere`,
      message: `步骤 ${step} 的 after 引用了不存在的步骤 step ${step}: after names an unknown step nowhere`,
    });
  });

  it('two steps with one id', () => {
    const p = qinzhou();
    const steps = p.procedures.exit!.steps;
    steps.push({ ...steps[0]! });
    expect(said(refusal(p))).toEqual({
      code: 'BAD_STEP',
      text: { code: 'compile.duplicateSteps', args: { procedure: { code: 'proc.exit' } } },
      zh: '退出程序的步骤编号重复',
      en: 'duplicate step ids in the exit procedure',
      message: '步骤编号重复 duplicate step ids in exit',
    });
  });

  it('steps in a cycle', () => {
    const p = qinzhou();
    const steps = p.procedures.exit!.steps;
    steps[0]!.after = [steps[1]!.id];
    const e = refusal(p);
    expect(e.code).toBe('CYCLE');
    expect(e.text.code).toBe('compile.cycle');
    const ids = e.text.args!.steps as string;
    expect(ids.split(', ')).toContain(steps[0]!.id);
    expect(render(e.text, 'zh')).toBe(`步骤顺序有循环：${ids}`);
    expect(render(e.text, 'en')).toBe(`the steps' after: order has a cycle among ${ids}`);
  });

  it('a period naming no parameter, and a parameter that is not a period', () => {
    const p = qinzhou();
    const step = p.procedures.exit!.steps.find((s) => s.period)!;
    const name = step.period!;
    step.period = 'nope';
    expect(said(refusal(p))).toEqual({
      code: 'BAD_PERIOD',
      text: { code: 'compile.undeclaredPeriod', args: { step: step.id, name: 'nope' } },
      zh: `步骤 ${step.id} 引用了未声明的期间参数 nope`,
      en: `step ${step.id} names an undeclared period parameter: nope`,
      message: `步骤 ${step.id} 引用了未声明的期间参数 step ${step.id} names an undeclared period parameter: nope`,
    });
    step.period = name;
    p.parameters.find((x) => x.name === name)!.value = '十百日';
    const e = refusal(p);
    expect(e.code).toBe('BAD_PERIOD');
    expect(e.text).toMatchObject({ code: 'compile.notAPeriod', args: { name, value: '"十百日"', reason: { code: expect.any(String) } } });
    const reason = e.text.args!.reason as Text;
    expect(render(reason, 'en')).toContain('decreasing order');
    expect(render(e.text, 'zh')).toBe(`参数 ${name} 不是期间（"十百日"）：${render(reason, 'zh')}`);
    expect(render(e.text, 'en')).toBe(`parameter ${name} is not a period ("十百日"): ${render(reason, 'en')}`);
  });

  it('a buy-back share that is not a share (the re-entry step)', () => {
    const p = structuredClone(pinned('model-scheme').policy);
    const share = p.parameters.find((x) => x.compare === 'buyBackShare')!;
    share.value = '15 日';
    const e = refusal(p, 'exit');
    expect(said(e)).toEqual({
      code: 'BAD_STEP',
      text: { code: 'compile.notAShare', args: { name: share.name } },
      zh: `参数 ${share.name} 不是比例`,
      en: `parameter ${share.name} (compare: buyBackShare) is not a share`,
      message: `参数 ${share.name} 不是比例 parameter ${share.name} (compare: buyBackShare) is not a share`,
    });
  });
});
