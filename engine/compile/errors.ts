// What a checked policy cannot contain, found while compiling it (engine/compile/index.ts and the
// step kinds' planning rules, engine/run/steps/), with its message as data (dsl/phrases/compile.ts).
// And the one wording of a procedure or a mode the policy lacks, which the compiler, the case host
// (engine/cases/service.ts), evaluate() and the comparisons all say (dsl/phrases/evaluate.ts).
import type { ProcedureKind } from '../../dsl/case-model.ts';
import { msg, type Message } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import type { Policy } from '../../dsl/policy-model.ts';

export class CompileError extends TextError {
  override name = 'CompileError';
  declare readonly text: Message;
  constructor(
    readonly code: 'NO_PROCEDURE' | 'UNKNOWN_MODE' | 'BAD_STEP' | 'BAD_PERIOD' | 'CYCLE',
    message: Message,
  ) {
    super(message);
  }
}

/** The policy has no such procedure: which it has instead, if any. */
export function noProcedureMessage(policy: Policy, procedure: ProcedureKind): Message {
  const other = (Object.keys(policy.procedures) as ProcedureKind[]).find((k) => k !== procedure && policy.procedures[k]);
  return msg('evaluate.noProcedure', {
    policy: policy.meta.id,
    procedure: msg(`proc.${procedure}`),
    have: other ? msg(`proc.${other}`) : undefined,
  });
}

/** The procedure has no mode of that id: the ids it has. */
export function unknownModeMessage(modes: readonly { id: string }[], mode: string): Message {
  return msg('evaluate.unknownMode', { mode, have: modes.map((m) => m.id).join(', ') || msg('evaluate.none') });
}
