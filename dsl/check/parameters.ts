// Parameters: each has a value or is supplied by the case (never both), its value reads as a
// quantity or a period, its declared unit agrees with its value, assumptions carry a note. What a
// parameter is worth and of which type was settled when it was read (dsl/build/parameters.ts):
// here it is only judged.
import { allCasePaths } from '../case-paths.ts';
import { didYouMean } from '../messages.ts';
import { canonicalUnit } from '../parameters.ts';
import type { CheckContext } from './context.ts';
import { msg } from '../message.ts';

export function checkParameters(ctx: CheckContext): void {
  const { built, policy } = ctx;
  for (const p of policy.parameters) {
    const sp = (k: string) => built.spans.get(p, k) ?? p.span;
    if (p.assumed && !p.note) ctx.report('P615', sp('assumed'));
    const { declaredUnit: declared, info, type, periodProblem } = built.parameterFacts.get(p)!;
    if (info.kind === 'error') {
      if (info.code === 'P614') ctx.report('P614', p.span, { name: p.name });
      else if (info.code === 'N406') ctx.report('N406', sp('from'), { path: info.detail, ...didYouMean(info.detail, allCasePaths()) });
      else if (info.code === 'U459') ctx.report('U459', sp('from'), { path: info.detail });
      else if (!p.period) ctx.report('U454', sp('value'), { name: p.name, detail: periodProblem ?? info.detail });
    }
    if (declared !== undefined && type.kind === 'number') {
      const canon = canonicalUnit(declared);
      if (canon === undefined) ctx.report('U454', sp('unit'), { name: p.name, detail: msg('detail.unknownUnit', { unit: declared }) });
      else if (canon !== type.unit) ctx.report('U453', sp('unit'), { name: p.name, declared, actual: type.unit || msg('unit.none') });
    }
    ctx.paramTypes.set(p.name, type);
  }
}
