// The calendar layers a policy names (meta.calendar) must be ones the host can stack: an unknown
// id is an error at its line, never a silent fall back to the national calendar. The host passes
// The known ids are one declared list (dsl/calendar-layers.ts), the same in the editor and the server.
import type { CheckContext } from './context.ts';
import { didYouMean } from '../messages.ts';
import { CALENDAR_LAYER_IDS } from '../calendar-layers.ts';

export function checkCalendarLayers(ctx: CheckContext): void {
  const known = CALENDAR_LAYER_IDS;
  const { meta } = ctx.policy;
  meta.calendar.forEach((id, i) => {
    if (known.includes(id)) return;
    ctx.report('P628', ctx.built.spans.get(meta, `calendar.${i}`), { id, known: known.join(', '), ...didYouMean(id, known) });
  });
}
