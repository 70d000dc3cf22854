// "The first start prints how to create the admin": what `landflow serve` prints while no active
// admin exists (null once one does). The command names the server's own database (and its audit
// key when that is not the default one, or the database is PostgreSQL), so that, run from any folder, it adds the admin where
// the server will look: `user add` creates a database that does not exist yet. A PostgreSQL URL
// with a password is not printed (logs keep what serve prints): the command then says URL and the
// next line which database that is, password shown as ***, so nobody copies a URL that cannot log in.
import { defaultKeyFile, isPostgresUrl, redactTarget, type Store } from '../store/index.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

/** A word the shell passes through as it is (quoted when it holds anything else). */
function shellWord(s: string): string {
  return /^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function firstStartHint(store: Store, opts: { target: string; keyFile?: string; cwd: string }): Promise<string | null> {
  if ((await store.users.countActive('admin')) > 0) return null;
  // A PostgreSQL store's default key is relative to the folder a command runs in: always name it.
  const named = opts.keyFile && (isPostgresUrl(opts.target) || opts.keyFile !== defaultKeyFile(opts.target, opts.cwd));
  const key = named ? `LANDFLOW_MAC_KEY_FILE=${shellWord(opts.keyFile!)} ` : '';
  const shown = redactTarget(opts.target);
  const hidden = shown !== opts.target;
  return [
    '尚无管理员账户。创建管理员（密码会提示输入，不回显；命令写入本服务的数据库）：',
    "No admin account yet. Create one (the password is prompted for, never echoed; the command writes to this server's database):",
    '',
    `  ${key}npx landflow user add admin --role admin --db ${hidden ? 'URL' : shellWord(shown)}`,
    ...(hidden
      ? [
          '',
          `URL 为本服务的数据库地址，须填入其密码（此处不显示）：${shown}`,
          `URL is this server's database URL, with its password (not printed here): ${shown}`,
        ]
      : []),
    '',
    `密码至少 ${MIN_PASSWORD_LENGTH} 个字符，不得是常见密码，也不得与用户名相同。`,
    `The password needs at least ${MIN_PASSWORD_LENGTH} characters and must be neither a common password nor the user name.`,
    '',
    '然后登录网页界面，或用 `landflow user add … --db` 添加办事员、政策管理员、研究人员。',
    'Then log in to the web UI, or add clerks, officers and researchers with `landflow user add … --db`.',
  ].join('\n');
}
