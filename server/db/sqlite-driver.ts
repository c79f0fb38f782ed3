import { setTimeout as sleep } from 'node:timers/promises';
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SelectQueryNode, SqliteDialect, type TransactionSettings,
} from 'kysely';
import { DatabaseFaultError, asDatabaseFault } from '../lib/db-errors.ts';
import type { DatabaseStatus } from './status.ts';

/** Longest pause between two tries for the write lock: how late a write may start once the lock is free. */
const MAX_BACKOFF_MS = 25;

const isBusy = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');

/** One holder of the single connection at a time; a holder may step aside while it waits for SQLite's lock. */
class ConnectionMutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
  }

  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

/**
 * Kysely's SQLite driver, changed for a database that other processes write
 * too (see docs/decisions/0010-sqlite-write-lock-waits.md). better-sqlite3 is
 * synchronous: its busy timeout would freeze the whole server while another
 * process holds the write lock. So the connection's busy timeout is zero and
 * a refused statement is tried again after a pause, with the connection free
 * meanwhile for the reads of other requests, until `lockTimeoutMs` passes.
 *
 * Retrying is safe only where SQLite refused before doing anything: a write
 * transaction takes the lock at its start (BEGIN IMMEDIATE), before the
 * callback runs, and a statement outside a transaction is atomic. Read-only
 * transactions (`setAccessMode('read only')`) start deferred and never wait.
 */
export class RetryingSqliteDriver implements Driver {
  readonly #mutex = new ConnectionMutex();
  readonly #connection: RetryingSqliteConnection;
  #writing = false;
  #dataVersion: SQLite.Statement | undefined;
  #totalChanges: SQLite.Statement | undefined;
  /** PRAGMA data_version as read in this turn of the event loop (see changeMark). */
  #versionThisTurn: number | undefined;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly options: { lockTimeoutMs: number; status: DatabaseStatus },
  ) {
    this.#connection = new RetryingSqliteConnection(sqlite, this);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const writing = settings.accessMode !== 'read only';
    await this.withLockRetries(() => this.sqlite.exec(writing ? 'begin immediate' : 'begin'));
    // Set once begun: while this waited, other requests' transactions used the connection.
    this.#writing = writing;
  }

  async commitTransaction(): Promise<void> {
    this.run(() => this.sqlite.exec('commit'));
    if (this.#writing) this.options.status.noteWriteSucceeded();
  }

  /**
   * Changes whenever a change is committed: PRAGMA data_version moves when
   * another connection (another process, a backup restore) commits, and
   * total_changes() counts the rows this connection inserted, updated or
   * deleted (data_version does not see those). A statement that changed no
   * row (a worker's poll finding nothing) leaves it as it was. Changes of a
   * transaction still open count already, which only makes an answer stale
   * early. Read between statements, it never waits.
   *
   * data_version costs microseconds (it reads the shared WAL index), so it is
   * read once per turn of the event loop: a commit by another process that
   * came before a request (its answer was out before this request was sent)
   * came before the turn that reads the request. total_changes() is read
   * every time (a tenth of a microsecond), so this process's own commits
   * count at once.
   */
  changeMark(): string {
    if (this.#versionThisTurn === undefined) {
      this.#dataVersion ??= this.sqlite.prepare('pragma data_version').pluck();
      this.#versionThisTurn = this.#dataVersion.get() as number;
      setImmediate(() => (this.#versionThisTurn = undefined)).unref();
    }
    this.#totalChanges ??= this.sqlite.prepare('select total_changes()').pluck();
    return `${this.#versionThisTurn}.${this.#totalChanges.get() as number}`;
  }

  async rollbackTransaction(): Promise<void> {
    // SQLite rolls a transaction back by itself on some errors (a full disk, for one):
    // a second rollback would fail and hide the error that caused it.
    if (this.sqlite.inTransaction) this.run(() => this.sqlite.exec('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.sqlite.close();
  }

  /** Runs a statement, recording a full disk and turning faults into DatabaseFaultError. */
  run<T>(statement: () => T): T {
    try {
      return statement();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): never {
    const fault = asDatabaseFault(error);
    if (fault?.fault === 'storage_full') this.options.status.noteStorageFull();
    throw fault ?? error;
  }

  /**
   * Runs a statement that takes the write lock, trying again while another
   * process holds it. The caller holds the connection; between tries it is
   * handed back, so other requests' statements run in the pauses.
   */
  async withLockRetries<T>(statement: () => T): Promise<T> {
    const started = performance.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, MAX_BACKOFF_MS)) {
      try {
        return statement();
      } catch (error) {
        if (!isBusy(error)) this.fail(error);
        const left = this.options.lockTimeoutMs - (performance.now() - started);
        if (left <= 0) {
          throw new DatabaseFaultError('busy', `Another process held the database's write lock for more than ${this.options.lockTimeoutMs} ms`, { cause: error });
        }
        this.#mutex.unlock();
        try {
          await sleep(Math.min(pause, left));
        } finally {
          await this.#mutex.lock();
        }
      }
    }
  }

  noteWrite(): void {
    this.options.status.noteWriteSucceeded();
  }
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Prepared statements kept per connection: preparing costs more than running a small query. */
const MAX_STATEMENTS = 500;
/**
 * Statements longer than this are bulk inserts of many rows (server/cli/bulk-insert.ts, the import): a
 * load repeats one full-size batch statement, so a few are kept apart (preparing one costs milliseconds).
 */
const LONG_STATEMENT = 4000;
const MAX_LONG_STATEMENTS = 8;

class RetryingSqliteConnection implements DatabaseConnection {
  readonly #statements = new Map<string, SQLite.Statement>();
  readonly #longStatements = new Map<string, SQLite.Statement>();

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly driver: RetryingSqliteDriver,
  ) {}

  /**
   * The statement for this text, prepared once (a statement that changes the
   * schema makes SQLite re-prepare the others itself when they next run).
   */
  private prepare(sql: string): SQLite.Statement {
    const kept = sql.length <= LONG_STATEMENT ? this.#statements : this.#longStatements;
    const found = kept.get(sql);
    if (found) return found;
    const statement = this.driver.run(() => this.sqlite.prepare(sql));
    // Oldest first out: a Map iterates in insertion order.
    if (kept.size >= (kept === this.#statements ? MAX_STATEMENTS : MAX_LONG_STATEMENTS)) kept.delete(kept.keys().next().value!);
    kept.set(sql, statement);
    return statement;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    const statement = this.prepare(sql);
    const execute = (): QueryResult<R> => {
      if (statement.reader) return { rows: statement.all(parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    };
    if (this.sqlite.inTransaction) return this.driver.run(execute);
    // Outside a transaction the statement is its own: refused for the lock, it did nothing, so it may run again.
    const result = await this.driver.withLockRetries(execute);
    if (!statement.readonly) this.driver.noteWrite();
    return result;
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery;
    if (!SelectQueryNode.is(query)) throw new Error('The SQLite driver streams only select queries');
    // Not from the cache: an iterating statement is busy until the stream ends, and another query may want the same text meanwhile.
    const statement = this.driver.run(() => this.sqlite.prepare(sql));
    for (const row of statement.iterate(parameters)) yield { rows: [row as R] };
  }
}

/** Kysely's SqliteDialect with the driver above. */
export class RetryingSqliteDialect extends SqliteDialect {
  /** The driver Kysely made, once it has. */
  driver: RetryingSqliteDriver | undefined;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly options: { lockTimeoutMs: number; status: DatabaseStatus },
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    this.driver = new RetryingSqliteDriver(this.sqlite, this.options);
    return this.driver;
  }
}
