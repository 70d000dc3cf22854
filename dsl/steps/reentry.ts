// 反悔窗口: re-entry within a window after the exit; a right, so optional.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'reentry',
  label: { zh: '反悔期', en: 're-entry window' },
  takes: [],
  needsPeriod: '反悔窗口',
  commands: ['reEnter'],
  completes: ['reEnter'],
  events: {
    ReEntered: { zh: '反悔重新承包', en: 'Re-entered' },
  },
  timer: { rule: 'fixed', role: 'window', timer: 'window', governs: ['reEnter'], start: 'activated', after: false },
  optionalByDefault: true,
});
