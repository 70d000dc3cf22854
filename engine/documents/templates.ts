// Finding and reading template files. A policy names its templates relative to the policy file
// (policies/qinzhou.yaml → "templates/qinzhou/退出合同.hbs"); a name that is not a file there is
// looked up among the bundled templates (policies/templates/), so "generic/退出合同" works for any
// policy. Paths may not climb out of those two folders.

import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocumentError } from './errors.ts';

/** policies/templates/ of this checkout. */
export const BUNDLED_TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../policies/templates');

export interface LoadedTemplate {
  /** Absolute path of the file read. */
  file: string;
  source: string;
}

function inside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function candidates(policyDir: string, templatePath: string): string[] {
  const withExt = templatePath.endsWith('.hbs') ? [templatePath] : [templatePath, `${templatePath}.hbs`];
  const out: string[] = [];
  for (const p of withExt) {
    const local = resolve(policyDir, p);
    if (inside(resolve(policyDir), local)) out.push(local);
    const bundled = resolve(BUNDLED_TEMPLATES_DIR, p.replace(/^templates\//, ''));
    if (inside(BUNDLED_TEMPLATES_DIR, bundled)) out.push(bundled);
  }
  return out;
}

/** Reads a template: relative to the policy's folder first, then among the bundled templates. */
export function loadTemplate(policyDir: string, templatePath: string): LoadedTemplate {
  if (!templatePath || typeof templatePath !== 'string') {
    throw new DocumentError('TEMPLATE_NOT_FOUND', `模板路径为空 empty template path`);
  }
  const tried = candidates(policyDir, templatePath);
  if (tried.length === 0) {
    throw new DocumentError(
      'TEMPLATE_NOT_FOUND',
      `模板路径不得超出政策目录 template path must stay inside the policy folder: ${templatePath}`,
    );
  }
  for (const file of tried) {
    if (existsSync(file) && statSync(file).isFile()) return { file, source: readFileSync(file, 'utf8') };
  }
  throw new DocumentError(
    'TEMPLATE_NOT_FOUND',
    `找不到模板 template not found: ${templatePath}（已查找 looked in: ${tried.map((f) => relative(process.cwd(), f) || f).join(', ')}）`,
  );
}
