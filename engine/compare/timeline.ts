// The earliest dates of a procedure for one case: steps in `after:` order, each step's date from
// its `from:` (a step, or a date the case records such as exit.noticeDate) or from the steps it
// follows, its period counted by 《民法典》第二百零一条至第二百零三条 on the working-day calendar.
// Pure: the calendar and the start date are arguments. Periods are read the way engine/compile
// reads them, so a clerk's deadlines and a researcher's timeline agree:
//   writtenNotice  the step is the notice itself (its date); the notice period's end is shown;
//   publicNotice   posted when ready, closes from the day after its last day (公示…无异议后);
//   waiting / allowedAfter: true   the first day after the period (「…后」);
//   coolingOff     the household may withdraw until the window's last day; what follows waits for it;
//   reentry        a window after the exit, optional, never delays completion;
//   other kinds    a deadline: the step can be done at once, the period is its latest day.
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import { caseFields, type Field } from '../../dsl/case-schema.ts';
import type { Parameter, Policy, Step } from '../../dsl/policy-model.ts';
import { CalendarError, computeDeadline, isLocalDate, type Calendar, type Period } from '../calendar/index.ts';
import { isFailure, legalTextMessage, readPeriod } from '../../dsl/legal-text/index.ts';

export type TimelineRole = 'act' | 'notice' | 'earliest' | 'deadline' | 'window';

export interface TimelineEntry {
  step: string;
  label: string;
  kind: Step['kind'];
  cite: string;
  /** The earliest date the step can be done; null when skipped or not computable. */
  date: string | null;
  role: TimelineRole;
  /** The date its period is counted from (the start day, not itself counted). */
  countedFrom?: string;
  /** The last day of the step's period (a notice period, a deadline, a window). */
  periodEnd?: string;
  /** A public notice's objection window, counted from its posting. */
  objectionsUntil?: string;
  optional: boolean;
  /** The step's `when:` does not hold for this case. */
  skipped?: boolean;
  /** Why no date could be computed (a year without calendar data, a missing date). */
  error?: string;
  /** The step's date is known but its period's end is not (a written notice into a year without data). */
  periodError?: string;
  explanation: string[];
}

export interface Timeline {
  entries: TimelineEntry[];
  /** The latest date among the obligatory steps: the earliest the case can be complete. */
  completeBy: string | null;
  /** Set when completeBy cannot be computed. */
  error?: string;
}

export interface PlanTimelineInput {
  policy: Policy;
  procedure: ProcedureKind;
  /** Informational here; a mode's own steps are selected by the steps' `when:` conditions. */
  mode?: string | null;
  kase: CaseData;
  /** Where steps without a date of their own start; the case's own dates win where it has them. */
  start?: string;
  calendar: Calendar;
  /** Whether a step's `when:` holds for the case (null: cannot tell). Omitted: every step applies. */
  stepApplies?: (step: Step) => boolean | null;
}

export class TimelineError extends Error {
  override name = 'TimelineError';
}

/** Steps in `after:` order, declared order among the ready ones (as engine/compile orders them). */
export function orderSteps(steps: readonly Step[]): Step[] {
  const ids = new Set(steps.map((s) => s.id));
  const done = new Set<string>();
  const out: Step[] = [];
  let rest = [...steps];
  while (rest.length) {
    const ready = rest.filter((s) => s.after.every((a) => done.has(a) || !ids.has(a)));
    if (ready.length === 0)
      throw new TimelineError(`步骤顺序有循环 the steps' after: order has a cycle among ${rest.map((s) => s.id).join(', ')}`);
    for (const s of ready) {
      out.push(s);
      done.add(s.id);
    }
    rest = rest.filter((s) => !done.has(s.id));
  }
  return out;
}

/** Resolves a dotted case path written with English keys or Chinese labels and reads its value. */
export function readCasePath(kase: unknown, path: string): unknown {
  let fields: Field[] | undefined = caseFields;
  let cur: unknown = kase;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(part)) return undefined;
      cur = cur[Number(part)];
      continue;
    }
    const f: Field | undefined = fields?.find((x) => x.key === part || x.label === part);
    const key = f?.key ?? part;
    cur = (cur as Record<string, unknown>)[key];
    const t: Field['type'] | undefined = f?.type;
    fields = t?.kind === 'record' ? t.fields : t?.kind === 'list' && t.of.kind === 'record' ? t.of.fields : undefined;
  }
  return cur;
}

