import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Delivery, DeliveryAttempt, Webhook } from '#shared/schemas/webhooks.ts';
import type { Database } from '../../db/schema.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from '../../db/schema-alerts.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
type AttemptRow = Selectable<WebhookAttemptsTable>;

const num = (value: number | null) => (value === null ? null : Number(value));

async function summaries(db: Db, ids: string[]) {
  if (ids.length === 0) return { pending: new Map<string, number>(), last: new Map<string, AttemptRow>() };
  const pendingRows = await db
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', db.fn.countAll<number>().as('n')])
    .where('webhook_id', 'in', ids)
    .where('state', '=', 'pending')
    .groupBy('webhook_id')
    .execute();
  const lastRows = await db
    .selectFrom('webhook_attempts as a')
    .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
    .selectAll('a')
    .select('d.webhook_id')
    .where('d.webhook_id', 'in', ids)
    .where('a.at', '=', (eb) =>
      eb.selectFrom('webhook_attempts as a2').innerJoin('webhook_deliveries as d2', 'd2.id', 'a2.delivery_id').select((e) => e.fn.max('a2.at').as('m')).whereRef('d2.webhook_id', '=', 'd.webhook_id'),
    )
    .execute();
  return {
    pending: new Map(pendingRows.map((r) => [r.webhook_id, Number(r.n)])),
    last: new Map(lastRows.map((r) => [r.webhook_id, r])),
  };
}

function toWebhook(row: WebhookRow, pending: number, last: AttemptRow | undefined): Webhook {
  return {
    id: row.id,
    url: row.url,
    enabled: Number(row.enabled) === 1,
    disabledReason: row.disabled_reason,
    disabledAt: toIsoOrNull(num(row.disabled_at)),
    failingSince: toIsoOrNull(num(row.failing_since)),
    lastAttempt: last ? { at: toIso(Number(last.at)), statusCode: num(last.status_code), ok: last.error === null } : null,
    pending,
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

/** Rows to API objects, with each webhook's pending count and latest try. */
export async function toWebhooks(db: Db, rows: WebhookRow[]): Promise<Webhook[]> {
  const { pending, last } = await summaries(db, rows.map((r) => r.id));
  return rows.map((row) => toWebhook(row, pending.get(row.id) ?? 0, last.get(row.id)));
}

export async function insertWebhook(db: Db, row: WebhookRow): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export function findWebhook(db: Db, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateWebhook(db: Db, id: string, set: Updateable<WebhooksTable>): Promise<void> {
  await db.updateTable('webhooks').set(set).where('id', '=', id).execute();
}

export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Oldest first, so the list keeps its order as webhooks are added; the cursor is (createdAt, id). */
export async function listWebhooks(db: Db, query: { limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('webhooks').selectAll().orderBy('created_at', 'asc').orderBy('id', 'asc').limit(query.limit + 1);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)])]));
  }
  const result = page(await q.execute(), query.limit, (r) => [Number(r.created_at), r.id]);
  return { items: await toWebhooks(db, result.items), nextCursor: result.nextCursor };
}

/** The enabled webhooks, or the one named if it is enabled: where an event goes. */
export function enabledWebhookIds(db: Db, only: string | null): Promise<{ id: string }[]> {
  let q = db.selectFrom('webhooks').select('id').where('enabled', '=', 1);
  if (only !== null) q = q.where('id', '=', only);
  return q.execute();
}

/** Stores a delivery unless this event is already stored for this webhook. */
export async function insertDelivery(db: Db, row: DeliveryRow): Promise<boolean> {
  const result = await db.insertInto('webhook_deliveries').values(row).onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findDelivery(db: Db, webhookId: string, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).where('webhook_id', '=', webhookId).executeTakeFirst();
}

export async function updateDelivery(db: Db, id: string, set: Updateable<WebhookDeliveriesTable>, leaseOwner?: string): Promise<boolean> {
  let q = db.updateTable('webhook_deliveries').set(set).where('id', '=', id);
  if (leaseOwner !== undefined) q = q.where('lease_owner', '=', leaseOwner);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function insertAttempt(db: Db, row: AttemptRow): Promise<void> {
  await db.insertInto('webhook_attempts').values(row).execute();
}

function toAttempt(row: AttemptRow): DeliveryAttempt {
  return {
    attempt: Number(row.attempt),
    at: toIso(Number(row.at)),
    durationMs: Number(row.duration_ms),
    statusCode: num(row.status_code),
    error: row.error,
    nextRetryAt: toIsoOrNull(num(row.next_retry_at)),
  };
}

export async function toDeliveries(db: Db, rows: DeliveryRow[]): Promise<Delivery[]> {
  const attempts =
    rows.length === 0 ? [] : await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('attempt', 'asc').execute();
  return rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    type: row.event_type,
    state: row.state as Delivery['state'],
    nextAttemptAt: toIsoOrNull(num(row.next_attempt_at)),
    retryUntil: toIso(Number(row.retry_until)),
    createdAt: toIso(Number(row.created_at)),
    attempts: attempts.filter((a) => a.delivery_id === row.id).map(toAttempt),
  }));
}

/** Newest first; the cursor is (createdAt, id). */
export async function listDeliveries(db: Db, webhookId: string, query: { limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const result = page(await q.execute(), query.limit, (r) => [Number(r.created_at), r.id]);
  return { items: await toDeliveries(db, result.items), nextCursor: result.nextCursor };
}
