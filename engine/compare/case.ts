// One household through every policy: eligible or not (with the rules that refuse it and their
// articles), compensation in 元 and in 大写, and the timeline of the procedure on the working-day
// calendar with the earliest date the case can be complete. Pure: calendar and start are inputs.
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import type { Calendar } from '../calendar/index.ts';
import { compileWorkflow, noProcedureMessage, type Workflow } from '../compile/index.ts';
import { evaluate, type FailedRule, type VoteOutcome } from '../evaluate/index.ts';
import { conditionsOf, type Holds } from '../evaluate/when.ts';
import { modeNotOffered, type ReasonDecl } from './fast-eval.ts';
import type { CompareEntry } from './policies.ts';
import { planTimeline, type TimelineEntry } from './timeline.ts';
import type { Text } from '../../dsl/message.ts';

export interface CaseComparison {
  policy: string;
  name: string;
  procedure: ProcedureKind;
  mode: string | null;
  eligible: boolean;
  /** The policy's rules that refuse the case, and the compare layer's own reason (a mode not offered). */
  failed: ReasonDecl[];
  warnings: FailedRule[];
  compensation: { amount: string; words: string; perMu?: string; payer?: string; cite: string } | null;
  vote?: VoteOutcome;
  notes: Text[];
  timeline: TimelineEntry[];
  /** The earliest date every obligatory step can be done; null when it cannot be computed. */
  completeBy: string | null;
  timelineError?: Text;
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

/** What the plan of a case needs of a policy, built once per entry: its `when:` test and workflows. */
interface Planning {
  holds: Holds;
  workflows: Map<string, Workflow>;
}

const planningCache = new WeakMap<CompareEntry, Planning>();

function planningOf(entry: CompareEntry): Planning {
  let p = planningCache.get(entry);
  if (!p) planningCache.set(entry, (p = { holds: conditionsOf(entry.compiled), workflows: new Map() }));
  return p;
}

function workflowOf(entry: CompareEntry, procedure: ProcedureKind, mode: string | null): Workflow {
  const { workflows } = planningOf(entry);
  const key = `${procedure}/${mode ?? ''}`;
  let wf = workflows.get(key);
  if (!wf) workflows.set(key, (wf = compileWorkflow(entry.policy, procedure, mode)));
  return wf;
}

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
      const none = noProcedureMessage(policy, procedure);
      return {
        ...base,
        mode: null,
        eligible: false,
        failed: [],
        warnings: [],
        compensation: null,
        notes: [none],
        timeline: [],
        completeBy: null,
        timelineError: none,
      };
    }
    const asked = procedure === 'exit' ? kase.exit?.mode : undefined;
    const offered = proc.modes.length === 0 || proc.modes.some((m) => m.id === asked);
    const r = evaluate(compiled, { procedure, kase, ...(offered && asked && proc.modes.length ? { mode: asked } : {}) });
    const failed: ReasonDecl[] = [...r.failed];
    if (!offered) failed.unshift(modeNotOffered(compiled, procedure));
    const mode = proc.modes.some((m) => m.id === r.mode) ? r.mode : null;
    const timeline = planTimeline({
      workflow: workflowOf(entry, procedure, mode),
      kase,
      ...(input.start ? { start: input.start } : {}),
      context: {
        calendar: calendarOf(input.calendar, policy.meta.calendar ?? ['national']),
        user: 'landflow-plan',
        evaluate: (i) =>
          evaluate(compiled, { procedure: i.procedure, kase: i.kase, ...(i.mode ? { mode: i.mode } : {}), ...(i.at ? { at: i.at } : {}) }),
        holds: planningOf(entry).holds,
      },
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
