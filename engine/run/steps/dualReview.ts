// 双主体协同审查 (dsl/steps/dualReview.ts, 论文3.2资格审查): two decisions on one step, one per
// reviewing body, in either order — the county agriculture department's compliance review and the
// collective's assessment. Each is due by its own deadline (the step's periods.<part>: lateness is
// recorded, not refused); the step is done when both have passed, and the case is refused as soon
// as either does not, with its written reasons.
import { STEP_KIND_DECLS } from '../../../dsl/steps/index.ts';
import { timerId } from '../../compile/workflow.ts';
import { lateness } from '../context.ts';
import { defined } from '../events.ts';
import { stepOf, type CaseState, type StepState, type TimerState } from '../state.ts';
import type { DeadlineEntry } from '../views.ts';
import { date, reasonsMissing } from './fields.ts';
import { stepKindTools, type ActiveStepView } from './kind.ts';
import { msg } from '../../../dsl/message.ts';
import type { Bilingual } from '../../../dsl/message.ts';

/** The parts are the kind's named periods: each governs the command that records its decision. */
const PARTS = STEP_KIND_DECLS.dualReview.periods!;
type Part = keyof typeof PARTS;
type Command = (typeof PARTS)[Part]['governs'][number];
const ORDER = Object.keys(PARTS) as Part[];

type Decision = { step: string; date: string; approved: boolean; reasons?: string; late?: true; deadline?: string };

interface Events {
  ComplianceReviewed: Decision;
  CollectiveAssessed: Decision;
}

const EVENT: Record<Part, keyof Events> = { compliance: 'ComplianceReviewed', assessment: 'CollectiveAssessed' };

const { define, command, ev } = stepKindTools<'dualReview', Events>();

const partOf = (type: Command): Part => ORDER.find((p) => (PARTS[p].governs as readonly Command[]).includes(type))!;

function decide(part: Part, label: Bilingual) {
  const what = PARTS[part].label;
  return command({
    label,
    fields: [
      date,
      { key: 'approved', label: '通过', type: 'boolean', required: true },
      { key: 'reasons', label: '书面理由（不通过时必填）', type: 'string', required: false },
    ],
    handle: (c) => {
      const done = c.st.parts?.[part];
      if (done) {
        return {
          code: 'NOT_ALLOWED',
          kind: 'notAllowedNow',
          message: msg('run.partDecided', { part: what, date: done.date }),
          cite: c.def.cite,
        };
      }
      const unreasoned = reasonsMissing(c, msg('run.partReasonsRequired', { part: what }));
      if (unreasoned) return unreasoned;
      // Its own deadline, or the step's `period:` when the policy gives one for both.
      const late = lateness(c, [timerId(c.def.id, part), timerId(c.def.id, 'deadline')]);
      const events = [
        ev(EVENT[part], {
          step: c.def.id,
          date: c.date,
          approved: c.p.approved,
          reasons: c.p.reasons,
          late: late ? true : undefined,
          deadline: late?.deadline,
        }),
      ];
      if (!c.p.approved) {
        return {
          events,
          close: {
            status: 'refused',
            reason: msg('run.partRefused', { part: what, reasons: c.p.reasons, late: late?.deadline }),
            cite: c.def.cite,
          },
        };
      }
      const decided = (p: Part) => (p === part ? c.date : c.st.parts?.[p]?.passed ? c.st.parts[p].date : undefined);
      if (ORDER.some((p) => decided(p) === undefined)) return { events };
      return { events, complete: { date: c.date, ...Object.fromEntries(ORDER.map((p) => [p, decided(p)])) } };
    },
    planned: () => [{ approved: true }],
  });
}

const record = (part: Part) => (s: CaseState, p: Decision) => {
  const st = stepOf(s, p.step);
  st.parts = { ...st.parts, [part]: defined({ date: p.date, passed: p.approved, reasons: p.reasons }) };
};

/** A part still to decide with its own deadline, as a task due by it (a part the policy gives no period has none). */
function entry(v: ActiveStepView, part: Part): DeadlineEntry | undefined {
  const { def, today, base } = v;
  const label = `${def.label}：${PARTS[part].label.zh}`;
  const t: TimerState | undefined = v.timers.find((x) => x.id === timerId(def.id, part));
  if (!t) return undefined;
  if (t.end) {
    return {
      ...base,
      label,
      due: t.end,
      kind: today > t.end ? 'overdue' : 'due',
      explanation: t.explanation,
      timer: t.id,
      ...(t.provisional ? { provisional: true } : {}),
    };
  }
  // The calendar cannot place its last day yet: the nominal one, with the calendar's reason.
  return { ...base, label, due: t.nominal ?? null, kind: 'due', explanation: t.explanation, timer: t.id };
}

const undecided = (st: StepState) => ORDER.filter((p) => !st.parts?.[p]);

export default define({
  kind: 'dualReview',
  commands: {
    recordComplianceReview: decide('compliance', {
      zh: '县级农业农村部门合规审查决定',
      en: 'compliance review decision (county agriculture department)',
    }),
    recordCollectiveAssessment: decide('assessment', {
      zh: '集体经济组织评估决定',
      en: 'assessment decision (collective economic organisation)',
    }),
  },
  reducers: { ComplianceReviewed: record('compliance'), CollectiveAssessed: record('assessment') },
  view: {
    // Each body decides once.
    offers: (type, st) => !st.parts?.[partOf(type)],
    // One task per part still to decide; with no period for any of them, the step is open like any other.
    active: (v) => {
      const entries = undecided(v.st).flatMap((p) => entry(v, p) ?? []);
      return entries.length ? entries : undefined;
    },
  },
});
