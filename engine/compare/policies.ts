// The policies a comparison runs: each file checked once and compiled once (engine/policies/load.ts,
// engine/evaluate). Overrides for sweeps live in overrides.ts, which worker threads load without
// the checker.
import { resolve } from 'node:path';
import type { Policy } from '../../dsl/policy-model.ts';
import { printDiagnostics } from '../../dsl/index.ts';
import { lines, msg, type Text } from '../../dsl/message.ts';
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
  const problems: Text[] = [];
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
      problems.push(
        ...errs.slice(0, 5).map((d) => msg('at.finding', { where: `${l.file}:${d.line}:${d.column}`, code: d.code, problem: d.text })),
      );
      if (errs.length === 0) problems.push(msg('compare.policyDoesNotCheck', { file: l.file }));
      continue;
    }
    out.push({ id: l.policy.meta.id, file: cwd ? resolve(cwd, f) : f, source: l.source, policy: l.policy, compiled: l.compiled });
  }
  if (problems.length) throw new ComparePolicyError(lines(problems));
  const seen = new Set<string>();
  for (const e of out) {
    if (seen.has(e.id)) throw new ComparePolicyError(msg('compare.policyTwice', { id: e.id }));
    seen.add(e.id);
  }
  return out;
}
