import type { Kysely } from 'kysely';

/**
 * What the drivers have learned about the database from the statements they
 * ran, for the health check: a full disk shows only when a write fails, and
 * is over when one succeeds again.
 */
export class DatabaseStatus {
  /** When a write first failed for want of space, or null once one has succeeded since. */
  storageFullSince: number | null = null;

  noteStorageFull(): void {
    this.storageFullSince ??= Date.now();
  }

  noteWriteSucceeded(): void {
    this.storageFullSince = null;
  }
}

const statuses = new WeakMap<Kysely<any>, DatabaseStatus>();

/** Ties a status to the database handle openDatabase made, so routes reach it through deps.db. */
export function registerStatus(db: Kysely<any>, status: DatabaseStatus): void {
  statuses.set(db, status);
}

/** The status of a database opened by openDatabase (a fresh, empty one for any other). */
export function databaseStatus(db: Kysely<any>): DatabaseStatus {
  let status = statuses.get(db);
  if (!status) {
    status = new DatabaseStatus();
    statuses.set(db, status);
  }
  return status;
}
