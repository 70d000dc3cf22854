// A clerk's dated tasks and a case's deadlines as calendar events: the same entries the task list
// and the case page show (engine/cases/service.ts tasks() and deadlines()), one all-day event on
// each entry's date. Entries without a date (a step open with no period running) and steps done
// are not events.
import type { Task } from '../cases/service.ts';
import type { DeadlineEntry } from '../run/index.ts';
import type { IcsEvent } from './ics.ts';
import type { Text } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';

/** What one event says: which case and step, and why that day. */
export interface DatedEntry {
  caseId: string;
  policy: string;
  /** The head of household, as the task list shows the case. */
  head: string;
  step: string;
  label: string;
  kind: Task['kind'];
  date: string;
  explanation: Text[];
  cite: string;
}

const KIND: Record<Task['kind'], { mark: string; line: string }> = {
  due: { mark: '', line: '办理期限 deadline' },
  overdue: { mark: '【已逾期】', line: '已逾期 overdue since this day' },
  waiting: { mark: '【可办理起】', line: '此日起可办理 may be done from this day' },
};

export function taskEntry(t: Task): DatedEntry | null {
  if (t.deadline === null) return null;
  return {
    caseId: t.caseId,
    policy: t.policy,
    head: t.head,
    step: t.step,
    label: t.label,
    kind: t.kind,
    date: t.deadline,
    explanation: t.explanation,
    cite: t.cite,
  };
}

export function deadlineEntry(c: { id: string; policy: string; head: string }, d: DeadlineEntry): DatedEntry | null {
  if (d.kind === 'done' || d.due === null) return null;
  return {
    caseId: c.id,
    policy: c.policy,
    head: c.head,
    step: d.step,
    label: d.label,
    kind: d.kind,
    date: d.due,
    explanation: d.explanation,
    cite: d.cite,
  };
}

/**
 * The events, one per entry. The UID is the case and the step (a step with two dated entries —
 * two deadlines running before it starts — numbers the second), so a feed fetched again
 * updates its events in place.
 */
export function calendarEvents(entries: DatedEntry[]): IcsEvent[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const base = `${e.caseId}.${e.step}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const who = e.head ? `${e.head}（${e.caseId}）` : e.caseId;
    return {
      uid: `${n === 1 ? base : `${base}.${n}`}@landflow`,
      date: e.date,
      summary: `${KIND[e.kind].mark}${e.label} · ${who}`,
      // A calendar application shows one text for every reader: both languages, as the command line does.
      description: [
        KIND[e.kind].line,
        ...e.explanation.map(renderBoth),
        `依据 cite: ${e.cite}`,
        `案件 case: ${e.caseId}（${e.policy}）`,
      ].join('\n'),
      categories: [e.kind],
    };
  });
}
