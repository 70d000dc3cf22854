// One household through every policy: eligible or not (with the rules that refuse it and their
// articles), compensation in 元 and in 大写, and the timeline of the procedure on the working-day
// calendar with the earliest date the case can be complete. Pure: calendar and start are inputs.
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import { compileSource, prepareCase } from '../../dsl/expr/index.ts';
import type { Evaluator, RuntimeValue, ValueType } from '../../dsl/expr/api.ts';
import { parameterInfo } from '../../dsl/parameters.ts';
import type { Step } from '../../dsl/policy-model.ts';
import type { Calendar } from '../calendar/index.ts';
import { evaluate, type FailedRule, type VoteOutcome } from '../evaluate/index.ts';
import { modeNotOffered } from './fast-eval.ts';
import type { CompareEntry } from './policies.ts';
import { planTimeline, type TimelineEntry } from './timeline.ts';

export interface CaseComparison {
  policy: string;
  name: string;
  procedure: ProcedureKind;
  mode: string | null;
  eligible: boolean;
  failed: FailedRule[];
  warnings: FailedRule[];
  compensation: { amount: string; words: string; perMu?: string; payer?: string; cite: string } | null;
  vote?: VoteOutcome;
  notes: string[];
  timeline: TimelineEntry[];
  /** The earliest date every obligatory step can be done; null when it cannot be computed. */
  completeBy: string | null;
  timelineError?: string;
}

export type CalendarSource = Calendar | ((layers: string[]) => Calendar);

export interface CompareCaseInput {
  entries: CompareEntry[];
  kase: CaseData;
  /** Where steps without a date in the case start (YYYY-MM-DD). */
  start?: string;
  procedure?: ProcedureKind;
  /** Ask every policy for this exit mode (the case's exit.mode is set to it). */
  mode?: string;
  calendar: CalendarSource;
}

export function calendarOf(source: CalendarSource, layers: string[]): Calendar {
  return typeof source === 'function' ? source(layers) : source;
}

/** `when:` of steps, compiled once per policy: does the step apply to this case? */
function stepConditions(entry: CompareEntry): (kase: CaseData) => (step: Step) => boolean | null {
  const types: Record<string, ValueType> = {};
  const constants: Record<string, RuntimeValue> = {};
  const fromParams: { name: string; fn: Evaluator }[] = [];
  for (const p of entry.policy.parameters) {
    const info = parameterInfo(p, p.unit || undefined);
    if (info.kind === 'error') continue;
    types[p.name] = info.type;
    if (info.kind === 'value') constants[p.name] = info.value;
  }
  for (const p of entry.compiled.parameters) if (p.from) fromParams.push({ name: p.name, fn: p.from.fn });
  const compiled = new Map<string, Evaluator | null>();
  for (const proc of Object.values(entry.policy.procedures)) {
    for (const s of proc?.steps ?? []) {
      if (s.when && !compiled.has(s.when))
        compiled.set(s.when, compileSource(s.when, { names: types, caseFields: true }).evaluator ?? null);
    }
  }
  return (kase) => {
    const prepared = prepareCase(kase);
    const names: Record<string, RuntimeValue> = { ...constants };
    for (const p of fromParams) {
      try {
        names[p.name] = p.fn(prepared, {});
      } catch {
        names[p.name] = null;
      }
    }
    return (step) => {
      const fn = step.when ? compiled.get(step.when) : undefined;
      if (!fn) return fn === null ? null : true;
      try {
        const v = fn(prepared, names);
        return v === null ? null : v === true;
      } catch {
        return null;
      }
    };
  };
}

const conditionsCache = new WeakMap<CompareEntry, ReturnType<typeof stepConditions>>();

export function compareCase(input: CompareCaseInput): CaseComparison[] {
  const procedure = input.procedure ?? 'exit';
  let kase = input.kase;
  if (input.mode !== undefined && procedure === 'exit') {
    kase = {
      ...kase,
      exit: { ...(kase.exit ?? { parcels: [], payer: 'group' }), mode: input.mode as NonNullable<CaseData['exit']>['mode'] },
    };
  }
  return input.entries.map((entry) => {
    const { policy, compiled } = entry;
    const base = { policy: policy.meta.id, name: policy.meta.shortName, procedure };
    const proc = policy.procedures[procedure];
    if (!proc) {
      return {
        ...base,
        mode: null,
        eligible: false,
        failed: [],
        warnings: [],
        compensation: null,
        notes: [`政策没有${procedure === 'exit' ? '退出' : '转让'}程序 the policy has no ${procedure} procedure`],
        timeline: [],
        completeBy: null,
        timelineError: `no ${procedure} procedure`,
      };
    }
    const asked = procedure === 'exit' ? kase.exit?.mode : undefined;
    const offered = proc.modes.length === 0 || proc.modes.some((m) => m.id === asked);
    const r = evaluate(compiled, { procedure, kase, ...(offered && asked && proc.modes.length ? { mode: asked } : {}) });
    const failed = [...r.failed];
    if (!offered) failed.unshift(modeNotOffered(compiled, procedure));
    let conditions = conditionsCache.get(entry);
    if (!conditions) conditionsCache.set(entry, (conditions = stepConditions(entry)));
    const timeline = planTimeline({
      policy,
      procedure,
      mode: r.mode,
      kase,
      ...(input.start ? { start: input.start } : {}),
      calendar: calendarOf(input.calendar, policy.meta.calendar ?? ['national']),
      stepApplies: conditions(kase),
    });
    const c = r.compensation;
    return {
      ...base,
      mode: r.mode,
      eligible: failed.length === 0,
      failed,
      warnings: r.warnings,
      compensation: c
        ? { amount: c.amount, words: c.words, ...(c.perMu ? { perMu: c.perMu } : {}), ...(c.payer ? { payer: c.payer } : {}), cite: c.cite }
        : null,
      ...(r.vote ? { vote: r.vote } : {}),
      notes: r.notes,
      timeline: timeline.entries,
      completeBy: timeline.completeBy,
      ...(timeline.error ? { timelineError: timeline.error } : {}),
    };
  });
}
