// 冷静期 (dsl/steps/coolingOff.ts): the household may withdraw until the window's last day, which
// ends the case; the step is ended once the window has run out.
import { date } from './fields.ts';
import { stepKindTools } from './kind.ts';
import { msg } from '../../../dsl/message.ts';

interface Events {
  CoolingOffEnded: { step: string; date: string };
  Withdrawn: { step: string; date: string; reason?: string };
}

const { define, command, ev } = stepKindTools<'coolingOff', Events>();

export default define({
  kind: 'coolingOff',
  commands: {
    withdraw: command({
      label: { zh: '冷静期内撤回', en: 'withdraw within the cooling-off period' },
      fields: [date, { key: 'reason', label: '理由', type: 'string', required: false }],
      absent: msg('run.noCoolingOff'),
      handle: (c) => ({
        events: [ev('Withdrawn', { step: c.def.id, date: c.date, reason: c.p.reason })],
        close: {
          status: 'withdrawn',
          reason: msg('run.withdrawn', { reason: c.p.reason }),
          cite: c.def.cite,
        },
      }),
    }),
    endCoolingOff: command({
      label: { zh: '冷静期届满', en: 'the cooling-off period is over' },
      fields: [date],
      handle: (c) => ({ events: [ev('CoolingOffEnded', { step: c.def.id, date: c.date })], complete: { date: c.date } }),
    }),
  },
  // Facts kept in the trail only; StepCompleted and CaseClosed carry what the state needs.
  reducers: { CoolingOffEnded: () => {}, Withdrawn: () => {} },
});
