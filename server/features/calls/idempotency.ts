import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { badRequest, invalid } from '../../lib/errors.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** The header's value, or undefined when the request has none; 400 when it is empty or too long. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (header.length < 1 || header.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badRequest(`The ${IDEMPOTENCY_HEADER} header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, [
      { path: IDEMPOTENCY_HEADER, message: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` },
    ]);
  }
  return header;
}

/** JSON with object keys sorted at every level, so equal bodies hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * The first answer to this user's key, if there was one. The same key with a
 * different request is a client error: the key names one request only.
 */
export async function replayOf(db: Db, userId: string, key: string, hash: string): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'body'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash) {
    throw invalid(
      [{ path: IDEMPOTENCY_HEADER, message: 'was already used with a different body' }],
      `The ${IDEMPOTENCY_HEADER} was already used for a different request; use a new key`,
    );
  }
  return { status: row.status, body: JSON.parse(row.body) as unknown };
}

/**
 * Records the answer under (user, key), in the transaction of the write it
 * answers. False when the key is taken: a concurrent twin holds it (on
 * PostgreSQL this waits for the twin's transaction to end), so only one of
 * the two writes, and the other answers as the first did.
 */
export async function rememberResponse(
  trx: Db,
  entry: { userId: string; key: string; hash: string; response: StoredResponse; at: number },
): Promise<boolean> {
  const result = await trx
    .insertInto('idempotency_keys')
    .values({
      user_id: entry.userId,
      key: entry.key,
      request_hash: entry.hash,
      status: entry.response.status,
      body: JSON.stringify(entry.response.body),
      created_at: entry.at,
    })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
