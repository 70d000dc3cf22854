// What commands that work on cases open first: the case database (an unreadable file is bad input,
// exit 2, never a stack trace) and the policy folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseUnreadableError, openStore, resolveKeyFile, type OpenStoreOptions, type Store } from '../store/index.ts';
import { UsageError, type CliIO } from './command.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** With `io`, the audit key is looked for where every command and the server look: $LANDFLOW_MAC_KEY_FILE, else <db>.key. */
export function openStoreOrUsage(file: string, opts?: OpenStoreOptions, io?: Pick<CliIO, 'env' | 'cwd'>): Store {
  try {
    return openStore(
      file,
      io && opts?.keyFile === undefined ? { ...opts, keyFile: resolveKeyFile({ dbFile: file, env: io.env, cwd: io.cwd }) } : opts,
    );
  } catch (e) {
    if (e instanceof DatabaseUnreadableError) throw new UsageError(e.message);
    throw e;
  }
}

/** --policies DIR against the working directory, else the bundled policies/. */
export function policiesDir(flag: string | undefined, io: CliIO): string {
  return flag ? path.resolve(io.cwd, flag) : path.join(REPO, 'policies');
}
