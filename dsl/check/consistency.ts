// Consistency inside one policy: parts of the same document that say different things.
import type { Period, Span } from '../policy-model.ts';
import { msg } from '../message.ts';
import { samePeriod } from '../legal-text/index.ts';
import { firstAt, type CheckContext } from './context.ts';

export function checkConsistency(ctx: CheckContext): void {
  const { policy, built } = ctx;
  const params = new Map(policy.parameters.map((p) => [p.name, p]));
  const notice = policy.parameters.find((p) => p.compare === 'noticePeriod');

  for (const proc of Object.values(policy.procedures)) {
    for (const s of proc?.steps ?? []) {
      // 钦州: Art. 7 says 公示三个工作日, Form 3 says objections within 15 日.
      const objections = s.periods?.objections;
      if (s.period && objections) {
        const p = params.get(s.period);
        const o = params.get(objections);
        if (p?.period && o?.period && !samePeriod(p.period, o.period)) {
          ctx.report(
            'K801',
            built.spans.get(s, 'periods.objections'),
            {
              objection: show(o.period),
              objectionCite: o.cite,
              period: show(p.period),
              periodCite: p.cite,
            },
            {
              cite: `${o.cite}、${p.cite}`,
              related: [
                { ...(o.valueSpan ?? o.span), message: msg('related.objectionPeriod', { name: o.name, period: show(o.period) }) },
                { ...(p.valueSpan ?? p.span), message: msg('related.noticePeriod', { name: p.name, period: show(p.period) }) },
              ],
            },
          );
        }
      }
      if (s.kind === 'writtenNotice' && s.period && params.has(s.period) && notice && s.period !== notice.name && proc?.kind === 'exit') {
        ctx.report('K804', built.spans.get(s, 'period'), { name: s.period, notice: notice.name });
      }
      // Two voting rules for the same body, neither with a condition, cannot both be meant.
      const unconditional = new Map<string, Span>();
      for (const v of s.votes ?? []) {
        if (v.when) continue;
        const at = built.spans.get(v, 'body') ?? v.span;
        for (const b of v.body) {
          const first = unconditional.get(b);
          if (first) ctx.report('K803', at, { body: b }, firstAt(first, b, msg('related.otherVote', { body: b })));
          else unconditional.set(b, at);
        }
      }
    }
  }

  const byKey = new Map<string, { name: string; at: Span }>();
  for (const p of policy.parameters) {
    if (!p.compare) continue;
    const at = built.spans.get(p, 'compare') ?? p.span;
    const other = byKey.get(p.compare);
    if (other)
      ctx.report(
        'K802',
        at,
        { name: p.name, other: other.name, key: p.compare },
        firstAt(other.at, other.name, msg('related.compareKey', { name: other.name })),
      );
    else byKey.set(p.compare, { name: p.name, at });
  }
}

function show(p: Period): string {
  return p.text;
}
