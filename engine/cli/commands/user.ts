// `landflow user add|list|disable|enable|passwd|unlock`: accounts, straight on the database
// (the server need not run). Passwords come from standard input or a prompt that does not echo;
// they never appear on the command line, where `ps` and shell history would keep them. Every
// change is a security event in the audit trail, its actor the operating-system user.
import { msg } from '../../../dsl/message.ts';
import { UsageError, parseCommandArgs, EXIT_OK, type CliIO, type Command } from '../command.ts';
import {
  LastAdminError,
  StoreInputError,
  UserExistsError,
  UserNotFoundError,
  redactTarget,
  resolveDbTarget,
  type UserRecord,
} from '../../store/index.ts';
import { openStoreOrUsage } from '../open.ts';
import { displayWidth, padDisplay } from '../columns.ts';
import {
  AccountInputError,
  checkPassword,
  checkUserSpec,
  changePassword,
  createUser,
  setUserDisabled,
  unlockUser,
  type AccountAudit,
} from '../../accounts/users.ts';
import { ROLE_ZH } from '../../accounts/authorize.ts';
import { LOCKOUT } from '../../accounts/lockout.ts';
import { MIN_PASSWORD_LENGTH } from '../../accounts/password.ts';
import { CLI_ACTOR } from '../../accounts/security-events.ts';

const help = `landflow user add 用户名 NAME --role 角色 ROLE [--town 镇 | --region 地区] [--password-stdin] [--db 文件 FILE]
landflow user list [--json] [--db 文件 FILE]
landflow user disable 用户名 NAME [--force] [--db 文件 FILE]
landflow user enable 用户名 NAME [--db 文件 FILE]
landflow user passwd 用户名 NAME [--password-stdin] [--db 文件 FILE]
landflow user unlock 用户名 NAME [--db 文件 FILE]

管理账户，直接操作数据库文件（无需启动服务）。密码从标准输入读取（--password-stdin，去掉末尾换行），
或在终端提示输入两次且不回显；密码绝不出现在命令行上。密码至少 ${MIN_PASSWORD_LENGTH} 个字符，不得是常见密码，
也不得与用户名相同，以 scrypt 散列保存。停用账户或修改密码会立即结束该用户的全部会话。
连续登录失败 ${LOCKOUT.delayAfter} 次后每次须等待更久，${LOCKOUT.lockAfter} 次后账户锁定，须由管理员解锁（unlock）。
每项更改都记入审计记录。

Manages accounts directly in the database file (the server need not run). The password is read
from standard input (--password-stdin, one trailing newline removed) or prompted for twice on the
terminal without echo; it never appears on the command line. At least ${MIN_PASSWORD_LENGTH} characters, not a
common password and not the user name; stored as an scrypt hash. Disabling a user or changing a
password ends all of that user's sessions at once. After ${LOCKOUT.delayAfter} failed logins in a row each further
attempt waits longer; after ${LOCKOUT.lockAfter} the account is locked until an admin unlocks it (unlock).
Every change is recorded in the audit trail.

角色 Roles:
  admin       管理员：一切操作，管理用户 everything, including users
  officer     政策管理员：编辑、发布本地区政策（--region：政策编号、地区代码或省市县名，如 qinzhou、450700、钦州市）
              edits and publishes the policies of a region (--region: a policy id, region code or
              province/city/county name, e.g. qinzhou, 450700, 钦州市)
  clerk       办事员：办理本镇案件（--town，与案件 place.town 一致，如 那丽镇）
              runs the cases of one town (--town, as in the case's place.town, e.g. 那丽镇)
  researcher  研究人员：只读，可比较政策，个人信息（身份证号）打码
              read-only, comparisons, personal data (ID numbers) masked

选项 Options:
  --role 角色 ROLE       admin | officer | clerk | researcher (add)
  --town 镇 TOWN         办事员所在镇 a clerk's town
  --region 地区 REGION   政策管理员的地区 an officer's region
  --password-stdin      从标准输入读取密码 read the password from standard input
  --json                以 JSON 列出 list as JSON (list)
  --force               允许停用最后一个管理员 allow disabling the last active admin (disable)
  --db 文件 FILE         数据库文件或 postgres:// 网址 the database file or PostgreSQL URL (default: $LANDFLOW_DB, else data/landflow.db)
  -h, --help            显示帮助 show this help

例 Examples:
  npx landflow user add admin --role admin
  echo "$PW" | npx landflow user add 李娜 --role clerk --town 那丽镇 --password-stdin
  npx landflow user add 王强 --role officer --region qinzhou
  npx landflow user list
  npx landflow user unlock 李娜

退出码 Exit codes: 0 成功 done; 2 用法错误、用户已存在或不存在、数据库无法读取
                   bad usage, user exists or not found, database unreadable.
`;

/** A prompt that reads one line without echo; tests inject their own through io.promptPassword. */
export type PasswordPrompt = (prompt: string) => Promise<string>;

async function ttyPrompt(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new UsageError(msg('cli.noTerminal'));
  }
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new UsageError(msg('cli.cancelled')));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(io: CliIO, fromStdin: boolean | undefined, userName: string): Promise<string> {
  let password: string;
  if (fromStdin) {
    let text = '';
    for await (const chunk of io.readStdin()) {
      text += chunk;
      if (text.length > 64 * 1024) throw new UsageError(msg('cli.stdinTooLong'));
    }
    password = text.replace(/\r?\n$/, '');
  } else {
    const prompt = (io as CliIO & { promptPassword?: PasswordPrompt }).promptPassword ?? ttyPrompt;
    password = await prompt('密码 Password: ');
    checkOrUsage(() => checkPassword(password, userName));
    const again = await prompt('再输入一次 Again: ');
    if (again !== password) throw new UsageError(msg('cli.passwordsDiffer'));
  }
  checkOrUsage(() => checkPassword(password, userName));
  return password;
}

function checkOrUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof AccountInputError) throw new UsageError(e.text ?? e.message);
    throw e;
  }
}

function formatUsers(users: UserRecord[]): string {
  if (users.length === 0) return '尚无用户 no users yet (landflow user add NAME --role admin)\n';
  const rows = users.map((u) => [
    u.name,
    `${u.role} ${ROLE_ZH[u.role]}`,
    u.town ? `镇 town: ${u.town}` : u.region ? `地区 region: ${u.region}` : '-',
    u.disabled ? '已停用 disabled' : u.lockedAt ? '已锁定 locked' : '启用 active',
    u.createdAt,
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : padDisplay(c, widths[i]!))).join('  ')).join('\n') + '\n';
}

export const command: Command = {
  name: 'user',
  help,
  run: async (argv, io) => {
    const { values, positionals } = parseCommandArgs(argv, {
      db: { type: 'string' },
      role: { type: 'string' },
      town: { type: 'string' },
      region: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
      force: { type: 'boolean' },
    });
    const [sub, name, ...extra] = positionals;
    const subs = ['add', 'list', 'disable', 'enable', 'passwd', 'unlock'];
    if (!sub) throw new UsageError(msg('cli.missingSubcommand', { expected: subs.join(' | ') }));
    if (!subs.includes(sub)) throw new UsageError(msg('cli.unknownSubcommand', { sub, expected: subs.join(' | ') }));
    if (sub === 'list' ? name !== undefined : extra.length > 0)
      throw new UsageError(msg('cli.unexpectedArgument', { arg: sub === 'list' ? name : extra[0] }));
    if (sub !== 'list' && name === undefined) throw new UsageError(msg('cli.missingUserName', { sub }));
    const allowed: Record<string, string[]> = {
      add: ['role', 'town', 'region', 'password-stdin'],
      list: ['json'],
      disable: ['force'],
      enable: [],
      passwd: ['password-stdin'],
      unlock: [],
    };
    for (const k of ['role', 'town', 'region', 'password-stdin', 'json', 'force'] as const) {
      if (values[k] !== undefined && !allowed[sub]!.includes(k))
        throw new UsageError(msg('cli.optionNotFor', { option: `--${k}`, command: `user ${sub}` }));
    }

    const target = resolveDbTarget({ flag: values.db, env: io.env, cwd: io.cwd });
    const at = new Date().toISOString();
    // Check everything that can be checked before the password is asked for.
    if (sub === 'add') {
      if (values.role === undefined)
        throw new UsageError(msg('cli.missing', { option: '--role', usage: '--role (admin | officer | clerk | researcher)' }));
      checkOrUsage(() => checkUserSpec({ name, role: values.role, town: values.town, region: values.region }));
    }

    const store = await openStoreOrUsage(target, { mustExist: sub !== 'add' }, io);
    try {
      const users = store.users;
      const audit: AccountAudit = { actor: CLI_ACTOR, actorDetail: { osUser: io.env.USER ?? io.env.LOGNAME ?? null } };
      switch (sub) {
        case 'list': {
          const list = await users.listUsers();
          io.stdout(values.json ? JSON.stringify(list, null, 2) + '\n' : formatUsers(list));
          return EXIT_OK;
        }
        case 'add': {
          if (await users.getUser(name!)) throw new UserExistsError(name!);
          const password = await readPassword(io, values['password-stdin'], name!);
          const u = await createUser(
            users,
            { name, role: values.role, town: values.town, region: values.region, password },
            at,
            undefined,
            audit,
          );
          const scope = u.town ? `, 镇 town ${u.town}` : u.region ? `, 地区 region ${u.region}` : '';
          io.stdout(`已添加用户 user added: ${u.name} (${u.role} ${ROLE_ZH[u.role]}${scope}) → ${redactTarget(target)}\n`);
          return EXIT_OK;
        }
        case 'disable':
        case 'enable': {
          try {
            await setUserDisabled(users, name!, sub === 'disable', at, audit, { force: values.force === true });
          } catch (e) {
            if (e instanceof LastAdminError) throw new UsageError(msg('cli.orForce', { problem: e.text }));
            throw e;
          }
          io.stdout(
            sub === 'disable' ? `已停用 disabled: ${name}; 其会话已全部结束 all of its sessions ended\n` : `已启用 enabled: ${name}\n`,
          );
          return EXIT_OK;
        }
        case 'passwd': {
          if (!(await users.getUser(name!))) throw new UserNotFoundError(name!);
          const password = await readPassword(io, values['password-stdin'], name!);
          await changePassword(users, name!, password, at, undefined, audit);
          io.stdout(`已修改密码 password changed: ${name}; 其会话已全部结束 all of its sessions ended\n`);
          return EXIT_OK;
        }
        case 'unlock': {
          const before = await users.getUser(name!);
          if (!before) throw new UserNotFoundError(name!);
          await unlockUser(users, name!, at, audit);
          io.stdout(
            before.lockedAt
              ? `已解锁 unlocked: ${name}（锁定于 locked since ${before.lockedAt}，连续失败 ${before.failedLogins} 次 failed logins）\n`
              : `未锁定，已清除失败计数 not locked; failed-login count cleared: ${name} (${before.failedLogins})\n`,
          );
          return EXIT_OK;
        }
      }
      return EXIT_OK;
    } catch (e) {
      if (
        e instanceof AccountInputError ||
        e instanceof UserExistsError ||
        e instanceof UserNotFoundError ||
        e instanceof StoreInputError
      ) {
        throw new UsageError(e.text ?? e.message);
      }
      throw e;
    } finally {
      await store.close();
    }
  },
};
