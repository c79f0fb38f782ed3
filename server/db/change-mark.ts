import type { Kysely } from 'kysely';

/**
 * A value that changes whenever a change to the database is committed, by
 * this process or any other; an answer computed under one mark is still the
 * answer while the mark is the same. Null when the dialect has no mark that
 * is cheap and exact (then nothing may be cached).
 */
export type ChangeMark = () => string | null;

const marks = new WeakMap<Kysely<any>, ChangeMark>();

export function registerChangeMark(db: Kysely<any>, mark: ChangeMark): void {
  marks.set(db, mark);
}

/** The database's current change mark, or null (see ChangeMark). */
export function changeMarkOf(db: Kysely<any>): string | null {
  return marks.get(db)?.() ?? null;
}
