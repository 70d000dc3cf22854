// What commands that work on cases open first: the case database (an unreadable one is bad input,
// exit 2, never a stack trace) and the policy folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseUnreadableError, StoreError, openStore, resolveKeyFile, type OpenStoreOptions, type Store } from '../store/index.ts';
import { UsageError, type CliIO } from './command.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** With `io`, the audit key is looked for where every command and the server look: $LANDFLOW_MAC_KEY_FILE, else defaultKeyFile. */
export async function openStoreOrUsage(target: string, opts?: OpenStoreOptions, io?: Pick<CliIO, 'env' | 'cwd'>): Promise<Store> {
  try {
    return await openStore(
      target,
      io && opts?.keyFile === undefined ? { ...opts, keyFile: resolveKeyFile({ target, env: io.env, cwd: io.cwd }) } : opts,
    );
  } catch (e) {
    if (e instanceof DatabaseUnreadableError || (e instanceof StoreError && e.code === 'PG_UNAVAILABLE'))
      throw new UsageError(e.text ?? e.message);
    throw e;
  }
}

/** --policies DIR against the working directory, else the bundled policies/. */
export function policiesDir(flag: string | undefined, io: CliIO): string {
  return flag ? path.resolve(io.cwd, flag) : path.join(REPO, 'policies');
}
