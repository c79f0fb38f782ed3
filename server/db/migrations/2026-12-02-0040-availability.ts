import { type Kysely, sql } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.

// Monday to Friday 09:00–18:00, written out so the default never depends on code that may change.
const DEFAULT_HOURS =
  '{"mon":[["09:00","18:00"]],"tue":[["09:00","18:00"]],"wed":[["09:00","18:00"]],"thu":[["09:00","18:00"]],"fri":[["09:00","18:00"]],"sat":[],"sun":[]}';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('ministries')
    .addColumn('working_hours', 'text', (c) => c.notNull().defaultTo(sql.lit(DEFAULT_HOURS)))
    .execute();
  await db.schema.alterTable('ministries').addColumn('country_holidays', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('ministries').addColumn('extra_holidays', 'text', (c) => c.notNull().defaultTo(sql.lit('[]'))).execute();

  await db.schema
    .createTable('absences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('official_id', 'text', (c) => c.notNull().references('officials.id').onDelete('cascade'))
    .addColumn('from_at', 'bigint', (c) => c.notNull())
    .addColumn('to_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('absences_to_after_from', sql`to_at > from_at`)
    .execute();
  await db.schema.createIndex('absences_official_idx').on('absences').columns(['official_id', 'from_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('absences').execute();
  await db.schema.alterTable('ministries').dropColumn('extra_holidays').execute();
  await db.schema.alterTable('ministries').dropColumn('country_holidays').execute();
  await db.schema.alterTable('ministries').dropColumn('working_hours').execute();
}
