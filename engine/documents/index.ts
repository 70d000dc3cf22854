// The documents layer's public face, used by `landflow render` and the server:
//   const model = buildDocumentModel({ policy, form, kase, result, contractNumber, date });
//   const html = renderForm({ policyDir, templatePath: form.template, model });
//   await renderPdf(html, 'out/退出合同.pdf');
// renderForm refuses a template that fails checkTemplate, listing every problem as
// file:line:column, so a misspelt field never prints as an empty blank on a signed contract.

import { relative } from 'node:path';
import { checkTemplate, formatTemplateDiagnostics } from './check-template.ts';
import { DocumentError } from './errors.ts';
import type { DocumentModel } from './model.ts';
import { renderHtml } from './render-html.ts';
import { loadTemplate } from './templates.ts';

export interface RenderFormInput {
  /** The folder of the policy file (templates are named relative to it). */
  policyDir: string;
  /** The form's `template` as declared in the policy, e.g. "templates/qinzhou/退出合同.hbs". */
  templatePath: string;
  model: DocumentModel;
}

/** Loads, checks and renders a form template; returns a self-contained A4 HTML document. */
export function renderForm({ policyDir, templatePath, model }: RenderFormInput): string {
  const { file, source } = loadTemplate(policyDir, templatePath);
  const shown = relative(process.cwd(), file) || file;
  const diagnostics = checkTemplate(source, shown);
  if (diagnostics.length > 0) {
    throw new DocumentError(
      'TEMPLATE_INVALID',
      `模板有错误 template has errors:\n${formatTemplateDiagnostics(diagnostics)}`,
    );
  }
  return renderHtml(source, model, shown);
}

export { renderPdf, createPdfRenderer, type PdfRenderer } from './pdf.ts';
export { buildDocumentModel, type DocumentModel, type DocumentModelInput } from './model.ts';
export { renderHtml } from './render-html.ts';
export { loadTemplate, BUNDLED_TEMPLATES_DIR, type LoadedTemplate } from './templates.ts';
export { checkTemplate, formatTemplateDiagnostics, type TemplateDiagnostic } from './check-template.ts';
export { amountInWords, amountInWordsWithPrefix, areaInWords, countInWords } from './amount-words.ts';
export { validateIdNumber, maskIdNumber, idCheckDigit, type IdCheck } from './idcard.ts';
export { formatChineseDate, formatDateInWords } from './chinese-date.ts';
export { formatContractNumber, type ContractKind, type ContractNumber } from './contract-number.ts';
export { DocumentError, type DocumentErrorCode } from './errors.ts';
export { MODEL_SHAPE, shapePaths } from './model-shape.ts';
export { HELPERS, PARTIALS } from './helpers.ts';
