// Advice: what the paper on the pilots proposes for a better scheme (docs/domain.md, "The other
// pilots"). Not law, so never a warning: notes the officer reads, and may waive in writing.
import type { CheckContext } from './context.ts';

export function checkAdvice(ctx: CheckContext): void {
  const exit = ctx.policy.procedures.exit;
  if (!exit) return;
  const at = ctx.built.spans.get(exit, 'steps') ?? exit.span;
  if (!exit.steps.some((s) => s.kind === 'coolingOff')) ctx.report('A001', at);
  if (!exit.steps.some((s) => s.kind === 'reentry')) ctx.report('A002', at);
  if (exit.modes.length < 2) ctx.report('A003', ctx.built.spans.get(exit, 'modes') ?? at);
}
