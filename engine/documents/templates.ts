// Finding and reading template files, for the one moment a policy version is loaded (the templates
// then travel with the version: engine/policies/load.ts). A policy names a template either as a file
// of its own set, "templates/qinzhou/退出合同.hbs" (the templates/ folder beside the policy file), or
// by bundled id, "generic/退出合同" (policies/templates/ of this checkout). Which names are allowed is
// decided by their text (dsl/policy-files.ts); reading stays inside the folder (engine/policies/files.ts).

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplateName, TEMPLATES_FOLDER, type PathRefusal } from '../../dsl/policy-files.ts';
import { readInside } from '../policies/files.ts';
import { DocumentError } from './errors.ts';
import { msg } from '../../dsl/message.ts';

/** policies/templates/ of this checkout. */
export const BUNDLED_TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../policies/templates');

/** A template is a page of HTML; anything near this size is not one. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

export interface LoadedTemplate {
  /** Where it came from (absolute path when read from disk; the name otherwise), for diagnostics. */
  file: string;
  source: string;
}

export type TemplateLookup =
  | { ok: true; template: LoadedTemplate }
  | { ok: false; missing: true; /** The file that would have been read. */ lookedIn: string }
  | ({ ok: false; missing?: false } & PathRefusal);

/** Finds and reads the template a policy in `policyDir` names; nothing is read for a refused name. */
export function findTemplate(policyDir: string, templatePath: string): TemplateLookup {
  const name = parseTemplateName(templatePath);
  if (!name.ok) return { ok: false, rule: name.rule, ruleEn: name.ruleEn };
  const root = name.root === 'policy' ? join(resolve(policyDir), TEMPLATES_FOLDER) : BUNDLED_TEMPLATES_DIR;
  const read = readInside(root, name.rel, MAX_TEMPLATE_BYTES);
  if (read.ok) return { ok: true, template: { file: read.file, source: read.text } };
  if (read.missing) return { ok: false, missing: true, lookedIn: join(root, name.rel) };
  return { ok: false, rule: read.rule, ruleEn: read.ruleEn };
}

/** As findTemplate, throwing DocumentError TEMPLATE_REFUSED or TEMPLATE_NOT_FOUND. */
export function loadTemplate(policyDir: string, templatePath: string): LoadedTemplate {
  const found = findTemplate(policyDir, templatePath);
  if (found.ok) return found.template;
  if (found.missing)
    throw new DocumentError('TEMPLATE_NOT_FOUND', msg('doc.templateNotFound', { path: String(templatePath), lookedIn: found.lookedIn }));
  throw new DocumentError(
    'TEMPLATE_REFUSED',
    msg('doc.templateRefused', { path: String(templatePath), rule: { zh: found.rule, en: found.ruleEn } }),
  );
}

/** A policy version's form templates: the name a form gives (`template:`) → the template's source. */
export type TemplateSources = Record<string, string>;

/** A form's template from the version it is printed under (never read from disk at render time). */
export function storedTemplate(templates: TemplateSources, name: string): LoadedTemplate {
  if (!Object.prototype.hasOwnProperty.call(templates, name)) {
    throw new DocumentError('TEMPLATE_NOT_FOUND', msg('doc.noStoredTemplate', { name }));
  }
  return { file: name, source: templates[name]! };
}
