// Reading policy files from disk: the one place the policy language meets the file system. The
// checker (dsl) is pure; here we give it the policy set's files — form templates from the templates/
// folder beside the policy (or bundled ones), example cases from its examples/ folder — each read
// at most once, inside its folder (files.ts), and the calendar layers this host knows. The
// templates read become part of the loaded version, and are checked here on every load.
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  checkPolicy,
  hasErrors,
  sortDiagnostics,
  type CheckOptions,
  type Diagnostic,
  type Policy,
  type PrintedDiagnostic,
} from '../../dsl/index.ts';
import { EXAMPLES_FOLDER, parseCaseFileName, parseTemplateName, TEMPLATES_FOLDER } from '../../dsl/policy-files.ts';
import { msg, type Text } from '../../dsl/message.ts';
import { expectedIdOf } from '../../dsl/check/procedures.ts';
import { MAX_POLICY_BYTES, policySizeProblem } from '../accounts/limits.ts';
import { BUNDLED_TEMPLATES_DIR, findTemplate, type TemplateSources } from '../documents/templates.ts';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile.ts';
import { exampleDiagnostics, runExamples, type ExampleResult, type ReadCase } from '../evaluate/examples.ts';
import { errnoProblem, readInside, readRegularFile, yamlFilesIn } from './files.ts';
import { caseFromRead, MAX_CASE_BYTES, readProblem } from './case-file.ts';
import { checkFormTemplates, type CheckedTemplate } from './templates-check.ts';

export { MAX_CASE_BYTES, readCaseFile } from './case-file.ts';

export type { TemplateSources };

export interface LoadedPolicy {
  /** The path as given. */
  file: string;
  /** The id the file name implies (file name without .yaml). */
  id: string;
  source: string;
  policy?: Policy;
  diagnostics: Diagnostic[];
  /** Set when the file could not be read at all (the CLI exits 2). */
  unreadable?: Text;
  compiled?: CompiledPolicy;
  examples?: ExampleResult[];
  /** The form templates of this version, read once while loading (empty unless the policy checks). */
  templates: TemplateSources;
  /** The template checker's findings, at each template's own file:line:column. */
  templateDiagnostics: PrintedDiagnostic[];
}

/**
 * What a load reads of the policy set beside the text. Every finding on the text itself — the
 * schema, expressions, units, parameters, rules, compensation, procedures, law, coverage — is made
 * whatever it reads.
 * - `check` (the default): a file being written. Its form templates from the templates folder,
 *   checked; its example case files read and run (X9xx findings for a wrong expectation).
 * - `checkWithoutRunning`: the same, the example files read for their references but not run.
 * - `{ pinned }`: a stored version, with the templates it carries; no file of the folder is read
 *   (its examples ran when it was published: reading it back must not depend on them still being
 *   there).
 * - `evaluation`: what a simulation or a comparison needs: neither the example case files (nor their
 *   findings, X902, X907 …) nor the form templates (nor the P6xx template findings and the template
 *   checker's) are read.
 */
export type PolicyReads = 'check' | 'checkWithoutRunning' | 'evaluation' | { pinned: TemplateSources };

export interface LoadOptions {
  /** The name shown in diagnostics (default: the path as given). */
  display?: string;
  reads?: PolicyReads;
}

export type PolicySetOptions = CheckOptions & {
  readCase: ReadCase;
  /** Every template found so far, by name (filled as the checker asks for them). */
  templatesRead: Map<string, CheckedTemplate>;
};

/**
 * Check options for a policy file at `path`: its templates and example cases come from its policy
 * set (the folder it is in), or, for `stored` templates, from the version itself.
 */
