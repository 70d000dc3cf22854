// The `landflow` command: dispatches to one module per sub-command, loaded on demand so that
// `landflow deadline` does not pay for the PDF renderer.
import { msg } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';
import { PACKAGE_VERSION } from '../version.ts';
import { EXIT_USAGE, UsageError, type CliIO, type Command } from './command.ts';
import { padDisplay } from './columns.ts';

const commands: Record<string, () => Promise<{ command: Command }>> = {
  new: () => import('./commands/new.ts'),
  diff: () => import('./commands/diff.ts'),
  check: () => import('./commands/check.ts'),
  test: () => import('./commands/test.ts'),
  lsp: () => import('./commands/lsp.ts'),
  eval: () => import('./commands/eval.ts'),
  deadline: () => import('./commands/deadline.ts'),
  calendar: () => import('./commands/calendar.ts'),
  serve: () => import('./commands/serve.ts'),
  case: () => import('./commands/case.ts'),
  audit: () => import('./commands/audit.ts'),
  render: () => import('./commands/render.ts'),
  compare: () => import('./commands/compare.ts'),
  simulate: () => import('./commands/simulate.ts'),
  user: () => import('./commands/user.ts'),
  backup: () => import('./commands/backup.ts'),
};

export function nodeIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => {
      process.stdin.setEncoding('utf8');
      return process.stdin as AsyncIterable<string>;
    },
    cwd: process.cwd(),
    env: process.env,
  };
}

async function overview(): Promise<string> {
  const lines = [
    'landflow — 土地承包经营权有偿转让、退出 政策语言与办理系统',
    '',
    '用法 Usage: landflow <command> [options]',
    '',
    '命令 Commands:',
  ];
  for (const [name, load] of Object.entries(commands)) {
    const { command } = await load();
    lines.push(`  ${padDisplay(name, 10)} ${command.summary}`);
  }
  lines.push(
    '',
    '每个命令都有 --help；landflow --version 显示版本。Every command has --help; landflow --version prints the version.',
    '退出码 Exit codes: 0 成功 ok, 1 发现问题 findings, 2 用法或输入错误 bad usage or unreadable input.',
  );
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIO = nodeIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout(`landflow ${PACKAGE_VERSION}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await overview());
    return name ? 0 : EXIT_USAGE;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`${renderBoth(msg('cli.unknownCommand', { name }))}\n`);
    return EXIT_USAGE;
  }
  try {
    const { command } = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.help.endsWith('\n') ? command.help : command.help + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`landflow ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    // An internal fault: say so in one line; the stack only on request, never by default.
    const err = e as Error;
    io.stderr(`landflow ${name}: ${renderBoth(msg('cli.internalError', { detail: err?.message ?? String(e) }))}\n`);
    if (io.env.LANDFLOW_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
    return 70;
  }
}
