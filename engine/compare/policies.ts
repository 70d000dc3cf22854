// The policies a comparison runs: each file checked once and compiled once (engine/policies/load.ts,
// engine/evaluate). Overrides for sweeps live in overrides.ts, which worker threads load without
// the checker.
import { resolve } from 'node:path';
import type { Policy } from '../../dsl/policy-model.ts';
import { printDiagnostics } from '../../dsl/index.ts';
import { msg } from '../../dsl/message.ts';
import type { CompiledPolicy } from '../evaluate/compile.ts';
import { loadPolicyFile } from '../policies/load.ts';
import { ComparePolicyError } from './overrides.ts';

export { ComparePolicyError, withOverrides, overriddenParameters, type ParamOverride } from './overrides.ts';

export interface CompareEntry {
  id: string;
  /** The policy file's path (absolute when loaded from disk). */
  file: string;
  source: string;
  policy: Policy;
  compiled: CompiledPolicy;
}

/**
 * Reads and checks policy files (paths relative to `cwd`, shown as given); a file with errors is a
 * ComparePolicyError listing them with file:line:column.
 */
export function loadCompareEntries(files: string[], cwd?: string): CompareEntry[] {
  const out: CompareEntry[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const l = loadPolicyFile(cwd ? resolve(cwd, f) : f, { reads: 'evaluation', display: f });
    if (l.unreadable) {
      problems.push(l.unreadable);
      continue;
    }
    if (!l.policy || !l.compiled) {
      const errs = printDiagnostics(
        l.diagnostics.filter((d) => d.severity === 'error'),
        l.source,
      );
      problems.push(...errs.slice(0, 5).map((d) => `${l.file}:${d.line}:${d.column}: ${d.code} ${d.message}`));
      if (errs.length === 0) problems.push(`${l.file}: 政策未通过检查 the policy does not check (landflow check ${l.file})`);
      continue;
    }
    out.push({ id: l.policy.meta.id, file: cwd ? resolve(cwd, f) : f, source: l.source, policy: l.policy, compiled: l.compiled });
  }
  if (problems.length) throw new ComparePolicyError(problems.join('\n'));
  const seen = new Set<string>();
  for (const e of out) {
    if (seen.has(e.id)) throw new ComparePolicyError(msg('compare.policyTwice', { id: e.id }));
    seen.add(e.id);
  }
  return out;
}
