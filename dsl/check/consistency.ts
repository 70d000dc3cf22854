// Consistency inside one policy: parts of the same document that say different things.
import type { Period } from '../policy-model.ts';
import { samePeriod } from '../legal-text/index.ts';
import type { CheckContext } from './context.ts';

export function checkConsistency(ctx: CheckContext): void {
  const { policy, built } = ctx;
  const params = new Map(policy.parameters.map((p) => [p.name, p]));
  const notice = policy.parameters.find((p) => p.compare === 'noticePeriod');

  for (const proc of Object.values(policy.procedures)) {
    for (const s of proc?.steps ?? []) {
      // 钦州: Art. 7 says 公示三个工作日, Form 3 says objections within 15 日.
      if (s.kind === 'publicNotice' && s.period && s.objectionPeriod) {
        const p = params.get(s.period);
        const o = params.get(s.objectionPeriod);
        if (p?.period && o?.period && !samePeriod(p.period, o.period)) {
          ctx.report(
            'K801',
            built.spans.get(s, 'objectionPeriod'),
            {
              objection: show(o.period),
              objectionCite: o.cite,
              period: show(p.period),
              periodCite: p.cite,
            },
            { cite: `${o.cite}、${p.cite}` },
          );
        }
      }
      if (s.kind === 'writtenNotice' && s.period && params.has(s.period) && notice && s.period !== notice.name && proc?.kind === 'exit') {
        ctx.report('K804', built.spans.get(s, 'period'), { name: s.period, notice: notice.name });
      }
      // Two voting rules for the same body, neither with a condition, cannot both be meant.
      const unconditional = new Map<string, boolean>();
      for (const v of s.votes ?? []) {
        if (v.when) continue;
        for (const b of v.body) {
          if (unconditional.has(b)) ctx.report('K803', built.spans.get(v, 'body') ?? v.span, { body: b });
          unconditional.set(b, true);
        }
      }
    }
  }

  const byKey = new Map<string, string>();
  for (const p of policy.parameters) {
    if (!p.compare) continue;
    const other = byKey.get(p.compare);
    if (other) ctx.report('K802', built.spans.get(p, 'compare') ?? p.span, { name: p.name, other, key: p.compare });
    else byKey.set(p.compare, p.name);
  }
}

function show(p: Period): string {
  return p.text;
}
