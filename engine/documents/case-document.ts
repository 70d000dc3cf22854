// One form of one case: evaluate the case under its policy, then fill the form from the engine's
// decimal results. Shared by `landflow render` and the server, so both print the same bytes.
import type { CaseData } from '../../dsl/case-model.ts';
import type { FormDecl, Policy } from '../../dsl/policy-model.ts';
import { compilePolicy, evaluate, type CompiledPolicy, type Evaluation } from '../evaluate/index.ts';
import { DocumentError } from './errors.ts';
import { renderForm, buildDocumentModel } from './index.ts';
import { storedTemplate, type TemplateSources } from './templates.ts';

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
    throw new DocumentError('UNKNOWN_FORM', `政策 ${policy.meta.id} 没有表单「${formId}」 policy ${policy.meta.id} has no form "${formId}"; 可用 available: ${known}`, 'form');
  }
  return form;
}

function membershipOf(policy: Policy, form: FormDecl, kase: CaseData, mode?: string) {
  if (form.procedure !== 'exit') return undefined;
  const id = mode ?? kase.exit?.mode;
  return policy.procedures.exit?.modes.find((m) => m.id === id)?.membership;
}

export function renderCaseDocument(input: CaseDocumentInput): CaseDocument {
  const { policy, formId, kase } = input;
  const form = findForm(policy, formId);
  if (!kase[form.procedure]) {
    throw new DocumentError('MODEL_INVALID', `表单「${form.id}」需要案件的 ${form.procedure} 部分 form "${form.id}" needs the case's "${form.procedure}" section`, form.procedure);
  }
  const compiled = input.compiled ?? compilePolicy(policy);
  const evaluation = evaluate(compiled, { procedure: form.procedure, kase, ...(input.mode ? { mode: input.mode } : {}) });
  const compensation = evaluation.compensation;
  const result = form.procedure === 'transfer'
    ? { ...(compensation ? { transferTotal: compensation.amount } : {}) }
    : { ...(compensation ? { compensation: { amount: compensation.amount, words: compensation.words, ...(compensation.perMu ? { perMu: compensation.perMu } : {}) } } : {}) };
  const model = buildDocumentModel({
    policy: { id: policy.meta.id, name: policy.meta.name, shortName: policy.meta.shortName, region: policy.meta.region, articles: policy.articles },
    form,
    kase,
    result,
    ...(input.contractNumber ? { contractNumber: input.contractNumber } : {}),
    ...(input.date ? { date: input.date } : {}),
    ...(membershipOf(policy, form, kase, input.mode) ? { modeMembership: membershipOf(policy, form, kase, input.mode) } : {}),
  });
  const html = renderForm({ template: storedTemplate(input.templates, form.template), model });
  return { form, evaluation, html };
}
