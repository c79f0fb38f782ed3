import type { Transaction } from 'kysely';
import type { AlertChannel } from '#shared/schemas/alerts.ts';
import type { Database } from '../../db/schema.ts';
import { enqueueWebhookDelivery } from '../webhooks/enqueue.ts';
import { describeFiring } from './describe.ts';
import type { AlertFiring } from './firing.ts';
import { insertNotification } from './notifications-repository.ts';

/**
 * Delivers a firing on one channel, inside the transaction that stores the
 * firing: what it writes (a notification, a queued delivery) commits with
 * the firing or not at all.
 */
export type ChannelSender = (trx: Transaction<Database>, firing: AlertFiring) => Promise<void>;

/** The app channel: a notification for the rule's owner, sent to them alone on the event stream. */
const notifyInApp: ChannelSender = async (trx, firing) => {
  await insertNotification(
    trx,
    { user_id: firing.ownerId, firing_id: firing.id, rule_id: firing.rule.id, call_id: firing.call.id, type: firing.type, title: describeFiring(firing), created_at: firing.at },
    'readout',
  );
};

/**
 * Channel → sender. `email` and `webhook` are registered here by their own
 * features; a firing on a channel that has no sender here is skipped for
 * that channel (the firing itself is still stored, and its other channels
 * delivered).
 */
export const SENDERS: Partial<Record<AlertChannel, ChannelSender>> = {
  app: notifyInApp,
  // Stored as a delivery in this transaction; the webhook worker signs and sends it.
  webhook: async (trx, { id, type, at, rule, call }) => {
    await enqueueWebhookDelivery(trx, { id, type, at, rule, call, webhookId: rule.webhookId });
  },
};

export async function dispatch(trx: Transaction<Database>, firing: AlertFiring): Promise<void> {
  for (const channel of firing.rule.channels) {
    const send = SENDERS[channel];
    if (send) await send(trx, firing);
  }
}
