// The documents layer's public face, used by `landflow render` and the server:
//   const model = buildDocumentModel({ policy, form, kase, result, contractNumber, date });
//   const html = renderForm({ template: { file, source }, model });
//   await renderPdf(html, 'out/退出合同.pdf');
// A template's source comes with the policy version (engine/policies/load.ts reads it once, through
// loadTemplate), never from disk at render time: a signed case prints the template it was signed with.
// renderForm refuses a template that fails checkTemplate, listing every problem as
// file:line:column, so a misspelt field never prints as an empty blank on a signed contract.

import { relative } from 'node:path';
import { checkTemplate, templateFindings } from './check-template.ts';
import { msg } from '../../dsl/message.ts';
import { DocumentError } from './errors.ts';
import type { DocumentModel } from './model.ts';
import { renderHtml } from './render-html.ts';
import type { LoadedTemplate } from './templates.ts';

export interface RenderFormInput {
  /** The form's template as stored with the policy version. */
  template: LoadedTemplate;
  model: DocumentModel;
}

/** Checks and renders a form template; returns a self-contained A4 HTML document. */
export function renderForm({ template, model }: RenderFormInput): string {
  const shown = relative(process.cwd(), template.file) || template.file;
  const diagnostics = checkTemplate(template.source, shown);
  if (diagnostics.length > 0) {
    throw new DocumentError('TEMPLATE_INVALID', msg('tpl.invalid', { problems: templateFindings(diagnostics) }));
  }
  return renderHtml(template.source, model, shown);
}

export { renderPdf, createPdfRenderer, type PdfRenderer } from './pdf.ts';
export { buildDocumentModel, type DocumentModel, type DocumentModelInput } from './model.ts';
export { renderHtml } from './render-html.ts';
export {
  loadTemplate,
  storedTemplate,
  BUNDLED_TEMPLATES_DIR,
  MAX_TEMPLATE_BYTES,
  type LoadedTemplate,
  type TemplateSources,
} from './templates.ts';
export { checkTemplate, templateFindings, type TemplateDiagnostic } from './check-template.ts';
export { amountInWords, amountInWordsWithPrefix, areaInWords, countInWords } from './amount-words.ts';
export { maskIdNumber } from './idcard.ts';
export { formatChineseDate, formatDateInWords } from './chinese-date.ts';
export { formatContractNumber, type ContractKind, type ContractNumber } from './contract-number.ts';
export { DocumentError, type DocumentErrorCode } from './errors.ts';
export { MODEL_SHAPE, shapePaths } from './model-shape.ts';
export { HELPERS, PARTIALS } from './helpers.ts';
