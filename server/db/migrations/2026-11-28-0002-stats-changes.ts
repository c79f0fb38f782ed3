import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.
//
// A log of every change to the fields response-time statistics read, written
// by triggers so that no write path (the API, import, seeding, a hand-run SQL
// statement) can forget it. The stats feature keeps a sorted in-memory index
// of call durations and replays this log to stay exact without rereading the
// calls table (docs/decisions/0006-response-time-statistics.md).
//
// Each change is one or two rows: sign -1 takes the old values out, +1 puts
// the new ones in. On PostgreSQL each row also carries its transaction id, so
// a reader can consume changes in commit order (sequence values are handed out
// before commit, in no useful order).

const STATS_COLUMNS = ['callee_id', 'placed_at', 'status', 'responded_at', 'closed_at'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('stats_changes')
    .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('xid', 'bigint')
    .addColumn('sign', 'integer', (c) => c.notNull())
    .addColumn('callee_id', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .execute();
  if (postgres) await db.schema.createIndex('stats_changes_xid_idx').on('stats_changes').column('xid').execute();

  // One row: the highest seq (SQLite) or transaction id (PostgreSQL) pruned from the log.
  await db.schema
    .createTable('stats_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('pruned_mark', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into stats_state (id, pruned_mark) values (1, -1)`.execute(db);

  const values = (row: 'old' | 'new') => sql.raw(STATS_COLUMNS.map((c) => `${row}.${c}`).join(', '));
  const columns = sql.raw(STATS_COLUMNS.join(', '));
  const changed = sql.raw(STATS_COLUMNS.map((c) => `old.${c} is not new.${c}`).join(' or '));

  if (postgres) {
    const pgChanged = sql.raw(STATS_COLUMNS.map((c) => `old.${c} is distinct from new.${c}`).join(' or '));
    await sql`
      create function stats_log_call_change() returns trigger language plpgsql as $$
      declare
        x bigint := pg_current_xact_id()::text::bigint;
      begin
        if tg_op = 'UPDATE' or tg_op = 'DELETE' then
          insert into stats_changes (xid, sign, ${columns}) values (x, -1, ${values('old')});
        end if;
        if tg_op = 'UPDATE' or tg_op = 'INSERT' then
          insert into stats_changes (xid, sign, ${columns}) values (x, 1, ${values('new')});
        end if;
        return null;
      end
      $$`.execute(db);
    await sql`create trigger stats_calls_insert after insert on calls for each row execute function stats_log_call_change()`.execute(db);
    await sql`create trigger stats_calls_update after update on calls for each row when (${pgChanged}) execute function stats_log_call_change()`.execute(db);
    await sql`create trigger stats_calls_delete after delete on calls for each row execute function stats_log_call_change()`.execute(db);
    return;
  }

  await sql`
    create trigger stats_calls_insert after insert on calls begin
      insert into stats_changes (sign, ${columns}) values (1, ${values('new')});
    end`.execute(db);
  await sql`
    create trigger stats_calls_update after update on calls when ${changed} begin
      insert into stats_changes (sign, ${columns}) values (-1, ${values('old')}), (1, ${values('new')});
    end`.execute(db);
  await sql`
    create trigger stats_calls_delete after delete on calls begin
      insert into stats_changes (sign, ${columns}) values (-1, ${values('old')});
    end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const name of ['stats_calls_insert', 'stats_calls_update', 'stats_calls_delete']) {
    await sql.raw(postgres ? `drop trigger ${name} on calls` : `drop trigger ${name}`).execute(db);
  }
  if (postgres) await sql`drop function stats_log_call_change()`.execute(db);
  await db.schema.dropTable('stats_state').execute();
  await db.schema.dropTable('stats_changes').execute();
}