export function checkOptionsFor(path: string, stored?: TemplateSources, display = path): PolicySetOptions {
  const dir = dirname(resolve(path));
  const templatesRead = new Map<string, CheckedTemplate>();
  const cases = new Map<string, { data: unknown } | { error: Text }>();
  const findStored = (name: string) => {
    if (!Object.prototype.hasOwnProperty.call(stored, name)) return 'missing' as const;
    templatesRead.set(name, { shown: name, source: stored![name]! });
    return 'found' as const;
  };
  const findOnDisk = (name: string) => {
    const found = findTemplate(dir, name);
    if (found.ok) {
      templatesRead.set(name, { shown: shownTemplate(display, name), source: found.template.source });
      return 'found' as const;
    }
    return found.missing ? ('missing' as const) : { rule: found.rule, ruleEn: found.ruleEn };
  };
  const readCase: ReadCase = (name) => {
    let hit = cases.get(name);
    if (!hit) {
      const parsed = parseCaseFileName(name);
      if (!parsed.ok) hit = { error: { zh: parsed.rule, en: parsed.ruleEn } };
      else {
        const root = parsed.root === 'examples' ? join(dir, EXAMPLES_FOLDER) : join(dir, '..', EXAMPLES_FOLDER);
        hit = caseFromRead(readInside(root, parsed.rel, MAX_CASE_BYTES));
      }
      cases.set(name, hit);
    }
    return hit;
  };
  return { findTemplate: stored ? findStored : findOnDisk, readCase, templatesRead };
}

/** A template's file as diagnostics show it: beside the policy as displayed, or the bundled file. */
function shownTemplate(display: string, name: string): string {
  const n = parseTemplateName(name);
  if (!n.ok) return name;
  if (n.root === 'policy') return join(dirname(display), TEMPLATES_FOLDER, n.rel);
  const file = join(BUNDLED_TEMPLATES_DIR, n.rel);
  return relative(process.cwd(), file) || file;
}

export function loadPolicyText(text: string, path: string, options: LoadOptions = {}): LoadedPolicy {
  const display = options.display ?? path;
  const id = expectedIdOf(path);
  const tooLarge = policySizeProblem(text, display);
  if (tooLarge) return { file: display, id, source: '', diagnostics: [], unreadable: tooLarge, templates: {}, templateDiagnostics: [] };
  const reads = options.reads ?? 'check';
  const pinned = typeof reads === 'object' ? reads.pinned : undefined;
  const opts = checkOptionsFor(path, pinned, display);
  const { readCase, findTemplate, ...rest } = opts;
  const checkOptions = reads === 'evaluation' ? rest : { ...rest, findTemplate, ...(pinned ? {} : { readCase }) };
  const r = checkPolicy(text, display, { ...checkOptions, expectedId: id });
  const loaded: LoadedPolicy = { file: display, id, source: text, diagnostics: r.diagnostics, templates: {}, templateDiagnostics: [] };
  if (!r.policy) return loaded;
  if (reads !== 'evaluation') {
    loaded.templateDiagnostics = checkFormTemplates(r.policy, opts.templatesRead);
    if (loaded.templateDiagnostics.length > 0) return loaded;
    for (const f of r.policy.forms) loaded.templates[f.template] = opts.templatesRead.get(f.template)!.source;
  }
  loaded.policy = r.policy;
  loaded.compiled = compilePolicy(r.policy);
  if (reads === 'check') {
    loaded.examples = runExamples(loaded.compiled, opts.readCase);
    const extra = exampleDiagnostics(loaded.examples, display);
    if (extra.length) {
      loaded.diagnostics = sortDiagnostics([...loaded.diagnostics, ...extra]);
      if (hasErrors(extra)) delete loaded.policy;
    }
  }
  return loaded;
}

export function loadPolicyFile(path: string, options: LoadOptions = {}): LoadedPolicy {
  const display = options.display ?? path;
  const unreadable = (why: Text): LoadedPolicy => ({
    file: display,
    id: expectedIdOf(path),
    source: '',
    diagnostics: [],
    unreadable: why,
    templates: {},
    templateDiagnostics: [],
  });
  try {
    // Refuse an oversized file before reading it into memory.
    const tooLarge = policySizeProblem(statSync(path).size, display);
    if (tooLarge) return unreadable(tooLarge);
  } catch (e) {
    return unreadable(msg('at.problem', { where: display, problem: errnoProblem(e) }));
  }
  const read = readRegularFile(path, MAX_POLICY_BYTES);
  if (!read.ok) return unreadable(msg('at.problem', { where: display, problem: readProblem(read) }));
  return loadPolicyText(read.text, path, options);
}

/** Every policies/*.yaml, in file-name order. */
export function loadBundledPolicies(dir = 'policies', options: LoadOptions = {}): LoadedPolicy[] {
  return yamlFilesIn(dir).map((f) => loadPolicyFile(f.file, options));
}
