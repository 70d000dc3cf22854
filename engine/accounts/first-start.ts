// "The first start prints how to create the admin": what `landflow serve` prints while no active
// admin exists (null once one does).
import { userStore, type Store } from '../store/index.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

export function firstStartHint(store: Store, opts: { dbFlag?: string } = {}): string | null {
  if (userStore(store).countActive('admin') > 0) return null;
  const db = opts.dbFlag ? ` --db ${opts.dbFlag}` : '';
  return [
    '尚无管理员账户。创建管理员（密码会提示输入，不回显）：',
    'No admin account yet. Create one (the password is prompted for, never echoed):',
    '',
    `  npx landflow user add admin --role admin${db}`,
    '',
    `密码至少 ${MIN_PASSWORD_LENGTH} 个字符，不得是常见密码，也不得与用户名相同。`,
    `The password needs at least ${MIN_PASSWORD_LENGTH} characters and must be neither a common password nor the user name.`,
    '',
    '然后登录网页界面，或用 `landflow user add` 添加办事员、政策管理员、研究人员。',
    'Then log in to the web UI, or add clerks, officers and researchers with `landflow user add`.',
  ].join('\n');
}
