import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '#server/config.ts';
import { enqueueWebhookDelivery } from '#server/features/webhooks/enqueue.ts';
import { DELIVERY_TIMEOUT_MS } from '#server/features/webhooks/send.ts';
import { type WebhookDisabled, WebhookWorker, retryDelayMs } from '#server/features/webhooks/worker.ts';
import type { Deps } from '#server/lib/context.ts';
import { Delivery, DeliveryList, Webhook, WebhookCreated } from '#shared/schemas/webhooks.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

// Deliveries as the worker sends them, driven by the test's clock: signed
// exactly as the README says (checked with the README's own code), retried
// with backoff for 24 hours, each try in the log, the webhook disabled after
// 24 hours of failure; one delivery per event even with two workers.

const HOUR = 3600_000;
const ALLOW = { WEBHOOK_ALLOW_HOSTS: ['127.0.0.1'] };

describe('webhook deliveries', async () => {
  const t = await createTestApp({ config: ALLOW });
  const admin = await t.createUser('admin');
  const deps: Deps = { db: t.db, dialect: t.dialect, clock: t.clock, config: defaultConfig(ALLOW) };
  let secret: string | undefined;
  const receiver = await startReceiver({ secret: () => secret, now: () => t.clock.now() });
  afterAll(() => receiver.close());

  async function addWebhook(url = receiver.url): Promise<WebhookCreated> {
    const created = await bodyAs(await admin.request('/api/webhooks', { method: 'POST', json: { url } }), WebhookCreated);
    secret = created.secret;
    return created;
  }
  const fire = (event: { id: string; webhookId: string | null }) =>
    t.db.transaction().execute((trx) => enqueueWebhookDelivery(trx, { type: 'alert.wait_exceeds', at: t.clock.now(), rule: { id: 'rule-1', name: 'Over 72 h' }, call: { id: 'call-1', topic: 'Nuclear test' }, ...event }));
  const deliveriesOf = async (id: string) => (await bodyAs(await admin.request(`/api/webhooks/${id}/deliveries`), DeliveryList)).items;
  const disableAll = () => t.db.updateTable('webhooks').set({ enabled: 0 }).execute();

  it('stores the delivery in the caller’s transaction, then sends it signed', async () => {
    await disableAll();
    const hook = await addWebhook();
    receiver.received.length = 0;
    // Rolled back with the change that fired it: nothing is stored, nothing is sent.
    await expect(t.db.transaction().execute(async (trx) => {
      await enqueueWebhookDelivery(trx, { id: 'rolled-back', type: 'alert.replied', at: t.clock.now(), rule: null, call: null, webhookId: null });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await deliveriesOf(hook.id)).toEqual([]);

    expect(await fire({ id: 'event-1', webhookId: null })).toHaveLength(1);
    expect(await fire({ id: 'event-1', webhookId: null }), 'the same event handed over again').toHaveLength(0);
    const [stored] = await deliveriesOf(hook.id);
    expect(stored).toMatchObject({ eventId: 'event-1', type: 'alert.wait_exceeds', state: 'pending', attempts: [], nextAttemptAt: '2013-02-18T12:00:00.000Z', retryUntil: '2013-02-19T12:00:00.000Z' });

    const worker = new WebhookWorker(deps);
    expect(await worker.tick()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.verified).toBe(true);
    expect(got.headers['content-type']).toBe('application/json');
    const t0 = Math.floor(t.clock.now() / 1000);
    expect(got.headers['readout-signature']).toMatch(new RegExp(`^t=${t0},v1=[0-9a-f]{64}$`));
    expect(JSON.parse(got.body)).toEqual({ id: 'event-1', type: 'alert.wait_exceeds', at: '2013-02-18T12:00:00.000Z', rule: { id: 'rule-1', name: 'Over 72 h' }, call: { id: 'call-1', topic: 'Nuclear test' } });

    const [sent] = await deliveriesOf(hook.id);
    expect(sent).toMatchObject({ state: 'delivered', nextAttemptAt: null });
    expect(sent!.attempts).toEqual([{ attempt: 1, at: '2013-02-18T12:00:00.000Z', durationMs: expect.any(Number), statusCode: 204, error: null, nextRetryAt: null }]);
    expect(await bodyAs(await admin.request(`/api/webhooks/${hook.id}`), Webhook)).toMatchObject({ pending: 0, lastAttempt: { statusCode: 204, ok: true } });
    expect(await worker.tick(), 'nothing is sent twice').toBe(0);
  });

  it('the README check refuses a wrong secret, a changed body and an old timestamp', async () => {
    const { readmeVerifier } = await import('../support/webhook-receiver.ts');
    const verify = await readmeVerifier();
    const { signatureHeader } = await import('#server/features/webhooks/signature.ts');
    const now = Date.parse('2013-02-18T12:00:00Z');
    const header = signatureHeader('s3cret-s3cret-s3cret', '{"a":1}', now);
    expect(verify(header, '{"a":1}', 's3cret-s3cret-s3cret', now)).toBe(true);
    expect(verify(header, '{"a":1}', 'another-secret-value', now)).toBe(false);
    expect(verify(header, '{"a":2}', 's3cret-s3cret-s3cret', now)).toBe(false);
    expect(verify(header, '{"a":1}', 's3cret-s3cret-s3cret', now + 301_000)).toBe(false);
    expect(verify('t=abc,v1=00', '{"a":1}', 's3cret-s3cret-s3cret', now)).toBe(false);
  });

  it('goes to every enabled webhook, or only the rule’s, never to a disabled one', async () => {
    await disableAll();
    const a = await addWebhook();
    const b = await addWebhook();
    const off = await addWebhook();
    await admin.request(`/api/webhooks/${off.id}`, { method: 'PATCH', json: { enabled: false } });
    expect(await fire({ id: 'to-all', webhookId: null })).toHaveLength(2);
    expect(await fire({ id: 'to-b', webhookId: b.id })).toHaveLength(1);
    expect(await fire({ id: 'to-off', webhookId: off.id })).toHaveLength(0);
    expect((await deliveriesOf(a.id)).map((d) => d.eventId)).toEqual(['to-all']);
    expect((await deliveriesOf(b.id)).map((d) => d.eventId).sort()).toEqual(['to-all', 'to-b']);
    expect(await deliveriesOf(off.id)).toEqual([]);
    await new WebhookWorker(deps).tick();
  });

  it('retries a failed try later, with growing waits, and keeps each try in the log', async () => {
    await disableAll();
    const hook = await addWebhook();
    receiver.answerWith((n) => ({ status: n % 3 === 0 ? 200 : 500 }));
    receiver.received.length = 0;
    await fire({ id: 'retried', webhookId: hook.id });
    const worker = new WebhookWorker(deps, { random: () => 1 });
    expect(await worker.tick()).toBe(1);
    let [d] = await deliveriesOf(hook.id);
    expect(d!.state).toBe('pending');
    expect(d!.attempts[0]).toMatchObject({ statusCode: 500, error: 'answered 500: not a 2xx status', nextRetryAt: '2013-02-18T12:00:30.000Z' });
    expect(await worker.tick(), 'not due yet').toBe(0);
    t.clock.set(d!.nextAttemptAt!);
    await worker.tick();
    [d] = await deliveriesOf(hook.id);
    expect(d!.attempts[1]).toMatchObject({ statusCode: 500, nextRetryAt: '2013-02-18T12:01:30.000Z' });
    t.clock.set(d!.nextAttemptAt!);
    await worker.tick();
    [d] = await deliveriesOf(hook.id);
    expect(d!.state).toBe('delivered');
    expect(d!.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).id))).toEqual(new Set(['retried']));
    receiver.answerWith(() => ({ status: 204 }));
  });

  it('waits 30 s, 1 min, 2 min … up to an hour, with jitter in the upper half', () => {
    expect([1, 2, 3, 4, 8, 9, 30].map((n) => retryDelayMs(n, () => 1))).toEqual([30_000, 60_000, 120_000, 240_000, HOUR, HOUR, HOUR]);
    expect([1, 2, 8].map((n) => retryDelayMs(n, () => 0))).toEqual([15_000, 30_000, HOUR / 2]);
    expect(DELIVERY_TIMEOUT_MS).toBe(10_000);
  });

  it('counts a redirect as a failure and does not follow it', async () => {
    await disableAll();
    const elsewhere = await startReceiver();
    try {
      const hook = await addWebhook();
      receiver.answerWith(() => ({ status: 302, headers: { location: elsewhere.url } }));
      await fire({ id: 'redirected', webhookId: hook.id });
      await new WebhookWorker(deps).tick();
      const [d] = await deliveriesOf(hook.id);
      expect(d!.attempts[0]).toMatchObject({ statusCode: 302, error: 'answered 302: a redirect, which is not followed' });
      expect(d!.state).toBe('pending');
      expect(elsewhere.received).toEqual([]);
    } finally {
      receiver.answerWith(() => ({ status: 204 }));
      await elsewhere.close();
    }
  });

  it('gives up on a try the receiver does not answer in time', async () => {
    await disableAll();
    const hook = await addWebhook();
    receiver.answerWith(() => ({ status: 200, delayMs: 1500 }));
    await fire({ id: 'slow', webhookId: hook.id });
    await new WebhookWorker(deps, { timeoutMs: 300 }).tick();
    const [d] = await deliveriesOf(hook.id);
    expect(d!.attempts[0]).toMatchObject({ statusCode: null, error: 'no answer within 0.3 s' });
    expect(d!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(290);
    expect(d!.attempts[0]!.durationMs).toBeLessThan(1400);
    receiver.answerWith(() => ({ status: 204 }));
  });

  it('checks the address again at every try', async () => {
    await disableAll();
    const hook = await addWebhook();
    receiver.received.length = 0;
    await fire({ id: 'no-longer-allowed', webhookId: hook.id });
    // The same database, an instance that does not allow 127.0.0.1.
    await new WebhookWorker({ ...deps, config: defaultConfig() }).tick();
    const [d] = await deliveriesOf(hook.id);
    expect(d!.attempts[0]!.statusCode).toBeNull();
    expect(d!.attempts[0]!.error).toMatch(/^refused: the URL must not point at a loopback, private, link-local or unspecified address: 127\.0\.0\.1/);
    expect(receiver.received).toEqual([]);
  });

  it('fails for 24 hours, then stops, disables the webhook and says why', async () => {
    await disableAll();
    const hook = await addWebhook();
    const started = t.clock.now();
    receiver.answerWith(() => ({ status: 503 }));
    await fire({ id: 'doomed', webhookId: hook.id });
    const disabled: WebhookDisabled[] = [];
    const worker = new WebhookWorker(deps, { onDisabled: async (trx, event) => {
      // The hook runs inside the disabling transaction.
      expect((await trx.selectFrom('webhooks').select('enabled').where('id', '=', event.webhookId).executeTakeFirstOrThrow()).enabled).toBe(0);
      disabled.push(event);
    } });
    let d: Delivery | undefined;
    for (let i = 0; i < 100; i++) {
      await worker.tick();
      [d] = await deliveriesOf(hook.id);
      if (d!.state !== 'pending') break;
      t.clock.set(d!.nextAttemptAt!);
    }
    expect(d!.state).toBe('failed');
    const times = d!.attempts.map((a) => Date.parse(a.at) - started);
    const waits = times.slice(1).map((at, i) => at - times[i]!);
    expect(times.at(-1)).toBe(24 * HOUR);
    expect(d!.attempts.length).toBeGreaterThan(20);
    expect(d!.attempts.length).toBeLessThan(60);
    expect(waits.slice(0, -1).every((w) => w >= 15_000 && w <= HOUR)).toBe(true);
    expect(waits[6]!).toBeGreaterThan(waits[0]!);
    expect(d!.attempts.at(-1)!.nextRetryAt).toBeNull();

    const after = await bodyAs(await admin.request(`/api/webhooks/${hook.id}`), Webhook);
    const since = new Date(started).toISOString();
    expect(after).toMatchObject({ enabled: false, failingSince: since });
    expect(after.disabledReason).toBe(`Every delivery failed for 24 hours (since ${since}); the last try: answered 503: not a 2xx status`);
    expect(disabled).toEqual([{ webhookId: hook.id, url: hook.url, reason: after.disabledReason, at: t.clock.now() }]);
    const audit = await t.db.selectFrom('audit_log').select('type').where('target', '=', `webhook:${hook.id}`).where('type', '=', 'webhook.auto_disabled').execute();
    expect(audit).toHaveLength(1);
    expect(await fire({ id: 'after-disabled', webhookId: hook.id })).toHaveLength(0);

    // Enabled again: the reason and the streak go; a resend goes out.
    receiver.answerWith(() => ({ status: 204 }));
    await expectProblem(await admin.request(`/api/webhooks/${hook.id}/deliveries/${d!.id}/resend`, { method: 'POST' }), 409);
    expect(await bodyAs(await admin.request(`/api/webhooks/${hook.id}`, { method: 'PATCH', json: { enabled: true } }), Webhook)).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    const resent = await admin.request(`/api/webhooks/${hook.id}/deliveries/${d!.id}/resend`, { method: 'POST' });
    expect(resent.status).toBe(202);
    expect(await bodyAs(resent, Delivery)).toMatchObject({ state: 'pending', nextAttemptAt: new Date(t.clock.now()).toISOString() });
    await worker.tick();
    [d] = await deliveriesOf(hook.id);
    expect(d!.state).toBe('delivered');
    expect(d!.attempts.at(-1)).toMatchObject({ statusCode: 204, error: null });
  });

  it('sends a test delivery on request', async () => {
    await disableAll();
    const hook = await addWebhook();
    receiver.received.length = 0;
    const res = await admin.request(`/api/webhooks/${hook.id}/test`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(await bodyAs(res, Delivery)).toMatchObject({ type: 'webhook.test', state: 'pending' });
    await new WebhookWorker(deps).tick();
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'webhook.test', rule: null, call: null });
    expect(receiver.received[0]!.verified).toBe(true);
    await expectProblem(await admin.request(`/api/webhooks/${hook.id}/deliveries/no-such/resend`, { method: 'POST' }), 404);
    await expectProblem(await admin.request(`/api/webhooks/no-such/test`, { method: 'POST' }), 404);
    await expectProblem(await admin.request(`/api/webhooks/${hook.id}/deliveries?limit=501`), 400, ['limit']);
  });

  it('takes over a delivery whose worker died mid-try once its lease runs out', async () => {
    await disableAll();
    const hook = await addWebhook();
    receiver.received.length = 0;
    const [id] = await fire({ id: 'orphaned', webhookId: hook.id });
    await t.db.updateTable('webhook_deliveries').set({ lease_owner: 'a-dead-instance', lease_until: t.clock.now() + 60_000 }).where('id', '=', id!).execute();
    const worker = new WebhookWorker(deps);
    expect(await worker.tick()).toBe(0);
    t.clock.advance(60_000);
    expect(await worker.tick()).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('sends each delivery once with two workers sharing the database', async () => {
    await disableAll();
    const hook = await addWebhook();
    receiver.received.length = 0;
    receiver.answerWith(() => ({ status: 200, delayMs: 20 }));
    for (let i = 0; i < 30; i++) await fire({ id: `shared-${i}`, webhookId: hook.id });
    const workers = [new WebhookWorker(deps), new WebhookWorker(deps)];
    const made = [0, 0];
    for (let round = 0; round < 10; round++) {
      const counts = await Promise.all(workers.map((w) => w.tick()));
      counts.forEach((n, i) => (made[i]! += n));
      if (counts.every((n) => n === 0)) break;
    }
    const ids = receiver.received.map((r) => JSON.parse(r.body).id as string);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(made[0]! + made[1]!).toBe(30);
    if (t.dialect === 'postgres') expect(Math.min(...made), 'both instances took a share').toBeGreaterThan(0);
    receiver.answerWith(() => ({ status: 204 }));
  });

  it('deletes the delivery log with its webhook', async () => {
    const hook = await addWebhook();
    await fire({ id: 'gone', webhookId: hook.id });
    await admin.request(`/api/webhooks/${hook.id}`, { method: 'DELETE' });
    expect(await t.db.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', hook.id).execute()).toEqual([]);
  });
});
