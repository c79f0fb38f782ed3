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

/**
 * `read(db, key)` kept per key while the database's change mark stays the
 * same: any committed change, by any writer, makes every kept answer stale.
 * Where the database has no mark, every call reads. At most `max` keys are
 * kept (all are dropped when that is reached). Answers are shared: callers
 * must not change them.
 */
export function keptUntilChange<V>(read: (db: Kysely<any>, key: string) => Promise<V>, max = 1024): (db: Kysely<any>, key: string) => Promise<V> {
  const kept = new WeakMap<Kysely<any>, Map<string, { mark: string; value: V }>>();
  return async (db, key) => {
    // Read before the query: a change committed meanwhile leaves the answer under the older mark, stale at once.
    const mark = changeMarkOf(db);
    if (mark === null) return read(db, key);
    let answers = kept.get(db);
    if (!answers) kept.set(db, (answers = new Map()));
    const hit = answers.get(key);
    if (hit?.mark === mark) return hit.value;
    const value = await read(db, key);
    if (answers.size >= max) answers.clear();
    answers.set(key, { mark, value });
    return value;
  };
}
