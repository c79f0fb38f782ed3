import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../lib/context.ts';

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

// Runs in a worker thread with a connection of its own, so copying the log
// into the database file takes no time from the event loop. Only PASSIVE:
// it never waits for nor holds up other connections, where the other modes
// take the write lock, and a transaction of the main connection that read
// before writing would then fail at once with SQLITE_BUSY. (The log file
// keeps its size; SQLite writes it from the start again once it is all
// checkpointed.) A database closed and removed meanwhile (a test's) has
// nothing left to checkpoint.
const CHECKPOINT = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  db.pragma('wal_checkpoint(PASSIVE)');
} catch {
} finally {
  if (db) db.close();
}
`;

async function pragma(db: Kysely<Database>, name: string): Promise<number> {
  const result = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db);
  return Number(Object.values(result.rows[0] ?? {})[0]);
}

/** The main database's file, or undefined for an in-memory one. */
async function databaseFile(db: Kysely<Database>): Promise<string | undefined> {
  const result = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
  return result.rows[0]?.file || undefined;
}

/** fsync from libuv's thread pool: the event loop goes on meanwhile. */
async function syncToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function checkpointInBackground(file: string): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(CHECKPOINT, { eval: true, workerData: { file, driverPath } });
    worker.once('error', (error) => {
      console.warn('import: the background checkpoint failed; SQLite will checkpoint by itself later', error);
      resolve();
    });
    worker.once('exit', () => resolve());
  });
}

/**
 * Runs one large write transaction (an import of up to a million calls)
 * without stalling the event loop at its end. Every statement on SQLite
 * runs synchronously, and two of them would take seconds for a large
 * transaction: the commit's fsync of everything written, and the automatic
 * checkpoint that copies the log into the database file right after. So,
 * for this transaction only, on the connection it holds throughout:
 * `synchronous=NORMAL` (the commit does not fsync) and no automatic
 * checkpoint; after the commit the log and its folder are fsynced from the
 * thread pool *before* the caller answers — so an acknowledged import is as
 * durable as with `synchronous=FULL` — and the checkpoint runs in a worker
 * thread, after which the automatic checkpoint is turned back on.
 * On PostgreSQL, or an in-memory database, `work` simply runs.
 */
export async function bulkWrite<T>(deps: Deps, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (deps.dialect !== 'sqlite') return work(deps.db);
  let committed: { file: string; autoCheckpoint: number } | undefined;
  const result = await deps.db.connection().execute(async (db) => {
    const file = await databaseFile(db);
    if (!file) return work(db);
    const synchronous = await pragma(db, 'synchronous');
    const autoCheckpoint = await pragma(db, 'wal_autocheckpoint');
    await sql`pragma wal_autocheckpoint = 0`.execute(db);
    await sql`pragma synchronous = NORMAL`.execute(db);
    try {
      const value = await work(db);
      committed = { file, autoCheckpoint };
      return value;
    } catch (error) {
      await sql.raw(`pragma wal_autocheckpoint = ${autoCheckpoint}`).execute(db);
      throw error;
    } finally {
      await sql.raw(`pragma synchronous = ${synchronous}`).execute(db);
    }
  });
  if (committed) {
    const { file, autoCheckpoint } = committed;
    await syncToDisk(`${file}-wal`);
    await syncToDisk(dirname(file));
    void checkpointInBackground(file).then(() => sql.raw(`pragma wal_autocheckpoint = ${autoCheckpoint}`).execute(deps.db).catch(() => undefined));
  }
  return result;
}
