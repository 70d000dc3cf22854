// 书面申请: the case opens with the household's written application (dsl/steps/application.ts).
import { openingFields, opening, reduceOpening, type Opening } from './fields.ts';
import { stepKindTools } from './kind.ts';

const { define, command, ev } = stepKindTools<'application', { ApplicationSubmitted: Opening }>();

export default define({
  kind: 'application',
  commands: {
    submitApplication: command({
      label: { zh: '提交书面申请', en: 'submit the written application' },
      fields: openingFields,
      handle: (c) => ({ events: [ev('ApplicationSubmitted', opening(c))], complete: { date: c.date } }),
    }),
  },
  reducers: { ApplicationSubmitted: reduceOpening },
});
