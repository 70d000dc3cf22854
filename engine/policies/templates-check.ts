// The form templates a policy declares, checked with it: every variable a template prints must exist
// in the document model, reported at the template's own file:line:column so `landflow check` catches
// a misspelt field before it prints as an empty blank on a signed contract.
import { dirname, relative } from 'node:path';
import type { PrintedDiagnostic } from '../../dsl/index.ts';
import type { Policy } from '../../dsl/policy-model.ts';
import { checkTemplate, loadTemplate, DocumentError } from '../documents/index.ts';

export function checkFormTemplates(policy: Policy, policyFile: string, cwd: string): PrintedDiagnostic[] {
  const out: PrintedDiagnostic[] = [];
  const seen = new Set<string>();
  for (const form of policy.forms) {
    let loaded;
    try {
      loaded = loadTemplate(dirname(policyFile), form.template);
    } catch (e) {
      if (e instanceof DocumentError) continue; // a missing template is the policy checker's P6xx finding
      throw e;
    }
    if (seen.has(loaded.file)) continue;
    seen.add(loaded.file);
    const shown = relative(cwd, loaded.file) || loaded.file;
    for (const d of checkTemplate(loaded.source, shown)) {
      out.push({
        file: d.file,
        line: d.line,
        column: d.column,
        endLine: d.line,
        endColumn: d.column,
        severity: 'error',
        code: d.code,
        message: `${d.message}（表单 form「${form.id}」）`,
        cite: form.cite,
      });
    }
  }
  return out;
}
