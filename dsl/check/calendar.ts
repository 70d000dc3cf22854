// The calendar layers a policy names (meta.calendar) must be ones the host can stack: an unknown
// id is an error at its line, never a silent fall back to the national calendar. The host passes
// the ids it knows (CheckOptions.knownCalendarLayers); without them there is nothing to check.
import type { CheckContext } from './context.ts';
import { didYouMean } from '../messages.ts';

export function checkCalendarLayers(ctx: CheckContext): void {
  const known = ctx.options.knownCalendarLayers;
  if (!known) return;
  const { meta } = ctx.policy;
  meta.calendar.forEach((id, i) => {
    if (known.includes(id)) return;
    ctx.report('P628', ctx.built.spans.get(meta, `calendar.${i}`), { id, known: known.join(', '), ...didYouMean(id, known) });
  });
}
