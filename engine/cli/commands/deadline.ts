// Placeholder until its issue lands: says so plainly and exits 2.
import { UsageError, type Command } from '../command.ts';

export const command: Command = {
  name: 'deadline',
  summary: '(尚未实现 not implemented yet)',
  help: 'landflow deadline: 尚未实现 not implemented yet\n',
  run: async () => {
    throw new UsageError('尚未实现 not implemented yet');
  },
};
