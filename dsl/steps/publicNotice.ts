// 公示: posted, then closed from the day after its period's last day (公示…无异议后); objections may
// be recorded within its objection window (periods.objections), counted from the posting.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'publicNotice',
  label: { zh: '公示', en: 'public notice' },
  takes: [],
  needsPeriod: '公示',
  periods: {
    objections: {
      label: { zh: '异议期', en: 'the objection window' },
      timer: 'window',
      governs: ['recordObjection'],
      start: 'posted',
      optional: true,
    },
  },
  commands: ['postPublicNotice', 'recordObjection', 'closePublicNotice'],
  completes: ['closePublicNotice'],
  events: {
    PublicNoticePosted: { zh: '张贴公示', en: 'Public notice posted' },
    ObjectionRecorded: { zh: '记录异议', en: 'Objection recorded' },
    PublicNoticeClosed: { zh: '公示期满', en: 'Public notice closed' },
  },
  timer: { rule: 'fixed', role: 'period', timer: 'earliest', governs: ['closePublicNotice'], start: 'posted', after: true },
  optionalByDefault: false,
});
