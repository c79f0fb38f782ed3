import type { Transaction } from 'kysely';
import type { AlertChannel } from '#shared/schemas/alerts.ts';
import { publicBaseUrl } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../lib/context.ts';
import { renderAlertEmail } from '../mail/alert-email.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { enqueueWebhookDelivery } from '../webhooks/enqueue.ts';
import { describeFiring } from './describe.ts';
import type { AlertFiring } from './firing.ts';
import { insertNotification } from './notifications-repository.ts';

/**
 * Delivers a firing on one channel, inside the transaction that stores the
 * firing: what it writes (a notification, a queued delivery or email)
 * commits with the firing or not at all.
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
 * The email channel: an email to the rule's owner, stored in the outbox for
 * the mail worker. Nothing when email is off (no SMTP_URL) or the owner has
 * no address (rules refuse that; the address may have been removed since).
 */
function emailOwner(deps: Deps): ChannelSender {
  return async (trx, firing) => {
    if (!deps.config.SMTP_URL) return;
    const owner = await trx.selectFrom('users').select(['email', 'disabled']).where('id', '=', firing.ownerId).executeTakeFirst();
    if (!owner?.email || Number(owner.disabled) === 1) return;
    const email = renderAlertEmail(firing, publicBaseUrl(deps.config));
    await enqueueEmail(trx, { dedupeKey: `alert:${firing.id}`, kind: 'alert', userId: firing.ownerId, to: owner.email, ...email }, firing.at);
  };
}

/**
 * Channel → sender, for these dependencies. A firing on a channel that has
 * no sender here is skipped for that channel (the firing itself is still
 * stored, and its other channels delivered).
 */
export function sendersFor(deps: Deps): Partial<Record<AlertChannel, ChannelSender>> {
  return {
    app: notifyInApp,
    email: emailOwner(deps),
    // Stored as a delivery in this transaction; the webhook worker signs and sends it.
    webhook: async (trx, { id, type, at, rule, call }) => {
      await enqueueWebhookDelivery(trx, { id, type, at, rule, call, webhookId: rule.webhookId });
    },
  };
}

export async function dispatch(deps: Deps, trx: Transaction<Database>, firing: AlertFiring): Promise<void> {
  const senders = sendersFor(deps);
  for (const channel of firing.rule.channels) {
    const send = senders[channel];
    if (send) await send(trx, firing);
  }
}
