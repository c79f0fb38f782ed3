import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { asDatabaseFault } from '../lib/db-errors.ts';
import type { DatabaseStatus } from './status.ts';

export interface PostgresLimits {
  /** How long opening a connection, or waiting for a free one, may take. */
  connectTimeoutMs: number;
  /** Longest a statement may run (0: no limit); a frozen server is given up on a second later. */
  statementTimeoutMs: number;
  /** Longest a statement waits for a row or table lock (0: no limit). */
  lockTimeoutMs: number;
}

/** Names the server's connections in pg_stat_activity, so a restore can tell that a server is still connected. */
export const APPLICATION_NAME = 'readout';

/** How much longer than statement_timeout the client waits before giving up on a server that cannot cancel. */
const FROZEN_GRACE_MS = 1000;
/** A transaction left open this long by a stalled app is ended by the server, so its locks do not block others. */
const IDLE_IN_TRANSACTION_MS = 60_000;

const opensTransaction = /^\s*(begin|start\s+transaction)\b/i;
const endsTransaction = /^\s*(commit|rollback)\b/i;
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/**
 * A node-postgres pool as Kysely's PostgresDialect wants it, made to survive
 * a database that restarts, vanishes or freezes:
 * - a connection that fails while idle or checked out is logged, not left to
 *   crash the process as an unhandled 'error' event;
 * - connecting, and every statement, have time limits;
 * - a connection that failed or timed out is discarded, not handed to the next request;
 * - errors that mean "no database" become DatabaseFaultError (503 for the client),
 *   and a full disk is recorded for the health check.
 */
export function resilientPool(url: string, limits: PostgresLimits, status: DatabaseStatus): PostgresPool {
  const timeouts =
    limits.statementTimeoutMs > 0
      ? {
          statement_timeout: limits.statementTimeoutMs,
          query_timeout: limits.statementTimeoutMs + FROZEN_GRACE_MS,
          idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
        }
      : {};
  const pool = new pg.Pool({
    connectionString: url,
    application_name: APPLICATION_NAME,
    max: 10,
    // One connection stays open while idle, so that a running server shows in pg_stat_activity (restore checks).
    min: 1,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    keepAlive: true,
    ...timeouts,
    ...(limits.lockTimeoutMs > 0 ? { lock_timeout: limits.lockTimeoutMs } : {}),
  });
  pool.on('error', (error) => console.warn(`database: an idle connection failed and was dropped: ${error.message}`));
  pool.on('connect', (client) => {
    client.on('error', (error) => console.warn(`database: a connection in use failed: ${error.message}`));
  });

  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw asDatabaseFault(error) ?? error;
      }
      return checkedOut(client, status);
    },
    end: () => pool.end(),
  };
}

/** One checkout of a connection: remembers whether it broke, so release() discards it. */
function checkedOut(client: pg.PoolClient, status: DatabaseStatus): PostgresPoolClient {
  let broken = false;
  let inTransaction = false;
  const query = async (text: string, parameters: readonly unknown[]) => {
    try {
      const result = await client.query(text, [...parameters]);
      if (opensTransaction.test(text)) inTransaction = true;
      else if (endsTransaction.test(text)) {
        inTransaction = false;
        if (result.command === 'COMMIT') status.noteWriteSucceeded();
      } else if (!inTransaction && WRITES.has(result.command)) status.noteWriteSucceeded();
      return result;
    } catch (error) {
      const fault = asDatabaseFault(error);
      if (fault?.fault === 'storage_full') status.noteStorageFull();
      // A timed-out query may still be running on a frozen server: the connection cannot be trusted again.
      if (fault?.fault === 'unavailable' || (fault?.fault === 'timeout' && fault.message === 'Query read timeout')) broken = true;
      if (endsTransaction.test(text)) inTransaction = false;
      throw fault ?? error;
    }
  };
  return {
    // Kysely's cursor overload is never used: the dialect is built without a cursor class.
    query: query as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(broken || destroy === true),
  };
}
