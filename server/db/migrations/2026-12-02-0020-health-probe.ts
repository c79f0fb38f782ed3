import type { Kysely } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.
//
// One row the health check rewrites after a write failed for want of disk
// space: a write is the only way to learn that the disk has room again.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('health_probe')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('checked_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('health_probe').execute();
}
