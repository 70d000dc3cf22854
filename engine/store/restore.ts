// Restoring a backup over the live database file: the backup's chains are verified first and a
// broken one is refused; whatever was there is kept aside as *.pre-restore.db, never destroyed.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseUnreadableError, StoreError, StoreInputError } from './errors.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { VerifyOptions, VerifyResult } from './types.ts';

export class BrokenBackupError extends StoreError {
  constructor(readonly file: string, readonly result: VerifyResult) {
    const b = result.firstBroken;
    super(
      'BROKEN_BACKUP',
      `拒绝恢复：备份校验失败 refusing to restore, the backup does not verify: ${file}` +
        (b ? ` — 案件 case ${b.caseId}, seq ${b.seq}: ${b.reason}` : result.schemaProblems.length ? ` — ${result.schemaProblems[0]}` : ''),
    );
  }
}

export interface RestoreResult {
  /** The verified backup. */
  source: VerifyResult;
  /** Where the database that was replaced now lives (absent when there was none). */
  previous?: string;
  /** The restored database, verified again after the copy. */
  restored: VerifyResult;
}

function freeName(base: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${base}.pre-restore.db` : `${base}.pre-restore-${i}.db`;
    if (!fs.existsSync(name)) return name;
  }
}

export async function restoreBackup(source: string, target: string, opts: VerifyOptions = {}): Promise<RestoreResult> {
  const src = path.resolve(source);
  const dst = path.resolve(target);
  if (src === dst) throw new StoreInputError('restore', '备份文件与目标数据库相同 the backup and the target database are the same file');
  const backup = new SqliteStore(src, { readonly: true });
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  let checked: VerifyResult;
  let previous: string | undefined;
  try {
    checked = backup.verifyAll(opts);
    if (!checked.ok) throw new BrokenBackupError(src, checked);
    let online = false;
    if (fs.existsSync(dst)) {
      previous = freeName(dst);
      let current: SqliteStore | undefined;
      try {
        current = new SqliteStore(dst, { readonly: true });
      } catch (e) {
        if (!(e instanceof DatabaseUnreadableError)) throw e;
      }
      if (current) {
        // Readable: keep a copy, then overwrite it through SQLite so open connections stay sane.
        try {
          await current.backupTo(previous);
        } finally {
          current.close();
        }
        online = true;
      } else {
        // Unreadable (the usual reason to restore): move the damaged files aside as they are.
        for (const suffix of ['', '-wal', '-shm', '-journal']) {
          if (fs.existsSync(dst + suffix)) fs.renameSync(dst + suffix, previous + suffix);
        }
      }
    }
    if (online) await backup.copyOnto(dst);
    else await backup.backupTo(dst);
  } finally {
    backup.close();
  }

  const restored = new SqliteStore(dst, { mustExist: true });
  try {
    return { source: checked, ...(previous ? { previous } : {}), restored: restored.verifyAll(opts) };
  } finally {
    restored.close();
  }
}
