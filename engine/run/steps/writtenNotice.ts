// 书面通知: the household's written notice opens the case (dsl/steps/writtenNotice.ts); its period
// runs from the notice's date.
import { openingFields, opening, reduceOpening, type Opening } from './fields.ts';
import { stepKindTools } from './kind.ts';

const { define, command, ev } = stepKindTools<'writtenNotice', { WrittenNoticeReceived: Opening }>();

export default define({
  kind: 'writtenNotice',
  commands: {
    receiveWrittenNotice: command({
      label: { zh: '收到书面通知', en: 'written notice received' },
      fields: openingFields,
      handle: (c) => ({ events: [ev('WrittenNoticeReceived', opening(c))], complete: { date: c.date } }),
    }),
  },
  reducers: { WrittenNoticeReceived: reduceOpening },
});
