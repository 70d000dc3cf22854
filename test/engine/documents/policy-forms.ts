// Renders a bundled policy's form for a case the way `landflow render` and the server do: the
// policy checked, the case evaluated, the evaluation turned into the document model by
// caseModelInput, the form's template rendered. Only the template is read here, from the bundled
// policies/ folder, so these tests exercise the document layer and not the file loader.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkPolicy } from '../../../dsl/index.ts';
import type { CaseData } from '../../../dsl/case-model.ts';
import type { FormDecl, Policy } from '../../../dsl/policy-model.ts';
import { compilePolicy, evaluate, type CompiledPolicy, type Evaluation } from '../../../engine/evaluate/index.ts';
import { caseInMode, caseModelInput, type SignedContract } from '../../../engine/documents/case-input.ts';
import { buildDocumentModel, type DocumentModel } from '../../../engine/documents/model.ts';
import { renderHtml } from '../../../engine/documents/render-html.ts';

export const POLICIES_DIR = fileURLToPath(new URL('../../../policies/', import.meta.url));
export const BUNDLED_POLICIES = ['qinzhou', 'liangping', 'pingluo', 'neijiang', 'leling', 'model-scheme'] as const;

export interface LoadedTestPolicy {
  policy: Policy;
  compiled: CompiledPolicy;
}

const loaded = new Map<string, LoadedTestPolicy>();

/** A policy from its YAML text (a bundled file, or a test's own text): checked, no errors allowed. */
export function policyFromText(text: string, file: string): LoadedTestPolicy {
  const r = checkPolicy(text, file);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.policy || errors.length) throw new Error(`${file}: ${JSON.stringify(errors)}`);
  return { policy: r.policy, compiled: compilePolicy(r.policy) };
}

export function bundledPolicy(id: string): LoadedTestPolicy {
  let p = loaded.get(id);
  if (!p) {
    const file = `${POLICIES_DIR}${id}.yaml`;
    p = policyFromText(readFileSync(file, 'utf8'), file);
    loaded.set(id, p);
  }
  return p;
}

const sources = new Map<string, string>();

/** A form's template text: "templates/x/y.hbs" beside the policies, or a bundled id "generic/y". */
export function templateSource(name: string): string {
  let s = sources.get(name);
  if (s === undefined) {
    const bare = name.replace(/^templates\//, '').replace(/\.hbs$/, '');
    const file = `${POLICIES_DIR}templates/${bare}.hbs`;
    if (!existsSync(file)) throw new Error(`no template ${name}`);
    s = readFileSync(file, 'utf8');
    sources.set(name, s);
  }
  return s;
}

export interface RenderedForm {
  form: FormDecl;
  evaluation: Evaluation;
  model: DocumentModel;
  html: string;
  /** What a reader sees: tags and the style sheet removed, whitespace dropped. */
  text: string;
}

export function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, '');
}

export interface RenderOptions {
  mode?: string;
  signed?: SignedContract;
  date?: string;
  contractNumber?: { year: number; seq: number };
}

export function renderPolicyForm(p: LoadedTestPolicy, formId: string, kase: CaseData, o: RenderOptions = {}): RenderedForm {
  const form = p.policy.forms.find((f) => f.id === formId);
  if (!form) throw new Error(`${p.policy.meta.id} has no form ${formId}`);
  const k = caseInMode(kase, form.procedure, o.mode);
  const evaluation = evaluate(p.compiled, { procedure: form.procedure, kase: k, ...(o.mode ? { mode: o.mode } : {}) });
  const model = buildDocumentModel(
    caseModelInput({
      policy: p.policy,
      form,
      kase: k,
      evaluation,
      ...(o.signed ? { signed: o.signed } : {}),
      ...(o.date ? { date: o.date } : {}),
      ...(o.contractNumber ? { contractNumber: o.contractNumber } : {}),
    }),
  );
  const html = renderHtml(templateSource(form.template), model, form.template);
  return { form, evaluation, model, html, text: visibleText(html) };
}
