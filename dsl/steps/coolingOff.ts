// 冷静期: the household may withdraw until the window's last day; a right, so optional.
import { stepKind } from './kind.ts';

export default stepKind({
  id: 'coolingOff',
  label: { zh: '冷静期', en: 'cooling-off' },
  takes: [],
  needsPeriod: '冷静期',
  commands: ['withdraw', 'endCoolingOff'],
  completes: ['endCoolingOff'],
  events: {
    CoolingOffEnded: { zh: '冷静期届满', en: 'Cooling-off period over' },
    Withdrawn: { zh: '冷静期内撤回', en: 'Withdrawn within the cooling-off period' },
  },
  timer: {
    rule: 'fixed',
    role: 'window',
    timer: 'window',
    governs: ['withdraw'],
    closes: ['endCoolingOff'],
    start: 'activated',
    after: false,
  },
  optionalByDefault: true,
});
