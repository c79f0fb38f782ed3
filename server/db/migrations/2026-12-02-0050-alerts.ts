import type { Kysely } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Promised callbacks; `episode` grows each time a call is reopened, so a rule may fire again for it.
  await db.schema.alterTable('calls').addColumn('promised_by', 'bigint').execute();
  await db.schema.alterTable('calls').addColumn('acknowledged_at', 'bigint').execute();
  await db.schema.alterTable('calls').addColumn('episode', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // A change only its audience may see on the event stream (a notification); null: everyone.
  await db.schema.alterTable('history').addColumn('audience_id', 'text').execute();

  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('threshold_ms', 'bigint')
    .addColumn('ministry_id', 'text', (c) => c.references('ministries.id').onDelete('cascade'))
    // No foreign key yet: the rounds table arrives with its own migration.
    .addColumn('round_id', 'text')
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('last_fired_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_rules_owner_idx').on('alert_rules').columns(['owner_id', 'created_at']).execute();

  // The key that makes a rule fire at most once per call, kind and episode, across restarts and instances.
  await db.schema
    .createTable('alert_firings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull().references('alert_rules.id').onDelete('cascade'))
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('episode', 'integer', (c) => c.notNull())
    .addColumn('fired_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('alert_firings_once', ['rule_id', 'call_id', 'kind', 'episode'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('firing_id', 'text', (c) => c.references('alert_firings.id').onDelete('set null'))
    .addColumn('rule_id', 'text', (c) => c.references('alert_rules.id').onDelete('set null'))
    .addColumn('call_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('alert_firings').execute();
  await db.schema.dropTable('alert_rules').execute();
  await db.schema.alterTable('history').dropColumn('audience_id').execute();
  await db.schema.alterTable('calls').dropColumn('episode').execute();
  await db.schema.alterTable('calls').dropColumn('acknowledged_at').execute();
  await db.schema.alterTable('calls').dropColumn('promised_by').execute();
}
