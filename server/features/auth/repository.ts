import type { Kysely, Transaction } from 'kysely';
import type { Role } from '#shared/schemas/users.ts';
import type { Database } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who a credential belongs to, and what that account may do at all. */
export interface CredentialOwner {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  mfaEnabled: boolean;
  mustChangePassword: boolean;
  firstLoginAt: number | null;
}

const OWNER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.disabled',
  'users.mfa_secret',
  'users.must_change_password',
  'users.first_login_at',
] as const;

interface OwnerRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  disabled: number;
  mfa_secret: string | null;
  must_change_password: number;
  first_login_at: number | null;
}

function toOwner(row: OwnerRow): CredentialOwner {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    disabled: Number(row.disabled) === 1,
    mfaEnabled: row.mfa_secret !== null,
    mustChangePassword: Number(row.must_change_password) === 1,
    firstLoginAt: row.first_login_at === null ? null : Number(row.first_login_at),
  };
}

// ---- API tokens: only the SHA-256 of the secret is stored ----

export interface TokenCredential {
  owner: CredentialOwner;
  tokenId: string;
  lastUsedAt: number | null;
  expiresAt: number;
}

export async function findTokenOwner(db: Db, tokenHash: string): Promise<TokenCredential | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...OWNER_COLUMNS, 'api_tokens.id as token_id', 'api_tokens.last_used_at', 'api_tokens.expires_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && { owner: toOwner(row), tokenId: row.token_id, lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at), expiresAt: Number(row.expires_at) };
}

export async function touchToken(db: Db, tokenId: string, at: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

/** Whether a token still works: not revoked, not expired, its owner not disabled. */
export async function tokenActive(db: Db, tokenId: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.expires_at', 'users.disabled'])
    .where('api_tokens.id', '=', tokenId)
    .executeTakeFirst();
  return row !== undefined && Number(row.expires_at) > now && Number(row.disabled) === 0;
}

// ---- sessions: only the SHA-256 of the cookie's value is stored ----

export interface NewSession {
  idHash: string;
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Db, s: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      id: s.id,
      user_id: s.userId,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_seen_at: s.createdAt,
      verified_at: s.createdAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export interface SessionCredential {
  owner: CredentialOwner;
  id: string;
  expiresAt: number;
  lastSeenAt: number;
  verifiedAt: number;
}

export async function findSessionOwner(db: Db, idHash: string): Promise<SessionCredential | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...OWNER_COLUMNS, 'sessions.id as session_id', 'sessions.expires_at', 'sessions.last_seen_at', 'sessions.verified_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  return (
    row && {
      owner: toOwner(row),
      id: row.session_id,
      expiresAt: Number(row.expires_at),
      lastSeenAt: Number(row.last_seen_at),
      verifiedAt: Number(row.verified_at),
    }
  );
}

/** A session is live until its absolute end, and while it has been used within the idle timeout. */
export function sessionLive(s: { expiresAt: number; lastSeenAt: number }, now: number, idleMs: number): boolean {
  return s.expiresAt > now && now - s.lastSeenAt <= idleMs;
}

export async function sessionActive(db: Db, id: string, now: number, idleMs: number): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.expires_at', 'sessions.last_seen_at', 'users.disabled'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  return row !== undefined && Number(row.disabled) === 0 && sessionLive({ expiresAt: Number(row.expires_at), lastSeenAt: Number(row.last_seen_at) }, now, idleMs);
}

export async function touchSession(db: Db, idHash: string, at: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function markSessionVerified(db: Db, id: string, at: number): Promise<void> {
  await db.updateTable('sessions').set({ verified_at: at, last_seen_at: at }).where('id', '=', id).execute();
}

/** Ends the session a cookie names; answers whose it was and its public id, if it existed. */
export async function deleteSession(db: Db, idHash: string): Promise<{ id: string; userId: string } | undefined> {
  const row = await db.deleteFrom('sessions').where('id_hash', '=', idHash).returning(['id', 'user_id']).executeTakeFirst();
  return row && { id: row.id, userId: row.user_id };
}

/** Ends one of a user's sessions by its public id; false when they have none such. */
export async function deleteSessionOf(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Sessions past their end are useless; drop a user's when they log in again. */
export async function deleteDeadSessions(db: Db, userId: string, now: number, idleMs: number): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', now - idleMs)]))
    .execute();
}

export interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** A user's live sessions, newest first; the cursor is the last one's (createdAt, id). */
export async function listSessionsOf(db: Db, userId: string, now: number, idleMs: number, query: { limit: number; cursor?: string | undefined }) {
  let q = db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>=', now - idleMs)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const result = page(await q.execute(), query.limit, (r) => [Number(r.created_at), r.id]);
  const items: SessionRow[] = result.items.map((r) => ({
    id: r.id,
    createdAt: toIso(Number(r.created_at)),
    lastSeenAt: toIso(Number(r.last_seen_at)),
    expiresAt: toIso(Number(r.expires_at)),
    ip: r.ip,
    userAgent: r.user_agent,
  }));
  return { items, nextCursor: result.nextCursor };
}
