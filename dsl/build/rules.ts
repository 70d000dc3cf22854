// Eligibility rules (a procedure's or a mode's): id, label, the `rule:` expression, an optional
// `when:`, declared semantics (`implements:`), severity and citation.
import type { Mode, Rule } from '../policy-model.ts';
import type { ProcedureKind } from '../case-model.ts';
import { entry, type LNode } from '../yaml.ts';
import { isMap, strings, text, type Reader } from './reader.ts';

export function buildRules(r: Reader, n: LNode | undefined, procedure: ProcedureKind, mode?: Mode): Rule[] {
  if (n?.kind !== 'seq') return [];
  const out: Rule[] = [];
  for (const item of n.items) {
    if (!isMap(item)) continue;
    const rule: Rule = { id: '', label: '', expr: '', implements: [], cite: '', message: '', span: item.span, exprSpan: item.span };
    rule.id = r.field(rule, item, 'id') ?? '';
    rule.label = r.field(rule, item, 'label') ?? '';
    rule.message = r.field(rule, item, 'message') ?? rule.label;
    rule.cite = r.cite(rule, item);
    const impl = entry(item, 'implements');
    if (impl)
      strings(impl.value).forEach((s, i) => {
        rule.implements.push(s.value);
        r.spans.set(rule, `implements.${i}`, s.span);
      });
    const sev = text(entry(item, 'severity')?.value);
    if (sev === 'warn' || sev === 'refuse') rule.severity = sev;
    const ex = r.expression(item, 'rule', { role: 'rule', procedure, mode, owner: rule });
    rule.expr = ex.text ?? '';
    if (ex.span) rule.exprSpan = ex.span;
    const w = r.expression(item, 'when', { role: 'when', procedure, mode, owner: rule });
    if (w.text !== undefined) {
      rule.when = w.text;
      rule.whenSpan = w.span;
    }
    out.push(rule);
  }
  return out;
}
