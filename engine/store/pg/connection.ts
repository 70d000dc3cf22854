// Connections to PostgreSQL (node-postgres): a pool per store, bigint read back as a JS number
// (ids, counts, milliseconds: exact up to 2^53, refused beyond rather than rounded), and a URL
// that can be shown in messages without its password.
import pg from 'pg';

const INT8 = 20;

function int8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} is beyond what a JS number holds exactly`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 && format !== 'binary' ? int8 : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** Is this a PostgreSQL URL (postgres:// or postgresql://)? */
export function isPgUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The URL with its password replaced by ***, for messages and `Store.target`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

export interface PoolOptions {
  /** How long a statement waits for a lock another instance holds (lock_timeout), like SQLite's busy timeout. */
  lockTimeoutMs: number;
  max?: number;
}

export function createPool(url: string, opts: PoolOptions): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    types,
    max: opts.max ?? 10,
    application_name: 'landflow',
    options: `-c lock_timeout=${Math.max(0, Math.floor(opts.lockTimeoutMs))} -c default_transaction_isolation=read\\ committed`,
  });
}
