// Parameter overrides for sweeps ("what if 补偿年限 were 20 年"): a copy of the checked policy with
// the parameter set to a literal, compiled again. Kept apart from policies.ts so that worker threads
// can apply overrides without loading the policy checker.
import type { Parameter, Policy } from '../../dsl/policy-model.ts';
import { isFailure, legalTextMessage, readPeriod } from '../../dsl/legal-text/index.ts';
import { msg } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import { compilePolicy, type CompiledPolicy } from '../evaluate/compile.ts';

export class ComparePolicyError extends TextError {
  override name = 'ComparePolicyError';
}

/** A policy parameter set for every policy that declares it: by name or by its compare: key. */
export interface ParamOverride {
  key: string;
  /** As a policy file would write it: "25 年", "600", "50%", "半年". */
  value: string;
}

/** What an override needs of a comparison entry. */
export interface Overridable {
  id: string;
  policy: Policy;
  compiled: CompiledPolicy;
}

/** Which parameters of a policy an override names. */
export function overriddenParameters(policy: Policy, key: string): Parameter[] {
  return policy.parameters.filter((p) => p.name === key || p.compare === key);
}

/**
 * A copy of the policy with the overridden parameters set to literal values (a case-supplied
 * parameter becomes a constant), and the copy compiled. Throws ComparePolicyError for a value the
 * parameter cannot take.
 */
export function withOverrides<E extends Overridable>(entry: E, overrides: readonly ParamOverride[]): E {
  if (overrides.length === 0) return entry;
  let touched = false;
  const parameters = entry.policy.parameters.map((p) => {
    const o = overrides.find((x) => x.key === p.name || x.key === p.compare);
    if (!o) return p;
    touched = true;
    // A bare number takes the parameter's own unit: 20 for 补偿年限「30 年」 means 20 年.
    const bare = /^\s*\d+(\.\d+)?\s*$/.test(o.value);
    const value = bare && p.period ? `${o.value.trim()} ${p.period.unit}` : o.value;
    const next: Parameter = { ...p, value };
    delete next.from;
    delete next.period;
    if (p.period) {
      const period = readPeriod(value);
      if (isFailure(period))
        throw new ComparePolicyError(
          msg('compare.overridePeriod', { policy: entry.id, name: p.name, problem: legalTextMessage(period.error) }),
        );
      next.period = period;
    }
    return next;
  });
  if (!touched) return entry;
  const policy: Policy = { ...entry.policy, parameters };
  const compiled = compilePolicy(policy);
  if (compiled.problems.length) {
    throw new ComparePolicyError(msg('compare.overrideDoesNotFit', { policy: entry.id, problems: compiled.problems.join('; ') }));
  }
  return { ...entry, policy, compiled };
}
