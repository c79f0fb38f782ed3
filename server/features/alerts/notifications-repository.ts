import type { Kysely, Transaction } from 'kysely';
import type { Notification } from '#shared/schemas/alerts.ts';
import type { Database } from '../../db/schema.ts';
import type { NotificationsTable } from '../../db/schema-alerts.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';
import { timeOrderedIds } from '../../cli/time-ordered-id.ts';
import { appendHistory } from '../history/repository.ts';

/** Ids that grow in the order notifications are made, so those of one millisecond still list newest first. */
const nextId = timeOrderedIds();

type Db = Kysely<Database> | Transaction<Database>;

function toNotification(row: NotificationsTable): Notification {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    callId: row.call_id,
    ruleId: row.rule_id,
    createdAt: toIso(Number(row.created_at)),
    readAt: toIsoOrNull(row.read_at === null ? null : Number(row.read_at)),
  };
}

/**
 * Stores a notification and its history entry in the caller's transaction;
 * the entry is seen on the event stream (`notification.created`) by its
 * owner only (history.audience_id).
 */
export async function insertNotification(trx: Db, row: Omit<NotificationsTable, 'id' | 'read_at'>, actor: string): Promise<Notification> {
  const stored: NotificationsTable = { ...row, id: nextId(), read_at: null };
  await trx.insertInto('notifications').values(stored).execute();
  const notification = toNotification(stored);
  await appendHistory(trx, {
    at: row.created_at,
    actor,
    action: 'create',
    entityType: 'notification',
    entityId: stored.id,
    before: null,
    after: notification,
    audienceId: row.user_id,
  });
  return notification;
}

/** A user's notifications, newest first; keyset on (created_at, id). */
export async function listNotificationRows(db: Db, userId: string, query: { limit: number; cursor?: string | undefined; unread?: boolean }) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1);
  if (query.unread) q = q.where('read_at', 'is', null);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  const result = page(await q.execute(), query.limit, (row) => [Number(row.created_at), row.id]);
  return { items: result.items.map(toNotification), nextCursor: result.nextCursor };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read (once: a second time keeps the first time); undefined when it is not theirs. */
export async function markRead(db: Db, userId: string, id: string, at: number): Promise<Notification | undefined> {
  await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? toNotification(row) : undefined;
}

export async function markAllRead(db: Db, userId: string, at: number): Promise<number> {
  const result = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
