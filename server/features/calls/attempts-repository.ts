import type { Kysely, Transaction } from 'kysely';
import type { Channel } from '#shared/schemas/calls.ts';
import type { Attempt } from '#shared/schemas/rounds.ts';
import type { AttemptsTable, Database } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function toAttempt(row: AttemptsTable): Attempt {
  return {
    id: row.id,
    callId: row.call_id,
    at: toIso(Number(row.at)),
    channel: row.channel as Channel,
    notes: row.notes,
    createdAt: toIso(Number(row.created_at)),
    createdBy: row.created_by,
  };
}

export async function insertAttempt(db: Db, row: AttemptsTable): Promise<void> {
  await db.insertInto('attempts').values(row).execute();
}

/**
 * Counts one more try on the call as its next version; the latest try moves
 * forward only (an attempt may be recorded late, for an earlier time).
 */
export async function countAttempt(db: Db, callId: string, expectedVersion: number, at: number, now: number) {
  return db
    .updateTable('calls')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_attempt_at: eb.case().when(eb.fn.coalesce('last_attempt_at', 'placed_at'), '<', at).then(at).else(eb.fn.coalesce('last_attempt_at', 'placed_at')).end(),
      version: expectedVersion + 1,
      updated_at: now,
    }))
    .where('id', '=', callId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes the call's row lock before it is read, so two attempts recorded at
 * once queue up instead of one failing on a version that moved (PostgreSQL;
 * SQLite's writers queue anyway). A no-op UPDATE does it on both databases.
 */
export async function lockCall(db: Db, callId: string): Promise<void> {
  await db.updateTable('calls').set((eb) => ({ version: eb.ref('version') })).where('id', '=', callId).execute();
}

/** A call's attempts, oldest first, by (at, id) with a keyset cursor. */
export async function listAttemptRows(db: Db, callId: string, query: { limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('attempts').selectAll().where('call_id', '=', callId).orderBy('at', 'asc').orderBy('id', 'asc').limit(query.limit + 1);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]));
  }
  const result = page(await q.execute(), query.limit, (row) => [Number(row.at), row.id]);
  return { items: result.items.map(toAttempt), nextCursor: result.nextCursor };
}
