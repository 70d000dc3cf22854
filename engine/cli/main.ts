// The `landflow` command: dispatches to one module per sub-command, loaded on demand so that
// `landflow deadline` does not pay for the PDF renderer. Each command's one-line summary lives
// here, beside its loader, so that `landflow --help` lists them without loading any.
import { msg } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';
import { PACKAGE_VERSION } from '../version.ts';
import { EXIT_USAGE, UsageError, type CliIO, type Command } from './command.ts';
import { padDisplay } from './columns.ts';

const commands: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  new: { summary: '为新地区创建政策文件夹 scaffold a policy set for a new region', load: () => import('./commands/new.ts') },
  diff: {
    summary: '比较政策两个版本及对在办案件的影响 compare two policy versions and their impact on open cases',
    load: () => import('./commands/diff.ts'),
  },
  check: { summary: '检查政策文件 check policy files (diagnostics with line and column)', load: () => import('./commands/check.ts') },
  test: { summary: "运行政策示例 run the policies' examples (✓/✗)", load: () => import('./commands/test.ts') },
  lsp: { summary: '政策文件的语言服务器 language server for policy files (stdio)', load: () => import('./commands/lsp.ts') },
  eval: { summary: '按政策计算一个案件 evaluate one case under a policy (JSON)', load: () => import('./commands/eval.ts') },
  deadline: {
    summary: '计算期间的最后一日（民法典期间规则、工作日）compute a legal deadline, with its explanation',
    load: () => import('./commands/deadline.ts'),
  },
  calendar: {
    summary: "列出一年的节假日与调休 list a year's holidays and make-up working days",
    load: () => import('./commands/calendar.ts'),
  },
  serve: { summary: '启动服务（接口与界面）serve the API and the UI (npm start)', load: () => import('./commands/serve.ts') },
  case: {
    summary: '案件办理：开案、发命令、查看、列表 open, send commands to, show and list cases',
    load: () => import('./commands/case.ts'),
  },
  audit: { summary: '校验案件库与审计链 verify the case store and its audit chain', load: () => import('./commands/audit.ts') },
  render: { summary: '填写表单 fill a form from a case (A4 HTML / PDF)', load: () => import('./commands/render.ts') },
  compare: {
    summary: '各试点并列比较：参数、同一农户的结果与时间表、扫描 compare pilots: parameters, one household, sweeps',
    load: () => import('./commands/compare.ts'),
  },
  simulate: {
    summary: '合成人口在各试点下的模拟与扫描 simulate a population under each pilot, sweeps',
    load: () => import('./commands/simulate.ts'),
  },
  user: {
    summary: '管理用户账户 manage user accounts (add, list, disable, enable, passwd, unlock)',
    load: () => import('./commands/user.ts'),
  },
  backup: { summary: '备份或恢复案件库 back up or restore the case store', load: () => import('./commands/backup.ts') },
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

function overview(): string {
  const lines = [
    'landflow — 土地承包经营权有偿转让、退出 政策语言与办理系统',
    '',
    '用法 Usage: landflow <command> [options]',
    '',
    '命令 Commands:',
  ];
  for (const [name, { summary }] of Object.entries(commands)) lines.push(`  ${padDisplay(name, 10)} ${summary}`);
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
    io.stdout(overview());
    return name ? 0 : EXIT_USAGE;
  }
  const load = commands[name]?.load;
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
