// A case's own timing conflicts, on its own dates: the checker's K805–K807 (dsl/check/timing.ts)
// as they fall for this case. The case is planned on from where it stands (planCase: the runner at
// the earliest day each command is allowed) and each period the runner set, or will set, is held
// against the day its step can be done:
//   K805 a deadline that ends before its step can be done (钦州: the 7 days for written reasons
//        counted from the application, the review only after the public notice);
//   K806 a step that may be closed while its objection window still runs (closing it cuts it short);
//   K807 a window counted from an earlier step that is over before its own step can start.
// Steps already done are history (a late review is recorded as late, engine/run): only what is
// still ahead is said.
import type { Workflow } from '../compile/workflow.ts';
import type { CaseState } from '../run/index.ts';
import { planCase, type PlanContext } from './index.ts';
import { msg, type Message } from '../../dsl/message.ts';

export type TimingCode = 'K805' | 'K806' | 'K807';

export interface TimingWarning {
  code: TimingCode;
  /** The step whose period conflicts, and the runner's timer for that period. */
  step: string;
  label: string;
  timer: string;
  /** The period's last day. */
  end: string;
  /** K805: the first day the step can be done; K806: the first day it can be closed; K807: the first day it can start. */
  earliest: string;
  /** The steps it has to wait for (K805, K807). */
  after: string[];
  cite: string;
  /** What the case page says (dsl/phrases/time.ts timing.*), in the reader's language. */
  message: Message;
}

export function timingWarnings(wf: Workflow, state: CaseState, context: PlanContext): TimingWarning[] {
  if (state.status !== 'open') return [];
  const plan = planCase({ workflow: wf, state, context });
  const final = plan.state;
  if (!final) return [];
  const out: TimingWarning[] = [];
  const labelOf = (id: string) => wf.states.find((s) => s.id === id)?.label ?? id;
  for (const spec of wf.timers) {
    const now = state.steps[spec.step]?.status;
    if (now === 'done' || now === 'skipped') continue;
    const t = final.timers[spec.id];
    const planned = plan.steps.find((p) => p.step === spec.step);
    if (!t?.end || !planned) continue;
    const def = wf.states.find((s) => s.id === spec.step)!;
    const after = def.after.filter((a) => state.steps[a]?.status !== 'skipped');
    const waits = after.map((a) => `「${labelOf(a)}」`).join('、');
    const base = { step: def.id, label: def.label, timer: spec.id, end: t.end, cite: t.cite };
    const say = { step: def.label, period: t.label, cite: t.cite, end: t.end };
    if (spec.kind === 'deadline' && planned.status === 'done' && planned.date! > t.end) {
      const d = planned.date!;
      out.push({
        ...base,
        code: 'K805',
        earliest: d,
        after,
        message: msg('timing.K805', { ...say, waits, earliest: d }),
      });
    }
    if (spec.kind === 'window' && spec.governs.includes('recordObjection') && planned.status === 'done' && planned.date! <= t.end) {
      const d = planned.date!;
      out.push({
        ...base,
        code: 'K806',
        earliest: d,
        after: [],
        message: msg('timing.K806', { ...say, earliest: d }),
      });
    }
    const starts = final.steps[spec.step]?.activatedOn;
    if (spec.kind === 'window' && spec.start.on === 'step' && now === 'pending' && starts && starts > t.end) {
      out.push({
        ...base,
        code: 'K807',
        earliest: starts,
        after,
        message: msg('timing.K807', { ...say, waits, earliest: starts }),
      });
    }
  }
  return out;
}
