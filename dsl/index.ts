// The policy language's pure entry: text → checked Policy + diagnostics. Phases collect their
// diagnostics and go on: YAML syntax (stops here if the text is not YAML), schema, then the
// families of checks on whatever was well-formed, then waivers. A Policy is returned only when no
// error remains, so the engine never runs a broken one.
import { buildPolicy } from './build/index.ts';
import { diag, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { msg } from './message.ts';
import { validatePolicyData } from './schema.ts';
import { sha256Hex } from './sha256.ts';
import { parseYaml, toPlain, child } from './yaml.ts';
import type { Policy } from './policy-model.ts';
import type { CheckContext, CheckOptions } from './check/context.ts';
import { checkParameters } from './check/parameters.ts';
import { checkExpressions, checkNames } from './check/names.ts';
import { checkUnits } from './check/units.ts';
import { checkCitations } from './check/citations.ts';
import { checkMeta, checkProcedures } from './check/procedures.ts';
import { checkLaw } from './check/law.ts';
import { checkConsistency } from './check/consistency.ts';
import { checkTiming } from './check/timing.ts';
import { checkCalendarLayers } from './check/calendar.ts';
import { checkExamples } from './check/examples.ts';
import { checkCoverage } from './check/coverage.ts';
import { applyWaivers } from './check/waivers.ts';
import { checkAdvice } from './check/advice.ts';

export type { CheckOptions } from './check/context.ts';
export type { Diagnostic } from './diagnostics.ts';
export type { Policy } from './policy-model.ts';
export { printDiagnostics, formatText, hasErrors, sortDiagnostics, type PrintedDiagnostic } from './diagnostics.ts';
export { catalogue, render, renderBoth, renderParts, type Part } from './messages.ts';
export type { Arg, Bilingual, Lang, Message, Text } from './message.ts';
export { policySchema } from './schema.ts';
export { caseJsonSchema } from './case-json-schema.ts';
export { validateCase, type CaseError, type CaseValidateOptions } from './case-validate.ts';
export { exampleCase } from './examples.ts';
export { resolveCite } from './check/citations.ts';
export { expectedIdOf } from './check/procedures.ts';
export { sha256Hex } from './sha256.ts';

export interface CheckResult {
  /** Present only when there are no errors. */
  policy?: Policy;
  diagnostics: Diagnostic[];
}

export function checkPolicy(text: string, file: string, options: CheckOptions = {}): CheckResult {
  const r = checkPolicyPartial(text, file, options);
  return hasErrors(r.diagnostics) ? { diagnostics: r.diagnostics } : r;
}

/** As checkPolicy, but returns whatever policy could be built even with errors (for editors). */
export function checkPolicyPartial(text: string, file: string, options: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [];
  try {
    const parsed = parseYaml(text, file);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.root) return { diagnostics: sortDiagnostics(diagnostics) };
    const root = parsed.root;
    const version = child(root, 'landflow');
    if (version?.kind === 'scalar' && version.value !== 1 && version.value !== null) {
      diagnostics.push(diag(file, 'P625', version.span, { value: String(version.value) }));
      return { diagnostics: sortDiagnostics(diagnostics) };
    }
    diagnostics.push(...validatePolicyData(root, toPlain(root), file));
    const built = buildPolicy(root, file, sha256Hex(text));
    const ctx: CheckContext = {
      file,
      text,
      built,
      policy: built.policy,
      options,
      paramTypes: new Map(),
      exprTypes: new Map(),
      exprNames: new Map(),
      diagnostics,
      report(code, span, args, extra) {
        diagnostics.push(diag(file, code, span, args, extra));
      },
    };
    for (const phase of [
      checkMeta,
      checkCalendarLayers,
      checkParameters,
      checkExpressions,
      checkNames,
      checkUnits,
      checkCitations,
      checkProcedures,
      checkLaw,
      checkAdvice,
      checkConsistency,
      checkTiming,
      checkCoverage,
      checkExamples,
    ]) {
      phase(ctx);
    }
    const final = applyWaivers(ctx, diagnostics);
    return { policy: built.policy, diagnostics: sortDiagnostics(final) };
  } catch (e) {
    // A checker bug must not look like a crash to a policy officer: report it as a diagnostic.
    diagnostics.push(
      diag(file, 'Y001', { start: 0, end: 0 }, { detail: msg('detail.checkerFailed', { error: (e as Error)?.message ?? String(e) }) }),
    );
    return { diagnostics: sortDiagnostics(diagnostics) };
  }
}
