// The policies a server or CLI works with: each loaded file checked once, its evaluation compiled
// once, and every version ever seen remembered by its hash — a case runs under the version it
// opened with, even after the file changes. A version not in memory (after a restart with an
// edited file) is re-checked from the text pinned in the case's first event.
import path from 'node:path';
import type { CaseData } from '../../dsl/case-model.ts';
import { hasErrors, printDiagnostics, sha256Hex, type Diagnostic, type Policy, type PrintedDiagnostic } from '../../dsl/index.ts';
import { checkExpression, compileExpression, parseExpression, prepareCase } from '../../dsl/expr/index.ts';
import type { Evaluator, RuntimeValue, ValueType } from '../../dsl/expr/api.ts';
import { parameterInfo } from '../../dsl/parameters.ts';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile.ts';
import { evaluate, type Evaluation, type EvaluateInput } from '../evaluate/evaluate.ts';
import { loadBundledPolicies, loadPolicyText, type LoadedPolicy } from '../policies/load.ts';

export interface PolicyEntry {
  id: string;
  file: string;
  dir: string;
  source: string;
  hash: string;
  /** Present when the file checks without errors. */
  policy?: Policy;
  /** A best-effort meta for listing a policy that has errors. */
  meta?: Policy['meta'];
  diagnostics: PrintedDiagnostic[];
  errors: number;
  warnings: number;
}

/** A checked policy version with its evaluation bound: what a case runs under. */
export interface PinnedPolicy {
  id: string;
  hash: string;
  source: string;
  /** The file name as the policy was loaded (templates resolve against `dir`). */
  fileName: string;
  dir: string;
  policy: Policy;
  compiled: CompiledPolicy;
  evaluate(input: { procedure: EvaluateInput['procedure']; mode?: string | null; kase: CaseData; at?: string }): Evaluation;
  /** A step's or a vote rule's `when`: holds unless it evaluates to false (unknown data does not excuse a step). */
  holds(expr: string, kase: CaseData): boolean;
}

export interface PolicyCatalog {
  list(): PolicyEntry[];
  get(id: string): PolicyEntry | undefined;
  /** The loaded version of a policy, if it checks. */
  current(id: string): PinnedPolicy | undefined;
  byHash(hash: string): PinnedPolicy | undefined;
  /** Checks a policy text (from a case's first event) and remembers it by hash. */
  pin(source: string, fileName: string): PinnedPolicy;
  /** Makes a checked text the current version of its policy; earlier versions stay reachable by hash. */
  add(entry: PolicyEntry, compiled?: CompiledPolicy): void;
}

export class PolicyRegistry implements PolicyCatalog {
  private readonly entries = new Map<string, PolicyEntry>();
  private readonly versions = new Map<string, PinnedPolicy>();

  constructor(entries: PolicyEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  /** Every *.yaml of a folder, checked with its examples run (engine/policies/load.ts). */
  static fromDir(dir: string): PolicyRegistry {
    const reg = new PolicyRegistry();
    for (const l of loadBundledPolicies(path.resolve(dir))) reg.add(entryFromLoaded(l), l.compiled);
    return reg;
  }

  /** Adds or replaces a policy; the previous version stays reachable by its hash. */
  add(entry: PolicyEntry, compiled?: CompiledPolicy): void {
    this.entries.set(entry.id, entry);
    if (entry.policy && !this.versions.has(entry.hash)) this.versions.set(entry.hash, bind(entry.policy, entry.source, entry.file, entry.dir, compiled));
  }

  list(): PolicyEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): PolicyEntry | undefined {
    return this.entries.get(id);
  }

  current(id: string): PinnedPolicy | undefined {
    const e = this.entries.get(id);
    return e?.policy ? this.versions.get(e.hash) : undefined;
  }

  byHash(hash: string): PinnedPolicy | undefined {
    return this.versions.get(hash);
  }

