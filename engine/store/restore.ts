// Restoring a backup over the live database file: the backup's chains are verified first (with the
// target's audit key: a backup carries no key) and a broken one is refused; whatever was there is
// kept aside as *.pre-restore.db, never destroyed.
import fs from 'node:fs';
import path from 'node:path';
import { msg } from '../../dsl/message.ts';
import { DatabaseUnreadableError, StoreError, StoreInputError } from './errors.ts';
import { defaultKeyFile } from './key-file.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { VerifyOptions, VerifyResult } from './types.ts';

export class BrokenBackupError extends StoreError {
  constructor(
    readonly file: string,
    readonly result: VerifyResult,
  ) {
    const b = result.firstBroken;
    const c = result.chainProblems[0];
    const first =
      result.integrityProblems[0] ??
      (b ? msg('store.brokenEvent', { caseId: b.caseId, seq: b.seq, reason: b.reason }) : undefined) ??
      (c ? msg('at.problem', { where: c.subject, problem: c.reason }) : undefined) ??
      result.schemaProblems[0] ??
      result.versionProblems[0] ??
      (result.mac === 'noKey' ? msg('store.noKeyForMac') : undefined);
    super('BROKEN_BACKUP', msg('store.brokenBackup', { file, first }));
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

export interface RestoreOptions extends VerifyOptions {
  /** The audit key file of the target database (default: the target file + ".key"); it verifies the backup too. */
  keyFile?: string;
}

export async function restoreBackup(source: string, target: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const src = path.resolve(source);
  const dst = path.resolve(target);
  if (src === dst) throw new StoreInputError('restore', msg('store.restoreSameFile'));
  const keyFile = opts.keyFile ?? defaultKeyFile(dst);
  const backup = new SqliteStore(src, { readonly: true, keyFile });
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  let checked: VerifyResult;
  let previous: string | undefined;
  try {
    checked = await backup.verifyAll(opts);
    if (!checked.ok) throw new BrokenBackupError(src, checked);
    let online = false;
    if (fs.existsSync(dst)) {
      previous = freeName(dst);
      let current: SqliteStore | undefined;
      try {
        current = new SqliteStore(dst, { readonly: true, keyFile });
      } catch (e) {
        if (!(e instanceof DatabaseUnreadableError)) throw e;
      }
      if (current) {
        // Readable: keep a copy, then overwrite it through SQLite so open connections stay sane.
        try {
          await current.backupTo(previous);
        } finally {
          await current.close();
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
    await backup.close();
  }

  const restored = new SqliteStore(dst, { mustExist: true, keyFile });
  try {
    return { source: checked, ...(previous ? { previous } : {}), restored: await restored.verifyAll(opts) };
  } finally {
    await restored.close();
  }
}
