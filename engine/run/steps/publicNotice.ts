// 公示 (dsl/steps/publicNotice.ts): posted, objections recorded within its window, then closed —
// from the day after its period's last day, and only once the objections are dealt with.
import { stepOf } from '../state.ts';
import { date, note } from './fields.ts';
import { stepKindTools } from './kind.ts';
import { msg } from '../../../dsl/message.ts';

interface Events {
  PublicNoticePosted: { step: string; date: string; place?: string; note?: string };
  ObjectionRecorded: { step: string; date: string; by: string; text: string };
  PublicNoticeClosed: { step: string; date: string; postedOn: string; objections: number; resolved: boolean; note?: string };
}

const { define, command, ev } = stepKindTools<'publicNotice', Events>();

const notPosted = (cite: string) => ({ code: 'NOT_ALLOWED', kind: 'notAllowedNow', message: msg('run.notPosted'), cite }) as const;

export default define({
  kind: 'publicNotice',
  commands: {
    postPublicNotice: command({
      label: { zh: '张贴公示', en: 'post the public notice' },
      fields: [date, { key: 'place', label: '公示地点', type: 'string', required: false }, note],
      handle: (c) => {
        if (c.st.postedOn) {
          return {
            code: 'NOT_ALLOWED',
            kind: 'notAllowedNow',
            message: msg('run.alreadyPosted', { date: c.st.postedOn }),
            cite: c.def.cite,
          };
        }
        return { events: [ev('PublicNoticePosted', { step: c.def.id, date: c.date, place: c.p.place, note: c.p.note })] };
      },
    }),
    recordObjection: command({
      label: { zh: '记录异议', en: 'record an objection' },
      fields: [
        date,
        { key: 'by', label: '异议人', type: 'string', required: true },
        { key: 'text', label: '异议内容', type: 'string', required: true },
      ],
      handle: (c) => {
        if (!c.st.postedOn) return notPosted(c.def.cite);
        if (c.date < c.st.postedOn) {
          return {
            code: 'BAD_DATE',
            kind: 'refusedByRule',
            path: '/payload/date',
            message: msg('run.objectionBeforePosting', { date: c.st.postedOn }),
            cite: c.def.cite,
          };
        }
        return { events: [ev('ObjectionRecorded', { step: c.def.id, date: c.date, by: c.p.by, text: c.p.text })] };
      },
    }),
    closePublicNotice: command({
      label: { zh: '公示期满', en: 'close the public notice' },
      fields: [date, { key: 'objectionsResolved', label: '异议已处理', type: 'boolean', required: false }, note],
      handle: (c) => {
        if (!c.st.postedOn) return notPosted(c.def.cite);
        const objections = c.state.objections.filter((o) => o.step === c.def.id);
        if (objections.length > 0 && c.p.objectionsResolved !== true) {
          return {
            code: 'OBJECTIONS_PENDING',
            kind: 'refusedByRule',
            message: msg('run.unresolvedObjections', { n: objections.length }),
            cite: c.def.cite,
          };
        }
        const result = { date: c.date, postedOn: c.st.postedOn, objections: objections.length, resolved: objections.length > 0 };
        return { events: [ev('PublicNoticeClosed', { step: c.def.id, ...result, note: c.p.note })], complete: result };
      },
    }),
  },
  reducers: {
    PublicNoticePosted: (s, p) => {
      stepOf(s, p.step).postedOn = p.date;
    },
    ObjectionRecorded: (s, p) => {
      s.objections.push({ step: p.step, date: p.date, by: p.by, text: p.text });
    },
    // A fact kept in the trail only; the step's result (StepCompleted) carries what the state needs.
    PublicNoticeClosed: () => {},
  },
  view: {
    // Posted once; objections and the close only after it is posted.
    offers: (type, st) => (type === 'postPublicNotice' ? !st.postedOn : !!st.postedOn),
    active: ({ def, st, base }) =>
      st.postedOn
        ? undefined
        : [{ ...base, due: null, kind: 'due', explanation: [msg('view.toPost', { label: def.label, cite: def.cite })] }],
  },
});
