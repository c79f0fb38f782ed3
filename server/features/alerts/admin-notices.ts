import type { WebhookDisabledHook } from '../webhooks/worker.ts';
import { insertNotification } from './notifications-repository.ts';

/**
 * When Readout disables a webhook after 24 hours of failure: a notification
 * for every active admin (each sent to them alone on the event stream), in
 * the transaction that disables it.
 */
export const notifyAdminsOfDisabledWebhook: WebhookDisabledHook = async (trx, disabled) => {
  const admins = await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled', '=', 0).execute();
  for (const admin of admins) {
    await insertNotification(
      trx,
      {
        user_id: admin.id,
        firing_id: null,
        rule_id: null,
        call_id: null,
        type: 'webhook.disabled',
        title: `Webhook ${disabled.url} was disabled: every delivery failed for 24 hours. Fix the receiver, then enable it on the Webhooks page.`,
        created_at: disabled.at,
      },
      'readout',
    );
  }
};