  pin(source: string, fileName: string): PinnedPolicy {
    const current = [...this.entries.values()].find((e) => path.basename(e.file) === path.basename(fileName));
    const dir = current?.dir ?? '.';
    const l = loadPolicyText(source, path.join(dir, path.basename(fileName)), { runExamples: false });
    if (!l.policy) {
      const first = printDiagnostics(l.diagnostics, source).find((d) => d.severity === 'error');
      throw new Error(`固定的政策版本无法检查 the pinned policy version does not check: ${first ? `${first.line}:${first.column} ${first.message}` : '?'}`);
    }
    const hit = this.versions.get(l.policy.hash);
    if (hit) return hit;
    const pinned = bind(l.policy, source, fileName, dir, l.compiled);
    this.versions.set(pinned.hash, pinned);
    return pinned;
  }
}

function bind(policy: Policy, source: string, file: string, dir: string, given?: CompiledPolicy): PinnedPolicy {
  const compiled = given ?? compilePolicy(policy);
  const whens = new Map<string, Evaluator | null>();
  const types: Record<string, ValueType> = {};
  for (const p of policy.parameters) {
    const info = parameterInfo(p, p.unit || undefined);
    if (info.kind !== 'error') types[p.name] = info.type;
  }
  const compileWhen = (expr: string): Evaluator | null => {
    const parsed = parseExpression(expr);
    if (!parsed.expr) return null;
    const scope = { names: types, caseFields: true };
    if (checkExpression(parsed.expr, scope).diagnostics.some((d) => d.severity === 'error')) return null;
    return compileExpression(parsed.expr, scope);
  };
  return {
    id: policy.meta.id,
    hash: policy.hash,
    source,
    fileName: path.basename(file),
    dir,
    policy,
    compiled,
    evaluate: (input) => evaluate(compiled, { procedure: input.procedure, kase: input.kase, ...(input.mode ? { mode: input.mode } : {}), ...(input.at ? { at: input.at } : {}) }),
    holds(expr, kase) {
      let fn = whens.get(expr);
      if (fn === undefined) {
        fn = compileWhen(expr);
        whens.set(expr, fn);
      }
      if (!fn) return true;
      const prepared = prepareCase(kase);
      const names: Record<string, RuntimeValue> = {};
      for (const p of compiled.parameters) {
        try {
          if (p.value !== undefined) names[p.name] = p.value;
          else if (p.from) names[p.name] = p.from.fn(prepared, {});
        } catch {
          names[p.name] = null;
        }
      }
      try {
        return fn(prepared, names) !== false;
      } catch {
        return true;
      }
    },
  };
}

/** A policy entry from engine/policies' loader (file made absolute). */
export function entryFromLoaded(l: LoadedPolicy): PolicyEntry {
  if (l.unreadable) {
    return { id: l.id, file: path.resolve(l.file), dir: path.dirname(path.resolve(l.file)), source: '', hash: sha256Hex(''), diagnostics: [], errors: 1, warnings: 0 };
  }
  return entryFromSource(path.resolve(l.file), l.source, l.diagnostics, l.policy);
}

/** A policy entry from a file's text (checked here when no diagnostics are given). */
export function entryFromSource(file: string, source: string, diagnostics?: Diagnostic[], policy?: Policy): PolicyEntry {
  let ds = diagnostics;
  let pol = policy;
  if (!ds) {
    const r = loadPolicyText(source, file);
    ds = r.diagnostics;
    pol = r.policy;
  }
  const printed = printDiagnostics(ds, source);
  const id = pol?.meta.id ?? path.basename(file).replace(/\.ya?ml$/, '');
  return {
    id,
    file,
    dir: path.dirname(file),
    source,
    hash: pol?.hash ?? sha256Hex(source),
    ...(pol ? { policy: pol, meta: pol.meta } : {}),
    diagnostics: printed,
    errors: printed.filter((d) => d.severity === 'error').length,
    warnings: printed.filter((d) => d.severity === 'warning').length,
  };
}

export { hasErrors };
