// The form templates a policy declares, checked with it: every variable a template prints must exist
// in the document model, reported at the template's own file:line:column so a misspelt field is
// caught before it prints as an empty blank on a signed contract. Run by the loader (load.ts) on
// every load, so `landflow check`, the server's start and every publish refuse the same templates.
import type { PrintedDiagnostic } from '../../dsl/index.ts';
import type { Policy } from '../../dsl/policy-model.ts';
import { checkTemplate } from '../documents/check-template.ts';
import { msg, type Message } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';

export interface CheckedTemplate {
  /** How diagnostics name the template's file. */
  shown: string;
  source: string;
}

/** `templates` maps a form's `template` (as the policy writes it) to its source. */
function inForm(finding: Message, form: string): { message: string; text: Message } {
  const text = msg('tpl.inForm', { finding, form });
  return { message: renderBoth(text), text };
}

export function checkFormTemplates(policy: Policy, templates: ReadonlyMap<string, CheckedTemplate>): PrintedDiagnostic[] {
  const out: PrintedDiagnostic[] = [];
  const seen = new Set<string>();
  for (const form of policy.forms) {
    const t = templates.get(form.template);
    if (!t || seen.has(t.shown)) continue; // a missing template is the policy checker's P608
    seen.add(t.shown);
    for (const d of checkTemplate(t.source, t.shown)) {
      out.push({
        file: d.file,
        line: d.line,
        column: d.column,
        endLine: d.line,
        endColumn: d.column,
        severity: 'error',
        code: d.code,
        ...inForm(d.text, form.id),
        cite: form.cite,
      });
    }
  }
  return out;
}
