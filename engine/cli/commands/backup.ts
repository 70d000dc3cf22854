// `landflow backup`: an online backup of the case store to one self-contained file, verified after
// writing with the database's audit key (which the backup never contains); `--restore` puts a
// backup back, but only one whose chains and MACs verify with the target's key.
import { msg } from '../../../dsl/message.ts';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, parseCommandArgs, EXIT_FINDINGS, EXIT_OK, type Command } from '../command.ts';
import {
  BrokenBackupError,
  DatabaseUnreadableError,
  StoreInputError,
  isPostgresUrl,
  openStore,
  redactTarget,
  resolveDbTarget,
  resolveKeyFile,
  restoreBackup,
  type VerifyResult,
} from '../../store/index.ts';
import { formatVerify } from './audit.ts';

const help = `landflow backup 输出 OUT.db [--db 文件 FILE] [--force]
landflow backup --restore 备份 IN.db [--db 文件 FILE]

备份：用 SQLite 在线备份把案件库复制成一个独立文件（服务运行时也可进行），写完后校验备份的哈希链。
目标已存在时须加 --force。
恢复：先校验备份的全部哈希链，损坏的备份拒绝恢复；现有数据库先另存为 <FILE>.pre-restore.db，
再用备份覆盖，恢复后再次校验。恢复前请停止 landflow serve。

审计密钥（<FILE>.key 或 $LANDFLOW_MAC_KEY_FILE）不在备份里，须另行备份；校验与恢复都要用它。
恢复到新位置时，先把密钥文件放到 <FILE>.key（或用 LANDFLOW_MAC_KEY_FILE 指明）。

Backup: copies the case store into one self-contained file with SQLite's online backup (safe while
the server runs), then verifies the copy's hash chains and MACs. An existing OUT needs --force.
Restore: verifies every chain of the backup first and refuses a broken one; the current database is
kept as <FILE>.pre-restore.db, then overwritten with the backup and verified again. Stop
landflow serve before restoring.
The audit key (<FILE>.key, or $LANDFLOW_MAC_KEY_FILE) is not in the backup: back it up separately.
Both verifying and restoring need it; to restore to a new place, put the key file at <FILE>.key
first (or name it with LANDFLOW_MAC_KEY_FILE).

选项 Options:
  --db 文件 FILE       SQLite 数据库文件 the SQLite database file (default: $LANDFLOW_DB, else data/landflow.db);
                       PostgreSQL 用 pg_dump for PostgreSQL use pg_dump (docs/database.md)
  --restore 备份 IN.db 从备份恢复 restore from this backup
  --force             覆盖已存在的备份文件 overwrite an existing OUT
  -h, --help          显示帮助 show this help

退出码 Exit codes: 0 成功且校验通过 done and verified; 1 备份校验失败（恢复时：拒绝恢复）
                   the copy does not verify (restore: refused); 2 文件缺失或无法读取、用法错误
                   file missing or unreadable, or bad usage.
`;

function counts(r: VerifyResult): string {
  return `${r.cases} 个案件 cases, ${r.events} 个事件 events, ${r.contractNumbers} 个合同编号 contract numbers`;
}

export const command: Command = {
  name: 'backup',
  help,
  run: async (argv, io) => {
    const { values, positionals } = parseCommandArgs(argv, {
      db: { type: 'string' },
      restore: { type: 'string' },
      force: { type: 'boolean' },
    });
    const file = resolveDbTarget({ flag: values.db, env: io.env, cwd: io.cwd });
    if (isPostgresUrl(file)) {
      throw new UsageError(msg('cli.backupSqliteOnly', { target: redactTarget(file) }));
    }
    const keyFile = resolveKeyFile({ target: file, env: io.env, cwd: io.cwd });
    try {
      if (values.restore !== undefined) {
        if (positionals.length) throw new UsageError(msg('cli.unexpectedArgument', { arg: positionals[0] }));
        if (values.force) throw new UsageError(msg('cli.forceOnlyBackup'));
        const source = path.resolve(io.cwd, values.restore);
        try {
          const r = await restoreBackup(source, file, { keyFile });
          const lines = [`已恢复 restored: ${source} → ${file}`, `  ${counts(r.restored)}`];
          if (r.previous) lines.push(`  原数据库另存为 the previous database is kept at: ${r.previous}`);
          io.stdout(lines.join('\n') + '\n');
          if (!r.restored.ok) {
            io.stdout(formatVerify(file, r.restored));
            return EXIT_FINDINGS;
          }
          return EXIT_OK;
        } catch (e) {
          if (e instanceof BrokenBackupError) {
            io.stderr(e.message + '\n' + formatVerify(source, e.result));
            return EXIT_FINDINGS;
          }
          throw e;
        }
      }

      if (positionals.length !== 1) {
        throw new UsageError(positionals.length ? msg('cli.unexpectedArgument', { arg: positionals[1] }) : msg('cli.missingBackupFile'));
      }
      const out = path.resolve(io.cwd, positionals[0]!);
      if (out === file) throw new UsageError(msg('cli.backupIsDatabase', { file: out }));
      if (fs.existsSync(out) && !values.force) throw new UsageError(msg('cli.targetExists', { file: out }));
      const store = await openStore(file, { readonly: true, keyFile });
      try {
        await store.backupTo(out);
      } finally {
        await store.close();
      }
      const copy = await openStore(out, { readonly: true, keyFile });
      let r: VerifyResult;
      try {
        r = await copy.verifyAll();
      } finally {
        await copy.close();
      }
      if (!r.ok) {
        io.stdout(`已备份 backed up: ${file} → ${out}, 但备份校验失败 but the copy does not verify:\n` + formatVerify(out, r));
        return EXIT_FINDINGS;
      }
      io.stdout(`已备份 backed up: ${file} → ${out}\n  ${counts(r)}; 备份哈希链完整 every chain in the copy verifies.\n`);
      return EXIT_OK;
    } catch (e) {
      if (e instanceof DatabaseUnreadableError || e instanceof StoreInputError) throw new UsageError(e.text ?? e.message);
      throw e;
    }
  },
};
