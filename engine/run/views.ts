// Read-only views of a case for a given day: the commands allowed now, and each step's deadline
// with its explanation (due, overdue, waiting on a period, done). Pure, like step().
import { addDays } from '../calendar/date.ts';
import { COMMANDS } from '../compile/commands.ts';
import type { CommandField, CommandType, Workflow } from '../compile/workflow.ts';
import { CLOSED_STATUSES, type CaseState, type TimerState } from './state.ts';
import { STEP_RUNTIMES } from './steps/index.ts';
import { msg, type Bilingual, type Text } from '../../dsl/message.ts';

export interface AllowedCommand {
  type: CommandType;
  /** What the clerk's button says, in each language. */
  label: Bilingual;
  step: string | null;
  stepLabel: string | null;
  cite: string;
  fields: CommandField[];
  /** Not before this day (a 「…后」 period still running). */
  notBefore?: string;
  /** Not after this day (a window). */
  until?: string;
}

export const DEADLINE_KINDS = ['due', 'waiting', 'overdue', 'done'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface DeadlineEntry {
  step: string;
  label: string;
  due: string | null;
  kind: DeadlineKind;
  /** How the date was counted, line by line (dsl/phrases/time.ts). */
  explanation: Text[];
  cite: string;
  optional: boolean;
  timer?: string;
  /** 暂定: the date relies on a year whose official arrangement is not known yet (show it). */
  provisional?: boolean;
}

/** Commands a clerk may send now (timing limits are shown, the server still enforces them). */
export function allowedCommands(wf: Workflow, state: CaseState): AllowedCommand[] {
  if (CLOSED_STATUSES.includes(state.status)) return [];
  const out: AllowedCommand[] = [];
  for (const def of wf.states) {
    const st = state.steps[def.id];
    if (st?.status !== 'active') continue;
    if (state.status === 'completed' && !def.optional) continue;
    const offers = STEP_RUNTIMES[def.kind].view?.offers;
    for (const type of def.commands) {
      if (type !== 'terminate' && offers && !offers(type, st)) continue;
      const entry: AllowedCommand = {
        type,
        label: COMMANDS[type].label,
        step: def.id,
        stepLabel: def.label,
        cite: def.cite,
        fields: COMMANDS[type].fields,
      };
      for (const spec of wf.timers.filter((t) => t.step === def.id)) {
        const t = state.timers[spec.id];
        if (!t?.end) continue;
        if (spec.kind === 'earliest' && spec.governs.includes(type)) entry.notBefore = t.end;
        if (spec.kind === 'window' && spec.governs.includes(type)) entry.until = t.end;
        if (spec.kind === 'window' && (spec.closes ?? []).includes(type)) {
          entry.notBefore = dayAfter(t.end);
        }
      }
      out.push(entry);
    }
  }
  if (state.status === 'open') {
    for (const type of wf.anytime)
      out.push({ type, label: COMMANDS[type].label, step: null, stepLabel: null, cite: wf.cite, fields: COMMANDS[type].fields });
  }
  return out;
}

/** The day after a window's last day: when an act it waits for may be done. */
const dayAfter = (d: string): string => addDays(d, 1);

const provisional = (t: TimerState) => (t.provisional ? { provisional: true } : {});

/** One entry per step that has started or has a known deadline, as of `today`. */
export function deadlines(wf: Workflow, state: CaseState, today: string): DeadlineEntry[] {
  const out: DeadlineEntry[] = [];
  const closed = CLOSED_STATUSES.includes(state.status);
  for (const def of wf.states) {
    const st = state.steps[def.id];
    if (!st || st.status === 'skipped') continue;
    const timers = wf.timers
      .filter((t) => t.step === def.id)
      .map((t) => state.timers[t.id])
      .filter((t): t is TimerState => !!t);
    const own = Object.values(state.timers).filter((t) => t.step === def.id && !wf.timers.some((s) => s.id === t.id));
    const all = [...timers, ...own];
    const base = { step: def.id, label: def.label, cite: def.cite, optional: def.optional };
    if (st.status === 'done') {
      out.push({
        ...base,
        due: st.doneOn ?? null,
        kind: 'done',
        explanation: [msg('view.done', { date: st.doneOn }), ...all.flatMap((t) => t.explanation)],
      });
      continue;
    }
    if (closed) continue;
    if (st.status === 'pending') {
      // A deadline may run before its step starts (书面说明理由 counts from the application).
      for (const t of all.filter((x) => x.kind === 'deadline' && x.end)) {
        out.push({
          ...base,
          due: t.end,
          kind: today > t.end! ? 'overdue' : 'due',
          explanation: t.explanation,
          timer: t.id,
          ...provisional(t),
        });
      }
      continue;
    }
    // Active: the kind's own entries where it has them, else the general rule below.
    const view = STEP_RUNTIMES[def.kind].view;
    const entries = view?.active?.({ wf, def, st, state, today, timers: all, base });
    if (entries) {
      out.push(...entries);
      continue;
    }
    const broken = all.find((t) => t.error);
    const waiting = all.find(
      (t) =>
        t.end &&
        ((t.kind === 'earliest' && today < t.end) ||
          (t.kind === 'window' && wf.timers.some((w) => w.id === t.id && w.closes?.length) && today <= t.end)),
    );
    const deadline = all.find((t) => t.kind === 'deadline' && t.end);
    if (waiting) {
      const due = waiting.kind === 'window' ? dayAfter(waiting.end!) : waiting.end;
      out.push({ ...base, due, kind: 'waiting', explanation: waiting.explanation, timer: waiting.id, ...provisional(waiting) });
    } else if (
      broken &&
      (broken.kind === 'earliest' || (broken.kind === 'window' && wf.timers.some((w) => w.id === broken.id && w.closes?.length)))
    ) {
      out.push({ ...base, due: broken.nominal ?? null, kind: 'waiting', explanation: broken.explanation, timer: broken.id });
    } else if (deadline) {
      const over = today > deadline.end!;
      const extra = view?.dueNote?.(state, today) ?? [];
      out.push({
        ...base,
        due: deadline.end,
        kind: over ? 'overdue' : 'due',
        explanation: [...deadline.explanation, ...extra],
        timer: deadline.id,
        ...provisional(deadline),
      });
    } else {
      // A window on the step's own act (a re-entry) is its due date: open until its last day, closed after.
      const window = all.find(
        (t) => t.kind === 'window' && t.end && wf.timers.some((w) => w.id === t.id && w.governs.some((c) => def.completes.includes(c))),
      );
      if (window) {
        const closed = today > window.end!;
        const at = { label: def.label, cite: def.cite, end: window.end! };
        const head = closed ? msg('view.windowClosed', { ...at, window: window.label }) : msg('view.windowOpen', at);
        out.push({
          ...base,
          due: window.end,
          kind: closed ? 'overdue' : 'due',
          explanation: [head, ...window.explanation],
          timer: window.id,
          ...provisional(window),
        });
        continue;
      }
      // No date binds it: open since it started, or since the 「…后」 period it waited for ran out.
      const closing = (t: TimerState) => t.kind === 'window' && wf.timers.some((w) => w.id === t.id && w.closes?.length);
      const ends = all
        .filter((t) => t.end && (t.kind === 'earliest' || closing(t)))
        .map((t) => (t.kind === 'earliest' ? t.end! : dayAfter(t.end!)));
      const from = [st.activatedOn, ...ends].filter((d): d is string => !!d).reduce((a, b) => (b > a ? b : a), '');
      const open = from
        ? msg('view.openSince', { label: def.label, cite: def.cite, from })
        : msg('view.open', { label: def.label, cite: def.cite });
      out.push({ ...base, due: null, kind: 'due', explanation: [open, ...all.flatMap((t) => t.explanation)] });
    }
  }
  return out;
}
