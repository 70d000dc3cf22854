// Waivers: a national-law finding or a piece of advice may be set aside only by a written
// justification in the file.
// The finding is replaced by a note that shows the justification, so the choice stays visible.
import type { Diagnostic } from '../diagnostics.ts';
import { diag } from '../diagnostics.ts';
import type { CheckContext } from './context.ts';

export function applyWaivers(ctx: CheckContext, diagnostics: Diagnostic[]): Diagnostic[] {
  const waivers = ctx.policy.waivers;
  if (waivers.length === 0) return diagnostics;
  const out: Diagnostic[] = [];
  const used = new Set<string>();
  const waivable = new Map<string, string>();
  for (const w of waivers) {
    const span = ctx.built.spans.get(w, 'code') ?? w.span;
    if (!(/^L7\d\d$/.test(w.code) || /^A0\d\d$/.test(w.code)) || /^L79\d$/.test(w.code)) {
      out.push(diag(ctx.file, 'L791', span, { code: w.code }));
      continue;
    }
    if (w.justification.trim()) waivable.set(w.code, w.justification.trim());
  }
  for (const d of diagnostics) {
    const justification = waivable.get(d.code);
    if (justification === undefined) {
      out.push(d);
      continue;
    }
    used.add(d.code);
    out.push({
      ...diag(ctx.file, 'L790', { start: d.start, end: d.end }, { code: d.code, justification }),
      cite: d.cite,
      related: [{ start: d.start, end: d.end, message: d.message }],
    });
  }
  for (const w of waivers) {
    if (waivable.has(w.code) && !used.has(w.code))
      out.push(diag(ctx.file, 'L792', ctx.built.spans.get(w, 'code') ?? w.span, { code: w.code }));
  }
  return out;
}
