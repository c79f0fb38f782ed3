import type { Kysely, Transaction } from 'kysely';
import type { HistoryAction, EntityType, HistoryEntry } from '#shared/schemas/history.ts';
import type { Database } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewHistoryEntry {
  at: number;
  actor: string;
  action: HistoryAction;
  entityType: EntityType;
  entityId: string;
  before: object | null;
  after: object | null;
  /** The only user who sees this change on the event stream (a notification); everyone when left out. */
  audienceId?: string;
}

/**
 * Appends to the audit history. Call it inside the same transaction as the
 * change it records, so the two commit or fail together. Returns the entry's
 * sequence number, which also numbers the live event stream.
 */
export async function appendHistory(trx: Db, entry: NewHistoryEntry): Promise<number> {
  const row = await trx.insertInto('history').values(toHistoryRow(entry)).returning('seq').executeTakeFirstOrThrow();
  return row.seq;
}

/** Many entries at once (an import), in multi-row inserts; same transaction rule as appendHistory. */
export async function appendHistoryEntries(trx: Db, entries: readonly NewHistoryEntry[], batchSize = 200): Promise<void> {
  for (let i = 0; i < entries.length; i += batchSize) {
    await trx.insertInto('history').values(entries.slice(i, i + batchSize).map(toHistoryRow)).execute();
  }
}

function toHistoryRow(entry: NewHistoryEntry) {
  return {
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
    ...(entry.audienceId ? { audience_id: entry.audienceId } : {}),
  };
}

type HistoryRow = Database['history'] & { seq: number; actor_name: string | null };

function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    seq: row.seq,
    at: toIso(row.at),
    actor: row.actor,
    actorName: row.actor_name ?? row.actor,
    action: row.action as HistoryAction,
    entityType: row.entity_type as EntityType,
    entityId: row.entity_id,
    before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
    after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
  };
}

/** One object's history, oldest first. */
export async function listHistory(db: Db, entityType: EntityType, entityId: string, query: { limit: number; cursor?: string | undefined }) {
  // The display name as it is now: the user's own choice of how to be named.
  let q = db
    .selectFrom('history')
    .leftJoin('users', 'users.username', 'history.actor')
    .selectAll('history')
    .select('users.display_name as actor_name')
    .where('history.entity_type', '=', entityType)
    .where('history.entity_id', '=', entityId)
    .orderBy('history.seq', 'asc')
    .limit(query.limit + 1);
  if (query.cursor) {
    const [afterSeq] = decodeCursor(query.cursor, ['number'] as const);
    q = q.where('history.seq', '>', afterSeq);
  }
  const rows = (await q.execute()) as HistoryRow[];
  const result = page(rows, query.limit, (r) => [r.seq]);
  return { items: result.items.map(toHistoryEntry), nextCursor: result.nextCursor };
}
