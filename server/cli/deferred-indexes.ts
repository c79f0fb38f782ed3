import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Trx = Transaction<Database>;

/**
 * The insert triggers on calls, and the same work done for every call added
 * since `after` (a rowid) in one statement each, in the order the triggers
 * run for a row. tests/api/seed.test.ts holds the two ways to the same rows.
 */
const CALL_INSERT_TRIGGERS: Record<string, (after: number) => ReturnType<typeof sql>[]> = {
  // 2026-11-28-0002-stats-changes: the statistics' log of changes.
  stats_calls_insert: (after) => [
    sql`insert into stats_changes (sign, callee_id, placed_at, status, responded_at, closed_at)
        select 1, callee_id, placed_at, status, responded_at, closed_at from calls where rowid > ${after} order by rowid`,
  ],
  // 2026-12-02-0081-call-search: the text search's rows and trigram index.
  calls_search_insert: (after) => [
    sql`insert into calls_search_rows (call_id) select id from calls where rowid > ${after} order by rowid`,
    sql`insert into calls_search (rowid, topic, notes)
        select r.search_rowid, c.topic, c.notes from calls c join calls_search_rows r on r.call_id = c.id where c.rowid > ${after} order by r.search_rowid`,
  ],
};

interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  tbl_name: string;
  sql: string;
}

const INSERT_TRIGGER = /^\s*create\s+trigger\s+.*?\b(?:before|after|instead\s+of)\s+insert\s+on\b/is;

/**
 * SQLite: runs `load` (which only inserts into `tables`) with those tables'
 * secondary indexes and calls' insert triggers set aside, then does the
 * triggers' work for the new calls in one statement each and builds the
 * indexes again from their own definitions — all inside `trx`, so no other
 * connection ever sees the tables without them (SQLite's schema changes are
 * transactional) and a failure leaves the database as it was. Building an
 * index from sorted keys at the end costs a fraction of keeping it up to
 * date row by row (docs/performance.md, item 22).
 *
 * Answers false, and runs nothing, when a table has an insert trigger this
 * does not know how to replay: the caller then loads row by row.
 */
export async function loadWithDeferredIndexes(trx: Trx, tables: readonly string[], load: () => Promise<void>): Promise<boolean> {
  const objects = (
    await sql<SchemaObject>`select type, name, tbl_name, sql from sqlite_master
      where type in ('index', 'trigger') and sql is not null and tbl_name in (${sql.join(tables)}) order by type, name`.execute(trx)
  ).rows;
  const triggers = objects.filter((o) => o.type === 'trigger' && INSERT_TRIGGER.test(o.sql));
  if (triggers.some((t) => t.tbl_name !== 'calls' || !(t.name in CALL_INSERT_TRIGGERS))) return false;
  const indexes = objects.filter((o) => o.type === 'index');

  const after = Number((await sql<{ last: number | null }>`select max(rowid) as last from calls`.execute(trx)).rows[0]?.last ?? 0);
  for (const o of [...triggers, ...indexes]) await sql.raw(`drop ${o.type} "${o.name.replaceAll('"', '""')}"`).execute(trx);
  await load();
  for (const trigger of triggers) for (const statement of CALL_INSERT_TRIGGERS[trigger.name]!(after)) await statement.execute(trx);
  for (const o of [...indexes, ...triggers]) await sql.raw(o.sql).execute(trx);
  return true;
}
