// 备案 (dsl/steps/filing.ts): filed with the town's rural land contract office.
import { date } from './fields.ts';
import { stepKindTools } from './kind.ts';

interface Events {
  FiledWithTown: { step: string; date: string; office: string; filingNo?: string };
}

const { define, command, ev } = stepKindTools<'filing', Events>();

export default define({
  kind: 'filing',
  commands: {
    fileWithTown: command({
      label: { zh: '报镇人民政府备案', en: 'file with the town' },
      fields: [
        date,
        { key: 'office', label: '备案机关', type: 'string', required: false },
        { key: 'filingNo', label: '备案编号', type: 'string', required: false },
      ],
      handle: (c) => {
        const result = { date: c.date, office: c.p.office ?? `${c.state.place.town}人民政府农村土地承包管理部门`, filingNo: c.p.filingNo };
        return { events: [ev('FiledWithTown', { step: c.def.id, ...result })], complete: result };
      },
    }),
  },
  // A fact kept in the trail only; the step's result (StepCompleted) carries what the state needs.
  reducers: { FiledWithTown: () => {} },
});
