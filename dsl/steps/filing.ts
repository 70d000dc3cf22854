// 备案.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'filing',
  label: { zh: '备案', en: 'filing' },
  takes: [],
  commands: ['fileWithTown'],
  completes: ['fileWithTown'],
  events: {
    FiledWithTown: { zh: '报镇备案', en: 'Filed with the town' },
  },
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
