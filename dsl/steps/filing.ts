// 备案.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'filing',
  label: { zh: '备案', en: 'filing' },
  takes: [],
  commands: ['fileWithTown'],
  completes: ['fileWithTown'],
  timer: { rule: 'completion', waits: 'ifAllowedAfter' },
  optionalByDefault: false,
});
