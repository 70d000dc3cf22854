// 变更或注销登记 (dsl/steps/registration.ts). With `registration: byExtent` the kind follows the
// exit's extent (钦州第十六条): a partial exit changes the registration, a full exit cancels it.
import { isFull } from '../context.ts';
import { date } from './fields.ts';
import { stepKindTools } from './kind.ts';
import { msg } from '../../../dsl/message.ts';

type RegistrationKind = 'change' | 'cancellation';

interface Events {
  RegistrationRecorded: { step: string; date: string; kind: RegistrationKind; full: boolean; registrationNo?: string };
}

const { define, command, ev } = stepKindTools<'registration', Events>();

export default define({
  kind: 'registration',
  commands: {
    recordRegistration: command({
      label: { zh: '变更或注销登记', en: 'registration change or cancellation' },
      fields: [
        date,
        { key: 'kind', label: '登记类型', type: 'enum', values: { change: '变更登记', cancellation: '注销登记' }, required: false },
        { key: 'registrationNo', label: '登记编号', type: 'string', required: false },
      ],
      handle: (c) => {
        const full = isFull(c.state.case, c.wf.procedure);
        const expected: RegistrationKind = full ? 'cancellation' : 'change';
        const kind = c.p.kind ?? expected;
        const guarded = c.wf.guards.some((g) => g.kind === 'registration' && c.def.guards.includes(g.id));
        if (guarded && kind !== expected) {
          return {
            code: 'REGISTRATION_KIND',
            kind: 'refusedByRule',
            path: '/payload/kind',
            message: msg(full ? 'run.cancellationNeeded' : 'run.changeNeeded'),
            cite: c.def.cite,
          };
        }
        const result = { date: c.date, kind, full, registrationNo: c.p.registrationNo };
        return { events: [ev('RegistrationRecorded', { step: c.def.id, ...result })], complete: result };
      },
    }),
  },
  // A fact kept in the trail only; the step's result (StepCompleted) carries what the state needs.
  reducers: { RegistrationRecorded: () => {} },
  // 钦州第十六条: the extent decides the registration only where the policy declares it (registration: byExtent).
  compile: ({ step, procedure }) =>
    procedure === 'exit' && step.registration === 'byExtent'
      ? {
          guards: [
            {
              id: `${step.id}:registration`,
              kind: 'registration',
              label: { zh: '部分退出变更登记，全部退出注销登记', en: 'change for a partial exit, cancellation for a full one' },
              on: ['recordRegistration'],
              cite: step.cite,
            },
          ],
        }
      : {},
});
