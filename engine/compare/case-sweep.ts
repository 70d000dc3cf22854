// One household along a sweep: at each point, every policy's eligibility and compensation — the
// same evaluation as compareCase, without the timelines.
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import { msg } from '../../dsl/message.ts';
import { evaluate } from '../evaluate/index.ts';
import { ComparePolicyError, withOverrides } from './overrides.ts';
import type { CompareEntry } from './policies.ts';
import { setCasePath } from './population/run.ts';
import { describeTarget, type Sweep } from './sweep.ts';

export interface CaseSweep {
  sweep: { target: string; text: string; values: string[] };
  policies: { policy: string; name: string; affected: boolean }[];
  points: { value: string; results: { policy: string; eligible: boolean; amount: string | null; perMu: string | null }[] }[];
}

export function sweepCase(input: {
  entries: CompareEntry[];
  kase: CaseData;
  sweep: Sweep;
  procedure?: ProcedureKind;
  mode?: string;
}): CaseSweep {
  const { sweep, entries } = input;
  const procedure = input.procedure ?? 'exit';
  const t = sweep.target;
  const affected = entries.map((e) => t.kind === 'case' || e.policy.parameters.some((p) => p.name === t.key || p.compare === t.key));
  if (t.kind === 'param' && !affected.some(Boolean)) {
    throw new ComparePolicyError(msg('compare.noSweepTarget', { key: JSON.stringify(t.key) }));
  }
  const points = sweep.values.map((value) => {
    let kase: CaseData =
      input.mode !== undefined
        ? { ...input.kase, exit: { ...input.kase.exit!, mode: input.mode as NonNullable<CaseData['exit']>['mode'] } }
        : input.kase;
    if (t.kind === 'case') {
      kase = structuredClone(kase);
      setCasePath(kase, t.path, value);
    }
    const results = entries.map((e) => {
      const entry = t.kind === 'param' ? withOverrides(e, [{ key: t.key, value }]) : e;
      const proc = entry.policy.procedures[procedure];
      if (!proc) return { policy: e.id, eligible: false, amount: null, perMu: null };
      const asked = procedure === 'exit' ? kase.exit?.mode : undefined;
      const offered = proc.modes.length === 0 || proc.modes.some((m) => m.id === asked);
      const r = evaluate(entry.compiled, { procedure, kase, ...(offered && asked && proc.modes.length ? { mode: asked } : {}) });
      return {
        policy: e.id,
        eligible: r.eligible && offered,
        amount: r.compensation?.amount ?? null,
        perMu: r.compensation?.perMu ?? null,
      };
    });
    return { value, results };
  });
  return {
    sweep: { target: describeTarget(t), text: sweep.text, values: sweep.values },
    policies: entries.map((e, j) => ({ policy: e.id, name: e.policy.meta.shortName, affected: affected[j]! })),
    points,
  };
}
