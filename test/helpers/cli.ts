// `landflow …` in process: main() with an in-memory IO, returning the exit code and what was printed.
import { main } from '../../engine/cli/main.ts';
import type { CliIO } from '../../engine/cli/command.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export interface CliRunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Standard input, in the chunks it arrives in (none: empty input). */
  stdin?: readonly string[];
  /** Answers the password prompt (`landflow user`) instead of a terminal. */
  promptPassword?: (prompt: string) => Promise<string>;
}

export async function runMain(argv: string[], opts: CliRunOptions): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIO & { promptPassword?: (prompt: string) => Promise<string> } = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async function* () {
      yield* opts.stdin ?? [];
    },
    cwd: opts.cwd,
    env: opts.env ?? {},
    promptPassword: opts.promptPassword,
  };
  const code = await main(argv, io);
  return { code, out, err };
}
