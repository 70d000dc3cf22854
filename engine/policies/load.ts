// Reading policy files from disk: the one place the policy language meets the file system. The
// checker (dsl) is pure; here we give it file existence (templates), case reading (examples) and
// the engine's period and threshold readers, and run the examples when the policy checks.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkPolicy, hasErrors, sortDiagnostics, type CheckOptions, type Diagnostic, type Policy } from '../../dsl/index.ts';
import { parsePeriod } from '../calendar/period.ts';
import { parseThreshold } from '../rules/vote.ts';
import { policySizeProblem } from '../accounts/limits.ts';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile.ts';
import { exampleDiagnostics, runExamples, type ExampleResult, type ReadCase } from '../evaluate/examples.ts';

export interface LoadedPolicy {
  /** The path as given. */
  file: string;
  /** The id the file name implies (file name without .yaml). */
  id: string;
  source: string;
  policy?: Policy;
  diagnostics: Diagnostic[];
  /** Set when the file could not be read at all (the CLI exits 2). */
  unreadable?: string;
  compiled?: CompiledPolicy;
  examples?: ExampleResult[];
}

export interface LoadOptions {
  /** Run the examples and add X9xx diagnostics for wrong expectations (default true). */
  runExamples?: boolean;
  /** The name shown in diagnostics (default: the path as given). */
  display?: string;
}

/** Reads a case JSON file; errors as one-line messages, never thrown. */
export function readCaseFile(path: string): { data: unknown } | { error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在 no such file' : `无法读取 cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    return { data: JSON.parse(text) };
  } catch (e) {
    return { error: `不是有效的 JSON not valid JSON: ${(e as Error).message}` };
  }
}

/** Check options for a policy file at `path`: relative paths in the file resolve against its folder. */
export function checkOptionsFor(path: string): CheckOptions & { readCase: ReadCase } {
  const dir = dirname(resolve(path));
  return {
    fileExists: (p) => existsSync(resolve(dir, p)),
    readCase: (p) => readCaseFile(resolve(dir, p)),
    parsePeriod,
    parseThreshold,
  };
}

export function loadPolicyText(text: string, path: string, options: LoadOptions = {}): LoadedPolicy {
  const display = options.display ?? path;
  const id = basename(path).replace(/\.ya?ml$/i, '');
  const tooLarge = policySizeProblem(text, display);
  if (tooLarge) return { file: display, id, source: '', diagnostics: [], unreadable: tooLarge };
  const opts = checkOptionsFor(path);
  const r = checkPolicy(text, display, { ...opts, expectedId: id });
  const loaded: LoadedPolicy = { file: display, id, source: text, diagnostics: r.diagnostics };
  if (!r.policy) return loaded;
  loaded.policy = r.policy;
  loaded.compiled = compilePolicy(r.policy);
  if (options.runExamples !== false) {
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
  let text: string;
  try {
    // Refuse an oversized file before reading it into memory.
    const tooLarge = policySizeProblem(statSync(path).size, display);
    if (tooLarge) return { file: display, id: basename(path).replace(/\.ya?ml$/i, ''), source: '', diagnostics: [], unreadable: tooLarge };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在 no such file' : code === 'EISDIR' ? '是目录 is a directory' : `无法读取 cannot read (${code ?? 'error'})`;
    return { file: display, id: basename(path).replace(/\.ya?ml$/i, ''), source: '', diagnostics: [], unreadable: `${display}: ${why}` };
  }
  return loadPolicyText(text, path, options);
}

/** Every policies/*.yaml, in file-name order. */
export function loadBundledPolicies(dir = 'policies', options: LoadOptions = {}): LoadedPolicy[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch {
    return [];
  }
  return names.map((n) => loadPolicyFile(join(dir, n), options));
}
