// The command catalogue: which commands each kind of step accepts and what each command carries.
// A step command is described by its kind's module (engine/run/steps/), the one anytime command
// here; the server builds its request schemas from these fields and the UI its forms, so a
// command is described once.
import { STEP_KIND_DECLS, STEP_KINDS, type StepCommand, type StepKind } from '../../dsl/steps/index.ts';
import { STEP_COMMAND_SPECS } from '../run/steps/index.ts';
import type { CommandField, CommandSpec, CommandType } from './workflow.ts';

const terminate: CommandSpec = {
  type: 'terminate',
  label: { zh: '终止办理', en: 'close the case without completing it' },
  fields: [
    { key: 'date', label: '日期', type: 'date', required: false },
    { key: 'reason', label: '理由', type: 'string', required: true },
  ],
};

// Two steps of one kind may be active at once (模型方案: insurance premium and compensation are both
// payments): `step` names the one meant.
const stepField: CommandField = { key: 'step', label: '步骤（有多个步骤可办理时指明）', type: 'string', required: false };

export const COMMANDS: Record<CommandType, CommandSpec> = {
  ...(Object.fromEntries(
    Object.entries(STEP_COMMAND_SPECS).map(([k, spec]) => [k, { ...spec, fields: [...spec.fields, stepField] }]),
  ) as Record<StepCommand, CommandSpec>),
  terminate,
};

// A step kind names its commands as text (dsl/ knows no engine types); this typing fails to compile
// when a kind names a command the catalogue does not describe.
export const commandList = (cs: readonly StepCommand[]): CommandType[] => [...cs];

/** The commands a step of each kind accepts while active, and the ones that complete it (dsl/steps/). */
export const STEP_COMMANDS = Object.fromEntries(
  STEP_KINDS.map((k) => [k, { commands: commandList(STEP_KIND_DECLS[k].commands), completes: commandList(STEP_KIND_DECLS[k].completes) }]),
) as Record<StepKind, { commands: CommandType[]; completes: CommandType[] }>;
