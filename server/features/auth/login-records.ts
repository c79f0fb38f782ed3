import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

// What the login throttle keeps: where each account logged in from, and the failures per subject.

type Db = Kysely<Database> | Transaction<Database>;

// ---- addresses an account logged in from ----

export async function rememberAddress(db: Db, userId: string, ip: string, at: number): Promise<void> {
  await db
    .insertInto('known_addresses')
    .values({ user_id: userId, ip, last_login_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_login_at: at }))
    .execute();
}

export async function isKnownAddress(db: Db, username: string, ip: string, since: number): Promise<boolean> {
  const row = await db
    .selectFrom('known_addresses')
    .innerJoin('users', 'users.id', 'known_addresses.user_id')
    .select('known_addresses.last_login_at')
    .where('users.username', '=', username)
    .where('known_addresses.ip', '=', ip)
    .where('known_addresses.last_login_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- login failures: one row per subject (e.g. "pair:alice|10.0.0.1") ----

export interface AttemptCount {
  /** Attempts in the current window, this one included. */
  failures: number;
  windowStartedAt: number;
  blockedUntil: number;
}

/**
 * Counts an attempt before its password is checked, in one atomic upsert, so
 * a burst of parallel guesses (or several app instances sharing PostgreSQL)
 * cannot all slip past the limit while argon2 runs. A window that has ended
 * (and holds no block) starts afresh.
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

/** Takes back the count of an attempt that turned out not to be a failure. */
export async function uncountAttempt(db: Db, subject: string): Promise<void> {
  await db
    .updateTable('login_failures')
    .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
    .where('subject', '=', subject)
    .execute();
}

/** Keeps the table small: guesses at made-up usernames would otherwise pile up. */
export async function pruneAttempts(db: Db, now: number, windowMs: number): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('window_started_at', '<=', now - windowMs)
    .where('blocked_until', '<=', now)
    .execute();
}
