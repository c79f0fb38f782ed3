import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ApiToken } from '#shared/schemas/users.ts';
import type { Database } from '../../db/schema.ts';
import type { ApiTokensTable } from '../../db/schema-auth.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;
type TokenRow = Selectable<ApiTokensTable>;

/** The stored hash never leaves; the secret itself is not stored at all. */
function toApiToken(row: Pick<TokenRow, 'id' | 'name' | 'created_at' | 'last_used_at' | 'expires_at'>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: toIso(Number(row.created_at)),
    lastUsedAt: toIsoOrNull(row.last_used_at === null ? null : Number(row.last_used_at)),
    expiresAt: toIso(Number(row.expires_at)),
  };
}

export async function insertToken(db: Db, row: TokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** Newest first; the cursor is the last item's (createdAt, id). */
export async function listTokensOf(db: Db, userId: string, query: { limit: number; cursor?: string | undefined }) {
  let q = db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const result = page(await q.execute(), query.limit, (r) => [Number(r.created_at), r.id]);
  return { items: result.items.map(toApiToken), nextCursor: result.nextCursor };
}

/** Deletes a token only if it belongs to this user; answers what it was, or undefined when there was none. */
export async function deleteTokenOf(db: Db, userId: string, id: string): Promise<{ name: string; ownerUsername: string } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.name', 'users.username'])
    .where('api_tokens.id', '=', id)
    .where('api_tokens.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.deleteFrom('api_tokens').where('id', '=', id).where('user_id', '=', userId).execute();
  return { name: row.name, ownerUsername: row.username };
}
