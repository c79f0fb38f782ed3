import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type PostgresLimits, resilientPool } from './postgres-pool.ts';
import { registerChangeMark } from './change-mark.ts';
import type { Database } from './schema.ts';
import { RetryingSqliteDialect } from './sqlite-driver.ts';
import { DatabaseStatus, registerStatus } from './status.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * How long the database may keep a request waiting. The server passes its
 * configuration (server/config.ts); tools and tests that leave these out get
 * no statement limit, so a long migration or bulk load is never cut short.
 */
export interface DatabaseLimits extends PostgresLimits {
  /** How long a write waits for a lock held by another process (SQLite) or transaction (PostgreSQL). */
  lockTimeoutMs: number;
}

export const NO_STATEMENT_LIMIT: DatabaseLimits = { connectTimeoutMs: 10_000, statementTimeoutMs: 0, lockTimeoutMs: 5_000 };

// int8 (bigint) columns hold epoch milliseconds and counts, all far below 2^53:
// read them as numbers so both dialects return the same types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Opens the database named by a URL: `sqlite:<path>` (or `sqlite::memory:`)
 * or `postgres://…`. This is the only module that knows which dialect is in use.
 */
export function openDatabase(url: string, limits: DatabaseLimits = NO_STATEMENT_LIMIT): DatabaseHandle {
  const status = new DatabaseStatus();
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(url, limits, status) }) });
    registerStatus(db, status);
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) {
    throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
  }
  const dialect = new RetryingSqliteDialect(openSqlite(sqlitePath(url)), { lockTimeoutMs: limits.lockTimeoutMs, status });
  const db = new Kysely<Database>({ dialect });
  registerStatus(db, status);
  registerChangeMark(db, () => dialect.driver?.changeMark() ?? null);
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** The file a `sqlite:` URL names (or `:memory:`). */
export function sqlitePath(url: string): string {
  const path = url.slice('sqlite:'.length);
  return path === ':memory:' ? path : resolve(path);
}

function openSqlite(path: string): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run beside the writer; synchronous=FULL makes an
  // acknowledged commit survive power loss, not just a process crash.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // Never wait inside SQLite: the wait would block the event loop. The driver
  // waits for a busy lock between tries instead (sqlite-driver.ts).
  sqlite.pragma('busy_timeout = 0');
  sqlite.pragma('foreign_keys = ON');
  // SQLite's own page cache: 4 MB (better-sqlite3 sets 16 MB). The file's
  // pages stay in the operating system's cache, a read away; this holds the
  // pages a statement reads again (the indexes' upper levels). The start
  // reads every call for the statistics index, which filled all 16 MB for
  // good: 12–14 MB of the server's resident set (docs/performance.md, item 31).
  sqlite.pragma('cache_size = -4000');
  // SQLite's own lower() folds ASCII only; PostgreSQL's folds all of Unicode.
  // Replacing it keeps case-insensitive search ("лавров" finds "Лавров") the
  // same on both databases.
  sqlite.function('lower', { deterministic: true }, (value: unknown) => (value === null ? null : String(value).toLowerCase()));
  return sqlite;
}
