import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { Role, User } from '#shared/schemas/users.ts';
import type { Dialect } from '../../db/client.ts';
import type { Database } from '../../db/schema.ts';
import type { UsersTable } from '../../db/schema-auth.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type UserRow = Selectable<UsersTable>;

/** The one place a stored user becomes an API user; the password hash never leaves. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    disabled: Number(row.disabled) === 1,
    email: row.email ?? null,
    timeZone: row.time_zone ?? null,
    briefingAt: row.briefing_at ?? null,
    mfaEnabled: row.mfa_secret !== null,
    mustChangePassword: Number(row.must_change_password) === 1,
    lastLoginAt: toIsoOrNull(row.last_login_at === null ? null : Number(row.last_login_at)),
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active admins: the people who can still manage users. */
export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type NewUserRow = Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'password_hash' | 'disabled' | 'created_at' | 'updated_at' | 'must_change_password'> &
  Partial<Pick<UserRow, 'email'>>;

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  await db.insertInto('users').values(row).execute();
  const stored = await findUserById(db, row.id);
  if (!stored) throw new Error(`user ${row.id} vanished inside its own transaction`);
  return stored;
}

export type UserChanges = Partial<
  Pick<
    UserRow,
    'display_name' | 'email' | 'time_zone' | 'briefing_at' | 'role' | 'password_hash' | 'disabled' | 'updated_at' | 'must_change_password' | 'first_login_at' | 'last_login_at' | 'mfa_secret' | 'mfa_enabled_at' | 'mfa_pending_secret' | 'mfa_last_step'
  >
>;

export async function updateUserRow(db: Db, id: string, changes: UserChanges): Promise<UserRow> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
  const row = await findUserById(db, id);
  if (!row) throw new Error(`user ${id} vanished inside its own transaction`);
  return row;
}

export async function listUsers(db: Db, query: { limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('users').selectAll().orderBy('username', 'asc').limit(query.limit + 1);
  if (query.cursor) {
    const [afterUsername] = decodeCursor(query.cursor, ['string'] as const);
    q = q.where('username', '>', afterUsername);
  }
  const result = page(await q.execute(), query.limit, (r) => [r.username]);
  return { items: result.items.map(toUser), nextCursor: result.nextCursor };
}

/** Ends a user's browser sessions (all, or all but the one they are using); answers how many ended. */
export async function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/** Revokes every API token of a user; answers how many there were. */
export async function deleteTokensOfUser(db: Db, userId: string): Promise<number> {
  return Number((await db.deleteFrom('api_tokens').where('user_id', '=', userId).executeTakeFirst()).numDeletedRows);
}

/**
 * Serialises changes that depend on "how many (admin) users exist" — the
 * first-run setup and the last-admin guard — so two concurrent requests cannot
 * both pass the check. PostgreSQL runs transactions side by side and needs the
 * lock (this mode blocks other writers of `users` and itself, not readers);
 * SQLite runs one write transaction at a time anyway.
 */
export async function lockUsers(trx: Transaction<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`lock table users in share row exclusive mode`.execute(trx);
}

