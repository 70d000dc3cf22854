// `landflow user` through main(), on a temp database, with stdin and the prompt faked.
// SQLite-only: the command's own file handling (missing file, first-start hint); `user add --db URL`
// on PostgreSQL runs in test/engine/server/two-instances.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';
import { openStore } from '../../../engine/store/index.ts';
import { verifyPassword } from '../../../engine/accounts/password.ts';
import { firstStartHint } from '../../../engine/accounts/first-start.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let db: string;

beforeEach(() => {
  dir = tempDir();
  db = path.join(dir, 'cli.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], opts: { stdin?: string; prompt?: string[]; env?: Record<string, string> } = {}) {
  const answers = [...(opts.prompt ?? [])];
  const r = await runMain(['user', ...args], {
    cwd: dir,
    env: opts.env,
    stdin: opts.stdin === undefined ? [] : [opts.stdin],
    promptPassword: opts.prompt ? async () => answers.shift() ?? '' : undefined,
  });
  return { code: r.code, stdout: r.out, stderr: r.err };
}

async function users() {
  const s = await openStore(db);
  try {
    return await s.users.listUsers();
  } finally {
    await s.close();
  }
}

describe('landflow user', () => {
  it('--help is complete, Chinese first', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^landflow user add 用户名 NAME --role/);
    for (const s of [
      '--password-stdin',
      '--town',
      '--region',
      'disable',
      'passwd',
      'enable',
      'list',
      'unlock',
      'researcher',
      'officer',
      '至少 10 个字符',
      'At least 10 characters',
      'not a\ncommon password',
      '退出码 Exit codes',
    ])
      expect(r.stdout).toContain(s);
  });

  it('add creates the database and the user, with an scrypt hash of the password from stdin', async () => {
    const r = await run(['add', 'admin', '--role', 'admin', '--password-stdin', '--db', db], { stdin: 'first secret\n' });
    expect(r).toEqual({ code: 0, stdout: `已添加用户 user added: admin (admin 管理员) → ${db}\n`, stderr: '' });
    const s = await openStore(db);
    const u = (await s.users.getUser('admin'))!;
    await s.close();
    expect(u.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('first secret', u.passwordHash)).toBe(true);
    expect(await verifyPassword('first secret\n', u.passwordHash)).toBe(false);
  });

  it('add with scope, via $LANDFLOW_DB, and list shows role and scope but never the hash', async () => {
    const env = { LANDFLOW_DB: db };
    expect(
      (await run(['add', '李娜', '--role', 'clerk', '--town', '那丽镇', '--password-stdin'], { stdin: 'pass word 1', env })).code,
    ).toBe(0);
    expect(
      (await run(['add', 'wang', '--role', 'officer', '--region', 'qinzhou', '--password-stdin'], { stdin: 'pass word 2', env })).code,
    ).toBe(0);
    const r = await run(['list'], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^wang {2}officer 政策管理员 {2}地区 region: qinzhou {2}启用 active {2}\d{4}-/);
    expect(lines[1]).toMatch(/^李娜 {2}clerk 办事员 {8}镇 town: 那丽镇 {7}启用 active {2}\d{4}-/);
    expect(r.stdout).not.toContain('scrypt');
    const j = JSON.parse((await run(['list', '--json'], { env })).stdout);
    expect(j.map((u: { name: string; region: string | null }) => [u.name, u.region])).toEqual([
      ['wang', 'qinzhou'],
      ['李娜', null],
    ]);
    expect(JSON.stringify(j)).not.toContain('scrypt');
  });

  it('prompts twice without echo when there is no --password-stdin', async () => {
    const ok = await run(['add', 'r1', '--role', 'researcher', '--db', db], { prompt: ['typed secret', 'typed secret'] });
    expect(ok.code).toBe(0);
    expect(ok.stdout + ok.stderr).not.toContain('typed secret');
    const differ = await run(['add', 'r2', '--role', 'researcher', '--db', db], { prompt: ['typed secret', 'other secret'] });
    expect([differ.code, differ.stderr]).toEqual([2, 'landflow user: 两次输入的密码不一致 the two passwords differ\n']);
    expect((await users()).map((u) => u.name)).toEqual(['r1']);
  });

  it('refuses with clear messages and exit 2', async () => {
    await run(['add', 'admin', '--role', 'admin', '--password-stdin', '--db', db], { stdin: 'first secret' });
    const cases: [string[], string | undefined, RegExp][] = [
      [[], undefined, /缺少子命令 missing sub-command: add \| list \| disable \| enable \| passwd/],
      [['delete', 'x'], undefined, /未知子命令 unknown sub-command: delete/],
      [['add', 'x', '--db', db], 'pass word', /缺少 --role missing --role/],
      [['add', 'x', '--role', 'clerk', '--password-stdin', '--db', db], 'pass word', /town: 办事员须指定所在镇 a clerk needs a town/],
      [['add', 'x', '--role', 'researcher', '--town', 't', '--password-stdin', '--db', db], 'pass word', /only a clerk has a town/],
      [
        ['add', 'x', '--role', 'boss', '--password-stdin', '--db', db],
        'pass word',
        /role: .*admin \| officer \| clerk \| researcher \(got "boss"\)/,
      ],
      [['add', 'admin', '--role', 'admin', '--password-stdin', '--db', db], 'pass word', /用户已存在 user already exists: admin/],
      [
        ['add', 'x', '--role', 'admin', '--password-stdin', '--db', db],
        'short',
        /password: 密码至少 10 个字符 password must have at least 10 characters \(got 5\)/,
      ],
      [['add', 'x', '--role', 'admin', '--password-stdin', '--db', db], '', /password: 密码至少 10 个字符/],
      [
        ['add', 'x', '--role', 'admin', '--password-stdin', '--db', db],
        'password1',
        /password: 密码至少 10 个字符 password must have at least 10 characters \(got 9\)/,
      ],
      [
        ['add', 'x', '--role', 'admin', '--password-stdin', '--db', db],
        'Qwertyuiop\n',
        /password: 密码过于常见，请另选一个 this password is one of the most common ones: choose another/,
      ],
      [
        ['add', 'operator01', '--role', 'admin', '--password-stdin', '--db', db],
        'OPERATOR01',
        /password: 密码不得与用户名相同 the password must not be the user name/,
      ],
      [['passwd', 'admin', '--password-stdin', '--db', db], 'admin', /password: 密码至少 10 个字符/],
      [['passwd', 'admin', '--password-stdin', '--db', db], '1234567890', /password: 密码过于常见/],
      [['unlock', '--db', db], undefined, /缺少用户名 missing user name: landflow user unlock NAME/],
      [['unlock', 'nobody', '--db', db], undefined, /用户不存在 no such user: nobody/],
      [['unlock', 'admin', '--force', '--db', db], undefined, /--force 不适用于 does not apply to: user unlock/],
      [['disable', 'nobody', '--db', db], undefined, /用户不存在 no such user: nobody/],
      [
        ['disable', 'admin', '--db', db],
        undefined,
        /^landflow user: 不能停用最后一个管理员 cannot disable the last active admin: admin \(--force to do it anyway\)\n$/,
      ],
      [['list', 'extra', '--db', db], undefined, /多余参数 unexpected argument: extra/],
      [['list', '--role', 'admin', '--db', db], undefined, /--role 不适用于 does not apply to: user list/],
      [['passwd', '--db', db], undefined, /缺少用户名 missing user name/],
      [['list', '--db', path.join(dir, 'missing.db')], undefined, /数据库文件不存在 database file not found/],
      [['add', 'x', '--role', 'admin', '--db', db], undefined, /no terminal to prompt for the password: use --password-stdin/],
    ];
    for (const [args, stdin, msg] of cases) {
      const r = await run(args, { stdin });
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await users()).map((u) => u.name)).toEqual(['admin']);
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
  }, 20_000);

  it('disable, enable and passwd', async () => {
    const env = { LANDFLOW_DB: db };
    await run(['add', 'admin', '--role', 'admin', '--password-stdin'], { stdin: 'first secret', env });
    await run(['add', 'c', '--role', 'clerk', '--town', 'T', '--password-stdin'], { stdin: 'first secret', env });
    expect((await run(['disable', 'c'], { env })).stdout).toBe('已停用 disabled: c; 其会话已全部结束 all of its sessions ended\n');
    expect((await users()).find((u) => u.name === 'c')!.disabled).toBe(true);
    expect((await run(['enable', 'c'], { env })).code).toBe(0);
    expect((await users()).find((u) => u.name === 'c')!.disabled).toBe(false);
    expect((await run(['passwd', 'c', '--password-stdin'], { stdin: 'second secret\r\n', env })).code).toBe(0);
    const s = await openStore(db);
    const h = (await s.users.getUser('c'))!.passwordHash;
    await s.close();
    expect(await verifyPassword('second secret', h)).toBe(true);
    expect((await run(['disable', 'admin', '--force'], { env })).code).toBe(0);
  }, 20_000);

  it('unlock lifts a lock-out and clears the count; list shows who is locked', async () => {
    const env = { LANDFLOW_DB: db };
    await run(['add', 'c', '--role', 'clerk', '--town', 'T', '--password-stdin'], { stdin: 'first secret', env });
    const s = await openStore(db);
    const us = s.users;
    for (let i = 0; i < 3; i++) await us.claimLoginAttempt('c', 1000 + i, () => true);
    await us.lockUser('c', '2026-03-02T01:00:00.000Z');
    await s.close();
    expect((await run(['list'], { env })).stdout).toMatch(/^c {2}clerk 办事员 {2}镇 town: T {2}已锁定 locked {2}\d{4}-/);
    const r = await run(['unlock', 'c'], { env });
    expect(r).toEqual({
      code: 0,
      stdout: '已解锁 unlocked: c（锁定于 locked since 2026-03-02T01:00:00.000Z，连续失败 3 次 failed logins）\n',
      stderr: '',
    });
    expect((await users())[0]).toMatchObject({ name: 'c', lockedAt: null, failedLogins: 0 });
    expect((await run(['unlock', 'c'], { env })).stdout).toBe('未锁定，已清除失败计数 not locked; failed-login count cleared: c (0)\n');
  }, 20_000);

  it('every change is a security event in the audit trail, its actor the CLI and the OS user', async () => {
    const env = { LANDFLOW_DB: db, USER: 'ops' };
    await run(['add', 'admin', '--role', 'admin', '--password-stdin'], { stdin: 'first secret', env });
    await run(['add', '李娜', '--role', 'clerk', '--town', '那丽镇', '--password-stdin'], { stdin: 'first secret', env });
    await run(['passwd', '李娜', '--password-stdin'], { stdin: 'second secret', env });
    await run(['disable', '李娜'], { env });
    await run(['enable', '李娜'], { env });
    await run(['unlock', '李娜'], { env });
    // A refused change leaves no event.
    expect((await run(['passwd', '李娜', '--password-stdin'], { stdin: 'short', env })).code).toBe(2);
    const s = await openStore(db);
    try {
      expect((await s.listSecurityEvents()).map((e) => [e.type, e.actor, e.subject, e.detail])).toEqual([
        ['userCreated', 'cli', 'admin', { osUser: 'ops', role: 'admin' }],
        ['userCreated', 'cli', '李娜', { osUser: 'ops', role: 'clerk', town: '那丽镇' }],
        ['userChanged', 'cli', '李娜', { osUser: 'ops', change: 'password' }],
        ['userDisabled', 'cli', '李娜', { osUser: 'ops' }],
        ['userChanged', 'cli', '李娜', { osUser: 'ops', change: 'enabled' }],
        ['unlock', 'cli', '李娜', { osUser: 'ops', wasLocked: false, failures: 0 }],
      ]);
    } finally {
      await s.close();
    }
  }, 30_000);
});

