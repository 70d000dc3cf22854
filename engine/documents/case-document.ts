// One form of one case from its file (`landflow render`): evaluate the case under its policy, then
// fill the form from the evaluation through caseModelInput, as the server does for a stored case.
import type { CaseData } from '../../dsl/case-model.ts';
import type { FormDecl, Policy } from '../../dsl/policy-model.ts';
import { compilePolicy, evaluate, type CompiledPolicy, type Evaluation } from '../evaluate/index.ts';
import { caseInMode, caseModelInput } from './case-input.ts';
import { DocumentError } from './errors.ts';
import { renderForm, buildDocumentModel } from './index.ts';
import { storedTemplate, type TemplateSources } from './templates.ts';
import { msg } from '../../dsl/message.ts';

export interface CaseDocumentInput {
  policy: Policy;
  /** The policy version's templates, as loaded with it (engine/policies/load.ts). */
  templates: TemplateSources;
  compiled?: CompiledPolicy;
  formId: string;
  kase: CaseData;
  mode?: string;
  contractNumber?: { year: number; seq: number; text?: string };
  date?: string;
}

export interface CaseDocument {
  form: FormDecl;
  evaluation: Evaluation;
  html: string;
}

export function findForm(policy: Policy, formId: string): FormDecl {
  const form = policy.forms.find((f) => f.id === formId);
  if (!form) {
    const known = policy.forms.map((f) => f.id).join('、') || '（无 none）';
    throw new DocumentError('UNKNOWN_FORM', msg('doc.unknownForm', { policy: policy.meta.id, form: formId, known }), 'form');
  }
  return form;
}

export function renderCaseDocument(input: CaseDocumentInput): CaseDocument {
  const { policy, formId } = input;
  const form = findForm(policy, formId);
  const kase = caseInMode(input.kase, form.procedure, input.mode);
  if (!kase[form.procedure]) {
    throw new DocumentError('MODEL_INVALID', msg('doc.needsSection', { form: form.id, section: form.procedure }), form.procedure);
  }
  const compiled = input.compiled ?? compilePolicy(policy);
  const evaluation = evaluate(compiled, { procedure: form.procedure, kase, ...(input.mode ? { mode: input.mode } : {}) });
  const model = buildDocumentModel(
    caseModelInput({
      policy,
      form,
      kase,
      evaluation,
      ...(input.contractNumber ? { contractNumber: input.contractNumber } : {}),
      ...(input.date ? { date: input.date } : {}),
    }),
  );
  const html = renderForm({ template: storedTemplate(input.templates, form.template), model });
  return { form, evaluation, html };
}
