/**
 * Recognises constraint violations from either database, so a race that slips
 * past a service's own checks still becomes a 409/422 rather than a 500.
 * SQLite (better-sqlite3) names them by `code` strings; PostgreSQL by SQLSTATE.
 */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * The one way a service turns a constraint violation into the client's
 * error: `.catch(orThrow(isUniqueViolation, () => conflict(…)))` on the
 * statement or transaction. Anything that does not match is rethrown
 * unchanged, and so is a match for which `replacement` (which may look
 * things up first) finds no client error to give.
 */
export function orThrow(matches: (error: unknown) => boolean, replacement: () => Error | undefined | Promise<Error | undefined>) {
  return async (error: unknown): Promise<never> => {
    throw (matches(error) ? await replacement() : undefined) ?? error;
  };
}

/**
 * Why the database could not do its part, when the request itself was fine:
 * - `unavailable`: no connection (PostgreSQL stopped, restarting, unreachable, out of connections);
 * - `timeout`: it did not answer in time (frozen, or a statement ran past its limit);
 * - `busy`: another writer held the lock past the wait allowed;
 * - `storage_full`: its disk is full.
 */
export type DatabaseFault = 'unavailable' | 'timeout' | 'busy' | 'storage_full';

/** A database failure the client can retry; the drivers in server/db throw it, the error mapper answers 503/507. */
export class DatabaseFaultError extends Error {
  constructor(
    readonly fault: DatabaseFault,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseFaultError';
  }
}

// Errors that node-postgres raises itself (no SQLSTATE) when the connection is gone or never came.
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * The fault a raw driver error stands for, or undefined for every other error
 * (bad SQL, constraint violations: those are bugs or the caller's to handle).
 */
export function classifyDatabaseError(error: unknown): DatabaseFault | undefined {
  if (error instanceof DatabaseFaultError) return error.fault;
  const code = codeOf(error);
  if (code !== undefined) {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
    if (code === 'SQLITE_FULL') return 'storage_full';
    if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) return 'unavailable';
    if (code === '53100') return 'storage_full'; // disk_full
    if (code === '57014') return 'timeout'; // query_canceled: statement_timeout
    if (code === '55P03' || code === '40001' || code === '40P01') return 'busy'; // lock_not_available, serialization_failure, deadlock_detected
    if (code === '25P03') return 'timeout'; // idle_in_transaction_session_timeout
    // connection_exception, admin/crash shutdown, cannot connect now, too many connections, out of memory, read-only standby
    if (code.startsWith('08') || code.startsWith('57P') || code === '53300' || code === '53200' || code === '25006') return 'unavailable';
    if (NETWORK_CODES.has(code)) return 'unavailable';
  }
  const message = error instanceof Error ? error.message : '';
  if (message === 'Query read timeout') return 'timeout';
  if (PG_CONNECTION_MESSAGES.some((m) => message.startsWith(m))) return 'unavailable';
  return undefined;
}

/** A DatabaseFaultError for a raw driver error that stands for a fault, else undefined. */
export function asDatabaseFault(error: unknown): DatabaseFaultError | undefined {
  if (error instanceof DatabaseFaultError) return error;
  const fault = classifyDatabaseError(error);
  if (!fault) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new DatabaseFaultError(fault, message, { cause: error });
}
