import { afterAll, describe, expect, it } from 'vitest';
import { notifyAdminsOfDisabledWebhook } from '#server/features/alerts/admin-notices.ts';
import { enqueueWebhookDelivery } from '#server/features/webhooks/enqueue.ts';
import { WebhookWorker } from '#server/features/webhooks/worker.ts';
import { WebhookCreated } from '#shared/schemas/webhooks.ts';
import { bodyAs, createTestApp } from '../support/app.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { depsOf, notificationsOf } from './alerts-support.ts';

const HOUR = 3600_000;

describe('a webhook disabled after 24 hours of failure', async () => {
  const t = await createTestApp({ config: { WEBHOOK_ALLOW_HOSTS: ['127.0.0.1'] } });
  const [admin, otherAdmin, analyst] = [await t.createUser('admin'), await t.createUser('admin'), await t.createUser('analyst')];
  const receiver = await startReceiver({ secret: () => undefined, now: () => t.clock.now() });
  afterAll(() => receiver.close());

  it('tells every admin in the app, each on their own event stream, and no one else', async () => {
    const hook = await bodyAs(await admin.request('/api/webhooks', { method: 'POST', json: { url: receiver.url } }), WebhookCreated);
    receiver.answerWith(() => ({ status: 503 }));
    await t.db.transaction().execute((trx) => enqueueWebhookDelivery(trx, { id: 'e1', type: 'alert.replied', at: t.clock.now(), rule: null, call: null, webhookId: hook.id }));
    // Failing for 24 hours already: the next failed try disables it.
    await t.db.updateTable('webhooks').set({ failing_since: t.clock.now() - 24 * HOUR }).where('id', '=', hook.id).execute();
    const worker = new WebhookWorker(depsOf(t), { onDisabled: notifyAdminsOfDisabledWebhook });
    expect(await worker.tick()).toBe(1);
    await worker.stop();

    for (const user of [admin, otherAdmin]) {
      const list = await notificationsOf(user);
      expect(list.unread).toBe(1);
      expect(list.items[0]).toMatchObject({ type: 'webhook.disabled', callId: null, ruleId: null });
      expect(list.items[0]!.title).toContain(`Webhook ${receiver.url} was disabled`);
      const events = await t.db.selectFrom('history').select(['entity_id', 'audience_id']).where('entity_type', '=', 'notification').where('audience_id', '=', user.id).execute();
      expect(events.map((e) => e.entity_id)).toEqual([list.items[0]!.id]);
    }
    expect((await notificationsOf(analyst)).unread).toBe(0);
  });
});