describe('first start', () => {
  it('prints how to create the admin until an active admin exists', async () => {
    const s = await openStore(db);
    try {
      const hint = (await firstStartHint(s, { target: '/srv/x.db', keyFile: '/srv/x.db.key', cwd: '/srv' }))!;
      expect(hint.split('\n')[0]).toBe('尚无管理员账户。创建管理员（密码会提示输入，不回显；命令写入本服务的数据库）：');
      expect(hint).toContain('  npx landflow user add admin --role admin --db /srv/x.db\n');
      // A key file kept elsewhere goes with the command, and a path the shell would split is quoted.
      expect(await firstStartHint(s, { target: "/srv/my db's/x.db", keyFile: '/keys/x.key', cwd: '/srv' })).toContain(
        `  LANDFLOW_MAC_KEY_FILE=/keys/x.key npx landflow user add admin --role admin --db '/srv/my db'\\''s/x.db'\n`,
      );
      // PostgreSQL: the key is always named (its default depends on the folder a command runs in), the
      // password never shown — nor a URL with *** in its place that would fail when copied.
      const pgHint = (await firstStartHint(s, {
        target: 'postgres://lf:secret@db.example/landflow',
        keyFile: '/srv/data/landflow.key',
        cwd: '/srv',
      }))!;
      expect(pgHint).not.toContain('secret');
      expect(pgHint.split('\n').slice(3, 7)).toEqual([
        '  LANDFLOW_MAC_KEY_FILE=/srv/data/landflow.key npx landflow user add admin --role admin --db URL',
        '',
        'URL 为本服务的数据库地址，须填入其密码（此处不显示）：postgres://lf:***@db.example/landflow',
        "URL is this server's database URL, with its password (not printed here): postgres://lf:***@db.example/landflow",
      ]);
      // A URL without a password (trust, .pgpass, PGPASSWORD) is the command's own, ready to copy.
      expect(await firstStartHint(s, { target: 'postgres://lf@db.example/landflow', keyFile: '/k', cwd: '/srv' })).toContain(
        '  LANDFLOW_MAC_KEY_FILE=/k npx landflow user add admin --role admin --db postgres://lf@db.example/landflow\n\n密码',
      );
    } finally {
      await s.close();
    }
    await run(['add', 'boss', '--role', 'admin', '--password-stdin', '--db', db], { stdin: 'first secret' });
    const s2 = await openStore(db);
    try {
      expect(await firstStartHint(s2, { target: db, cwd: dir })).toBeNull();
      await s2.users.setDisabled('boss', true, '2026-01-01T00:00:00.000Z');
      expect(await firstStartHint(s2, { target: db, cwd: dir })).not.toBeNull();
    } finally {
      await s2.close();
    }
  });
});
