// Template + model → one self-contained HTML document. Deterministic: the output depends on the
// template source and the model only (no clock, no random ids), so the same input gives the same
// bytes and a rendered contract can be hashed and compared. Pure module.

import type Handlebars from 'handlebars';
import { createHandlebars } from './helpers.ts';
import { DocumentError } from './errors.ts';
import type { DocumentModel } from './model.ts';
import { msg } from '../../dsl/message.ts';

let instance: typeof Handlebars | undefined;
const compiled = new Map<string, Handlebars.TemplateDelegate>();
const CACHE_LIMIT = 64;

function handlebars(): typeof Handlebars {
  instance ??= createHandlebars();
  return instance;
}

function compile(source: string): Handlebars.TemplateDelegate {
  let template = compiled.get(source);
  if (!template) {
    // strict stays off: a null section (no transfer in an exit case) must render as empty, and
    // misspelt names are caught beforehand by checkTemplate, with line and column.
    template = handlebars().compile(source, { noEscape: false, preventIndent: true });
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(source, template);
  }
  return template;
}

/** Renders a template's source with a document model. `file` names the template in errors. */
export function renderHtml(templateSource: string, model: DocumentModel, file = '<template>'): string {
  try {
    return compile(templateSource)(model, {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
  } catch (e) {
    if (e instanceof DocumentError) {
      throw e.where ? e : new DocumentError(e.code, e.problem, file);
    }
    const err = e as Error & { lineNumber?: number; column?: number };
    const where = err.lineNumber ? `${file}:${err.lineNumber}:${(err.column ?? 0) + 1}` : file;
    throw new DocumentError('RENDER_FAILED', msg('doc.renderFailed', { detail: err.message }), where);
  }
}
