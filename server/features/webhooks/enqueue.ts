import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { enabledWebhookIds, insertDelivery } from './repository.ts';

/** How long a delivery is retried after it is stored (or resent). */
export const RETRY_WINDOW_MS = 24 * 3600_000;

/**
 * What happened, as the alerts hand it over: `id` names the event (the same
 * in every try), `at` is when it fired (epoch ms, the firing clock's now),
 * `rule` and `call` are their API shapes, sent as they are now.
 */
export interface WebhookEvent {
  id: string;
  type: string;
  at: number;
  rule: unknown;
  call: unknown;
  /** The rule's webhook, or null for every enabled webhook. */
  webhookId: string | null;
}

/** The JSON body every try of the delivery sends, byte for byte. */
export function deliveryBody(event: Pick<WebhookEvent, 'id' | 'type' | 'at' | 'rule' | 'call'>): string {
  return JSON.stringify({ id: event.id, type: event.type, at: toIso(event.at), rule: event.rule ?? null, call: event.call ?? null });
}

/**
 * Stores one delivery per webhook the event goes to, in the caller's
 * transaction: committed with the change that caused it, or not at all. The
 * worker sends it later, so a crash between the two loses nothing. An event
 * handed over twice is stored once. A disabled webhook gets nothing.
 */
export async function enqueueWebhookDelivery(trx: Transaction<Database>, event: WebhookEvent): Promise<string[]> {
  const targets = await enabledWebhookIds(trx, event.webhookId);
  const body = deliveryBody(event);
  const ids: string[] = [];
  for (const { id: webhookId } of targets) {
    const id = randomUUID();
    const stored = await insertDelivery(trx, {
      id,
      webhook_id: webhookId,
      event_id: event.id,
      event_type: event.type,
      body,
      state: 'pending',
      attempts: 0,
      next_attempt_at: event.at,
      retry_until: event.at + RETRY_WINDOW_MS,
      lease_owner: null,
      lease_until: null,
      created_at: event.at,
      updated_at: event.at,
    });
    if (stored) ids.push(id);
  }
  return ids;
}
