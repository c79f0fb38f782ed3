import { type Kysely, type Transaction, sql } from 'kysely';
import type { Role } from '#shared/schemas/users.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who a credential belongs to, and whether that account may act at all. */
export interface CredentialOwner {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
}

function toOwner(row: { id: string; username: string; display_name: string; role: string; disabled: number }): CredentialOwner {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, disabled: Number(row.disabled) === 1 };
}

// ---- API tokens: only the SHA-256 of the secret is stored ----

export async function findTokenOwner(db: Db, tokenHash: string): Promise<{ owner: CredentialOwner; tokenId: string; lastUsedAt: number | null } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'users.id', 'users.username', 'users.display_name', 'users.role', 'users.disabled'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && { owner: toOwner(row), tokenId: row.token_id, lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at) };
}

export async function touchToken(db: Db, tokenId: string, at: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

// ---- sessions: only the SHA-256 of the cookie's value is stored ----

export async function insertSession(db: Db, session: { idHash: string; userId: string; createdAt: number; expiresAt: number }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: session.idHash, user_id: session.userId, created_at: session.createdAt, expires_at: session.expiresAt })
    .execute();
}

export async function findSessionOwner(db: Db, idHash: string): Promise<{ owner: CredentialOwner; expiresAt: number } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.disabled', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  return row && { owner: toOwner(row), expiresAt: Number(row.expires_at) };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Expired sessions are useless; drop a user's old ones when they log in again. */
export async function deleteExpiredSessions(db: Db, userId: string, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
}

export async function extendSession(db: Db, idHash: string, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

// ---- login failures: one row per subject (e.g. "user:alice") ----

export interface AttemptCount {
  /** Attempts in the current window, this one included. */
  failures: number;
  windowStartedAt: number;
  blockedUntil: number;
}

/**
 * Counts a login attempt before its password is checked, in one atomic
 * upsert, so a burst of parallel guesses (or several app instances sharing
 * PostgreSQL) cannot all slip past the limit while argon2 runs. A window that
 * has ended (and holds no block) starts afresh.
 */
export async function countAttempt(db: Db, subject: string, now: number, windowMs: number): Promise<AttemptCount> {
  const expired = sql<boolean>`(login_failures.window_started_at <= ${now - windowMs} and login_failures.blocked_until <= ${now})`;
  const row = await db
    .insertInto('login_failures')
    .values({ subject, failures: 1, window_started_at: now, blocked_until: 0 })
    .onConflict((oc) =>
      oc.column('subject').doUpdateSet({
        failures: sql<number>`case when ${expired} then 1 else login_failures.failures + 1 end`,
        window_started_at: sql<number>`case when ${expired} then ${now} else login_failures.window_started_at end`,
      }),
    )
    .returning(['failures', 'window_started_at', 'blocked_until'])
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), windowStartedAt: Number(row.window_started_at), blockedUntil: Number(row.blocked_until) };
}

export async function blockSubject(db: Db, subject: string, until: number): Promise<void> {
  await db.updateTable('login_failures').set({ blocked_until: until }).where('subject', '=', subject).execute();
}

/** A successful login wipes the slate for its subject. */
export async function clearAttempts(db: Db, subject: string): Promise<void> {
  await db.deleteFrom('login_failures').where('subject', '=', subject).execute();
}

/** Keeps the table small: guesses at made-up usernames would otherwise pile up. */
export async function pruneAttempts(db: Db, now: number, windowMs: number): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('window_started_at', '<=', now - windowMs)
    .where('blocked_until', '<=', now)
    .execute();
}
