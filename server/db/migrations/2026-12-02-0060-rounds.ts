import type { Kysely } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('trigger_at', 'bigint')
    .addColumn('initiator_id', 'text', (c) => c.references('officials.id'))
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  // The list's order, newest round first; the import matches rounds by title.
  await db.schema.createIndex('rounds_order_idx').on('rounds').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('rounds_title_idx').on('rounds').column('title').execute();

  // A round's calls. Deleting a round clears this first (with a history entry per call), so the key only guards against a slip.
  await db.schema.alterTable('calls').addColumn('round_id', 'text', (c) => c.references('rounds.id')).execute();
  // Tries to reach the callee, counting the first; the latest try when there were more (null: placed_at).
  await db.schema.alterTable('calls').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('calls').addColumn('last_attempt_at', 'bigint').execute();
  await db.schema.createIndex('calls_round_idx').on('calls').columns(['round_id', 'status']).execute();

  // The tries after the first, each with its time and channel; the call's counter above is their number + 1.
  await db.schema
    .createTable('attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempts_call_idx').on('attempts').columns(['call_id', 'at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attempts').execute();
  await db.schema.dropIndex('calls_round_idx').execute();
  await db.schema.alterTable('calls').dropColumn('last_attempt_at').execute();
  await db.schema.alterTable('calls').dropColumn('attempts').execute();
  await db.schema.alterTable('calls').dropColumn('round_id').execute();
  await db.schema.dropTable('rounds').execute();
}
