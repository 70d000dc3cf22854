// Types and units at the policy level: a rule or condition is true/false, a compensation is money
// in 元 (元/亩/年 × 亩 × 年 = 元 is the expression language's job; here we insist on the result),
// a cap is in 元, a per-亩 amount in 元/亩, and rounding is to a power of ten of 元.
import type { CheckContext } from './context.ts';
// A type is named by the expression checker's words (dsl/expr/types.ts typeMessage), the same as
// in its own findings: a list says what it holds.
import { fromValueType, typeMessage } from '../expr/types.ts';

export function checkUnits(ctx: CheckContext): void {
  for (const site of ctx.built.exprs) {
    const t = ctx.exprTypes.get(site);
    if (!t || t.kind === 'unknown') continue;
    const span = site.scalar.span;
    const type = typeMessage(fromValueType(t));
    switch (site.role) {
      case 'rule':
        if (t.kind !== 'bool') ctx.report('U451', span, { type });
        break;
      case 'when':
      case 'voteWhen':
      case 'stepWhen':
        if (t.kind !== 'bool') ctx.report('U456', span, { type });
        break;
      case 'formula':
        if (t.kind !== 'number' || t.unit !== '元') ctx.report('U452', span, { type });
        break;
      case 'cap':
        if (t.kind !== 'number' || t.unit !== '元') ctx.report('U455', span, { type });
        break;
      case 'perMu':
        if (t.kind !== 'number' || t.unit !== '元/亩') ctx.report('U457', span, { type });
        break;
      default:
        break;
    }
  }
  const comps = new Set(ctx.built.exprs.flatMap((s) => (s.compensation ? [s.compensation] : [])));
  for (const c of comps) {
    if (c.round.places < 0) ctx.report('U458', ctx.built.spans.get(c.round, 'to') ?? c.span, { to: c.round.to });
    if (c.round.assumed && !c.round.note) ctx.report('P615', ctx.built.spans.get(c.round, 'assumed'));
    if (c.payerAssumed && !c.payerNote) ctx.report('P615', ctx.built.spans.get(c, 'payerAssumed'));
  }
}
