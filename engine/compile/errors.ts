// What a checked policy cannot contain, found while compiling it (engine/compile/index.ts and the
// step kinds' planning rules, engine/run/steps/).
export class CompileError extends Error {
  override name = 'CompileError';
  constructor(
    readonly code: 'NO_PROCEDURE' | 'UNKNOWN_MODE' | 'BAD_STEP' | 'BAD_PERIOD' | 'CYCLE',
    message: string,
  ) {
    super(message);
  }
}
