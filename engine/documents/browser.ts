// The browser-safe half of the documents layer (no Node APIs): build the model, check a template
// and render HTML in the policy editor's preview. Reading template files and printing to PDF live
// in templates.ts and pdf.ts, exported from index.ts for the CLI and the server.

export { buildDocumentModel, type DocumentModel, type DocumentModelInput } from './model.ts';
export { renderHtml } from './render-html.ts';
export { checkTemplate, templateFindings, type TemplateDiagnostic } from './check-template.ts';
export { amountInWords, amountInWordsWithPrefix, areaInWords, countInWords } from './amount-words.ts';
export { maskIdNumber } from './idcard.ts';
export { formatChineseDate, formatDateInWords } from './chinese-date.ts';
export { formatContractNumber, type ContractKind, type ContractNumber } from './contract-number.ts';
export { DocumentError, type DocumentErrorCode } from './errors.ts';
export { MODEL_SHAPE, shapePaths, type Shape } from './model-shape.ts';
export { HELPERS, PARTIALS } from './helpers.ts';
