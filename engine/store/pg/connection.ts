// Connections to PostgreSQL (node-postgres): a pool per store, bigint read back as a JS number
// (ids, counts, milliseconds: exact up to 2^53, refused beyond rather than rounded), every
// transaction READ COMMITTED unless it asks otherwise (the store's locking relies on each statement
// seeing what committed before it), and lock waits bounded like SQLite's busy timeout.
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

export interface PoolOptions {
  /** How long a statement waits for a lock another instance holds (lock_timeout), like SQLite's busy timeout. */
  lockTimeoutMs: number;
  max?: number;
  /** Every transaction read-only (a store opened readonly: the server refuses writes too). */
  readOnly?: boolean;
}

export function createPool(url: string, opts: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: opts.max ?? 10,
    application_name: 'landflow',
    options:
      `-c lock_timeout=${Math.max(0, Math.floor(opts.lockTimeoutMs))} -c default_transaction_isolation=read\\ committed` +
      (opts.readOnly ? ' -c default_transaction_read_only=on' : ''),
  });
  // An idle connection the server closed (restart, failover) is dropped and the next query opens
  // another; unhandled, node-postgres's 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Whether a value holds U+0000, which no PostgreSQL text can (the server refuses the statement;
 * SQLite keeps it). The store never writes one (validate.ts refuses control characters), so no row
 * holds it: a read given one answers as if nothing matched, as on SQLite, instead of failing.
 */
export function holdsNul(...values: unknown[]): boolean {
  return values.some((v) => typeof v === 'string' && v.includes('\0'));
}

/** One connection, inside or outside a transaction (a pool runs each statement on any free one). */
export type Conn = Pick<pg.ClientBase, 'query'>;

/** The first row, or undefined. `name` prepares the statement once per connection (the hot paths). */
export async function one<T extends pg.QueryResultRow>(c: Conn, text: string, values: unknown[], name?: string): Promise<T | undefined> {
  return (await c.query<T>(name ? { name, text, values } : { text, values })).rows[0];
}

export async function all<T extends pg.QueryResultRow>(c: Conn, text: string, values: unknown[] = [], name?: string): Promise<T[]> {
  return (await c.query<T>(name ? { name, text, values } : { text, values })).rows;
}
