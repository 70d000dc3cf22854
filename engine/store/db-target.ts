// Which database a store lives in: `--db` and $LANDFLOW_DB name either a SQLite file (a path, the
// default data/landflow.db) or a PostgreSQL database (a postgres:// or postgresql:// URL). The one
// place that tells the two apart, so that no caller resolves a URL as a path.
import path from 'node:path';

/** Relative to the working directory. */
export const DEFAULT_DB_PATH = 'data/landflow.db';

const PG_URL = /^postgres(?:ql)?:\/\//i;

export function isPostgresUrl(target: string): boolean {
  return PG_URL.test(target);
}

/**
 * The database: --db flag, else $LANDFLOW_DB, else data/landflow.db. A file path is resolved
 * against cwd; a PostgreSQL URL is kept as given.
 */
export function resolveDbTarget(opts: { flag?: string; env?: Record<string, string | undefined>; cwd: string }): string {
  const chosen = opts.flag || opts.env?.LANDFLOW_DB || DEFAULT_DB_PATH;
  return isPostgresUrl(chosen) ? chosen : path.resolve(opts.cwd, chosen);
}

/**
 * The local folder that goes with a database (its audit key, imported calendar years): the SQLite
 * file's folder, or data/ under cwd for PostgreSQL, which has no file to sit beside.
 */
export function localDataDir(target: string, cwd: string): string {
  return isPostgresUrl(target) ? path.resolve(cwd, 'data') : path.dirname(path.resolve(cwd, target));
}

/** A URL fit for messages and logs: its password replaced by ***. Anything unparsable is shown as the scheme only. */
export function redactTarget(target: string): string {
  if (!isPostgresUrl(target)) return target;
  try {
    const u = new URL(target);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return target.slice(0, target.indexOf('//') + 2) + '…';
  }
}
