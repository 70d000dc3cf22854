// Timing conflicts between the steps of a procedure, found over the national calendar's worst
// case (dsl/period-span.ts: the most days a period can take, from the same calendar the runner
// counts on):
//   K805 a deadline counted from an earlier step can run out before its own step can be done,
//        because of the waits between (钦州第七条: 7 日 for written reasons from the application,
//        but the review comes only after 3 working days of public notice, 13 days over 春节);
//   K806 a step can be closed while its objection window still runs (附件3's 15 日 against
//        第七条's 三个工作日): closing it cuts the window short;
//   K807 a window counted from an earlier step (a cooling-off, a re-entry) can be over before its
//        own step starts, so the household could never use it.
// A step waits as engine/compile turns its kind's timer rule (dsl/steps/) into timers: a public
// notice closes from the day after its period, a waiting step or an `allowedAfter` act comes
// after its period, a cooling-off ends after its window. Days are counted from the earlier step's
// date; a step that depends on nothing between is not delayed by it. With one wait between the
// two the finding is exact (it happens on the calendar, and its absence means it never does);
// with several, their worst cases are added. Steps with a countingOverride are left out.
import type { Related } from '../diagnostics.ts';
import { msg } from '../message.ts';
import type { Period, Procedure, Step } from '../policy-model.ts';
import { periodSpan, type PeriodSpan } from '../period-span.ts';
import { periodRolesOf, STEP_KIND_DECLS } from '../steps/index.ts';
import type { CheckContext } from './context.ts';

interface StepPeriod {
  /** Where the step names it: `period` or `periods.<role>`. */
  key: string;
  name: string;
  timer: 'earliest' | 'deadline' | 'window' | 'notice';
  /** The step can be done only once it is over. */
  waits: boolean;
}

interface Wait {
  step: Step;
  period: Period;
  span: PeriodSpan;
}

/** The latest day (after the reference step's day) a step can be done, and the waits that make it. */
interface Latest {
  days: number;
  waits: Wait[];
}

export function checkTiming(ctx: CheckContext): void {
  for (const proc of Object.values(ctx.policy.procedures)) if (proc) checkProcedureTiming(ctx, proc);
}

