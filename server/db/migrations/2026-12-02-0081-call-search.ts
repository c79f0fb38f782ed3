import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.
//
// An index for `q=` (text in a call's topic or notes), which read every call.
// The search keeps its meaning — lower(column) LIKE '%' || lower(q) || '%'
// — and the index only narrows which calls it is checked on
// (server/lib/search.ts):
// - SQLite: a contentless FTS5 table with the trigram tokenizer, fed by
//   triggers (so every writer keeps it: the API, import, seed, hand-run SQL).
//   calls_search_rows maps its rowids to call ids: calls has no integer key
//   of its own to share, and calls.rowid may change (VACUUM).
// - PostgreSQL: pg_trgm GIN indexes on lower(topic) and lower(notes), which
//   serve that very LIKE; pg_trgm goes in public, so schemas share it.

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create extension if not exists pg_trgm schema public`.execute(db);
    await sql`create index calls_topic_trgm_idx on calls using gin (lower(topic) public.gin_trgm_ops)`.execute(db);
    await sql`create index calls_notes_trgm_idx on calls using gin (lower(notes) public.gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table calls_search using fts5(topic, notes, tokenize = 'trigram', content = '', contentless_delete = 1)`.execute(db);
  await sql`create table calls_search_rows (search_rowid integer primary key, call_id text not null unique)`.execute(db);
  // Existing calls, in one pass: ids first, then the index from the same rowids.
  await sql`insert into calls_search_rows (call_id) select id from calls`.execute(db);
  await sql`insert into calls_search (rowid, topic, notes) select r.search_rowid, c.topic, c.notes from calls_search_rows r join calls c on c.id = r.call_id`.execute(db);
  await sql`
    create trigger calls_search_insert after insert on calls begin
      insert into calls_search_rows (call_id) values (new.id);
      insert into calls_search (rowid, topic, notes) values (last_insert_rowid(), new.topic, new.notes);
    end`.execute(db);
  await sql`
    create trigger calls_search_update after update of topic, notes on calls
    when old.topic is not new.topic or old.notes is not new.notes begin
      delete from calls_search where rowid = (select search_rowid from calls_search_rows where call_id = old.id);
      insert into calls_search (rowid, topic, notes) values ((select search_rowid from calls_search_rows where call_id = old.id), new.topic, new.notes);
    end`.execute(db);
  await sql`
    create trigger calls_search_delete after delete on calls begin
      delete from calls_search where rowid = (select search_rowid from calls_search_rows where call_id = old.id);
      delete from calls_search_rows where call_id = old.id;
    end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index calls_notes_trgm_idx`.execute(db);
    await sql`drop index calls_topic_trgm_idx`.execute(db);
    return;
  }
  for (const name of ['calls_search_insert', 'calls_search_update', 'calls_search_delete']) await sql.raw(`drop trigger ${name}`).execute(db);
  await sql`drop table calls_search_rows`.execute(db);
  await sql`drop table calls_search`.execute(db);
}
