// Where the audit chain's MAC key lives: a file beside the database (<db>.key) or the file named by
// LANDFLOW_MAC_KEY_FILE, mode 0600, 64 hex digits. It is never written into the database, so a
// copy of the database alone cannot forge the chain; it must be backed up on its own.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { msg, type Text } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import { isPostgresUrl, localDataDir } from './db-target.ts';
import { macKey, type MacKey } from './mac.ts';

export class KeyFileError extends TextError {
  declare readonly text: Text;
  constructor(
    readonly file: string,
    problem: Text,
  ) {
    super(msg('store.unreadable', { problem, file }));
  }
}

/** $LANDFLOW_MAC_KEY_FILE (against cwd), else defaultKeyFile. */
export function resolveKeyFile(opts: { target: string; env?: Record<string, string | undefined>; cwd: string }): string {
  const chosen = opts.env?.LANDFLOW_MAC_KEY_FILE;
  return chosen ? path.resolve(opts.cwd, chosen) : defaultKeyFile(opts.target, opts.cwd);
}

/**
 * The SQLite file's name + ".key"; for PostgreSQL data/landflow.key under cwd (several instances
 * on one database share one key: name it with LANDFLOW_MAC_KEY_FILE on each, docs/database.md).
 */
export function defaultKeyFile(target: string, cwd = process.cwd()): string {
  return isPostgresUrl(target) ? path.join(localDataDir(target, cwd), 'landflow.key') : path.resolve(cwd, target) + '.key';
}

const KEY_TEXT = /^([0-9a-f]{64})\s*$/;

/** The key in `file`, or undefined when there is no such file. Throws KeyFileError when it is not a key. */
export function readKeyFile(file: string): MacKey | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KeyFileError(file, msg('store.keyUnreadable', { detail: (e as Error).message }));
  }
  const m = KEY_TEXT.exec(text);
  if (!m) throw new KeyFileError(file, msg('store.keyMalformed'));
  return macKey(Buffer.from(m[1]!, 'hex'));
}

/**
 * Creates the key file with a fresh random key, unless one appears first: written aside (0600),
 * flushed, then hard-linked into place, which fails if another process won the race — its key is
 * then the one read back. A reader never sees half a key.
 */
export function createKeyFile(file: string): MacKey {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(aside, 'wx', 0o600);
  try {
    fs.writeSync(fd, randomBytes(32).toString('hex') + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(aside, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new KeyFileError(file, msg('store.keyCreate', { detail: (e as Error).message }));
  } finally {
    fs.rmSync(aside, { force: true });
  }
  // The database will soon carry MACs made with this key: the link itself must survive a crash.
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
  const key = readKeyFile(file);
  if (!key) throw new KeyFileError(file, msg('store.keyVanished'));
  return key;
}
