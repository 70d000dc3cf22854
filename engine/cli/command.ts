// The shape every `landflow` sub-command shares, and the helpers that keep them honest about
// exit codes: 0 ok, 1 findings, 2 bad usage or unreadable input. Never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { msg, type Message, type Text } from '../../dsl/message.ts';
import { didYouMean, TextError } from '../../dsl/messages.ts';
import { isRealDate } from '../../dsl/calendar-date.ts';

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
  /** The full --help text. */
  help: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * A user error at the command line or in an input file: printed as its message in both languages
 * (main.ts), exit 2. The message is data (dsl/phrases/cli.ts, or the error it answers for); a
 * string is one another module still writes in both languages.
 */
export class UsageError extends TextError {
  constructor(
    message: string | Text,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}

/** A date option's value (--date, --at, --start): a real YYYY-MM-DD date, or undefined when not given. */
export function dateOption(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isRealDate(value)) throw new UsageError(msg('calendar.badDate', { what: option, value: JSON.stringify(value) }));
  return value;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs, with its errors turned into bilingual UsageErrors (did-you-mean for a
 * misspelt option) and --help handled. A value that starts with a dash but is no option
 * (`--n -5`, `--period "-1 日"`) is taken as the value, so the command's own check can say what is
 * wrong with it instead of Node's "argument is ambiguous".
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } };
  try {
    return parseArgs({ args: joinDashValues(argv, all), options: all, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(describeArgError(e as Error & { code?: string }, all));
  }
}

function joinDashValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    if (name && !name.includes('=') && options[name]?.type === 'string' && next !== undefined && /^-[\d.\s]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function describeArgError(e: Error & { code?: string }, options: Options): Message {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return msg('cli.unknownOption', {
        option: quoted,
        ...didYouMean(
          quoted,
          Object.keys(options).map((k) => `--${k}`),
        ),
      });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = quoted.split(' ')[0] ?? quoted;
      const name = option.replace(/^-+/, '');
      return msg(options[name]?.type === 'boolean' ? 'cli.optionTakesNoValue' : 'cli.optionNeedsValue', { option });
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return msg('cli.unexpectedArgument', { arg: quoted });
    default:
      return msg('cli.badArguments', { detail: e.message });
  }
}
