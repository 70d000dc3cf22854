// Examples, as far as they can be checked without running them: a known procedure and mode,
// rule ids that exist, set paths into the case model, a case file inside the policy set's examples
// folder (dsl/policy-files.ts), readable and valid. Running them (expected values) is the engine's
// job: engine/evaluate/examples.ts, used by `check` and `test`.
import { exampleCase } from '../examples.ts';
import { parseCaseFileName } from '../policy-files.ts';
import { validateCase } from '../case-validate.ts';
import { didYouMean, nearest } from '../messages.ts';
import { msg, type Message, type Text } from '../message.ts';
import { resolveCasePath, allCasePaths } from '../case-paths.ts';
import type { CheckContext } from './context.ts';

export function checkExamples(ctx: CheckContext): void {
  const { policy, built } = ctx;
  const caseCache = new Map<string, { data: unknown } | { error: Text }>();
  for (const ex of policy.examples) {
    const at = (k: string) => built.spans.get(ex, k) ?? ex.span;
    const proc = policy.procedures[ex.procedure];
    if (!proc) {
      ctx.report('X904', at('procedure'), { procedure: ex.procedure });
      continue;
    }
    if (ex.mode !== undefined && !proc.modes.some((m) => m.id === ex.mode)) {
      ctx.report('X905', at('mode'), {
        mode: ex.mode,
        ...didYouMean(
          ex.mode,
          proc.modes.map((m) => m.id),
        ),
      });
    }
    const ruleIds = [...proc.eligibility, ...proc.modes.flatMap((m) => m.eligibility)].map((r) => r.id);
    ex.expect.failed?.forEach((id, i) => {
      if (!ruleIds.includes(id)) ctx.report('X906', at(`expect.failed.${i}`), { id, ...didYouMean(id, ruleIds) });
    });
    let badSet = false;
    for (const path of Object.keys(ex.set ?? {})) {
      if (resolveCasePath(path) === undefined) {
        badSet = true;
        ctx.report('X907', at(`set:${path}`), { path, detail: msg('detail.noSuchCaseField'), ...suggestPath(path) });
      }
    }
    if (ex.caseFile === undefined && ex.case === undefined) {
      ctx.report('X909', ex.span);
      continue;
    }
    if (badSet) continue;
    let base: unknown;
    if (ex.caseFile !== undefined) {
      const name = parseCaseFileName(ex.caseFile);
      if (!name.ok) {
        ctx.report('X910', at('caseFile'), { path: String(ex.caseFile), rule: { zh: name.rule, en: name.ruleEn } });
        continue;
      }
      if (!ctx.options.readCase) continue; // nothing to read with (e.g. in the browser)
      let read = caseCache.get(ex.caseFile);
      const first = !read;
      if (!read) caseCache.set(ex.caseFile, (read = ctx.options.readCase(ex.caseFile)));
      if ('error' in read) {
        // Once per file: every example that shares it would say the same.
        if (first) ctx.report('X902', at('caseFile'), { path: ex.caseFile, detail: read.error });
        continue;
      }
      base = read.data;
    }
    const built2 = exampleCase(ex, base);
    if ('error' in built2) {
      ctx.report('X907', built2.path ? at(`set:${built2.path}`) : ex.span, { path: built2.path ?? '', detail: built2.error });
      continue;
    }
    const errors = validateCase(built2.data);
    if (errors.length) {
      const e = errors[0]!;
      ctx.report('X903', ex.caseFile !== undefined ? at('caseFile') : at('name'), { pointer: e.pointer || '/', detail: e.text });
    }
  }
}

/** Suggests a case path, matching list indices loosely ("members.1.consent" → "members.1.consents"). */
function suggestPath(path: string): { hint?: Message } {
  const indices = path.split('.').filter((p) => /^\d+$/.test(p));
  const best = nearest(path.replace(/(^|\.)\d+(?=\.|$)/g, '$10'), allCasePaths());
  if (!best) return {};
  let i = 0;
  const restored = best
    .split('.')
    .map((p) => (/^\d+$/.test(p) && i < indices.length ? indices[i++]! : p))
    .join('.');
  return { hint: msg('hint.didYouMean', { name: restored }) };
}
