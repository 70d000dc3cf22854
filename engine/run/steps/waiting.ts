// 等待期 (dsl/steps/waiting.ts): ended only once its period has run out (the timer refuses earlier).
import { date } from './fields.ts';
import { stepKindTools } from './kind.ts';

const { define, command, ev } = stepKindTools<'waiting', { WaitingEnded: { step: string; date: string } }>();

export default define({
  kind: 'waiting',
  commands: {
    endWaiting: command({
      label: { zh: '等待期届满', en: 'the waiting period is over' },
      fields: [date],
      handle: (c) => ({ events: [ev('WaitingEnded', { step: c.def.id, date: c.date })], complete: { date: c.date } }),
    }),
  },
  // A fact kept in the trail only; the step's result (StepCompleted) carries what the state needs.
  reducers: { WaitingEnded: () => {} },
});
