// A checked Policy → closures, once: every rule, condition, let and formula is parsed, checked in
// its scope and compiled by the expression language (never eval). evaluate() then runs cases
// against the result as often as needed.
import { checkExpression, compileExpression, parseExpression } from '../../dsl/expr/index.ts';
import type { Evaluator, RuntimeValue, ScopeDecl, ValueType } from '../../dsl/expr/api.ts';
import { parameterInfo } from '../../dsl/parameters.ts';
import { recallCompiled } from '../../dsl/compiled.ts';
import type { Compensation, Mode, Policy, Procedure, Rule, Step, VoteRule } from '../../dsl/policy-model.ts';
import type { ProcedureKind } from '../../dsl/case-model.ts';
import { renderBoth } from '../../dsl/messages.ts';

export interface CompiledExpr {
  text: string;
  fn: Evaluator;
  type: ValueType;
}

export interface CompiledRule {
  rule: Rule;
  test?: CompiledExpr;
  when?: CompiledExpr;
}

export interface CompiledCompensation {
  compensation: Compensation;
  lets: { name: string; expr: CompiledExpr }[];
  formula?: CompiledExpr;
  cap?: CompiledExpr;
  perMu?: CompiledExpr;
}

export interface CompiledVote {
  step: Step;
  stepWhen?: CompiledExpr;
  rule: VoteRule;
  when?: CompiledExpr;
}

export interface CompiledMode {
  mode: Mode;
  rules: CompiledRule[];
  compensation?: CompiledCompensation;
}

export interface CompiledProcedure {
  procedure: Procedure;
  rules: CompiledRule[];
  modes: CompiledMode[];
  compensation?: CompiledCompensation;
  votes: CompiledVote[];
}

export interface CompiledParameter {
  name: string;
  value?: RuntimeValue;
  from?: CompiledExpr;
}

export interface CompiledPolicy {
  policy: Policy;
  parameters: CompiledParameter[];
  procedures: Partial<Record<ProcedureKind, CompiledProcedure>>;
  /** Expressions that did not compile (a policy from checkPolicy has none). */
  problems: string[];
}

export function compilePolicy(policy: Policy): CompiledPolicy {
  const problems: string[] = [];
  const paramTypes: Record<string, ValueType> = {};
  const parameters: CompiledParameter[] = [];
  const baseScope: ScopeDecl = { names: paramTypes, caseFields: true };

  const compile = (text: string | undefined, scope: ScopeDecl, where: string, owner?: object, key?: string): CompiledExpr | undefined => {
    if (text === undefined || text === '') return undefined;
    // The checker compiled it already (same Policy object, same text): reuse that.
    const known = owner && key ? recallCompiled(owner, key, text) : undefined;
    if (known?.evaluator) return { text, fn: known.evaluator, type: known.type };
    const parsed = parseExpression(text);
    if (!parsed.expr) {
      problems.push(`${where}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
      return undefined;
    }
    const checked = checkExpression(parsed.expr, scope);
    if (checked.diagnostics.some((d) => d.severity === 'error')) {
      problems.push(`${where}: ${checked.diagnostics.map((d) => d.message).join('; ')}`);
      return undefined;
    }
    try {
      return { text, fn: compileExpression(parsed.expr, scope), type: checked.type };
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
      return undefined;
    }
  };

  for (const p of policy.parameters) {
    const info = parameterInfo(p, p.unit || undefined);
    if (info.kind === 'value') {
      paramTypes[p.name] = info.type;
      parameters.push({ name: p.name, value: info.value });
    } else if (info.kind === 'from') {
      paramTypes[p.name] = info.type;
      const from = compile(info.path, { names: {}, caseFields: true }, `参数 ${p.name}`);
      parameters.push({ name: p.name, ...(from ? { from } : {}) });
    } else {
      problems.push(`参数 parameter ${p.name}: ${info.code} ${typeof info.detail === 'string' ? info.detail : renderBoth(info.detail)}`);
      paramTypes[p.name] = { kind: 'unknown' };
    }
  }

  const rules = (list: Rule[]): CompiledRule[] =>
    list.map((rule) => ({
      rule,
      ...opt('test', compile(rule.expr, baseScope, `规则 ${rule.id}`, rule, 'rule')),
      ...opt('when', compile(rule.when, baseScope, `规则 ${rule.id} when`, rule, 'when')),
    }));

  const compensation = (c: Compensation | undefined): CompiledCompensation | undefined => {
    if (!c) return undefined;
    const names: Record<string, ValueType> = { ...paramTypes };
    const lets: CompiledCompensation['lets'] = [];
    for (const [name, text] of Object.entries(c.let)) {
      const expr = compile(text, { names: { ...names }, caseFields: true }, `中间量 ${name}`, c, `let:${name}`);
      names[name] = expr?.type ?? { kind: 'unknown' };
      if (expr) lets.push({ name, expr });
    }
    const scope: ScopeDecl = { names, caseFields: true };
    return {
      compensation: c,
      lets,
      ...opt('formula', compile(c.formula, scope, '补偿公式', c, 'formula')),
      ...opt('cap', compile(c.cap?.expr, scope, '补偿上限', c, 'cap')),
      ...opt('perMu', compile(c.perMu, scope, '每亩金额', c, 'perMu')),
    };
  };

  const procedures: CompiledPolicy['procedures'] = {};
  for (const [kind, proc] of Object.entries(policy.procedures) as [ProcedureKind, Procedure | undefined][]) {
    if (!proc) continue;
    const votes: CompiledVote[] = [];
    for (const step of proc.steps) {
      if (step.kind !== 'vote') continue;
      const stepWhen = compile(step.when, baseScope, `步骤 ${step.id} when`, step, 'stepWhen');
      for (const rule of step.votes ?? []) {
        votes.push({
          step,
          rule,
          ...opt('stepWhen', stepWhen),
          ...opt('when', compile(rule.when, baseScope, `表决 ${step.id} when`, rule, 'voteWhen')),
        });
      }
    }
    procedures[kind] = {
      procedure: proc,
      rules: rules(proc.eligibility),
      modes: proc.modes.map((mode) => ({ mode, rules: rules(mode.eligibility), ...opt('compensation', compensation(mode.compensation)) })),
      ...opt('compensation', compensation(proc.compensation)),
      votes,
    };
  }
  return { policy, parameters, procedures, problems };
}

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}
