// 家庭共有人同意 (dsl/steps/consent.ts): each co-owner's consent recorded; done when every co-owner
// has consented.
import { date, note } from './fields.ts';
import { stepKindTools } from './kind.ts';
import { msg } from '../../../dsl/message.ts';

interface Events {
  ConsentRecorded: { step: string; date: string; name: string; consents: boolean; note?: string };
}

const { define, command, ev } = stepKindTools<'consent', Events>();

export default define({
  kind: 'consent',
  commands: {
    recordConsent: command({
      label: { zh: '记录家庭共有人意见', en: "record a co-owner's consent" },
      fields: [
        date,
        { key: 'name', label: '共有人姓名', type: 'string', required: true },
        { key: 'consents', label: '同意', type: 'boolean', required: true },
        note,
      ],
      handle: (c) => {
        const kase = c.state.case;
        const member = kase.household.members.find((m) => m.name === c.p.name);
        if (!member)
          return {
            code: 'BAD_PAYLOAD',
            kind: 'invalid',
            path: '/payload/name',
            message: msg('run.noMember', { name: c.p.name }),
          };
        const events = [ev('ConsentRecorded', { step: c.def.id, date: c.date, name: c.p.name, consents: c.p.consents, note: c.p.note })];
        const after = kase.household.members.map((m) => (m.name === c.p.name ? { ...m, consents: c.p.consents } : m));
        const all = after.filter((m) => m.coOwner).every((m) => m.consents === true);
        return all ? { events, complete: { date: c.date } } : { events };
      },
      // The next co-owner who has not consented yet consents.
      planned: ({ state }) => {
        const next = state.case.household.members.find((m) => m.coOwner && m.consents !== true);
        return next ? [{ name: next.name, consents: true }] : [];
      },
    }),
  },
  reducers: {
    ConsentRecorded: (s, p) => {
      for (const m of s.case.household.members) if (m.name === p.name) m.consents = p.consents;
    },
  },
});