function periodOf(policy: Policy, name: string): { parameter: Parameter; period: Period } {
  const parameter = policy.parameters.find((p) => p.name === name);
  if (!parameter) throw new TimelineError(`未声明的期间参数 undeclared period parameter: ${name}`);
  if (parameter.period) return { parameter, period: parameter.period };
  const parsed = readPeriod(parameter.value ?? '');
  if (isFailure(parsed))
    throw new TimelineError(`参数 ${name} 不是期间 parameter ${name} is not a period: ${legalTextMessage(parsed.error)}`);
  return { parameter, period: parsed };
}

const later = (a: string, b: string) => (a >= b ? a : b);

/** Plans the earliest timeline of a procedure for a case. Never throws for calendar gaps. */
export function planTimeline(input: PlanTimelineInput): Timeline {
  const { policy, procedure, kase, calendar } = input;
  const proc = policy.procedures[procedure];
  if (!proc) {
    return {
      entries: [],
      completeBy: null,
      error: `政策 ${policy.meta.id} 没有${procedure === 'exit' ? '退出' : '转让'}程序 policy has no ${procedure} procedure`,
    };
  }
  if (input.start !== undefined && !isLocalDate(input.start)) {
    throw new TimelineError(`起算日不是有效日期 start is not a valid date: ${JSON.stringify(input.start)} (应为 expected YYYY-MM-DD)`);
  }
  const stepIds = new Set(proc.steps.map((s) => s.id));
  const byId = new Map<string, TimelineEntry>();
  const entries: TimelineEntry[] = [];

  for (const step of orderSteps(proc.steps)) {
    const optional = step.optional === true || step.kind === 'reentry';
    const entry: TimelineEntry = {
      step: step.id,
      label: step.label,
      kind: step.kind,
      cite: step.cite,
      date: null,
      role: 'act',
      optional,
      explanation: [],
    };
    entries.push(entry);
    byId.set(step.id, entry);
    const ex = entry.explanation;

    if (step.when && input.stepApplies) {
      const applies = input.stepApplies(step);
      if (applies === false) {
        entry.skipped = true;
        let pass: string | null = null;
        for (const a of step.after) {
          const p = byId.get(a);
          const d = p ? (p.date ?? readyOf(p)) : null;
          if (d) pass = pass ? later(pass, d) : d;
        }
        if (pass ?? input.start) setReady(entry, (pass ?? input.start)!);
        ex.push(`不适用 not applicable: 条件 when「${step.when}」对本案不成立 does not hold for this case`);
        continue;
      }
      if (applies === null)
        ex.push(`条件 when「${step.when}」因数据缺失无法判断，按适用计 cannot be decided (data missing): counted as applying`);
    }

    try {
      // Ready: once every step it follows is done (skipped steps pass their readiness through).
      const preds = step.after.filter((a) => stepIds.has(a)).map((a) => byId.get(a)!);
      let ready: string | undefined;
      for (const p of preds) {
        if (p.error) throw new TimelineError(`依赖的步骤 ${p.step} 无法计算 depends on step ${p.step}, which could not be computed`);
        const d = p.date ?? (p.skipped ? readyOf(p) : null);
        if (d) ready = ready ? later(ready, d) : d;
      }
      // Steps are named by their labels: a step id is the policy's internal name, not for people.
      if (preds.length) {
        const zh = preds.map((p) => `「${p.label}」${p.date ?? '（不适用）'}`).join('，');
        const en = preds.map((p) => `「${p.label}」 ${p.date ?? '(skipped)'}`).join(', ');
        ex.push(`前置步骤：${zh}${ready ? `，最早 ${ready} 可开始` : ''} — after ${en}${ready ? `: ready on ${ready}` : ''}`);
      }

      // The day the step's own period is counted from.
      let from: string | undefined;
      if (step.from && stepIds.has(step.from)) {
        const f = byId.get(step.from);
        if (!f || f.error || !f.date)
          throw new TimelineError(
            `步骤 ${step.id} 自步骤 ${step.from} 起算，但其日期无法确定 counts from step ${step.from}, whose date is unknown`,
          );
        from = f.date;
        ex.push(`自「${f.label}」之日 ${from} 起算 — counted from 「${f.label}」 (${from})`);
      } else if (step.from) {
        const own = readCasePath(kase, step.from);
        if (typeof own === 'string' && isLocalDate(own)) {
          from = own;
          ex.push(`取案件日期 the case's date ${step.from} = ${own}`);
        } else if (input.start) {
          from = input.start;
          ex.push(`案件未填 ${step.from}，取起算日 ${input.start} the case has no ${step.from}: using the start date`);
        } else {
          throw new TimelineError(
            `案件未填 ${step.from}，也未给出起算日 the case has no ${step.from} and no start date was given (--start)`,
          );
        }
      }
      const base = from && ready ? later(from, ready) : (from ?? ready ?? input.start);
      if (!base) throw new TimelineError(`没有起算日 no start date: 请给出起算日 give a start date (--start)`);
      if (!from && !ready) ex.push(`自起算日 ${base} 开始 starts on the start date ${base}`);
      setReady(entry, ready ?? from ?? base);

      if (!step.period) {
        entry.date = base;
        entry.role = 'act';
        ex.push(`最早 ${base} 可办理 earliest ${base}`);
      } else {
        const { parameter, period } = periodOf(policy, step.period);
        const countFrom = from ?? base;
        const override = step.countingOverride;
        const compute = (after: boolean, p: Period = period) =>
          computeDeadline({ start: countFrom, period: p, calendar, after, ...(override ? { override } : {}) });
        const pLabel = `${parameter.label ?? parameter.name}「${period.text}」(${parameter.cite})`;
        entry.countedFrom = countFrom;
        const waits = step.allowedAfter === true || step.kind === 'waiting';
        if (step.kind === 'writtenNotice') {
          // The notice is given on its day whatever the calendar knows; only the period's end may be unknown.
          entry.role = 'notice';
          entry.date = base;
          try {
            const d = compute(false);
            entry.periodEnd = d.end;
            ex.push(
              `书面通知于 ${base} 作出 the written notice is given on ${base}; ${pLabel} 至 ${d.end} 届满 runs to ${d.end}`,
              ...d.explanation,
            );
          } catch (e) {
            if (!(e instanceof CalendarError)) throw e;
            entry.periodError = e.message;
            ex.push(
              `书面通知于 ${base} 作出 the written notice is given on ${base}; ${pLabel} 的届满日无法计算 the period's end cannot be computed: ${e.message}`,
            );
          }
        } else if (step.kind === 'publicNotice' || waits || step.kind === 'coolingOff') {
          const d = compute(true);
          entry.role = step.kind === 'coolingOff' ? 'window' : 'earliest';
          entry.periodEnd = d.lastDay;
          entry.date = ready ? later(d.end, ready) : d.end;
          const what =
            step.kind === 'publicNotice'
              ? `公示 ${pLabel} 期满无异议后，最早 ${d.end} 可结束公示 the notice may close from ${d.end}`
              : step.kind === 'coolingOff'
                ? `冷静期 ${pLabel} 内可无条件撤回，至 ${d.lastDay} 届满；其后的步骤自 ${d.end} 起办理 the household may withdraw until ${d.lastDay}; what follows waits until ${d.end}`
                : `${pLabel} 届满后方可为之，最早 ${d.end} allowed only after the period: from ${d.end}`;
          ex.push(what, ...d.explanation);
          if (ready && ready > d.end) ex.push(`前置步骤晚于期满，取 ${ready} the preceding steps end later: ${ready}`);
        } else if (step.kind === 'reentry') {
          const d = compute(false);
          entry.role = 'window';
          entry.date = d.end;
          entry.periodEnd = d.end;
          ex.push(
            `反悔窗口 ${pLabel} 至 ${d.end} 届满（可选，不影响办结）the re-entry window runs to ${d.end} (optional, not part of completion)`,
            ...d.explanation,
          );
        } else {
          const d = compute(false);
          entry.role = 'deadline';
          entry.date = base;
          entry.periodEnd = d.end;
          ex.push(`最早 ${base} 可办理，${pLabel} 最迟 ${d.end} can be done from ${base}; due by ${d.end}`, ...d.explanation);
        }
        if (step.objectionPeriod) {
          const o = periodOf(policy, step.objectionPeriod);
          const d = computeDeadline({ start: countFrom, period: o.period, calendar, after: false });
          entry.objectionsUntil = d.end;
          ex.push(`异议期 objections: ${o.parameter.label ?? o.parameter.name}「${o.period.text}」(${o.parameter.cite}) 至 ${d.end}`);
        }
      }
    } catch (e) {
      if (!(e instanceof CalendarError) && !(e instanceof TimelineError)) throw e;
      entry.error = e.message;
      entry.date = null;
      ex.push(`无法计算 cannot compute: ${e.message}`);
    }
  }

  const counted = entries.filter((e) => !e.optional && !e.skipped);
  const failed = counted.find((e) => e.error);
  if (failed)
    return { entries, completeBy: null, error: `步骤 ${failed.step} 无法计算 step ${failed.step} cannot be computed: ${failed.error}` };
  const dates = counted.map((e) => e.date).filter((d): d is string => d !== null);
  return { entries, completeBy: dates.length ? dates.reduce(later) : null };
}

// A skipped step passes on the date its predecessors were ready, kept out of the JSON.
const READY = new WeakMap<TimelineEntry, string>();
function setReady(e: TimelineEntry, d: string) {
  READY.set(e, d);
}
function readyOf(e: TimelineEntry): string | null {
  return READY.get(e) ?? null;
}
