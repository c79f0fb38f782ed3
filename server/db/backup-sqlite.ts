import { existsSync, renameSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { openDatabase } from './client.ts';
import { migrateToLatest } from './migrate.ts';

export type OnProgress = (done: number, total: number) => void;

/** Pages copied per step: small enough for a lively progress bar, large enough to be quick. */
const PAGES_PER_STEP = 1024;

const sidecars = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

function removeWithSidecars(file: string): void {
  for (const path of [file, ...sidecars(file)]) rmSync(path, { force: true });
}

const isBusy = (error: unknown) => String((error as { code?: unknown })?.code ?? '').startsWith('SQLITE_BUSY');

/** SQLite's online backup of `db` into a new file, reporting pages copied. */
async function copyPages(db: SQLite.Database, target: string, onProgress: OnProgress): Promise<void> {
  const { totalPages } = await db.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress(totalPages - remainingPages, totalPages);
      return PAGES_PER_STEP;
    },
  });
  onProgress(totalPages, totalPages);
}

/** How many calls and users a Readout database holds (zero for tables it lacks). */
function countRows(db: SQLite.Database): { calls: number; users: number } {
  const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const count = (table: string) => (tables.has(table) ? Number((db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n) : 0);
  return { calls: count('calls'), users: count('users') };
}

/**
 * A consistent copy of a live database into `target`, while the server goes
 * on writing. SQLite's online backup restarts whenever another connection
 * writes, so under a busy server it might never finish; here the source
 * connection holds one read transaction for the whole copy, which pins a
 * single snapshot (in WAL mode readers do not block the writer). The copy is
 * written beside the target, checked, made a single self-contained file
 * (rollback journal, no -wal beside it) and only then renamed into place.
 */
export async function backupSqlite(source: string, target: string, onProgress: OnProgress): Promise<{ calls: number; users: number }> {
  if (!existsSync(source)) throw new Error(`There is no database at ${source}`);
  const partial = `${target}.partial-${process.pid}`;
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.exec('begin');
    db.prepare('select count(*) from sqlite_master').get();
    await copyPages(db, partial, onProgress);
    db.exec('commit');
  } catch (error) {
    removeWithSidecars(partial);
    throw error;
  } finally {
    db.close();
  }
  try {
    const copy = new SQLite(partial);
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`The copy failed its integrity check: ${String(check)}`);
      const counts = countRows(copy);
      copy.close();
      renameSync(partial, target);
      return counts;
    } finally {
      if (copy.open) copy.close();
    }
  } catch (error) {
    removeWithSidecars(partial);
    throw error;
  }
}

/** Fails unless `file` is a sound SQLite database holding Readout's tables. */
function checkBackup(file: string): void {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`Cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged (integrity check: ${String(check)})`);
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('kysely_migration') || !tables.has('calls')) throw new Error(`${file} is a SQLite database, but not a Readout one`);
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with the backup: makes sure no server
 * has the target open (an exclusive lock, held until the swap), refuses to
 * overwrite data without `force`, checks the backup, copies it
 * beside the target, migrates the copy to this version, and renames it into
 * place, so an interrupted restore leaves the old database as it was.
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  options: { force: boolean },
  onProgress: OnProgress,
): Promise<{ replaced: { calls: number; users: number } | null; restored: { calls: number; users: number }; migrations: string[] }> {
  let guard: SQLite.Database | undefined;
  let replaced: { calls: number; users: number } | null = null;
  if (existsSync(target)) {
    guard = new SQLite(target, { timeout: 0 });
    try {
      guard.pragma('locking_mode = exclusive');
      guard.exec('begin exclusive');
    } catch (error) {
      guard.close();
      if (isBusy(error)) throw new Error(`${target} is in use (is the server running?): stop it, then restore`);
      throw error;
    }
    replaced = countRows(guard);
    guard.exec('commit');
    if (!options.force && replaced.calls + replaced.users > 0) {
      guard.close();
      throw new Error(`${target} holds ${replaced.calls} calls and ${replaced.users} users; restoring replaces them all. Run again with --force to do so`);
    }
  }
  const incoming = `${target}.restoring-${process.pid}`;
  try {
    checkBackup(backup);
    const source = new SQLite(backup, { readonly: true, fileMustExist: true });
    try {
      await copyPages(source, incoming, onProgress);
    } finally {
      source.close();
    }
    const copy = openDatabase(`sqlite:${incoming}`);
    let migrations: string[];
    try {
      migrations = await migrateToLatest(copy.db);
    } finally {
      await copy.close();
    }
    const check = new SQLite(incoming, { readonly: true });
    const restored = countRows(check);
    check.close();
    // The old database's write-ahead log must go with it: replayed onto the new file it would corrupt it.
    guard?.close();
    for (const path of sidecars(target)) rmSync(path, { force: true });
    renameSync(incoming, target);
    return { replaced, restored, migrations };
  } catch (error) {
    if (guard?.open) guard.close();
    removeWithSidecars(incoming);
    throw error;
  }
}
