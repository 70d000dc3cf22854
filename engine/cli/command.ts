// The shape every `landflow` sub-command shares, and the helpers that keep them honest about
// exit codes: 0 ok, 1 findings, 2 bad usage or unreadable input. Never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for --batch and `-`). */
  readStdin: () => AsyncIterable<string>;
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  /** One line, Chinese first then English. */
  summary: string;
  /** The full --help text. */
  help: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A user error at the command line or in an input file: printed as a message, exit 2. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_USAGE) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into UsageError and --help handled. */
export function parseCommandArgs<O extends Options>(
  argv: string[],
  options: O,
  allowPositionals = true,
) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(`参数错误 / bad arguments: ${(e as Error).message}`);
  }
}