function checkProcedureTiming(ctx: CheckContext, proc: Procedure): void {
  const { policy, built } = ctx;
  const byId = new Map(proc.steps.map((s) => [s.id, s]));
  if (byId.size !== proc.steps.length) return; // P601 reports it
  const periodOf = (name: string | undefined): Period | undefined =>
    name === undefined ? undefined : policy.parameters.find((p) => p.name === name)?.period;
  const citeOf = (name: string | undefined) => policy.parameters.find((p) => p.name === name)?.cite ?? '';

  /**
   * The periods a step counts, as engine/compile turns them into timers: its `period:` by its kind's
   * timer rule (waiting for it before the step can be done, or a deadline, or a window), and the
   * named periods of its kind (`periods.<role>`: a deadline or a window for one part of the step).
   */
  const periodsOf = (s: Step): StepPeriod[] => {
    const out: StepPeriod[] = [];
    if (s.period) {
      const rule = STEP_KIND_DECLS[s.kind].timer;
      if (rule.rule === 'completion') {
        const waits = rule.waits === 'always' || s.allowedAfter === true;
        out.push({ key: 'period', name: s.period, timer: waits ? 'earliest' : 'deadline', waits });
      } else {
        const waits = (rule.timer === 'earliest' && rule.after) || (rule.timer === 'window' && (rule.closes?.length ?? 0) > 0);
        out.push({ key: 'period', name: s.period, timer: rule.timer, waits });
      }
    }
    for (const [role, decl] of Object.entries(periodRolesOf(s.kind))) {
      const name = s.periods?.[role];
      if (name) out.push({ key: `periods.${role}`, name, timer: decl.timer, waits: false });
    }
    return out;
  };

  /** The step's own wait before it can be done: how long after its start, and counted from which step. */
  const waitOf = (s: Step): { from: string | undefined; wait: Wait } | undefined => {
    const own = periodsOf(s).find((p) => p.key === 'period');
    const period = periodOf(own?.name);
    if (!own?.waits || !period || s.countingOverride) return undefined;
    const span = periodSpan(period);
    if (!span) return undefined;
    const fromStep = s.from !== undefined && byId.has(s.from) ? s.from : undefined;
    // Counted from the step's own date (a case date): it waits for nothing the steps before it do.
    if (s.from !== undefined && !fromStep) return undefined;
    return { from: fromStep, wait: { step: s, period, span: { ...span, max: span.max + 1, min: span.min + 1 } } };
  };

  /**
   * The latest day each step can be done, counted from the day `ref` is done: through the steps
   * it follows (`after:`) and its own wait. Undefined for a step that does not follow `ref`.
   */
  const latestFrom = (ref: string) => {
    const memo = new Map<string, Latest | undefined>();
    const visiting = new Set<string>();
    const done = (id: string): Latest | undefined => {
      if (id === ref) return { days: 0, waits: [] };
      if (memo.has(id)) return memo.get(id);
      const s = byId.get(id);
      if (!s || visiting.has(id)) return undefined; // a cycle: P603 reports it
      visiting.add(id);
      let best = startOf(s);
      const own = waitOf(s);
      if (own) {
        const base = own.from ? done(own.from) : best;
        if (base && (!best || base.days + own.wait.span.max > best.days))
          best = { days: base.days + own.wait.span.max, waits: [...base.waits, own.wait] };
      }
      visiting.delete(id);
      memo.set(id, best);
      return best;
    };
    /** The latest day a step can start: when the last of the steps it follows is done. */
    const startOf = (s: Step): Latest | undefined => {
      let best: Latest | undefined;
      for (const a of s.after) {
        const d = byId.has(a) ? done(a) : undefined;
        if (d && (!best || d.days > best.days)) best = d;
      }
      return best;
    };
    return { done, startOf };
  };

  const waitsText = (ws: Wait[]) => ws.map((w) => `「${w.step.label || w.step.id}」${w.period.text}`).join('、');
  const related = (ws: Wait[], from: Step): Related[] => [
    ...ws.flatMap((w) => {
      const at = built.spans.get(w.step, 'period');
      if (!at) return [];
      const { from: on, crosses, by } = w.span.worst;
      const args = { period: w.period.text, days: w.span.max - 1, from: on, crosses };
      return [{ ...at, message: msg(by === 'start' ? 'related.waitAcross' : 'related.waitRoll', args) }];
    }),
    ...(built.spans.get(from, 'id') ? [{ ...built.spans.get(from, 'id')!, message: msg('related.countedFrom') }] : []),
  ];

  for (const s of proc.steps) {
    if (s.countingOverride || s.from === undefined || !byId.has(s.from) || s.from === s.id) continue;
    const from = byId.get(s.from)!;
    const start = latestFrom(s.from).startOf(s);
    if (!start || start.waits.length === 0) continue;
    for (const p of periodsOf(s)) {
      if (p.timer !== 'deadline' && p.timer !== 'window') continue;
      const period = periodOf(p.name);
      const span = period && periodSpan(period);
      // The step starts after its period's last day at the latest: the period may be over before it starts.
      if (!period || !span || start.days <= span.min) continue;
      const args = {
        step: s.label || s.id,
        period: period.text,
        cite: citeOf(p.name),
        from: from.label || from.id,
        days: span.min,
        waits: waitsText(start.waits),
        worst: start.days,
      };
      ctx.report(p.timer === 'deadline' ? 'K805' : 'K807', built.spans.get(s, p.key), args, { related: related(start.waits, from) });
    }
  }

  // A step that may be closed while its objection window still runs: closing it ends the window.
  for (const s of proc.steps) {
    const objections = s.periods?.objections;
    if (!objections || s.countingOverride) continue;
    const window = periodOf(objections);
    const own = waitOf(s);
    const windowSpan = window && periodSpan(window);
    if (!window || !own || own.from || !windowSpan) continue;
    // Both count from the posting: the step may close on day `close`; objections run to day windowSpan.min at least.
    const close = own.wait.span.min;
    if (windowSpan.min < close) continue;
    const objectionAt = built.spans.get(s, 'periods.objections');
    ctx.report(
      'K806',
      built.spans.get(s, 'period'),
      {
        step: s.label || s.id,
        period: own.wait.period.text,
        periodCite: citeOf(s.period),
        close,
        window: window.text,
        windowCite: citeOf(objections),
        windowDays: windowSpan.min,
      },
      objectionAt
        ? {
            related: [
              {
                ...objectionAt,
                message: msg('related.objectionWindow', { period: window.text, days: windowSpan.min }),
              },
            ],
          }
        : {},
    );
  }
}
