import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.
//
// The security layer (docs/security.md): two-factor authentication, sessions
// with an idle and an absolute end, expiring tokens, the addresses an account
// has logged in from, and the hash-chained audit log.

const GENESIS = '0'.repeat(64);

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = 'bigint' as const;

  for (const [column, type] of [
    ['mfa_secret', 'text'],
    ['mfa_enabled_at', ms],
    ['mfa_pending_secret', 'text'],
    ['mfa_last_step', ms],
    ['first_login_at', ms],
    ['last_login_at', ms],
  ] as const) {
    await db.schema.alterTable('users').addColumn(column, type).execute();
  }
  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('used_at', ms)
    .execute();
  await db.schema.createIndex('mfa_recovery_codes_user_idx').on('mfa_recovery_codes').column('user_id').execute();

  // Sessions gain a public id (for the sessions list), where and when they
  // were used, and when their owner last proved who they are. Sessions from
  // before have none of that: they end, and their owners log in once more.
  await db.schema.dropTable('sessions').execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('last_seen_at', ms, (c) => c.notNull())
    .addColumn('verified_at', ms, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  // Tokens expire; those made before expire 90 days after they were made.
  await db.schema.alterTable('api_tokens').addColumn('expires_at', ms, (c) => c.notNull().defaultTo(0)).execute();
  await sql`update api_tokens set expires_at = created_at + ${90 * 24 * 3600 * 1000}`.execute(db);

  // Addresses an account logged in from lately: attempts from them are not
  // slowed by the account-wide limit, so its owner still gets in during an attack.
  await db.schema
    .createTable('known_addresses')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('last_login_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('known_addresses_pkey', ['user_id', 'ip'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', ms, (c) => c.primaryKey())
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('via', 'text')
    .addColumn('target', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_type_idx').on('audit_log').columns(['type', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor', 'seq']).execute();

  // The head of the chain, updated by every append (which also serialises
  // appends across instances on PostgreSQL: the row is locked until commit),
  // and the hash the oldest kept entry chains to once old ones are pruned.
  await db.schema
    .createTable('audit_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', ms, (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('pruned_through', ms, (c) => c.notNull())
    .addColumn('anchor_hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into audit_state (id, last_seq, last_hash, pruned_through, anchor_hash) values (1, 0, ${GENESIS}, 0, ${GENESIS})`.execute(db);

  // Append-only in the database too: no entry is ever changed, and only the
  // retention pruner removes entries, at or below the mark it sets first.
  if (postgres) {
    await sql`
      create function audit_log_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' or old.seq > (select pruned_through from audit_state where id = 1) then
          raise exception 'the audit log is append-only';
        end if;
        return old;
      end
      $$`.execute(db);
    await sql`create trigger audit_log_guard before update or delete on audit_log for each row execute function audit_log_guard()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
    await sql`
      create trigger audit_log_no_delete before delete on audit_log
      when old.seq > (select pruned_through from audit_state where id = 1)
      begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`drop trigger audit_log_guard on audit_log`.execute(db);
    await sql`drop function audit_log_guard()`.execute(db);
  }
  for (const table of ['audit_state', 'audit_log', 'known_addresses', 'mfa_recovery_codes']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  for (const column of ['mfa_secret', 'mfa_enabled_at', 'mfa_pending_secret', 'mfa_last_step', 'first_login_at', 'last_login_at', 'must_change_password']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
