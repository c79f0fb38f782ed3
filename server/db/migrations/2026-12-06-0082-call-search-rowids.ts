import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.
//
// SQLite's trigram index for `q=` (migration 0081) kept every trigram's
// positions (FTS5 detail=full) so that a query could be one phrase. The
// index only narrows which calls the LIKE is checked on (server/lib/search.ts),
// so it needs no positions: with detail=none it keeps only which rows hold
// each trigram, and a query asks for rows holding all of the text's trigrams
// — a superset of the phrase's rows, narrowed to the same answer by the LIKE.
// At 200,000 calls the index is 10.6 MB instead of 40.6 MB and is built in
// 60% of the time (docs/performance.md, item 28). The triggers of 0081 stay:
// they write the same columns to the table of the same name.

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop table calls_search`.execute(db);
  await sql`create virtual table calls_search using fts5(topic, notes, tokenize = 'trigram', detail = none, content = '', contentless_delete = 1)`.execute(db);
  await sql`insert into calls_search (rowid, topic, notes) select r.search_rowid, c.topic, c.notes from calls_search_rows r join calls c on c.id = r.call_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop table calls_search`.execute(db);
  await sql`create virtual table calls_search using fts5(topic, notes, tokenize = 'trigram', content = '', contentless_delete = 1)`.execute(db);
  await sql`insert into calls_search (rowid, topic, notes) select r.search_rowid, c.topic, c.notes from calls_search_rows r join calls c on c.id = r.call_id`.execute(db);
}
