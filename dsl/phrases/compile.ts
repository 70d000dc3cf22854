// What a policy's workflow cannot be compiled from (engine/compile: CompileError; the step kinds'
// planning rules, engine/run/steps/). A checked policy never holds these, but a text compiled
// without its check (a stored version read back, a test) can. `both` keeps the lines the command
// line and the error bodies' `message` said before; step ids, parameter names and quoted values
// are arguments.
import type { PhraseDef } from '../messages.ts';

export const COMPILE_PHRASES: readonly PhraseDef[] = [
  {
    code: 'compile.undeclaredPeriod',
    zh: '步骤 {step} 引用了未声明的期间参数 {name}',
    en: 'step {step} names an undeclared period parameter: {name}',
    both: '步骤 {step} 引用了未声明的期间参数 step {step} names an undeclared period parameter: {name}',
  },
  {
    code: 'compile.notAPeriod',
    zh: '参数 {name} 不是期间（{value}）：{reason}',
    en: 'parameter {name} is not a period ({value}): {reason}',
    both: '参数 {name} 不是期间 parameter {name} is not a period ({value}): {reason}',
  },
  {
    code: 'compile.duplicateSteps',
    zh: '{procedure}程序的步骤编号重复',
    en: 'duplicate step ids in the {procedure} procedure',
    both: '步骤编号重复 duplicate step ids in {procedure.en}',
  },
  {
    code: 'compile.unknownAfter',
    zh: '步骤 {step} 的 after 引用了不存在的步骤 {after}',
    en: 'step {step}: after names an unknown step {after}',
    both: '步骤 {step} 的 after 引用了不存在的步骤 step {step}: after names an unknown step {after}',
  },
  {
    code: 'compile.cycle',
    zh: '步骤顺序有循环：{steps}',
    en: "the steps' after: order has a cycle among {steps}",
    both: "步骤顺序有循环 the steps' after: order has a cycle among {steps}",
  },
  {
    code: 'compile.notAShare',
    zh: '参数 {name} 不是比例',
    en: 'parameter {name} (compare: buyBackShare) is not a share',
  },
];
