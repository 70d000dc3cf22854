// A policy's form rendered in the browser for an example case: the same document model and
// handlebars templates the server prints from (engine/documents), the amount from the policy's own
// evaluation. Loaded only when an officer opens a form (handlebars is not small).
import type { Example, FormDecl, Policy } from '../../../dsl/policy-model.ts';
import type { CaseData } from '../../../dsl/case-model.ts';
import { parseTemplateName } from '../../../dsl/policy-files.ts';
import { buildDocumentModel } from '../../../engine/documents/model.ts';
import { caseModelInput } from '../../../engine/documents/case-input.ts';
import { renderHtml } from '../../../engine/documents/render-html.ts';
import { compilePolicy, evaluate } from '../../../engine/evaluate/index.ts';
import { t } from '../i18n.ts';
import { exampleCase } from '../common/example-cases.ts';

/** The bundled templates (policies/templates/**), named as a policy names them (dsl/policy-files.ts). */
const templates = import.meta.glob<string>('../../../policies/templates/**/*.hbs', { query: '?raw', import: 'default' });
const templateAt = (name: string) => {
  const n = parseTemplateName(name);
  return n.ok ? templates[`../../../policies/templates/${n.rel}`] : undefined;
};

/** Renders one form of a policy for an example's case. */
export async function previewForm(policy: Policy, form: FormDecl, ex: Example): Promise<string> {
  const load = templateAt(form.template);
  if (!load) throw new Error(`${t('policy.templateMissing')}: ${form.template}`);
  const kase = (await exampleCase(ex)) as CaseData | null;
  if (!kase) throw new Error(t('policy.noExampleCase'));
  const ev = evaluate(compilePolicy(policy), { procedure: form.procedure, ...(ex.mode ? { mode: ex.mode } : {}), kase });
  const model = buildDocumentModel(caseModelInput({ policy, form, kase, evaluation: ev }));
  return renderHtml(await load(), model, form.template);
}
