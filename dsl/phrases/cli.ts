// What the command line says when it refuses (engine/cli): a usage or argument error, an input it
// cannot read. The command line prints the line in both languages (`both`, which keeps the wording
// its users and tests know); `zh` and `en` are the same in one language each. Options, file names,
// values and ids are arguments: content.
import type { PhraseDef } from '../messages.ts';

export const CLI_PHRASES: readonly PhraseDef[] = [
  {
    code: 'cli.orForce',
    zh: '{problem}（用 --force 仍可执行）',
    en: '{problem} (--force to do it anyway)',
    both: '{problem} (--force to do it anyway)',
  },
];
