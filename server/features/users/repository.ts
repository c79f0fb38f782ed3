import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { Role, User } from '#shared/schemas/users.ts';
import type { Dialect } from '../../db/client.ts';
import type { Database, UsersTable } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso } from '../../lib/time.ts';

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

export async function insertUser(db: Db, row: UserRow): Promise<UserRow> {
  await db.insertInto('users').values(row).execute();
  return row;
}

export async function updateUserRow(
  db: Db,
  id: string,
  changes: Partial<Pick<UserRow, 'display_name' | 'role' | 'password_hash' | 'disabled' | 'updated_at'>>,
): Promise<UserRow> {
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

/** Ends a user's browser sessions (all, or all but the one they are using). */
export async function deleteSessionsOfUser(db: Db, userId: string, exceptIdHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  await q.execute();
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

